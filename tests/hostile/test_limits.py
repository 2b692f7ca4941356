"""Response size: the decoded-size cap, error-body prefixes and a gzip bomb, over real sockets."""

from __future__ import annotations

import json

import pytest

import goodmem
from tests.conftest import load_fixture
from tests.hostile.conftest import Caller
from tests.hostile.measure import WARMUP_BODY, needs_proc, peak_in_child
from tests.hostile.server import (
    Connection,
    HostileServer,
    endless_chunks,
    gzip_bomb,
    gzipped,
    response_head,
)

LLM_ID = load_fixture("get_response")["llmId"]
MiB = 2**20
ERROR_BODY_PREFIX = 64 * 2**10  # what an exception keeps of a body (documented: 64 KiB)


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


@needs_proc
@pytest.mark.parametrize("cls", ["Goodmem", "AsyncGoodmem"])
def test_gzip_bomb_keeps_peak_memory_low(cls: str) -> None:
    """1 MiB of gzip inflating to 1 GiB: the peak RSS of a fresh process grows < 100 MiB."""
    bomb = gzip_bomb()

    def answer(conn: Connection) -> None:
        body = bomb if LLM_ID in conn.request_line else gzipped(WARMUP_BODY)
        head = response_head(
            200, content_type="application/json", content_encoding="gzip", content_length=len(body)
        )
        conn.send(head + body)

    with HostileServer(answer) as server:
        result = peak_in_child(cls, server.url, LLM_ID)
    print(f"{cls}: peak RSS grew {result['grew_kib'] / 1024:.1f} MiB for the 1 GiB gzip bomb")
    assert result["outcomes"] == ["APIResponseTooLargeError"]
    assert result["grew_kib"] < 100 * 1024


# --- item 8: parse amplification is bounded ---------------------------------------------------

PARSE_BUDGET = 256 * MiB
"""The most one parsed response may add to the peak RSS (issue 19)."""


def _dense_body(shape: bytes, size: int) -> bytes:
    """The documented LLM whose clientConfig holds `shape` repeated: `size` bytes in all."""
    record = dict(load_fixture("get_response"))
    record["clientConfig"] = "CONFIG"
    before, after = json.dumps(record).encode().split(b'"CONFIG"')
    before += b'{"a": ['
    after = b"]}" + after
    count = (size - len(before) - len(after) + 1) // (len(shape) + 1)
    body = before + b",".join([shape] * count) + after
    assert size - len(shape) - 1 <= len(body) <= size
    return body


@needs_proc
@pytest.mark.parametrize(
    "shape",
    [b"{}", b'{"":{"":{}}}', b"list"],
    ids=["empty-objects", "nested-objects", "realistic-list"],
)
@pytest.mark.parametrize("cls", ["Goodmem", "AsyncGoodmem"])
def test_the_default_cap_bounds_the_memory_of_a_parsed_answer(cls: str, shape: bytes) -> None:
    """The densest JSON just under the default cap, gzip-compressed (a few KiB on the wire):
    parsing it must add at most 256 MiB to the peak RSS. `{"":{"":{}}}` is the densest shape
    found (about 51 bytes of Python objects per byte on CPython 3.10, 44 on 3.13); a list
    of fully populated LLMs just under the cap is the realistic largest answer."""
    cap = goodmem.DEFAULT_MAX_RESPONSE_BYTES
    if shape == b"list":
        item = load_fixture("get_response")
        one = len(json.dumps(item)) + 2
        body = json.dumps({"llms": [item] * ((cap - 20) // one)}).encode()
        llms = (cap - 20) // one
    else:
        body = _dense_body(shape, cap - 16)
        llms = 0
    packed = gzipped(body)

    def answer(conn: Connection) -> None:
        measured = LLM_ID in conn.request_line or "/v1/llms " in conn.request_line
        data = packed if measured else gzipped(WARMUP_BODY)
        head = response_head(
            200, content_type="application/json", content_encoding="gzip", content_length=len(data)
        )
        conn.send(head + data)

    with HostileServer(answer) as server:
        method = "list" if shape == b"list" else "get"
        result = peak_in_child(cls, server.url, LLM_ID, method=method)
    grew = result["grew_kib"] / 1024
    what = f"a list of {llms:,} LLMs" if llms else f"{shape.decode()} repeated"
    print(
        f"{cls}: {what}, {len(body) / MiB:.2f} MiB ({len(packed) / 1024:.0f} KiB gzip) "
        f"under the {cap / MiB:.0f} MiB cap: peak RSS grew {grew:.0f} MiB"
    )
    assert result["outcomes"] == ["no error"]
    assert result["grew_kib"] * 1024 <= PARSE_BUDGET
