"""The embedded GoodMem over real HTTP/1.1: a stdlib ThreadingHTTPServer in a daemon thread."""

from __future__ import annotations

import contextlib
import socket
import socketserver
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

import httpx

__all__ = ["FakeServer"]

Dispatch = Callable[[httpx.Request], "httpx.Response | None"]

_MAX_BODY = 10 * 1024 * 1024
_HOP_BY_HOP = frozenset({"connection", "content-length", "transfer-encoding", "date", "server"})


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], dispatch: Dispatch) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.dispatch = dispatch
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
        # a client that hung up (say, after its read timeout) is not worth a traceback
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class _BadRequest(Exception):
    pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        # headers and body go out as separate writes: without NODELAY, Nagle's algorithm and
        # the client's delayed ACK add ~40 ms to every response
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.track(self.connection, open_=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, open_=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Log nothing (the request log of FakeGoodmem is the record)."""

    def __getattr__(self, name: str) -> Callable[[], None]:
        # BaseHTTPRequestHandler calls do_<METHOD>: every method goes to the fake, which
        # answers 405 for the ones the API does not have
        if name.startswith("do_"):
            return self._answer
        raise AttributeError(name)

    def _answer(self) -> None:
        try:
            content = self._read_body()
            request = self._to_httpx(content)
        except _BadRequest as bad:
            self.close_connection = True
            body = {"code": "INVALID_ARGUMENT", "message": str(bad)}
            self._write(httpx.Response(400, json=body))
            return
        try:
            response = self.server.dispatch(request)
        except Exception as exc:  # a bug in the fake: answer it rather than hang up
            self.close_connection = True
            body = {"code": "INTERNAL", "message": f"embedded GoodMem failed: {exc!r}"}
            self._write(httpx.Response(500, json=body))
            return
        if response is None:
            self.close_connection = True
            return
        self._write(response)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("transfer-encoding", "").lower():
            return self._read_chunked()
        length = self.headers.get("content-length")
        if length is None:
            return b""
        if not length.strip().isdigit() or int(length) > _MAX_BODY:
            raise _BadRequest("Content-Length: must be a number of bytes up to 10 MiB")
        return self.rfile.read(int(length))

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1024).split(b";", 1)[0].strip()
            try:
                size = int(line, 16)
            except ValueError:
                raise _BadRequest("Transfer-Encoding: malformed chunk") from None
            total += size
            if total > _MAX_BODY:
                raise _BadRequest("body: larger than 10 MiB")
            if size == 0:
                while self.rfile.readline(1024).strip():  # trailers
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def _to_httpx(self, content: bytes) -> httpx.Request:
        host, port = self.server.server_name, self.server.server_port
        base = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
        target = self.path.encode("latin-1", errors="replace")
        if not target.startswith(b"/"):
            raise _BadRequest("request target: must be an absolute path")
        headers = [
            (name, value)
            for name, value in self.headers.items()
            if name.lower() not in ("transfer-encoding", "content-length")
        ]
        try:
            url = httpx.URL(base + self.path)
        except httpx.InvalidURL:
            url = httpx.URL(base)  # the handler reads the path from the `target` extension
        try:
            return httpx.Request(
                self.command, url, headers=headers, content=content, extensions={"target": target}
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
    by the same handler as in process. Use it as a context manager, or call `close()`, which
    also cuts open keep-alive connections.
    """

    def __init__(self, dispatch: Dispatch, host: str, port: int) -> None:
        self._server = _Server((host, port), dispatch)
        self.host: str = self._server.server_name
        """The address bound."""
        self.port: int = self._server.server_port
        """The port bound (the real one when 0 was asked for)."""
        netloc = f"[{self.host}]" if ":" in self.host else self.host
        self.url = f"http://{netloc}:{self.port}"
        """The base URL to give clients, e.g. `http://127.0.0.1:54321`."""
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
