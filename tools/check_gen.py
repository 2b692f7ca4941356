"""Check that generated/ is exactly what `make gen` writes from openapi.yaml and templates/.

Usage: python tools/check_gen.py FRESH GENERATED
       python tools/check_gen.py --spec-copy SPEC COPY [--write]

FRESH is a tree the generator just wrote; GENERATED is the committed one. Only files the
generator writes are compared: bytecode, caches and anything else git ignores are skipped, so
running the code (which writes __pycache__ into generated/) never counts as drift. Prints the
files that differ and the command that fixes them; exits 1 on drift.

With --spec-copy it checks that COPY (goodmem/testing/openapi.json, which goodmem.testing
reads with the standard library) is SPEC (openapi.yaml) converted to JSON by spec_json();
with --write, `make gen` writes it.
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

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


def spec_json(yaml_text: str) -> str:
    """The OpenAPI document `yaml_text` as JSON: keys in document order, 1-space indent, UTF-8.

    Raises ValueError for YAML that has no JSON equivalent (a date, a non-string key).
    """
    document = yaml.safe_load(yaml_text)

    def plain(node: Any, where: str) -> Any:
        if isinstance(node, dict):
            for key in node:
                if not isinstance(key, str):
                    raise ValueError(f"{where}: key {key!r} is not a string; quote it")
            return {key: plain(value, f"{where}/{key}") for key, value in node.items()}
        if isinstance(node, list):
            return [plain(item, f"{where}[{index}]") for index, item in enumerate(node)]
        if node is None or isinstance(node, (str, int, float, bool)):
            return node
        raise ValueError(f"{where}: {type(node).__name__} value {node!r} is not JSON; quote it")

    return json.dumps(plain(document, "#"), indent=1, ensure_ascii=False) + "\n"


def check_spec_copy(spec: Path, copy: Path, *, write: bool = False) -> int:
    """0 when `copy` is spec_json(`spec`) (after writing it, with `write`); else 1, saying so."""
    expected = spec_json(spec.read_text(encoding="utf-8"))
    if write:
        copy.write_text(expected, encoding="utf-8")
        return 0
    if copy.exists() and copy.read_text(encoding="utf-8") == expected:
        return 0
    state = "is missing" if not copy.exists() else "differs from"
    print(
        f"check-gen: {copy} {state} {spec} converted to JSON. Fix: run `make gen` (never edit "
        "the copy by hand), then commit it."
    )
    return 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--spec-copy"] and len(sys.argv) in (4, 5):
        write = sys.argv[4:] == ["--write"]
        if len(sys.argv) == 5 and not write:
            sys.exit(f"usage: {sys.argv[0]} --spec-copy SPEC COPY [--write]")
        sys.exit(check_spec_copy(Path(sys.argv[2]), Path(sys.argv[3]), write=write))
    sys.exit(main(sys.argv[1:]))
