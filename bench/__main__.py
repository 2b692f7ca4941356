"""Client-overhead benchmark for goodmem: raw httpx, the generated client and the facade.

Run as `make bench` or `.venv/bin/python -m bench [--quick] [--json PATH] [--strict]`.
Every client under test talks to the same in-process `httpx.MockTransport`, which answers
with pre-serialized bytes of the documented example payloads (tests/fixtures), so the numbers
are client cost only. It also measures `import goodmem` in fresh interpreters, tracemalloc
peaks for a 1,000-LLM list, and 1,000 concurrent AsyncGoodmem gets over loopback against
`goodmem.testing.FakeGoodmem().serve()`. Prints plain-text tables and writes JSON (default
build/bench.json). Exits 0 even when targets fail, unless `--strict`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
from collections.abc import Coroutine
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx

import goodmem

from .construction import measure as measure_construction
from .report import Target, evaluate, render
from .system import concurrent_gets, environment, import_times, measure_memory, user_python
from .timing import Settings, Timer, measure_calls
from .workload import COLUMNS, ROOT, Clients, Router, check_equivalence, load_payloads, subjects

DEFAULT_JSON = ROOT / "build" / "bench.json"


def run(settings: Settings, quick: bool) -> tuple[dict[str, Any], list[Target]]:
    """Run every measurement; the JSON-ready report and the evaluated targets."""
    load_at_start = os.getloadavg()
    construction = measure_construction(settings.construction_count)  # before any other client
    payloads = load_payloads()
    router = Router(payloads)
    transport = httpx.MockTransport(router)
    loop = asyncio.new_event_loop()
    try:
        clients = Clients.on(transport)
        table = subjects(clients, payloads.llm_id)
        problems, notes = check_equivalence(loop, table, router)
        per_call = measure_calls(Timer(loop, settings), table, router, settings.rounds)
        memory = measure_memory(table, router)
        loop.run_until_complete(clients.aclose())
        concurrency = loop.run_until_complete(
            _bounded(
                concurrent_gets(
                    settings.concurrent_gets,
                    settings.concurrency_limit,
                    settings.concurrency_timeout,
                ),
                settings.concurrency_timeout + 30,
            )
        )
    finally:
        loop.close()
    imports = import_times(("goodmem", "httpx"), settings.import_runs, user_python())
    env = environment()
    ratios = {
        op: {
            "generated/raw": row["generated"] / row["raw"],
            "sync/raw": row["sync"] / row["raw"],
            "async/raw": row["async"] / row["raw"],
            "sync/generated": row["sync"] / row["generated"],
            "async/generated": row["async"] / row["generated"],
            "async/raw_async": row["async"] / row["raw_async"],
            "raw_async/raw": row["raw_async"] / row["raw"],
        }
        for op, row in per_call.items()
    }
    report: dict[str, Any] = {
        "meta": {
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "goodmem": goodmem.__version__,
            "httpx": httpx.__version__,
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "platform": platform.platform(terse=True),
            "cpus": os.cpu_count(),
            "loadavg": " ".join(f"{x:.2f}" for x in load_at_start),
            **env,
            "quick": quick,
            "rounds": settings.rounds,
            "round_seconds": settings.round_seconds,
            "import_runs": settings.import_runs,
            "columns": COLUMNS,
        },
        "per_call_us": per_call,
        "ratios": ratios,
        "import_seconds": imports,
        "memory_list_1000": memory,
        "construction": construction,
        "concurrency": concurrency,
        "equivalence_problems": problems,
        "equivalence_notes": notes,
    }
    targets = evaluate(per_call, imports, concurrency, construction)
    report["targets"] = [asdict(t) for t in targets]
    report["all_passed"] = all(t.passed for t in targets)
    return report, targets


async def _bounded(work: Coroutine[Any, Any, dict[str, Any]], seconds: float) -> dict[str, Any]:
    """`work`'s result, or a skipped marker if it has not finished after `seconds`."""
    try:
        return await asyncio.wait_for(work, seconds)
    except asyncio.TimeoutError:
        return {"skipped": f"did not finish within {seconds:g} s", "errors": None}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; the process exit code (1 only for failed targets with --strict)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="short run for CI smoke tests")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)

    settings = Settings.quick() if args.quick else Settings()
    report, targets = run(settings, args.quick)
    print(render(report, targets))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    return 1 if args.strict and not report["all_passed"] else 0


if __name__ == "__main__":
    sys.exit(main())
