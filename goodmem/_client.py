"""Goodmem and AsyncGoodmem: configuration, the HTTP exchange, retries.

All request handling lives in `_BaseClient._exchange`, a generator that yields what to do
(send this request, sleep this long) and receives the outcome. `Goodmem` and `AsyncGoodmem`
only run that generator, one with blocking calls and one with `await`.
"""

from __future__ import annotations

import logging
import os
import random
import time
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx

from ._errors import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    ConflictError,
    GoodmemError,
    NotFoundError,
    status_error,
)
from ._version import __version__

if TYPE_CHECKING:
    from typing_extensions import Self

    from .llms import AsyncLLMs, LLMs

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT", "AsyncGoodmem", "Goodmem"]

T = TypeVar("T")

DEFAULT_BASE_URL = "http://localhost:8080"
"""The server a client talks to when neither `base_url` nor $GOODMEM_BASE_URL is set."""
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""A client's timeout unless given: 30 s per request, of which 5 s to connect."""
DEFAULT_MAX_RETRIES = 2
"""How many times a client retries a failed call unless `max_retries` is given."""
_RETRY_STATUSES = frozenset({408, 429, 502, 503, 504})
_INITIAL_BACKOFF = 0.5
_MAX_BACKOFF = 8.0
_MAX_RETRY_AFTER = 60.0

logger = logging.getLogger("goodmem")
_sleep = time.sleep  # module-level so tests can replace them


async def _async_sleep(seconds: float) -> None:
    import asyncio  # only async users pay for importing asyncio

    await asyncio.sleep(seconds)


class _NotGiven:
    """Marks an argument the caller did not pass (None is a meaningful value for timeout)."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _NotGiven()


@dataclass(slots=True)
class Call(Generic[T]):
    """One API operation, ready to send: what to request and how to read the answer.

    Every call must be safe to repeat (creates are, through their llm_id). `parse` turns a
    2xx response into the result and raises APIResponseValidationError when it cannot. When a
    retry of this call meets 409 Conflict, an earlier attempt may have succeeded unseen:
    `recover`, if set, makes the call that reads that result back.
    """

    method: str
    path: str
    parse: Callable[[httpx.Response], T]
    params: list[tuple[str, str | int | float | bool | None]] | None = None
    json: Any = None
    recover: Callable[[], Call[T]] | None = None


class _Done(Generic[T]):
    """The result of a finished exchange."""

    __slots__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value


HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)
_Step = httpx.Request | float
_Outcome = httpx.Response | httpx.TransportError | None


class _BaseClient(Generic[HttpT]):
    """Configuration and the I/O-free request logic shared by Goodmem and AsyncGoodmem."""

    base_url: str
    """The server's base URL, without a trailing slash."""
    max_retries: int
    """How many times a failed call is retried (see `Goodmem`)."""
    timeout: httpx.Timeout | float | None
    """The timeout of each request; None: the httpx client's own."""
    _http_type: type[HttpT]

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: httpx.Timeout | float | None = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: HttpT | None = None,
    ) -> None:
        if http_client is not None and not isinstance(http_client, self._http_type):
            raise TypeError(
                f"http_client: expected httpx.{self._http_type.__name__}, "
                f"got {type(http_client).__name__}"
            )
        if timeout is NOT_GIVEN:
            timeout = None if http_client is not None else DEFAULT_TIMEOUT
        base_url = base_url or os.environ.get("GOODMEM_BASE_URL") or DEFAULT_BASE_URL
        api_key = api_key if api_key is not None else os.environ.get("GOODMEM_API_KEY")
        if not api_key:
            raise GoodmemError(
                "No API key: pass api_key=... or set the GOODMEM_API_KEY environment variable"
            )
        if not isinstance(api_key, str):
            raise TypeError(f"api_key: expected str, got {type(api_key).__name__}")
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise ValueError(f"max_retries: must be an int >= 0, got {max_retries!r}")
        url = httpx.URL(base_url)
        if url.scheme not in ("http", "https") or not url.host:
            raise ValueError(f"base_url: expected an http(s) URL, got {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self._api_key = api_key
        self.timeout = timeout
        self.max_retries = max_retries
        self._headers = {
            "x-api-key": api_key,
            "accept": "application/json",
            "user-agent": f"goodmem-python/{__version__}",
            **(default_headers or {}),
        }
        self._owns_http = http_client is None
        self._http: HttpT = http_client if http_client is not None else self._http_type()
        self._init_resources()

    def _init_resources(self) -> None:
        raise NotImplementedError

    @property
    def api_key(self) -> str:
        """The API key sent as `x-api-key` (kept out of repr)."""
        return self._api_key

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def with_options(
        self, *, timeout: httpx.Timeout | float | None = NOT_GIVEN, max_retries: int = NOT_GIVEN
    ) -> Self:
        """A copy with other timeout or max_retries that shares this client's connection pool.

        The copy does not own the pool: closing it leaves this client working.
        """
        return type(self)(
            self.base_url,
            self._api_key,
            timeout=self.timeout if timeout is NOT_GIVEN else timeout,
            max_retries=self.max_retries if max_retries is NOT_GIVEN else max_retries,
            default_headers={k: v for k, v in self._headers.items() if k != "x-api-key"},
            http_client=self._http,
        )

    def _steps(self, call: Call[T]) -> Generator[_Step, _Outcome, T]:
        """The exchange for `call`; drivers run it with `_advance`."""
        request = self._http.build_request(
            call.method,
            self.base_url + call.path,
            params=call.params,
            json=call.json,
            headers=self._headers,
            timeout=self.timeout if self.timeout is not None else httpx.USE_CLIENT_DEFAULT,
        )
        return self._exchange(request, call)

    def _exchange(self, request: httpx.Request, call: Call[T]) -> Generator[_Step, _Outcome, T]:
        """Send `request` (with retries) and return the parsed result, or raise GoodmemError.

        Yields an httpx.Request to be sent (the driver answers with the response, or the
        httpx.TransportError it raised) or a float: seconds to sleep before retrying.
        """
        attempt = 0
        while True:
            started = time.monotonic()
            response: httpx.Response | None = None
            error: APIError
            cause: httpx.TransportError | None = None
            outcome = yield request
            if isinstance(outcome, httpx.TimeoutException):
                error, cause = APITimeoutError(request=request), outcome
            elif isinstance(outcome, httpx.TransportError):
                error, cause = APIConnectionError(request=request), outcome
            else:
                assert outcome is not None
                response = outcome
                _log(request, response.status_code, started, attempt)
                if response.is_success:
                    return call.parse(response)
                error = status_error(response)
            if cause is not None:
                _log(request, type(cause).__name__, started, attempt)
            if attempt > 0 and call.recover is not None and isinstance(error, ConflictError):
                try:
                    return (yield from self._steps(call.recover()))
                except NotFoundError:
                    raise error from None
            if attempt >= self.max_retries or not _should_retry(error):
                raise error from cause
            yield _backoff(attempt, response)
            attempt += 1


def _advance(steps: Generator[_Step, _Outcome, T], outcome: _Outcome) -> _Step | _Done[T]:
    """Feed `outcome` to the exchange; its next step, or _Done with the result."""
    try:
        return steps.send(outcome)
    except StopIteration as done:
        return _Done(done.value)


class Goodmem(_BaseClient[httpx.Client]):
    """Synchronous client for GoodMem's LLM registry.

    `base_url` defaults to $GOODMEM_BASE_URL, then http://localhost:8080; `api_key` to
    $GOODMEM_API_KEY (required). `timeout` is seconds or an httpx.Timeout (default 30 s, 5 s to
    connect); `max_retries` applies to connection errors and 408/429/502/503/504. One pooled
    httpx.Client serves every call; a caller-supplied `http_client` is used as given and is not
    closed by `close()`. Use the client as a context manager, or call `close()`.
    """

    _http_type = httpx.Client
    llms: LLMs
    """Create, get, list, update and delete LLM configurations."""

    def _init_resources(self) -> None:
        from .llms import LLMs  # imported late: goodmem.llms imports this module

        self.llms = LLMs(self)

    def _send(self, call: Call[T]) -> T:
        steps = self._steps(call)
        step = _advance(steps, None)
        while not isinstance(step, _Done):
            step = _advance(steps, self._perform(step))
        return step.value

    def _perform(self, step: _Step) -> _Outcome:
        if isinstance(step, float):
            return _sleep(step)
        try:
            return self._http.send(step)
        except httpx.TransportError as exc:
            return exc

    def close(self) -> None:
        """Close the connection pool (unless the httpx client was supplied by the caller)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncGoodmem(_BaseClient[httpx.AsyncClient]):
    """Asynchronous client for GoodMem's LLM registry: Goodmem's API, awaited.

    Takes Goodmem's arguments, with an httpx.AsyncClient as `http_client`. Use it with
    `async with`, or call `await aclose()`.
    """

    _http_type = httpx.AsyncClient
    llms: AsyncLLMs
    """Create, get, list, update and delete LLM configurations."""

    def _init_resources(self) -> None:
        from .llms import AsyncLLMs  # imported late: goodmem.llms imports this module

        self.llms = AsyncLLMs(self)

    async def _send(self, call: Call[T]) -> T:
        steps = self._steps(call)
        step = _advance(steps, None)
        while not isinstance(step, _Done):
            step = _advance(steps, await self._perform(step))
        return step.value

    async def _perform(self, step: _Step) -> _Outcome:
        try:
            return await (_async_sleep(step) if isinstance(step, float) else self._http.send(step))
        except httpx.TransportError as exc:
            return exc

    async def aclose(self) -> None:
        """Close the connection pool (unless the httpx client was supplied by the caller)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


def _should_retry(error: APIError) -> bool:
    if isinstance(error, APIStatusError):
        return error.status_code in _RETRY_STATUSES
    return isinstance(error, APIConnectionError)


def _backoff(attempt: int, response: httpx.Response | None) -> float:
    """Seconds to wait before retry number `attempt + 1`: Retry-After if given, else jittered."""
    if response is not None:
        retry_after = _retry_after(response.headers.get("retry-after"))
        if retry_after is not None:
            return retry_after
    ceiling: float = min(_MAX_BACKOFF, _INITIAL_BACKOFF * 2.0**attempt)
    return ceiling * (0.5 + random.random() / 2)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            import email.utils  # rarely needed: Retry-After as an HTTP date

            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - time.time()
    if seconds != seconds or seconds < 0:  # NaN or in the past
        return 0.0
    return float(min(seconds, _MAX_RETRY_AFTER))


def _log(request: httpx.Request, outcome: int | str, started: float, attempt: int) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "%s %s -> %s in %.1f ms (retry %d)",
            request.method,
            request.url.path,
            outcome,
            (time.monotonic() - started) * 1000,
            attempt,
        )
