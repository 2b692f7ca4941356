"""Load and abuse over HTTP (issue #14.7-10): a deep listen backlog, request deadlines, no
unauthenticated or oversized bodies read, a bounded request log, a safe default off loopback.

Loopback only; every wait is bounded (a guard against hangs, not a speed assertion).
"""

from __future__ import annotations

import contextlib
import json
import signal
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from goodmem.testing import (
    DEFAULT_ADMIN_PRINCIPAL,
    DEFAULT_API_KEY,
    DEFAULT_MAX_BODY_BYTES,
    FakeGoodmem,
    FakeServer,
)
from goodmem.testing import __main__ as cli
from goodmem.testing._server import LISTEN_BACKLOG, _Server, client_host
from tests.testing.support import in_process, minimal

GUARD = 20.0  # seconds: a hang fails the test instead of stalling the suite


def connect(server: FakeServer) -> socket.socket:
    return socket.create_connection((server.host, server.port), timeout=GUARD)


def read_until_closed(sock: socket.socket) -> bytes:
    received = b""
    with contextlib.suppress(ConnectionResetError):
        while chunk := sock.recv(65536):
            received += chunk
    return received


def get_request(key: str = DEFAULT_API_KEY, *, close: bool = True) -> bytes:
    connection = b"Connection: close\r\n" if close else b""
    return (
        b"GET /v1/llms HTTP/1.1\r\nHost: x\r\nx-api-key: "
        + key.encode()
        + b"\r\n"
        + connection
        + b"\r\n"
    )


# --- backlog -------------------------------------------------------------------------------


def test_the_kernel_queues_a_thousand_connections_before_any_is_accepted() -> None:
    server = _Server(("127.0.0.1", 0), lambda request: httpx.Response(200))
    sockets: list[socket.socket] = []
    try:
        # nobody accepts: each connect completes only because the listen queue has room
        for _ in range(LISTEN_BACKLOG):
            sockets.append(socket.create_connection(server.server_address[:2], timeout=GUARD))
    finally:
        for sock in sockets:
            sock.close()
        server.server_close()

    assert LISTEN_BACKLOG >= 1024
    assert len(sockets) == LISTEN_BACKLOG


def test_500_connections_opened_at_once_are_all_answered(fake: FakeGoodmem) -> None:
    with fake.serve() as server:
        sockets = [connect(server) for _ in range(500)]
        try:
            for sock in sockets:
                sock.sendall(get_request())
            answers = [read_until_closed(sock) for sock in sockets]
        finally:
            for sock in sockets:
                sock.close()

    assert {answer.split(b"\r\n", 1)[0] for answer in answers} == {b"HTTP/1.1 200 OK"}


# --- deadlines -----------------------------------------------------------------------------


@pytest.fixture
def quick(fake: FakeGoodmem) -> Iterator[FakeServer]:
    """The fake served with a 0.3 s request deadline."""
    with fake.serve(timeout=0.3) as server:
        yield server


@pytest.mark.parametrize(
    "partial",
    [
        b"",  # idle: nothing sent at all
        b"GET /v1/ll",  # half a request line
        b"GET /v1/llms HTTP/1.1\r\nHost: x\r\n",  # headers never finished
        b"POST /v1/llms HTTP/1.1\r\nx-api-key: gm_test_key\r\nContent-Length: 50\r\n\r\n{",
        b"POST /v1/llms HTTP/1.1\r\nx-api-key: gm_test_key\r\nTransfer-Encoding: chunked\r\n"
        b"\r\n5\r\nab",
    ],
)
def test_idle_and_half_sent_requests_are_dropped(
    quick: FakeServer, fake: FakeGoodmem, partial: bytes
) -> None:
    with connect(quick) as sock:
        sock.sendall(partial)
        received = read_until_closed(sock)  # returns once the server closes

    assert received == b""
    assert fake.requests == []


def test_a_slow_drip_is_dropped_at_the_deadline(quick: FakeServer) -> None:
    with connect(quick) as sock:
        sock.sendall(b"GET /v1/llms HTTP/1.1\r\nX-Pad: ")
        with pytest.raises(OSError):  # the server hangs up while we are still sending
            stop = time.monotonic() + GUARD
            while time.monotonic() < stop:  # a header that never ends, a byte at a time
                sock.sendall(b"a")
                time.sleep(0.02)


def test_an_idle_keep_alive_connection_is_closed(quick: FakeServer) -> None:
    with connect(quick) as sock:
        sock.sendall(get_request(close=False))
        received = read_until_closed(sock)

    assert received.startswith(b"HTTP/1.1 200 OK")
    assert b"Connection: close" not in received  # kept alive, then dropped when idle


def test_time_spent_answering_does_not_count(quick: FakeServer, fake: FakeGoodmem) -> None:
    fake.faults.delay(0.6)  # twice the request deadline

    with httpx.Client(base_url=quick.url, headers={"x-api-key": fake.api_key}) as client:
        response = client.get("/v1/llms")

    assert response.status_code == 200


def test_the_timeout_must_be_positive(fake: FakeGoodmem) -> None:
    with pytest.raises(ValueError, match="timeout"):
        fake.serve(timeout=0)


# --- bodies not read ------------------------------------------------------------------------


def test_an_unauthenticated_body_is_never_read(server: FakeServer, fake: FakeGoodmem) -> None:
    with connect(server) as sock:
        # announce a body and never send it: the answer comes anyway
        sock.sendall(
            b"POST /v1/llms HTTP/1.1\r\nHost: x\r\nx-api-key: nope\r\nContent-Length: 500\r\n\r\n"
        )
        received = read_until_closed(sock)

    assert received.startswith(b"HTTP/1.1 401 ")
    assert b"\r\nConnection: close\r\n" in received
    (record,) = fake.requests
    assert (record.status, record.body) == (401, None)


def test_an_unauthenticated_body_is_not_logged_in_process(
    raw_http: httpx.Client, fake: FakeGoodmem
) -> None:
    raw_http.post("/v1/llms", json=minimal(), headers={"x-api-key": "wrong"})

    assert [(r.status, r.body) for r in fake.requests] == [(401, None)]


def test_a_body_over_the_limit_is_413_unread(server: FakeServer, fake: FakeGoodmem) -> None:
    with connect(server) as sock:
        sock.sendall(
            b"POST /v1/llms HTTP/1.1\r\nHost: x\r\nx-api-key: gm_test_key\r\n"
            + f"Content-Length: {DEFAULT_MAX_BODY_BYTES + 1}\r\n\r\n".encode()
        )
        received = read_until_closed(sock)

    assert received.startswith(b"HTTP/1.1 413 ")
    assert b"\r\nConnection: close\r\n" in received
    assert json.loads(received.split(b"\r\n\r\n", 1)[1]) == {
        "code": "RESOURCE_EXHAUSTED",
        "message": f"body: larger than {DEFAULT_MAX_BODY_BYTES} bytes",
    }
    assert [(r.status, r.body) for r in fake.requests] == [(413, None)]


def test_a_chunked_body_over_the_limit_is_413(fake: FakeGoodmem) -> None:
    small = FakeGoodmem(max_body_bytes=100)

    def chunks() -> Iterator[bytes]:
        yield b"{" + b" " * 60
        yield b" " * 60 + b"}"

    with small.serve() as server, httpx.Client(base_url=server.url) as client:
        response = client.post("/v1/llms", content=chunks(), headers={"x-api-key": small.api_key})

    assert response.status_code == 413


def test_the_body_limit_is_configurable_and_applies_in_process() -> None:
    fake = FakeGoodmem(max_body_bytes=200)

    def body(size: int) -> bytes:
        text = json.dumps(minimal(description="")).encode()
        return text.replace(b'""', b'"' + b"x" * (size - len(text)) + b'"')

    json_type = {"content-type": "application/json"}
    with in_process(fake) as client:
        at_limit = client.post("/v1/llms", content=body(200), headers=json_type)
        over = client.post("/v1/llms", content=body(201), headers=json_type)

    assert (at_limit.status_code, over.status_code) == (201, 413)
    assert fake.requests[0].body is not None
    assert fake.requests[1].body is None  # an oversized body is not kept either


# --- the request log --------------------------------------------------------------------------


def test_the_request_log_keeps_only_the_latest(fake: FakeGoodmem) -> None:
    small = FakeGoodmem(max_logged_requests=3)
    with in_process(small) as client:
        for index in range(5):
            client.get(f"/v1/llms?n={index}")

    assert [r.query for r in small.requests] == ["n=2", "n=3", "n=4"]


def test_the_default_log_is_bounded(raw_http: httpx.Client, fake: FakeGoodmem) -> None:
    for _ in range(1010):
        raw_http.get("/v1/other")

    assert len(fake.requests) == 1000


# --- the command line off loopback -----------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "given", "generated"),
    [
        ("127.0.0.1", None, False),
        ("127.8.9.10", None, False),
        ("::1", None, False),
        ("localhost", None, False),
        ("0.0.0.0", None, True),
        ("::", None, True),
        ("192.168.1.5", None, True),
        ("my-host.example", None, True),
        ("0.0.0.0", "gm_chosen", False),
    ],
)
def test_off_loopback_the_key_is_random_unless_given(
    host: str, given: str | None, generated: bool
) -> None:
    key, was_generated = cli.choose_api_key(host, given)

    assert was_generated is generated
    if given is not None:
        assert key == given
    elif generated:
        assert key != DEFAULT_API_KEY
        assert len(key) > 30
        assert cli.choose_api_key(host, given)[0] != key
    else:
        assert key == DEFAULT_API_KEY


@pytest.fixture
def cli_served(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, FakeGoodmem]]:
    """Run cli.main() in process: binds stay on loopback, signals untouched, no waiting."""
    served: list[tuple[str, FakeGoodmem]] = []
    real_serve = FakeGoodmem.serve

    def serve(
        self: FakeGoodmem, host: str = "127.0.0.1", port: int = 0, **options: Any
    ) -> FakeServer:
        served.append((host, self))
        return real_serve(self, "127.0.0.1", 0, **options)

    monkeypatch.setattr(FakeGoodmem, "serve", serve)
    monkeypatch.setattr(signal, "signal", lambda *args: None)
    monkeypatch.setattr(cli, "_wait_for_interrupt", lambda: None)
    return served


def test_the_command_line_off_loopback_prints_a_random_key(
    cli_served: list[tuple[str, FakeGoodmem]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--host", "0.0.0.0", "--port", "0"]) == 0

    out, err = capsys.readouterr()
    ((host, fake),) = cli_served
    assert host == "0.0.0.0"
    assert fake.api_key != DEFAULT_API_KEY
    assert f"GOODMEM_API_KEY={fake.api_key}\n" in out
    assert "only the random API key above is accepted" in err


def test_the_command_line_takes_its_options(
    cli_served: list[tuple[str, FakeGoodmem]], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--host", "0.0.0.0", "--api-key", "gm_mine", "--timeout", "5", "--max-body-bytes", "9"]
    assert cli.main(argv) == 0

    out, err = capsys.readouterr()
    ((_, fake),) = cli_served
    assert (fake.api_key, fake.max_body_bytes) == ("gm_mine", 9)
    assert "GOODMEM_API_KEY=gm_mine\n" in out
    assert "random" not in err


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["--api-key", ""], "--api-key: must not be empty"),
        (["--timeout", "0"], "--timeout: must be"),
    ],
)
def test_the_command_line_refuses_bad_options(
    argv: list[str], error: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        cli.main(argv)

    assert error in capsys.readouterr().err


def test_the_command_line_on_all_interfaces_prints_a_usable_url(
    cli_served: list[tuple[str, FakeGoodmem]], capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 22: `GOODMEM_BASE_URL=http://0.0.0.0:PORT` is not a URL a client can use."""
    assert cli.main(["--host", "0.0.0.0", "--port", "0", "--api-key", "gm_mine"]) == 0

    out, err = capsys.readouterr()
    url = out.splitlines()[0].removeprefix("GOODMEM_BASE_URL=")
    assert url.startswith("http://127.0.0.1:")
    assert "0.0.0.0" not in out
    assert "listening on all interfaces (0.0.0.0, port " in err


@pytest.mark.parametrize(
    ("host", "reachable"),
    [
        ("0.0.0.0", "127.0.0.1"),
        ("::", "::1"),
        ("[::]", "::1"),
        ("127.0.0.1", "127.0.0.1"),
        ("::1", "::1"),
        ("192.168.1.5", "192.168.1.5"),
        ("my-host.example", "my-host.example"),
    ],
)
def test_a_server_bound_everywhere_is_reached_on_loopback(host: str, reachable: str) -> None:
    assert client_host(host) == reachable


def test_the_command_line_takes_an_admin_key(
    cli_served: list[tuple[str, FakeGoodmem]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--port", "0", "--admin-api-key", "gm_root"]) == 0

    ((_, fake),) = cli_served
    other = "0b6f8d2a-3c4e-4f5a-9b7c-1d2e3f4a5b6c"
    with in_process(fake, key="gm_root") as admin, in_process(fake) as plain:
        created = admin.post("/v1/llms", json=minimal(ownerId=other))
        refused = plain.post("/v1/llms", json=minimal(ownerId=other))
    assert (created.status_code, refused.status_code) == (201, 403)
    assert created.json()["llm"]["createdById"] == DEFAULT_ADMIN_PRINCIPAL
    assert "gm_root" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["--admin-api-key", ""], "--admin-api-key: must not be empty"),
        (["--admin-api-key", DEFAULT_API_KEY], "--admin-api-key: must differ"),
    ],
)
def test_the_command_line_refuses_bad_admin_keys(
    argv: list[str], error: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        cli.main(argv)

    assert error in capsys.readouterr().err
