"""Scripted faults for the embedded GoodMem: error answers, raw bodies, delays, dropped sockets."""

from __future__ import annotations

import dataclasses
import json
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx

__all__ = ["Fault", "FaultKind", "Faults"]

FaultKind = Literal["status", "raw", "delay", "drop"]
"""What a fault does: answer a status, answer a raw body, wait, or drop the connection."""

# gRPC-style codes for the default body of an injected error status.
_CODES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    408: "DEADLINE_EXCEEDED",
    409: "ALREADY_EXISTS",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    502: "UNAVAILABLE",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}


@dataclass
class Fault:
    """One scripted fault, as `Faults.pending` lists it.

    `kind` says what it does; `method` and `path` which requests it matches (None: any);
    `remaining` how many more it applies to (None: every matching request);
    `after_processing` whether the request is carried out first. A delay waits `seconds`; a
    status or raw fault answers `status` with `headers` and `content`.
    """

    kind: FaultKind
    remaining: int | None
    method: str | None
    path: str | None
    after_processing: bool = False
    seconds: float = 0.0
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""
    _path_re: re.Pattern[str] | None = field(default=None, repr=False)

    def matches(self, method: str, path: str) -> bool:
        """Whether this fault applies to a request (raw path, without the query)."""
        if self.method is not None and self.method != method.upper():
            return False
        return self._path_re is None or self._path_re.fullmatch(path) is not None

    def response(self) -> httpx.Response:
        """A fresh response for a `status` or `raw` fault."""
        return httpx.Response(self.status, headers=self.headers, content=self.content)


def _path_pattern(path: str | None) -> re.Pattern[str] | None:
    """`/v1/llms/{id}` matches any one path segment where the braces are; the rest literally."""
    if path is None:
        return None
    return re.compile("[^/]+".join(re.escape(part) for part in re.split(r"\{[^/{}]*\}", path)))


class Faults:
    """The fault script of one FakeGoodmem; thread-safe.

    Each request takes the first queued fault that matches it (by `method` and `path`, both
    optional; `path` is the raw request path without the query, where `{id}` stands for any
    one segment) and uses up one of its `times` (`times=None`: every matching request, until
    `clear()`). Requests no fault matches are answered normally. Faults apply before
    authentication, like a failing proxy in front of the server.

    With `after_processing=True` the request is first applied to the store (the server did the
    work; only the answer is lost or replaced), which is how a retried non-idempotent call ends
    in a duplicate or a 409.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: list[Fault] = []

    def enqueue(
        self,
        status: int,
        body: Any = None,
        *,
        headers: Mapping[str, str] | None = None,
        times: int | None = 1,
        method: str | None = None,
        path: str | None = None,
        after_processing: bool = False,
    ) -> None:
        """Answer matching requests with `status` and `body`.

        `body` None sends an ErrorResponse for the status (e.g. 503 → UNAVAILABLE); bytes or
        str are sent as they are; anything else is sent as JSON. The content type is JSON unless
        `headers` sets one.
        """
        if body is None:
            code = _CODES.get(status, "UNKNOWN")
            body = {"code": code, "message": f"injected fault: HTTP {status}"}
        if isinstance(body, str):
            content = body.encode()
        elif isinstance(body, bytes):
            content = body
        else:
            content = json.dumps(body).encode()
        self._add(
            "status",
            times,
            method,
            path,
            after_processing=after_processing,
            status=status,
            headers={"content-type": "application/json", **_lower(headers)},
            content=content,
        )

    def enqueue_raw(
        self,
        content: bytes | str,
        *,
        content_type: str = "text/html",
        status: int = 502,
        headers: Mapping[str, str] | None = None,
        times: int | None = 1,
        method: str | None = None,
        path: str | None = None,
        after_processing: bool = False,
    ) -> None:
        """Answer matching requests with a non-JSON body, as a proxy's error page would."""
        self._add(
            "raw",
            times,
            method,
            path,
            after_processing=after_processing,
            status=status,
            headers={"content-type": content_type, **_lower(headers)},
            content=content.encode() if isinstance(content, str) else content,
        )

    def delay(
        self,
        seconds: float,
        *,
        times: int | None = 1,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        """Wait `seconds` before answering matching requests normally.

        Over HTTP the server thread sleeps. In process, an httpx.AsyncClient awaits
        asyncio.sleep (the event loop keeps running) and an httpx.Client blocks in time.sleep.
        In process the client's read timeout is honoured: a delay longer than it sleeps for the
        timeout, applies the request (a slow server still does the work), then raises
        httpx.ReadTimeout.
        """
        if seconds < 0:
            raise ValueError("seconds: must not be negative")
        self._add("delay", times, method, path, seconds=seconds)

    def drop_connection(
        self,
        *,
        times: int | None = 1,
        method: str | None = None,
        path: str | None = None,
        after_processing: bool = False,
    ) -> None:
        """Close the connection instead of answering matching requests.

        Over HTTP the socket is closed without a response (httpx raises RemoteProtocolError).
        In process httpx.ConnectError is raised, the request never having taken effect; with
        `after_processing=True` the request is applied first and httpx.RemoteProtocolError is
        raised instead.
        """
        self._add("drop", times, method, path, after_processing=after_processing)

    def clear(self) -> None:
        """Drop every queued fault."""
        with self._lock:
            self._queue.clear()

    @property
    def pending(self) -> list[Fault]:
        """The faults still queued, in order (copies; changing them changes nothing)."""
        with self._lock:
            return [_copy(fault) for fault in self._queue]

    def _take(self, method: str, path: str) -> Fault | None:
        """Use up one application of the first queued fault matching the request, if any."""
        with self._lock:
            for index, fault in enumerate(self._queue):
                if fault.matches(method, path):
                    if fault.remaining is not None:
                        fault.remaining -= 1
                        if fault.remaining == 0:
                            del self._queue[index]
                    return _copy(fault)
        return None

    def _add(
        self,
        kind: FaultKind,
        times: int | None,
        method: str | None,
        path: str | None,
        **details: Any,
    ) -> None:
        if times is not None and times < 1:
            raise ValueError("times: must be at least 1, or None for every matching request")
        fault = Fault(
            kind,
            times,
            method.upper() if method is not None else None,
            path,
            _path_re=_path_pattern(path),
            **details,
        )
        with self._lock:
            self._queue.append(fault)


def _lower(headers: Mapping[str, str] | None) -> dict[str, str]:
    return {name.lower(): value for name, value in (headers or {}).items()}


def _copy(fault: Fault) -> Fault:
    return dataclasses.replace(fault, headers=dict(fault.headers))
