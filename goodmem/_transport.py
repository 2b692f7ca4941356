"""What one HTTP attempt may cost: the attempt deadline, the body size cap, the shared TLS setup.

`Attempt` is what the exchange asks a driver to run: send one request and read its body into
a `Body`, which decodes gzip/deflate itself in bounded pieces, keeps at most the cap, and
turns every way the body can go wrong into an outcome the exchange understands. The drivers
only pump bytes from the socket into it.

Deadlines: an attempt may last `Attempt.budget` seconds from the moment it has a connection
(connecting, TLS, sending, headers and body); waiting for a free connection in the pool is
bounded by the timeout's `pool` part instead, so a burst of calls queueing for the pool does
not time out. The driver makes the attempt `CURRENT` while it runs; the request's httpcore
`trace` hook arms the deadline at the first connection event (`Attempt.arm`), as does the
first socket operation or, for transports that do not trace, the arrival of the headers.
The async driver enforces it around the whole attempt with a timer started by the first
connection event (the trace hook); a transport that does not trace (an in-process one) gets
the check between body chunks. For the sync driver the pool a client builds for itself
(`new_http_client`) caps every connect, TLS handshake, socket read and write at the time
left. A caller-supplied
httpx.Client knows nothing of the deadline: there `Body` checks it between body chunks, so a
trickling body still ends, but a trickle inside the response headers is bounded only by the
client's own per-read timeout.
"""

from __future__ import annotations

import contextvars
import functools
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from ._errors import APIResponseTooLargeError, APIResponseValidationError, GoodmemError

__all__ = [
    "ACCEPT_ENCODING",
    "CURRENT",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "ERROR_BODY_PREFIX",
    "Attempt",
    "Body",
    "DeadlineExceeded",
    "new_http_client",
    "shared_ssl_context",
    "trace",
    "trace_async",
]

DEFAULT_MAX_RESPONSE_BYTES = 32 * 2**20
"""The default cap on a success body, decoded (a list of 1,000 LLMs is about 2.5 MB)."""
ERROR_BODY_PREFIX = 64 * 2**10
"""How much of an error body is read and kept: enough for any message, never the whole."""
ACCEPT_ENCODING = "gzip, deflate"
"""The encodings the SDK asks for and decodes itself (with bounded output)."""

_PIECE = 64 * 2**10  # the most a decoder produces from one step
_SUPPORTED = frozenset({"gzip", "x-gzip", "deflate"})

CURRENT: contextvars.ContextVar[Attempt | None] = contextvars.ContextVar(
    "goodmem_attempt", default=None
)
"""The attempt running in this context (set by the driver), whose deadline the hooks arm."""


class DeadlineExceeded(httpx.TimeoutException):
    """The attempt ran past its deadline (raised or returned instead of a response)."""


# --- one attempt ------------------------------------------------------------------------------


@dataclass(slots=True)
class Attempt:
    """One request for a driver to send, with its time budget and the cap on its success body.

    The driver makes it CURRENT, sends `request` (stream=True, never following redirects),
    feeds every raw chunk to `body(response)` while it `wants_raw` and until `feed` says stop,
    closes the response and returns `Body.outcome()`; a transport error it returns as is.
    `deadline` is None until armed (and stays None without a budget); `on_arm`, if set, is
    told the deadline when it is armed (the async driver reschedules its timeout).
    """

    request: httpx.Request
    budget: float | None
    max_bytes: int
    deadline: float | None = None
    on_arm: Callable[[float], None] | None = None

    def arm(self, *, notify: bool = True) -> None:
        """Start the clock of the attempt (a connection is in hand); later calls do nothing.

        `on_arm` hears of it only when `notify` (a connection event): once the headers are
        in, an in-process transport has the body too, and Body checks the deadline itself.
        """
        if self.deadline is None and self.budget is not None:
            self.deadline = time.monotonic() + self.budget
            if notify and self.on_arm is not None:
                self.on_arm(self.deadline)

    def left(self) -> float | None:
        """Seconds left before the deadline (arming it if need be); None without a budget."""
        self.arm(notify=False)
        return None if self.deadline is None else self.deadline - time.monotonic()

    def body(self, response: httpx.Response) -> Body:
        """A reader for `response`'s body."""
        return Body(response, self)

    def timed_out(self) -> DeadlineExceeded:
        """The outcome of an attempt stopped at its deadline."""
        return DeadlineExceeded("the attempt ran past its deadline", request=self.request)


def trace(event: str, info: Mapping[str, Any]) -> None:
    """httpcore's sync `trace` hook: any event means a connection is in hand; arm the deadline."""
    attempt = CURRENT.get()
    if attempt is not None:
        attempt.arm()


async def trace_async(event: str, info: Mapping[str, Any]) -> None:
    """httpcore's async `trace` hook, as `trace`."""
    trace(event, info)


class Body:
    """Reads one response body from raw chunks: decodes it, caps it, watches the deadline.

    A success body may be at most `max_bytes` decoded; past that the outcome is
    APIResponseTooLargeError. Of an error body the first ERROR_BODY_PREFIX bytes are kept and
    the rest is never read. `feed()` never raises: it returns True when reading should stop.
    """

    __slots__ = ("_attempt", "_buffer", "_keep", "_problem", "_stages", "_stopped", "response")

    def __init__(self, response: httpx.Response, attempt: Attempt) -> None:
        self.response = response
        self._attempt = attempt
        attempt.arm(notify=False)  # for transports that do not trace: the headers are here
        self._keep = attempt.max_bytes if response.is_success else ERROR_BODY_PREFIX
        self._buffer: bytearray | None = bytearray()
        self._problem: GoodmemError | httpx.TransportError | None = None
        self._stopped = False
        self._stages: list[_Inflate] = []
        if response.is_stream_consumed:  # a transport that answered with a body in memory
            self._stopped = True  # (httpx decoded it already): only the cap to check
            content = response.content
            if len(content) <= self._keep:
                self._buffer = None  # kept as it is: nothing to copy
            elif response.is_success:
                self._buffer = bytearray(content[:ERROR_BODY_PREFIX])
                self._problem = APIResponseTooLargeError(response, limit=self._keep)
            else:
                self._buffer = bytearray(content[: self._keep])
            return
        for encoding in reversed(_encodings(response)):
            if encoding not in _SUPPORTED:
                self._fail(
                    f"response body uses Content-Encoding {encoding!r}, which the SDK did not "
                    f"ask for (it accepts {ACCEPT_ENCODING})"
                )
                break
            self._stages.append(_Inflate(encoding))

    @property
    def wants_raw(self) -> bool:
        """Whether the driver should feed the raw body (False: it is done or already read)."""
        return not self._stopped

    def feed(self, raw: bytes) -> bool:
        """Take the next raw chunk; True when reading should stop (done, full or failed)."""
        if self._stopped:
            return True
        left = self._attempt.left()
        if left is not None and left < 0:
            self._problem = DeadlineExceeded(
                "the response body outlasted the deadline", request=self.response.request
            )
            self._stopped = True
            return True
        try:
            for piece in _decode(self._stages, raw):
                if not self._add(piece):
                    break
        except zlib.error as exc:
            self._fail(f"response body is not valid {_names(self._stages)} ({exc})")
        return self._stopped

    def outcome(self) -> httpx.Response | httpx.TransportError | GoodmemError:
        """After the last chunk: the response, its body read, or what went wrong."""
        if not self._stopped:
            try:
                for piece in _flush(self._stages):
                    if not self._add(piece):
                        break
            except zlib.error as exc:
                self._fail(f"response body is not valid {_names(self._stages)} ({exc})")
        if self._buffer is not None:  # None: the body was in memory already, within the cap
            # what httpx.Response.read() would store; the body is read only once, here
            self.response._content = bytes(self._buffer[: self._keep])
        return self._problem if self._problem is not None else self.response

    def _add(self, piece: bytes) -> bool:
        assert self._buffer is not None  # only a streamed body is added piece by piece
        room = self._keep - len(self._buffer)
        if len(piece) <= room:
            self._buffer += piece
            return True
        self._stopped = True
        if self.response.is_success:
            del self._buffer[ERROR_BODY_PREFIX:]  # the exception keeps only a prefix
            self._problem = APIResponseTooLargeError(self.response, limit=self._keep)
        else:
            self._buffer += piece[:room]
        return False

    def _fail(self, message: str) -> None:
        """A body that cannot be decoded: an error for a success; an error keeps what decoded."""
        self._stopped = True
        if self.response.is_success:
            self._buffer = bytearray()
            self._problem = APIResponseValidationError(message, response=self.response)


def _encodings(response: httpx.Response) -> list[str]:
    values = response.headers.get_list("content-encoding", split_commas=True)
    return [v for v in (value.strip().lower() for value in values) if v and v != "identity"]


def _names(stages: list[_Inflate]) -> str:
    return "+".join(stage.encoding for stage in stages) or "identity"


class _Inflate:
    """A gzip or deflate decoder that never produces more than _PIECE bytes at once."""

    __slots__ = ("_first", "_z", "encoding")

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._first = encoding == "deflate"  # zlib-wrapped or raw: the first chunk tells
        wbits = zlib.MAX_WBITS if encoding == "deflate" else zlib.MAX_WBITS | 16
        self._z = zlib.decompressobj(wbits)

    def decode(self, data: bytes) -> Iterator[bytes]:
        while data and not self._z.eof:
            try:
                out = self._z.decompress(data, _PIECE)
            except zlib.error:
                if not self._first:
                    raise
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
                out = self._z.decompress(data, _PIECE)
            self._first = False
            data = self._z.unconsumed_tail
            if out:
                yield out

    def flush(self) -> Iterator[bytes]:
        while not self._z.eof:  # output held back by the piece limit; stops when dry
            out = self._z.decompress(b"", _PIECE)
            if not out:
                break
            yield out


def _decode(stages: list[_Inflate], data: bytes) -> Iterator[bytes]:
    if not stages:
        if data:
            yield data
        return
    for piece in stages[0].decode(data):
        yield from _decode(stages[1:], piece)


def _flush(stages: list[_Inflate]) -> Iterator[bytes]:
    for index, stage in enumerate(stages):
        for piece in stage.flush():
            yield from _decode(stages[index + 1 :], piece)


# --- the connection pool a client owns ---------------------------------------------------------

_ssl_lock = threading.Lock()
_ssl_context: ssl.SSLContext | None = None


def shared_ssl_context() -> ssl.SSLContext:
    """The TLS settings every SDK-built pool uses: httpx's defaults, built once per process.

    Building them costs about 20 ms and 850 KiB (the CA bundle), so clients share one.
    SSL_CERT_FILE and SSL_CERT_DIR are read when the first client is built.
    """
    global _ssl_context
    if _ssl_context is None:
        with _ssl_lock:
            if _ssl_context is None:
                _ssl_context = httpx.create_ssl_context()
    return _ssl_context


def new_http_client(kind: type[httpx.Client] | type[httpx.AsyncClient]) -> Any:
    """The httpx client a Goodmem or AsyncGoodmem builds for itself.

    It shares the process's TLS settings; a sync one also enforces the attempt deadline at
    the socket (see the module docstring) when the installed httpcore allows it.
    """
    client = kind(verify=shared_ssl_context())
    if kind is httpx.Client:
        for transport in [client._transport, *client._mounts.values()]:
            _install_deadlines(transport)
    return client


def _install_deadlines(transport: object) -> None:
    """Make the sync pool behind `transport` honour attempt deadlines (no-op where it cannot)."""
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if backend is not None and not getattr(backend, "goodmem_deadlines", False):
        pool._network_backend = _deadline_backend()(backend)  # type: ignore[union-attr]


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    """`timeout` cut to the time the CURRENT attempt has left; raises `error` when none is."""
    attempt = CURRENT.get()
    left = None if attempt is None else attempt.left()
    if left is None:
        return timeout
    if left <= 0:
        raise error("the attempt ran past its deadline")
    return left if timeout is None else min(timeout, left)


@functools.cache
def _deadline_backend() -> type[Any]:
    """httpcore's network backend, wrapped to honour the CURRENT attempt's deadline.

    Built on first use: httpcore is imported lazily, by httpx and here.
    """
    import httpcore

    class Stream(httpcore.NetworkStream):
        def __init__(self, stream: httpcore.NetworkStream) -> None:
            self._stream = stream

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return self._stream.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self._stream.write(buffer, _left(timeout, httpcore.WriteTimeout))

        def close(self) -> None:
            self._stream.close()

        def start_tls(
            self,
            ssl_context: ssl.SSLContext,
            server_hostname: str | None = None,
            timeout: float | None = None,
        ) -> httpcore.NetworkStream:
            left = _left(timeout, httpcore.ConnectTimeout)
            return Stream(self._stream.start_tls(ssl_context, server_hostname, left))

        def get_extra_info(self, info: str) -> Any:
            return self._stream.get_extra_info(info)

    class Backend(httpcore.NetworkBackend):
        goodmem_deadlines = True

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
            left = _left(timeout, httpcore.ConnectTimeout)
            return Stream(
                self._backend.connect_tcp(host, port, left, local_address, socket_options)
            )

        def connect_unix_socket(
            self, path: str, timeout: float | None = None, socket_options: Any = None
        ) -> httpcore.NetworkStream:
            left = _left(timeout, httpcore.ConnectTimeout)
            return Stream(self._backend.connect_unix_socket(path, left, socket_options))

        def sleep(self, seconds: float) -> None:
            self._backend.sleep(seconds)

    return Backend
