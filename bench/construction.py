"""What constructing a client costs: `Goodmem()` and `AsyncGoodmem()`, time and memory each.

Run as `.venv/bin/python -m bench.construction [N]`; `measure()` returns the numbers for
`make bench`, which measures first thing, before any other client exists in the process.
Clients share one SSL context per process (goodmem._transport), so only the first client of a
process builds it; `first_*` is that client, `per_client_*` the mean of the next N (all kept
alive, closed at the end). Target: at most 2 ms per client after the first.
"""

from __future__ import annotations

import gc
import os
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from goodmem import AsyncGoodmem, Goodmem

TARGET_SECONDS_PER_CLIENT = 0.002


def measure(count: int = 100) -> dict[str, Any]:
    """Seconds and bytes per client, for the first Goodmem and the mean of `count` more of each.

    Memory per client is the growth of the resident set (Linux, /proc; None elsewhere), which
    includes OpenSSL's allocations for an SSL context, and what tracemalloc sees retained
    (Python objects only).
    """
    gc.collect()
    started = time.perf_counter()
    first = Goodmem("https://gm.bench", "gm_bench_key")
    first_seconds = time.perf_counter() - started
    result: dict[str, Any] = {"first_client_seconds": first_seconds, "count": count}
    for name, cls in (("Goodmem", Goodmem), ("AsyncGoodmem", AsyncGoodmem)):
        gc.collect()
        rss_before = _rss()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        started = time.perf_counter()
        clients = [cls("https://gm.bench", "gm_bench_key") for _ in range(count)]
        seconds = time.perf_counter() - started
        retained = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
        rss_after = _rss()
        # timed again without tracemalloc, which slows allocation down
        gc.collect()
        started = time.perf_counter()
        more = [cls("https://gm.bench", "gm_bench_key") for _ in range(count)]
        seconds = min(seconds, time.perf_counter() - started)
        result[name] = {
            "seconds_per_client": seconds / count,
            "rss_bytes_per_client": (
                (rss_after - rss_before) / count if rss_before and rss_after else None
            ),
            "traced_bytes_per_client": retained / count,
            "target_seconds_per_client": TARGET_SECONDS_PER_CLIENT,
            "ok": seconds / count <= TARGET_SECONDS_PER_CLIENT,
        }
        for client in (*clients, *more):
            _close(client)
    _close(first)
    return result


def _rss() -> int | None:
    """The resident set size in bytes, on Linux; None elsewhere."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _close(client: Goodmem | AsyncGoodmem) -> None:
    # both own a pool with no connections yet: closing the httpx client needs no event loop
    http = client._http
    if isinstance(http, Goodmem._http_type):
        http.close()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    result = measure(count)
    print(f"first client: {result['first_client_seconds'] * 1000:.1f} ms (builds the SSL context)")
    for name in ("Goodmem", "AsyncGoodmem"):
        row = result[name]
        verdict = "ok" if row["ok"] else "OVER TARGET"
        rss = row["rss_bytes_per_client"]
        rss_text = "n/a" if rss is None else f"{rss / 1024:.1f} KiB"
        print(
            f"{name}: {row['seconds_per_client'] * 1000:.3f} ms, RSS {rss_text}, Python objects "
            f"{row['traced_bytes_per_client'] / 1024:.1f} KiB per client after the first "
            f"(mean of {count}; target <= {TARGET_SECONDS_PER_CLIENT * 1000:.0f} ms: {verdict})"
        )


if __name__ == "__main__":
    main()
