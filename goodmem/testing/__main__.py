"""`python -m goodmem.testing`: serve an in-memory GoodMem over HTTP until Ctrl-C."""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import secrets
import signal
import socket
import sys
import threading
from collections.abc import Sequence

from ._fake import (
    DEFAULT_ADMIN_PRINCIPAL,
    DEFAULT_API_KEY,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_PRINCIPAL,
    DEFAULT_TIMEOUT,
    FakeGoodmem,
)
from ._server import client_host


def is_loopback(host: str) -> bool:
    """Whether `host` is only reachable from this machine (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name other than localhost may resolve anywhere


def choose_api_key(host: str, api_key: str | None) -> tuple[str, bool]:
    """The key to accept and whether it was generated.

    On loopback the default is the well-known DEFAULT_API_KEY; anywhere else a random key,
    so a server reachable from the network never accepts a key anyone could guess.
    """
    if api_key is not None:
        return api_key, False
    if is_loopback(host):
        return DEFAULT_API_KEY, False
    return "gm_" + secrets.token_urlsafe(24), True


def _wait_for_interrupt() -> None:
    with contextlib.suppress(KeyboardInterrupt):
        threading.Event().wait()


def main(argv: Sequence[str] | None = None, prog: str = "python -m goodmem.testing") -> int:
    """Run the server; print the GOODMEM_BASE_URL and GOODMEM_API_KEY lines to export.

    `prog` names the command in its help and errors (`goodmem serve` passes its own).

    GOODMEM_BASE_URL is a URL a client on this machine can use: bound to 0.0.0.0 (or ::) it
    names 127.0.0.1 (or ::1), and stderr says the server listens on every interface.
    """
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Serve an embedded, in-memory GoodMem (/v1/llms) over HTTP until Ctrl-C.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port (default 8080; 0: any free)")
    parser.add_argument(
        "--api-key",
        help=f"API key to accept (default on loopback: {DEFAULT_API_KEY}; "
        "on any other address a random key, printed)",
    )
    parser.add_argument(
        "--admin-api-key",
        help=f"also accept this key as an admin's (principal {DEFAULT_ADMIN_PRINCIPAL}), with "
        "the *_ANY permissions: create for any owner, read, list, update and delete every "
        "LLM (default: no admin key)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds a client has to send a whole request (default {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--max-body-bytes",
        type=int,
        default=DEFAULT_MAX_BODY_BYTES,
        help=f"largest request body accepted (default {DEFAULT_MAX_BODY_BYTES}); larger: 413",
    )
    args = parser.parse_args(argv)
    if args.api_key == "":
        parser.error("--api-key: must not be empty")
    if args.admin_api_key == "":
        parser.error("--admin-api-key: must not be empty")
    if not args.timeout > 0:
        parser.error("--timeout: must be a positive number of seconds")
    api_key, generated = choose_api_key(args.host, args.api_key)
    if args.admin_api_key == api_key:
        parser.error("--admin-api-key: must differ from the plain API key")
    admin_keys = {args.admin_api_key: DEFAULT_ADMIN_PRINCIPAL} if args.admin_api_key else None
    fake = FakeGoodmem(
        {api_key: DEFAULT_PRINCIPAL}, admin_keys=admin_keys, max_body_bytes=args.max_body_bytes
    )
    try:
        server = fake.serve(args.host, args.port, timeout=args.timeout)
    except OSError as exc:
        parser.exit(1, f"goodmem.testing: cannot listen on {args.host}:{args.port}: {exc}\n")
    # Ctrl-C and SIGTERM stop the server, even when started from a shell that ignores SIGINT
    # for background jobs (the child would inherit SIG_IGN and never see KeyboardInterrupt).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with server:
        print(f"GOODMEM_BASE_URL={server.url}")
        print(f"GOODMEM_API_KEY={fake.api_key}", flush=True)
        if generated:
            print(
                f"goodmem.testing: {args.host} is reachable from other machines, so only the "
                "random API key above is accepted (choose one with --api-key)",
                file=sys.stderr,
            )
        if client_host(args.host) != args.host:
            print(
                f"goodmem.testing: listening on all interfaces ({args.host}, port "
                f"{server.port}); from other machines use this machine's address, e.g. "
                f"http://{socket.gethostname()}:{server.port}",
                file=sys.stderr,
            )
        print(f"goodmem.testing: serving on {server.url}; Ctrl-C stops it", file=sys.stderr)
        _wait_for_interrupt()
    return 0


if __name__ == "__main__":
    sys.exit(main())
