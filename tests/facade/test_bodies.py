"""Reading answers: decoding, the size cap and deep nesting, whatever the status."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator

import httpx
import pytest

import goodmem
from goodmem._body import ERROR_BODY_PREFIX
from tests.conftest import load_fixture
from tests.facade.conftest import Harness

STORED = load_fixture("get_response")
BODY = json.dumps(STORED).encode()


class Chunks(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body that arrives in pieces, for either client; counts what was pulled."""

    def __init__(self, *chunks: bytes) -> None:
        self.chunks = chunks
        self.pulled = 0

    def _pieces(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.pulled += 1
            yield chunk

    def __iter__(self) -> Iterator[bytes]:
        return self._pieces()

    async def __aiter__(self):  # type: ignore[no-untyped-def]
        for chunk in self._pieces():
            yield chunk


def _streamed(status: int, *chunks: bytes, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers, stream=Chunks(*chunks))


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("encoding", "encoded"),
    [
        ("gzip", gzip.compress(BODY)),
        ("x-gzip", gzip.compress(BODY)),
        ("deflate", zlib.compress(BODY)),
        ("deflate", _raw_deflate(BODY)),  # raw deflate, as some servers send it
        ("gzip, deflate", zlib.compress(gzip.compress(BODY))),
        ("identity", BODY),
        ("", BODY),
    ],
    ids=["gzip", "x-gzip", "deflate", "raw-deflate", "gzip-then-deflate", "identity", "none"],
)
def test_encoded_bodies_are_decoded_in_pieces(gm: Harness, encoding: str, encoded: bytes) -> None:
    pieces = [encoded[i : i + 7] for i in range(0, len(encoded), 7)]  # split mid-stream
    gm.recorder.reply(lambda _: _streamed(200, *pieces, **{"content-encoding": encoding}))
    assert gm.call("get", id=STORED["llmId"]).llm_id == STORED["llmId"]
    assert gm.recorder.last.headers["accept-encoding"] == "gzip, deflate"


def test_raw_response_holds_the_decoded_body_and_the_true_headers(gm: Harness) -> None:
    gm.recorder.reply(lambda _: _streamed(200, gzip.compress(BODY), **{"content-encoding": "gzip"}))
    raw = gm.raw("get", id=STORED["llmId"])
    assert raw.content == BODY
    assert raw.headers["content-encoding"] == "gzip"
    assert raw.parse().llm_id == STORED["llmId"]


@pytest.mark.parametrize(
    ("encoding", "body", "pattern"),
    [
        ("br", b"\x0b\x02\x80{}\x03", "Content-Encoding 'br', which the SDK did not ask for"),
        ("gzip", b"not gzip at all", "response body is not valid gzip"),
        ("gzip", gzip.compress(BODY)[:-30], "not JSON"),  # cut short: decodes, then fails
    ],
)
def test_undecodable_success_bodies_are_validation_errors(
    gm: Harness, encoding: str, body: bytes, pattern: str
) -> None:
    gm.recorder.reply(lambda _: _streamed(200, body, **{"content-encoding": encoding}))
    with pytest.raises(goodmem.APIResponseValidationError, match=pattern):
        gm.call("get", id=STORED["llmId"])


def test_undecodable_error_body_still_gives_the_status_error(gm: Harness) -> None:
    gm.recorder.reply(lambda _: _streamed(503, b"garbage", **{"content-encoding": "gzip"}))
    with pytest.raises(goodmem.InternalServerError) as info:
        gm.call("get", id=STORED["llmId"])
    assert info.value.status_code == 503


def test_success_body_over_the_cap_stops_reading() -> None:
    stream = Chunks(*([b" " * 1000] * 100))
    transport = httpx.MockTransport(lambda _: httpx.Response(200, stream=stream))
    client = goodmem.Goodmem(
        "http://gm.test",
        "k",
        max_response_bytes=10_000,
        http_client=httpx.Client(transport=transport),
    )
    with pytest.raises(goodmem.APIResponseTooLargeError) as info:
        client.llms.get(id=STORED["llmId"])
    assert stream.pulled == 11  # the eleventh 1,000-byte piece passed 10,000
    assert info.value.limit == 10_000
    assert isinstance(info.value, goodmem.APIError)


def test_body_in_memory_is_capped_too(gm: Harness) -> None:
    gm.client = gm.client.with_options(max_response_bytes=100)
    gm.recorder.reply(lambda _: httpx.Response(200, content=BODY))
    with pytest.raises(goodmem.APIResponseTooLargeError):
        gm.call("get", id=STORED["llmId"])


def test_error_body_in_memory_keeps_only_a_prefix(gm: Harness) -> None:
    gm.recorder.reply(lambda _: httpx.Response(502, content=b"x" * (ERROR_BODY_PREFIX * 3)))
    with pytest.raises(goodmem.InternalServerError) as info:
        gm.call("get", id=STORED["llmId"])
    assert len(info.value.response.content) == ERROR_BODY_PREFIX


def test_body_in_memory_within_the_cap_is_kept_as_it_is(gm: Harness) -> None:
    gm.recorder.reply(lambda _: httpx.Response(200, content=BODY))
    raw = gm.raw("get", "abc")
    assert raw.content == BODY


def test_error_body_keeps_a_prefix_and_stops_reading(gm: Harness) -> None:
    stream = Chunks(*([b"e" * 10_000] * 1000))
    gm.recorder.reply(lambda _: httpx.Response(500, stream=stream))
    with pytest.raises(goodmem.InternalServerError) as info:
        gm.call("get", id=STORED["llmId"])
    assert len(info.value.response.content) == ERROR_BODY_PREFIX
    assert stream.pulled == 7


DEEP = b"[" * 10_000 + b"]" * 10_000


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, goodmem.BadRequestError),
        (404, goodmem.NotFoundError),
        (500, goodmem.InternalServerError),
        (503, goodmem.InternalServerError),
    ],
)
def test_deeply_nested_error_bodies_give_the_status_error(
    gm: Harness, status: int, error: type
) -> None:
    gm.recorder.reply(lambda _: httpx.Response(status, content=DEEP))
    with pytest.raises(error) as info:
        gm.call("get", id=STORED["llmId"])
    assert info.value.message.startswith("[[[[")
    assert info.value.code is None


@pytest.mark.parametrize(
    "body",
    [
        DEEP,  # orjson's path
        b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
        b"[" * 100_000 + b"1" * 30 + b"]" * 100_000,  # a long integer: the stdlib parser's path
    ],
    ids=["list", "object", "list-with-long-integer"],
)
def test_deeply_nested_success_bodies_are_validation_errors(gm: Harness, body: bytes) -> None:
    gm.recorder.reply(lambda _: httpx.Response(200, content=body))
    with pytest.raises(goodmem.APIResponseValidationError, match="LLMResponse: response body"):
        gm.call("get", id=STORED["llmId"])
