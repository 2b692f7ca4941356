"""Client-overhead benchmark for goodmem: raw httpx, the facade, and the official SDK.

Run as `make bench` or `.venv/bin/python -m bench [--quick] [--json PATH] [--strict]
[--official build|cached|off]`. Every client under test talks to an in-process
`httpx.MockTransport` answering with pre-serialized bytes of the documented example payloads
(tests/fixtures), so the numbers are client cost only; the official SDK (goodmem==0.1.43)
runs the same way in a process of its own venv (bench/official.py). It also measures
`import goodmem` in fresh interpreters, tracemalloc peaks for a 1,000-LLM list, and many calls
at once on fresh clients over loopback against the embedded GoodMem. Prints plain-text
tables and writes JSON (default build/bench.json). Exits 0 even when targets fail, unless
`--strict`.
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
from .official import OfficialSDK, OfficialUnavailable, locate
from .report import Target, all_passed, evaluate, ratios, render
from .system import environment, import_times, measure_concurrency, measure_memory, user_python
from .timing import Settings, Timer, measure_calls
from .workload import COLUMNS, ROOT, Clients, Router, check_equivalence, load_payloads, subjects

DEFAULT_JSON = ROOT / "build" / "bench.json"


def run(
    settings: Settings, quick: bool, official_mode: str = "build"
) -> tuple[dict[str, Any], list[Target]]:
    """Run every measurement; the JSON-ready report and the evaluated targets.

    `official_mode`: "build" the official SDK's venv if needed (make compat's, cached),
    use it only if "cached", or leave the column "off".
    """
    load_at_start = os.getloadavg()
    construction = measure_construction(settings.construction_count)  # before any other client
    payloads = load_payloads()
    router = Router(payloads)
    transport = httpx.MockTransport(router)
    unavailable: dict[str, str] = {}
    official: OfficialSDK | None = None
    if official_mode == "off":
        unavailable["official"] = "left out with --official off"
    else:
        try:
            python = locate(build=official_mode == "build")
            official = OfficialSDK.start(python, payloads, router)
        except OfficialUnavailable as exc:
            unavailable["official"] = str(exc)
    loop = asyncio.new_event_loop()
    try:
        clients = Clients.on(transport)
        table = subjects(clients, payloads.llm_id, official.subjects() if official else None)
        problems, notes = check_equivalence(loop, table, router, unavailable)
        per_call = measure_calls(Timer(loop, settings), table, router, settings.rounds, unavailable)
        memory = measure_memory(
            table, router, official.memory if official and "official" in table else None
        )
        loop.run_until_complete(clients.aclose())
        concurrency = loop.run_until_complete(
            _bounded(
                measure_concurrency(settings.concurrency),
                # every run bounded by its own timeout, plus start-up and set-up
                settings.concurrency.timeout * (4 * settings.concurrency.repeats + 1) + 60,
            )
        )
    finally:
        loop.close()
        if official is not None:
            official.close()
    imports = import_times(("goodmem", "httpx"), settings.import_runs, user_python())
    env = environment()
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
            "official": official.versions if official is not None else None,
        },
        "per_call_us": per_call,
        "ratios": ratios(per_call),
        "unavailable": unavailable,
        "import_seconds": imports,
        "memory_list_1000": memory,
        "construction": construction,
        "concurrency": concurrency,
        "equivalence_problems": problems,
        "equivalence_notes": notes,
    }
    targets = evaluate(per_call, imports, concurrency, construction, unavailable)
    report["targets"] = [{**asdict(t), "result": t.result} for t in targets]
    report["all_passed"] = all_passed(targets)
    return report, targets


async def _bounded(work: Coroutine[Any, Any, dict[str, Any]], seconds: float) -> dict[str, Any]:
    """`work`'s result, or a skipped marker if it has not finished after `seconds`."""
    try:
        return await asyncio.wait_for(work, seconds)
    except asyncio.TimeoutError:
        return {"skipped": f"did not finish within {seconds:g} s"}
    except (OSError, RuntimeError) as exc:
        return {"skipped": f"{type(exc).__name__}: {exc}"}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; the process exit code (1 only for failed targets with --strict)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="short run for CI smoke tests")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    parser.add_argument(
        "--official",
        choices=("build", "cached", "off"),
        default="build",
        help="the official SDK column: build its venv if needed (default; make compat's, "
        "in .cache/compat), use it only if already built, or leave it out",
    )
    args = parser.parse_args(argv)

    settings = Settings.quick() if args.quick else Settings()
    report, targets = run(settings, args.quick, args.official)
    print(render(report, targets))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    return 1 if args.strict and not report["all_passed"] else 0


if __name__ == "__main__":
    sys.exit(main())
