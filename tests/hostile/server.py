"""A scripted HTTP/1.1 server on loopback that misbehaves on purpose, byte by byte.

Each connection reads one request head (and a Content-Length body), then runs the test's
script, which writes whatever it likes to the socket. A script stops when the client hangs up
(any OSError) or the server closes. `sent` counts the bytes scripts managed to write.
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import ssl
import struct
import threading
import zlib
from collections.abc import Callable

Script = Callable[["Connection"], None]


class Connection:
    """One accepted connection, as a script sees it."""

    def __init__(
        self, server: HostileServer, sock: socket.socket, head: bytes, body: bytes = b""
    ) -> None:
        self.server = server
        self.sock = sock
        self.head = head
        self.body = body

    @property
    def request_line(self) -> str:
        return self.head.split(b"\r\n", 1)[0].decode("latin-1")

    def next_request(self) -> bytes | None:
        """Read the next request head on this kept-alive connection (None: the client left)."""
        request = _read_request(self.sock)
        if request is None:
            return None
        self.head, self.body = request
        self.server.record(*request)
        return self.head

    def send(self, data: bytes) -> None:
        """Write `data`; raises OSError once the client has gone."""
        self.sock.sendall(data)
        self.server.count(len(data))

    def trickle(self, data: bytes, every: float) -> None:
        """Write `data` one byte at a time, `every` seconds apart, until done or closed."""
        for index in range(len(data)):
            if self.server.closing.wait(every):
                raise OSError("server closing")
            self.send(data[index : index + 1])


class HostileServer:
    """`with HostileServer(script) as server:` serves `server.url` until the block ends.

    With `read_request=False` the script runs as soon as a connection is accepted. With an
    `ssl_context` (server side) it speaks TLS: `url` is then https. `requests` holds the
    request lines received, `heads` the whole request heads.
    """

    def __init__(
        self,
        script: Script,
        *,
        read_request: bool = True,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self._script = script
        self._read_request = read_request
        self._ssl_context = ssl_context
        self._listener = socket.create_server(("127.0.0.1", 0))
        scheme = "https" if ssl_context is not None else "http"
        self.url = f"{scheme}://127.0.0.1:{self._listener.getsockname()[1]}"
        self.closing = threading.Event()
        self.requests: list[str] = []
        self.heads: list[bytes] = []
        self.bodies: list[bytes] = []
        self.connections = 0
        self._sent = 0
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def sent(self) -> int:
        with self._lock:
            return self._sent

    def count(self, size: int) -> None:
        with self._lock:
            self._sent += size

    def record(self, head: bytes, body: bytes) -> None:
        with self._lock:
            self.requests.append(head.split(b"\r\n", 1)[0].decode("latin-1"))
            self.heads.append(head)
            self.bodies.append(body)

    def _accept(self) -> None:
        while not self.closing.is_set():
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self._open.add(sock)
                self.connections += 1
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    def _serve(self, raw: socket.socket) -> None:
        sock = raw
        try:
            if self._ssl_context is not None:
                try:
                    sock = self._ssl_context.wrap_socket(raw, server_side=True)
                except (OSError, ssl.SSLError):  # the client refused the handshake
                    raw.close()
                    return
                with self._lock:
                    self._open.discard(raw)
                    self._open.add(sock)
            with sock:
                request = _read_request(sock) if self._read_request else (b"", b"")
                if request is None:
                    return
                if self._read_request:
                    self.record(*request)
                with contextlib.suppress(OSError):
                    self._script(Connection(self, sock, *request))
        finally:
            with self._lock:
                self._open.discard(sock)

    def close(self) -> None:
        self.closing.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        self._listener.close()
        with self._lock:
            connections = list(self._open)
        for sock in connections:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=5)

    def __enter__(self) -> HostileServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _read_request(sock: socket.socket) -> tuple[bytes, bytes] | None:
    """The next request's head and its Content-Length body (None: the client hung up)."""
    data = b""
    while b"\r\n\r\n" not in data:
        try:
            chunk = sock.recv(65536)
        except OSError:
            return None
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            missing = int(value) - len(body)
            while missing > 0:
                chunk = sock.recv(min(missing, 65536))
                if not chunk:
                    return None
                body += chunk
                missing -= len(chunk)
    return head, body


def response_head(
    status: int = 200, *, keep_alive: bool = False, reason: str | None = None, **headers: str | int
) -> bytes:
    """A status line and headers (keyword names with _ for -), ending the head.

    The response says `connection: close` (the server serves one request per connection)
    unless `keep_alive`; then the script may read the next request (`next_request`).
    """
    reasons = {200: "OK", 302: "Found", 400: "Bad Request", 503: "Service Unavailable"}
    if reason is None:
        reason = reasons.get(status, "Whatever")
    lines = [f"HTTP/1.1 {status} {reason}"] + ([] if keep_alive else ["connection: close"])
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def endless_chunks(conn: Connection, piece: bytes, limit: int) -> None:
    """A chunked body of `piece` repeated until the client hangs up (or `limit` bytes)."""
    chunk = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    written = 0
    while written < limit and not conn.server.closing.is_set():
        conn.send(chunk)
        written += len(piece)
    conn.send(b"0\r\n\r\n")


def gzip_bomb(decoded_size: int = 2**30) -> bytes:
    """A valid gzip member that inflates to `decoded_size` zero bytes (1 GiB: about 1 MiB).

    Built from one fully flushed deflate block of 1 MiB of zeros repeated, so it costs a
    fraction of a second instead of compressing a gibibyte.
    """
    block = bytes(2**20)
    assert decoded_size % len(block) == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    flushed = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(decoded_size // len(block)):
        crc = zlib.crc32(block, crc)
    end = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS).flush()  # an empty final block
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc, decoded_size % 2**32)
    return header + flushed * (decoded_size // len(block)) + end + trailer


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)
