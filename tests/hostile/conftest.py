"""Fixtures of the hostile-server suite: a client factory for either driver, over loopback.

`caller` runs each test three times: through Goodmem, and through AsyncGoodmem under asyncio
and under trio. An async caller keeps one event loop for the whole test, in a thread of its
own (anyio's blocking portal), so several calls on one client share its pool as they would in
an application; the test itself stays blocking.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal

import goodmem

API_KEY = "gm_hostile_test_key"
MODES = ["sync", "async", "trio"]
"""Goodmem; AsyncGoodmem under asyncio; AsyncGoodmem under trio."""
BACKENDS = {"async": "asyncio", "trio": "trio"}


class Caller:
    """Runs client calls to completion, blocking, for Goodmem or AsyncGoodmem."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self._clients: list[goodmem.Goodmem | goodmem.AsyncGoodmem] = []
        self._portal_cm: contextlib.AbstractContextManager[BlockingPortal] | None = None
        self._portal: BlockingPortal | None = None

    @property
    def is_async(self) -> bool:
        return self.mode != "sync"

    def client(self, base_url: str, **options: Any) -> goodmem.Goodmem | goodmem.AsyncGoodmem:
        """A client of this mode; `http_client="caller"` supplies a plain httpx client."""
        if options.get("http_client") == "caller":
            kind = httpx.AsyncClient if self.is_async else httpx.Client
            options["http_client"] = kind(follow_redirects=True)
        cls = goodmem.AsyncGoodmem if self.is_async else goodmem.Goodmem
        client = cls(base_url, options.pop("api_key", API_KEY), **options)
        self._clients.append(client)
        return client

    def call(self, client: Any, method: str, *args: Any, **kwargs: Any) -> Any:
        """`client.llms.<method>(*args, **kwargs)`, awaited in the test's event loop if async."""
        function = getattr(client.llms, method)
        if not self.is_async:
            return function(*args, **kwargs)

        async def run() -> Any:
            return await function(*args, **kwargs)

        return self.run(run)

    def run(self, function: Callable[[], Awaitable[Any]]) -> Any:
        """Await `function()` in this caller's event loop (async modes only)."""
        assert self.is_async
        if self._portal is None:
            self._portal_cm = start_blocking_portal(BACKENDS[self.mode])
            self._portal = self._portal_cm.__enter__()
        return self._portal.call(function)

    def close(self) -> None:
        for client in self._clients:
            if isinstance(client, goodmem.Goodmem):
                client._http.close()
            elif self._portal is not None:
                with contextlib.suppress(Exception):
                    self._portal.call(client._http.aclose)
        if self._portal_cm is not None:
            self._portal_cm.__exit__(None, None, None)
            self._portal_cm = self._portal = None


@pytest.fixture(params=MODES)
def caller(request: pytest.FixtureRequest) -> Iterator[Caller]:
    """The same test through Goodmem, and AsyncGoodmem under asyncio and under trio."""
    harness = Caller(request.param)
    yield harness
    harness.close()
