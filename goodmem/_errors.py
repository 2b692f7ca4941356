"""The exceptions the SDK raises. Every one derives from GoodmemError.

They only hold what went wrong; reading an error body into them is `_body.status_error`.
Text that came from the server (its message, code, reason phrase, a Location) is shortened
and has control characters escaped before it reaches a message, so it cannot forge log lines.
"""

from __future__ import annotations

import re
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
    "ClientStateError",
    "ConflictError",
    "GoodmemError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "connection_reason",
    "printable",
]

_MAX_TEXT = 500
# C0 controls but tab, DEL, C1 controls (ESC starts ANSI sequences), and line/paragraph breaks
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


class GoodmemError(Exception):
    """Base class of the SDK's exceptions. Bad arguments raise ValueError or TypeError instead."""


class ClientStateError(GoodmemError):
    """The client cannot send in its current state; the message says what to do.

    Raised for a call after `close()` (or after the client a `with_options()` copy came from
    was closed), and for a caller-supplied http_client used in a forked child process.
    """


class APIError(GoodmemError):
    """A call failed once its request was built: no answer, an error status, or an unusable body.

    `str(error)` is the whole story, with the method and URL; `message` is what went wrong
    without them (for an APIStatusError, the server's own explanation).
    """

    message: str
    """What went wrong, without the method and URL ("" when a server gave no explanation)."""
    method: str
    """The request's HTTP method ("" when no request was built)."""
    url: str
    """The request's URL, without secrets ("" when no request was built)."""
    request: httpx.Request | None
    """The httpx request, when one was built."""
    attempts: int
    """How many times the request was sent (1 + the retries made)."""
    request_id: str | None
    """The server's id for the request (its `x-request-id` header), when an answer had one."""

    def __init__(
        self,
        text: str,
        *,
        message: str,
        request: httpx.Request | None,
        attempts: int = 1,
        request_id: str | None = None,
    ) -> None:
        super().__init__(text)
        self.message = message
        self.request = request
        self.method = request.method if request is not None else ""
        self.url = str(request.url) if request is not None else ""
        self.attempts = attempts
        self.request_id = request_id


class APIConnectionError(APIError):
    """No answer arrived: the server was unreachable, the connection broke, or the request
    could not be sent at all (an invalid request; not retried).

    The message says why (connection refused, DNS lookup failed, TLS error, ...) and how many
    attempts were made; the underlying httpx exception is the `__cause__`.
    """

    _what = "Connection error"

    def __init__(
        self, *, request: httpx.Request | None, reason: str | None = None, attempts: int = 1
    ) -> None:
        message = f"{self._what}: {reason}" if reason else self._what
        where = f" on {request.method} {request.url}" if request is not None else ""
        tries = "1 attempt" if attempts == 1 else f"{attempts} attempts"
        super().__init__(
            f"{self._what}{where}: {reason} ({tries})" if reason else f"{message}{where}",
            message=message,
            request=request,
            attempts=attempts,
        )


class APITimeoutError(APIConnectionError):
    """An attempt ran out of time (see `timeout` on the client). Raise the timeout to wait longer.

    `timeout` bounds each attempt as a whole: connecting, sending and reading the answer.
    """

    _what = "Request timed out"


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

    def __init__(self, response: httpx.Response, *, limit: int, attempts: int = 1) -> None:
        message = (
            f"Response body larger than max_response_bytes={limit} after decoding; "
            "reading stopped there"
        )
        super().__init__(**_about(response, message, message, attempts))
        self.response, self.status_code, self.limit = response, response.status_code, limit


class APIResponseValidationError(APIError):
    """A success response whose body does not match the API contract.

    `field` names the offending field when it is known.
    """

    response: httpx.Response
    """The httpx response whose body could not be read as the API's answer."""
    status_code: int
    """The HTTP status of the answer (a success status)."""
    field: str | None
    """The offending field's JSON path (e.g. `llms[3].labels`), when known."""

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        field: str | None = None,
        attempts: int = 1,
    ) -> None:
        super().__init__(**_about(response, message, message, attempts))
        self.response, self.status_code, self.field = response, response.status_code, field


class APIStatusError(APIError):
    """The server answered with a status that is not a success (3xx, 4xx or 5xx).

    `status_code`, `code` (the server's error code, e.g. ``"ALREADY_EXISTS"``, or None) and
    `message` (the server's explanation, or "") describe it; `body` is the decoded JSON body
    or the text (at most the first 64 KiB of it). A 3xx is never followed (it could carry the
    API key elsewhere): its message names the `Location`.
    """

    response: httpx.Response
    """The httpx response."""
    status_code: int
    """The HTTP status, e.g. 404."""
    code: str | None
    """The server's error code, e.g. "NOT_FOUND", or None."""
    body: Any
    """The decoded JSON body, or the text (at most its first 64 KiB), or None when empty."""

    def __init__(
        self,
        response: httpx.Response,
        *,
        body: Any = None,
        code: str | None = None,
        message: str | None = None,
        attempts: int = 1,
    ) -> None:
        code = None if code is None else printable(code, 100)
        message = None if message is None else printable(message)
        reason = message or printable(response.reason_phrase, 100) or "error"
        location = response.headers.get("location")
        if 300 <= response.status_code < 400 and location is not None:
            reason = (
                f"redirect to {printable(location, 200)!r} not followed (the SDK never "
                "follows redirects; point base_url at the final address)"
            )
        shown_code = f" {code}" if code else ""
        text = f"{response.status_code}{shown_code}: {reason}"
        super().__init__(**_about(response, text, message or "", attempts))
        self.response, self.status_code = response, response.status_code
        self.code = code
        self.body = body


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


STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}
"""The APIStatusError subclass by status; other 5xx are InternalServerError."""


def printable(text: str, limit: int = _MAX_TEXT) -> str:
    """`text` shortened to `limit` characters, control characters and line breaks escaped."""
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    if _UNPRINTABLE.search(text):
        text = _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)
    return text


def _about(response: httpx.Response, text: str, message: str, attempts: int) -> dict[str, Any]:
    """APIError's arguments for an error about `response`: `text` gets the method and URL."""
    request = response.request
    return {
        "text": f"{text} ({request.method} {request.url})",
        "message": message,
        "request": request,
        "attempts": attempts,
        "request_id": _request_id(response),
    }


def _request_id(response: httpx.Response) -> str | None:
    value = response.headers.get("x-request-id")
    return None if value is None else printable(value, 200)


def connection_reason(error: BaseException) -> str:
    """Why a transport error happened, in a few words: the OS or TLS reason when there is one.

    It follows the chain of causes, and into an exception group (trio reports a refused
    connection as an OSError caused by the group of its attempts' errors).
    """
    seen: BaseException | None = error
    for _ in range(8):  # the httpx error, httpcore's, then the OS or TLS error
        if seen is None:
            break
        group = getattr(seen, "exceptions", None)  # trio: an OSError from a group of attempts
        if isinstance(group, tuple) and group and isinstance(group[0], BaseException):
            seen = group[0]
            continue
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
        return f"the server broke the connection ({printable(str(error), 200)})"
    if isinstance(error, httpx.LocalProtocolError):
        return "the request could not be sent (invalid request data)"
    if isinstance(error, httpx.PoolTimeout):
        return "no connection free in the pool in time"
    if isinstance(error, httpx.ConnectTimeout):
        return "connecting took too long"
    if isinstance(error, httpx.TimeoutException):
        return "no complete answer in time"
    return printable(str(error), 200) or type(error).__name__


# Tracebacks and reprs name the exceptions where users import them from: goodmem.NotFoundError,
# not goodmem._errors.NotFoundError.
for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type):
        _value.__module__ = "goodmem"
