"""What a server answers, read faithfully: framing, JSON, charsets and the messages made of it.

Issue 19, items 5, 9, 13 and 17.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import goodmem
from tests.conftest import load_fixture
from tests.hostile.conftest import Caller
from tests.hostile.server import Connection, HostileServer, response_head

REAL = load_fixture("get_response")
LLM_ID = REAL["llmId"]
OTHER_ID = "11111111-1111-4111-8111-111111111111"


def _json_answer(conn: Connection, body: bytes, status: int = 200, **headers: Any) -> None:
    headers.setdefault("content_type", "application/json")
    conn.send(response_head(status, content_length=len(body), **headers) + body)


# --- item 13: no response smuggling after a bodiless status ---------------------------------


@pytest.mark.parametrize("status", [204, 304])
@pytest.mark.parametrize("own_pool", [True, False], ids=["sdk-pool", "caller-pool"])
def test_bytes_after_a_bodiless_answer_are_not_the_next_answer(
    caller: Caller, status: int, own_pool: bool
) -> None:
    """A 204 (or 304) with a whole response after its head, on a kept-alive connection: the
    next call must not read that response as its own; its connection is dropped instead."""
    smuggled = json.dumps({"llms": [{**REAL, "llmId": OTHER_ID, "displayName": "SMUGGLED"}]})

    def script(conn: Connection) -> None:
        if not conn.request_line.startswith("DELETE"):
            _json_answer(conn, json.dumps({"llms": [REAL]}).encode())
            return
        inner = smuggled.encode()
        conn.send(
            response_head(status, keep_alive=True, content_length=len(inner))
            + response_head(200, keep_alive=True, content_type="application/json")[:-2]
            + f"content-length: {len(inner)}\r\n\r\n".encode()
            + inner
        )
        conn.next_request()  # a client that reused the connection has read the smuggled one
        conn.server.closing.wait(10)

    with HostileServer(script) as server:
        options: dict[str, Any] = {} if own_pool else {"http_client": "caller"}
        client = caller.client(server.url, max_retries=0, **options)
        try:
            caller.call(client, "delete", id=LLM_ID)
        except goodmem.APIStatusError as exc:  # 304 is no success
            assert exc.status_code == status
        listed = caller.call(client, "list")
        print(f"{caller.mode} {status}: {server.connections} connections, {server.requests}")
    assert [llm.display_name for llm in listed] == [REAL["displayName"]]
    assert server.connections == 2


def test_get_checks_the_answer_is_for_the_id_asked(caller: Caller) -> None:
    other = json.dumps({**REAL, "llmId": OTHER_ID}).encode()
    with HostileServer(lambda conn: _json_answer(conn, other)) as server:
        client = caller.client(server.url, max_retries=0)
        with pytest.raises(goodmem.APIResponseValidationError) as info:
            caller.call(client, "get", id=LLM_ID)
    assert info.value.field == "llmId"
    assert OTHER_ID in str(info.value)


# --- item 5: error bodies never break decoding, whatever charset they name ------------------

CHARSETS = ["idna", "rot13", "hex", "zlib_codec", "base64", "undefined", "no-such-charset", "utf-7"]


@pytest.mark.parametrize("charset", CHARSETS)
def test_an_error_body_in_any_charset_is_the_status_error(caller: Caller, charset: str) -> None:
    body = "the request was bad: caf\u00e9 \u2603".encode()

    def script(conn: Connection) -> None:
        conn.send(
            response_head(
                400, content_type=f"text/plain; charset={charset}", content_length=len(body)
            )
            + body
        )

    with HostileServer(script) as server:
        client = caller.client(server.url, max_retries=0)
        with pytest.raises(goodmem.BadRequestError) as info:
            caller.call(client, "get", id=LLM_ID)
    print(f"{caller.mode} {charset}: {info.value.message!r}")
    assert info.value.status_code == 400
    assert info.value.message  # some text, whatever the codec made of it
    assert isinstance(info.value.body, str)


@pytest.mark.parametrize("charset", ["hex", "zlib_codec", "no-such-charset"])
def test_a_503_in_an_odd_charset_is_still_retried(
    caller: Caller, charset: str, no_sleep: list[float]
) -> None:
    body = b"overloaded, try again"

    def script(conn: Connection) -> None:
        if len(conn.server.requests) < 3:
            head = response_head(
                503, content_type=f"text/plain; charset={charset}", content_length=len(body)
            )
            conn.send(head + body)
        else:
            _json_answer(conn, json.dumps(REAL).encode())

    with HostileServer(script) as server:
        client = caller.client(server.url, max_retries=3)
        llm = caller.call(client, "get", id=LLM_ID)
        attempts = len(server.requests)
    assert llm.llm_id == LLM_ID
    assert attempts == 3
    assert len(no_sleep) == 2


# --- item 9: JSON is read the same at every size --------------------------------------------

BIG = 2**96
MiB = 2**20


def _llm_body(client_config: str, pad: int, bom: bool = False) -> bytes:
    """The documented LLM with `client_config` (raw JSON text), padded to `pad` bytes."""
    record = dict(REAL)
    record["clientConfig"] = "CLIENT_CONFIG"
    record["description"] = "x" * pad
    text = json.dumps(record).replace('"CLIENT_CONFIG"', client_config)
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


@pytest.mark.parametrize("pad", [0, 9 * MiB], ids=["1KiB", "9MiB"])
def test_integers_past_64_bits_stay_exact_at_every_size(caller: Caller, pad: int) -> None:
    body = _llm_body(f'{{"big": {BIG}, "negative": {-BIG}, "small": 7}}', pad)
    with HostileServer(lambda conn: _json_answer(conn, body)) as server:
        client = caller.client(server.url, max_retries=0, max_response_bytes=16 * MiB)
        llm = caller.call(client, "get", id=LLM_ID)
    config = llm.client_config.additional_properties
    assert config == {"big": BIG, "negative": -BIG, "small": 7}
    assert type(config["big"]) is int


@pytest.mark.parametrize("pad", [0, 9 * MiB], ids=["1KiB", "9MiB"])
@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_nan_and_infinity_are_refused_at_every_size(
    caller: Caller, pad: int, constant: str
) -> None:
    body = _llm_body(f'{{"x": {constant}}}', pad)
    with HostileServer(lambda conn: _json_answer(conn, body)) as server:
        client = caller.client(server.url, max_retries=0, max_response_bytes=16 * MiB)
        with pytest.raises(goodmem.APIResponseValidationError) as info:
            caller.call(client, "get", id=LLM_ID)
    assert "not JSON" in str(info.value)


@pytest.mark.parametrize("pad", [0, 9 * MiB], ids=["1KiB", "9MiB"])
def test_a_utf8_bom_is_accepted_at_every_size(caller: Caller, pad: int) -> None:
    body = _llm_body(f'{{"big": {BIG}}}', pad, bom=True)
    with HostileServer(lambda conn: _json_answer(conn, body)) as server:
        client = caller.client(server.url, max_retries=0, max_response_bytes=16 * MiB)
        llm = caller.call(client, "get", id=LLM_ID)
    assert llm.client_config.additional_properties == {"big": BIG}


# --- item 17: messages can't forge log lines ------------------------------------------------

FORGED = "denied\r\n2026-01-01 INFO goodmem: all good\x1b[2J\x1b]0;pwned\x07\u2028\x9b31m"


def _has_control(text: str) -> bool:
    return any((ord(c) < 32 and c != "\t") or 0x7F <= ord(c) <= 0x9F for c in text) or any(
        c in text for c in "\u2028\u2029"
    )


def test_control_characters_from_the_server_are_escaped(caller: Caller) -> None:
    error = {"error": {"code": "BAD\x1b[31mCODE\n", "message": FORGED}}
    body = json.dumps(error).encode()
    with HostileServer(
        lambda conn: _json_answer(conn, body, status=400, x_request_id="r\x7f1")
    ) as server:
        client = caller.client(server.url, max_retries=0)
        with pytest.raises(goodmem.BadRequestError) as info:
            caller.call(client, "get", id=LLM_ID)
    text = str(info.value)
    print(f"{caller.mode}: {text}")
    assert not _has_control(text)
    assert not _has_control(info.value.message)
    assert not _has_control(info.value.code or "")
    assert "\\x1b[2J" in text  # escaped, still readable


def test_a_huge_reason_phrase_or_message_is_shortened(caller: Caller) -> None:
    reason = "Bad " + "A" * 90_000  # within httpcore's 100 KiB head limit
    message = "m" * 200_000

    def script(conn: Connection) -> None:
        if "/v1/llms/" in conn.request_line:
            conn.send(response_head(503, reason=reason, content_length=0))
        else:
            body = json.dumps({"error": {"code": "C" * 50_000, "message": message}}).encode()
            conn.send(
                response_head(
                    400, reason=reason, content_type="application/json", content_length=len(body)
                )
                + body
            )

    with HostileServer(script) as server:
        client = caller.client(server.url, max_retries=0)
        with pytest.raises(goodmem.InternalServerError) as by_reason:
            caller.call(client, "get", id=LLM_ID)
        with pytest.raises(goodmem.BadRequestError) as by_body:
            caller.call(client, "list")
    sizes = [len(str(by_reason.value)), len(str(by_body.value))]
    print(f"{caller.mode}: message lengths {sizes}")
    assert max(sizes) < 1_000
    assert len(by_body.value.message) <= 500
