"""Request handling shared by Goodmem and AsyncGoodmem: configuration, the exchange, retries.

Everything that decides what to send and how to read the answer lives in `BaseClient`. Its
`_exchange` is a generator that yields what to do next (send this request, sleep this long)
and receives the outcome. `SyncAPIClient` and `AsyncAPIClient` only run that generator, one
with blocking calls and one with `await`; they hold no request logic of their own.

An API operation reaches this module as an `Operation`: the method, path, query and JSON body
to send, the caller's per-call options, and how to read a successful answer.
"""

from __future__ import annotations

import logging
import os
import random
import time
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

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
from ._response import APIResponse
from ._version import __version__

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "AsyncAPIClient",
    "BaseClient",
    "NotGiven",
    "Operation",
    "RequestOptions",
    "SyncAPIClient",
]

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


class NotGiven:
    """The type of NOT_GIVEN: an argument the caller left out, where None means something.

    `timeout=None` means "no timeout"; leaving `timeout` out means "the client's timeout".
    """

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()
"""The default of arguments such as `timeout`, where None is a meaningful value."""

Timeout = float | httpx.Timeout | None
"""Seconds, an httpx.Timeout, or None for no timeout."""
Parser = Callable[[httpx.Response], T]


@dataclass(frozen=True, slots=True)
class RequestOptions:
    """Per-call additions to one request, as the `extra_*` and `timeout` arguments give them.

    `extra_headers` are sent over the client's headers; `extra_query` pairs are appended to
    the query; `extra_body` keys are merged into the JSON body (sent as the body when the
    operation has none), winning over fields the SDK set. `timeout` replaces the client's for
    this call. The values are checked before anything is sent.
    """

    extra_headers: Mapping[str, str] | None = None
    extra_query: Mapping[str, object] | None = None
    extra_body: Mapping[str, object] | None = None
    timeout: Timeout | NotGiven = NOT_GIVEN


NO_OPTIONS = RequestOptions()


@dataclass(slots=True)
class Operation(Generic[T]):
    """One API operation, ready to send: what to request and how to read the answer.

    Every operation must be safe to repeat (creates are, through their llm_id). `parse` turns
    a 2xx response into the result and raises APIResponseValidationError when it cannot. When
    a retry meets 409 Conflict, an earlier attempt may have succeeded unseen: `recover`, if
    set, makes the operation that reads that result back.
    """

    method: str
    path: str
    parse: Parser[T]
    params: list[tuple[str, str]] = field(default_factory=list)
    json: Any = None
    options: RequestOptions = NO_OPTIONS
    recover: Callable[[], Operation[T]] | None = None


@dataclass(slots=True)
class _Done(Generic[T]):
    """The end of an exchange: the final response and how to read it."""

    response: httpx.Response
    parse: Parser[T]


HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)
_Step = httpx.Request | float
_Outcome = httpx.Response | httpx.TransportError | None


class BaseClient(Generic[HttpT]):
    """Configuration and the I/O-free request logic shared by Goodmem and AsyncGoodmem."""

    base_url: str
    """The server's base URL, without a trailing slash."""
    max_retries: int
    """How often a failed call is retried (see the README's Reliability section)."""
    timeout: Timeout | NotGiven
    """Each call's timeout (NOT_GIVEN: the caller-supplied http_client's own default)."""
    _http_type: ClassVar[type[httpx.Client] | type[httpx.AsyncClient]]

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: HttpT | None = None,
    ) -> None:
        if http_client is not None and not isinstance(http_client, self._http_type):
            raise TypeError(
                f"http_client: expected httpx.{self._http_type.__name__}, "
                f"got {type(http_client).__name__}"
            )
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
        if isinstance(timeout, NotGiven) and http_client is None:
            timeout = DEFAULT_TIMEOUT
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
        self._http: HttpT = (
            http_client if http_client is not None else self._http_type()  # type: ignore[assignment]
        )
        self._init_resources()

    def _init_resources(self) -> None:
        """Attach the API's resources (`self.llms`); the public clients define it."""

    @property
    def api_key(self) -> str:
        """The API key sent as `x-api-key` (kept out of repr)."""
        return self._api_key

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def with_options(
        self, *, timeout: Timeout | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
    ) -> Self:
        """A copy with another timeout or max_retries that shares this client's connection pool.

        The copy does not own the pool: closing it leaves this client working.
        """
        return type(self)(
            self.base_url,
            self._api_key,
            timeout=self.timeout if isinstance(timeout, NotGiven) else timeout,
            max_retries=self.max_retries if isinstance(max_retries, NotGiven) else max_retries,
            default_headers={k: v for k, v in self._headers.items() if k != "x-api-key"},
            http_client=self._http,
        )

    # --- the exchange ------------------------------------------------------------------------

    def _timeout_for(self, options: RequestOptions) -> Any:
        """The timeout of one call: its own, else the client's, else the http client's default."""
        timeout = options.timeout if not isinstance(options.timeout, NotGiven) else self.timeout
        return httpx.USE_CLIENT_DEFAULT if isinstance(timeout, NotGiven) else timeout

    def _build_request(self, operation: Operation[Any]) -> httpx.Request:
        """The httpx.Request for `operation`, per-call options applied."""
        options = operation.options
        headers = self._headers
        if options.extra_headers:
            headers = {**headers, **options.extra_headers}
        query: tuple[tuple[str, str], ...] = tuple(operation.params)
        if options.extra_query:
            query += tuple((name, query_value(v)) for name, v in options.extra_query.items())
        body = operation.json
        if options.extra_body:
            body = {**(body or {}), **options.extra_body}
        return self._http.build_request(
            operation.method,
            self.base_url + operation.path,
            params=query or None,
            json=body,
            headers=headers,
            timeout=self._timeout_for(options),
        )

    def _exchange(self, operation: Operation[T]) -> Generator[_Step, _Outcome, _Done[T]]:
        """Send `operation` (with retries); the final success response, or raise GoodmemError.

        Yields an httpx.Request to be sent (the driver answers with the response, or the
        httpx.TransportError it raised) or a float: seconds to sleep before retrying.
        """
        request = self._build_request(operation)
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
                _log(request, response.status_code, started, attempt, response)
                if response.is_success:
                    return _Done(response, operation.parse)
                error = status_error(response)
            if cause is not None:
                _log(request, type(cause).__name__, started, attempt)
            if attempt > 0 and operation.recover is not None and isinstance(error, ConflictError):
                try:
                    return (yield from self._exchange(operation.recover()))
                except NotFoundError:
                    raise error from None
            if attempt >= self.max_retries or not _should_retry(error):
                raise error from cause
            delay = _backoff(attempt, response)
            logger.info(
                "retrying %s %s in %.2f s (retry %d of %d)",
                request.method,
                request.url.path,
                delay,
                attempt + 1,
                self.max_retries,
            )
            yield delay
            attempt += 1


def _advance(steps: Generator[_Step, _Outcome, _Done[T]], outcome: _Outcome) -> _Step | _Done[T]:
    """Feed `outcome` to the exchange; its next step, or _Done with the result."""
    try:
        return steps.send(outcome)
    except StopIteration as done:
        result: _Done[T] = done.value
        return result


class SyncAPIClient(BaseClient[httpx.Client]):
    """The blocking driver of the exchange; see Goodmem."""

    _http_type = httpx.Client

    def _run(self, operation: Operation[T]) -> _Done[T]:
        steps = self._exchange(operation)
        step = _advance(steps, None)
        while not isinstance(step, _Done):
            step = _advance(steps, self._perform(step))
        return step

    def _send(self, operation: Operation[T]) -> T:
        done = self._run(operation)
        return done.parse(done.response)

    def _send_raw(self, operation: Operation[T]) -> APIResponse[T]:
        done = self._run(operation)
        return APIResponse(done.response, done.parse)

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


class AsyncAPIClient(BaseClient[httpx.AsyncClient]):
    """The awaiting driver of the exchange; see AsyncGoodmem."""

    _http_type = httpx.AsyncClient

    async def _run(self, operation: Operation[T]) -> _Done[T]:
        steps = self._exchange(operation)
        step = _advance(steps, None)
        while not isinstance(step, _Done):
            step = _advance(steps, await self._perform(step))
        return step

    async def _send(self, operation: Operation[T]) -> T:
        done = await self._run(operation)
        return done.parse(done.response)

    async def _send_raw(self, operation: Operation[T]) -> APIResponse[T]:
        done = await self._run(operation)
        return APIResponse(done.response, done.parse)

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


def query_value(value: object) -> str:
    """A query parameter value as sent: bools as true/false, the rest as str."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


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


def _log(
    request: httpx.Request,
    outcome: int | str,
    started: float,
    attempt: int,
    response: httpx.Response | None = None,
) -> None:
    """One INFO record per attempt (DEBUG adds size and request id); path only, no query."""
    if not logger.isEnabledFor(logging.INFO):
        return
    message = "%s %s -> %s in %.1f ms (retry %d)"
    args: list[object] = [
        request.method,
        request.url.path,
        outcome,
        (time.monotonic() - started) * 1000,
        attempt,
    ]
    if response is not None and logger.isEnabledFor(logging.DEBUG):
        message += ", %d bytes, request id %s"
        args += [len(response.content), response.headers.get("x-request-id", "-")]
    logger.info(message, *args)
