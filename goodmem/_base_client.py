"""Request handling shared by Goodmem and AsyncGoodmem: configuration, the exchange, retries.

Everything that decides what to send and how to read the answer lives in `BaseClient`. Its
`_exchange` is a generator that yields what to do next (run this attempt, sleep this long)
and receives the outcome. `SyncAPIClient` and `AsyncAPIClient` only run that generator, one
with blocking calls and one with `await`: an attempt is sending the request and pumping the
raw body into `_transport.Body` (which decodes, caps and checks it) within the attempt's
deadline. They hold no request logic of their own.

An API operation reaches this module as an `Operation`: the method, path, query and JSON body
to send, the caller's per-call options, and how to read a successful answer.
"""

from __future__ import annotations

import logging
import os
import random
import re
import sys
import time
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

import httpx

from . import _transport
from ._errors import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    ConflictError,
    GoodmemError,
    InternalServerError,
    NotFoundError,
    connection_reason,
    status_error,
)
from ._response import APIResponse
from ._transport import DEFAULT_MAX_RESPONSE_BYTES, Attempt
from ._version import __version__

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RESPONSE_BYTES",
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
_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
_INITIAL_BACKOFF = 0.5
_MAX_BACKOFF = 8.0
_MAX_RETRY_AFTER = 60.0
# transport errors raised before the request left: retrying is safe, and nothing happened
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# errors in what we would send: retrying sends the same thing again
_LOCAL = (httpx.LocalProtocolError, httpx.UnsupportedProtocol)
_API_KEY = re.compile(r"[\x21-\x7e]+")  # printable ASCII, no space
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_HEADER_VALUE = re.compile(r"(?:[\x21-\x7e](?:[\x20\x09]*[\x21-\x7e])*)?")
_USERINFO = re.compile(r"^((?:[A-Za-z][A-Za-z0-9+.-]*:)?//)?[^/?#]*@")

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
    a 2xx response into the result and raises APIResponseValidationError when it cannot.
    When a retry meets an answer that an earlier attempt with an unknown outcome (a 5xx, a
    broken or timed-out connection) could explain: on 409 Conflict, `recover`, if set, makes
    the operation that reads the stored result back; on 404 Not Found, `missing_means_done`
    says the operation already took effect (a delete), and the 404 answer is parsed as its
    result.
    """

    method: str
    path: str
    parse: Parser[T]
    params: list[tuple[str, str]] = field(default_factory=list)
    json: Any = None
    options: RequestOptions = NO_OPTIONS
    recover: Callable[[], Operation[T]] | None = None
    missing_means_done: bool = False


@dataclass(slots=True)
class _Done(Generic[T]):
    """The end of an exchange: the final response and how to read it."""

    response: httpx.Response
    parse: Parser[T]


HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)
_Step = Attempt | float
_Outcome = httpx.Response | httpx.TransportError | GoodmemError | None


class BaseClient(Generic[HttpT]):
    """Configuration and the I/O-free request logic shared by Goodmem and AsyncGoodmem."""

    base_url: str
    """The server's base URL, without a trailing slash."""
    max_retries: int
    """How often a failed call is retried (see the README's Reliability section)."""
    timeout: Timeout | NotGiven
    """Each attempt's timeout (NOT_GIVEN: the caller-supplied http_client's own default)."""
    max_response_bytes: int
    """The largest success body accepted, in bytes after decoding."""
    _http_type: ClassVar[type[httpx.Client] | type[httpx.AsyncClient]]
    _trace: Callable[[str, Mapping[str, Any]], Any]  # httpcore's trace hook, sync or async

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
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
        _check_api_key(api_key)
        _check_count("max_retries", max_retries, 0)
        _check_count("max_response_bytes", max_response_bytes, 1)
        _check_timeout(timeout)
        for name, value in (default_headers or {}).items():
            _check_header("default_headers", name, value)
        if isinstance(timeout, NotGiven) and http_client is None:
            timeout = DEFAULT_TIMEOUT
        self.base_url = _checked_base_url(base_url)
        self._api_key = api_key
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_response_bytes = max_response_bytes
        self._headers = {
            "x-api-key": api_key,
            "accept": "application/json",
            "accept-encoding": _transport.ACCEPT_ENCODING,
            "user-agent": f"goodmem-python/{__version__}",
            **(default_headers or {}),
        }
        self._encoded_headers = _encoded(self._headers)
        self._owns_http = http_client is None
        self._http: HttpT = (
            http_client if http_client is not None else _transport.new_http_client(self._http_type)
        )

    @property
    def api_key(self) -> str:
        """The API key sent as `x-api-key` (kept out of repr)."""
        return self._api_key

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def with_options(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        max_response_bytes: int | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A copy with another timeout, max_retries or max_response_bytes, sharing the pool.

        The copy does not own the connection pool: closing it leaves this client working.
        """
        return type(self)(
            self.base_url,
            self._api_key,
            timeout=self.timeout if isinstance(timeout, NotGiven) else timeout,
            max_retries=self.max_retries if isinstance(max_retries, NotGiven) else max_retries,
            max_response_bytes=(
                self.max_response_bytes
                if isinstance(max_response_bytes, NotGiven)
                else max_response_bytes
            ),
            default_headers={k: v for k, v in self._headers.items() if k != "x-api-key"},
            http_client=self._http,
        )

    # --- the exchange ------------------------------------------------------------------------

    def _timeout_for(self, options: RequestOptions) -> Any:
        """The timeout of one call: its own, else the client's, else the http client's default."""
        timeout = options.timeout if not isinstance(options.timeout, NotGiven) else self.timeout
        return httpx.USE_CLIENT_DEFAULT if isinstance(timeout, NotGiven) else timeout

    def _attempt_budget(self, options: RequestOptions) -> float | None:
        """Seconds one attempt may take once it has a connection: its timeout's largest part.

        For `httpx.Timeout(30, connect=5)` that is 30 s; None (no limit) when any part is None.
        """
        timeout = self._timeout_for(options)
        if timeout is httpx.USE_CLIENT_DEFAULT:
            timeout = self._http.timeout
        if isinstance(timeout, httpx.Timeout):
            parts = (timeout.connect, timeout.read, timeout.write, timeout.pool)
            return None if None in parts else max(p for p in parts if p is not None)
        return None if timeout is None else float(timeout)

    def _build_request(self, operation: Operation[Any]) -> httpx.Request:
        """The httpx.Request for `operation`, per-call options applied and checked.

        Built directly (httpx.Client.build_request costs several times more) with what
        build_request would add: the http client's own headers under the SDK's, its timeout
        when none is set. A caller's client with cookies or default query parameters goes
        through build_request, which merges those too.
        """
        options = operation.options
        headers = self._headers
        encoded = self._encoded_headers
        if options.extra_headers:
            for name, value in options.extra_headers.items():
                _check_header("extra_headers", name, value)
            headers = {**headers, **options.extra_headers}
            encoded = _encoded(headers)
        query: tuple[tuple[str, str], ...] = tuple(operation.params)
        if options.extra_query:
            query += tuple((name, query_value(v)) for name, v in options.extra_query.items())
        body = operation.json
        if options.extra_body:
            body = {**(body or {}), **options.extra_body}
        url = self.base_url + operation.path
        timeout = self._timeout_for(options)
        http = self._http
        try:
            if http.cookies or http.params:
                return http.build_request(
                    operation.method,
                    url,
                    params=query or None,
                    json=body,
                    headers=headers,
                    timeout=timeout,
                    extensions={"trace": self._trace},
                )
            if timeout is httpx.USE_CLIENT_DEFAULT:
                timeout = http.timeout
            return httpx.Request(
                operation.method,
                url,
                params=query or None,
                json=body,
                headers=_merged_headers(http.headers, encoded),
                extensions={
                    "timeout": httpx.Timeout(timeout).as_dict(),
                    "trace": self._trace,  # arms the attempt deadline (_transport)
                },
            )
        except httpx.InvalidURL as exc:
            raise ValueError(_url_problem(operation.path, query, exc)) from None

    def _exchange(
        self, operation: Operation[T], retries: int | None = None
    ) -> Generator[_Step, _Outcome, _Done[T]]:
        """Send `operation` (with retries); the final success response, or raise GoodmemError.

        Yields an Attempt for the driver to run (it answers with the response, body read, or
        what went wrong) or a float: seconds to sleep before retrying. `retries` defaults to
        max_retries.
        """
        request = self._build_request(operation)
        budget = self._attempt_budget(operation.options)
        retries = self.max_retries if retries is None else retries
        attempt = 0
        unsure = False  # did an earlier attempt possibly take effect unseen?
        while True:
            started = time.monotonic()
            outcome = yield Attempt(request, budget, self.max_response_bytes)
            response: httpx.Response | None = None
            cause: httpx.TransportError | None = None
            error: APIError
            if isinstance(outcome, GoodmemError):  # a body too large or undecodable: final
                _log(request, type(outcome).__name__, started, attempt)
                raise outcome
            if isinstance(outcome, httpx.TransportError):
                cause = outcome
                _log(request, type(cause).__name__, started, attempt)
                error = _transport_error(request, cause, attempt + 1)
            else:
                assert outcome is not None
                response = outcome
                _log(request, response.status_code, started, attempt, response)
                if response.is_success:
                    return _Done(response, operation.parse)
                error = status_error(response)
            if unsure and operation.recover is not None and isinstance(error, ConflictError):
                try:
                    return (yield from self._exchange(operation.recover(), retries - attempt))
                except NotFoundError:
                    raise error from None
            if unsure and operation.missing_means_done and isinstance(error, NotFoundError):
                assert response is not None
                logger.debug(
                    "%s %s: 404 after an attempt whose outcome was unknown; it took effect",
                    request.method,
                    request.url.path,
                )
                return _Done(response, operation.parse)
            if attempt >= retries or not _should_retry(error, cause):
                raise error from cause
            unsure = unsure or _outcome_unknown(error, cause)
            delay = _backoff(attempt, response)
            logger.info(
                "retrying %s %s in %.2f s (retry %d of %d)",
                request.method,
                request.url.path,
                delay,
                attempt + 1,
                retries,
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
    _trace = staticmethod(_transport.trace)

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
        token = _transport.CURRENT.set(step)  # for the trace hook and the socket-level deadline
        try:
            response = self._http.send(step.request, stream=True, follow_redirects=False)
            try:
                body = step.body(response)
                if body.wants_raw:
                    any(map(body.feed, response.iter_raw()))  # until feed() says stop
            finally:
                response.close()
            return body.outcome()
        except httpx.TransportError as exc:
            return exc
        finally:
            _transport.CURRENT.reset(token)

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
    _trace = staticmethod(_transport.trace_async)

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
        if isinstance(step, float):
            await _async_sleep(step)
            return None
        token = _transport.CURRENT.set(step)
        watchdog = _Watchdog(step) if step.budget is not None else None
        try:
            return await self._attempt(step)
        except httpx.TransportError as exc:
            return exc
        except BaseException:
            if watchdog is not None and watchdog.expired():  # our cancellation, not the caller's
                return step.timed_out()
            raise
        finally:
            if watchdog is not None:
                watchdog.stop()
            _transport.CURRENT.reset(token)

    async def _attempt(self, step: Attempt) -> _Outcome:
        response = await self._http.send(step.request, stream=True, follow_redirects=False)
        body = step.body(response)
        try:
            if body.wants_raw:
                async for chunk in response.aiter_raw():
                    if body.feed(chunk):
                        break
        finally:
            await response.aclose()
        return body.outcome()

    async def aclose(self) -> None:
        """Close the connection pool (unless the httpx client was supplied by the caller)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


class _Watchdog:
    """Cancels the running task at its attempt's deadline, once the deadline is armed.

    Cheaper than an asyncio.timeout scope per attempt (no scope object, and no timer at all
    until the attempt has a connection). `expired()` tells the driver that a CancelledError
    was this watchdog's doing; a cancellation requested by anyone else still propagates.
    """

    __slots__ = ("_fired", "_handle", "_loop", "_task")

    def __init__(self, attempt: Attempt) -> None:
        import asyncio

        self._loop = asyncio.get_running_loop()
        self._task = asyncio.current_task()
        self._handle: asyncio.TimerHandle | None = None
        self._fired = False
        attempt.on_arm = self._arm

    def _arm(self, deadline: float) -> None:
        if self._handle is not None:
            self._handle.cancel()
        self._handle = self._loop.call_later(max(0.0, deadline - time.monotonic()), self._fire)

    def _fire(self) -> None:
        if self._task is not None:
            self._fired = True
            self._task.cancel()

    def expired(self) -> bool:
        """Whether the deadline cancelled the task (and nobody else did); resets the cancel."""
        if not self._fired or self._task is None:
            return False
        if sys.version_info >= (3, 11):
            return self._task.uncancel() == 0
        return True  # pragma: no cover - Python 3.10 has no cancellation counts

    def stop(self) -> None:
        """Forget the deadline (the attempt is over)."""
        if self._handle is not None:
            self._handle.cancel()


# --- checks --------------------------------------------------------------------------------------


def _check_api_key(api_key: object) -> None:
    """The key must fit an HTTP header as is; errors describe it, never show it."""
    if not isinstance(api_key, str):
        raise TypeError(f"api_key: expected str, got {type(api_key).__name__}")
    if _API_KEY.fullmatch(api_key):
        return
    where = next(i for i, c in enumerate(api_key) if not _API_KEY.fullmatch(c))
    char = api_key[where]
    if char in "\r\n" and not api_key[where:].strip():
        problem = "ends with a line break (strip the key read from a file)"
    elif char.isspace():
        problem = f"contains whitespace at position {where}"
    elif not char.isascii():
        problem = f"contains a non-ASCII character at position {where}"
    else:
        problem = f"contains a control character at position {where}"
    raise ValueError(f"api_key: {problem}; an API key is printable ASCII without spaces")


def _check_count(name: str, value: object, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name}: must be an int >= {minimum}, got {value!r}")


def _check_timeout(timeout: object) -> None:
    if isinstance(timeout, bool) or not isinstance(
        timeout, (NotGiven, int, float, httpx.Timeout, type(None))
    ):
        raise TypeError(
            f"timeout: expected seconds, an httpx.Timeout or None, got {type(timeout).__name__}"
        )


def _check_header(where: str, name: object, value: object) -> None:
    """An HTTP header as httpx and h11 will accept it; the error never shows the value."""
    if not isinstance(name, str) or not _HEADER_NAME.fullmatch(name):
        raise ValueError(f"{where}: {name!r} is not a valid header name")
    if not isinstance(value, str):
        raise TypeError(f"{where}[{name!r}]: expected str, got {type(value).__name__}")
    if not _HEADER_VALUE.fullmatch(value):
        raise ValueError(
            f"{where}[{name!r}]: a header value must be printable ASCII, without line breaks "
            "or surrounding spaces"
        )


def _checked_base_url(base_url: str) -> str:
    """`base_url` without a trailing slash, or ValueError; no message repeats a password."""
    shown = _USERINFO.sub(r"\1***@", base_url)
    if shown != base_url:
        raise ValueError(
            f"base_url: must not contain a user name or password, got {shown!r}; "
            "the API key authenticates (api_key=...)"
        )
    try:
        url = httpx.URL(base_url)
    except httpx.InvalidURL:
        raise ValueError(f"base_url: not a valid URL: {shown!r}") from None
    if url.scheme not in ("http", "https") or not url.host:
        hint = "" if "://" in base_url else f" (did you mean 'http://{base_url}'?)"
        raise ValueError(
            f"base_url: expected an http(s) URL such as 'http://localhost:8080', "
            f"got {shown!r}{hint}"
        )
    if "?" in base_url or "#" in base_url:
        raise ValueError(
            f"base_url: must not have a query or fragment, got {shown!r}; "
            "the SDK appends paths and its own query"
        )
    return base_url.rstrip("/")


def _url_problem(path: str, query: tuple[tuple[str, str], ...], error: Exception) -> str:
    """Which part of a request made its URL too long (or invalid), for a ValueError."""
    parts = [("the request path", path)] + [(f"query parameter {n!r}", v) for n, v in query]
    name, value = max(parts, key=lambda part: len(part[1]))
    return f"{name} is {len(value):,} characters long; the URL cannot be built ({error})"


# --- retries ---------------------------------------------------------------------------------


def _encoded(headers: Mapping[str, str]) -> tuple[frozenset[bytes], list[tuple[bytes, bytes]]]:
    """`headers` as the (lower-case name, value) byte pairs httpx sends, and their names."""
    pairs = [(k.lower().encode("ascii"), v.encode("ascii")) for k, v in headers.items()]
    return frozenset(name for name, _ in pairs), pairs


def _merged_headers(
    defaults: httpx.Headers, encoded: tuple[frozenset[bytes], list[tuple[bytes, bytes]]]
) -> list[tuple[bytes, bytes]]:
    """The http client's headers, then the SDK's, the SDK's replacing any of the same name."""
    names, pairs = encoded
    return [(k, v) for k, v in defaults.raw if k.lower() not in names] + pairs


def query_value(value: object) -> str:
    """A query parameter value as sent: bools as true/false, the rest as str."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _transport_error(
    request: httpx.Request, cause: httpx.TransportError, attempts: int
) -> APIConnectionError:
    reason = connection_reason(cause)
    if isinstance(cause, httpx.TimeoutException):
        return APITimeoutError(request=request, reason=reason, attempts=attempts)
    return APIConnectionError(request=request, reason=reason, attempts=attempts)


def _should_retry(error: APIError, cause: httpx.TransportError | None) -> bool:
    if isinstance(error, APIStatusError):
        return error.status_code in _RETRY_STATUSES
    return isinstance(error, APIConnectionError) and not isinstance(cause, _LOCAL)


def _outcome_unknown(error: APIError, cause: httpx.TransportError | None) -> bool:
    """Whether the failed attempt may have taken effect: a 5xx, or a connection lost mid-way."""
    if isinstance(error, InternalServerError):
        return True
    return cause is not None and not isinstance(cause, (*_NOT_SENT, *_LOCAL))


def _backoff(attempt: int, response: httpx.Response | None) -> float:
    """Seconds to wait before retry number `attempt + 1`.

    What Retry-After (or retry-after-ms) asks when that is between 0 and 60 s; otherwise,
    as for answers without it, 0.5 s doubling per retry up to 8 s, with jitter.
    """
    if response is not None:
        retry_after = _retry_after(response.headers)
        if retry_after is not None:
            return retry_after
    ceiling: float = min(_MAX_BACKOFF, _INITIAL_BACKOFF * 2.0**attempt)
    return ceiling * (0.5 + random.random() / 2)


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """The wait a response asks for, if it is a usable one (0 to 60 s); else None."""
    seconds: float | None = None
    millis = headers.get("retry-after-ms")
    value = headers.get("retry-after")
    if millis:
        seconds = _number(millis)
        seconds = None if seconds is None else seconds / 1000
    if seconds is None and value:
        seconds = _number(value)
        if seconds is None:
            try:
                import email.utils  # rarely needed: Retry-After as an HTTP date

                seconds = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
            except (TypeError, ValueError, OverflowError):
                return None
    if seconds is None or not 0 <= seconds <= _MAX_RETRY_AFTER:  # also false for NaN
        return None
    return seconds


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


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
