"""`python -m goodmem.testing`: serve an in-memory GoodMem over HTTP until Ctrl-C."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Sequence

from ._fake import DEFAULT_API_KEY, DEFAULT_PRINCIPAL, FakeGoodmem


def main(argv: Sequence[str] | None = None) -> int:
    """Run the server; print the GOODMEM_BASE_URL and GOODMEM_API_KEY lines to export."""
    parser = argparse.ArgumentParser(
        prog="python -m goodmem.testing",
        description="Serve an embedded, in-memory GoodMem (/v1/llms) over HTTP until Ctrl-C.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port (default 8080; 0: any free)")
    parser.add_argument(
        "--api-key", default=DEFAULT_API_KEY, help=f"API key to accept (default {DEFAULT_API_KEY})"
    )
    args = parser.parse_args(argv)
    fake = FakeGoodmem({args.api_key: DEFAULT_PRINCIPAL})
    try:
        server = fake.serve(args.host, args.port)
    except OSError as exc:
        parser.exit(1, f"goodmem.testing: cannot listen on {args.host}:{args.port}: {exc}\n")
    # Ctrl-C and SIGTERM stop the server, even when started from a shell that ignores SIGINT
    # for background jobs (the child would inherit SIG_IGN and never see KeyboardInterrupt).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with server:
        print(f"GOODMEM_BASE_URL={server.url}")
        print(f"GOODMEM_API_KEY={fake.api_key}", flush=True)
        print(f"goodmem.testing: serving on {server.url}; Ctrl-C stops it", file=sys.stderr)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
