"""pytest fixtures for the embedded GoodMem; installing this package registers them (`pytest11`).

    import pytest

    def test_registers_an_llm(goodmem_client, goodmem_fake):
        goodmem_client.llms.create(
            display_name="Bot", model_identifier="gpt-4o-mini", api_key="sk-..."
        )
        assert [r.method for r in goodmem_fake.requests] == ["POST"]

    async def test_async(async_goodmem_client):  # with pytest-asyncio or anyio
        assert await async_goodmem_client.llms.list() == []

    @pytest.mark.goodmem_http  # the same fixtures, over real HTTP on 127.0.0.1
    def test_over_http(goodmem_client, goodmem_server):
        assert goodmem_client.base_url.startswith(goodmem_server.url)

- `goodmem_fake`: a fresh FakeGoodmem for each test (script faults with `.faults`, read the
  request log with `.requests`).
- `goodmem_client` / `async_goodmem_client`: a Goodmem / AsyncGoodmem wired to it, in process
  (no sockets) unless the test is marked `goodmem_http`.
- `goodmem_server`: `goodmem_fake` served over HTTP on loopback, closed after the test.

Loading this plugin imports nothing but pytest: goodmem.testing (and PyYAML, from the
`testing` extra) are imported when a test first asks for a fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from goodmem import AsyncGoodmem, Goodmem
    from goodmem.testing import FakeGoodmem, FakeServer

__all__ = ["async_goodmem_client", "goodmem_client", "goodmem_fake", "goodmem_server"]

HTTP_MARKER = "goodmem_http"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{HTTP_MARKER}: goodmem_client and async_goodmem_client reach goodmem_fake over "
        "real HTTP on 127.0.0.1 instead of in process",
    )


def _over_http(request: pytest.FixtureRequest) -> bool:
    return request.node.get_closest_marker(HTTP_MARKER) is not None


@pytest.fixture
def goodmem_fake() -> FakeGoodmem:
    """A fresh, empty embedded GoodMem accepting DEFAULT_API_KEY."""
    from goodmem.testing import FakeGoodmem

    return FakeGoodmem()


@pytest.fixture
def goodmem_server(goodmem_fake: FakeGoodmem) -> Iterator[FakeServer]:
    """`goodmem_fake` served over HTTP on 127.0.0.1 (any free port) for the test."""
    with goodmem_fake.serve() as server:
        yield server


@pytest.fixture
def goodmem_client(request: pytest.FixtureRequest, goodmem_fake: FakeGoodmem) -> Iterator[Goodmem]:
    """A Goodmem client on `goodmem_fake`: in process, or over HTTP when marked goodmem_http."""
    if _over_http(request):
        from goodmem import Goodmem

        server: FakeServer = request.getfixturevalue("goodmem_server")
        client = Goodmem(base_url=server.url, api_key=goodmem_fake.api_key)
    else:
        client = goodmem_fake.client()
    with client:
        yield client


@pytest.fixture
def async_goodmem_client(request: pytest.FixtureRequest, goodmem_fake: FakeGoodmem) -> AsyncGoodmem:
    """An AsyncGoodmem on `goodmem_fake`: in process, or over HTTP when marked goodmem_http.

    A plain fixture, so any async test runner (or asyncio.run) can use it. Over HTTP each
    request gets its own connection (no keep-alive), so no socket outlives the event loop that
    opened it and nothing needs closing.
    """
    if _over_http(request):
        import httpx

        from goodmem import AsyncGoodmem

        server: FakeServer = request.getfixturevalue("goodmem_server")
        http = httpx.AsyncClient(limits=httpx.Limits(max_keepalive_connections=0))
        return AsyncGoodmem(base_url=server.url, api_key=goodmem_fake.api_key, http_client=http)
    return goodmem_fake.async_client()
