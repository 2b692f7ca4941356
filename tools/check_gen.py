"""Check that generated/ is exactly what `make gen` writes from openapi.yaml and templates/.

Usage: python tools/check_gen.py FRESH GENERATED

FRESH is a tree the generator just wrote; GENERATED is the committed one. Only files the
generator writes are compared: bytecode, caches and anything else git ignores are skipped, so
running the code (which writes __pycache__ into generated/) never counts as drift. Prints the
files that differ and the command that fixes them; exits 1 on drift.
"""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

_SKIPPED_PARTS = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
_SKIPPED_SUFFIXES = {".pyc", ".pyo"}


def _files(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file()
        and not _SKIPPED_PARTS.intersection(p.relative_to(root).parts)
        and p.suffix not in _SKIPPED_SUFFIXES
    }


def _git_ignored(root: Path, names: set[str]) -> set[str]:
    """The names (relative to root) that git ignores there; empty outside a git checkout.

    Paths need not exist: the fresh tree's names are checked against the committed tree's
    ignore rules (the fresh tree itself lives in the ignored build/).
    """
    if not names:
        return set()
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"],
        cwd=root,
        input="\n".join(sorted(names)),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in (0, 1):  # 128: not a git checkout, or no git
        return set()
    return {line for line in result.stdout.splitlines() if line}


def main(argv: list[str]) -> int:
    fresh, committed = Path(argv[0]), Path(argv[1])
    made, have = _files(fresh), _files(committed)
    ignored = _git_ignored(committed, made | have)
    made, have = made - ignored, have - ignored
    problems: list[str] = []
    for name in sorted(made - have):
        problems.append(f"  missing: {committed / name}")
    for name in sorted(have - made):
        problems.append(f"  not generated (delete it or change the spec): {committed / name}")
    excerpts: list[str] = []
    for name in sorted(made & have):
        new = (fresh / name).read_bytes()
        old = (committed / name).read_bytes()
        if new != old:
            problems.append(f"  differs: {committed / name}")
            if len(excerpts) < 40:
                diff = difflib.unified_diff(
                    old.decode(errors="replace").splitlines(),
                    new.decode(errors="replace").splitlines(),
                    f"{committed / name} (committed)",
                    f"{committed / name} (make gen)",
                    lineterm="",
                    n=1,
                )
                excerpts.extend(list(diff)[: 40 - len(excerpts)])
    if not problems:
        return 0
    print(f"check-gen: {committed} is not what `make gen` writes from openapi.yaml and templates/:")
    print("\n".join(problems))
    if excerpts:
        print("\n".join(["", *excerpts, ""]))
    print("Fix: run `make gen` (never edit generated/ by hand), then commit the result.")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
