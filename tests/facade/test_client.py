"""Client configuration, connection ownership and repr."""

from __future__ import annotations

import asyncio

import httpx
import pytest

import goodmem
from goodmem import _deadline, _exchange
from goodmem._config import NO_OPTIONS, attempt_budget
from tests.conftest import load_fixture
from tests.facade.conftest import Recorder, json_response

LLM_ID = load_fixture("get_response")["llmId"]


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOODMEM_BASE_URL", raising=False)
    monkeypatch.delenv("GOODMEM_API_KEY", raising=False)


@pytest.mark.parametrize("cls", [goodmem.Goodmem, goodmem.AsyncGoodmem])
def test_defaults_and_environment(cls: type, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cls(api_key="k").base_url == "http://localhost:8080"
    monkeypatch.setenv("GOODMEM_BASE_URL", "https://gm.example/")
    monkeypatch.setenv("GOODMEM_API_KEY", "from-env")
    client = cls()
    assert (client.base_url, client.api_key) == ("https://gm.example", "from-env")
    explicit = cls("http://other:9000", "explicit")
    assert (explicit.base_url, explicit.api_key) == ("http://other:9000", "explicit")


@pytest.mark.parametrize("cls", [goodmem.Goodmem, goodmem.AsyncGoodmem])
def test_missing_api_key_fails_at_construction(cls: type) -> None:
    with pytest.raises(goodmem.GoodmemError, match="GOODMEM_API_KEY"):
        cls("http://x.test")


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"base_url": "localhost:8080"}, ValueError, "base_url: expected an http"),
        ({"base_url": "ftp://x"}, ValueError, "base_url"),
        ({"max_retries": -1}, ValueError, "max_retries"),
        ({"max_response_bytes": 0}, ValueError, "max_response_bytes: must be an int >= 1"),
        ({"max_response_bytes": True}, ValueError, "max_response_bytes"),
        ({"timeout": "5"}, TypeError, "timeout: expected seconds"),
        ({"default_headers": {"x bad": "v"}}, ValueError, "'x bad' is not a valid header name"),
        ({"api_key": 123}, TypeError, "api_key: expected str"),
        ({"http_client": httpx.AsyncClient()}, TypeError, "http_client: expected httpx.Client"),
    ],
)
def test_bad_client_arguments(kwargs: dict[str, object], error: type, pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        goodmem.Goodmem(**{"api_key": "k", **kwargs})  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", [goodmem.Goodmem, goodmem.AsyncGoodmem])
def test_repr_shows_base_url_but_never_the_key(cls: type) -> None:
    client = cls("http://gm.test", "gm_super_secret")
    assert repr(client) == f"{cls.__name__}(base_url='http://gm.test')"
    assert "gm_super_secret" not in repr(client) + str(client) + repr(client.llms)


def test_sync_client_closes_its_own_pool() -> None:
    with goodmem.Goodmem("http://gm.test", "k") as client:
        http = client._http
        assert not http.is_closed
    assert http.is_closed


def test_async_client_closes_its_own_pool() -> None:
    async def run() -> httpx.AsyncClient:
        async with goodmem.AsyncGoodmem("http://gm.test", "k") as client:
            http = client._http
            assert not http.is_closed
        return http

    assert asyncio.run(run()).is_closed


def test_caller_supplied_client_is_used_as_given_and_left_open() -> None:
    recorder = Recorder()
    recorder.reply(json_response(200, load_fixture("get_response")))
    http = httpx.Client(transport=httpx.MockTransport(recorder), headers={"x-trace": "t1"})
    with goodmem.Goodmem("http://gm.test", "k", http_client=http) as client:
        client.llms.get(id=LLM_ID)
    assert recorder.last.headers["x-trace"] == "t1"
    assert not http.is_closed
    http.close()


def test_one_pool_serves_every_call() -> None:
    recorder = Recorder()
    client = goodmem.Goodmem("http://gm.test", "k")
    client._http._transport = httpx.MockTransport(recorder)
    recorder.reply(*(json_response(200, load_fixture("get_response")) for _ in range(3)))
    pool = client._http
    for _ in range(3):
        client.llms.get(id=LLM_ID)
    assert client._http is pool
    assert len(recorder.requests) == 3


def test_with_options_shares_the_pool_and_changes_options() -> None:
    client = goodmem.Goodmem("http://gm.test", "k", max_retries=5)
    other = client.with_options(max_retries=0, timeout=3.0)
    assert other._http is client._http
    assert (other.max_retries, other.timeout) == (0, 3.0)
    assert (client.max_retries, client.timeout) == (5, goodmem.DEFAULT_TIMEOUT)
    assert other.api_key == "k"
    other.close()
    assert not client._http.is_closed


def test_timeout_is_sent_with_each_request() -> None:
    recorder = Recorder()
    recorder.reply(json_response(200, load_fixture("get_response")))
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    goodmem.Goodmem("http://gm.test", "k", http_client=http, timeout=4.5).llms.get(id=LLM_ID)
    assert recorder.last.extensions["timeout"] == httpx.Timeout(4.5).as_dict()


def test_default_timeout_applies_to_own_pool() -> None:
    recorder = Recorder()
    recorder.reply(json_response(200, load_fixture("get_response")))
    client = goodmem.Goodmem("http://gm.test", "k")
    client._http._transport = httpx.MockTransport(recorder)
    client.llms.get(id=LLM_ID)
    assert recorder.last.extensions["timeout"] == goodmem.DEFAULT_TIMEOUT.as_dict()


@pytest.mark.parametrize(
    "url",
    [
        "http://admin:1234/S3cr@host",  # a password with '/': not host 'admin', port 1234
        "http://user:p?ss@host/",
        "http://user:p#ss@host/",
        "http:// user:pass@host",
        "http://user:p%40ss@host",
        "http://gm.test/users/@me",  # '@' in a path: refused as well, it may be a password
    ],
)
def test_any_at_sign_in_base_url_is_refused_without_echoing_what_precedes_it(url: str) -> None:
    with pytest.raises(ValueError, match="must not contain a user name or password") as info:
        goodmem.Goodmem(url, "k")
    secret = url.rsplit("@", 1)[0].split("//", 1)[1]
    assert secret not in str(info.value)


def test_base_url_path_prefix_is_kept() -> None:
    recorder = Recorder()
    recorder.reply(json_response(200, {"llms": []}))
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    goodmem.Goodmem("https://gm.example/prefix/", "k", http_client=http).llms.list()
    assert str(recorder.last.url) == "https://gm.example/prefix/v1/llms"


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_with_options_timeout_applies_to_its_requests(mode: str) -> None:
    recorder = Recorder()
    recorder.reply(*(json_response(200, load_fixture("get_response")) for _ in range(2)))
    transport = httpx.MockTransport(recorder)
    if mode == "sync":
        client: goodmem.Goodmem | goodmem.AsyncGoodmem = goodmem.Goodmem(
            "http://gm.test", "k", http_client=httpx.Client(transport=transport), timeout=30.0
        )
        client.with_options(timeout=2.5).llms.get(id=LLM_ID)
        client.llms.get(id=LLM_ID)
    else:
        client = goodmem.AsyncGoodmem(
            "http://gm.test", "k", http_client=httpx.AsyncClient(transport=transport), timeout=30.0
        )

        async def run() -> None:
            await client.with_options(timeout=2.5).llms.get(id=LLM_ID)
            await client.llms.get(id=LLM_ID)

        asyncio.run(run())
    fast, default = recorder.requests
    assert fast.extensions["timeout"] == httpx.Timeout(2.5).as_dict()
    assert default.extensions["timeout"] == httpx.Timeout(30.0).as_dict()


@pytest.mark.parametrize(
    ("base_url", "pattern"),
    [
        ("localhost:8080", r"\(did you mean 'http://localhost:8080'\?\)"),
        ("gm.example.com", r"\(did you mean 'http://gm.example.com'\?\)"),
        ("http://h/prefix?tenant=1", "must not have a query or fragment"),
        ("http://h/prefix?", "must not have a query or fragment"),
        ("http://h/prefix#top", "must not have a query or fragment"),
    ],
)
def test_base_url_problems_are_explained(base_url: str, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        goodmem.Goodmem(base_url, "k")


@pytest.mark.parametrize(
    "base_url",
    ["http://alice:hunter2@gm.test", "https://alice:hunter2@gm.test/p", "alice:hunter2@gm.test"],
)
@pytest.mark.parametrize("cls", [goodmem.Goodmem, goodmem.AsyncGoodmem])
def test_base_url_with_a_password_is_refused_without_repeating_it(
    cls: type, base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValueError, match="must not contain a user name or password") as info:
        cls(base_url, "k")
    assert "hunter2" not in str(info.value)
    monkeypatch.setenv("GOODMEM_BASE_URL", base_url)
    with pytest.raises(ValueError) as from_env:
        cls(api_key="k")
    assert "hunter2" not in str(from_env.value)


@pytest.mark.parametrize(
    ("api_key", "problem"),
    [
        ("gm_key_from_a_file\n", "ends with a line break"),
        ("gm_key\r\n", "ends with a line break"),
        ("gm key", "contains whitespace at position 2"),
        (" gm_key", "contains whitespace at position 0"),
        ("gm_kéy", "contains a non-ASCII character at position 4"),
        ("gm_\x00key", "contains a control character at position 3"),
        ("gm_\nkey", "contains whitespace at position 3"),
    ],
)
@pytest.mark.parametrize("cls", [goodmem.Goodmem, goodmem.AsyncGoodmem])
def test_malformed_api_keys_fail_at_construction_without_showing_the_key(
    cls: type, api_key: str, problem: str
) -> None:
    with pytest.raises(ValueError, match=r"^api_key: ") as info:
        cls("http://gm.test", api_key)
    assert problem in str(info.value)
    assert "gm_k" not in str(info.value)


def test_header_values_are_checked_before_sending() -> None:
    with pytest.raises(ValueError, match=r"default_headers\['x-team'\]: a header value") as info:
        goodmem.Goodmem("http://gm.test", "k", default_headers={"x-team": "secret\n"})
    assert "secret" not in str(info.value)
    recorder = Recorder()
    client = goodmem.Goodmem(
        "http://gm.test", "k", http_client=httpx.Client(transport=httpx.MockTransport(recorder))
    )
    with pytest.raises(ValueError, match=r"extra_headers\['x-trace'\]: a header value"):
        client.llms.get(id=LLM_ID, extra_headers={"x-trace": "caf\u00e9"})
    assert recorder.requests == []


def test_https_clients_share_one_ssl_context() -> None:
    first, second = goodmem.Goodmem("https://a.test", "k"), goodmem.AsyncGoodmem("https://b", "k")
    contexts = {id(client._http._transport._pool._ssl_context) for client in (first, second)}
    assert len(contexts) == 1


@pytest.mark.parametrize(
    ("cls", "http", "wrapper"),
    [(goodmem.Goodmem, httpx.Client, 0), (goodmem.AsyncGoodmem, httpx.AsyncClient, 1)],
)
def test_pools_own_and_supplied_enforce_deadlines_at_the_socket(
    cls: type, http: type, wrapper: int
) -> None:
    backend = _deadline._backends()[wrapper]
    assert isinstance(cls("http://gm.test", "k")._http._transport._pool._network_backend, backend)
    supplied = http()
    cls("http://gm.test", "k", http_client=supplied)
    cls("http://gm.test", "k", http_client=supplied)  # wrapped once
    network = supplied._transport._pool._network_backend
    assert isinstance(network, backend) and not isinstance(network._backend, backend)


@pytest.mark.parametrize(
    ("timeout", "budget"),
    [
        (2.0, 2.0),
        (None, None),
        (httpx.Timeout(30.0, connect=5.0), 30.0),
        (httpx.Timeout(5.0, read=60.0), 60.0),
        (httpx.Timeout(5.0, read=None), 5.0),  # the write and connect parts still bound it
        (httpx.Timeout(2.0, pool=None), 2.0),
        (httpx.Timeout(2.0, connect=None), 2.0),
        (httpx.Timeout(None, pool=3.0), None),  # only the pool wait is bounded
    ],
)
def test_attempt_budget_is_the_largest_part_of_the_timeout_but_the_pool(
    timeout: float | httpx.Timeout | None, budget: float | None
) -> None:
    assert attempt_budget(timeout) == budget


def test_timeout_of_a_caller_client_is_its_own_unless_given() -> None:
    http = httpx.Client(timeout=7.0)
    client = goodmem.Goodmem("http://gm.test", "k", http_client=http)
    assert client.timeout is goodmem.NOT_GIVEN
    assert _exchange._timeout(client._settings, http, NO_OPTIONS) == httpx.Timeout(7.0)
    given = goodmem.Goodmem("http://gm.test", "k", http_client=http, timeout=3)
    assert _exchange._timeout(given._settings, http, NO_OPTIONS) == 3


def test_with_options_changes_max_response_bytes() -> None:
    client = goodmem.Goodmem("http://gm.test", "k")
    assert client.max_response_bytes == goodmem.DEFAULT_MAX_RESPONSE_BYTES
    assert client.with_options(max_response_bytes=10).max_response_bytes == 10
    assert client.with_options(timeout=1).max_response_bytes == client.max_response_bytes


def test_a_callers_client_defaults_reach_every_request() -> None:
    """What httpx.Client.build_request would merge: headers (even set later), cookies, params."""
    recorder = Recorder()
    recorder.reply(
        json_response(200, {"llms": []}),
        json_response(200, {"llms": []}),
        json_response(200, {"llms": []}),
    )
    transport = httpx.MockTransport(recorder)
    plain = httpx.Client(transport=transport, headers={"x-team": "support", "accept": "*/*"})
    client = goodmem.Goodmem("http://gm.test", "k", http_client=plain)
    plain.headers["x-later"] = "yes"
    client.llms.list()
    request = recorder.last
    assert request.headers["x-team"] == "support" and request.headers["x-later"] == "yes"
    assert request.headers.get_list("accept") == ["application/json"]  # the SDK's wins
    assert request.headers["x-api-key"] == "k"

    with_state = httpx.Client(transport=transport, cookies={"session": "s1"}, params={"t": "1"})
    goodmem.Goodmem("http://gm.test", "k", http_client=with_state).llms.list(owner_id=None)
    assert recorder.last.headers["cookie"] == "session=s1"
    assert recorder.last.url.params["t"] == "1"

    own = goodmem.Goodmem("http://gm.test", "k", timeout=7)
    own._http = httpx.Client(transport=transport)  # the SDK-built client's defaults, by stand-in
    own.llms.list()
    assert recorder.last.extensions["timeout"] == httpx.Timeout(7).as_dict()
    assert recorder.last.headers["user-agent"].startswith("goodmem-python/")


def test_a_misspelt_option_of_with_options_gets_a_suggestion() -> None:
    client = goodmem.Goodmem("http://gm.test", "k")
    with pytest.raises(TypeError, match=r"'retries' \(did you mean 'max_retries'\?\)"):
        client.with_options(retries=0)  # type: ignore[call-arg]


def test_a_bad_base_url_from_the_environment_names_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GOODMEM_BASE_URL", "localhost:8080")
    with pytest.raises(ValueError, match=r"^\$GOODMEM_BASE_URL: expected an http\(s\) URL"):
        goodmem.Goodmem(api_key="k")
    with pytest.raises(ValueError, match=r"^base_url: "):
        goodmem.Goodmem("localhost:8080", "k")
