"""Timing: warm up, size a round, then interleave the columns over several rounds."""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
from dataclasses import dataclass, field

from .system import Concurrency
from .workload import OPERATIONS, AsyncFn, ColumnUnavailable, Router, Subject, kind_of


@dataclass(frozen=True)
class Settings:
    """How long and how often to measure; `quick()` is the CI smoke variant."""

    rounds: int = 5
    round_seconds: float = 0.2
    warmup_calls: int = 20
    import_runs: int = 7
    concurrency: Concurrency = field(default_factory=Concurrency)
    construction_count: int = 100

    @classmethod
    def quick(cls) -> Settings:
        return cls(
            rounds=3,
            round_seconds=0.01,
            warmup_calls=3,
            import_runs=3,
            concurrency=Concurrency(
                at_once=200, batch=100, threads=(10, 40), repeats=1, timeout=30.0
            ),
            construction_count=20,
        )


async def _timed_awaits(fn: AsyncFn, n: int) -> int:
    start = time.thread_time_ns()
    for _ in range(n):
        await fn()
    return time.thread_time_ns() - start


class Timer:
    """Times batches of calls; async subjects run in the one event loop it is given.

    A batch starts with gc.collect() and is timed with thread_time_ns: the CPU time of this
    thread, which is where everything runs (the transport is in process, nothing waits on
    I/O), so other processes on the machine move the numbers much less than wall-clock time
    would. The event loop's own start-up is outside the timed region. A remote subject (the
    official SDK) runs its batch in its own process, timed there the same way; this thread
    waits for the answer.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop, settings: Settings) -> None:
        self._loop = loop
        self._settings = settings

    def batch(self, subject: Subject, n: int) -> int:
        """Nanoseconds for `n` sequential calls of `subject`."""
        if subject.remote is not None:
            return subject.remote(n)
        gc.collect()
        if subject.async_ is not None:
            return self._loop.run_until_complete(_timed_awaits(subject.async_, n))
        assert subject.sync is not None
        fn = subject.sync
        start = time.thread_time_ns()
        for _ in range(n):
            fn()
        return time.thread_time_ns() - start

    def calls_per_round(self, subject: Subject) -> int:
        """Warm `subject` up, then the number of calls that takes about one round."""
        self.batch(subject, self._settings.warmup_calls)
        target = self._settings.round_seconds * 1e9
        n = 1
        while True:
            elapsed = self.batch(subject, n)
            if elapsed >= target / 4 or n >= 1 << 20:
                return max(3, round(n * target / max(elapsed, 1)))
            n *= 2


def measure_calls(
    timer: Timer,
    table: dict[str, dict[str, Subject]],
    router: Router,
    rounds: int,
    unavailable: dict[str, str] | None = None,
) -> dict[str, dict[str, float]]:
    """operation -> column -> median µs per call.

    Columns are interleaved within each round so background load hits all of them alike. A
    column that raises ColumnUnavailable is dropped from `table` (and from every operation's
    results), with the reason in `unavailable`.
    """
    results: dict[str, dict[str, float]] = {}

    def drop(column: str, exc: ColumnUnavailable) -> None:
        del table[column]
        if unavailable is not None:
            unavailable[column] = str(exc)
        for row in results.values():
            row.pop(column, None)

    for operation in OPERATIONS:
        if operation.startswith("list_"):
            router.list_size = int(operation.split("_")[1])
        kind = kind_of(operation)
        counts: dict[str, int] = {}
        for column in list(table):
            try:
                counts[column] = timer.calls_per_round(table[column][kind])
            except ColumnUnavailable as exc:
                drop(column, exc)
        samples: dict[str, list[float]] = {column: [] for column in counts}
        for _ in range(rounds):
            for column, n in counts.items():
                if column not in table:
                    continue
                try:
                    samples[column].append(timer.batch(table[column][kind], n) / n / 1000)
                except ColumnUnavailable as exc:
                    drop(column, exc)
        results[operation] = {c: statistics.median(s) for c, s in samples.items() if c in table}
    return results
