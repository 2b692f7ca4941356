"""The wheel ships one import name, goodmem (generated client inside), and installs cleanly.

It also carries the LICENSE and complete metadata, without the development tools.
"""

from __future__ import annotations

import email.message
import email.parser
import re
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKEFILE = (ROOT / "Makefile").read_text()
PY_CLASSIFIER = r"Programming Language :: Python :: 3\.\d+"


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
    assert {t for t in top if not t.endswith(".dist-info")} == {"goodmem"}
    assert "goodmem/py.typed" in names
    assert "goodmem/_generated/models/llm_response.py" in names
    assert "goodmem/_generated/py.typed" in names
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)


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
        "import goodmem, goodmem._generated, importlib.util\n"
        "from goodmem.types import LLMResponse\n"
        "assert importlib.util.find_spec('generated') is None\n"
        "assert importlib.util.find_spec('goodmem_api') is None\n"
        "print(goodmem._generated.__file__)"
    )
    result = subprocess.run(
        [str(python), "-c", probe], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    assert str(env_dir) in result.stdout


def test_a_wheel_built_from_the_sdist_carries_the_generated_client(tmp_path: Path) -> None:
    """The sdist has a real copy of goodmem/_generated (in a checkout it is a symlink)."""
    import tarfile

    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (sdist,) = tmp_path.glob("goodmem-*.tar.gz")
    with tarfile.open(sdist) as archive:
        # the "data" filter where this Python has it (3.11.4+, 3.10.12+; Debian's 3.11.2 not)
        safe: dict[str, str] = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        archive.extractall(tmp_path / "src", **safe)  # type: ignore[arg-type]
    (source,) = (tmp_path / "src").iterdir()
    assert not (source / "goodmem" / "_generated").is_symlink()
    out = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), source],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("goodmem-*.whl")
    assert "goodmem/_generated/models/llm_response.py" in zipfile.ZipFile(path).namelist()


def _metadata(wheel: Path) -> email.message.Message:
    archive = zipfile.ZipFile(wheel)
    (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    return email.parser.Parser().parsestr(archive.read(name).decode())


def test_wheel_ships_the_license(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
    text = archive.read(name).decode()
    assert text == (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License")
    metadata = _metadata(wheel)
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]


def test_wheel_metadata_has_classifiers_and_urls(wheel: Path) -> None:
    metadata = _metadata(wheel)
    classifiers = metadata.get_all("Classifier") or []
    assert any(c.startswith("Development Status :: ") for c in classifiers)
    for expected in ("Operating System :: OS Independent", "Typing :: Typed"):
        assert expected in classifiers
    versions = [c.rsplit(" :: ", 1)[1] for c in classifiers if re.fullmatch(PY_CLASSIFIER, c)]
    # every minor version from the oldest to the newest that `make test-all` runs on
    oldest, newest = re.findall(r"^TEST_PYTHONS := (\S+) (\S+)$", MAKEFILE, re.M)[0]
    minors = range(int(oldest.split(".")[1]), int(newest.split(".")[1]) + 1)
    assert versions == [f"3.{minor}" for minor in minors]
    assert metadata["Requires-Python"] == f">={oldest}"
    urls = dict(u.split(", ", 1) for u in metadata.get_all("Project-URL") or [])
    assert set(urls) >= {"Documentation", "Source", "Changelog"}


def test_wheel_metadata_has_no_development_tools(wheel: Path) -> None:
    """The tools live in a PEP 735 dependency group, which is not published."""
    metadata = _metadata(wheel)
    assert "dev" not in (metadata.get_all("Provides-Extra") or [])
    requirements = " ".join(metadata.get_all("Requires-Dist") or [])
    for tool in ("pytest", "mypy", "ruff", "mkdocs", "openapi-python-client", "hatchling"):
        assert tool not in requirements
