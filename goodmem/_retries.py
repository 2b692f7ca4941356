"""The retry policy, as pure functions: what is retried, how long to wait, what may have happened.

Connection errors and timeouts are retried, as are 408, 429, 500, 502, 503 and 504 answers;
a request that could not be sent as built, and a TLS certificate that failed verification,
are not (sending them again gives the same result). Waits double from 0.5 s up to 8 s with
jitter, unless the answer's Retry-After asks for 0 to 60 s.
"""

from __future__ import annotations

import random
import re
import ssl
import time
from collections.abc import Mapping

import httpx

from ._errors import APIConnectionError, APIError, APIStatusError, InternalServerError

__all__ = ["RETRY_STATUSES", "backoff", "outcome_unknown", "retry_after", "should_retry"]

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
"""The statuses a call is retried on."""
_INITIAL_BACKOFF = 0.5
_MAX_BACKOFF = 8.0
_MAX_RETRY_AFTER = 60.0
# transport errors raised before the request left: retrying is safe, and nothing happened
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# errors in what we would send: retrying sends the same thing again
_LOCAL = (httpx.LocalProtocolError, httpx.UnsupportedProtocol)
_SECONDS = re.compile(r"[0-9]{1,10}(?:\.[0-9]{1,6})?")  # RFC 9110 delay-seconds, and decimals


def should_retry(error: APIError, cause: httpx.TransportError | None) -> bool:
    """Whether a call that failed with `error` (from transport error `cause`) is retried."""
    if isinstance(error, APIStatusError):
        return error.status_code in RETRY_STATUSES
    if not isinstance(error, APIConnectionError) or isinstance(cause, _LOCAL):
        return False
    return not _certificate_rejected(cause)


def outcome_unknown(error: APIError, cause: httpx.TransportError | None) -> bool:
    """Whether the failed attempt may have taken effect: a 5xx, or a connection lost mid-way."""
    if isinstance(error, InternalServerError):
        return True
    return cause is not None and not isinstance(cause, (*_NOT_SENT, *_LOCAL))


def backoff(attempt: int, response: httpx.Response | None) -> float:
    """Seconds to wait before retry number `attempt + 1`.

    What Retry-After (or retry-after-ms) asks when that is between 0 and 60 s; otherwise,
    as for answers without it, 0.5 s doubling per retry up to 8 s, with jitter.
    """
    if response is not None:
        asked = retry_after(response.headers)
        if asked is not None:
            return asked
    ceiling: float = min(_MAX_BACKOFF, _INITIAL_BACKOFF * 2.0**attempt)
    return ceiling * (0.5 + random.random() / 2)


def retry_after(headers: Mapping[str, str]) -> float | None:
    """The wait an answer asks for, if it is a usable one (0 to 60 s); else None.

    `retry-after-ms` (milliseconds) wins over `Retry-After`, which is seconds (digits, as
    RFC 9110 says; a decimal fraction is accepted) or an HTTP date. Anything else, `1_0` or
    `10s` included, is ignored.
    """
    seconds: float | None = None
    millis = headers.get("retry-after-ms", "").strip()
    if _SECONDS.fullmatch(millis):
        seconds = float(millis) / 1000
    value = headers.get("retry-after", "").strip()
    if seconds is None and value:
        if _SECONDS.fullmatch(value):
            seconds = float(value)
        else:
            try:
                import email.utils  # rarely needed: Retry-After as an HTTP date

                seconds = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
            except (TypeError, ValueError, OverflowError, IndexError):
                return None
    if seconds is None or not 0 <= seconds <= _MAX_RETRY_AFTER:
        return None
    return seconds


def _certificate_rejected(error: BaseException | None) -> bool:
    """Whether `error` comes from a TLS certificate that failed verification."""
    for _ in range(8):  # the httpx error, httpcore's, then the TLS error
        if error is None:
            return False
        if isinstance(error, ssl.SSLCertVerificationError):
            return True
        error = error.__cause__ or error.__context__
    return False
