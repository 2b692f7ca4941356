"""FakeGoodmem: the embedded GoodMem, its request log and its in-process transport."""

from __future__ import annotations

import collections
import json
import os
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import anyio
import httpx

from ._api import LlmsApi, request_target
from ._faults import Fault, Faults
from ._spec import load_spec

if TYPE_CHECKING:
    from goodmem import AsyncGoodmem, Goodmem

    from ._server import FakeServer

__all__ = [
    "DEFAULT_ADMIN_PRINCIPAL",
    "DEFAULT_API_KEY",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_LOGGED_BYTES",
    "DEFAULT_MAX_LOGGED_REQUESTS",
    "DEFAULT_PRINCIPAL",
    "DEFAULT_TIMEOUT",
    "FakeGoodmem",
    "RecordedRequest",
]

DEFAULT_API_KEY = "gm_test_key"
"""The API key a FakeGoodmem accepts when none are configured."""
DEFAULT_PRINCIPAL = "550e8400-e29b-41d4-a716-446655440000"
"""The principal DEFAULT_API_KEY authenticates as (the owner id of the documented examples)."""
DEFAULT_ADMIN_PRINCIPAL = "ad000000-0000-4000-8000-000000000001"
"""The principal of the admin key `python -m goodmem.testing --admin-api-key KEY` accepts."""
REDACTED = "[redacted]"
"""What the request log shows instead of API keys and inline secrets."""
DEFAULT_MAX_BODY_BYTES = 1024 * 1024
"""Largest request body accepted (1 MiB); a larger one is answered 413 without being read."""
DEFAULT_MAX_LOGGED_REQUESTS = 1000
"""How many requests the log keeps; older ones are dropped first."""
DEFAULT_MAX_LOGGED_BYTES = 8 * 1024 * 1024
"""About how many bytes the request log holds (RecordedRequest.size); older requests are
dropped first. Bodies are kept as the bytes received (secrets redacted), not parsed."""
DEFAULT_TIMEOUT = 30.0
"""Seconds an HTTP client has to send a whole request (or to start one on an idle
keep-alive connection) before the server drops the connection."""

_INLINE_SECRET = re.compile(r'("inlineSecret"\s*:\s*)"(?:[^"\\]|\\.)*"?')
_SECRET_HEADERS = frozenset({"x-api-key", "authorization", "proxy-authorization", "cookie"})
_RECORD_OVERHEAD = 600  # bytes of a RecordedRequest beyond its text: objects, dict, deque slot


def _epoch_millis() -> int:
    return time.time_ns() // 1_000_000


@dataclass
class RecordedRequest:
    """One request a FakeGoodmem received, with API keys and inline secrets redacted.

    `method` is upper case.
    `path` and `query` are raw (percent-encoded) as on the wire. `headers` has lower-case names.
    `principal` is who the x-api-key authenticated as (None: missing or unknown key). Of a
    request without a valid key only `method`, `path`, `status` and `fault` are kept: `query`
    is "", `headers` {} and `body` None. `fault` names the injected fault applied, if any.
    `status` is the status answered: None while in flight and for a dropped connection.
    `received_at` is a time.monotonic() reading. `content` is the body as kept: the bytes
    received with every `inlineSecret` value redacted; b"" when empty, over the size limit or
    unauthenticated.
    """

    method: str
    path: str
    query: str
    headers: dict[str, str]
    principal: str | None
    fault: str | None
    received_at: float
    status: int | None = None
    content: bytes = field(default=b"", repr=False)

    @property
    def body(self) -> Any:
        """The body: parsed JSON (every `inlineSecret` redacted), the text when it is not JSON,
        or None when nothing was kept. Parsed on each access (the log keeps only bytes)."""
        if not self.content:
            return None
        text = self.content.decode("utf-8", errors="replace")
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            return text

    @property
    def params(self) -> dict[str, list[str]]:
        """The query parameters, decoded, every value kept."""
        return parse_qs(self.query, keep_blank_values=True)

    @property
    def size(self) -> int:
        """About how many bytes this record holds; what `max_logged_bytes` counts."""
        text = (
            self.method
            + self.path
            + self.query
            + "".join(self.headers)
            + "".join(self.headers.values())
        )
        return _RECORD_OVERHEAD + len(text.encode("utf-8", "surrogateescape")) + len(self.content)


@dataclass
class _Exchange:
    request: httpx.Request
    record: RecordedRequest
    fault: Fault | None
    delay: float  # seconds to wait before answering
    timed_out: bool  # the delay was cut to the request's read timeout


class FakeGoodmem:
    """An embedded, stateful, in-memory GoodMem serving the `/v1/llms` API.

    `api_keys` maps each accepted plain API key to its owner principal (a UUID); by default
    DEFAULT_API_KEY → DEFAULT_PRINCIPAL. `admin_keys` maps admin API keys to principals the
    same way (none by default). `clock` returns epoch milliseconds for createdAt and updatedAt
    (default: real time). State lives until `reset()`.

    Permissions follow the documented `*_OWN` / `*_ANY` split. A plain key creates, reads, lists,
    updates and deletes its principal's LLMs: another owner's LLM answers 403 (a missing one
    404), is not listed (an `ownerId` filter naming another owner gives an empty list), and
    creating with another `ownerId` is a 403. An admin key may do all of that for any owner.
    Either may read the credentials of an LLM it may read. goodmem/testing/WIRE.md lists the
    documented permissions and which of them are modelled.

    `spec` is the openapi.yaml (or its JSON form) to derive request validation and response
    fields from (default: the JSON copy shipped with goodmem.testing). Request bodies over
    `max_body_bytes` are answered 413. The request log keeps the last `max_logged_requests`
    requests, and no more than about `max_logged_bytes` of them (RecordedRequest.size).

    Use it in process through `transport` (or `client()` / `async_client()`), or over HTTP with
    `serve()`. `faults` scripts failures; `requests` logs what arrived.
    """

    base_url = "http://goodmem.test"
    """The base URL in-process clients use (never resolved: the transport answers it)."""

    def __init__(
        self,
        api_keys: Mapping[str, str] | None = None,
        *,
        admin_keys: Mapping[str, str] | None = None,
        clock: Callable[[], int] | None = None,
        spec: str | os.PathLike[str] | None = None,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        max_logged_requests: int = DEFAULT_MAX_LOGGED_REQUESTS,
        max_logged_bytes: int = DEFAULT_MAX_LOGGED_BYTES,
    ) -> None:
        keys = dict(api_keys) if api_keys is not None else {DEFAULT_API_KEY: DEFAULT_PRINCIPAL}
        if not keys:
            raise ValueError("api_keys: configure at least one API key")
        for name, value in (
            ("max_body_bytes", max_body_bytes),
            ("max_logged_requests", max_logged_requests),
            ("max_logged_bytes", max_logged_bytes),
        ):
            if value < 0:
                raise ValueError(f"{name}: must not be negative")
        self.max_body_bytes = max_body_bytes
        """Largest request body accepted, in bytes."""
        self._api = LlmsApi(
            keys, clock or _epoch_millis, load_spec(spec), max_body_bytes, admin_keys
        )
        self._api_key = next(iter(keys))
        self._principal = keys[self._api_key].lower()
        self._log_lock = threading.Lock()
        self._log: collections.deque[RecordedRequest] = collections.deque()
        self._log_bytes = 0
        self._max_logged_requests = max_logged_requests
        self._max_logged_bytes = max_logged_bytes
        self.faults: Faults = Faults()
        """The fault script: see Faults."""
        self.transport: httpx.MockTransport = _FakeTransport(self)
        """An httpx transport answering every request in process; for httpx.Client and
        httpx.AsyncClient alike."""

    @property
    def api_key(self) -> str:
        """The first configured plain API key."""
        return self._api_key

    @property
    def principal(self) -> str:
        """The principal (owner id) of `api_key`."""
        return self._principal

    @property
    def requests(self) -> list[RecordedRequest]:
        """The last requests received (at most `max_logged_requests` of them, in at most about
        `max_logged_bytes`), oldest first; a copy."""
        with self._log_lock:
            return list(self._log)

    def clear_requests(self) -> None:
        """Empty the request log."""
        with self._log_lock:
            self._log.clear()
            self._log_bytes = 0

    def _remember(self, record: RecordedRequest) -> None:
        """Append `record` to the log, dropping the oldest records past either bound.

        A record too large for the whole byte budget is kept without its body.
        """
        if record.size > self._max_logged_bytes:
            record.content = b""
        with self._log_lock:
            self._log.append(record)
            self._log_bytes += record.size
            while self._log and (
                len(self._log) > self._max_logged_requests
                or self._log_bytes > self._max_logged_bytes
            ):
                self._log_bytes -= self._log.popleft().size

    def reset(self) -> None:
        """Forget every LLM, queued fault and logged request."""
        self._api.reset()
        self.faults.clear()
        self.clear_requests()

    def handle(self, request: httpx.Request) -> httpx.Response:
        """Answer one request in the calling thread: log it, apply any fault, run the API.

        Blocks for delays. Raises httpx.ConnectError or httpx.RemoteProtocolError for a dropped
        connection and httpx.ReadTimeout when a delay outlasts the request's read timeout.
        """
        request.read()
        exchange = self._begin(request)
        time.sleep(exchange.delay)
        return self._finish(exchange)

    async def _handle_async(self, request: httpx.Request) -> httpx.Response:
        """`handle` for an event loop (asyncio or trio): delays await anyio.sleep."""
        await request.aread()
        exchange = self._begin(request)
        await anyio.sleep(exchange.delay)
        return self._finish(exchange)

    def _serve_http(self, request: httpx.Request) -> httpx.Response | None:
        """`handle` for the HTTP server: None means close the connection without answering."""
        exchange = self._begin(request)
        time.sleep(exchange.delay)
        return self._outcome(exchange)

    def client(self, **kwargs: Any) -> Goodmem:
        """A goodmem.Goodmem wired to this fake in process with `api_key`.

        `kwargs` go to its constructor and may override base_url, api_key or http_client.
        Closing it leaves its httpx.Client open, which holds no sockets.
        """
        from goodmem import Goodmem

        return Goodmem(**self._client_options(httpx.Client, kwargs))

    def async_client(self, **kwargs: Any) -> AsyncGoodmem:
        """A goodmem.AsyncGoodmem wired to this fake in process with `api_key`.

        `kwargs` go to its constructor and may override base_url, api_key or http_client.
        Closing it leaves its httpx.AsyncClient open, which holds no sockets.
        """
        from goodmem import AsyncGoodmem

        return AsyncGoodmem(**self._client_options(httpx.AsyncClient, kwargs))

    def _client_options(
        self, http_type: type[httpx.Client | httpx.AsyncClient], kwargs: dict[str, Any]
    ) -> dict[str, Any]:
        http = http_type(transport=self.transport, base_url=self.base_url)
        return {"base_url": self.base_url, "api_key": self.api_key, "http_client": http, **kwargs}

    def serve(
        self, host: str = "127.0.0.1", port: int = 0, *, timeout: float = DEFAULT_TIMEOUT
    ) -> FakeServer:
        """Serve this fake over HTTP/1.1 on `host`:`port` (0: any free port) in a daemon thread.

        A client has `timeout` seconds to send a whole request, or to start the next one on a
        kept-alive connection, before the connection is dropped. Bodies over `max_body_bytes`
        and bodies of requests without a valid x-api-key are never read. Returns the running
        server; use it as a context manager or call `close()`.
        """
        from ._server import FakeServer

        return FakeServer(
            self._serve_http,
            host,
            port,
            timeout=timeout,
            max_body_bytes=self.max_body_bytes,
            authenticates=self._api.principal_of,
        )

    # --- one exchange -----------------------------------------------------------------------

    def _begin(self, request: httpx.Request) -> _Exchange:
        path, _, query = request_target(request).partition("?")
        fault = self.faults._take(request.method, path)
        principal = self._api.principal_of(request.headers.get("x-api-key"))
        record = RecordedRequest(
            method=request.method,
            path=path,
            query="",
            headers={},
            principal=principal,
            fault=fault.kind if fault is not None else None,
            received_at=time.monotonic(),
        )
        if principal is not None:
            # Only an authenticated request is worth its headers and body: anyone can send
            # junk, and the log must not hold it (method, path and status are enough).
            record.query = query
            record.headers = {
                name: REDACTED if name in _SECRET_HEADERS else value
                for name, value in request.headers.items()
            }
            if len(request.content) <= self.max_body_bytes:
                record.content = _logged_content(request.content)
        self._remember(record)
        delay = fault.seconds if fault is not None and fault.kind == "delay" else 0.0
        timeout = _read_timeout(request)
        if timeout is not None and delay > timeout:
            return _Exchange(request, record, fault, timeout, timed_out=True)
        return _Exchange(request, record, fault, delay, timed_out=False)

    def _outcome(self, exchange: _Exchange) -> httpx.Response | None:
        fault = exchange.fault
        if fault is None or fault.kind == "delay":
            response: httpx.Response | None = self._api.handle(exchange.request)
        else:
            if fault.after_processing:
                self._api.handle(exchange.request)
            response = None if fault.kind == "drop" else fault.response()
        exchange.record.status = response.status_code if response is not None else None
        return response

    def _finish(self, exchange: _Exchange) -> httpx.Response:
        """The in-process end of an exchange: the response, or the exception a client would see."""
        response = self._outcome(exchange)
        if exchange.timed_out:
            # a slow server still does the work; only the client gives up
            raise httpx.ReadTimeout("Timed out (injected delay).", request=exchange.request)
        if response is not None and exchange.request.method.upper() == "HEAD":
            # the headers of the GET (Content-Length included), no content (RFC 9110 §9.3.2)
            return httpx.Response(response.status_code, headers=response.headers, content=b"")
        if response is not None:
            return response
        assert exchange.fault is not None
        if exchange.fault.after_processing:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response (injected fault).",
                request=exchange.request,
            )
        raise httpx.ConnectError("Connection dropped (injected fault).", request=exchange.request)


class _FakeTransport(httpx.MockTransport):
    """MockTransport over a FakeGoodmem whose async path never blocks the event loop."""

    def __init__(self, fake: FakeGoodmem) -> None:
        super().__init__(fake.handle)
        self._fake = fake

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._fake.handle(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._fake._handle_async(request)


def _read_timeout(request: httpx.Request) -> float | None:
    timeout = request.extensions.get("timeout")
    if isinstance(timeout, Mapping):
        read = timeout.get("read")
        if isinstance(read, (int, float)):
            return float(read)
    return None


def _logged_content(content: bytes) -> bytes:
    """`content` with every inlineSecret value redacted; as received when it has none.

    Only a body that may name inlineSecret (literally, or through a JSON escape) is parsed.
    """
    if b"inlineSecret" not in content and b"\\u" not in content:
        return content
    text = content.decode("utf-8", errors="replace")
    try:
        return json.dumps(_redact(json.loads(text))).encode("ascii")  # escapes any surrogate
    except (ValueError, RecursionError):
        return _INLINE_SECRET.sub(rf'\1"{REDACTED}"', text).encode("utf-8")


def _redact(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: REDACTED if key == "inlineSecret" and item is not None else _redact(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_redact(item) for item in value]
    return value
