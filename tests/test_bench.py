"""The benchmark still runs: every column answers and sends the same request (no timing).

The official SDK's column runs when `make compat` (or `make bench`) has already built its venv
in .cache/compat; this suite never builds it. Without it, the column must read n/a and its
targets be skipped, never failed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bench.official import OfficialSDK, OfficialUnavailable, locate
from bench.report import all_passed, evaluate, render_calls, render_targets
from bench.timing import Settings, Timer, measure_calls
from bench.workload import (
    COLUMNS,
    LIST_SIZES,
    OPERATIONS,
    Clients,
    Payloads,
    Router,
    check_equivalence,
    load_payloads,
    subjects,
)

LLMID_NOTE = (
    "Goodmem create also sends llmId: a client-generated uuid4, so a retried create is idempotent"
)
# the shortest rounds that still go through every step of the timing code
TINY = Settings(rounds=1, round_seconds=0.0005, warmup_calls=1)


@pytest.fixture
def payloads() -> Payloads:
    return load_payloads()


@pytest.fixture
def router(payloads: Payloads) -> Router:
    return Router(payloads)


@pytest.fixture
def official(payloads: Payloads, router: Router) -> Iterator[OfficialSDK | None]:
    """The official SDK's driver when its venv is already cached, else None."""
    try:
        sdk = OfficialSDK.start(locate(build=False), payloads, router)
    except OfficialUnavailable:
        yield None
        return
    try:
        yield sdk
    finally:
        sdk.close()


def test_every_bench_column_sends_the_same_requests_and_times_once(
    payloads: Payloads, router: Router, official: OfficialSDK | None
) -> None:
    loop = asyncio.new_event_loop()
    unavailable: dict[str, str] = {}
    try:
        clients = Clients.on(httpx.MockTransport(router))
        table = subjects(clients, payloads.llm_id, official.subjects() if official else None)
        problems, notes = check_equivalence(loop, table, router, unavailable)
        assert router.list_size == LIST_SIZES[-1]
        per_call = measure_calls(Timer(loop, TINY), table, router, TINY.rounds, unavailable)
        loop.run_until_complete(clients.aclose())
    finally:
        loop.close()
    assert problems == []
    assert notes == [LLMID_NOTE]
    assert unavailable == {}
    expected = set(COLUMNS) if official is not None else set(COLUMNS) - {"official"}
    assert set(table) == expected
    assert set(per_call) == set(OPERATIONS)
    assert all(set(row) == expected and min(row.values()) > 0 for row in per_call.values())


def test_the_official_column_reads_na_without_its_venv(tmp_path: Path) -> None:
    with pytest.raises(OfficialUnavailable, match="no current venv"):
        locate(build=False, cache_dir=tmp_path)
    unavailable = {"official": "no current venv (test)"}
    per_call = {
        op: {"raw": 100.0, "sync": 105.0, "async": 106.0, "raw_async": 101.0} for op in OPERATIONS
    }
    imports = {"goodmem": 0.070, "httpx": 0.060}
    construction = {
        name: {"seconds_per_client": 0.0001, "target_seconds_per_client": 0.002}
        for name in ("Goodmem", "AsyncGoodmem")
    }
    targets = evaluate(per_call, imports, {"skipped": "not run (test)"}, construction, unavailable)
    official_targets = [t for t in targets if t.name.endswith("/ official")]
    assert len(official_targets) == len(OPERATIONS)
    assert all(t.result == "SKIP" and not t.passed for t in official_targets)
    assert all_passed(targets)  # skipped targets do not fail the run
    calls = "\n".join(render_calls(per_call, unavailable))
    assert "official: n/a (no current venv (test))" in calls
    assert calls.splitlines()[3].endswith("n/a")  # the get row's official cell
    assert "SKIP: official: no current venv (test)" in render_targets(targets)


def test_a_driver_that_dies_makes_the_column_unavailable(
    payloads: Payloads, router: Router, tmp_path: Path
) -> None:
    # a "python" that fails as an interpreter without the official SDK would, at start-up
    python = tmp_path / "python"
    python.write_text("#!/bin/sh\necho 'ModuleNotFoundError: no goodmem here' >&2\nexit 1\n")
    python.chmod(0o755)
    with pytest.raises(OfficialUnavailable, match=r"official driver failed.*no goodmem here"):
        OfficialSDK.start(python, payloads, router)
