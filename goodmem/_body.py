"""Reading answers: bodies decoded and capped as they arrive, then parsed, success or error.

`BodyReader` takes a response's raw body chunk by chunk: it undoes gzip/deflate itself in
bounded pieces (at most MAX_ENCODINGS stacked), keeps at most the cap (a success body) or
ERROR_BODY_PREFIX (an error body), and asks the attempt's deadline between chunks. `loads`
is the one JSON reader; `parse` turns a success body into a model, `status_error` an error
body into the typed exception (through the generated `ErrorResponse`).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from ._config import ACCEPT_ENCODING
from ._deadline import Deadline
from ._errors import (
    STATUS_ERRORS,
    APIResponseTooLargeError,
    APIResponseValidationError,
    APIStatusError,
    GoodmemError,
    InternalServerError,
    printable,
)

if TYPE_CHECKING:
    from ._generated.types import HTTPRequest  # noqa: F401

_orjson_loads: Callable[[bytes], Any] | None
try:  # a dependency on CPython: parses responses about twice as fast as json
    from orjson import loads as _orjson_loads
except ImportError:  # pragma: no cover - other interpreters
    _orjson_loads = None

__all__ = [
    "ERROR_BODY_PREFIX",
    "MAX_ENCODINGS",
    "BodyReader",
    "loads",
    "parse",
    "status_error",
]

T = TypeVar("T")

ERROR_BODY_PREFIX = 64 * 2**10
"""How much of an error body is read and kept: enough for any message, never the whole."""
MAX_ENCODINGS = 3
"""The most Content-Encodings one response may stack (`gzip, gzip` is two)."""

_PIECE = 64 * 2**10  # the most a decoder produces from one step
_SUPPORTED = frozenset({"gzip", "x-gzip", "deflate"})
_BODILESS = frozenset({204, 304})  # statuses whose answers never have a body (and 1xx)
_BOM = b"\xef\xbb\xbf"
_DIGITS = bytes(48 if 48 <= i <= 57 else 32 for i in range(256))  # digits stay, rest -> space
_LONG_INTEGER = b"0" * 20  # 20 digits in a row: maybe an integer past 64 bits (2**64 - 1)


class BodyReader:
    """Reads one response body from raw chunks: decodes it, caps it, watches the deadline.

    A success body may be at most `max_bytes` decoded; past that the outcome is
    APIResponseTooLargeError. Of an error body the first ERROR_BODY_PREFIX bytes are kept and
    the rest is never read. `feed()` never raises: it returns True when reading should stop.
    """

    __slots__ = (
        "_buffer",
        "_deadline",
        "_keep",
        "_problem",
        "_stages",
        "_stopped",
        "response",
        "wants_raw",
    )

    def __init__(self, response: httpx.Response, deadline: Deadline, max_bytes: int) -> None:
        self.response = response
        self._deadline = deadline
        deadline.start()  # for transports the deadline module does not watch: headers are in
        self._keep = max_bytes if response.is_success else ERROR_BODY_PREFIX
        self._buffer: bytearray | None = bytearray()
        self._problem: GoodmemError | httpx.TransportError | None = None
        self._stopped = False
        self.wants_raw = True
        """Whether the driver should feed the raw body (False: it is done or already read)."""
        self._stages: list[_Inflate] = []
        if response.is_stream_consumed:  # a transport that answered with a body in memory
            self._stopped = True  # (httpx decoded it already): only the cap to check
            self.wants_raw = False
            content = response.content
            if len(content) <= self._keep:
                self._buffer = None  # kept as it is: nothing to copy
            elif response.is_success:
                self._buffer = bytearray(content[:ERROR_BODY_PREFIX])
                self._problem = APIResponseTooLargeError(response, limit=self._keep)
            else:
                self._buffer = bytearray(content[: self._keep])
            return
        if response.status_code < 200 or response.status_code in _BODILESS:
            # No body, whatever the headers say (RFC 9110), so none is read. Closed unread, the
            # response leaves httpcore's HTTP/1.1 connection mid-message, and httpcore closes
            # it instead of pooling it: bytes a server sent after the head are never read as
            # the answer to a later request.
            self._stopped = True
            self.wants_raw = False
            return
        encodings = _encodings(response)
        if len(encodings) > MAX_ENCODINGS:
            self._fail(
                f"response body has {len(encodings)} Content-Encodings; at most "
                f"{MAX_ENCODINGS} are read"
            )
            return
        for encoding in reversed(encodings):
            if encoding not in _SUPPORTED:
                self._fail(
                    f"response body uses Content-Encoding {printable(encoding, 50)!r}, which "
                    f"the SDK did not ask for (it accepts {ACCEPT_ENCODING})"
                )
                return
            self._stages.append(_Inflate(encoding))

    def feed(self, raw: bytes) -> bool:
        """Take the next raw chunk; True when reading should stop (done, full or failed)."""
        if self._stopped:
            return True
        if self._deadline.passed():
            self._problem = self._deadline.exceeded(self.response.request, "the response body")
            self._stopped = True
            return True
        try:
            for piece in self._decoded(raw):
                if not self._add(piece):
                    break
        except zlib.error as exc:
            self._fail(f"response body is not valid {_names(self._stages)} ({exc})")
        return self._stopped

    def outcome(self) -> httpx.Response | httpx.TransportError | GoodmemError:
        """After the last chunk: the response, its body read, or what went wrong."""
        if not self._stopped:
            try:
                for piece in self._flushed():
                    if not self._add(piece):
                        break
            except zlib.error as exc:
                self._fail(f"response body is not valid {_names(self._stages)} ({exc})")
        if self._buffer is not None:  # None: the body was in memory already, within the cap
            # what httpx.Response.read() would store; the body is read only once, here
            self.response._content = bytes(self._buffer[: self._keep])
        return self._problem if self._problem is not None else self.response

    def _decoded(self, data: bytes) -> Iterable[bytes]:
        """`data` through every decoding stage, lazily: a chain, never a recursion."""
        pieces: Iterable[bytes] = (data,) if data else ()
        for stage in self._stages:
            pieces = stage.decode_all(pieces)
        return pieces

    def _flushed(self) -> Iterator[bytes]:
        """What the stages still hold at the end of the body, through the later stages."""
        for index, stage in enumerate(self._stages):
            pieces: Iterable[bytes] = stage.flush()
            for later in self._stages[index + 1 :]:
                pieces = later.decode_all(pieces)
            yield from pieces

    def _add(self, piece: bytes) -> bool:
        assert self._buffer is not None  # only a streamed body is added piece by piece
        room = self._keep - len(self._buffer)
        if len(piece) <= room:
            self._buffer += piece
            return True
        self._stopped = True
        if self.response.is_success:
            del self._buffer[ERROR_BODY_PREFIX:]  # the exception keeps only a prefix
            self._problem = APIResponseTooLargeError(self.response, limit=self._keep)
        else:
            self._buffer += piece[:room]
        return False

    def _fail(self, message: str) -> None:
        """A body that cannot be decoded: an error for a success; an error keeps what decoded."""
        self._stopped = True
        self.wants_raw = False
        if self.response.is_success:
            self._buffer = bytearray()
            self._problem = APIResponseValidationError(message, response=self.response)


def _encodings(response: httpx.Response) -> list[str]:
    values = response.headers.get_list("content-encoding", split_commas=True)
    return [v for v in (value.strip().lower() for value in values) if v and v != "identity"]


def _names(stages: list[_Inflate]) -> str:
    return "+".join(stage.encoding for stage in stages) or "identity"


class _Inflate:
    """A gzip or deflate decoder that never produces more than _PIECE bytes at once.

    gzip may hold several members one after the other (as `cat a.gz b.gz` makes); deflate may
    come zlib-wrapped (as RFC 9110 says) or raw (as some servers send): the first two bytes
    tell which.
    """

    __slots__ = ("_head", "_z", "encoding")

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._head = b""  # deflate: the bytes seen before the wrapping is known
        self._z: Any = None if encoding == "deflate" else zlib.decompressobj(zlib.MAX_WBITS | 16)

    def decode_all(self, pieces: Iterable[bytes]) -> Iterator[bytes]:
        for data in pieces:
            yield from self.decode(data)

    def decode(self, data: bytes) -> Iterator[bytes]:
        if self._z is None:  # deflate, wrapping not known yet
            data = self._head + data
            if len(data) < 2:
                self._head = data
                return
            cmf, flg = data[0], data[1]
            wrapped = cmf & 0x0F == 8 and (cmf << 8 | flg) % 31 == 0
            self._z = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        while data:
            if self._z.eof:
                if self.encoding == "deflate" or not data.strip(b"\x00"):
                    return  # bytes after the end of the stream (or padding): ignored
                self._z = zlib.decompressobj(zlib.MAX_WBITS | 16)  # the next gzip member
            out = self._z.decompress(data, _PIECE)
            data = self._z.unconsumed_tail or (self._z.unused_data if self._z.eof else b"")
            if out:
                yield out

    def flush(self) -> Iterator[bytes]:
        if self._z is None:  # deflate that never got two bytes
            if self._head:
                raise zlib.error("incomplete deflate stream")
            return
        while not self._z.eof:  # output held back by the piece limit; stops when dry
            out = self._z.decompress(b"", _PIECE)
            if not out:
                break
            yield out


# --- JSON -----------------------------------------------------------------------------------


def loads(content: bytes) -> Any:
    """Parse a JSON body (UTF-8, an optional BOM); ValueError if it is not strict JSON.

    Read the same at every size: integers stay exact however long, and NaN, Infinity and
    numbers too large for a float are refused. orjson (where installed) does the work, unless
    the body holds an integer past 64 bits, which it would round.
    """
    if content[:3] == _BOM:
        content = content[3:]
    if _orjson_loads is not None and _LONG_INTEGER not in content.translate(_DIGITS):
        return _orjson_loads(content)
    return json.loads(content, parse_constant=_refuse_constant, parse_float=_finite_float)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"number {text[:30]} is too large")
    return value


def parse(response: httpx.Response, model: Any, name: str) -> Any:
    """A success response's body as `model` (a generated class); APIResponseValidationError if
    it cannot be read as one, naming the field when it can."""
    if len(response.content) < _PAUSE_GC_FROM:
        return _parse(response, model, name)
    with _gc_paused():
        return _parse(response, model, name)


_PAUSE_GC_FROM = 64 * 2**10


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Hold back the cyclic garbage collector while a large answer is parsed.

    Parsing a list of 1,000 LLMs makes some 30,000 objects, every one of them still in use;
    the collections those allocations trigger find nothing to free and cost about a quarter
    of the parse (measured: 10.5 ms with, 7.9 ms without). Reference counting still frees
    memory meanwhile; the collector is switched back on afterwards if it was on before.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _parse(response: httpx.Response, model: Any, name: str) -> Any:
    try:
        data = loads(response.content)
    except ValueError as exc:
        raise APIResponseValidationError(
            f"{name}: response body is not JSON ({printable(str(exc), 200)})", response=response
        ) from None
    except RecursionError:  # the stdlib parser, on a body nested very deeply
        raise APIResponseValidationError(
            f"{name}: response body is nested too deeply to parse", response=response
        ) from None
    if not isinstance(data, dict):
        raise APIResponseValidationError(
            f"{name}: expected a JSON object, got {type(data).__name__}", response=response
        )
    try:
        return model.from_dict(data)
    except KeyError as exc:
        field = str(exc.args[0])
        raise APIResponseValidationError(
            f"{name}: required field {printable(field, 200)!r} is missing",
            response=response,
            field=field,
        ) from None
    except (TypeError, ValueError, AttributeError, RecursionError) as exc:
        # the generated parsers say "<jsonField>: expected <type>, got <type>"
        text = printable(str(exc), 300)
        bad = text.split(":", 1)[0] if ": expected " in text else None
        raise APIResponseValidationError(
            f"{name}: response does not match the schema ({text})", response=response, field=bad
        ) from None


def parser(model: Any, unwrap: Callable[[Any], T] | None = None) -> Callable[[httpx.Response], T]:
    """How to read a success response into `model`, then `unwrap` the result (if given)."""
    name = model.__name__
    if unwrap is None:
        return functools.partial(parse, model=model, name=name)
    return lambda response: unwrap(parse(response, model, name))


# --- errors ---------------------------------------------------------------------------------


def status_error(response: httpx.Response, attempts: int = 1) -> APIStatusError:
    """The typed exception for an error response, its body read as an `ErrorResponse`.

    Whatever the body is (JSON in the spec's shape or another, text, bytes in an odd
    charset, nothing), the result is the status's exception with a short message.
    """
    cls = STATUS_ERRORS.get(response.status_code)
    if cls is None:
        cls = InternalServerError if response.status_code >= 500 else APIStatusError
    body, code, message = _error_details(response)
    return cls(response, body=body, code=code, message=message, attempts=attempts)


def _error_details(response: httpx.Response) -> tuple[Any, str | None, str | None]:
    """(body, code, message) of an error response, whatever its content type says."""
    raw = response.content
    if not raw:
        return None, None, None
    try:
        body: Any = loads(raw)
    except (ValueError, RecursionError):  # not JSON, or nested too deeply to parse
        text = _text(response)
        flat = " ".join(text.split())
        return text, None, flat or None
    details = body.get("error", body) if isinstance(body, dict) else None
    if not isinstance(details, dict):
        return body, None, " ".join(_text(response).split()) or None
    from ._generated.models import ErrorResponse  # on the first error: import goodmem stays light

    try:
        parsed = ErrorResponse.from_dict(details)
        code, message = parsed.code, parsed.message
    except (TypeError, KeyError):  # a code or message that is not a string: shown as text
        raw_code, raw_message = details.get("code"), details.get("message")
        code = None if raw_code is None else str(raw_code)
        message = None if raw_message is None else str(raw_message)
    return body, code, message


def _text(response: httpx.Response) -> str:
    """The body as text: in the charset it names when that is a text codec, else UTF-8."""
    raw = response.content
    charset = response.charset_encoding
    if charset:
        try:
            return raw.decode(charset, errors="replace")
        except (LookupError, UnicodeError, ValueError, TypeError):
            pass  # unknown, or not a text codec (hex, rot13, zlib_codec, ...)
    return raw.decode("utf-8", errors="replace")
