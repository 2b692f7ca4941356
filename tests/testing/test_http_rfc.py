"""HTTP as RFC 9110/9112 say (issue 20.7), over real loopback HTTP: the absolute-form target,
HEAD, whitespace around header values; and framing errors answered as JSON ErrorResponses."""

from __future__ import annotations

import contextlib
import json
import socket

import httpx
import pytest

from goodmem.testing import DEFAULT_API_KEY, FakeGoodmem, FakeServer
from tests.testing.support import create_llm, minimal

GUARD = 20.0


def raw(server: FakeServer, request: bytes) -> tuple[bytes, bytes]:
    """(head, body) of the answer to `request` (sent as bytes) on a new connection."""
    with socket.create_connection((server.host, server.port), timeout=GUARD) as sock:
        sock.sendall(request)
        received = b""
        with contextlib.suppress(ConnectionResetError):
            while chunk := sock.recv(65536):
                received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    return head, body


def header(head: bytes, name: bytes) -> bytes | None:
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == name:
            return value.strip()
    return None


def request(method: str, target: str, *extra: str) -> bytes:
    lines = [f"{method} {target} HTTP/1.1", "Host: x", f"x-api-key: {DEFAULT_API_KEY}"]
    return ("\r\n".join([*lines, *extra, "Connection: close", "", ""])).encode()


# --- RFC 9112 §3.2.2: absolute-form ----------------------------------------------------------


@pytest.mark.parametrize(
    "form",
    ["http://{host}:{port}{path}", "HTTP://{host}{path}", "https://elsewhere.example{path}"],
)
def test_the_absolute_form_is_accepted(
    server: FakeServer, served_http: httpx.Client, form: str
) -> None:
    llm = served_http.post("/v1/llms", json=minimal(labels={"env": "prod"})).json()["llm"]

    for path in ("/v1/llms?label.env=prod", f"/v1/llms/{llm['llmId']}"):
        target = form.format(host=server.host, port=server.port, path=path)
        head, body = raw(server, request("GET", target))

        assert head.startswith(b"HTTP/1.1 200 "), (target, head, body)
        answer = json.loads(body)
        assert answer == {"llms": [llm]} or answer == llm


def test_an_absolute_form_of_another_scheme_is_400(server: FakeServer) -> None:
    head, body = raw(server, request("GET", "ftp://host/v1/llms"))

    assert head.startswith(b"HTTP/1.1 400 ")
    assert json.loads(body)["message"].startswith("request target: ")


# --- RFC 9110 §9.1, §9.3.2: HEAD -------------------------------------------------------------


def test_head_is_answered_like_get_without_content(
    server: FakeServer, served_http: httpx.Client, fake: FakeGoodmem
) -> None:
    llm = create_llm(served_http)

    for path in ("/v1/llms", f"/v1/llms/{llm['llmId']}"):
        _, get_body = raw(server, request("GET", path))
        head, body = raw(server, request("HEAD", path))

        assert head.startswith(b"HTTP/1.1 200 ")
        assert body == b""
        assert header(head, b"content-length") == str(len(get_body)).encode()
        assert header(head, b"content-type") == b"application/json"
    assert [r.method for r in fake.requests][-2:] == ["GET", "HEAD"]


def test_head_through_httpx_and_in_process(server: FakeServer, fake: FakeGoodmem) -> None:
    with httpx.Client(base_url=server.url, headers={"x-api-key": DEFAULT_API_KEY}) as client:
        over_http = client.head("/v1/llms")
    with httpx.Client(
        transport=fake.transport, base_url=fake.base_url, headers={"x-api-key": DEFAULT_API_KEY}
    ) as client:
        in_process = client.head("/v1/llms")
        missing = client.head("/v1/llms/00000000-0000-4000-8000-000000000000")

    for response in (over_http, in_process):
        assert (response.status_code, response.content) == (200, b"")
        assert response.headers["content-length"] == str(len(b'{"llms":[]}'))
    assert (missing.status_code, missing.content) == (404, b"")


# --- RFC 9110 §5.5: whitespace around a field value is not part of it ----------------------


@pytest.mark.parametrize("padding", ["  ", "\t", " \t ", ""])
def test_whitespace_around_the_api_key_is_ignored(server: FakeServer, padding: str) -> None:
    line = f"x-api-key:{padding}{DEFAULT_API_KEY}{padding}"
    head, _ = raw(
        server, f"GET /v1/llms HTTP/1.1\r\nHost: x\r\n{line}\r\nConnection: close\r\n\r\n".encode()
    )

    assert head.startswith(b"HTTP/1.1 200 ")


def test_whitespace_inside_the_key_still_counts(server: FakeServer) -> None:
    head, _ = raw(
        server,
        b"GET /v1/llms HTTP/1.1\r\nHost: x\r\nx-api-key: gm_test _key\r\nConnection: close\r\n\r\n",
    )

    assert head.startswith(b"HTTP/1.1 401 ")


def test_header_values_reach_the_log_trimmed(server: FakeServer, fake: FakeGoodmem) -> None:
    raw(server, request("GET", "/v1/llms", "x-note:   padded \t "))

    assert fake.requests[-1].headers["x-note"] == "padded"


# --- framing errors are JSON too ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_line", "status"),
    [
        (b"GET /v1/llms HTTP/9.9", 505),
        (b"GET /v1/llms HTTP/1.1 extra", 400),
        (b"GET " + b"/v1/llms?" + b"a" * 70_000 + b" HTTP/1.1", 414),
    ],
)
def test_framing_errors_are_error_responses(
    server: FakeServer, request_line: bytes, status: int
) -> None:
    head, body = raw(server, request_line + b"\r\nHost: x\r\n\r\n")

    assert head.startswith(f"HTTP/1.1 {status} ".encode()), head
    assert header(head, b"content-type") == b"application/json"
    assert set(json.loads(body)) == {"code", "message"}
