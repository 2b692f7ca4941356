"""Peak memory of client calls, measured in a fresh child process.

The child makes `count` concurrent `get()` calls (threads for Goodmem, one event loop for
AsyncGoodmem) twice: first for WARMUP_ID (imports, threads, the pool; a server answers it
small), then, after resetting the peak RSS to the current RSS, for the id the test names. It
reports the peak RSS growth over that baseline (Linux `VmHWM`, reset through `clear_refs`;
`ru_maxrss` would start at the parent's size, inherited across fork and exec) and the names
of the outcomes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import load_fixture

ROOT = Path(__file__).resolve().parents[2]
WARMUP_ID = "00000000-0000-4000-8000-000000000000"
WARMUP_BODY = json.dumps({**load_fixture("get_response"), "llmId": WARMUP_ID}).encode()
"""What a server answers to the warm-up calls: a small valid LLM."""

needs_proc = pytest.mark.skipif(
    not Path("/proc/self/clear_refs").exists(), reason="measures peak RSS through /proc (Linux)"
)

_CHILD = textwrap.dedent(
    """
    import json, sys, threading
    import goodmem

    def peak_kib():
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])

    cls, url, count, llm_id, warmup_id, method = sys.argv[1:7]
    client = getattr(goodmem, cls)(url, "k", max_retries=0)
    outcomes = []

    def record(call):
        try:
            call()
            outcomes.append("no error")
        except goodmem.GoodmemError as exc:
            outcomes.append(type(exc).__name__)

    def call(id):
        if method == "list" and id != warmup_id:
            return client.llms.list()
        return client.llms.get(id=id)

    async def record_async(id):
        try:
            await call(id)
            outcomes.append("no error")
        except goodmem.GoodmemError as exc:
            outcomes.append(type(exc).__name__)

    def run_all(id):
        if cls == "Goodmem":
            threads = [
                threading.Thread(target=record, args=(lambda: call(id),))
                for _ in range(int(count))
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        else:
            import asyncio

            async def gather():
                await asyncio.gather(*(record_async(id) for _ in range(int(count))))

            asyncio.run(gather())

    run_all(warmup_id)
    warmup = sorted(set(outcomes))
    outcomes.clear()
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # the peak RSS becomes the current RSS
    before = peak_kib()
    run_all(llm_id)
    print(json.dumps({
        "warmup": warmup, "outcomes": sorted(set(outcomes)), "grew_kib": peak_kib() - before
    }))
    """
)


def peak_in_child(
    cls: str, url: str, llm_id: str, count: int = 1, method: str = "get"
) -> dict[str, Any]:
    """Peak RSS growth (`grew_kib`) of `count` concurrent `get(id=llm_id)` calls (or `list()`
    calls, with `method="list"`) through a fresh `goodmem.<cls>` on `url`, and their
    `outcomes` (exception names, or "no error")."""
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, cls, url, str(count), llm_id, WARMUP_ID, method],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    result: dict[str, Any] = json.loads(child.stdout)
    assert result["warmup"] == ["no error"], result
    return result
