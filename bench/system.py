"""Measurements outside the per-call loop: import time, memory, concurrency over loopback."""

from __future__ import annotations

import asyncio
import gc
import importlib.util
import statistics
import subprocess
import sys
import time
import tracemalloc
import venv
from typing import Any

import httpx

from goodmem import AsyncGoodmem

from .workload import ROOT, Router, Subject, SyncFn


def user_python() -> str:
    """The interpreter of build/user-venv: goodmem installed with only its runtime dependencies.

    That is what a user imports; the dev venv also holds click/rich/pygments, which make
    `import httpx` load its command-line module. The wheel is rebuilt on every run.
    """
    venv_dir = ROOT / "build" / "user-venv"
    python = venv_dir / "bin" / "python"
    if not python.exists():
        venv.create(venv_dir, with_pip=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--force-reinstall",
            "--no-deps",
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return str(python)


def import_times(modules: tuple[str, ...], runs: int, python: str) -> dict[str, float]:
    """module -> median seconds to import it in a fresh `python` (runs interleaved).

    Runs outside the repository, so the installed package is imported, not the source tree.
    """
    samples: dict[str, list[float]] = {m: [] for m in modules}
    for _ in range(runs):
        for module in modules:
            code = (
                f"import time; t=time.process_time(); import {module}; print(time.process_time()-t)"
            )
            done = subprocess.run(
                [python, "-c", code],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT / "build",
                timeout=120,
            )
            samples[module].append(float(done.stdout.strip()))
    return {m: statistics.median(s) for m, s in samples.items()}


def environment() -> dict[str, bool]:
    """Facts about this venv that move the numbers (see bench/README.md, caveats).

    `httpx_imports_cli`: click, rich and pygments are installed (here by the dev tools), so
    `import httpx` also loads its command-line module. `sniffio_installed`: without it,
    httpcore's async pool retries a failing `import sniffio` on every pool event.
    """
    probe = subprocess.run(
        [sys.executable, "-c", "import sys, httpx; print('httpx._main' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=120,
    )
    return {
        "httpx_imports_cli": probe.stdout.strip() == "True",
        "sniffio_installed": importlib.util.find_spec("sniffio") is not None,
    }


def memory_of(fn: SyncFn) -> dict[str, int]:
    """tracemalloc bytes for one call of `fn`: the peak, and what the result keeps alive.

    Call it after a warm-up so one-time caches are not counted. The canned response bytes
    are allocated before tracing starts, so only the client's allocations count.
    """
    gc.collect()
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        result = fn()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return {"peak_bytes": peak - base, "retained_bytes": current - base}


def measure_memory(table: dict[str, dict[str, Subject]], router: Router) -> dict[str, Any]:
    """tracemalloc figures for listing 1,000 LLMs: raw httpx+json, generated, Goodmem."""
    router.list_size = 1000
    results: dict[str, Any] = {}
    for column in ("raw", "generated", "sync"):
        fn = table[column]["list"].sync
        assert fn is not None
        fn()
        results[column] = memory_of(fn)
    results["sync_over_raw"] = results["sync"]["peak_bytes"] / results["raw"]["peak_bytes"]
    return results


async def concurrent_gets(count: int, limit: int, timeout: float) -> dict[str, Any]:
    """`count` AsyncGoodmem gets at once over loopback against FakeGoodmem().serve().

    Creates one LLM, then gets it `count` times with asyncio tasks sharing one httpx pool of
    `limit` connections (opened cold); retries are off so every failure counts. Stops after
    `timeout` seconds whatever happens; unfinished gets count as errors. The server runs in
    threads of this process, so it shares the GIL with the client: throughput is mostly the
    stdlib server's; `client_cpu_us_per_request` is the client's own cost.
    """
    try:
        from goodmem.testing import FakeGoodmem
    except ImportError as exc:
        return {"skipped": f"goodmem.testing unavailable: {exc}"}

    fake = FakeGoodmem()
    server = fake.serve(host="127.0.0.1", port=0)
    http = httpx.AsyncClient(
        limits=httpx.Limits(max_connections=limit, max_keepalive_connections=limit),
        timeout=httpx.Timeout(timeout),
    )
    try:
        client = AsyncGoodmem(server.url, fake.api_key, http_client=http, max_retries=0)
        created = await asyncio.wait_for(
            client.llms.create(display_name="Bench LLM", model_identifier="gpt-4o-mini"), timeout
        )
        llm_id = created.llm.llm_id
        latencies: list[float] = []

        async def get_one() -> None:
            start = time.perf_counter()
            llm = await client.llms.get(id=llm_id)
            if llm.llm_id != llm_id:
                raise AssertionError(f"got LLM {llm.llm_id}, expected {llm_id}")
            latencies.append(time.perf_counter() - start)

        start, cpu_start = time.perf_counter(), time.thread_time()
        tasks = [asyncio.ensure_future(get_one()) for _ in range(count)]
        done, pending = await asyncio.wait(tasks, timeout=timeout)
        elapsed, client_cpu = time.perf_counter() - start, time.thread_time() - cpu_start
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
    finally:
        await http.aclose()
        server.close()

    kinds: dict[str, int] = {}
    for task in done:
        failure = task.exception()
        if failure is not None:
            name = type(failure).__name__
            kinds[name] = kinds.get(name, 0) + 1
    if pending:
        kinds["unfinished (timeout)"] = len(pending)
    latencies.sort()
    ok = len(latencies)
    return {
        "requests": count,
        "connections": limit,
        "ok": ok,
        "errors": count - ok,
        "error_kinds": kinds,
        "timed_out": bool(pending),
        "seconds": elapsed,
        "requests_per_second": ok / elapsed if elapsed else 0.0,
        # CPU time of the event-loop thread only: the client's share (the server runs in
        # other threads of this process and competes for the GIL)
        "client_cpu_us_per_request": client_cpu / count * 1e6,
        "latency_ms": {
            "p50": latencies[ok // 2] * 1000 if ok else None,
            "p99": latencies[min(ok - 1, ok * 99 // 100)] * 1000 if ok else None,
            "max": latencies[-1] * 1000 if ok else None,
        },
    }
