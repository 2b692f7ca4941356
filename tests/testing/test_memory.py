"""Bounded memory per byte (issue 20.6): the request log is bounded in bytes, keeps nothing but
method, path and status of an unauthenticated request, and a request's line and headers are
bounded together (431 past MAX_HEADER_BYTES). The server's own RSS is measured from outside, in
a child process, under the load the issue names.

Loopback only; every wait is bounded (a guard against hangs, not a speed assertion).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from goodmem.testing import (
    DEFAULT_API_KEY,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_LOGGED_BYTES,
    MAX_HEADER_BYTES,
    FakeGoodmem,
    FakeServer,
)
from tests.testing.support import in_process, minimal

ROOT = Path(__file__).resolve().parents[2]
GUARD = 60.0  # seconds: a hang fails the test instead of stalling the suite
MiB = 1024 * 1024


def exchange(host: str, port: int, request: bytes) -> bytes:
    """Send `request` on a new connection; all that comes back until the server closes.

    A server that answers before reading everything may cut the upload short: what it
    answered is still returned.
    """
    with socket.create_connection((host, port), timeout=GUARD) as sock:
        with contextlib.suppress(OSError):
            sock.sendall(request)
        received = b""
        with contextlib.suppress(OSError):
            while chunk := sock.recv(65536):
                received += chunk
    return received


def status_of(response: bytes) -> int:
    return int(response[9:12]) if response.startswith(b"HTTP/1.1 ") else 0


def junk_headers(total: int, line_size: int = 55 * 1024) -> bytes:
    """Header lines `x-junk-<n>: jjj...` of about `line_size` bytes, `total` bytes in all."""
    lines = []
    for index in range(-(-total // line_size)):  # rounded up
        name = f"x-junk-{index}: ".encode()
        lines.append(name + b"j" * (line_size - len(name) - 2) + b"\r\n")
    return b"".join(lines)


def big_rejected_body() -> bytes:
    """About 1 MiB of JSON (many small objects, costly to hold parsed) that the server
    refuses with 400: displayName is empty."""
    text = json.dumps(minimal(displayName="", clientConfig={"items": []}), separators=(",", ":"))
    count = (DEFAULT_MAX_BODY_BYTES - len(text)) // len('{"a":1},')
    items = ",".join(['{"a":1}'] * count)
    body = text.replace('"items":[]', f'"items":[{items}]').encode()
    assert DEFAULT_MAX_BODY_BYTES - 16 <= len(body) <= DEFAULT_MAX_BODY_BYTES
    return body


def post(body: bytes, key: str = DEFAULT_API_KEY) -> bytes:
    return (
        b"POST /v1/llms HTTP/1.1\r\nHost: x\r\nx-api-key: "
        + key.encode()
        + b"\r\nContent-Type: application/json\r\nConnection: close\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


# --- the log, in bytes -----------------------------------------------------------------------


def test_the_log_holds_about_max_logged_bytes(fake: FakeGoodmem) -> None:
    body = json.dumps(minimal(description="d" * 100_000)).encode()
    small = FakeGoodmem(max_logged_bytes=350_000)
    with in_process(small) as client:
        for _ in range(10):
            client.post("/v1/llms", content=body, headers={"content-type": "application/json"})

    kept = small.requests
    assert len(kept) == 3  # about 100 kB each
    assert sum(record.size for record in kept) <= 350_000
    assert [record.status for record in kept] == [409, 409, 409]
    assert kept[-1].body["description"] == "d" * 100_000


def test_a_record_larger_than_the_whole_budget_keeps_no_body() -> None:
    small = FakeGoodmem(max_logged_bytes=10_000)
    with in_process(small) as client:
        client.post("/v1/llms", json=minimal(description="d" * 20_000))

    (record,) = small.requests
    assert (record.method, record.status, record.body) == ("POST", 201, None)


def test_fifty_rejected_megabyte_bodies_keep_the_default_log_small(
    fake: FakeGoodmem, server: FakeServer
) -> None:
    """On the old log (1,000 entries, bodies parsed) these kept 50 parsed MiB-bodies."""
    body = big_rejected_body()
    statuses = [status_of(exchange(server.host, server.port, post(body))) for _ in range(50)]

    assert statuses == [400] * 50
    compact = {"separators": (",", ":")}
    kept = sum(len(json.dumps(r.body, **compact)) for r in fake.requests if r.body is not None)
    assert kept <= DEFAULT_MAX_LOGGED_BYTES
    assert sum(record.size for record in fake.requests) <= DEFAULT_MAX_LOGGED_BYTES


def test_of_an_unauthenticated_request_over_http_only_method_path_and_status_are_kept(
    fake: FakeGoodmem, server: FakeServer
) -> None:
    response = exchange(
        server.host,
        server.port,
        b"POST /v1/llms?a=b HTTP/1.1\r\nHost: x\r\nx-api-key: wrong\r\nx-junk: "
        + b"j" * 10_000
        + b"\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
    )

    assert status_of(response) == 401
    (record,) = fake.requests
    assert (record.method, record.path, record.status) == ("POST", "/v1/llms", 401)
    assert (record.query, record.headers, record.body) == ("", {}, None)


# --- the request line and headers, bounded together ------------------------------------------


def test_headers_over_the_total_bound_are_431_json(fake: FakeGoodmem, server: FakeServer) -> None:
    """Ten lines of 10 kB: each line and their count are fine for http.server, the total not."""
    headers = junk_headers(100_000, line_size=10_000)
    response = exchange(
        server.host,
        server.port,
        b"GET /v1/llms HTTP/1.1\r\nHost: x\r\nx-api-key: gm_test_key\r\n"
        + headers
        + b"Connection: close\r\n\r\n",
    )

    head, _, body = response.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 431 ")
    assert b"\r\ncontent-type: application/json" in head.lower()
    assert json.loads(body) == {
        "code": "RESOURCE_EXHAUSTED",
        "message": f"headers: the request line and headers are larger than {MAX_HEADER_BYTES} "
        "bytes together",
    }
    assert fake.requests == []  # never parsed, never logged


def test_headers_just_under_the_bound_are_read(server: FakeServer) -> None:
    head = b"GET /v1/llms HTTP/1.1\r\nHost: x\r\nx-api-key: gm_test_key\r\nConnection: close\r\n"
    filler = b"x-pad: " + b"p" * (MAX_HEADER_BYTES - len(head) - len(b"x-pad: \r\n\r\n")) + b"\r\n"
    request = head + filler + b"\r\n"
    assert len(request) == MAX_HEADER_BYTES

    assert status_of(exchange(server.host, server.port, request)) == 200


def test_a_client_still_sending_its_headers_reads_the_431(server: FakeServer) -> None:
    """5 MiB of headers: the server answers after 64 KiB and discards the rest (a lingering
    close), so the client gets the answer instead of a connection reset."""
    with httpx.Client(base_url=server.url, timeout=GUARD) as client:
        response = client.get(
            "/v1/llms",
            headers={f"x-junk-{n}": "j" * 50_000 for n in range(100)},
        )

    assert response.status_code == 431
    assert response.json()["code"] == "RESOURCE_EXHAUSTED"


# --- the server's RSS, from outside ----------------------------------------------------------

_SERVE = """
import sys
from goodmem.testing import FakeGoodmem

server = FakeGoodmem().serve()
print(server.port, flush=True)
sys.stdin.read()  # until the test closes stdin
server.close()
"""


def _rss(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError(f"/proc/{pid}/status has no VmRSS")


@pytest.fixture
def child_server() -> Iterator[tuple[subprocess.Popen[str], int]]:
    """FakeGoodmem().serve() in a child process: (process, port)."""
    process = subprocess.Popen(
        [sys.executable, "-c", _SERVE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        yield process, port
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(timeout=GUARD)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads RSS from /proc")
def test_rss_grows_less_than_64_mib_under_junk_headers_and_rejected_bodies(
    child_server: tuple[subprocess.Popen[str], int],
) -> None:
    """Issue 20's acceptance: 100 unauthenticated requests with 5 MiB of headers each, then
    50 authenticated 1 MiB requests rejected with 400; the server's RSS grows < 64 MiB.

    (Before the fix: +574 MiB after the first half, +1,839 MiB in all.)
    """
    process, port = child_server
    warm_up = b"GET /v1/llms HTTP/1.1\r\nHost: x\r\nx-api-key: gm_test_key\r\nConnection: close\r\n"
    assert status_of(exchange("127.0.0.1", port, warm_up + b"\r\n")) == 200
    before = _rss(process.pid)

    headers = junk_headers(5 * MiB)
    unauthenticated = (
        b"GET /v1/llms HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers + b"\r\n"
    )
    assert len(unauthenticated) >= 5 * MiB
    junk = [status_of(exchange("127.0.0.1", port, unauthenticated)) for _ in range(100)]
    rejected = post(big_rejected_body())
    bodies = [status_of(exchange("127.0.0.1", port, rejected)) for _ in range(50)]
    growth = _rss(process.pid) - before

    print(f"RSS growth: {growth / MiB:.1f} MiB")
    assert growth < 64 * MiB, f"RSS grew by {growth / MiB:.1f} MiB"
    assert junk == [431] * 100
    assert bodies == [400] * 50
