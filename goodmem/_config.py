"""Configuration: the client's settings, one call's options, and the checks on both.

Everything a caller configures is checked here, once, before anything is sent: a bad value
raises TypeError or ValueError naming the argument and what would be valid, and never echoes a
secret (an API key, a password in a URL, a header value).
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
from collections.abc import Mapping
from typing import Any

import httpx

from ._errors import GoodmemError
from ._suggest import did_you_mean
from ._types import NOT_GIVEN, NotGiven, TimeoutValue
from ._version import __version__

__all__ = [
    "ACCEPT_ENCODING",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "MAX_TIMEOUT",
    "NO_OPTIONS",
    "OPTION_NAMES",
    "CallOptions",
    "Settings",
    "attempt_budget",
    "call_options",
    "check_headers",
    "check_json",
    "query_value",
    "unexpected_keyword",
]

DEFAULT_BASE_URL = "http://localhost:8080"
"""The server a client talks to when neither `base_url` nor $GOODMEM_BASE_URL is set."""
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""A client's timeout unless given: 30 s per attempt, of which 5 s to connect."""
DEFAULT_MAX_RETRIES = 2
"""How many times a client retries a failed call unless `max_retries` is given."""
DEFAULT_MAX_RESPONSE_BYTES = 4 * 2**20
"""The default cap on a success body, decoded: 4 MiB, about 3,000 LLMs in one list.

A listed LLM takes 0.8 KB (typical) to 1.4 KB (every field set) of JSON. The cap bounds the
memory one answer can cost: the densest JSON within it (small objects nested in
`clientConfig`, at most 51 bytes of Python objects per byte, on CPython 3.10) parses into
at most about 210 MiB. Raise `max_response_bytes` for longer lists.
"""
MAX_TIMEOUT = 1_000_000.0
"""The largest timeout accepted, in seconds (11.6 days); None means no timeout at all."""
ACCEPT_ENCODING = "gzip, deflate"
"""The encodings the SDK asks for and decodes itself, with bounded output (`_body`)."""

_API_KEY = re.compile(r"[\x21-\x7e]+")  # printable ASCII, no space
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_HEADER_VALUE = re.compile(r"(?:[\x21-\x7e](?:[\x20\x09]*[\x21-\x7e])*)?")


@dataclasses.dataclass(frozen=True)
class Settings:
    """A client's configuration, checked. `headers` is what every request carries."""

    base_url: str
    api_key: str = dataclasses.field(repr=False)
    timeout: TimeoutValue | NotGiven
    max_retries: int
    max_response_bytes: int
    default_headers: dict[str, str] = dataclasses.field(repr=False)
    headers: dict[str, str] = dataclasses.field(repr=False)

    @classmethod
    def create(
        cls,
        *,
        base_url: str | None,
        api_key: str | None,
        timeout: TimeoutValue | NotGiven,
        max_retries: int,
        max_response_bytes: int,
        default_headers: Mapping[str, str] | None,
        own_http_client: bool,
    ) -> Settings:
        """Settings from a client's constructor arguments and the environment.

        Without an http client of its own the timeout defaults to DEFAULT_TIMEOUT; with the
        caller's, NOT_GIVEN stands for that client's own timeout.
        """
        if base_url is None:
            env_url = os.environ.get("GOODMEM_BASE_URL")
            url = _checked_base_url(env_url, "$GOODMEM_BASE_URL") if env_url else DEFAULT_BASE_URL
        else:
            url = _checked_base_url(base_url, "base_url")
        if api_key is None:
            api_key = os.environ.get("GOODMEM_API_KEY")
            if not api_key:
                raise GoodmemError(
                    "No API key: pass api_key=... or set the GOODMEM_API_KEY environment variable"
                )
            _check_api_key(api_key, "$GOODMEM_API_KEY")
        else:
            _check_api_key(api_key, "api_key")
        if isinstance(timeout, NotGiven) and own_http_client:
            timeout = DEFAULT_TIMEOUT
        return cls._make(url, api_key, timeout, max_retries, max_response_bytes, default_headers)

    def replace(
        self,
        *,
        timeout: TimeoutValue | NotGiven,
        max_retries: int | NotGiven,
        max_response_bytes: int | NotGiven,
    ) -> Settings:
        """These settings with the given values changed (NOT_GIVEN keeps the current one)."""
        return self._make(
            self.base_url,
            self.api_key,
            self.timeout if isinstance(timeout, NotGiven) else timeout,
            self.max_retries if isinstance(max_retries, NotGiven) else max_retries,
            (
                self.max_response_bytes
                if isinstance(max_response_bytes, NotGiven)
                else max_response_bytes
            ),
            self.default_headers,
        )

    @classmethod
    def _make(
        cls,
        base_url: str,
        api_key: str,
        timeout: object,
        max_retries: object,
        max_response_bytes: object,
        default_headers: object,
    ) -> Settings:
        _check_timeout(timeout, "timeout", not_given=True)
        _check_count("max_retries", max_retries, 0)
        _check_count("max_response_bytes", max_response_bytes, 1)
        extra = check_headers("default_headers", default_headers or {})
        headers = {
            "x-api-key": api_key,
            "accept": "application/json",
            "accept-encoding": ACCEPT_ENCODING,
            "user-agent": f"goodmem-python/{__version__}",
            **extra,
        }
        return cls(
            base_url=base_url,
            api_key=api_key,
            timeout=timeout,  # type: ignore[arg-type]  # checked above
            max_retries=max_retries,  # type: ignore[arg-type]
            max_response_bytes=max_response_bytes,  # type: ignore[arg-type]
            default_headers=extra,
            headers=headers,
        )


@dataclasses.dataclass(frozen=True, slots=True)
class CallOptions:
    """One call's `extra_headers`, `extra_query`, `extra_body` and `timeout`, checked.

    `headers` has lower-case names; they replace the client's headers of the same name.
    """

    headers: dict[str, str] | None = None
    query: list[tuple[str, str]] | None = None
    body: Mapping[str, object] | None = None
    timeout: TimeoutValue | NotGiven = NOT_GIVEN


NO_OPTIONS = CallOptions()
"""The options of a call that gave none."""
OPTION_NAMES = frozenset({"extra_headers", "extra_query", "extra_body", "timeout"})
"""The keywords of RequestOptions, which every method takes."""


def call_options(params: dict[str, Any]) -> CallOptions:
    """Take the RequestOptions keywords out of a call's `params` and check them."""
    if not params.keys() & OPTION_NAMES:
        return NO_OPTIONS
    headers = params.pop("extra_headers", None)
    query = params.pop("extra_query", None)
    body = params.pop("extra_body", None)
    timeout = params.pop("timeout", NOT_GIVEN)
    _check_timeout(timeout, "timeout", not_given=True)
    if body is not None:
        check_json(body, "extra_body", top=True)
    return CallOptions(
        headers=None if headers is None else check_headers("extra_headers", headers),
        query=None if query is None else _checked_query(query),
        body=body,
        timeout=timeout,
    )


def attempt_budget(timeout: TimeoutValue) -> float | None:
    """Seconds one attempt may take once it has a connection (`_deadline`), or None.

    The largest of the timeout's connect, read and write parts that is set: 30 s for
    `httpx.Timeout(30, connect=5)`, 2 s for `httpx.Timeout(2, pool=None)`. The pool part
    bounds only the wait for a free connection; None only when all three are None.
    """
    if isinstance(timeout, httpx.Timeout):
        parts = [p for p in (timeout.connect, timeout.read, timeout.write) if p is not None]
        return max(parts) if parts else None
    return None if timeout is None else float(timeout)


def query_value(value: object) -> str:
    """A query parameter value as sent: bools as true/false, the rest as str."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- checks --------------------------------------------------------------------------------


def _check_api_key(api_key: object, where: str) -> None:
    """The key must fit an HTTP header as is; errors describe it, never show it."""
    if not isinstance(api_key, str):
        raise TypeError(f"{where}: expected str, got {type(api_key).__name__}")
    if _API_KEY.fullmatch(api_key):
        return
    if not api_key:
        raise ValueError(f"{where}: must not be empty")
    at = next(i for i, c in enumerate(api_key) if not _API_KEY.fullmatch(c))
    char = api_key[at]
    if char in "\r\n" and not api_key[at:].strip():
        problem = "ends with a line break (strip the key read from a file)"
    elif char.isspace():
        problem = f"contains whitespace at position {at}"
    elif not char.isascii():
        problem = f"contains a non-ASCII character at position {at}"
    else:
        problem = f"contains a control character at position {at}"
    raise ValueError(f"{where}: {problem}; an API key is printable ASCII without spaces")


def _check_count(name: str, value: object, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name}: must be an int >= {minimum}, got {value!r}")


def _check_timeout(value: object, name: str, *, not_given: bool = False) -> None:
    """A timeout is None, seconds (finite, 0 to MAX_TIMEOUT) or an httpx.Timeout of those."""
    if value is None or (not_given and isinstance(value, NotGiven)):
        return
    if isinstance(value, httpx.Timeout):
        for part, seconds in value.as_dict().items():
            if seconds is not None:
                _check_seconds(seconds, f"{name}.{part}")
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(
            f"{name}: expected seconds, an httpx.Timeout or None, got {type(value).__name__}"
        )
    _check_seconds(value, name)


def _check_seconds(value: object, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name}: expected seconds, got {type(value).__name__}")
    if not (math.isfinite(value) and 0 <= value <= MAX_TIMEOUT):
        raise ValueError(
            f"{name}: expected 0 to {MAX_TIMEOUT:,.0f} seconds, got {value!r}; "
            "None means no timeout"
        )


def check_headers(where: str, headers: object) -> dict[str, str]:
    """`headers` as a dict with lower-case names; each must be a valid HTTP header.

    Errors name the header and never show its value.
    """
    if not isinstance(headers, Mapping):
        raise TypeError(f"{where}: expected a dict, got {type(headers).__name__}")
    checked: dict[str, str] = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not _HEADER_NAME.fullmatch(name):
            raise ValueError(f"{where}: {name!r} is not a valid header name")
        if not isinstance(value, str):
            raise TypeError(f"{where}[{name!r}]: expected str, got {type(value).__name__}")
        if not _HEADER_VALUE.fullmatch(value) or not value.isascii():
            raise ValueError(
                f"{where}[{name!r}]: a header value must be printable ASCII, without line "
                "breaks or surrounding spaces"
            )
        checked[name.lower()] = value
    return checked


def _checked_query(query: object) -> list[tuple[str, str]]:
    if not isinstance(query, Mapping):
        raise TypeError(f"extra_query: expected a dict, got {type(query).__name__}")
    pairs = []
    for name, value in query.items():
        if not isinstance(name, str):
            raise TypeError(f"extra_query: keys must be str, got {type(name).__name__}")
        if not isinstance(value, (str, int, float, bool)):
            raise TypeError(
                f"extra_query[{name!r}]: expected str, int, float or bool, "
                f"got {type(value).__name__}"
            )
        pairs.append((name, query_value(value)))
    return pairs


def check_json(value: object, path: str, *, top: bool = False) -> None:
    """Raise unless `value` is JSON data (a JSON object when `top`): str keys, finite numbers.

    TypeError names the first value of the wrong type, ValueError a non-finite number.
    """
    if top and not isinstance(value, Mapping):
        raise TypeError(f"{path}: expected a dict, got {type(value).__name__}")
    if value is None or isinstance(value, (str, bool, int)):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{path}: must be a finite number, got {value!r}")
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{path}: keys must be str, got {type(key).__name__}")
            check_json(item, f"{path}[{key!r}]")
        return
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            check_json(item, f"{path}[{i}]")
        return
    raise TypeError(f"{path}: {type(value).__name__} is not JSON data")


def unexpected_keyword(method: str, name: str, valid: list[str]) -> TypeError:
    """The TypeError for a keyword `method()` does not take, with a did-you-mean."""
    return TypeError(
        f"{method}() got an unexpected keyword argument {name!r}{did_you_mean(name, valid)}"
    )


def _checked_base_url(base_url: object, where: str) -> str:
    """`base_url` without a trailing slash, or ValueError; no message repeats a password.

    `where` names the source in messages (`base_url` or `$GOODMEM_BASE_URL`).
    """
    if not isinstance(base_url, str):
        raise TypeError(f"{where}: expected str, got {type(base_url).__name__}")
    example = "such as 'http://localhost:8080'"
    if "@" in base_url:
        # A user name or password, however spelt (a password may hold '/', '?' or '#', so
        # parsers disagree where it ends): refuse any '@' and show only what follows the last.
        host = re.split(r"[/?#]", base_url.rsplit("@", 1)[1], maxsplit=1)[0]
        raise ValueError(
            f"{where}: must not contain a user name or password (got one before {host!r}); "
            "the API key authenticates (api_key=...)"
        )
    try:
        url = httpx.URL(base_url)
    except httpx.InvalidURL:
        raise ValueError(f"{where}: not a valid URL: {base_url!r}") from None
    if url.scheme not in ("http", "https") or not url.host:
        hint = "" if "://" in base_url else f" (did you mean 'http://{base_url}'?)"
        raise ValueError(f"{where}: expected an http(s) URL {example}, got {base_url!r}{hint}")
    if "?" in base_url or "#" in base_url:
        raise ValueError(
            f"{where}: must not have a query or fragment, got {base_url!r}; "
            "the SDK appends paths and its own query"
        )
    return base_url.rstrip("/")
