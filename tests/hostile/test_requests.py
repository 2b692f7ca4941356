"""What a request carries, as the server's socket sees it: headers, credentials, cookies.

Issue 19, items 2, 10, 12 and 16.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

import goodmem
from tests.conftest import load_fixture
from tests.hostile.conftest import Caller
from tests.hostile.server import Connection, HostileServer, response_head

REAL = load_fixture("get_response")
LLM_ID = REAL["llmId"]
BODY = json.dumps(REAL).encode()


def _answer(conn: Connection, *extra: str) -> None:
    head = response_head(200, content_type="application/json", content_length=len(BODY))
    lines = "".join(f"{line}\r\n" for line in extra).encode()
    conn.send(head[:-2] + lines + b"\r\n" + BODY)


def header_values(head: bytes, name: str) -> list[str]:
    """Every value of header `name` in a raw request head, in order (names without case)."""
    values = []
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.decode("latin-1").partition(":")
        if key.strip().lower() == name.lower():
            values.append(value.strip())
    return values


# --- item 2: per-call headers replace defaults, case-insensitively ---------------------------


def _http_client(caller: Caller, kind: str) -> dict[str, Any]:
    """No http_client, or the caller's own with headers of its own (and query parameters)."""
    if kind == "sdk":
        return {}
    cls = httpx.AsyncClient if caller.is_async else httpx.Client
    headers = {"X-API-KEY": "from-http-client", "User-Agent": "their-agent/0"}
    params = {"tenant": "t1"} if kind == "caller-params" else None
    return {"http_client": cls(headers=headers, params=params)}


@pytest.mark.parametrize("pool", ["sdk", "caller", "caller-params"])
def test_a_per_call_api_key_is_the_only_one_sent(caller: Caller, pool: str) -> None:
    with HostileServer(_answer) as server:
        client = caller.client(
            server.url, api_key="client-admin-key", max_retries=0, **_http_client(caller, pool)
        )
        caller.call(client, "get", id=LLM_ID, extra_headers={"X-Api-Key": "tenant-key"})
        caller.call(client, "get", id=LLM_ID)
    with_tenant, plain = server.heads
    print(f"{caller.mode} {pool}: x-api-key {header_values(with_tenant, 'x-api-key')}")
    assert header_values(with_tenant, "x-api-key") == ["tenant-key"]
    assert header_values(plain, "x-api-key") == ["client-admin-key"]


@pytest.mark.parametrize("pool", ["sdk", "caller", "caller-params"])
def test_default_headers_replace_the_sdks_own_whatever_their_case(
    caller: Caller, pool: str
) -> None:
    with HostileServer(_answer) as server:
        client = caller.client(
            server.url,
            max_retries=0,
            default_headers={"User-Agent": "my-app/1.0", "ACCEPT": "application/json; q=1"},
            **_http_client(caller, pool),
        )
        caller.call(client, "get", id=LLM_ID)
        caller.call(client, "get", id=LLM_ID, extra_headers={"user-AGENT": "this-call/2"})
    first, second = server.heads
    assert header_values(first, "user-agent") == ["my-app/1.0"]
    assert header_values(first, "accept") == ["application/json; q=1"]
    assert header_values(second, "user-agent") == ["this-call/2"]
    assert header_values(second, "accept") == ["application/json; q=1"]
    for head in server.heads:
        assert len(header_values(head, "x-api-key")) == 1
        assert len(header_values(head, "accept-encoding")) == 1


# --- item 10: base_url with credentials is refused for every spelling -----------------------

SECRET = "Pa55w0rd"


@pytest.mark.parametrize(
    "userinfo",
    [
        f"admin:{SECRET}@",
        f"admin:{SECRET}/x@",  # a '/' in the password: parsers disagree where the host is
        f"admin:{SECRET}?x@",
        f"admin:{SECRET}#x@",
        f"admin: {SECRET}@",
        f"admin:{SECRET}%40x@",
        f"admin%3A{SECRET}@",
        f"{SECRET}@",
        f"admin:1234/{SECRET}@",  # not host 'admin', port 1234
    ],
)
def test_base_url_with_credentials_is_refused_without_echoing_them(
    caller: Caller, userinfo: str
) -> None:
    with HostileServer(_answer) as server:
        url = server.url.replace("://", f"://{userinfo}")
        with pytest.raises(ValueError) as info:
            client = caller.client(url, max_retries=0)
            caller.call(client, "get", id=LLM_ID)  # in case construction let it through
        text = f"{info.value} {info.value!r} {info.value.args}"
        print(f"{userinfo!r} -> {info.value}")
        assert "password" in str(info.value)
        assert SECRET not in text
        assert server.requests == []


def test_base_url_credentials_from_the_environment_are_refused(
    caller: Caller, monkeypatch: pytest.MonkeyPatch
) -> None:
    with HostileServer(_answer) as server:
        url = server.url.replace("://", f"://admin:{SECRET}/@")
        monkeypatch.setenv("GOODMEM_BASE_URL", url)
        cls = goodmem.AsyncGoodmem if caller.is_async else goodmem.Goodmem
        with pytest.raises(ValueError, match=r"GOODMEM_BASE_URL") as info:
            cls(api_key="k")
        assert SECRET not in str(info.value)
        assert server.requests == []


# --- item 12: no cookie jar -------------------------------------------------------------------

COOKIES_PER_ANSWER = 1500


def test_cookies_a_server_sets_are_never_sent_back(caller: Caller) -> None:
    """A server setting 1,500 cookies per answer: no later request carries a Cookie header
    (a jar would grow by 1,500 per call and send them all every time)."""
    import time

    cookies = [
        f"set-cookie: c{n}-{{call}}=v{n}; Path=/; Max-Age=3600" for n in range(COOKIES_PER_ANSWER)
    ]
    calls = 10

    def answer(conn: Connection) -> None:
        call = len(conn.server.requests)
        _answer(conn, *(cookie.format(call=call) for cookie in cookies))

    with HostileServer(answer) as server:
        client = caller.client(server.url, max_retries=0)
        started = time.monotonic()
        for _ in range(calls):
            caller.call(client, "get", id=LLM_ID)
        took = time.monotonic() - started
        sent = [len("; ".join(header_values(head, "cookie"))) for head in server.heads]
    print(f"{caller.mode}: {calls} calls in {took * 1000:.0f} ms; Cookie header sizes {sent}")
    assert sent == [0] * calls


# --- item 16: environment problems are clear ------------------------------------------------

_ENV_CHILD = """
import json, sys
import goodmem

results = {}
for name in ("Goodmem", "AsyncGoodmem"):
    for url in sys.argv[1:]:
        try:
            client = getattr(goodmem, name)(url, "k", max_retries=0)
        except BaseException as exc:
            results[f"{name} {url[:5]}"] = [type(exc).__name__, str(exc)]
        else:
            results[f"{name} {url[:5]}"] = ["built", ""]
            if name == "Goodmem" and url.startswith("http:"):
                results["get over http"] = client.llms.get(id=%r).display_name
print(json.dumps(results))
"""


def _in_child(env: dict[str, str], *urls: str) -> dict[str, list[str]]:
    """Build a Goodmem and an AsyncGoodmem for each URL in a fresh process with `env` set."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    clean = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    child = subprocess.run(
        [sys.executable, "-c", _ENV_CHILD % LLM_ID, *urls],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=root,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    result: dict[str, list[str]] = json.loads(child.stdout)
    return result


def test_a_missing_ssl_cert_file_is_named_and_matters_only_for_https() -> None:
    with HostileServer(_answer) as server:
        got = _in_child({"SSL_CERT_FILE": "/nonexistent/ca.pem"}, server.url, "https://gm.invalid")
    print(json.dumps(got, indent=1))
    assert got["get over http"] == REAL["displayName"]  # http needs no TLS settings at all
    assert got["Goodmem http:"] == got["AsyncGoodmem http:"] == ["built", ""]
    for name in ("Goodmem https", "AsyncGoodmem https"):
        kind, text = got[name]
        assert kind == "ValueError"
        assert "from $SSL_CERT_FILE (" in text
        assert "unset it" in text


def test_a_socks_proxy_without_socksio_is_named_with_the_fix() -> None:
    pytest.importorskip("httpx")
    try:
        import socksio  # noqa: F401
    except ImportError:
        pass
    else:  # pragma: no cover - the test needs it absent
        pytest.skip("socksio is installed")
    got = _in_child({"ALL_PROXY": "socks5://127.0.0.1:1080"}, "http://gm.invalid")
    print(json.dumps(got, indent=1))
    for name in ("Goodmem http:", "AsyncGoodmem http:"):
        kind, text = got[name]
        assert kind == "ValueError"
        assert "$ALL_PROXY" in text
        assert "pip install 'httpx[socks]'" in text
