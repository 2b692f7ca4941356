"""Measurements outside the per-call loop: import time, memory, concurrency over loopback."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib.util
import select
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
import venv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from goodmem import AsyncGoodmem, Goodmem

from .workload import ROOT, ColumnUnavailable, Router, Subject, SyncFn

FAKE_API_KEY = "gm_bench_loopback_key"


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


def measure_memory(
    table: dict[str, dict[str, Subject]],
    router: Router,
    official: Callable[[int], dict[str, int]] | None = None,
) -> dict[str, Any]:
    """tracemalloc figures for listing 1,000 LLMs: raw httpx+json, Goodmem, and the official
    SDK (`official(list_size)`, measured the same way in its own process) when it runs."""
    router.list_size = 1000
    results: dict[str, Any] = {}
    for column in ("raw", "sync"):
        fn = table[column]["list"].sync
        assert fn is not None
        fn()
        results[column] = memory_of(fn)
    if official is not None:
        try:
            results["official"] = official(router.list_size)
        except ColumnUnavailable as exc:
            results["official_unavailable"] = str(exc)
    results["sync_over_raw"] = results["sync"]["peak_bytes"] / results["raw"]["peak_bytes"]
    return results


@dataclass(frozen=True)
class Concurrency:
    """The loopback concurrency runs (see `measure_concurrency`)."""

    at_once: int = 1000
    """Gets gathered at once on a fresh AsyncGoodmem ..."""
    batch: int = 100
    """... against at_once // batch sequential batches of this many on another fresh one."""
    threads: tuple[int, int] = (10, 200)
    """Fewer and more threads sharing one fresh Goodmem; each run makes at_once gets in all."""
    repeats: int = 3
    """How often each run is repeated (alternating); the medians are reported."""
    timeout: float = 60.0
    """Seconds any one run may take; unfinished calls then count as errors."""


async def measure_concurrency(config: Concurrency) -> dict[str, Any]:
    """Many calls at once on a fresh client over loopback, against the embedded GoodMem.

    Async: `at_once` gets gathered at once on a fresh AsyncGoodmem, against the same number in
    sequential batches of `batch`, each gathered, on another fresh one. Sync: `threads[1]`
    threads sharing one fresh Goodmem against `threads[0]` threads, same number of gets in
    all. Every client builds its own pool (retries off; `timeout` per attempt), makes no call
    before the timed ones, and is closed after. The runs alternate `repeats` times; each
    result is the median. Wall-clock time: the client waits on sockets.

    The server is `python -m goodmem.testing` (FakeGoodmem().serve()) in a process of its own,
    so its request threads do not share this process's GIL: the rows show the client's
    scaling, not the GIL contention of 100 server threads with 200 client threads.
    """
    with _fake_server(config.timeout) as (url, key):
        async with AsyncGoodmem(url, key, max_retries=0, timeout=config.timeout) as setup:
            created = await asyncio.wait_for(
                setup.llms.create(
                    display_name="Bench LLM", model_identifier="gpt-4o-mini", api_key="sk-bench"
                ),
                config.timeout,
            )
        llm_id = created.llm.llm_id
        batches = max(1, config.at_once // config.batch)
        few, many = config.threads
        runs: dict[str, list[dict[str, Any]]] = {
            "async_at_once": [],
            "async_batched": [],
            "sync_few_threads": [],
            "sync_many_threads": [],
        }
        for _ in range(config.repeats):
            runs["async_at_once"].append(
                await _gathered(url, key, llm_id, 1, config.at_once, config.timeout)
            )
            runs["async_batched"].append(
                await _gathered(url, key, llm_id, batches, config.batch, config.timeout)
            )
            for name, threads in (("sync_few_threads", few), ("sync_many_threads", many)):
                calls_each = max(1, config.at_once // threads)
                runs[name].append(
                    await asyncio.to_thread(
                        _threaded, url, key, llm_id, threads, calls_each, config.timeout
                    )
                )
    result: dict[str, Any] = {name: _median_run(samples) for name, samples in runs.items()}
    result["errors"] = sum(run["errors"] for samples in runs.values() for run in samples)
    result["repeats"] = config.repeats
    result["at_once_over_batched"] = _ratio(result["async_at_once"], result["async_batched"])
    result["many_over_few_threads"] = _ratio(
        result["sync_many_threads"], result["sync_few_threads"]
    )
    return result


@contextlib.contextmanager
def _fake_server(timeout: float) -> Iterator[tuple[str, str]]:
    """`python -m goodmem.testing` on a free loopback port: (base URL, API key); stopped after.

    Raises RuntimeError if it does not print its URL within `timeout` seconds.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "goodmem.testing", "--port", "0", "--api-key", FAKE_API_KEY],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], timeout)
        line = process.stdout.readline().strip() if ready else ""
        if not line.startswith("GOODMEM_BASE_URL="):
            raise RuntimeError(f"the embedded GoodMem did not start: {line or 'no output'}")
        yield line.split("=", 1)[1], FAKE_API_KEY
    finally:
        if process.poll() is None:
            process.terminate()  # SIGTERM stops it (goodmem.testing.__main__)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout is not None:
            process.stdout.close()


def _ratio(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    if a["errors"] or b["errors"] or not b["seconds"]:
        return None
    return float(a["seconds"] / b["seconds"])


def _median_run(samples: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median time, and every run's seconds (errors summed over all)."""
    ordered = sorted(samples, key=lambda run: run["seconds"])
    median = dict(ordered[len(ordered) // 2])
    median["all_seconds"] = [run["seconds"] for run in samples]
    median["errors"] = sum(run["errors"] for run in samples)
    return median


async def _gathered(
    url: str, key: str, llm_id: str, batches: int, size: int, timeout: float
) -> dict[str, Any]:
    """`batches` sequential batches of `size` gets gathered at once, on a fresh AsyncGoodmem.

    Bounded: after `timeout` seconds in all, unfinished gets are cancelled and count as errors.
    """
    kinds: dict[str, int] = {}
    ok = 0
    client = AsyncGoodmem(url, key, max_retries=0, timeout=timeout)
    try:
        deadline = time.perf_counter() + timeout
        start, cpu_start = time.perf_counter(), time.thread_time()
        for _ in range(batches):
            tasks = [asyncio.ensure_future(client.llms.get(llm_id)) for _ in range(size)]
            done, pending = await asyncio.wait(
                tasks, timeout=max(0.0, deadline - time.perf_counter())
            )
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            for task in done:
                failure = task.exception()
                if failure is None and task.result().llm_id == llm_id:
                    ok += 1
                else:
                    name = type(failure).__name__ if failure else "wrong LLM"
                    kinds[name] = kinds.get(name, 0) + 1
            if pending:
                kinds["unfinished (timeout)"] = kinds.get("unfinished (timeout)", 0) + len(pending)
        elapsed, cpu = time.perf_counter() - start, time.thread_time() - cpu_start
    finally:
        await client.aclose()
    total = batches * size
    return {
        "calls": total,
        "shape": f"{batches} x {size}",
        "errors": total - ok,
        "error_kinds": kinds,
        "seconds": elapsed,
        "calls_per_second": ok / elapsed if elapsed else 0.0,
        # the event-loop thread only: the client's share (the server runs in other threads)
        "client_cpu_us_per_call": cpu / total * 1e6,
    }


def _threaded(
    url: str, key: str, llm_id: str, threads: int, calls_each: int, timeout: float
) -> dict[str, Any]:
    """`threads` threads sharing one fresh Goodmem, `calls_each` gets each, started together.

    Bounded: threads still running after `timeout` seconds count their calls as errors (they
    are daemon threads, and end when their call times out).
    """
    client = Goodmem(url, key, max_retries=0, timeout=timeout)
    lock = threading.Lock()
    kinds: dict[str, int] = {}
    ok = [0]
    start_line = threading.Barrier(threads + 1)

    def work() -> None:
        done = 0
        failures: dict[str, int] = {}
        try:
            start_line.wait(timeout)
            for _ in range(calls_each):
                try:
                    llm = client.llms.get(llm_id)
                except Exception as exc:
                    failures[type(exc).__name__] = failures.get(type(exc).__name__, 0) + 1
                else:
                    if llm.llm_id == llm_id:
                        done += 1
        except threading.BrokenBarrierError:
            failures["never started"] = calls_each
        with lock:
            ok[0] += done
            for name, count in failures.items():
                kinds[name] = kinds.get(name, 0) + count

    workers = [threading.Thread(target=work, daemon=True) for _ in range(threads)]
    try:
        for worker in workers:
            worker.start()
        start_line.wait(timeout)
        start = time.perf_counter()
        deadline = start + timeout
        for worker in workers:
            worker.join(max(0.0, deadline - time.perf_counter()))
        elapsed = time.perf_counter() - start
        stuck = sum(worker.is_alive() for worker in workers)
    finally:
        client.close()
    total = threads * calls_each
    with lock:
        if stuck:
            kinds["unfinished (timeout)"] = total - ok[0] - sum(kinds.values())
        errors = total - ok[0]
    return {
        "calls": total,
        "shape": f"{threads} threads x {calls_each}",
        "errors": errors,
        "error_kinds": kinds,
        "seconds": elapsed,
        "calls_per_second": ok[0] / elapsed if elapsed else 0.0,
    }
