"""Targets and the printed report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .workload import COLUMNS, OPERATIONS


@dataclass(frozen=True)
class Target:
    """One pass/fail check: `value` must be at most (or, when `strict_below`, under) `limit`."""

    name: str
    value: float | None
    limit: float
    unit: str
    strict_below: bool = False
    digits: int = 2
    passed: bool = field(init=False)

    def __post_init__(self) -> None:
        ok = self.value is not None and (
            self.value < self.limit if self.strict_below else self.value <= self.limit
        )
        object.__setattr__(self, "passed", ok)


# (operation, limit) for the facade ÷ raw httpx+json, checked for sync and async alike
RAW_LIMITS = (("get", 1.10), ("list_1000", 2.0), ("create", 1.30))


def evaluate(
    per_call: dict[str, dict[str, float]],
    imports: dict[str, float],
    concurrency: dict[str, Any],
    construction: dict[str, Any],
) -> list[Target]:
    """The targets, checked against the measured numbers.

    Goodmem is compared with raw httpx, AsyncGoodmem with raw async httpx (like for like).
    """
    targets = [
        Target(f"{name} {op} / {base}", per_call[op][column] / per_call[op][raw], limit, "x")
        for op, limit in RAW_LIMITS
        for name, column, raw, base in (
            ("Goodmem", "sync", "raw", "raw httpx"),
            ("AsyncGoodmem", "async", "raw_async", "raw async httpx"),
        )
    ]
    targets += [
        Target(
            f"Goodmem {op} / generated",
            per_call[op]["sync"] / per_call[op]["generated"],
            1.05,
            "x",
        )
        for op in OPERATIONS
    ]
    targets.append(
        Target(
            "import goodmem", imports["goodmem"] * 1000, 80.0, " ms", strict_below=True, digits=1
        )
    )
    targets += [
        Target(
            f"{name}() after the first",
            construction[name]["seconds_per_client"] * 1000,
            construction[name]["target_seconds_per_client"] * 1000,
            " ms",
            digits=3,
        )
        for name in ("Goodmem", "AsyncGoodmem")
    ]
    errors = concurrency.get("errors")
    targets.append(Target("concurrent gets: errors", errors, 0, "", digits=0))
    return targets


def _table(headings: list[str], rows: list[list[str]]) -> str:
    """Plain-text table: first column left-aligned, the rest right-aligned."""
    widths = [max(len(r[i]) for r in [headings, *rows]) for i in range(len(headings))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    return "\n".join([line(headings), line(["-" * w for w in widths]), *map(line, rows)])


def render(report: dict[str, Any], targets: list[Target]) -> str:
    """The whole report as text."""
    per_call: dict[str, dict[str, float]] = report["per_call_us"]
    meta = report["meta"]
    out = [
        f"goodmem {meta['goodmem']} | httpx {meta['httpx']} | Python {meta['python']} | "
        f"{meta['platform']} | {meta['cpus']} CPUs | load {meta['loadavg']}",
        f"median of {meta['rounds']} rounds, ~{meta['round_seconds']} s each; in-process "
        "MockTransport with canned bytes" + (" | QUICK" if meta["quick"] else ""),
        "",
        "µs per call",
        _table(
            ["operation", *COLUMNS.values()],
            [[op, *(f"{per_call[op][c]:.1f}" for c in COLUMNS)] for op in OPERATIONS],
        ),
        "",
        "ratios (how many times slower; raw = raw httpx+json)",
        _table(
            [
                "operation",
                "gen/raw",
                "Goodmem/raw",
                "Goodmem/gen",
                "Async/raw async",
                "Async/gen",
                "raw async/raw",
            ],
            [
                [
                    op,
                    *(
                        f"{per_call[op][a] / per_call[op][b]:.2f}"
                        for a, b in (
                            ("generated", "raw"),
                            ("sync", "raw"),
                            ("sync", "generated"),
                            ("async", "raw_async"),
                            ("async", "generated"),
                            ("raw_async", "raw"),
                        )
                    ),
                ]
                for op in OPERATIONS
            ],
        ),
        "",
    ]
    imports = report["import_seconds"]
    out.append(
        f"import (CPU time, fresh interpreter in build/user-venv, runtime dependencies only, "
        f"median of "
        f"{meta['import_runs']}): "
        f"goodmem {imports['goodmem'] * 1000:.1f} ms, httpx alone {imports['httpx'] * 1000:.1f} ms "
        f"(goodmem's own share {(imports['goodmem'] - imports['httpx']) * 1000:.1f} ms)"
    )
    memory = report["memory_list_1000"]
    out.append(
        "memory, list 1000 (tracemalloc peak / retained by the result): "
        + ", ".join(
            f"{COLUMNS[c]} {memory[c]['peak_bytes'] / 2**20:.2f} / "
            f"{memory[c]['retained_bytes'] / 2**20:.2f} MiB"
            for c in ("raw", "generated", "sync")
        )
        + f"; Goodmem/raw peak {memory['sync_over_raw']:.2f}x"
    )
    made = report["construction"]
    out.append(
        f"client construction: first {made['first_client_seconds'] * 1000:.1f} ms (builds the "
        "shared SSL context); after it, per client: "
        + ", ".join(
            f"{name} {made[name]['seconds_per_client'] * 1000:.3f} ms / "
            f"{(made[name]['rss_bytes_per_client'] or 0) / 1024:.1f} KiB RSS"
            for name in ("Goodmem", "AsyncGoodmem")
        )
    )
    conc = report["concurrency"]
    if not meta["sniffio_installed"]:
        out.append(
            "note: sniffio is not installed: httpcore's async pool retries `import sniffio` "
            "on every pool event, which inflates the AsyncGoodmem loopback numbers"
        )
    if "skipped" in conc:
        out.append(f"concurrency: skipped ({conc['skipped']})")
    else:
        lat = conc["latency_ms"]
        out.append(
            f"concurrency: {conc['requests']} AsyncGoodmem gets over loopback, "
            f"{conc['connections']} connections: {conc['requests_per_second']:.0f} req/s, "
            f"{conc['errors']} errors {conc['error_kinds'] or ''}in {conc['seconds']:.2f} s, "
            f"client CPU {conc['client_cpu_us_per_request']:.0f} µs/request"
            + (f"; latency p50 {lat['p50']:.1f} ms, p99 {lat['p99']:.1f} ms" if conc["ok"] else "")
        )
    for note in report["equivalence_notes"]:
        out.append(f"note: {note}")
    for problem in report["equivalence_problems"]:
        out.append(f"WARNING: requests differ between columns: {problem}")
    out += [
        "",
        "targets",
        _table(
            ["target", "value", "limit", "result"],
            [
                [
                    t.name,
                    "n/a" if t.value is None else f"{t.value:.{t.digits}f}{t.unit}",
                    f"{'<' if t.strict_below else '<='} {t.limit:g}{t.unit}",
                    "PASS" if t.passed else "FAIL",
                ]
                for t in targets
            ],
        ),
    ]
    return "\n".join(out)
