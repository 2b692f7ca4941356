"""Response size: the decoded-size cap, error-body prefixes and a gzip bomb, over real sockets."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import goodmem
from goodmem._body import ERROR_BODY_PREFIX
from tests.conftest import load_fixture
from tests.hostile.conftest import Caller
from tests.hostile.server import (
    Connection,
    HostileServer,
    endless_chunks,
    gzip_bomb,
    gzipped,
    response_head,
)

LLM_ID = load_fixture("get_response")["llmId"]
ROOT = Path(__file__).resolve().parents[2]
MiB = 2**20


def _endless_200(conn: Connection) -> None:
    conn.send(response_head(200, content_type="application/json", transfer_encoding="chunked"))
    endless_chunks(conn, b"[" + b" " * 65534 + b"]", limit=512 * MiB)


def test_endless_chunked_success_stops_at_the_cap(caller: Caller) -> None:
    with HostileServer(_endless_200) as server:
        client = caller.client(server.url, max_retries=0, max_response_bytes=MiB)
        with pytest.raises(goodmem.APIResponseTooLargeError) as info:
            caller.call(client, "list")
        sent = server.sent
    assert info.value.limit == MiB
    assert "max_response_bytes=1048576" in str(info.value)
    assert len(info.value.response.content) <= ERROR_BODY_PREFIX  # the exception stays small
    assert sent < 64 * MiB  # the client hung up; it did not drain 512 MiB


def test_the_cap_is_per_client_and_with_options(caller: Caller) -> None:
    body = json.dumps({"llms": [load_fixture("get_response")] * 300}).encode()  # ~0.3 MB

    def answer(conn: Connection) -> None:
        conn.send(response_head(200, content_type="application/json", content_length=len(body)))
        conn.send(body)

    with HostileServer(answer) as server:
        small = caller.client(server.url, max_retries=0, max_response_bytes=len(body) - 1)
        with pytest.raises(goodmem.APIResponseTooLargeError):
            caller.call(small, "list")
        exact = caller.client(server.url, max_retries=0).with_options(max_response_bytes=len(body))
        assert len(caller.call(exact, "list")) == 300


def test_gzip_counts_decoded_bytes(caller: Caller) -> None:
    body = json.dumps({"llms": [load_fixture("get_response")] * 300}).encode()
    packed = gzipped(body)

    def answer(conn: Connection) -> None:
        head = response_head(
            200,
            content_type="application/json",
            content_encoding="gzip",
            content_length=len(packed),
        )
        conn.send(head + packed)

    with HostileServer(answer) as server:
        fits = caller.client(server.url, max_retries=0, max_response_bytes=len(body))
        assert len(caller.call(fits, "list")) == 300
        tight = caller.client(server.url, max_retries=0, max_response_bytes=len(packed) * 2)
        with pytest.raises(goodmem.APIResponseTooLargeError):
            caller.call(tight, "list")


def test_endless_error_body_keeps_a_prefix_and_is_not_drained(caller: Caller) -> None:
    def answer(conn: Connection) -> None:
        conn.send(response_head(503, content_type="text/plain", transfer_encoding="chunked"))
        endless_chunks(conn, b"overloaded " * 6000, limit=512 * MiB)

    with HostileServer(answer) as server:
        client = caller.client(server.url, max_retries=0)
        with pytest.raises(goodmem.InternalServerError) as info:
            caller.call(client, "get", id=LLM_ID)
        sent = server.sent
    assert len(info.value.response.content) == ERROR_BODY_PREFIX
    assert info.value.message.startswith("overloaded overloaded")
    assert len(info.value.message) == 500
    assert sent < 64 * MiB


_CHILD = textwrap.dedent(
    """
    import json, resource, sys
    import goodmem

    client = goodmem.{cls}(sys.argv[1], "k", max_retries=0)
    run = {run}
    run(lambda: client.llms.list())  # warm up: imports, the pool, a gzip body
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        run(lambda: client.llms.get(id="bomb"))
        outcome = "no error"
    except goodmem.GoodmemError as exc:
        outcome = type(exc).__name__
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({{"outcome": outcome, "grew_kib": after - before, "peak_kib": after}}))
    """
)
_RUNNERS = {
    "Goodmem": "lambda call: call()",
    "AsyncGoodmem": "lambda call: __import__('asyncio').run(call())",
}


@pytest.mark.parametrize("cls", ["Goodmem", "AsyncGoodmem"])
def test_gzip_bomb_keeps_peak_memory_low(cls: str) -> None:
    """1 MiB of gzip inflating to 1 GiB: the peak RSS of a fresh process grows < 100 MiB."""
    bomb = gzip_bomb()
    small = gzipped(b'{"llms": []}')

    def answer(conn: Connection) -> None:
        body = bomb if "/bomb" in conn.request_line else small
        head = response_head(
            200, content_type="application/json", content_encoding="gzip", content_length=len(body)
        )
        conn.send(head + body)

    with HostileServer(answer) as server:
        child = subprocess.run(
            [sys.executable, "-c", _CHILD.format(cls=cls, run=_RUNNERS[cls]), server.url],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
            check=False,
        )
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout)
    print(f"{cls}: peak RSS grew {result['grew_kib'] / 1024:.1f} MiB for the 1 GiB gzip bomb")
    assert result["outcome"] == "APIResponseTooLargeError"
    assert result["grew_kib"] < 100 * 1024
