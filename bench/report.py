"""Targets and the printed report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .workload import COLUMNS, OPERATIONS


@dataclass(frozen=True)
class Target:
    """One check: `value` must be at most (or, when `strict_below`, under) `limit`.

    A target with `skipped` (the reason) is neither passed nor failed: it could not be
    measured here (the official SDK's venv is missing, httpx alone already takes the budget).
    """

    name: str
    value: float | None
    limit: float
    unit: str
    strict_below: bool = False
    digits: int = 2
    skipped: str | None = None
    passed: bool = field(init=False)

    def __post_init__(self) -> None:
        ok = (
            self.skipped is None
            and self.value is not None
            and (self.value < self.limit if self.strict_below else self.value <= self.limit)
        )
        object.__setattr__(self, "passed", ok)

    @property
    def result(self) -> str:
        return "SKIP" if self.skipped is not None else "PASS" if self.passed else "FAIL"


# (operation, limit) for the facade ÷ raw httpx+json, checked for sync and async alike
RAW_LIMITS = (("get", 1.10), ("list_1000", 1.6), ("create", 1.25))
# Goodmem ÷ the official SDK (goodmem==0.1.43), every operation
OFFICIAL_LIMIT = 0.9
IMPORT_LIMIT_MS = 80.0
# 1,000 gathered at once ÷ 10 x 100, on fresh clients; 200 threads ÷ 10 threads, same calls
CONCURRENCY_LIMIT = 1.5


def all_passed(targets: list[Target]) -> bool:
    """No target failed (skipped ones do not count)."""
    return all(t.passed for t in targets if t.skipped is None)


def evaluate(
    per_call: dict[str, dict[str, float]],
    imports: dict[str, float],
    concurrency: dict[str, Any],
    construction: dict[str, Any],
    unavailable: dict[str, str],
) -> list[Target]:
    """The targets, checked against the measured numbers.

    Goodmem is compared with raw httpx, AsyncGoodmem with raw async httpx (like for like), and
    Goodmem with the official SDK (sync with sync). `unavailable`: column -> why it has no
    numbers; its targets are skipped.
    """
    targets = [
        Target(
            f"{name} {op} / {base}",
            per_call[op][column] / per_call[op][raw],
            limit,
            "x",
            digits=3,
        )
        for op, limit in RAW_LIMITS
        for name, column, raw, base in (
            ("Goodmem", "sync", "raw", "raw httpx"),
            ("AsyncGoodmem", "async", "raw_async", "raw async httpx"),
        )
    ]
    official_missing = unavailable.get("official")
    for op in OPERATIONS:
        official = per_call[op].get("official")
        targets.append(
            Target(
                f"Goodmem {op} / official",
                None if official is None else per_call[op]["sync"] / official,
                OFFICIAL_LIMIT,
                "x",
                digits=3,
                skipped=None if official is not None else f"official: {official_missing}",
            )
        )
    httpx_ms = imports["httpx"] * 1000
    targets.append(
        Target(
            "import goodmem",
            imports["goodmem"] * 1000,
            IMPORT_LIMIT_MS,
            " ms",
            strict_below=True,
            digits=1,
            skipped=(
                f"httpx alone takes {httpx_ms:.1f} ms here" if httpx_ms >= IMPORT_LIMIT_MS else None
            ),
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
    skipped = concurrency.get("skipped")
    targets.append(
        Target("concurrency: errors", concurrency.get("errors"), 0, "", digits=0, skipped=skipped)
    )
    if skipped is None:
        at_once, few = concurrency["async_at_once"], concurrency["sync_few_threads"]
        batched, many = concurrency["async_batched"], concurrency["sync_many_threads"]
        at_once_name = f"AsyncGoodmem {at_once['shape']} / {batched['shape']} (fresh)"
        threads_name = f"Goodmem {many['shape']} / {few['shape']}"
    else:
        at_once_name = "AsyncGoodmem all at once / in batches (fresh)"
        threads_name = "Goodmem many threads / few threads"
    targets += [
        Target(
            at_once_name,
            concurrency.get("at_once_over_batched"),
            CONCURRENCY_LIMIT,
            "x",
            skipped=skipped,
        ),
        Target(
            threads_name,
            concurrency.get("many_over_few_threads"),
            CONCURRENCY_LIMIT,
            "x",
            skipped=skipped,
        ),
    ]
    return targets


def _table(headings: list[str], rows: list[list[str]]) -> str:
    """Plain-text table: first column left-aligned, the rest right-aligned."""
    widths = [max(len(r[i]) for r in [headings, *rows]) for i in range(len(headings))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    return "\n".join([line(headings), line(["-" * w for w in widths]), *map(line, rows)])


# (heading, numerator column, denominator column) of the ratio table
RATIOS = (
    ("Goodmem/raw", "sync", "raw"),
    ("Async/raw async", "async", "raw_async"),
    ("Goodmem/official", "sync", "official"),
    ("official/raw", "official", "raw"),
    ("raw async/raw", "raw_async", "raw"),
)


def ratios(per_call: dict[str, dict[str, float]]) -> dict[str, dict[str, float | None]]:
    """operation -> "a/b" -> ratio, None where a column has no number."""
    out: dict[str, dict[str, float | None]] = {}
    for op, row in per_call.items():
        out[op] = {}
        for _, a, b in RATIOS:
            x, y = row.get(a), row.get(b)
            out[op][f"{a}/{b}"] = None if x is None or y is None else x / y
    return out


def render_calls(per_call: dict[str, dict[str, float]], unavailable: dict[str, str]) -> list[str]:
    """The µs table, the ratio table, and why a column reads n/a."""

    def cell(value: float | None, digits: int) -> str:
        return "n/a" if value is None else f"{value:.{digits}f}"

    by_op = ratios(per_call)
    lines = [
        "µs per call",
        _table(
            ["operation", *COLUMNS.values()],
            [[op, *(cell(per_call[op].get(c), 1) for c in COLUMNS)] for op in OPERATIONS],
        ),
        "",
        "ratios (how many times slower; raw = raw httpx+json)",
        _table(
            ["operation", *(heading for heading, _, _ in RATIOS)],
            [[op, *(cell(by_op[op][f"{a}/{b}"], 2) for _, a, b in RATIOS)] for op in OPERATIONS],
        ),
    ]
    lines += [f"{COLUMNS[column]}: n/a ({why})" for column, why in unavailable.items()]
    return lines


def render_targets(targets: list[Target]) -> list[str]:
    """The target table, and the reasons for skipped targets (each reason once)."""
    lines = [
        "targets",
        _table(
            ["target", "value", "limit", "result"],
            [
                [
                    t.name,
                    "n/a" if t.value is None else f"{t.value:.{t.digits}f}{t.unit}",
                    f"{'<' if t.strict_below else '<='} {t.limit:g}{t.unit}",
                    t.result,
                ]
                for t in targets
            ],
        ),
    ]
    reasons = dict.fromkeys(t.skipped for t in targets if t.skipped is not None)
    lines += [f"SKIP: {reason}" for reason in reasons]
    return lines


def render_concurrency(conc: dict[str, Any]) -> list[str]:
    """The loopback concurrency rows."""
    if "skipped" in conc:
        return [f"concurrency: skipped ({conc['skipped']})"]

    def row(name: str, run: dict[str, Any]) -> str:
        cpu = run.get("client_cpu_us_per_call")
        return (
            f"  {name} {run['shape']}: {run['seconds']:.2f} s "
            f"({run['calls_per_second']:.0f} calls/s"
            + (f", client CPU {cpu:.0f} µs/call" if cpu is not None else "")
            + f"), {run['errors']} errors {run['error_kinds'] or ''}".rstrip()
        )

    def ratio(value: float | None) -> str:
        return "n/a (errors)" if value is None else f"{value:.2f}x"

    at_once, batched = conc["async_at_once"], conc["async_batched"]
    few, many = conc["sync_few_threads"], conc["sync_many_threads"]
    return [
        f"concurrency over loopback (fresh client per run, its own pool, retries off; "
        f"python -m goodmem.testing in its own process; wall time, median of {conc['repeats']}):",
        row("AsyncGoodmem gathered", at_once),
        row("AsyncGoodmem gathered", batched),
        f"  -> {at_once['shape']} / {batched['shape']}: {ratio(conc['at_once_over_batched'])}",
        row("Goodmem shared by", few),
        row("Goodmem shared by", many),
        f"  -> {many['shape']} / {few['shape']}: {ratio(conc['many_over_few_threads'])}",
    ]


def render(report: dict[str, Any], targets: list[Target]) -> str:
    """The whole report as text."""
    meta = report["meta"]
    official = meta.get("official") or {}
    out = [
        f"goodmem {meta['goodmem']} | httpx {meta['httpx']} | Python {meta['python']} | "
        f"{meta['platform']} | {meta['cpus']} CPUs | load {meta['loadavg']}",
        f"median of {meta['rounds']} rounds, ~{meta['round_seconds']} s each; in-process "
        "MockTransport with canned bytes" + (" | QUICK" if meta["quick"] else ""),
    ]
    if official:
        out.append(
            f"official: goodmem {official.get('goodmem')} (pydantic {official.get('pydantic')}, "
            f"httpx {official.get('httpx')}, Python {official.get('python')}) in its own "
            "process, timed there the same way, one batch per round in turn with the others"
        )
    out += ["", *render_calls(report["per_call_us"], report["unavailable"]), ""]
    imports = report["import_seconds"]
    out.append(
        f"import (CPU time, fresh interpreter in build/user-venv, runtime dependencies only, "
        f"median of {meta['import_runs']}): goodmem {imports['goodmem'] * 1000:.1f} ms, "
        f"httpx alone {imports['httpx'] * 1000:.1f} ms "
        f"(goodmem's own share {(imports['goodmem'] - imports['httpx']) * 1000:.1f} ms)"
    )
    memory = report["memory_list_1000"]
    out.append(
        "memory, list 1000 (tracemalloc peak / retained by the result): "
        + ", ".join(
            f"{COLUMNS[c]} {memory[c]['peak_bytes'] / 2**20:.2f} / "
            f"{memory[c]['retained_bytes'] / 2**20:.2f} MiB"
            for c in ("raw", "sync", "official")
            if c in memory
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
    if not meta["sniffio_installed"]:
        out.append(
            "note: sniffio is not installed: httpcore's async pool retries `import sniffio` "
            "on every pool event, which inflates the AsyncGoodmem loopback numbers"
        )
    out += render_concurrency(report["concurrency"])
    for note in report["equivalence_notes"]:
        out.append(f"note: {note}")
    for problem in report["equivalence_problems"]:
        out.append(f"WARNING: requests differ between columns: {problem}")
    out += ["", *render_targets(targets)]
    return "\n".join(out)
