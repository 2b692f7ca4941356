"""The whole-attempt deadline: everything that enforces it lives here.

An attempt may last `budget` seconds (`_config.attempt_budget`) from the moment it has a
connection: connecting, TLS, sending, the headers and the body, however slowly a server
trickles them. Waiting for a free connection in the pool comes before and is bounded by the
timeout's `pool` part instead, so a burst of calls queueing for the pool does not time out.

The driver makes the attempt's `Deadline` CURRENT (a context variable) while it runs. Where
the deadline is enforced:

| transport of the httpx client               | enforced by                                  |
| ------------------------------------------- | -------------------------------------------- |
| httpx's own (httpcore pools), sync or async: | the network backend (`enforce_on`): every    |
| the SDK's client and a caller's alike       | connect, TLS handshake, socket read and      |
|                                             | write gets at most the time left; the first  |
|                                             | of them starts the clock                     |
| any other (custom, in-process), streaming   | `BodyReader` between body chunks, the clock  |
|                                             | started when the headers are in              |
| any, body already in memory                 | nothing to wait for                          |

Either way the attempt ends with `DeadlineExceeded` (an httpx.TimeoutException), reported as
APITimeoutError and retried. Requests not sent by the SDK run with no CURRENT deadline, so
wrapping a caller's pool changes nothing for them.
"""

from __future__ import annotations

import contextvars
import functools
import ssl
import time
from typing import Any

import httpx

__all__ = ["CURRENT", "Deadline", "DeadlineExceeded", "enforce_on"]


class DeadlineExceeded(httpx.TimeoutException):
    """The attempt ran past its deadline."""


class Deadline:
    """One attempt's clock: `budget` seconds from `start()`, or no limit when budget is None."""

    __slots__ = ("budget", "expires")

    def __init__(self, budget: float | None) -> None:
        self.budget = budget
        self.expires: float | None = None

    def start(self) -> None:
        """Start the clock (a connection is in hand); later calls change nothing."""
        if self.expires is None and self.budget is not None:
            self.expires = time.monotonic() + self.budget

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


def enforce_on(http_client: httpx.Client | httpx.AsyncClient) -> None:
    """Make the pools of `http_client` honour the CURRENT deadline (see the module docstring).

    It wraps httpcore's network backend of each pool (the client's transport and its proxy
    mounts), the one place every socket operation passes through. httpx has no public way to
    pass a backend to the pools it builds, so this sets httpcore's `_network_backend`; a
    transport without one (not httpcore's) is left alone. Calling it again does nothing.
    """
    wrapper = _backends()[0 if isinstance(http_client, httpx.Client) else 1]
    for transport in [http_client._transport, *http_client._mounts.values()]:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is not None and not isinstance(backend, wrapper):
            pool._network_backend = wrapper(backend)  # type: ignore[union-attr]


@functools.cache
def _backends() -> tuple[type[Any], type[Any]]:
    """httpcore's sync and async network backends, wrapped to honour the CURRENT deadline.

    Every method only passes a shorter timeout on, so one body serves both: an async
    stream's or backend's call returns the awaitable, which the async classes' `_wrap`
    awaits to wrap the stream it makes. Built on first use: httpcore is imported lazily, by
    httpx and here.
    """
    import httpcore

    class Stream:
        __slots__ = ("_stream",)

        def __init__(self, stream: Any) -> None:
            self._stream = stream

        @classmethod
        def _wrap(cls, stream: Any) -> Any:
            return cls(stream)

        def read(self, max_bytes: int, timeout: float | None = None) -> Any:
            return self._stream.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

        def write(self, buffer: bytes, timeout: float | None = None) -> Any:
            return self._stream.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

        def close(self) -> Any:
            return self._stream.close()

        def aclose(self) -> Any:
            return self._stream.aclose()

        def get_extra_info(self, info: str) -> Any:
            return self._stream.get_extra_info(info)

        def start_tls(
            self,
            ssl_context: ssl.SSLContext,
            server_hostname: str | None = None,
            timeout: float | None = None,
        ) -> Any:
            bounded = _bounded(timeout, httpcore.ConnectTimeout)
            return self._wrap(self._stream.start_tls(ssl_context, server_hostname, bounded))

    class AsyncStream(Stream):
        __slots__ = ()

        @classmethod
        async def _wrap(cls, stream: Any) -> Any:
            return cls(await stream)

    class Backend:
        __slots__ = ("_backend",)
        _stream: Any = Stream

        def __init__(self, backend: Any) -> None:
            self._backend = backend

        def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Any = None,
        ) -> Any:
            bounded = _bounded(timeout, httpcore.ConnectTimeout)
            return self._stream._wrap(
                self._backend.connect_tcp(host, port, bounded, local_address, socket_options)
            )

        def connect_unix_socket(
            self, path: str, timeout: float | None = None, socket_options: Any = None
        ) -> Any:
            bounded = _bounded(timeout, httpcore.ConnectTimeout)
            return self._stream._wrap(
                self._backend.connect_unix_socket(path, bounded, socket_options)
            )

        def sleep(self, seconds: float) -> Any:
            return self._backend.sleep(seconds)

    class AsyncBackend(Backend):
        __slots__ = ()
        _stream = AsyncStream

    return Backend, AsyncBackend
