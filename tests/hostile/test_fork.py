"""A client used before os.fork() (gunicorn --preload, multiprocessing, Celery prefork).

Issue 19, item 1. The parent pools a kept-alive connection, forks, and then parent and child
both fetch many different LLMs at once over the same client. Sharing the inherited socket,
each would read answers meant for the other; every answer must be the LLM asked for.
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import anyio
import httpx
import pytest

import goodmem
from goodmem.testing import FakeGoodmem

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

CALLS = 40  # per process, each for another LLM


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[FakeGoodmem, str, list[str]]]:
    fake = FakeGoodmem()
    with fake.client() as client:
        ids = [
            client.llms.create(
                display_name=f"llm {n}",
                model_identifier=f"model-{n}",
                provider_type="OPENAI",
                api_key="sk-test",
            ).llm.llm_id
            for n in range(2 * CALLS)
        ]
    with fake.serve() as server:
        yield fake, server.url, ids


def _fork(child: Callable[[], Any]) -> tuple[int, Callable[[], Any]]:
    """Run `child()` in a forked process; returns its pid and a function that waits for it
    and returns what `child()` returned (JSON), or the repr of what it raised."""
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():  # the test process has threads (the server's)
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        code = 0
        try:
            os.close(read_end)
            try:
                result: Any = {"result": child()}
            except BaseException as exc:
                result = {"raised": type(exc).__name__, "text": str(exc)[:300]}
            os.write(write_end, json.dumps(result).encode())
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)

    def wait() -> Any:
        chunks = []
        while chunk := os.read(read_end, 65536):
            chunks.append(chunk)
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
        assert status == 0, f"child exited with status {status}"
        return json.loads(b"".join(chunks))

    return pid, wait


def _fetch_all(get: Callable[[str], Any], ids: list[str]) -> dict[str, int]:
    """Fetch each id; count the answers that were the LLM asked for, or another, or failed."""
    counts = {"right": 0, "wrong": 0, "failed": 0}
    for llm_id in ids:
        try:
            got = get(llm_id)
        except goodmem.GoodmemError:
            counts["failed"] += 1
        else:
            counts["right" if got == llm_id else "wrong"] += 1
    return counts


def _runner(mode: str) -> Callable[[Callable[[], Any]], Any]:
    if mode == "sync":
        return lambda function: function()
    backend = "asyncio" if mode == "async" else "trio"
    return lambda function: anyio.run(function, backend=backend)


@pytest.mark.parametrize("mode", ["sync", "async", "trio"])
def test_parent_and_child_never_read_each_others_answers(
    served: tuple[FakeGoodmem, str, list[str]], mode: str
) -> None:
    fake, url, ids = served
    run = _runner(mode)
    if mode == "sync":
        client: Any = goodmem.Goodmem(url, fake.api_key, max_retries=0)

        def fetch(chosen: list[str]) -> dict[str, int]:
            return _fetch_all(lambda i: client.llms.get(id=i).llm_id, chosen)
    else:
        client = goodmem.AsyncGoodmem(url, fake.api_key, max_retries=0)

        def fetch(chosen: list[str]) -> dict[str, int]:
            async def all_of_them() -> dict[str, int]:
                counts = {"right": 0, "wrong": 0, "failed": 0}
                for llm_id in chosen:
                    try:
                        got = (await client.llms.get(id=llm_id)).llm_id
                    except goodmem.GoodmemError:
                        counts["failed"] += 1
                    else:
                        counts["right" if got == llm_id else "wrong"] += 1
                return counts

            return run(all_of_them)  # type: ignore[no-any-return]

    fetch(ids[:1])  # the parent pools a connection before forking
    _, wait = _fork(lambda: fetch(ids[1::2]))
    parent = fetch(ids[0::2])
    child = wait()
    print(f"{mode}: parent {parent}, child {child}")
    assert parent == {"right": CALLS, "wrong": 0, "failed": 0}
    assert child == {"result": {"right": CALLS, "wrong": 0, "failed": 0}}
    if mode == "sync":
        client.close()


@pytest.mark.parametrize("mode", ["sync", "async", "trio"])
def test_a_callers_http_client_is_refused_in_the_child(
    served: tuple[FakeGoodmem, str, list[str]], mode: str
) -> None:
    """The SDK cannot rebuild a pool it did not build: ClientStateError, saying what to do."""
    fake, url, ids = served
    run = _runner(mode)
    if mode == "sync":
        client: Any = goodmem.Goodmem(url, fake.api_key, http_client=httpx.Client())

        def get() -> str:
            return str(client.llms.get(id=ids[0]).llm_id)
    else:
        client = goodmem.AsyncGoodmem(url, fake.api_key, http_client=httpx.AsyncClient())

        def get() -> str:
            async def one() -> str:
                return str((await client.llms.get(id=ids[0])).llm_id)

            return run(one)  # type: ignore[no-any-return]

    assert get() == ids[0]
    _, wait = _fork(get)
    child = wait()
    print(f"{mode}: the child got {child}")
    assert child.get("raised") == "ClientStateError", child
    assert "Create the http_client and the client after forking" in child["text"]
    if mode == "sync":
        assert get() == ids[0]  # the parent's client still works
        client.close()


if sys.platform == "win32":  # pragma: no cover
    pytest.skip("no fork on Windows", allow_module_level=True)
