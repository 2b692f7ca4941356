"""The built wheel ships goodmem and goodmem_api, and installs into an empty venv."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), ROOT],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("goodmem-*.whl")
    return path


def test_wheel_has_only_goodmem_top_level_packages(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names}
    assert {t for t in top if not t.endswith(".dist-info")} == {"goodmem", "goodmem_api"}
    assert "goodmem/py.typed" in names
    assert "goodmem_api/models/llm_response.py" in names
    assert not any(n.startswith("generated") for n in names)


def test_wheel_installs_and_imports_in_an_empty_venv(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
    )
    probe = (
        "import goodmem, goodmem_api, importlib.util\n"
        "from goodmem_api.models import LLMResponse\n"
        "assert importlib.util.find_spec('generated') is None\n"
        "print(goodmem_api.__file__)"
    )
    result = subprocess.run(
        [str(python), "-c", probe], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    assert str(env_dir) in result.stdout
