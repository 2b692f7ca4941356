"""Fixtures of the hostile-server suite: a client factory for either driver, over loopback."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import goodmem

API_KEY = "gm_hostile_test_key"


class Caller:
    """Runs one client call to completion, blocking, for Goodmem or AsyncGoodmem."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self._clients: list[goodmem.Goodmem | goodmem.AsyncGoodmem] = []

    def client(self, base_url: str, **options: Any) -> goodmem.Goodmem | goodmem.AsyncGoodmem:
        """A client of this mode; `http_client="caller"` supplies a plain httpx client."""
        if options.get("http_client") == "caller":
            kind = httpx.Client if self.mode == "sync" else httpx.AsyncClient
            options["http_client"] = kind(follow_redirects=True)
        cls = goodmem.Goodmem if self.mode == "sync" else goodmem.AsyncGoodmem
        client = cls(base_url, options.pop("api_key", API_KEY), **options)
        self._clients.append(client)
        return client

    def call(self, client: Any, method: str, *args: Any, **kwargs: Any) -> Any:
        result = getattr(client.llms, method)(*args, **kwargs)
        if self.mode == "async":

            async def run() -> Any:
                try:
                    return await result
                finally:
                    await client._http.aclose()  # the pool belongs to this event loop

            return asyncio.run(run())
        return result

    def close(self) -> None:
        for client in self._clients:
            if isinstance(client, goodmem.Goodmem):
                client._http.close()


@pytest.fixture(params=["sync", "async"])
def caller(request: pytest.FixtureRequest) -> Iterator[Caller]:
    """The same test once through Goodmem, once through AsyncGoodmem."""
    harness = Caller(request.param)
    yield harness
    harness.close()
