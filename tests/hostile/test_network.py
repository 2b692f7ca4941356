"""Where requests go and why they fail: redirects, lost answers, refused, DNS and TLS errors."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest

import goodmem
from goodmem.testing import FakeGoodmem
from tests.conftest import load_fixture
from tests.hostile.conftest import Caller
from tests.hostile.server import Connection, HostileServer, response_head

LLM_ID = load_fixture("get_response")["llmId"]


@pytest.fixture
def two_servers() -> Iterator[tuple[FakeGoodmem, str, FakeGoodmem, str]]:
    first, second = FakeGoodmem(), FakeGoodmem()
    with first.serve() as a, second.serve() as b:
        yield first, a.url, second, b.url


def test_redirect_to_another_host_is_not_followed_even_by_a_following_client(
    caller: Caller, two_servers: tuple[FakeGoodmem, str, FakeGoodmem, str]
) -> None:
    first, first_url, second, second_url = two_servers
    target = f"{second_url}/v1/llms/stolen"
    first.faults.enqueue(302, b"", headers={"location": target})
    client = caller.client(
        first_url, api_key=first.api_key, max_retries=0, http_client="caller"
    )  # an httpx client with follow_redirects=True
    with pytest.raises(goodmem.APIStatusError) as info:
        caller.call(client, "get", id=LLM_ID)
    assert info.value.status_code == 302
    assert target in str(info.value)
    assert "not followed" in str(info.value)
    assert second.requests == []  # the key never reached the other server
    assert len(first.requests) == 1


@pytest.fixture
def served() -> Iterator[tuple[FakeGoodmem, str]]:
    fake = FakeGoodmem()
    with fake.serve() as server:
        yield fake, server.url


def test_delete_whose_answer_is_lost_succeeds_on_retry(
    caller: Caller, served: tuple[FakeGoodmem, str], no_sleep: list[float]
) -> None:
    fake, url = served
    created = (
        fake.client()
        .llms.create(display_name="doomed", model_identifier="gpt-4o", api_key="sk-test")
        .llm
    )
    fake.faults.drop_connection(after_processing=True, method="DELETE")
    client = caller.client(url, api_key=fake.api_key)
    assert caller.call(client, "delete", id=created.llm_id) is None
    deletes = [r for r in fake.requests if r.method == "DELETE"]
    assert [r.fault for r in deletes] == ["drop", None]
    assert [r.status for r in deletes] == [None, 404]  # the retry met the done deed
    with pytest.raises(goodmem.NotFoundError):
        fake.client().llms.get(id=created.llm_id)


def test_delete_of_a_missing_llm_still_raises(
    caller: Caller, served: tuple[FakeGoodmem, str]
) -> None:
    fake, url = served
    client = caller.client(url, api_key=fake.api_key)
    with pytest.raises(goodmem.NotFoundError):
        caller.call(client, "delete", id="550e8400-e29b-41d4-a716-446655440099")


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused_says_so_and_counts_attempts(
    caller: Caller, no_sleep: list[float]
) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    client = caller.client(url, max_retries=2)
    with pytest.raises(goodmem.APIConnectionError) as info:
        caller.call(client, "get", id=LLM_ID)
    expected = f"Connection error on GET {url}/v1/llms/{LLM_ID}: connection refused (3 attempts)"
    assert str(info.value) == expected
    assert info.value.attempts == 3
    assert isinstance(info.value.__cause__, httpx.ConnectError)


def test_dns_failure_says_so(
    caller: Caller, monkeypatch: pytest.MonkeyPatch, no_sleep: list[float]
) -> None:
    def no_such_host(*args: object, **kwargs: object) -> list[object]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    client = caller.client("http://gm.invalid", max_retries=1)
    with pytest.raises(goodmem.APIConnectionError) as info:
        caller.call(client, "get", id=LLM_ID)
    assert "DNS lookup failed (Name or service not known) (2 attempts)" in str(info.value)


def _plain_http(conn: Connection) -> None:
    conn.send(response_head(400, content_length=0))


def test_tls_failure_says_so(caller: Caller) -> None:
    with HostileServer(_plain_http, read_request=False) as server:  # answers the ClientHello
        client = caller.client(server.url.replace("http:", "https:"), max_retries=0)
        with pytest.raises(goodmem.APIConnectionError) as info:
            caller.call(client, "get", id=LLM_ID)
    assert ": TLS error (" in str(info.value)


# --- item 18: certificate failures are not retried; Retry-After is strict --------------------


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1 and its key (made by the openssl CLI)."""
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1"
    command += " -addext subjectAltName=IP:127.0.0.1"
    subprocess.run(
        [*command.split(), "-keyout", key, "-out", cert], check=True, capture_output=True
    )
    return cert, key


def _tls_server(cert_and_key: tuple[str, str]) -> HostileServer:
    import json
    import ssl

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*cert_and_key)
    body = json.dumps(load_fixture("get_response")).encode()

    def answer(conn: Connection) -> None:
        conn.send(response_head(200, content_type="application/json", content_length=len(body)))
        conn.send(body)

    return HostileServer(answer, ssl_context=context)


@pytest.mark.parametrize("pool", ["sdk", "caller"])
def test_a_rejected_certificate_is_not_retried(
    caller: Caller, self_signed: tuple[str, str], no_sleep: list[float], pool: str
) -> None:
    with _tls_server(self_signed) as server:
        options = {"http_client": "caller"} if pool == "caller" else {}
        client = caller.client(server.url, max_retries=2, **options)
        with pytest.raises(goodmem.APIConnectionError) as info:
            caller.call(client, "get", id=LLM_ID)
        handshakes = server.connections
    print(f"{caller.mode} {pool}: {info.value}")
    assert "TLS certificate verification failed" in str(info.value)
    assert info.value.attempts == 1
    assert handshakes == 1
    assert no_sleep == []


def test_the_tls_server_itself_works_for_a_client_that_trusts_it(
    caller: Caller, self_signed: tuple[str, str]
) -> None:
    """The control: the same server, trusted, answers (so the failure above is the cert)."""
    import ssl

    trusting = ssl.create_default_context(cafile=self_signed[0])
    kind = httpx.AsyncClient if caller.is_async else httpx.Client
    with _tls_server(self_signed) as server:
        client = caller.client(server.url, max_retries=0, http_client=kind(verify=trusting))
        assert caller.call(client, "get", id=LLM_ID).llm_id == LLM_ID


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("7", 7.0),
        (" 7 ", 7.0),
        ("2.5", 2.5),
        ("1_0", None),
        ("10s", None),
        ("+5", None),
        ("-1", None),
        ("1e1", None),
        ("0x10", None),
        ("\u0663", None),  # ARABIC-INDIC DIGIT THREE: float() would read it as 3
        ("61", None),  # past the 60 s the SDK waits at most
        ("nan", None),
        ("inf", None),
    ],
)
def test_retry_after_is_read_strictly(
    caller: Caller, no_sleep: list[float], value: str, expected: float | None
) -> None:
    import json

    body = json.dumps(load_fixture("get_response")).encode()

    def answer(conn: Connection) -> None:
        if len(conn.server.requests) == 1:
            head = response_head(503, content_length=0)
            conn.send(head[:-2] + f"retry-after: {value}\r\n\r\n".encode())
            return
        conn.send(response_head(200, content_type="application/json", content_length=len(body)))
        conn.send(body)

    with HostileServer(answer) as server:
        client = caller.client(server.url, max_retries=1)
        assert caller.call(client, "get", id=LLM_ID).llm_id == LLM_ID
    (delay,) = no_sleep
    if expected is None:
        assert 0.25 <= delay <= 0.5  # the first backoff step, as without Retry-After
    else:
        assert delay == expected
