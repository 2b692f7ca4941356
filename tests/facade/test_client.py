"""Client configuration, connection ownership and repr."""

from __future__ import annotations

import asyncio

import httpx
import pytest

import goodmem
from tests.conftest import load_fixture
from tests.facade.conftest import Recorder, json_response


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
        client.llms.get(id="abc")
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
        client.llms.get(id="abc")
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
    goodmem.Goodmem("http://gm.test", "k", http_client=http, timeout=4.5).llms.get(id="a")
    assert recorder.last.extensions["timeout"] == httpx.Timeout(4.5).as_dict()


def test_default_timeout_applies_to_own_pool() -> None:
    recorder = Recorder()
    recorder.reply(json_response(200, load_fixture("get_response")))
    client = goodmem.Goodmem("http://gm.test", "k")
    client._http._transport = httpx.MockTransport(recorder)
    client.llms.get(id="a")
    assert recorder.last.extensions["timeout"] == goodmem.DEFAULT_TIMEOUT.as_dict()


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
        client.with_options(timeout=2.5).llms.get(id="a")
        client.llms.get(id="a")
    else:
        client = goodmem.AsyncGoodmem(
            "http://gm.test", "k", http_client=httpx.AsyncClient(transport=transport), timeout=30.0
        )

        async def run() -> None:
            await client.with_options(timeout=2.5).llms.get(id="a")
            await client.llms.get(id="a")

        asyncio.run(run())
    fast, default = recorder.requests
    assert fast.extensions["timeout"] == httpx.Timeout(2.5).as_dict()
    assert default.extensions["timeout"] == httpx.Timeout(30.0).as_dict()
