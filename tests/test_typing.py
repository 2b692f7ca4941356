"""What users' tools see: pyright's type completeness, strict checks of a sample app, jedi.

The wheel is installed into a fresh venv, so pyright sees the package as users get it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "typing" / "sample_app.py"
MISTAKES = ROOT / "tests" / "typing" / "mistakes.py"
MIN_COMPLETENESS = 0.95
PYRIGHT = shutil.which("pyright", path=str(Path(sys.executable).parent))


@pytest.fixture(scope="module")
def user_venv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A venv with the built wheel (and its dependencies) installed, as a user would have it."""
    base = tmp_path_factory.mktemp("typing")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(base), ROOT],
        check=True,
        capture_output=True,
    )
    (wheel,) = base.glob("goodmem_llm_registry-*.whl")
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=True)
    subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    yield env_dir


def _pyright(user_venv: Path, *args: str) -> dict[str, object]:
    assert PYRIGHT is not None, "pyright is a dev dependency: make test installs it"
    env = {**os.environ, "PATH": f"{user_venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        [PYRIGHT, "--outputjson", *args],
        env=env,
        cwd=user_venv.parent,  # outside the repo: only the installed wheel is importable
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report: dict[str, object] = json.loads(result.stdout)
    return report


def test_pyright_type_completeness_of_the_public_api(user_venv: Path) -> None:
    report = _pyright(user_venv, "--verifytypes", "goodmem", "--ignoreexternal")
    completeness = report["typeCompleteness"]
    assert isinstance(completeness, dict)
    score = completeness["completenessScore"]
    problems = [
        f"{symbol['name']}: {diag['message']}"
        for symbol in completeness["symbols"]
        if not symbol["isTypeKnown"]
        for diag in symbol.get("diagnostics", [])
    ]
    assert score >= MIN_COMPLETENESS, f"{score:.1%} < {MIN_COMPLETENESS:.0%}:\n" + "\n".join(
        problems[:40]
    )


def test_pyright_accepts_the_sample_application(user_venv: Path) -> None:
    target = user_venv.parent / "sample_app.py"
    shutil.copy(SAMPLE, target)
    report = _pyright(user_venv, str(target))
    diagnostics = report["generalDiagnostics"]
    assert isinstance(diagnostics, list)
    errors = [
        f"line {d['range']['start']['line'] + 1}: {d['message']}"
        for d in diagnostics
        if d["severity"] == "error"
    ]
    assert errors == []


def test_mypy_strict_accepts_the_sample_application() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(SAMPLE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_jedi_shows_signatures_and_result_types() -> None:
    """Editors that read code statically (jedi: many editors, IPython) see the methods."""
    import jedi

    project = jedi.Project(ROOT)
    prefix = "import goodmem\nclient = goodmem.Goodmem()\n"
    for resource in ("client.llms", "client.llms.with_raw_response"):
        for method in ("create", "get", "list", "update", "delete"):
            line = f"{resource}.{method}("
            signatures = jedi.Script(prefix + line, project=project).get_signatures(3, len(line))
            assert signatures, line
            # jedi does not expand `**params: Unpack[TypedDict]` (PEP 692): it shows `params`;
            # pyright (below) checks every keyword
            assert [p.name for p in signatures[0].params][-1] == "params"
    create = "client.llms.create("
    (signature,) = jedi.Script(prefix + create, project=project).get_signatures(3, len(create))
    assert "Register a new LLM" in signature.docstring()

    for code, member in [
        ("client.llms.get('x').", "display_name"),
        ("client.llms.create(display_name='x', model_identifier='y').llm.", "llm_id"),
        ("client.llms.with_raw_response.get('x').", "status_code"),
        ("client.llms.with_raw_response.get('x').parse().", "model_identifier"),
    ]:
        names = {c.name for c in jedi.Script(prefix + code, project=project).complete(3, len(code))}
        assert member in names, code


def _marked_lines(path: Path) -> set[int]:
    """The lines of `path` marked `# wrong`: each must be a type error, and only they."""
    lines = path.read_text().splitlines()
    return {n for n, line in enumerate(lines, 1) if line.startswith("    ") and "# wrong" in line}


def test_pyright_rejects_each_mistake_and_nothing_else(user_venv: Path) -> None:
    target = user_venv.parent / "mistakes.py"
    shutil.copy(MISTAKES, target)
    report = _pyright(user_venv, str(target))
    diagnostics = report["generalDiagnostics"]
    assert isinstance(diagnostics, list)
    flagged = {d["range"]["start"]["line"] + 1 for d in diagnostics if d["severity"] == "error"}
    assert flagged == _marked_lines(MISTAKES), diagnostics


def test_mypy_rejects_each_mistake_and_nothing_else() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(MISTAKES)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    flagged = {
        int(line.split(":")[1])
        for line in result.stdout.splitlines()
        if line.startswith(str(MISTAKES.relative_to(ROOT))) and ": error:" in line
    }
    assert flagged == _marked_lines(MISTAKES), result.stdout
