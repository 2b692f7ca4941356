"""Types of the public signatures: NOT_GIVEN, timeouts and the options every method takes."""

from __future__ import annotations

import sys
from collections.abc import Mapping

import httpx

if sys.version_info >= (3, 11):
    from typing import TypedDict
else:  # as goodmem._generated.types does: one kind of TypedDict, so they can be combined
    from typing_extensions import TypedDict

__all__ = [
    "NOT_GIVEN",
    "ClientOptions",
    "Headers",
    "JSONObject",
    "NotGiven",
    "Query",
    "RequestOptions",
    "TimeoutValue",
]


class NotGiven:
    """The type of NOT_GIVEN: an argument the caller left out, where None means something.

    `timeout=None` means "no timeout"; leaving `timeout` out means "the client's timeout".
    """

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()
"""The default of arguments such as `with_options(timeout=...)`, where None is meaningful."""

TimeoutValue = float | httpx.Timeout | None
"""A timeout argument: seconds, an `httpx.Timeout`, or None for no timeout."""
Headers = Mapping[str, str]
"""HTTP headers by name (names are case-insensitive)."""
Query = Mapping[str, str | int | float | bool]
"""Query parameters by name."""
JSONObject = Mapping[str, object]
"""A JSON object: str keys, JSON values."""


class ClientOptions(TypedDict, total=False):
    """What `with_options()` changes on a copy of a client."""

    timeout: TimeoutValue
    """Each attempt's timeout: seconds, an httpx.Timeout, or None for none."""
    max_retries: int
    """How many times a failed call is retried."""
    max_response_bytes: int
    """The largest success body accepted, in bytes after decoding."""


class RequestOptions(TypedDict, total=False):
    """What every method of `client.llms` also takes, for that call only.

    All are checked before anything is sent.
    """

    extra_headers: Headers
    """Headers to send, replacing the client's (and the SDK's own) of the same name, whatever
    the case; for example a per-tenant `x-api-key`."""
    extra_query: Query
    """Query parameters to append (for parameters the SDK does not name yet)."""
    extra_body: JSONObject
    """JSON fields merged into the request body over the SDK's (for fields it does not name
    yet); sent as the body when the operation has none."""
    timeout: TimeoutValue
    """This call's bound on each attempt: seconds, an httpx.Timeout, or None for none."""
