"""The drivers of Goodmem and AsyncGoodmem: they do the I/O that `_exchange` asks for.

`BaseClient` holds what both share: the checked settings (`_config.Settings`), the pool (the
httpx client, which a client shares with its `with_options()` copies), and the rules for when
it can be used: never after `close()`, an inherited one never in a forked child, and (async)
an SDK-built one only in the event loop it connected in; the SDK builds a new one for a new
process or loop. `SyncAPIClient` runs an exchange with blocking calls, `AsyncAPIClient` with
`await` (asyncio or trio, through httpx and anyio). An attempt is: wait for a free slot
(SDK-built clients send at most `_http.POOL_SIZE` requests at once), send the request, pump
the raw body into the attempt's `BodyReader`, close the response.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

import httpx

from . import _deadline
from ._body import BodyReader
from ._config import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRIES, Settings
from ._errors import ClientStateError
from ._exchange import Attempt, Done, Operation, Outcome, Step, exchange
from ._http import POOL_SIZE, new_http_client
from ._response import APIResponse
from ._suggest import did_you_mean
from ._types import NOT_GIVEN, ClientOptions, NotGiven, TimeoutValue

if TYPE_CHECKING:
    from collections.abc import Coroutine, Generator

    from typing_extensions import Self, Unpack

__all__ = ["AsyncAPIClient", "BaseClient", "SyncAPIClient"]

T = TypeVar("T")
HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)

_sleep = time.sleep  # module-level so tests can replace them


async def _async_sleep(seconds: float) -> None:
    import anyio  # asyncio or trio, whichever runs the call

    await anyio.sleep(seconds)


class _Pool(Generic[HttpT]):
    """The httpx client that a client and its with_options() copies share, and its state.

    `owned`: built by the SDK, which may replace it (in a forked child, in a new event loop);
    else the caller's, used as given. `pid`: the process it belongs to. `loop`: the event
    loop (or trio run) of the last async call. `gate`: the limit on concurrent requests of
    an SDK-built pool (None for the caller's).
    """

    __slots__ = ("gate", "http", "loop", "owned", "pid")

    def __init__(self, http: HttpT, *, owned: bool, gate: Any) -> None:
        self.http: HttpT = http
        self.owned = owned
        self.gate = gate
        self.pid = os.getpid()
        self.loop: object = None


class BaseClient(Generic[HttpT]):
    """Configuration and state shared by Goodmem and AsyncGoodmem (see Goodmem)."""

    _http_type: ClassVar[type[httpx.Client] | type[httpx.AsyncClient]]

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: TimeoutValue | NotGiven = NOT_GIVEN,
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
        settings = Settings.create(
            base_url=base_url,
            api_key=api_key,
            timeout=timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
            default_headers=default_headers,
            own_http_client=http_client is None,
        )
        self._settings = settings
        if http_client is None:
            pool = _Pool(self._new_http(), owned=True, gate=self._new_gate())
        else:
            _deadline.enforce_on(http_client)  # a caller's pool too: only the SDK's requests change
            pool = _Pool(http_client, owned=False, gate=None)
        self._setup(settings, pool, owner=None)

    def _setup(self, settings: Settings, pool: _Pool[HttpT], owner: BaseClient[Any] | None) -> None:
        self._settings = settings
        self._pool: _Pool[HttpT] = pool
        self._owner = owner  # the client this one was copied from by with_options()
        self._closed = False

    def _new_http(self) -> HttpT:
        client: HttpT = new_http_client(self._http_type, self._settings.base_url)
        return client

    def _new_gate(self) -> Any:
        """A new limit on concurrent requests, for a pool the SDK built."""
        raise NotImplementedError

    @property
    def _http(self) -> HttpT:
        """The httpx client this client sends through (shared with its with_options copies)."""
        return self._pool.http

    @_http.setter
    def _http(self, http: HttpT) -> None:
        self._pool.http = http

    @property
    def base_url(self) -> str:
        """The server's base URL, without a trailing slash."""
        return self._settings.base_url

    @property
    def api_key(self) -> str:
        """The API key sent as `x-api-key` (kept out of repr)."""
        return self._settings.api_key

    @property
    def timeout(self) -> TimeoutValue | NotGiven:
        """Each attempt's timeout (NOT_GIVEN: the caller-supplied http_client's own)."""
        return self._settings.timeout

    @property
    def max_retries(self) -> int:
        """How often a failed call is retried (see the README's Reliability section)."""
        return self._settings.max_retries

    @property
    def max_response_bytes(self) -> int:
        """The largest success body accepted, in bytes after decoding."""
        return self._settings.max_response_bytes

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def with_options(self, **options: Unpack[ClientOptions]) -> Self:
        """A copy with another `timeout`, `max_retries` or `max_response_bytes`, sharing the
        connection pool. Closing the copy leaves this client working; closing this client
        ends the copy too.
        """
        valid = list(ClientOptions.__annotations__)
        for name in options:
            if name not in valid:
                raise TypeError(
                    f"with_options() got an unexpected keyword argument {name!r}"
                    f"{did_you_mean(name, valid)}; it takes {', '.join(valid)}"
                )
        settings = self._settings.replace(
            timeout=options.get("timeout", NOT_GIVEN),
            max_retries=options.get("max_retries", NOT_GIVEN),
            max_response_bytes=options.get("max_response_bytes", NOT_GIVEN),
        )
        copy = object.__new__(type(self))
        copy._setup(settings, self._pool, owner=self)
        return copy

    def _closes_pool(self) -> bool:
        """Whether close() closes the pool: only the client that built it does."""
        return self._owner is None and self._pool.owned

    def _check_usable(self) -> None:
        """Raise ClientStateError if this client cannot send; after a fork, reconnect."""
        pool = self._pool
        if self._closed or self._owner is not None or pool.pid != os.getpid():
            self._check_state()  # the rarer cases, off the path of every call
        if pool.http.is_closed:
            raise ClientStateError(
                f"this {type(self).__name__} cannot send: its http_client was closed. "
                "Create a new client, or close it only when done with it"
            )

    def _check_state(self) -> None:
        """`_check_usable` for a closed client, a with_options() copy, or a forked child."""
        closed = self._closed_by()
        if closed is not None:
            raise ClientStateError(
                f"this {type(self).__name__} cannot send: {closed}. Create a new client, or "
                "close it only when done with it (and its with_options() copies)"
            )
        pool = self._pool
        if pool.pid != os.getpid():
            if not pool.owned:
                raise ClientStateError(
                    f"this {type(self).__name__}'s http_client was created in another "
                    "process (before os.fork()); its connections are shared with that "
                    "process. Create the http_client and the client after forking"
                )
            # The inherited pool's sockets are the parent's too: never use or close them.
            pool.http = self._new_http()
            pool.gate = self._new_gate()
            pool.pid = os.getpid()
            pool.loop = None

    def _closed_by(self) -> str | None:
        """Why this client may not send: it or a client it was copied from was closed."""
        client: BaseClient[Any] | None = self
        while client is not None:
            if client._closed:
                return (
                    "the client was closed"
                    if client is self
                    else "the client it was copied from was closed"
                )
            client = client._owner
        return None


def _advance(steps: Generator[Step, Outcome, Done[T]], outcome: Outcome) -> Step | Done[T]:
    """Feed `outcome` to the exchange; its next step, or Done with the result."""
    try:
        return steps.send(outcome)
    except StopIteration as done:
        result: Done[T] = done.value
        return result


class SyncAPIClient(BaseClient[httpx.Client]):
    """The blocking driver; see Goodmem."""

    _http_type = httpx.Client

    def _new_gate(self) -> threading.BoundedSemaphore:
        return threading.BoundedSemaphore(POOL_SIZE)

    def _send(self, operation: Operation[T]) -> T:
        done = self._run(operation)
        return done.parse(done.response)

    def _send_raw(self, operation: Operation[T]) -> APIResponse[T]:
        done = self._run(operation)
        return APIResponse(done.response, done.parse, done.attempts)

    def _run(self, operation: Operation[T]) -> Done[T]:
        self._check_usable()
        steps = exchange(self._settings, self._pool.http, operation)
        step = _advance(steps, None)
        while not isinstance(step, Done):
            if isinstance(step, float):
                _sleep(step)
                step = _advance(steps, None)
            else:
                step = _advance(steps, self._attempt(step))
        return step

    def _attempt(self, attempt: Attempt) -> Outcome:
        gate = self._pool.gate
        if gate is not None:
            gate.acquire()
        token = _deadline.CURRENT.set(attempt.deadline)
        try:
            response = self._pool.http.send(attempt.request, stream=True, follow_redirects=False)
            try:
                reader = BodyReader(response, attempt.deadline, attempt.max_bytes)
                if reader.wants_raw:
                    any(map(reader.feed, response.iter_raw()))  # until feed() says stop
            finally:
                response.close()
            return reader.outcome()
        except httpx.TransportError as exc:
            return exc
        finally:
            _deadline.CURRENT.reset(token)
            if gate is not None:
                gate.release()

    def close(self) -> None:
        """Close the client, and the connection pool it built (a caller-supplied httpx
        client is left open; a with_options() copy leaves the pool to its original).

        Calls made afterwards, here or on its with_options() copies, raise ClientStateError.
        """
        self._closed = True
        if self._closes_pool():
            self._pool.http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncAPIClient(BaseClient[httpx.AsyncClient]):
    """The awaiting driver (asyncio or trio); see AsyncGoodmem."""

    _http_type = httpx.AsyncClient

    def _new_gate(self) -> Any:
        return _async_gate()

    def _check_loop(self) -> None:
        """A pool built by the SDK follows the caller into a new event loop (or trio run).

        Its pooled connections belong to the loop that opened them (closed, after an
        `asyncio.run()` returns); a new pool serves the new loop, and the old one is left
        to the garbage collector (its loop cannot close it any more). A caller's pool is
        used as given: a connection it keeps from another loop fails the call with
        ClientStateError.
        """
        pool = self._pool
        loop = _event_loop()
        if loop is pool.loop:
            return
        if pool.loop is not None and pool.owned:
            pool.http = self._new_http()
            pool.gate = _async_gate()
        pool.loop = loop

    async def _send(self, operation: Operation[T]) -> T:
        done = await self._run(operation)
        return done.parse(done.response)

    async def _send_raw(self, operation: Operation[T]) -> APIResponse[T]:
        done = await self._run(operation)
        return APIResponse(done.response, done.parse, done.attempts)

    async def _run(self, operation: Operation[T]) -> Done[T]:
        self._check_usable()
        self._check_loop()
        steps = exchange(self._settings, self._pool.http, operation)
        step = _advance(steps, None)
        while not isinstance(step, Done):
            if isinstance(step, float):
                await _async_sleep(step)
                step = _advance(steps, None)
            else:
                step = _advance(steps, await self._attempt(step))
        return step

    async def _attempt(self, attempt: Attempt) -> Outcome:
        """One attempt; a caller's cancellation always propagates, never becomes its outcome.

        The deadline may cancel work inside the attempt (httpcore's socket timeouts are
        anyio or trio cancel scopes) at the very moment the caller cancels the call. On
        Python 3.10 asyncio folds two cancellations that land in one loop iteration into
        one, which the scope then takes for its own: there the attempt runs in a task of its
        own, which the caller's cancellation cannot reach. And an attempt that failed passes
        a checkpoint before it returns, where a cancellation still pending is raised (under
        trio, one that expired with the deadline; under asyncio, one that arrived after the
        attempt's last await).
        """
        if _FOLDED_CANCELLATIONS and _library() == "asyncio":
            outcome = await _in_own_task(self._exchange_bytes(attempt))
        else:
            outcome = await self._exchange_bytes(attempt)
        if not isinstance(outcome, httpx.Response):
            import anyio

            await anyio.lowlevel.checkpoint()
        return outcome

    async def _exchange_bytes(self, attempt: Attempt) -> Outcome:
        gate = self._pool.gate
        if gate is not None:
            await gate.acquire()
        token = _deadline.CURRENT.set(attempt.deadline)
        try:
            response = await self._pool.http.send(
                attempt.request, stream=True, follow_redirects=False
            )
            try:
                reader = BodyReader(response, attempt.deadline, attempt.max_bytes)
                if reader.wants_raw:
                    async for chunk in response.aiter_raw():
                        if reader.feed(chunk):
                            break
            finally:
                await response.aclose()
            return reader.outcome()
        except httpx.TransportError as exc:
            return exc
        except RuntimeError as exc:
            if self._pool.owned:
                raise
            raise ClientStateError(
                f"the http_client of this AsyncGoodmem failed ({exc}); an httpx.AsyncClient "
                "cannot be used after it is closed or from another event loop than the one "
                "it connected in: create it (and the AsyncGoodmem) in the loop that uses it"
            ) from exc
        finally:
            _deadline.CURRENT.reset(token)
            if gate is not None:
                gate.release()

    async def aclose(self) -> None:
        """Close the client, and the connection pool it built (a caller-supplied httpx
        client is left open; a with_options() copy leaves the pool to its original).

        Calls made afterwards, here or on its with_options() copies, raise ClientStateError.
        """
        self._closed = True
        if self._closes_pool():
            pool = self._pool
            if pool.loop is None or pool.loop is _event_loop():
                await pool.http.aclose()
            # else its connections belong to an event loop that is gone, and only that
            # loop could close them: as in _check_loop, the garbage collector does

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


def _async_gate() -> Any:
    """At most POOL_SIZE requests in flight: more would queue in httpcore's pool, whose
    queue costs O(waiting x connections) per change (1,000 gathered calls took 25 s)."""
    import anyio

    return anyio.Semaphore(POOL_SIZE, fast_acquire=True)


_FOLDED_CANCELLATIONS = sys.version_info < (3, 11)
"""Whether asyncio folds cancellations landing in one loop iteration into one (no
`Task.cancelling()` to tell them apart)."""


def _library() -> str:
    """The async library running the call: "asyncio" or "trio"."""
    import sniffio

    return sniffio.current_async_library()


async def _in_own_task(attempt: Coroutine[Any, Any, Outcome]) -> Outcome:
    """Await `attempt` in a new asyncio task (Python 3.10: see AsyncAPIClient._attempt).

    The caller's task waits for it without awaiting it directly, so a cancellation of the
    caller reaches only the caller: the attempt is then cancelled, waited for (it releases
    its connection) and the cancellation re-raised.
    """
    import asyncio

    task = asyncio.ensure_future(attempt)  # in a copy of the caller's context
    try:
        await asyncio.wait((task,))
    except asyncio.CancelledError:
        task.cancel()
        try:
            await asyncio.wait((task,))
        finally:
            if task.done() and not task.cancelled():
                task.exception()  # retrieved: no "never retrieved" warning
        raise
    return task.result()


def _event_loop() -> object:
    """The running event loop (asyncio) or trio run, as an object to compare by identity."""
    library = _library()
    if library == "asyncio":
        import asyncio

        return asyncio.get_running_loop()
    if library == "trio":
        trio: Any = sys.modules["trio"]  # imported: it runs this call
        return trio.lowlevel.current_trio_token()
    return library  # pragma: no cover - another library
