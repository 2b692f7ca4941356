"""The exceptions the SDK raises. Every one derives from GoodmemError."""

from __future__ import annotations

import json
import socket
import ssl
from typing import Any

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseTooLargeError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "GoodmemError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
]

_MAX_TEXT = 500


class GoodmemError(Exception):
    """Base class of the SDK's exceptions. Bad arguments raise ValueError or TypeError instead."""


class APIError(GoodmemError):
    """A call failed once its request was built: no answer, an error status, or an unusable body.

    `message` says what went wrong.
    `method` and `url` say which request; the URL never carries the API key (it travels in a
    header). `request` is the httpx request, when one was built.
    """

    message: str
    """What went wrong."""
    method: str
    """The request's HTTP method ("" when no request was built)."""
    url: str
    """The request's URL, without secrets ("" when no request was built)."""
    request: httpx.Request | None
    """The httpx request, when one was built."""

    def __init__(self, message: str, *, request: httpx.Request | None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.method = request.method if request is not None else ""
        self.url = str(request.url) if request is not None else ""


class APIConnectionError(APIError):
    """No answer arrived: the server was unreachable, the connection broke, or the request
    could not be sent at all (an invalid request; not retried).

    The message says why (connection refused, DNS lookup failed, TLS error, ...) and how many
    attempts were made (`attempts`); the underlying httpx exception is the `__cause__`.
    """

    attempts: int
    """How many times the request was tried."""

    def __init__(
        self,
        *,
        request: httpx.Request | None,
        message: str | None = None,
        reason: str | None = None,
        attempts: int = 1,
    ) -> None:
        where = f"{request.method} {request.url}" if request is not None else "request"
        why = f": {reason}" if reason else ""
        text = message or f"Connection error on {where}{why} ({_attempts(attempts)})"
        super().__init__(text, request=request)
        self.attempts = attempts


class APITimeoutError(APIConnectionError):
    """An attempt ran out of time (see `timeout` on the client). Raise the timeout to wait longer.

    `timeout` bounds each attempt as a whole: connecting, sending and reading the answer.
    """

    def __init__(
        self, *, request: httpx.Request | None, reason: str | None = None, attempts: int = 1
    ) -> None:
        where = f"{request.method} {request.url}" if request is not None else "request"
        why = f": {reason}" if reason else ""
        super().__init__(
            request=request,
            message=f"Request timed out on {where}{why} ({_attempts(attempts)})",
            attempts=attempts,
        )


class APIResponseTooLargeError(APIError):
    """A success response's body, decoded, was larger than the client's `max_response_bytes`.

    Reading stopped at the limit; nothing was parsed. Raise `max_response_bytes` (client
    option, or `with_options`) if such answers are expected. Not retried.
    """

    response: httpx.Response
    """The httpx response (its body holds at most the first 64 KiB)."""
    status_code: int
    """The HTTP status of the answer (a success status)."""
    limit: int
    """The `max_response_bytes` that was passed."""

    def __init__(self, response: httpx.Response, *, limit: int) -> None:
        request = response.request
        super().__init__(
            f"Response body larger than max_response_bytes={limit} after decoding; reading "
            f"stopped there ({request.method} {request.url})",
            request=request,
        )
        self.response = response
        self.status_code = response.status_code
        self.limit = limit


class APIResponseValidationError(APIError):
    """A success response whose body does not match the API contract.

    `field` names the offending field when it is known; `response` is the httpx response and
    `status_code` its status.
    """

    response: httpx.Response
    """The httpx response whose body could not be read as the API's answer."""
    status_code: int
    """The HTTP status of the answer (a success status)."""
    field: str | None
    """The offending field's JSON path (e.g. `llms[3].labels`), when known."""

    def __init__(self, message: str, *, response: httpx.Response, field: str | None = None) -> None:
        request = response.request
        super().__init__(f"{message} ({request.method} {request.url})", request=request)
        self.response = response
        self.status_code = response.status_code
        self.field = field


class APIStatusError(APIError):
    """The server answered with a status that is not a success (3xx, 4xx or 5xx).

    `status_code`, `code` (the server's error code, e.g. ``"ALREADY_EXISTS"``, or None) and
    `message` (the server's explanation, or the body text) describe it; `body` is the decoded
    JSON body or the text (at most the first 64 KiB of it), and `response` the httpx response.
    A 3xx is never followed (it could carry the API key elsewhere): its message names the
    `Location`.
    """

    status_code: int
    """The HTTP status, e.g. 404."""
    code: str | None
    """The server's error code, e.g. "NOT_FOUND", or None."""
    message: str
    """The server's own explanation ("" when it gave none)."""
    body: Any
    """The decoded JSON body, or the text (at most its first 64 KiB), or None when empty."""
    response: httpx.Response
    """The httpx response."""

    def __init__(self, response: httpx.Response) -> None:
        request = response.request
        self.response = response
        self.status_code = response.status_code
        self.body, self.code, server_message = _error_details(response)
        reason = server_message or response.reason_phrase or "error"
        if 300 <= response.status_code < 400 and "location" in response.headers:
            location = _shorten(response.headers.get("location", ""), 200)
            reason = (
                f"redirect to {location!r} not followed (the SDK never follows redirects; "
                "point base_url at the final address)"
            )
        code = f" {self.code}" if self.code else ""
        text = f"{self.status_code}{code}: {reason} ({request.method} {request.url})"
        super().__init__(text, request=request)
        # `message` is the server's own explanation, not the decorated text above.
        self.message = server_message or ""


class BadRequestError(APIStatusError):
    """400: the server rejected the request as malformed or invalid."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or not valid."""


class PermissionDeniedError(APIStatusError):
    """403: the API key is valid but lacks the permission for this operation."""


class NotFoundError(APIStatusError):
    """404: no such LLM (or not visible to this API key)."""


class ConflictError(APIStatusError):
    """409: an identical LLM, or one with the same llm_id, already exists."""


class UnprocessableEntityError(APIStatusError):
    """422: the server understood the request but cannot process it."""


class RateLimitError(APIStatusError):
    """429: too many requests; retry later (the SDK already retried `max_retries` times)."""


class InternalServerError(APIStatusError):
    """5xx: the server failed. 500, 502, 503 and 504 were already retried `max_retries` times."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error(response: httpx.Response) -> APIStatusError:
    """The typed exception for an error response."""
    cls = _STATUS_ERRORS.get(response.status_code)
    if cls is None:
        cls = InternalServerError if response.status_code >= 500 else APIStatusError
    return cls(response)


def _error_details(response: httpx.Response) -> tuple[Any, str | None, str | None]:
    """(body, code, message) of an error response, whatever its content type says."""
    raw = response.content
    if not raw:
        return None, None, None
    text = raw.decode(response.encoding or "utf-8", errors="replace")
    try:
        body: Any = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested too deeply to parse
        stripped = " ".join(text.split())
        return text, None, _shorten(stripped) if stripped else None
    details = body.get("error", body) if isinstance(body, dict) else None
    if not isinstance(details, dict):
        return body, None, _shorten(text.strip())
    code, message = details.get("code"), details.get("message")
    return (
        body,
        None if code is None else str(code),
        None if message is None else _shorten(str(message)),
    )


def _shorten(text: str, limit: int = _MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _attempts(count: int) -> str:
    return "1 attempt" if count == 1 else f"{count} attempts"


def connection_reason(error: BaseException) -> str:
    """Why a transport error happened, in a few words: the OS or TLS reason when there is one."""
    seen: BaseException | None = error
    for _ in range(8):  # the httpx error, httpcore's, then the OS or TLS error
        if seen is None:
            break
        if isinstance(seen, ssl.SSLCertVerificationError):
            return f"TLS certificate verification failed ({seen.verify_message})"
        if isinstance(seen, ssl.SSLError):
            return f"TLS error ({seen.reason or seen})"
        if isinstance(seen, socket.gaierror):
            return f"DNS lookup failed ({seen.strerror or seen})"
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused"
        if isinstance(seen, ConnectionResetError):
            return "connection reset by the server"
        seen = seen.__cause__ or seen.__context__
    if isinstance(error, httpx.RemoteProtocolError):
        return f"the server broke the connection ({_shorten(str(error), 200)})"
    if isinstance(error, httpx.LocalProtocolError):
        return "the request could not be sent (invalid request data)"
    if isinstance(error, httpx.PoolTimeout):
        return "no connection free in the pool in time"
    if isinstance(error, httpx.ConnectTimeout):
        return "connecting took too long"
    if isinstance(error, httpx.TimeoutException):
        return "no complete answer in time"
    return _shorten(str(error), 200) or type(error).__name__
