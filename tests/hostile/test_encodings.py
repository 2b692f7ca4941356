"""Content-Encoding: bounded stacks, iterative decoding, and the forms real servers send.

Issue 19, items 6 and 7. Memory is measured in a fresh child process (peak RSS over the
baseline after a warm-up call; printed with -s).
"""

from __future__ import annotations

import gzip
import json
import zlib

import pytest

import goodmem
from tests.conftest import load_fixture
from tests.hostile.conftest import Caller
from tests.hostile.measure import WARMUP_BODY, WARMUP_ID, needs_proc, peak_in_child
from tests.hostile.server import Connection, HostileServer, response_head

REAL = load_fixture("get_response")
LLM_ID = REAL["llmId"]
BODY = json.dumps(REAL).encode()


def _encoded(conn: Connection, body: bytes, encoding: str, *, first: int = 0) -> None:
    """Answer with `body` under Content-Encoding `encoding`; with `first`, send that many
    bytes of it alone, then (after a pause, so they arrive as their own chunk) the rest.
    A measurement's warm-up call gets a small plain answer."""
    if WARMUP_ID in conn.request_line:
        conn.send(response_head(200, content_length=len(WARMUP_BODY)) + WARMUP_BODY)
        return
    head = response_head(
        200, content_type="application/json", content_encoding=encoding, content_length=len(body)
    )
    if not first:
        conn.send(head + body)
        return
    conn.send(head + body[:first])
    if conn.server.closing.wait(0.2):
        return
    conn.send(body[first:])


def _gzip_layers(data: bytes, layers: int) -> bytes:
    for _ in range(layers):
        data = gzip.compress(data, compresslevel=1, mtime=0)
    return data


# --- item 6: Content-Encoding is bounded ------------------------------------------------------


def test_three_stacked_encodings_are_read(caller: Caller) -> None:
    body = _gzip_layers(BODY, 3)
    with HostileServer(lambda conn: _encoded(conn, body, "gzip, gzip, gzip")) as server:
        client = caller.client(server.url, max_retries=0)
        assert caller.call(client, "get", id=LLM_ID).llm_id == LLM_ID


@pytest.mark.parametrize("layers", [4, 1200])
def test_more_stacked_encodings_are_a_typed_error(caller: Caller, layers: int) -> None:
    body = _gzip_layers(BODY, layers)
    header = ", ".join(["gzip"] * layers)
    with HostileServer(lambda conn: _encoded(conn, body, header)) as server:
        client = caller.client(server.url, max_retries=2)
        with pytest.raises(goodmem.APIResponseValidationError) as info:
            caller.call(client, "get", id=LLM_ID)
        attempts = len(server.requests)
    print(f"{caller.mode} {layers} layers: {info.value}")
    assert f"{layers} Content-Encodings" in str(info.value)
    assert attempts == 1  # not retried: the same answer would come back


@needs_proc
@pytest.mark.parametrize("cls", ["Goodmem", "AsyncGoodmem"])
def test_a_header_naming_gzip_19000_times_costs_no_memory(cls: str) -> None:
    """8 concurrent answers whose Content-Encoding lists gzip 19,000 times (95 KB, within
    httpcore's head limit): refused before a decoder exists, so memory hardly moves."""
    header = ",".join(["gzip"] * 19_000)
    body = gzip.compress(BODY, mtime=0)
    with HostileServer(lambda conn: _encoded(conn, body, header)) as server:
        result = peak_in_child(cls, server.url, LLM_ID, count=8)
    print(f"{cls}: gzip x 19,000, 8 concurrent: peak RSS grew {result['grew_kib'] / 1024:.1f} MiB")
    assert result["outcomes"] == ["APIResponseValidationError"]
    assert result["grew_kib"] < 32 * 1024


# --- item 7: decoding interop -----------------------------------------------------------------


def _deflate(data: bytes, raw: bool) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize("raw", [True, False], ids=["raw-deflate", "zlib-deflate"])
@pytest.mark.parametrize("first", [1, 2, 0], ids=["first-1-byte", "first-2-bytes", "whole"])
def test_deflate_in_either_form_whatever_its_first_chunk(
    caller: Caller, raw: bool, first: int
) -> None:
    body = _deflate(BODY, raw)
    with HostileServer(lambda conn: _encoded(conn, body, "deflate", first=first)) as server:
        client = caller.client(server.url, max_retries=0)
        llm = caller.call(client, "get", id=LLM_ID)
    assert llm.to_dict() == REAL


@pytest.mark.parametrize("members", [2, 5])
def test_multi_member_gzip_is_read_whole(caller: Caller, members: int) -> None:
    """As `cat a.gz b.gz` (or gzip on a stream, flushed) makes: every member counts."""
    step = -(-len(BODY) // members)
    parts = [BODY[i : i + step] for i in range(0, len(BODY), step)]
    body = b"".join(gzip.compress(part, mtime=0) for part in parts)
    with HostileServer(lambda conn: _encoded(conn, body, "gzip", first=7)) as server:
        client = caller.client(server.url, max_retries=0)
        llm = caller.call(client, "get", id=LLM_ID)
    assert llm.to_dict() == REAL
