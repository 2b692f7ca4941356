"""The exceptions the SDK raises. Every one derives from GoodmemError."""

from __future__ import annotations

import json
from typing import Any

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
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
    """A request reached the transport layer and failed: no usable answer came back.

    `message` says what went wrong.
    `method` and `url` say which request; the URL never carries the API key (it travels in a
    header). `request` is the httpx request, when one was built.
    """

    message: str
    method: str
    url: str
    request: httpx.Request | None

    def __init__(self, message: str, *, request: httpx.Request | None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.method = request.method if request is not None else ""
        self.url = str(request.url) if request is not None else ""


class APIConnectionError(APIError):
    """The server could not be reached, or the connection broke before a response arrived.

    The underlying httpx exception is the `__cause__`.
    """

    def __init__(self, *, request: httpx.Request | None, message: str | None = None) -> None:
        where = f"{request.method} {request.url}" if request is not None else "request"
        super().__init__(message or f"Connection error on {where}", request=request)


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or pool). Raise the timeout to wait longer."""

    def __init__(self, *, request: httpx.Request | None) -> None:
        where = f"{request.method} {request.url}" if request is not None else "request"
        super().__init__(request=request, message=f"Request timed out: {where}")


class APIResponseValidationError(APIError):
    """A success response whose body does not match the API contract.

    `field` names the offending field when it is known; `response` is the httpx response and
    `status_code` its status.
    """

    def __init__(self, message: str, *, response: httpx.Response, field: str | None = None) -> None:
        request = response.request
        super().__init__(f"{message} ({request.method} {request.url})", request=request)
        self.response = response
        self.status_code = response.status_code
        self.field = field


class APIStatusError(APIError):
    """The server answered with an error status (4xx or 5xx).

    `status_code`, `code` (the server's error code, e.g. ``"ALREADY_EXISTS"``, or None) and
    `message` (the server's explanation, or the body text) describe it; `body` is the decoded
    JSON body or the text, and `response` the httpx response.
    """

    status_code: int
    code: str | None
    body: Any
    response: httpx.Response

    def __init__(self, response: httpx.Response) -> None:
        request = response.request
        self.response = response
        self.status_code = response.status_code
        self.body, self.code, server_message = _error_details(response)
        reason = server_message or response.reason_phrase or "error"
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
    """5xx: the server failed; the SDK already retried where that was safe."""


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
    except ValueError:
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


def _shorten(text: str) -> str:
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 3] + "..."
