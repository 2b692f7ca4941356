"""The wheel ships one import name, goodmem (generated client inside), and installs cleanly.

It also carries the LICENSE and complete metadata, without the development tools. The
distribution is goodmem-llm-registry: `goodmem` on PyPI is the official GoodMem SDK.
"""

from __future__ import annotations

import email.message
import email.parser
import json
import re
import subprocess
import sys
import urllib.request
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKEFILE = (ROOT / "Makefile").read_text()
PY_CLASSIFIER = r"Programming Language :: Python :: 3\.\d+"
DISTRIBUTION = "goodmem-llm-registry"
WHEEL_GLOB = "goodmem_llm_registry-*.whl"  # file names use the normalized name (PEP 427, 625)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), ROOT],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob(WHEEL_GLOB)
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
    # the console script; `serve` needs no extra: it answers over loopback
    command = env_dir / "bin" / "goodmem"
    version = subprocess.run([str(command), "--version"], capture_output=True, text=True)
    assert version.stdout.startswith("goodmem ") and version.returncode == 0
    server = subprocess.Popen(
        [str(command), "serve", "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        lines = [server.stdout.readline() for _ in range(2)]
        url = next(line.split("=", 1)[1].strip() for line in lines if "BASE_URL=" in line)
        key = next(line.split("=", 1)[1].strip() for line in lines if "API_KEY=" in line)
        request = urllib.request.Request(f"{url}/v1/llms", headers={"x-api-key": key})
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert json.load(answer) == {"llms": []}
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_wheel_declares_the_goodmem_command(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = archive.read(name).decode()
    assert "[console_scripts]\ngoodmem = goodmem._cli:main\n" in text


def test_a_wheel_built_from_the_sdist_carries_the_generated_client(tmp_path: Path) -> None:
    """The sdist has a real copy of goodmem/_generated (in a checkout it is a symlink)."""
    import tarfile

    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (sdist,) = tmp_path.glob("goodmem_llm_registry-*.tar.gz")
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
    (path,) = out.glob(WHEEL_GLOB)
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


def test_the_distribution_is_not_named_like_the_official_sdk(wheel: Path) -> None:
    """`pip install goodmem` installs the official GoodMem SDK (another import of `goodmem`)."""
    metadata = _metadata(wheel)
    assert metadata["Name"] == DISTRIBUTION
    assert metadata.get_all("Provides-Extra") == ["testing", "yaml"]


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


# -- the install commands users read ------------------------------------------------------------

# Where users read an install command: the README, the changelog, the docs site, the package's
# own messages and docstrings, the examples and the Makefile.
INSTALL_TEXTS = ("README.md", "CHANGELOG.md", "Makefile", "pyproject.toml")
INSTALL_TREES = ("docs", "goodmem", "examples")
_INSTALL_COMMAND = re.compile(r"\b(?:pip3?|pipx|uv pip|uv tool|uv|uvx) (?:install|add|run)\b(.*)")
_REQUIREMENT = re.compile(r"goodmem(?:\[[^\]]*\])?(?:[<>=!~;@].*)?")
_EXTRAS = re.compile(r"(?<![\w.-])goodmem\[\w[\w,\s]*\]")


def installs_of_the_official_sdk(text: str) -> list[str]:
    """The lines of `text` that would install PyPI's `goodmem` (the official SDK), not us."""
    found = []
    for line in text.splitlines():
        command = _INSTALL_COMMAND.search(line)
        # the command ends at the end of the line, or of the `inline code` it is written in
        words = command.group(1).split("`")[0].split() if command else []
        # `pipx run --spec REQ APP ...`, `uv tool run --from REQ APP`: REQ is what installs,
        # APP the command it runs (ours is named goodmem too)
        for option in ("--spec", "--from"):
            if option in words[:-1]:
                words = [words[words.index(option) + 1]]
        if any(_REQUIREMENT.fullmatch(w.strip("'\"")) for w in words) or _EXTRAS.search(line):
            found.append(line.strip())
    return found


def test_no_install_command_names_the_official_sdk() -> None:
    files = [ROOT / name for name in INSTALL_TEXTS]
    files += [p for tree in INSTALL_TREES for p in sorted((ROOT / tree).rglob("*.py"))]
    files += [p for tree in INSTALL_TREES for p in sorted((ROOT / tree).rglob("*.md"))]
    problems = []
    for path in files:
        for line in installs_of_the_official_sdk(path.read_text(encoding="utf-8")):
            problems.append(f"{path.relative_to(ROOT)}: {line}")
    assert not problems, (
        f"these install PyPI's `goodmem` (the official SDK); ours is {DISTRIBUTION}:\n"
        + "\n".join(problems)
    )


@pytest.mark.parametrize(
    "line",
    [
        "pip install goodmem",
        "Run `pip install goodmem` first.",
        "pip install -U 'goodmem[testing]'",
        'pip install "goodmem>=0.1"',
        "uv add goodmem",
        "pipx install goodmem",
        "needs PyYAML (goodmem[testing])",
        "pipx run goodmem serve",
        "pipx run --spec goodmem goodmem serve",
        "uv tool run --from 'goodmem[testing]' goodmem serve",
    ],
)
def test_the_install_check_finds_the_official_name(line: str) -> None:
    assert installs_of_the_official_sdk(line) == [line.strip()]


@pytest.mark.parametrize(
    "line",
    [
        f"pip install {DISTRIBUTION}",
        f"pip install '{DISTRIBUTION}[testing]'",
        "pip install --group dev",
        "import goodmem",
        'logging.getLogger("goodmem")',
        "imports['goodmem'] * 1000",
        f"pipx run --spec {DISTRIBUTION} goodmem serve",
        f"pipx run --spec '{DISTRIBUTION}[testing]' goodmem serve --port 8080",
        f"uv tool run --from {DISTRIBUTION} goodmem llms list",
    ],
)
def test_the_install_check_lets_our_name_pass(line: str) -> None:
    assert installs_of_the_official_sdk(line) == []
