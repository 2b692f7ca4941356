"""The whole-attempt deadline: everything that enforces it lives here.

An attempt may last `budget` seconds (`_config.attempt_budget`) from the moment it has a
connection: connecting, TLS, sending, the headers and the body, however slowly a server
trickles them. Waiting for a free connection in the pool comes before and is bounded by the
timeout's `pool` part instead, so a burst of calls queueing for the pool does not time out.

The driver makes the attempt's `Deadline` CURRENT (a context variable) while it runs. Where
the deadline is enforced:

| client                       | enforced by                                                   |
| ---------------------------- | ------------------------------------------------------------- |
| SDK-built, sync or async     | the network backend (`enforce_on`): every connect, TLS         |
|                              | handshake, socket read and write gets at most the time left;  |
|                              | the first of them starts the clock                            |
| caller's `http_client`,      | a cancel scope (`CancelAtDeadline`, anyio: asyncio or trio)    |
| async                        | around the attempt, its deadline set when httpcore's `trace`  |
|                              | hook reports the first connection event                       |
| caller's `http_client`, sync | `BodyReader` between body chunks only, the clock started when  |
|                              | the headers are in; before that, the client's own timeouts     |
| any, body already in memory  | nothing to wait for (an in-process transport)                 |

`BodyReader` also checks between chunks in every case. Each way ends the attempt with
`DeadlineExceeded` (an httpx.TimeoutException), reported as APITimeoutError and retried.
"""

from __future__ import annotations

import contextvars
import functools
import ssl
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

import httpx

__all__ = ["CURRENT", "CancelAtDeadline", "Deadline", "DeadlineExceeded", "enforce_on", "trace"]


class DeadlineExceeded(httpx.TimeoutException):
    """The attempt ran past its deadline."""


class Deadline:
    """One attempt's clock: `budget` seconds from `start()`, or no limit when budget is None."""

    __slots__ = ("budget", "expires", "on_start")

    def __init__(self, budget: float | None) -> None:
        self.budget = budget
        self.expires: float | None = None
        self.on_start: Callable[[float], None] | None = None  # told `expires` when it starts

    def start(self) -> None:
        """Start the clock (a connection is in hand); later calls change nothing."""
        if self.expires is None and self.budget is not None:
            self.expires = time.monotonic() + self.budget
            if self.on_start is not None:
                self.on_start(self.expires)

    def left(self) -> float | None:
        """Seconds left (starting the clock if need be); None without a budget."""
        self.start()
        return None if self.expires is None else self.expires - time.monotonic()

    def passed(self) -> bool:
        """Whether the deadline has passed (starting the clock if need be)."""
        left = self.left()
        return left is not None and left < 0

    def exceeded(self, request: httpx.Request, what: str) -> DeadlineExceeded:
        """The outcome of an attempt whose `what` (e.g. "the response body") ran too long."""
        return DeadlineExceeded(f"{what} outlasted the attempt's deadline", request=request)


CURRENT: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar(
    "goodmem_deadline", default=None
)
"""The deadline of the attempt running in this context (set by the driver)."""


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    """`timeout` cut to the time the CURRENT attempt has left; raises `error` when none is."""
    deadline = CURRENT.get()
    left = None if deadline is None else deadline.left()
    if left is None:
        return timeout
    if left <= 0:
        raise error("the attempt ran past its deadline")
    return left if timeout is None else min(timeout, left)


async def trace(event: str, info: Mapping[str, Any]) -> None:
    """httpcore's async `trace` request extension: its first event (`connect_tcp.started` on a
    new connection, `send_request_headers.started` on a pooled one) starts the deadline."""
    deadline = CURRENT.get()
    if deadline is not None:
        deadline.start()


class CancelAtDeadline:
    """A cancel scope around an async attempt that ends it when its deadline passes.

    anyio's CancelScope: asyncio or trio, and only its own cancellation is caught (a caller's
    cancellation propagates, on every Python). Its deadline is set when the attempt's clock
    starts. `expired` says whether it cut the attempt short.
    """

    __slots__ = ("_scope",)

    def __init__(self, deadline: Deadline) -> None:
        import anyio  # async only

        self._scope = anyio.CancelScope()
        deadline.on_start = self._set

    def _set(self, expires: float) -> None:
        import anyio

        self._scope.deadline = anyio.current_time() + (expires - time.monotonic())

    def __enter__(self) -> CancelAtDeadline:
        self._scope.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        return bool(self._scope.__exit__(kind, error, traceback))

    @property
    def expired(self) -> bool:
        """Whether the deadline cancelled the attempt."""
        return self._scope.cancelled_caught


def enforce_on(http_client: httpx.Client | httpx.AsyncClient) -> None:
    """Make the pools of an httpx client the SDK built honour the CURRENT deadline.

    It wraps httpcore's network backend of each pool (the client's transport and its proxy
    mounts), the one place every socket operation passes through. httpx has no public way to
    pass a backend to the pools it builds, so this sets httpcore's `_network_backend`; a
    transport without one (not httpcore's) is left alone, and the BodyReader check remains.
    """
    transports = [http_client._transport, *http_client._mounts.values()]
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is None or getattr(backend, "goodmem_deadline", False):
            continue
        wrapper = _sync_backend() if isinstance(http_client, httpx.Client) else _async_backend()
        pool._network_backend = wrapper(backend)  # type: ignore[union-attr]


@functools.cache
def _sync_backend() -> type[Any]:
    """httpcore's sync network backend, wrapped to honour the CURRENT deadline.

    Built on first use: httpcore is imported lazily, by httpx and here.
    """
    import httpcore

    class Stream(httpcore.NetworkStream):
        def __init__(self, stream: httpcore.NetworkStream) -> None:
            self._stream = stream

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return self._stream.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self._stream.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

        def close(self) -> None:
            self._stream.close()

        def start_tls(
            self,
            ssl_context: ssl.SSLContext,
            server_hostname: str | None = None,
            timeout: float | None = None,
        ) -> httpcore.NetworkStream:
            bounded = _bounded(timeout, httpcore.ConnectTimeout)
            return Stream(self._stream.start_tls(ssl_context, server_hostname, bounded))

        def get_extra_info(self, info: str) -> Any:
            return self._stream.get_extra_info(info)

    class Backend(httpcore.NetworkBackend):
        goodmem_deadline = True

        def __init__(self, backend: httpcore.NetworkBackend) -> None:
            self._backend = backend

        def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Any = None,
        ) -> httpcore.NetworkStream:
            bounded = _bounded(timeout, httpcore.ConnectTimeout)
            return Stream(
                self._backend.connect_tcp(host, port, bounded, local_address, socket_options)
            )

        def connect_unix_socket(
            self, path: str, timeout: float | None = None, socket_options: Any = None
        ) -> httpcore.NetworkStream:
            bounded = _bounded(timeout, httpcore.ConnectTimeout)
            return Stream(self._backend.connect_unix_socket(path, bounded, socket_options))

        def sleep(self, seconds: float) -> None:
            self._backend.sleep(seconds)

    return Backend


@functools.cache
def _async_backend() -> type[Any]:
    """httpcore's async network backend (asyncio or trio), wrapped like `_sync_backend`."""
    import httpcore

    class Stream(httpcore.AsyncNetworkStream):
        def __init__(self, stream: httpcore.AsyncNetworkStream) -> None:
            self._stream = stream

        async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return await self._stream.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

        async def write(self, buffer: bytes, timeout: float | None = None) -> None:
            await self._stream.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

        async def aclose(self) -> None:
            await self._stream.aclose()

        async def start_tls(
            self,
            ssl_context: ssl.SSLContext,
            server_hostname: str | None = None,
            timeout: float | None = None,
        ) -> httpcore.AsyncNetworkStream:
            bounded = _bounded(timeout, httpcore.ConnectTimeout)
            return Stream(await self._stream.start_tls(ssl_context, server_hostname, bounded))

        def get_extra_info(self, info: str) -> Any:
            return self._stream.get_extra_info(info)

    class Backend(httpcore.AsyncNetworkBackend):
        goodmem_deadline = True

        def __init__(self, backend: httpcore.AsyncNetworkBackend) -> None:
            self._backend = backend

        async def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Any = None,
        ) -> httpcore.AsyncNetworkStream:
            bounded = _bounded(timeout, httpcore.ConnectTimeout)
            return Stream(
                await self._backend.connect_tcp(host, port, bounded, local_address, socket_options)
            )

        async def connect_unix_socket(
            self, path: str, timeout: float | None = None, socket_options: Any = None
        ) -> httpcore.AsyncNetworkStream:
            bounded = _bounded(timeout, httpcore.ConnectTimeout)
            return Stream(await self._backend.connect_unix_socket(path, bounded, socket_options))

        async def sleep(self, seconds: float) -> None:
            await self._backend.sleep(seconds)

    return Backend
