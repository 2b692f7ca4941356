"""tools/check_gen.py: drift in generated/ is named by file; bytecode and ignored files are not."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECK = ROOT / "tools" / "check_gen.py"


def _tree(root: Path) -> Path:
    (root / "models").mkdir(parents=True)
    (root / "__init__.py").write_text('"""pkg"""\n')
    (root / "models" / "thing.py").write_text("x = 1\ny = 2\n")
    return root


def _check(fresh: Path, committed: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECK), str(fresh), str(committed)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_identical_trees_pass_even_with_bytecode_beside_them(tmp_path: Path) -> None:
    fresh, committed = _tree(tmp_path / "fresh"), _tree(tmp_path / "committed")
    (committed / "__pycache__").mkdir()
    (committed / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"\0bytecode")
    (committed / "models" / "thing.pyc").write_bytes(b"\0")
    result = _check(fresh, committed)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_a_hand_edit_is_named_with_the_fix(tmp_path: Path) -> None:
    fresh, committed = _tree(tmp_path / "fresh"), _tree(tmp_path / "committed")
    (committed / "models" / "thing.py").write_text("x = 1\ny = 3\n")
    result = _check(fresh, committed)
    assert result.returncode == 1
    assert f"differs: {committed / 'models' / 'thing.py'}" in result.stdout
    assert "-y = 3" in result.stdout and "+y = 2" in result.stdout
    assert "run `make gen`" in result.stdout


def test_missing_and_extra_files_are_named(tmp_path: Path) -> None:
    fresh, committed = _tree(tmp_path / "fresh"), _tree(tmp_path / "committed")
    (fresh / "models" / "new.py").write_text("z = 1\n")
    (committed / "models" / "old.py").write_text("z = 0\n")
    result = _check(fresh, committed)
    assert result.returncode == 1
    assert f"missing: {committed / 'models' / 'new.py'}" in result.stdout
    assert f"not generated (delete it or change the spec): {committed / 'models' / 'old.py'}" in (
        result.stdout
    )


def test_the_committed_tree_matches_a_copy_of_itself() -> None:
    """The real generated/ passes against itself, whatever bytecode running the tests left."""
    generated = ROOT / "generated" / "goodmem_api"
    result = _check(generated, generated)
    assert result.returncode == 0, result.stdout


def test_git_ignored_files_do_not_count(tmp_path: Path) -> None:
    if shutil.which("git") is None:  # pragma: no cover - git is part of the toolchain
        raise AssertionError("git is needed to build and check this project")
    repo = tmp_path / "repo"
    committed = _tree(repo / "gen")
    fresh = _tree(tmp_path / "fresh")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".gitignore").write_text("*.log\n")
    (committed / "models" / "debug.log").write_text("noise\n")
    result = _check(fresh, committed)
    assert result.returncode == 0, result.stdout


# --- the JSON copy of the spec goodmem.testing ships ------------------------------------------


def _spec_copy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECK), "--spec-copy", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_shipped_spec_copy_is_current() -> None:
    result = _spec_copy(str(ROOT / "openapi.yaml"), str(ROOT / "goodmem/testing/openapi.json"))
    assert (result.returncode, result.stdout) == (0, "")


def test_a_stale_spec_copy_is_named_with_the_fix(tmp_path: Path) -> None:
    spec, copy = tmp_path / "openapi.yaml", tmp_path / "openapi.json"
    spec.write_text("openapi: 3.0.3\ninfo: {title: t, version: '1'}\n")
    assert _spec_copy(str(spec), str(copy), "--write").returncode == 0
    assert (
        copy.read_text()
        == '{\n "openapi": "3.0.3",\n "info": {\n  "title": "t",\n  "version": "1"\n }\n}\n'
    )
    assert _spec_copy(str(spec), str(copy)).returncode == 0

    spec.write_text("openapi: 3.0.3\ninfo: {title: changed, version: '1'}\n")
    result = _spec_copy(str(spec), str(copy))
    assert result.returncode == 1
    assert f"check-gen: {copy} differs from {spec} converted to JSON" in result.stdout
    assert "run `make gen`" in result.stdout


def test_yaml_without_a_json_form_is_refused(tmp_path: Path) -> None:
    spec, copy = tmp_path / "openapi.yaml", tmp_path / "openapi.json"
    spec.write_text("responses:\n  200: {description: ok}\n")  # an int key: quote it
    result = _spec_copy(str(spec), str(copy), "--write")
    assert result.returncode != 0
    assert "#/responses: key 200 is not a string; quote it" in result.stderr
