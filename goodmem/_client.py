"""Goodmem and AsyncGoodmem: the clients users construct.

They add the API's resources (`client.llms`) to the drivers in `_base_client`, which hold the
configuration and every bit of request handling. A resource is made on first use, and its
module imported then: `goodmem.llms` loads the generated models (and attrs), which
`import goodmem` need not pay for.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ._base_client import AsyncAPIClient, SyncAPIClient

if TYPE_CHECKING:
    from .llms import AsyncLLMs, LLMs

__all__ = ["AsyncGoodmem", "Goodmem"]


class Goodmem(SyncAPIClient):
    """Synchronous client for GoodMem's LLM registry.

    `base_url` defaults to $GOODMEM_BASE_URL, then http://localhost:8080 (http or https, with
    no user name, password, query or fragment); `api_key` to $GOODMEM_API_KEY (required;
    printable ASCII without spaces). `timeout` bounds each attempt as a whole once it has a
    connection (connect, send, headers and body): seconds (0 to 1,000,000), an
    httpx.Timeout (the largest of its connect, read and write parts; `pool` bounds the wait
    for a free connection) or None for no timeout (default 30 s, 5 s to connect).
    `max_retries` (default 2) applies to connection errors, timeouts and
    408/429/500/502/503/504, so one call lasts at most about
    `(max_retries + 1) * timeout + max_retries * 60` seconds (a create's read-back adds one
    `timeout`, a busy pool its `pool` wait per attempt). `max_response_bytes` (default
    `DEFAULT_MAX_RESPONSE_BYTES`) caps a success body, decoded. Redirects are never followed.

    The client's own pool keeps no cookies, builds TLS settings only for https, sends at most
    100 requests at once (more wait their turn) and starts afresh in a forked child process.
    A caller-supplied `http_client` is used as given and not closed by `close()`: its own
    timeout applies unless `timeout` is passed; its connection pools get the SDK's deadline
    hook (requests the SDK does not send are unaffected). Use the client as a context
    manager, or call `close()`; calls after it raise ClientStateError.
    """

    @cached_property
    def llms(self) -> LLMs:
        """Create, get, list, update and delete LLM configurations."""
        from .llms import LLMs

        return LLMs(self)


class AsyncGoodmem(AsyncAPIClient):
    """Asynchronous client for GoodMem's LLM registry: Goodmem's API, awaited.

    Takes Goodmem's arguments, with an httpx.AsyncClient as `http_client`. Runs under
    asyncio or trio. Its own pool follows it into a new event loop (a second `asyncio.run()`).
    Use it with `async with`, or call `await aclose()`.
    """

    @cached_property
    def llms(self) -> AsyncLLMs:
        """Create, get, list, update and delete LLM configurations; every method is awaited."""
        from .llms import AsyncLLMs

        return AsyncLLMs(self)
