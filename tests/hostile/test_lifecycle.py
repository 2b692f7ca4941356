"""A client's life: closed, copied, moved between event loops, and under trio.

Issue 19, items 14 and 15. Every misuse is a ClientStateError (a GoodmemError) saying what to
do, or just works where that is safe; AsyncGoodmem runs under trio as under asyncio.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import anyio
import httpx
import pytest

import goodmem
from goodmem.testing import FakeGoodmem
from tests.hostile.conftest import MODES

BACKENDS = ["asyncio", "trio"]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[FakeGoodmem, str, str]]:
    """A kept-alive HTTP server (the embedded GoodMem) holding one LLM: (fake, url, its id)."""
    fake = FakeGoodmem()
    with fake.client() as client:
        llm_id = client.llms.create(
            display_name="alive", model_identifier="gpt-4o", api_key="sk-test"
        ).llm.llm_id
    with fake.serve() as server:
        yield fake, server.url, llm_id


def _state_error(mode: str, action: Callable[[], Any]) -> goodmem.GoodmemError:
    """What `action()` raised: it must be the SDK's ClientStateError (async: awaited)."""
    state_error = getattr(goodmem, "ClientStateError", goodmem.GoodmemError)
    with pytest.raises(goodmem.GoodmemError) as info:
        if mode == "sync":
            action()
        else:
            anyio.run(action, backend="trio" if mode == "trio" else "asyncio")
    assert isinstance(info.value, state_error), repr(info.value)
    assert type(info.value).__name__ == "ClientStateError"
    return info.value


def _make(mode: str, url: str, key: str, caller_pool: bool) -> Any:
    if mode == "sync":
        http: Any = httpx.Client() if caller_pool else None
        return goodmem.Goodmem(url, key, max_retries=0, http_client=http)
    http = httpx.AsyncClient() if caller_pool else None
    return goodmem.AsyncGoodmem(url, key, max_retries=0, http_client=http)


def _run(mode: str, function: Callable[[], Any]) -> Any:
    if mode == "sync":
        return function()
    return anyio.run(function, backend="trio" if mode == "trio" else "asyncio")


# --- item 14: every lifecycle misuse is typed -----------------------------------------------


@pytest.mark.parametrize("caller_pool", [False, True], ids=["sdk-pool", "caller-pool"])
@pytest.mark.parametrize("mode", MODES)
def test_a_call_after_close_is_a_client_state_error(
    served: tuple[FakeGoodmem, str, str], mode: str, caller_pool: bool
) -> None:
    fake, url, llm_id = served
    client = _make(mode, url, fake.api_key, caller_pool)

    def get() -> Any:
        return client.llms.get(id=llm_id)

    async def use_then_close() -> None:
        await client.llms.get(id=llm_id)
        await client.aclose()

    if mode == "sync":
        get()
        client.close()
    else:
        _run(mode, use_then_close)
    error = _state_error(mode, get)
    print(f"{mode}: {error}")
    assert "was closed" in str(error)
    assert "Create a new client" in str(error)


@pytest.mark.parametrize("mode", MODES)
def test_a_with_options_copy_after_its_parent_closed(
    served: tuple[FakeGoodmem, str, str], mode: str
) -> None:
    fake, url, llm_id = served
    parent = _make(mode, url, fake.api_key, caller_pool=False)
    copy = parent.with_options(timeout=5.0)
    other = parent.with_options(max_retries=1)

    async def close_copy_then_use_parent() -> str:
        await other.aclose()
        return str((await parent.llms.get(id=llm_id)).llm_id)

    async def close_parent() -> None:
        await parent.aclose()

    if mode == "sync":
        other.close()  # closing a copy leaves its parent working
        assert parent.llms.get(id=llm_id).llm_id == llm_id
        parent.close()
    else:
        assert _run(mode, close_copy_then_use_parent) == llm_id
        _run(mode, close_parent)
    error = _state_error(mode, lambda: copy.llms.get(id=llm_id))
    print(f"{mode}: {error}")
    assert "the client it was copied from was closed" in str(error)


@pytest.mark.parametrize("second", BACKENDS)
@pytest.mark.parametrize("first", BACKENDS)
def test_an_sdk_built_async_client_follows_the_caller_into_a_new_event_loop(
    served: tuple[FakeGoodmem, str, str], first: str, second: str
) -> None:
    """Its pool belonged to the first loop (closed, after asyncio.run returned): a new one
    serves the next loop, under either library."""
    fake, url, llm_id = served
    client = goodmem.AsyncGoodmem(url, fake.api_key, max_retries=0)

    async def get() -> str:
        return str((await client.llms.get(id=llm_id)).llm_id)

    assert anyio.run(get, backend=first) == llm_id
    assert anyio.run(get, backend=second) == llm_id
    assert anyio.run(get, backend=first) == llm_id

    async def close() -> None:
        await client.aclose()

    anyio.run(close, backend=first)


@pytest.mark.parametrize("second", BACKENDS)
@pytest.mark.parametrize("first", BACKENDS)
def test_a_callers_async_http_client_in_a_new_event_loop_is_a_client_state_error(
    served: tuple[FakeGoodmem, str, str], first: str, second: str
) -> None:
    """The caller's pool keeps a connection of the first loop, which the SDK cannot replace:
    ClientStateError, saying what to do. (A trio socket outlives its trio.run: trio then
    trio just works.)"""
    fake, url, llm_id = served
    http = httpx.AsyncClient()
    client = goodmem.AsyncGoodmem(url, fake.api_key, max_retries=0, http_client=http)

    async def get() -> str:
        return str((await client.llms.get(id=llm_id)).llm_id)

    assert anyio.run(get, backend=first) == llm_id
    if first == second == "trio":
        assert anyio.run(get, backend=second) == llm_id
        return
    error = _state_error("trio" if second == "trio" else "async", get)
    print(f"{first} then {second}: {error}")
    assert "create it (and the AsyncGoodmem) in the loop that uses it" in str(error)


@pytest.mark.parametrize("kind", ["client", "async_client"])
def test_the_in_process_client_of_goodmem_testing_is_closed_like_any_other(kind: str) -> None:
    """Users' tests run on FakeGoodmem().client(): a call after close() must fail there too,
    as it would against a real server."""
    fake = FakeGoodmem()
    client = getattr(fake, kind)()
    if kind == "client":
        client.llms.list()
        client.close()
        _state_error("sync", client.llms.list)
    else:

        async def list_then_close() -> None:
            await client.llms.list()
            await client.aclose()

        asyncio.run(list_then_close())
        for mode in ("async", "trio"):
            _state_error(mode, client.llms.list)


# --- item 15: AsyncGoodmem under trio -------------------------------------------------------


def test_every_method_runs_under_trio(served: tuple[FakeGoodmem, str, str]) -> None:
    """create, get, list, update, delete and a raw response under trio.run, over a socket,
    with retries and their sleeps (a 503 first); no asyncio call on the way."""
    import trio

    fake, url, _ = served
    fake.faults.enqueue(503, b'{"error": {"code": "UNAVAILABLE", "message": "busy"}}')

    async def main() -> list[str]:
        async with goodmem.AsyncGoodmem(url, fake.api_key, max_retries=1) as client:
            created = (
                await client.llms.create(
                    display_name="trio", model_identifier="gpt-4o-mini", api_key="sk-test"
                )
            ).llm
            got = await client.llms.get(id=created.llm_id)
            listed = await client.llms.list()
            updated = await client.llms.update(created.llm_id, display_name="trio 2")
            raw = await client.llms.with_raw_response.get(id=created.llm_id)
            await client.llms.delete(id=created.llm_id)
            return [
                got.display_name,
                str(created.llm_id in [llm.llm_id for llm in listed]),
                updated.display_name,
                str(raw.status_code),
            ]

    assert trio.run(main) == ["trio", "True", "trio 2", "200"]
