"""`timeout` bounds a whole attempt: trickling headers or bodies end in APITimeoutError.

The trickling servers send a byte every 50 ms, far inside any per-read timeout, for up to 20 s
and then finish a valid answer: a client that is not bounded as a whole gets that answer and
the test fails (no timed assertion needed). The measured durations are printed (-s).
"""

from __future__ import annotations

import asyncio
import json
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

import goodmem
from goodmem.testing import FakeGoodmem
from tests.conftest import load_fixture
from tests.hostile.conftest import Caller
from tests.hostile.server import Connection, HostileServer, Script, response_head

BODY = json.dumps(load_fixture("get_response")).encode()
LLM_ID = load_fixture("get_response")["llmId"]
EVERY = 0.05
GIVE_UP = 20.0  # after this the trickle completes quickly, as a valid answer


def _trickle_headers(conn: Connection) -> None:
    head = response_head(200, content_type="application/json", content_length=len(BODY))
    padding = b"x-padding: " + b"p" * int(GIVE_UP / EVERY) + b"\r\n"
    conn.send(head[: head.index(b"\r\n") + 2])  # the status line, then headers crawl
    conn.trickle(padding, EVERY)
    conn.send(head[head.index(b"\r\n") + 2 :] + BODY)


def _trickle_body(conn: Connection) -> None:
    body = BODY + b" " * int(GIVE_UP / EVERY)  # trailing spaces: still valid JSON
    conn.send(response_head(200, content_type="application/json", content_length=len(body)))
    conn.trickle(body[: int(GIVE_UP / EVERY)], EVERY)
    conn.send(body[int(GIVE_UP / EVERY) :])


@pytest.mark.parametrize("script", [_trickle_headers, _trickle_body], ids=["headers", "body"])
def test_trickle_times_out_at_the_attempt_timeout(caller: Caller, script: Script) -> None:
    with HostileServer(script) as server:
        client = caller.client(server.url, timeout=1.0, max_retries=0)
        started = time.monotonic()
        with pytest.raises(goodmem.APITimeoutError) as info:
            caller.call(client, "get", id=LLM_ID)
        took = time.monotonic() - started
    name = getattr(script, "__name__", "script")
    print(f"{caller.mode} {name}: APITimeoutError after {took:.2f} s (timeout 1.0)")
    assert "(1 attempt)" in str(info.value)


@pytest.mark.parametrize(
    ("mode", "script"),
    [
        ("sync", _trickle_headers),
        ("sync", _trickle_body),
        ("async", _trickle_headers),
        ("async", _trickle_body),
    ],
    ids=["sync-headers", "sync-body", "async-headers", "async-body"],
)
def test_caller_supplied_client_is_bounded_too(mode: str, script: Script) -> None:
    """A caller's pool gets the same network-level deadline as the SDK's own."""
    caller = Caller(mode)
    with HostileServer(script) as server:
        client = caller.client(server.url, timeout=1.0, max_retries=0, http_client="caller")
        with pytest.raises(goodmem.APITimeoutError):
            caller.call(client, "get", id=LLM_ID)
    caller.close()


def _slow_answer(conn: Connection) -> None:
    if conn.server.closing.wait(1.5):
        return
    conn.send(response_head(200, content_type="application/json", content_length=len(BODY)))
    conn.send(BODY)


def test_timeout_none_means_no_timeout(caller: Caller) -> None:
    with HostileServer(_slow_answer) as server:
        hasty = caller.client(server.url, timeout=0.5, max_retries=0)
        with pytest.raises(goodmem.APITimeoutError):  # the server is slow enough to time out
            caller.call(hasty, "get", id=LLM_ID)
        patient = caller.client(server.url, timeout=None, max_retries=0)
        assert (
            caller.call(patient, "get", id=LLM_ID).llm_id == load_fixture("get_response")["llmId"]
        )


def test_waiting_for_a_pooled_connection_does_not_count_against_the_attempt() -> None:
    """One connection, two calls answered after 0.6 s each: the second waits 0.6 s in the pool
    (bounded by the pool timeout), then has its own 1 s; counted from the start, it would fail."""
    fake = FakeGoodmem()
    llm = (
        fake.client()
        .llms.create(display_name="queued", model_identifier="gpt-4o", api_key="sk-test")
        .llm
    )
    fake.faults.delay(0.6, times=2, method="GET")
    limits = httpx.Limits(max_connections=1)
    timeout = httpx.Timeout(1.0, pool=10.0)

    async def run() -> list[str]:
        http = httpx.AsyncClient(limits=limits)
        async with goodmem.AsyncGoodmem(
            server.url, fake.api_key, http_client=http, timeout=timeout, max_retries=0
        ) as client:
            got = await asyncio.gather(*(client.llms.get(id=llm.llm_id) for _ in range(2)))
        await http.aclose()
        return [item.llm_id for item in got]

    with fake.serve() as server:
        assert asyncio.run(run()) == [llm.llm_id] * 2
        with goodmem.Goodmem(server.url, fake.api_key, timeout=timeout, max_retries=0) as client:
            client._http._transport._pool._max_connections = 1  # one connection, as above
            fake.faults.delay(0.6, times=2, method="GET")
            with ThreadPoolExecutor(2) as pool:
                got = list(pool.map(lambda _: client.llms.get(id=llm.llm_id).llm_id, range(2)))
        assert got == [llm.llm_id] * 2


# --- item 19: a caller's cancellation racing the deadline is never a timeout ------------------

RACE_TIMEOUT = 0.2


def _silent_body(conn: Connection) -> None:
    """The head, then silence: the attempt waits for the body until its deadline."""
    conn.send(response_head(200, content_type="application/json", content_length=len(BODY)))
    conn.server.closing.wait(30)


def _trickle_forever(conn: Connection) -> None:
    """The head, then a byte every 20 ms: the deadline passes between two bytes."""
    conn.send(response_head(200, content_type="application/json", content_length=len(BODY)))
    conn.trickle(BODY, 0.02)


async def _race_asyncio(client: goodmem.AsyncGoodmem, cancel_at: float) -> str:
    """Cancel the call's task natively `cancel_at` s after it starts, while the event loop
    is blocked across both that moment and the deadline: both cancellations then land in
    the same loop iteration, before the task runs again."""
    loop = asyncio.get_running_loop()
    task = asyncio.ensure_future(client.llms.get(id=LLM_ID))
    start = loop.time()
    loop.call_at(start + RACE_TIMEOUT - 0.03, time.sleep, 0.08)  # blocks the loop
    cancelled: list[bool] = []
    loop.call_at(start + cancel_at, lambda: cancelled.append(task.cancel()))
    try:
        await task
    except asyncio.CancelledError:
        return "cancelled"
    except goodmem.APITimeoutError:
        return "timeout" if cancelled == [True] else "timeout, not cancelled in time"
    return "result"


async def _race_trio(client: goodmem.AsyncGoodmem, cancel_at: float) -> str:
    """The same with trio: the caller's cancel scope and the deadline expire in one tick."""
    import trio

    start = trio.current_time()

    async def block() -> None:
        await trio.sleep_until(start + RACE_TIMEOUT - 0.03)
        time.sleep(0.08)  # blocks the run

    async with trio.open_nursery() as nursery:
        nursery.start_soon(block)
        with trio.CancelScope(deadline=start + cancel_at) as outer:
            try:
                await client.llms.get(id=LLM_ID)
            except goodmem.APITimeoutError:
                return "timeout"
            return "result"
    assert outer.cancelled_caught
    return "cancelled"


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
@pytest.mark.parametrize("own_pool", [True, False], ids=["sdk-pool", "caller-pool"])
@pytest.mark.parametrize("script", [_silent_body, _trickle_forever], ids=["silent", "trickle"])
@pytest.mark.parametrize("when", [-0.01, 0.01], ids=["just-before", "just-after"])
def test_a_callers_cancellation_racing_the_deadline_propagates(
    backend: str, own_pool: bool, script: Script, when: float
) -> None:
    """The caller cancels the call just before or just after its deadline, and both take
    effect at once (the event loop was busy). The caller's cancellation must win: Python
    3.10 has no cancellation counts, so a cancel scope could take it for its own; and under
    trio, or once the attempt has stopped awaiting, an attempt that timed out could
    return its timeout past the caller's cancelled scope."""
    import anyio

    with HostileServer(script) as server:
        outcomes = []
        for _ in range(2):

            async def once() -> str:
                http = None if own_pool else httpx.AsyncClient()
                client = goodmem.AsyncGoodmem(
                    server.url, "k", timeout=RACE_TIMEOUT, max_retries=0, http_client=http
                )
                race = _race_asyncio if backend == "asyncio" else _race_trio
                try:
                    return await race(client, RACE_TIMEOUT + when)
                finally:
                    await (client.aclose() if http is None else http.aclose())

            outcomes.append(anyio.run(once, backend=backend))
    print(f"{backend} {'sdk' if own_pool else 'caller'} {when:+}: {outcomes}")
    assert outcomes == ["cancelled"] * 2


# --- item 11: the deadline survives every httpx.Timeout shape ---------------------------------


def _trickle_body_briefly(conn: Connection) -> None:
    """A byte of the body every 50 ms for 6 s, then the rest: a valid answer, too late."""
    body = BODY + b" " * 120
    conn.send(response_head(200, content_type="application/json", content_length=len(body)))
    conn.trickle(body[:120], EVERY)
    conn.send(body[120:])


SHAPES = {
    "pool=None": httpx.Timeout(0.3, pool=None),
    "connect=None": httpx.Timeout(0.3, connect=None),
    "read-only": httpx.Timeout(None, read=0.3),
}


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("where", ["client", "call", "caller-pool"])
def test_every_timeout_shape_bounds_a_trickled_body(caller: Caller, shape: str, where: str) -> None:
    timeout = SHAPES[shape]
    with HostileServer(_trickle_body_briefly) as server:
        options: dict[str, Any] = {"max_retries": 0}
        if where == "caller-pool":
            options["http_client"] = "caller"
        if where != "call":
            options["timeout"] = timeout
        client = caller.client(server.url, **options)
        per_call = {"timeout": timeout} if where == "call" else {}
        started = time.monotonic()
        with pytest.raises(goodmem.APITimeoutError):
            caller.call(client, "get", id=LLM_ID, **per_call)
        took = time.monotonic() - started
    print(f"{caller.mode} {where} {shape}: APITimeoutError after {took:.2f} s")


BAD_TIMEOUTS = {
    "inf": float("inf"),
    "-inf": float("-inf"),
    "nan": float("nan"),
    "1e10": 1e10,
    "1e300": 1e300,
    "-1": -1,
    "Timeout(read=inf)": httpx.Timeout(5.0, read=float("inf")),
    "Timeout(nan)": httpx.Timeout(float("nan")),
    "Timeout(pool=1e10)": httpx.Timeout(5.0, pool=1e10),
}


@pytest.mark.parametrize("name", list(BAD_TIMEOUTS))
def test_timeout_values_are_checked_before_anything_is_sent(caller: Caller, name: str) -> None:
    bad = BAD_TIMEOUTS[name]
    with HostileServer(_trickle_body_briefly) as server:
        with pytest.raises(ValueError, match="timeout") as at_construction:
            caller.client(server.url, timeout=bad)
        client = caller.client(server.url, max_retries=0)
        with pytest.raises(ValueError, match="timeout") as in_with_options:
            client.with_options(timeout=bad)
        with pytest.raises(ValueError, match="timeout") as per_call:
            caller.call(client, "get", id=LLM_ID, timeout=bad)
        requests = server.requests
    print(f"{name}: {at_construction.value}")
    for info in (at_construction, in_with_options, per_call):
        assert type(info.value) is ValueError  # not OverflowError, nor one from a socket
    assert requests == []
