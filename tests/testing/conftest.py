"""Fixtures: a FakeGoodmem with a settable clock, two plain principals and an admin, and
clients for it.

In-process clients go through SpecCheckingTransport: any exchange that breaks openapi.yaml fails
the test that made it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from goodmem.testing import DEFAULT_API_KEY, DEFAULT_PRINCIPAL, FakeGoodmem, FakeServer
from tests.testing.support import (
    ADMIN_KEY,
    ADMIN_PRINCIPAL,
    OTHER_KEY,
    OTHER_PRINCIPAL,
    Clock,
    SpecCheckingTransport,
    in_process,
)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def fake(clock: Clock) -> FakeGoodmem:
    return FakeGoodmem(
        {DEFAULT_API_KEY: DEFAULT_PRINCIPAL, OTHER_KEY: OTHER_PRINCIPAL},
        admin_keys={ADMIN_KEY: ADMIN_PRINCIPAL},
        clock=clock,
    )


@pytest.fixture
def checked(fake: FakeGoodmem) -> Iterator[SpecCheckingTransport]:
    transport = SpecCheckingTransport(fake.transport)
    yield transport
    assert transport.violations == []


def _client(transport: httpx.BaseTransport, key: str | None) -> httpx.Client:
    headers = {"x-api-key": key} if key is not None else {}
    return httpx.Client(transport=transport, base_url=FakeGoodmem.base_url, headers=headers)


@pytest.fixture
def http(checked: SpecCheckingTransport) -> Iterator[httpx.Client]:
    """The default key's client, spec-checked."""
    with _client(checked, DEFAULT_API_KEY) as client:
        yield client


@pytest.fixture
def other_http(checked: SpecCheckingTransport) -> Iterator[httpx.Client]:
    """The other principal's client, spec-checked."""
    with _client(checked, OTHER_KEY) as client:
        yield client


@pytest.fixture
def admin_http(checked: SpecCheckingTransport) -> Iterator[httpx.Client]:
    """The admin key's client (the *_ANY permissions), spec-checked."""
    with _client(checked, ADMIN_KEY) as client:
        yield client


@pytest.fixture
def anon_http(checked: SpecCheckingTransport) -> Iterator[httpx.Client]:
    """A client without an API key, spec-checked."""
    with _client(checked, None) as client:
        yield client


@pytest.fixture
def raw_http(fake: FakeGoodmem) -> Iterator[httpx.Client]:
    """The default key's client without spec checks (for injected faults)."""
    with in_process(fake) as client:
        yield client


@pytest.fixture
async def ahttp(checked: SpecCheckingTransport) -> AsyncIterator[httpx.AsyncClient]:
    """The default key's async client, spec-checked."""
    async with httpx.AsyncClient(
        transport=checked, base_url=FakeGoodmem.base_url, headers={"x-api-key": DEFAULT_API_KEY}
    ) as client:
        yield client


@pytest.fixture
def server(fake: FakeGoodmem) -> Iterator[FakeServer]:
    with fake.serve() as running:
        yield running


@pytest.fixture
def served_http(server: FakeServer) -> Iterator[httpx.Client]:
    """The default key's client over real HTTP on loopback."""
    with httpx.Client(
        base_url=server.url, headers={"x-api-key": DEFAULT_API_KEY}, timeout=5
    ) as client:
        yield client
