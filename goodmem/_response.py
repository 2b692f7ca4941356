"""APIResponse: the raw HTTP answer to a call, from `client.llms.with_raw_response.<method>()`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import httpx

from ._errors import printable

__all__ = ["APIResponse"]

T = TypeVar("T")

_UNPARSED = object()


class APIResponse(Generic[T]):
    """The HTTP response to a successful call, with `parse()` for the typed result.

    Error statuses still raise, as for ordinary calls (but a delete that a lost earlier attempt
    already did returns its 404 here). The body has been read in full, decoded and within
    `max_response_bytes`, so the response stays usable after the client is closed. `parse()`
    reads the body into the model the ordinary call returns (raising
    APIResponseValidationError when it cannot) and caches it.
    """

    __slots__ = ("_parse", "_parsed", "attempts", "http_response")

    http_response: httpx.Response
    """The underlying httpx.Response (for a create recovered by a read-back: the read-back's)."""
    attempts: int
    """How many times the request was sent (1 + the retries the call needed)."""

    def __init__(
        self, response: httpx.Response, parse: Callable[[httpx.Response], T], attempts: int = 1
    ) -> None:
        self.http_response = response
        self._parse = parse
        self._parsed: object = _UNPARSED
        self.attempts = attempts

    @property
    def status_code(self) -> int:
        """The HTTP status code, e.g. 201."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers (case-insensitive), e.g. `headers["location"]`."""
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The server's id for the request (its `x-request-id` header), if it sent one."""
        value = self.http_response.headers.get("x-request-id")
        return None if value is None else printable(value, 200)

    @property
    def url(self) -> httpx.URL:
        """The URL that was requested."""
        return self.http_response.request.url

    @property
    def method(self) -> str:
        """The HTTP method that was sent."""
        return self.http_response.request.method

    @property
    def content(self) -> bytes:
        """The response body, decoded (gzip or deflate removed); `headers` are as received."""
        return self.http_response.content

    @property
    def text(self) -> str:
        """The response body decoded as text."""
        return self.http_response.text

    @property
    def elapsed(self) -> float:
        """Seconds from sending the request to reading the whole answer (this attempt's)."""
        return self.http_response.elapsed.total_seconds()

    def parse(self) -> T:
        """The typed result, as the ordinary call returns it (parsed once, then cached)."""
        if self._parsed is _UNPARSED:
            self._parsed = self._parse(self.http_response)
        return self._parsed  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.method} {self.url}>"
