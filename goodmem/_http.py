"""The httpx client a Goodmem or AsyncGoodmem builds for itself, when none is passed.

It differs from `httpx.Client()` in four ways: a TLS context is built only for an https
base URL, and shared by every client of the process; it keeps no cookies; its pools honour
the attempt deadline (`_deadline.enforce_on`); and a bad proxy or CA setting in the
environment is a ValueError naming the variable, not an error from deep inside httpx.
"""

from __future__ import annotations

import http.cookiejar
import os
import ssl
import threading
from typing import Any

import httpx

from ._deadline import enforce_on

__all__ = ["POOL_SIZE", "new_http_client", "shared_ssl_context"]

POOL_SIZE = 100
"""Connections an SDK-built client keeps open at most (httpx's default); it also sends at
most this many requests at once, so a burst queues in the SDK and not in httpcore's pool."""

_PROXY_VARIABLES = ("ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY")
_ssl_lock = threading.Lock()
_ssl_context: ssl.SSLContext | None = None


def shared_ssl_context() -> ssl.SSLContext:
    """The TLS settings every SDK-built https pool uses: httpx's defaults, built once.

    Building them costs about 20 ms and 850 KiB (the CA bundle), so clients share one.
    $SSL_CERT_FILE and $SSL_CERT_DIR are read when the first https client is built; a file
    or folder that cannot be loaded is a ValueError naming the variable.
    """
    global _ssl_context
    if _ssl_context is None:
        with _ssl_lock:
            if _ssl_context is None:
                try:
                    _ssl_context = httpx.create_ssl_context()
                except (OSError, ssl.SSLError) as exc:
                    # the variable httpx read: SSL_CERT_FILE when set, else SSL_CERT_DIR
                    names = [v for v in ("SSL_CERT_FILE", "SSL_CERT_DIR") if os.environ.get(v)]
                    where = f"${names[0]}" if names else "the CA bundle"
                    raise ValueError(
                        f"cannot load TLS certificates from {where} ({exc}); point it at a "
                        "readable PEM file or folder, or unset it"
                    ) from None
    return _ssl_context


def new_http_client(kind: type[httpx.Client] | type[httpx.AsyncClient], base_url: str) -> Any:
    """A new httpx.Client or httpx.AsyncClient for talking to `base_url`, as described above.

    For an http:// base URL no TLS context is built (no request goes to https: redirects are
    never followed); proxies from the environment apply as httpx reads them.
    """
    verify: ssl.SSLContext | bool = shared_ssl_context() if base_url.startswith("https:") else False
    no_cookies = http.cookiejar.CookieJar(
        policy=http.cookiejar.DefaultCookiePolicy(allowed_domains=[])
    )
    limits = httpx.Limits(max_connections=POOL_SIZE, max_keepalive_connections=20)
    try:
        client = kind(verify=verify, cookies=no_cookies, limits=limits)
    except ImportError as exc:  # a socks:// proxy without the socksio package
        names = [v for v in _PROXY_VARIABLES if os.environ.get(v, "").startswith("socks")]
        where = " and ".join(f"${name}" for name in names) or "the environment"
        raise ValueError(
            f"{where} names a SOCKS proxy, which needs the socksio package: "
            f"pip install 'httpx[socks]' (or unset it) ({exc})"
        ) from None
    enforce_on(client)
    return client
