"""Where one column's time goes: cProfile over the bench workload, top functions.

    .venv/bin/python -m bench.profiling create            # Goodmem, 2,000 creates
    .venv/bin/python -m bench.profiling list_1000 --column async --calls 50 --sort cumulative

Runs the same subjects as `make bench` (same canned transport and arguments) after a warm-up,
under cProfile, and prints the top functions plus the share of time spent in goodmem's own
files. cProfile slows small Python functions down more than C code, so read the shares, not
the µs; `make bench` has the real numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import sys

import httpx

from .workload import (
    COLUMNS,
    OPERATIONS,
    Clients,
    Router,
    Subject,
    kind_of,
    load_payloads,
    subjects,
)


def _run(loop: asyncio.AbstractEventLoop, subject: Subject, n: int) -> None:
    if subject.async_ is not None:
        fn = subject.async_

        async def many() -> None:
            for _ in range(n):
                await fn()

        loop.run_until_complete(many())
    else:
        assert subject.sync is not None
        for _ in range(n):
            subject.sync()


def profile(column: str, operation: str, calls: int) -> pstats.Stats:
    """cProfile statistics for `calls` calls of `operation` by `column` (after a warm-up)."""
    payloads = load_payloads()
    router = Router(payloads)
    if operation.startswith("list_"):
        router.list_size = int(operation.split("_")[1])
    loop = asyncio.new_event_loop()
    try:
        clients = Clients.on(httpx.MockTransport(router))
        subject = subjects(clients, payloads.llm_id)[column][kind_of(operation)]
        _run(loop, subject, max(3, calls // 10))
        profiler = cProfile.Profile()
        profiler.enable()
        _run(loop, subject, calls)
        profiler.disable()
        loop.run_until_complete(clients.aclose())
    finally:
        loop.close()
    return pstats.Stats(profiler)


def goodmem_share(stats: pstats.Stats) -> float:
    """The fraction of profiled time spent in goodmem's own files (tottime)."""
    table = stats.stats  # type: ignore[attr-defined]
    total = sum(row[2] for row in table.values()) or 1.0
    own = sum(row[2] for key, row in table.items() if "/goodmem/" in key[0])
    return float(own / total)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("operation", choices=OPERATIONS)
    in_process = [c for c in COLUMNS if c != "official"]
    parser.add_argument("--column", choices=in_process, default="sync")
    parser.add_argument("--calls", type=int, default=None, help="default: 2,000 (list_1000: 50)")
    parser.add_argument("--sort", choices=("tottime", "cumulative"), default="tottime")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    calls = args.calls or (50 if args.operation == "list_1000" else 2000)
    stats = profile(args.column, args.operation, calls)
    out = io.StringIO()
    stats.stream = out  # type: ignore[attr-defined]
    stats.sort_stats(args.sort).print_stats(args.top)
    print(f"{COLUMNS[args.column]} {args.operation}, {calls} calls")
    print(f"time in goodmem's own files: {goodmem_share(stats):.0%} of the profiled total")
    print(out.getvalue().strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
