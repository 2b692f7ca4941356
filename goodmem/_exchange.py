"""One call from operation to final answer, without I/O: the request, attempts and retries.

`exchange()` is a generator. It yields what the driver must do next (run this `Attempt`,
or sleep this many seconds before a retry) and receives the outcome (the response with its
body read, or what went wrong), until it returns `Done` or raises the call's GoodmemError.
The sync and the async driver (`_base_client`) only do the I/O it asks for.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx

from . import _retries
from ._body import status_error
from ._config import NO_OPTIONS, CallOptions, Settings, attempt_budget
from ._deadline import Deadline
from ._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    ConflictError,
    GoodmemError,
    NotFoundError,
    connection_reason,
    printable,
)
from ._types import NotGiven, TimeoutValue

if TYPE_CHECKING:
    from ._generated.types import HTTPRequest

__all__ = ["Attempt", "Done", "Operation", "Outcome", "Recovery", "Step", "exchange"]

T = TypeVar("T")
logger = logging.getLogger("goodmem")

_orjson_dumps: Callable[[Any], bytes] | None
try:  # encodes a JSON body as httpx would, about 5x faster (CPython)
    from orjson import dumps as _orjson_dumps
except ImportError:  # pragma: no cover - other interpreters
    _orjson_dumps = None


@dataclass(slots=True)
class Operation(Generic[T]):
    """One API call, ready to send: the generated request, the caller's options, and how
    to read a success (`parse` raises APIResponseValidationError when it cannot).

    Every operation must be safe to repeat (a create is, through its llm_id). When a retry
    meets an answer that an earlier attempt with an unknown outcome (a 5xx, a broken or
    timed-out connection) could explain: on 409 Conflict, `recovery` reads the stored result
    back; on 404 Not Found, `missing_means_done` says the operation already took effect (a
    delete), and the 404 answer is its result.
    """

    request: HTTPRequest
    parse: Callable[[httpx.Response], T]
    options: CallOptions = NO_OPTIONS
    recovery: Recovery[T] | None = None
    missing_means_done: bool = False


@dataclass(slots=True)
class Recovery(Generic[T]):
    """How a create whose first answer was lost finds out that it succeeded.

    `read_back()` makes the operation sent after the retry met 409; its answer counts only
    if `is_ours(answer)` (the stored record is the one this call sent), else the 409 stands.
    """

    read_back: Callable[[], Operation[T]]
    is_ours: Callable[[httpx.Response], bool]


@dataclass(slots=True)
class Attempt:
    """One request for a driver to send, with its deadline and the cap on its success body.

    The driver makes `deadline` CURRENT, sends `request` (stream=True, never following
    redirects), feeds every raw chunk to a `BodyReader(response, deadline, max_bytes)` while
    it `wants_raw` and until `feed` says stop, closes the response and returns the reader's
    `outcome()`; a transport error it returns as is.
    """

    request: httpx.Request
    deadline: Deadline
    max_bytes: int


@dataclass(slots=True)
class Done(Generic[T]):
    """The end of a call: the final response, how to read it, and how many attempts it took."""

    response: httpx.Response
    parse: Callable[[httpx.Response], T]
    attempts: int


Step = Attempt | float
Outcome = httpx.Response | httpx.TransportError | GoodmemError | None


def exchange(
    settings: Settings,
    http: httpx.Client | httpx.AsyncClient,
    operation: Operation[T],
    retries: int | None = None,
    earlier: int = 0,
) -> Generator[Step, Outcome, Done[T]]:
    """Send `operation`, retrying as `_retries` says; the final success, or raise APIError.

    `retries` (default: the client's max_retries) are left after `earlier` attempts of the
    same call (a create's read-back continues the count).
    """
    retries = settings.max_retries if retries is None else retries
    timeout = _timeout(settings, http, operation.options)
    request = build_request(settings, http, operation, timeout)
    budget = attempt_budget(timeout)
    attempt = 0
    unsure = False  # did an earlier attempt possibly take effect unseen?
    while True:
        started = time.monotonic()
        outcome = yield Attempt(request, Deadline(budget), settings.max_response_bytes)
        attempts = earlier + attempt + 1
        response: httpx.Response | None = None
        cause: httpx.TransportError | None = None
        error: APIError
        if isinstance(outcome, GoodmemError):  # a body too large or undecodable: final
            _log(request, type(outcome).__name__, started, attempt)
            if isinstance(outcome, APIError):
                outcome.attempts = attempts
            raise outcome
        if isinstance(outcome, httpx.TransportError):
            cause = outcome
            _log(request, type(cause).__name__, started, attempt)
            error = _transport_error(request, cause, attempts)
        else:
            assert outcome is not None
            response = outcome
            _log(request, response.status_code, started, attempt, response)
            if response.is_success:
                return Done(response, operation.parse, attempts)
            error = status_error(response, attempts)
        recovery = operation.recovery
        if unsure and recovery is not None and isinstance(error, ConflictError):
            logger.debug("%s %s: 409 after a lost answer; reading it back", *_where(request))
            try:
                done = yield from exchange(
                    settings, http, recovery.read_back(), retries - attempt, attempts
                )
            except NotFoundError:
                raise error from None
            if not recovery.is_ours(done.response):
                raise error
            return done
        if unsure and operation.missing_means_done and isinstance(error, NotFoundError):
            assert response is not None
            logger.debug("%s %s: 404 after a lost answer; it took effect", *_where(request))
            return Done(response, operation.parse, attempts)
        if attempt >= retries or not _retries.should_retry(error, cause):
            raise error from cause
        unsure = unsure or _retries.outcome_unknown(error, cause)
        delay = _retries.backoff(attempt, response)
        logger.info(
            "retrying %s %s in %.2f s (retry %d of %d)",
            *_where(request),
            delay,
            attempt + 1,
            retries,
        )
        yield delay
        attempt += 1


def _timeout(
    settings: Settings, http: httpx.Client | httpx.AsyncClient, options: CallOptions
) -> TimeoutValue:
    """The call's timeout: its own, else the client's, else the http client's."""
    timeout = options.timeout
    if isinstance(timeout, NotGiven):
        timeout = settings.timeout
    if isinstance(timeout, NotGiven):
        timeout = http.timeout
    return timeout


def build_request(
    settings: Settings,
    http: httpx.Client | httpx.AsyncClient,
    operation: Operation[Any],
    timeout: TimeoutValue,
) -> httpx.Request:
    """The httpx.Request for `operation`: the client's headers, the call's options applied.

    Header names are compared without case: the call's `extra_headers` replace the client's
    `default_headers`, which replace the SDK's own, which replace the http client's own.
    Built directly, from a parsed URL and encoded headers (httpx.Client.build_request costs
    about three times more); a caller's http client with cookies or default query
    parameters goes through build_request, which adds those.
    """
    spec = operation.request
    options = operation.options
    headers = settings.headers
    if options.headers:
        headers = {**headers, **options.headers}
    params = tuple(spec.params)
    if options.query:
        params += tuple(options.query)
    body = spec.json
    if options.body is not None:
        body = {**(body or {}), **options.body}
    content = None
    if body is not None:
        content = _json_bytes(body)
        headers = {**headers, "content-type": "application/json"}
    if http.cookies or http.params:
        return http.build_request(
            spec.method,
            settings.base_url + spec.path,
            params=params or None,
            content=content,
            headers=headers,
            timeout=timeout,
        )
    try:
        url = _url(settings.base_url, spec.path, params)
    except httpx.InvalidURL as exc:
        raise ValueError(_url_problem(spec.path, params, exc)) from None
    ours = [(name.encode("ascii"), value.encode("ascii")) for name, value in headers.items()]
    names = {name for name, _ in ours}
    own = [(name, value) for name, value in http.headers.raw if name.lower() not in names]
    return httpx.Request(
        spec.method,
        url,
        content=content,
        headers=own + ours,
        extensions={"timeout": _timeout_extension(timeout)},
    )


@functools.lru_cache(maxsize=1024)
def _url(base_url: str, path: str, params: tuple[tuple[str, str], ...]) -> httpx.URL:
    """The parsed URL of a request: parsing costs more than the rest of a request's building,
    and calls repeat (httpx.URL is immutable, so one can serve many requests)."""
    return httpx.URL(base_url + path, params=params or None)


def _timeout_extension(timeout: TimeoutValue) -> dict[str, float | None]:
    """httpx's `timeout` request extension for `timeout` (as httpx.Timeout.as_dict, faster)."""
    if isinstance(timeout, httpx.Timeout):
        return {
            "connect": timeout.connect,
            "read": timeout.read,
            "write": timeout.write,
            "pool": timeout.pool,
        }
    return {"connect": timeout, "read": timeout, "write": timeout, "pool": timeout}


def _json_bytes(body: Any) -> bytes:
    """`body` as compact UTF-8 JSON, as httpx would send it."""
    if _orjson_dumps is not None:
        try:
            return _orjson_dumps(body)
        except TypeError:  # integers past 64 bits, which orjson does not write
            pass
    import json

    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def _url_problem(path: str, query: tuple[tuple[str, str], ...], error: Exception) -> str:
    """Which part of a request made its URL too long (or invalid), for a ValueError."""
    parts = [("the request path", path)] + [(f"query parameter {n!r}", v) for n, v in query]
    name, value = max(parts, key=lambda part: len(part[1]))
    return f"{name} is {len(value):,} characters long; the URL cannot be built ({error})"


def _transport_error(
    request: httpx.Request, cause: httpx.TransportError, attempts: int
) -> APIConnectionError:
    reason = connection_reason(cause)
    if isinstance(cause, httpx.TimeoutException):
        return APITimeoutError(request=request, reason=reason, attempts=attempts)
    return APIConnectionError(request=request, reason=reason, attempts=attempts)


def _where(request: httpx.Request) -> tuple[str, str]:
    return request.method, request.url.path


def _log(
    request: httpx.Request,
    outcome: int | str,
    started: float,
    attempt: int,
    response: httpx.Response | None = None,
) -> None:
    """One record per attempt, path only (no query, headers or body).

    At INFO: method, path, status or error, duration, retry number. At DEBUG (then logged
    as a DEBUG record): also the body size and the server's request id.
    """
    if not logger.isEnabledFor(logging.INFO):
        return
    message = "%s %s -> %s in %.1f ms (retry %d)"
    args: list[object] = [*_where(request), outcome, (time.monotonic() - started) * 1000, attempt]
    if logger.isEnabledFor(logging.DEBUG):
        if response is not None:
            message += ", %d bytes, request id %s"
            args += [
                len(response.content),
                printable(response.headers.get("x-request-id", "-"), 200),
            ]
        logger.debug(message, *args)
    else:
        logger.info(message, *args)
