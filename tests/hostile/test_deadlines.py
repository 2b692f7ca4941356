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
