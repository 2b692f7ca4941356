"""tools/compat/run.py: the cached venv is rebuilt only when the pins change, and a venv that
cannot be built fails `make compat` with a message saying so (never a silent skip)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "tools" / "compat" / "run.py"


@pytest.fixture(scope="module")
def run() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compat_run", RUN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_pins_are_the_official_clients() -> None:
    pins = [
        line
        for line in (ROOT / "tools" / "compat" / "requirements.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]

    assert pins == ["goodmem==0.1.43", "goodmem-client==1.5.14"]


def test_the_cache_key_follows_the_pins(run: ModuleType, tmp_path: Path) -> None:
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text("goodmem==0.1.43\n")
    two.write_text("goodmem==0.1.44\n")

    assert run.cache_key(one) == run.cache_key(one)
    assert run.cache_key(one) != run.cache_key(two)


def test_a_venv_built_from_the_same_pins_is_reused(
    run: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("goodmem==0.1.43\n")
    python = tmp_path / "cache" / "venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.touch()
    (tmp_path / "cache" / "venv" / ".compat-key").write_text(run.cache_key(requirements))

    def no_build(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("rebuilt a venv that was current")

    monkeypatch.setattr(subprocess, "run", no_build)

    assert run.ensure_venv(tmp_path / "cache", requirements) == python


def test_a_venv_that_cannot_be_built_fails_with_a_clear_message(tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache directory should be")  # venv creation fails

    result = subprocess.run(
        [sys.executable, str(RUN), "--cache-dir", str(blocked)],
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 2
    assert result.stderr.startswith(
        f"compat: FAILED: cannot build the compatibility venv {blocked / 'venv'} "
        "with goodmem==0.1.43 goodmem-client==1.5.14."
    )
    assert "The failing step said:" in result.stderr
    assert "compat: both official clients passed" not in result.stdout
