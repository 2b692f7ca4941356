"""The same fake over real HTTP/1.1 on 127.0.0.1: serve(), keep-alive, faults, the CLI."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from goodmem.testing import FakeGoodmem, FakeServer
from tests.testing.support import minimal, spec_problems

ROOT = Path(__file__).resolve().parents[2]
CREATE_BODY = json.dumps(minimal(modelIdentifier="o1")).encode()


def test_crud_over_http(served_http: httpx.Client, server: FakeServer) -> None:
    assert server.url == f"http://127.0.0.1:{server.port}"
    created = served_http.post("/v1/llms", json=minimal(labels={"env": "prod"}))
    llm_id = created.json()["llm"]["llmId"]

    got = served_http.get(f"/v1/llms/{llm_id}")
    listed = served_http.get("/v1/llms", params={"label[env]": "prod", "providerType": "OPENAI"})
    updated = served_http.put(f"/v1/llms/{llm_id}", json={"mergeLabels": {"team": "ai"}})
    deleted = served_http.delete(f"/v1/llms/{llm_id}")
    gone = served_http.get(f"/v1/llms/{llm_id}")

    assert created.status_code == 201
    assert created.headers["location"] == f"/v1/llms/{llm_id}"
    assert created.headers["content-length"] == str(len(created.content))
    assert got.json() == created.json()["llm"]
    assert [llm["llmId"] for llm in listed.json()["llms"]] == [llm_id]
    assert updated.json()["labels"] == {"env": "prod", "team": "ai"}
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert gone.status_code == 404
    assert gone.json()["code"] == "NOT_FOUND"
    for response in (created, got, listed, updated, deleted, gone):
        assert spec_problems(response.request, response) == []


def test_errors_over_http(server: FakeServer) -> None:
    with httpx.Client(base_url=server.url) as client:
        missing_key = client.get("/v1/llms")
        bad_body = client.post(
            "/v1/llms",
            headers={"x-api-key": "gm_test_key", "content-type": "application/json"},
            content=b"{",
        )

    assert missing_key.status_code == 401
    assert missing_key.json()["code"] == "UNAUTHENTICATED"
    assert missing_key.headers["content-type"] == "application/json"
    assert bad_body.status_code == 400


@pytest.fixture
def connection(server: FakeServer) -> Iterator[http.client.HTTPConnection]:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=5)
    yield conn
    conn.close()


def exchange(
    conn: http.client.HTTPConnection, method: str, target: str, body: bytes | None = None
) -> tuple[int, bytes]:
    headers = {"x-api-key": "gm_test_key", "content-type": "application/json"}
    conn.request(method, target, body=body, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def test_one_connection_serves_many_requests(connection: http.client.HTTPConnection) -> None:
    assert exchange(connection, "POST", "/v1/llms", CREATE_BODY)[0] == 201
    sock = connection.sock

    statuses = [exchange(connection, "GET", "/v1/llms")[0] for _ in range(3)]
    statuses.append(exchange(connection, "GET", "/v1/llms/nope")[0])
    statuses.append(
        exchange(connection, "DELETE", "/v1/llms/00000000-0000-4000-8000-000000000000")[0]
    )

    assert statuses == [200, 200, 200, 400, 404]
    assert connection.sock is sock  # kept alive throughout


@pytest.mark.parametrize(
    "target",
    [
        "/v1/llms/x/../..",  # not normalised to /v1 or /v1/llms
        "/v1/llms/abc/../../llms",
        "/v1/llms/%2E%2E",
        "/v1/llms/00000000-0000-4000-8000-000000000000%2F",
    ],
)
def test_raw_targets_are_routed_as_sent(
    connection: http.client.HTTPConnection, target: str
) -> None:
    exchange(connection, "POST", "/v1/llms", CREATE_BODY)

    status, body = exchange(connection, "DELETE", target)

    assert (status, body) == (400, b'{"code":"INVALID_ARGUMENT","message":"id: must be a UUID"}')
    assert len(listed_llms(connection)) == 1


def listed_llms(conn: http.client.HTTPConnection) -> list[object]:
    status, body = exchange(conn, "GET", "/v1/llms")
    assert status == 200
    llms: list[object] = json.loads(body)["llms"]
    return llms


def raw_exchange(server: FakeServer, request: bytes) -> bytes:
    """Send `request` as bytes on a new connection; everything received until the server closes."""
    with socket.create_connection((server.host, server.port), timeout=5) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(4096):
            received += chunk
    return received


def test_a_non_ascii_target_is_a_malformed_id(server: FakeServer) -> None:
    received = raw_exchange(
        server,
        b"GET /v1/llms/caf\xc3\xa9 HTTP/1.1\r\nHost: x\r\nx-api-key: gm_test_key\r\n"
        b"Connection: close\r\n\r\n",
    )

    assert received.startswith(b"HTTP/1.1 400 ")
    assert received.endswith(b'{"code":"INVALID_ARGUMENT","message":"id: must be a UUID"}')


def test_a_chunked_request_body_is_read(served_http: httpx.Client) -> None:
    body = json.dumps(minimal(displayName="chunked")).encode()

    def chunks() -> Iterator[bytes]:
        yield body[:20]
        yield body[20:]

    response = served_http.post(
        "/v1/llms", content=chunks(), headers={"content-type": "application/json"}
    )

    assert response.status_code == 201
    assert response.json()["llm"]["displayName"] == "chunked"


def test_a_bad_content_length_is_a_400_that_closes(server: FakeServer) -> None:
    received = raw_exchange(
        server, b"POST /v1/llms HTTP/1.1\r\nHost: x\r\nContent-Length: many\r\n\r\n"
    )

    assert received.startswith(b"HTTP/1.1 400 ")
    assert b"Connection: close" in received
    assert received.endswith(b'"message":"Content-Length: must be one number of bytes"}')


def test_faults_over_http(fake: FakeGoodmem, served_http: httpx.Client) -> None:
    fake.faults.enqueue(503, headers={"Retry-After": "2"})
    fake.faults.enqueue_raw(b"<html>bad gateway</html>")
    fake.faults.drop_connection()
    fake.faults.drop_connection(method="POST", after_processing=True)

    unavailable = served_http.get("/v1/llms")
    page = served_http.get("/v1/llms")
    with pytest.raises(httpx.RemoteProtocolError):
        served_http.get("/v1/llms")
    with pytest.raises(httpx.RemoteProtocolError):
        served_http.post("/v1/llms", json=minimal())
    after = served_http.get("/v1/llms")

    assert (unavailable.status_code, unavailable.headers["retry-after"]) == (503, "2")
    assert unavailable.json()["code"] == "UNAVAILABLE"
    assert (page.status_code, page.headers["content-type"], page.text) == (
        502,
        "text/html",
        "<html>bad gateway</html>",
    )
    assert len(after.json()["llms"]) == 1  # the dropped POST had been applied
    assert [r.fault for r in fake.requests] == ["status", "raw", "drop", "drop", None]
    assert fake.requests[0].headers["x-api-key"] == "[redacted]"


def test_a_delay_over_http_trips_the_client_timeout(fake: FakeGoodmem, server: FakeServer) -> None:
    fake.faults.delay(0.5)

    with httpx.Client(base_url=server.url, headers={"x-api-key": fake.api_key}, timeout=0.1) as c:
        with pytest.raises(httpx.ReadTimeout):
            c.get("/v1/llms")
        assert c.get("/v1/llms").status_code == 200


def test_concurrent_clients_over_http(fake: FakeGoodmem, server: FakeServer) -> None:
    ids: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        with httpx.Client(base_url=server.url, headers={"x-api-key": fake.api_key}) as client:
            for i in range(5):
                body = minimal(modelIdentifier=f"gpt-{n}-{i}")
                llm_id = client.post("/v1/llms", json=body).json()["llm"]["llmId"]
                with lock:
                    ids.append(llm_id)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with httpx.Client(base_url=server.url, headers={"x-api-key": fake.api_key}) as client:
        listed = [llm["llmId"] for llm in client.get("/v1/llms").json()["llms"]]
    assert sorted(listed) == sorted(ids)
    assert len(set(ids)) == 40


def test_close_stops_serving_and_cuts_kept_alive_connections(fake: FakeGoodmem) -> None:
    server = fake.serve()
    client = httpx.Client(base_url=server.url, headers={"x-api-key": fake.api_key})
    assert client.get("/v1/llms").status_code == 200

    server.close()
    server.close()  # idempotent

    with pytest.raises(httpx.TransportError):
        client.get("/v1/llms")
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.url}/v1/llms")
    client.close()
    assert "closed" in repr(server)


def test_the_command_line_server(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "goodmem.testing", "--port", "0", "--api-key", "gm_cli_key"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        assert process.stdout is not None
        base_line = process.stdout.readline().strip()
        key_line = process.stdout.readline().strip()
        assert base_line.startswith("GOODMEM_BASE_URL=http://127.0.0.1:")
        assert key_line == "GOODMEM_API_KEY=gm_cli_key"
        url = base_line.split("=", 1)[1]

        with httpx.Client(base_url=url, headers={"x-api-key": "gm_cli_key"}) as client:
            assert client.post("/v1/llms", json=minimal()).status_code == 201
            assert client.get("/v1/llms", headers={"x-api-key": "gm_test_key"}).status_code == 401

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=5) == 0
        assert "Ctrl-C" in process.stderr.read() if process.stderr else False
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_command_line_reports_a_busy_port(server: FakeServer) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "goodmem.testing", "--port", str(server.port)],
        capture_output=True,
        text=True,
        timeout=10,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )

    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{server.port}" in result.stderr
    assert result.stdout == ""
    assert time.monotonic() - started < 10


def test_keep_alive_requests_are_answered_promptly(served_http: httpx.Client) -> None:
    served_http.get("/v1/llms")
    started = time.monotonic()

    for index in range(20):
        served_http.post("/v1/llms", json=minimal(modelIdentifier=f"gpt-{index}"))

    # Nagle's algorithm against delayed ACKs would cost ~40 ms a request
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize("method", ["PATCH", "OPTIONS", "PROPFIND"])
def test_any_method_gets_a_json_answer_over_http(
    connection: http.client.HTTPConnection, method: str
) -> None:
    status, body = exchange(connection, method, "/v1/llms")

    assert status == 405
    assert json.loads(body)["code"] == "UNIMPLEMENTED"


def test_a_failing_handler_answers_500_instead_of_hanging_up() -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        raise RuntimeError("boom")

    with FakeServer(broken, "127.0.0.1", 0) as server:
        response = httpx.get(f"{server.url}/v1/llms")

    assert response.status_code == 500
    assert response.json() == {
        "code": "INTERNAL",
        "message": "embedded GoodMem failed: RuntimeError('boom')",
    }
