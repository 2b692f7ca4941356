"""A failed request changes nothing (issue #14.5-6): bodies are checked whole before anything is
stored, answers are rendered before the store changes, malformed framing is a clean 400."""

from __future__ import annotations

import json
import socket
from typing import Any

import httpx
import pytest

from goodmem.testing import FakeServer
from goodmem.testing._api import MAX_DEPTH, LlmsApi
from tests.testing.support import Clock, create_llm, minimal


def post_raw(http: httpx.Client, content: bytes) -> httpx.Response:
    return http.post("/v1/llms", content=content, headers={"content-type": "application/json"})


def body_with(fragment: str) -> bytes:
    """A create body (text) with `fragment` spliced in as extra members."""
    return (json.dumps(minimal(modelIdentifier="gpt-4o"))[:-1] + ", " + fragment + "}").encode()


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        ('"clientConfig": {"big": 1e400}', "clientConfig.big: must be a finite number"),
        ('"clientConfig": {"list": [1, -1e400]}', "clientConfig.list[1]: must be a finite number"),
        (
            '"defaultSamplingParams": {"temperature": 1e999}',
            "defaultSamplingParams.temperature: must be a finite number",
        ),
        ('"maxContextLength": 1e400', "maxContextLength: must be a finite number"),
        (
            '"description": "bad \\ud800 text"',
            "description: must be valid Unicode (it has a lone surrogate)",
        ),
        (
            '"clientConfig": {"x": ["\\udfff"]}',
            "clientConfig.x[0]: must be valid Unicode (it has a lone surrogate)",
        ),
        (
            '"clientConfig": {"k\\ud800": 1}',
            "clientConfig.k\\ud800: the key must be valid Unicode (it has a lone surrogate)",
        ),
        (
            '"labels": {"env": "\\ud83d"}',
            "labels.env: must be valid Unicode (it has a lone surrogate)",
        ),
    ],
)
def test_unrepresentable_values_are_400_naming_the_field(
    http: httpx.Client, fragment: str, message: str
) -> None:
    response = post_raw(http, body_with(fragment))

    assert response.status_code == 400
    assert response.json() == {"code": "INVALID_ARGUMENT", "message": message}
    assert http.get("/v1/llms").json() == {"llms": []}


def test_a_valid_surrogate_pair_is_fine(http: httpx.Client) -> None:
    response = post_raw(http, body_with('"description": "smile \\ud83d\\ude00"'))

    assert response.status_code == 201
    assert response.json()["llm"]["description"] == "smile \U0001f600"


def nested(levels: int) -> Any:
    value: Any = 1
    for index in range(levels):
        value = {"n": value} if index % 2 else [value]
    return value


def test_nesting_up_to_the_limit_is_accepted(http: httpx.Client) -> None:
    # the body object is level 1 and clientConfig level 2: MAX_DEPTH - 2 more levels fit
    config = {"deep": nested(MAX_DEPTH - 2)}

    response = http.post("/v1/llms", json=minimal(clientConfig=config))

    assert response.status_code == 201
    assert response.json()["llm"]["clientConfig"] == config


def test_nesting_past_the_limit_is_400_naming_the_field(http: httpx.Client) -> None:
    response = http.post("/v1/llms", json=minimal(clientConfig={"deep": nested(MAX_DEPTH - 1)}))

    assert response.status_code == 400
    message = response.json()["message"]
    assert message.startswith("clientConfig.deep[0].n[0]")
    assert message.endswith(f": is nested deeper than {MAX_DEPTH} levels")


@pytest.mark.parametrize("content", [b"[" * 100_000, b'{"a":' * 100_000])
def test_absurd_nesting_is_400_not_a_crash(http: httpx.Client, content: bytes) -> None:
    response = post_raw(http, content)

    assert response.status_code == 400
    assert response.json()["message"] == f"body: is nested deeper than {MAX_DEPTH} levels"


@pytest.mark.parametrize(
    "fragment",
    ['"clientConfig": {"big": 1e400}', '"description": "\\ud800"', '"labels": {"a": "\\udc00"}'],
)
def test_an_update_with_unrepresentable_values_changes_nothing(
    http: httpx.Client, fragment: str
) -> None:
    llm = create_llm(http, description="before")

    response = http.put(
        f"/v1/llms/{llm['llmId']}",
        content=("{" + fragment + "}").encode(),
        headers={"content-type": "application/json"},
    )

    assert response.status_code == 400
    assert http.get(f"/v1/llms/{llm['llmId']}").json() == llm


# --- all or nothing ------------------------------------------------------------------------


class Boom(Exception):
    pass


def fail_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make rendering an answer fail: after validation, before the store would change."""

    def render(self: LlmsApi, record: Any, **options: Any) -> Any:
        raise Boom("injected after validation")

    monkeypatch.setattr(LlmsApi, "_render", render)


def test_a_create_that_fails_after_validation_stores_nothing(
    raw_http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    http = raw_http  # 500 is not in the spec
    body = minimal(llmId="550e8400-e29b-41d4-a716-4466554400aa", labels={"a": "b"})
    with monkeypatch.context() as patch:
        fail_rendering(patch)
        failed = http.post("/v1/llms", json=body)

    assert failed.status_code == 500
    assert failed.json() == {
        "code": "INTERNAL",
        "message": "embedded GoodMem failed: Boom('injected after validation')",
    }
    assert http.get("/v1/llms").json() == {"llms": []}
    # neither the llmId nor the duplicate-detection identity was taken
    assert http.post("/v1/llms", json=body).status_code == 201


def test_an_update_that_fails_after_validation_changes_nothing(
    raw_http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    http = raw_http  # 500 is not in the spec
    llm = create_llm(http, labels={"a": "1"})
    change = {"modelIdentifier": "gpt-4o", "mergeLabels": {"b": "2"}, "description": "new"}
    with monkeypatch.context() as patch:
        fail_rendering(patch)
        failed = http.put(f"/v1/llms/{llm['llmId']}", json=change)

    assert failed.status_code == 500
    assert http.get(f"/v1/llms/{llm['llmId']}").json() == llm
    # the old identity still blocks a duplicate; the new one is still free
    assert http.post("/v1/llms", json=minimal()).status_code == 409
    assert http.post("/v1/llms", json=minimal(modelIdentifier="gpt-4o")).status_code == 201


def test_a_failing_clock_changes_nothing(clock: Clock, raw_http: httpx.Client) -> None:
    http = raw_http  # 500 is not in the spec
    llm = create_llm(http)

    clock.error = Boom("no time")
    responses = [
        http.post("/v1/llms", json=minimal(modelIdentifier="o1")),
        http.put(f"/v1/llms/{llm['llmId']}", json={"version": "2"}),
    ]

    assert [r.status_code for r in responses] == [500, 500]
    assert [item["llmId"] for item in http.get("/v1/llms").json()["llms"]] == [llm["llmId"]]
    assert http.get(f"/v1/llms/{llm['llmId']}").json() == llm


# --- malformed HTTP framing ----------------------------------------------------------------


def raw(server: FakeServer, request: bytes) -> bytes:
    """Send `request` on a new connection; everything received until the server closes."""
    with socket.create_connection((server.host, server.port), timeout=10) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)  # nothing more will come
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


def chunked(*lines: bytes, extra_headers: bytes = b"") -> bytes:
    head = (
        b"POST /v1/llms HTTP/1.1\r\nHost: x\r\nx-api-key: gm_test_key\r\n"
        b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
        + extra_headers
        + b"\r\n"
    )
    return head + b"".join(lines)


@pytest.mark.parametrize(
    ("request_bytes", "message"),
    [
        (chunked(b"-5\r\nhello\r\n0\r\n\r\n"), "Transfer-Encoding: malformed chunk size"),
        (chunked(b"zz\r\nhello\r\n0\r\n\r\n"), "Transfer-Encoding: malformed chunk size"),
        (chunked(b"+5\r\nhello\r\n0\r\n\r\n"), "Transfer-Encoding: malformed chunk size"),
        (chunked(b"0x5\r\nhello\r\n0\r\n\r\n"), "Transfer-Encoding: malformed chunk size"),
        (chunked(b"\r\n"), "Transfer-Encoding: malformed chunk size"),
        (chunked(b"1" * 17 + b"\r\n"), "Transfer-Encoding: malformed chunk size"),
        (chunked(b"3\r\nhello\r\n0\r\n\r\n"), "Transfer-Encoding: chunk data longer than its size"),
        (chunked(b"5" * 5000 + b"\r\n"), "Transfer-Encoding: chunk line too long"),
        (
            chunked(b"2\r\n{}\r\n0\r\n\r\n", extra_headers=b"Content-Length: 2\r\n"),
            "Content-Length: not allowed with Transfer-Encoding",
        ),
        (
            b"POST /v1/llms HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
            "Transfer-Encoding: only chunked is supported",
        ),
        (
            b"POST /v1/llms HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
            "Content-Length: must be one number of bytes",
        ),
        (
            b"POST /v1/llms HTTP/1.1\r\nHost: x\r\nContent-Length: \xb2\r\n\r\n",
            "Content-Length: must be one number of bytes",
        ),
        (
            b"POST /v1/llms HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n",
            "Content-Length: must be one number of bytes",
        ),
    ],
)
def test_malformed_framing_is_a_clean_400(
    server: FakeServer,
    http: httpx.Client,
    capfd: pytest.CaptureFixture[str],
    request_bytes: bytes,
    message: str,
) -> None:
    received = raw(server, request_bytes)

    assert received.startswith(b"HTTP/1.1 400 ")
    assert b"\r\nConnection: close\r\n" in received
    body = received.split(b"\r\n\r\n", 1)[1]
    assert json.loads(body) == {"code": "INVALID_ARGUMENT", "message": message}
    assert http.get("/v1/llms").json() == {"llms": []}
    assert capfd.readouterr().err == ""  # no traceback


def test_a_client_hanging_up_mid_body_gets_no_answer_and_no_traceback(
    server: FakeServer, http: httpx.Client, capfd: pytest.CaptureFixture[str]
) -> None:
    received = raw(server, chunked(b'40\r\n{"displayName"'))
    with socket.create_connection((server.host, server.port), timeout=10) as sock:
        sock.sendall(b"POST /v1/llms HTTP/1.1\r\nHost: x\r\nx-api-key: gm_test_key\r\n")
        sock.sendall(b"Content-Length: 100\r\n\r\n{")
        sock.shutdown(socket.SHUT_WR)
        assert sock.recv(1024) == b""

    assert received == b""
    assert http.get("/v1/llms").json() == {"llms": []}
    assert capfd.readouterr().err == ""


def test_chunked_trailers_are_read(server: FakeServer) -> None:
    body = json.dumps(minimal()).encode()
    received = raw(
        server,
        chunked(
            f"{len(body):x};ext=1\r\n".encode(),
            body,
            b"\r\n0\r\nX-Trailer: yes\r\n\r\n",
            extra_headers=b"Connection: close\r\n",
        ),
    )

    assert received.startswith(b"HTTP/1.1 201 ")
