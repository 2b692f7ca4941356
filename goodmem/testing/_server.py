"""The embedded GoodMem over real HTTP/1.1: a stdlib ThreadingHTTPServer in a daemon thread.

Built to survive abusive clients: a listen backlog of 1024; a deadline for each request (idle
keep-alive connections and half-sent requests are dropped when it passes); a request line and
headers of at most MAX_HEADER_BYTES in total (431 past it); bodies over the limit answered 413
unread; bodies of requests without a valid API key never read; malformed framing (a bad
Content-Length, a bad chunk) answered 400 without a traceback. Every error is an
ErrorResponse in JSON. When an answer leaves request bytes unread, the server stops sending,
then reads and discards what the client still sends for a moment (a "lingering close"), so
that the client reads the answer instead of a connection reset.

Framing follows RFC 9112 and RFC 9110 where they say MUST: the absolute-form request target
is accepted (RFC 9112 §3.2.2), HEAD is answered like GET without content (RFC 9110 §9.1,
§9.3.2), and whitespace around a header value is not part of it (RFC 9110 §5.5).
"""

from __future__ import annotations

import contextlib
import http.client
import io
import ipaddress
import math
import re
import socket
import socketserver
import sys
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx

from ._api import BODY_TOO_LARGE, OWS, error_response

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = ["LISTEN_BACKLOG", "MAX_HEADER_BYTES", "FakeServer", "client_host"]

Dispatch = Callable[[httpx.Request], "httpx.Response | None"]
Authenticates = Callable[[str | None], object]
"""x-api-key value (None: missing) -> something truthy when the key is valid."""

LISTEN_BACKLOG = 1024
"""Connections the kernel queues before the server accepts them."""
MAX_HEADER_BYTES = 64 * 1024
"""Most bytes a request line and its headers may have together; more is answered 431.

RFC 6585 §5: 431 "indicates that the server is unwilling to process the request because its
header fields are too large". Without a total bound the standard library
reads up to 100 lines of 64 KiB each (6.4 MiB) per request."""
_DEFAULT_TIMEOUT = 30.0
_DEFAULT_MAX_BODY = 1024 * 1024
_HOP_BY_HOP = frozenset({"connection", "content-length", "transfer-encoding", "date", "server"})
_DIGITS = re.compile(rb"[0-9]{1,20}")
_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,16}")
_MAX_LINE = 4096
_MAX_TRAILERS = 64
_ABSOLUTE_FORM = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_LINGER_SECONDS = 2.0
_LINGER_BYTES = 64 * 1024 * 1024
_FRAMING_CODES = {
    HTTPStatus.REQUEST_URI_TOO_LONG: "RESOURCE_EXHAUSTED",
    HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE: "RESOURCE_EXHAUSTED",
    HTTPStatus.NOT_IMPLEMENTED: "UNIMPLEMENTED",
    HTTPStatus.HTTP_VERSION_NOT_SUPPORTED: "UNIMPLEMENTED",
}
_HEADER_MESSAGES = {
    "Line too long": "headers: a header line is longer than 65536 bytes",
    "Too many headers": "headers: more than 100 header lines",
}


def client_host(host: str) -> str:
    """The address a client on this machine uses to reach a server bound to `host`.

    The unspecified addresses (0.0.0.0, ::) mean "every interface" to bind() but are not an
    address to connect to: they become 127.0.0.1 and ::1. Anything else is returned as is.
    """
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host
    if not address.is_unspecified:
        return host
    return "127.0.0.1" if address.version == 4 else "::1"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(
        self,
        address: tuple[str, int],
        dispatch: Dispatch,
        *,
        timeout: float = _DEFAULT_TIMEOUT,
        max_body_bytes: int = _DEFAULT_MAX_BODY,
        authenticates: Authenticates | None = None,
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.dispatch = dispatch
        self.request_timeout = timeout
        self.max_body_bytes = max_body_bytes
        self.authenticates = authenticates
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host name (socket.getfqdn), which can stall.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def track(self, connection: socket.socket, *, open_: bool) -> None:
        with self._connections_lock:
            if open_:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # a client that hung up or ran out of time is not worth a traceback
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class _BadRequest(Exception):
    """Malformed HTTP framing: answer 400 and close."""


class _HungUp(Exception):
    """The client closed the connection mid-request."""


class _HeadersTooLarge(http.client.HTTPException):
    """The request line and headers passed MAX_HEADER_BYTES."""


class _RequestReader(io.BufferedReader):
    """The buffered request stream; while `budget` is set, readline() spends it and raises
    _HeadersTooLarge once it is overdrawn (http.server reads the headers with readline)."""

    budget: int | None = None

    def readline(self, size: int | None = -1, /) -> bytes:
        line = super().readline(size)
        if self.budget is not None:
            self.budget -= len(line)
            if self.budget < 0:
                raise _HeadersTooLarge(f"more than {MAX_HEADER_BYTES} bytes")
        return line


class _DeadlineReader(io.RawIOBase):
    """Socket reads that fail with TimeoutError once `deadline` (time.monotonic()) has passed."""

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self._sock = sock
        self.deadline = math.inf

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the request did not arrive in time")
        self._sock.settimeout(None if remaining == math.inf else remaining)
        return self._sock.recv_into(buffer)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    raw_requestline: bytes

    def setup(self) -> None:
        super().setup()
        # headers and body go out as separate writes: without NODELAY, Nagle's algorithm and
        # the client's delayed ACK add ~40 ms to every response
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.rfile.close()  # the makefile() reader; the socket stays open
        self._reader = _DeadlineReader(self.connection)
        self.rfile = self._request_reader = _RequestReader(self._reader, 64 * 1024)
        self._linger = False  # set when closing with request bytes left unread
        self._restart_deadline()
        self.server.track(self.connection, open_=True)

    def finish(self) -> None:
        try:
            super().finish()
            if self._linger:
                self._drain()
        finally:
            self.server.track(self.connection, open_=False)

    def _drain(self) -> None:
        """Lingering close: send nothing more, then discard what the client still sends for
        up to _LINGER_SECONDS (and _LINGER_BYTES), so that a client still writing its request
        reads the answer rather than a reset. Nothing read here is kept."""
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_WR)
            deadline = time.monotonic() + _LINGER_SECONDS
            scratch = bytearray(64 * 1024)
            left = _LINGER_BYTES
            while left > 0 and (remaining := deadline - time.monotonic()) > 0:
                self.connection.settimeout(remaining)
                received = self.connection.recv_into(scratch)
                if not received:
                    break
                left -= received

    def parse_request(self) -> bool:
        """http.server's parsing, with the request line and headers bounded together by
        MAX_HEADER_BYTES (431 past it)."""
        self._request_reader.budget = MAX_HEADER_BYTES - len(self.raw_requestline)
        try:
            return super().parse_request()
        finally:
            self._request_reader.budget = None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer an error http.server found in the framing (a bad request line, headers too
        large, ...) with an ErrorResponse, then close the connection."""
        status = HTTPStatus(code)
        if status == HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE:
            budget = self._request_reader.budget
            text = (
                f"headers: the request line and headers are larger than {MAX_HEADER_BYTES} "
                "bytes together"
                if budget is not None and budget < 0
                else _HEADER_MESSAGES.get(message or "", f"headers: {message or status.phrase}")
            )
        elif status == HTTPStatus.REQUEST_URI_TOO_LONG:
            text = "request target: longer than 65536 bytes"
        else:
            text = f"request: {message or status.phrase}"
        self.close_connection = True
        self._linger = True
        if self.request_version not in ("HTTP/1.0", "HTTP/1.1"):
            self.request_version = self.protocol_version  # answer with a status line
        self._write(error_response(code, _FRAMING_CODES.get(status, "INVALID_ARGUMENT"), text))

    def _restart_deadline(self) -> None:
        """The next request (idle wait, request line, headers, body) must arrive in time."""
        self._reader.deadline = time.monotonic() + self.server.request_timeout

    def log_message(self, format: str, *args: Any) -> None:
        """Log nothing (the request log of FakeGoodmem is the record)."""

    def __getattr__(self, name: str) -> Callable[[], None]:
        # BaseHTTPRequestHandler calls do_<METHOD>: every method goes to the fake, which
        # answers 405 for the ones the API does not have
        if name.startswith("do_"):
            return self._answer
        raise AttributeError(name)

    def handle_expect_100(self) -> bool:
        # no `100 Continue` for a body that will not be read
        if self._body_unread_reason() is not None:
            return True
        return super().handle_expect_100()

    def _answer(self) -> None:
        try:
            content, unread = self._read_body()
            request = self._to_httpx(content, too_large=unread == "too large")
        except _BadRequest as bad:
            self.close_connection = self._linger = True
            self._write(error_response(400, "INVALID_ARGUMENT", str(bad)))
            return
        except _HungUp:
            self.close_connection = True
            return
        self._reader.deadline = math.inf  # the request is in; answering is not the client's time
        self.connection.settimeout(self.server.request_timeout)  # bounds sending the answer
        if unread is not None:
            self.close_connection = self._linger = True  # the unread body is still on the wire
        try:
            response = self.server.dispatch(request)
        except Exception as exc:  # a bug in the fake: answer it rather than hang up
            self.close_connection = True
            self._write(error_response(500, "INTERNAL", f"embedded GoodMem failed: {exc!r}"))
            return
        if response is None:
            self.close_connection = True
            return
        self._write(response)
        self._restart_deadline()

    # --- request framing --------------------------------------------------------------------

    def _content_length(self) -> int | None:
        values = self.headers.get_all("content-length") or []
        if self.headers.get("transfer-encoding") is not None:
            if self.headers["transfer-encoding"].strip().lower() != "chunked":
                raise _BadRequest("Transfer-Encoding: only chunked is supported")
            if values:
                raise _BadRequest("Content-Length: not allowed with Transfer-Encoding")
            return None
        texts = {value.strip().encode("latin-1", "replace") for value in values}
        if not texts:
            return 0
        if len(texts) > 1 or not _DIGITS.fullmatch(next(iter(texts))):
            raise _BadRequest("Content-Length: must be one number of bytes")
        return int(next(iter(texts)))

    def _body_unread_reason(self) -> str | None:
        """Why the body will not be read ("unauthenticated", "too large"), or None."""
        try:
            length = self._content_length()
        except _BadRequest:
            return None
        if length == 0:
            return None
        authenticates = self.server.authenticates
        if authenticates is not None and not authenticates(self.headers.get("x-api-key")):
            return "unauthenticated"
        if length is not None and length > self.server.max_body_bytes:
            return "too large"
        return None

    def _read_body(self) -> tuple[bytes, str | None]:
        """The body and None, or b"" and why it was not read (the connection must then close)."""
        length = self._content_length()
        unread = self._body_unread_reason()
        if unread is not None:
            return b"", unread
        if length is None:
            return self._read_chunked()
        content = self.rfile.read(length) if length else b""
        if len(content) < length:
            raise _HungUp
        return content, None

    def _line(self) -> bytes:
        line = self.rfile.readline(_MAX_LINE)
        if not line:
            raise _HungUp
        if not line.endswith(b"\n"):
            raise _BadRequest("Transfer-Encoding: chunk line too long")
        return line

    def _read_chunked(self) -> tuple[bytes, str | None]:
        chunks: list[bytes] = []
        total = 0
        while True:
            size_text = self._line().split(b";", 1)[0].strip()
            if not _CHUNK_SIZE.fullmatch(size_text):
                raise _BadRequest("Transfer-Encoding: malformed chunk size")
            size = int(size_text, 16)
            if size == 0:
                for _ in range(_MAX_TRAILERS):
                    if not self._line().strip():
                        return b"".join(chunks), None
                raise _BadRequest("Transfer-Encoding: too many trailers")
            total += size
            if total > self.server.max_body_bytes:
                return b"", "too large"
            chunk = self.rfile.read(size)
            if len(chunk) < size:
                raise _HungUp
            chunks.append(chunk)
            if self._line().strip():
                raise _BadRequest("Transfer-Encoding: chunk data longer than its size")

    def _origin_form(self) -> str:
        """The request target as a path and query (origin-form).

        RFC 9112 §3.2.2: "A server MUST accept the absolute-form in requests even though most
        HTTP/1.1 clients will only send the absolute-form to a proxy." Its scheme and
        authority are dropped (the Host header is ignored too: there is one host).
        """
        target = self.path
        if target.startswith("/"):
            return target
        if not _ABSOLUTE_FORM.match(target):
            raise _BadRequest("request target: must be an absolute path or an absolute URL")
        try:
            parts = urlsplit(target)
        except ValueError:
            raise _BadRequest("request target: not a valid absolute URL") from None
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise _BadRequest("request target: an absolute URL must be http(s)://host/...")
        path = "/" + parts.path.lstrip("/")  # as http.server reduces a leading //
        return path + (f"?{parts.query}" if parts.query else "")

    def _to_httpx(self, content: bytes, *, too_large: bool) -> httpx.Request:
        host, port = self.server.server_name, self.server.server_port
        base = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
        self.path = self._origin_form()
        target = self.path.encode("latin-1", errors="replace")
        # RFC 9110 §5.5: "Field values do not include leading or trailing whitespace. [...] a
        # field parsing implementation MUST exclude such whitespace prior to evaluating the
        # field value"
        headers = [
            (name, value.strip(OWS))
            for name, value in self.headers.items()
            if name.lower() not in ("transfer-encoding", "content-length")
        ]
        try:
            url = httpx.URL(base + self.path)
        except httpx.InvalidURL:
            url = httpx.URL(base)  # the handler reads the path from the `target` extension
        extensions: dict[str, Any] = {"target": target}
        if too_large:
            extensions[BODY_TOO_LARGE] = True
        try:
            return httpx.Request(
                self.command, url, headers=headers, content=content, extensions=extensions
            )
        except (UnicodeError, ValueError, httpx.InvalidURL) as exc:
            raise _BadRequest(f"request: cannot be read ({type(exc).__name__})") from None

    def _write(self, response: httpx.Response) -> None:
        content = response.read()
        self.send_response(response.status_code)
        for name, value in response.headers.multi_items():
            if name.lower() not in _HOP_BY_HOP:
                self.send_header(name, value)
        if response.status_code >= 200 and response.status_code not in (204, 304):
            self.send_header("Content-Length", str(len(content)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and content:
            self.wfile.write(content)


class FakeServer:
    """A FakeGoodmem served over HTTP/1.1 (keep-alive) from a daemon thread until `close()`.

    Made by FakeGoodmem.serve(). Every connection gets its own thread; requests are answered
    by the same handler as in process. A client has `timeout` seconds to send each whole
    request (or to start the next one on an idle connection); then the connection is dropped.
    Bodies over `max_body_bytes`, and bodies of requests `authenticates` refuses, are never
    read. Use it as a context manager, or call `close()`, which also cuts open connections.
    """

    def __init__(
        self,
        dispatch: Dispatch,
        host: str,
        port: int,
        *,
        timeout: float = _DEFAULT_TIMEOUT,
        max_body_bytes: int = _DEFAULT_MAX_BODY,
        authenticates: Authenticates | None = None,
    ) -> None:
        if not timeout > 0:
            raise ValueError("timeout: must be a positive number of seconds")
        self._server = _Server(
            (host, port),
            dispatch,
            timeout=timeout,
            max_body_bytes=max_body_bytes,
            authenticates=authenticates,
        )
        self.host: str = self._server.server_name
        """The address bound."""
        self.port: int = self._server.server_port
        """The port bound (the real one when 0 was asked for)."""
        reachable = client_host(self.host)
        netloc = f"[{reachable}]" if ":" in reachable else reachable
        self.url: str = f"http://{netloc}:{self.port}"
        """The base URL to give clients on this machine, e.g. `http://127.0.0.1:54321`
        (bound to 0.0.0.0 or ::, the server is reached at 127.0.0.1 or ::1)."""
        self.timeout = timeout
        """Seconds a client has to send a whole request."""
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"goodmem-fake-{self.port}",
            daemon=True,
        )
        self._closed = False
        self._thread.start()

    @property
    def open_connections(self) -> int:
        """How many client connections are open right now (for leak checks)."""
        with self._server._connections_lock:
            return len(self._server._connections)

    def close(self) -> None:
        """Stop serving and close every connection; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._server.shutdown()
        self._server.close_connections()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> FakeServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<FakeServer {self.url}{' closed' if self._closed else ''}>"
