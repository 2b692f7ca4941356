"""The documentation site: every public name has a docstring, and the strict build catches errors.

`make docs` (part of `make test`) builds the real site in strict mode, through
tools/build_docs.py, which also fails on references left as text in the built pages. These
tests check what that build alone would not: a missing docstring (mkdocstrings silently leaves
the name out), a public name without an entry in the API reference, that the build really fails
on a broken reference, and that the pages load nothing from the network. The docs toolchain
needs Python >= 3.11, so on 3.10 these tests are skipped.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import griffe
else:
    griffe = pytest.importorskip("griffe", reason="the docs toolchain needs Python >= 3.11")

ROOT = Path(__file__).resolve().parent.parent

# The modules whose __all__ is the public API (goodmem.llms: the classes of `client.llms`).
PUBLIC_MODULES = ("goodmem", "goodmem.llms", "goodmem.types", "goodmem.testing")
# What every generated model has (to_dict, from_dict, ...): described once in the text of the
# goodmem.types page and hidden from its entries by filters, which are read from that page.
GENERATED_PLUMBING = frozenset(
    re.findall(r'"!\^(\w+)\$"', (ROOT / "docs" / "reference" / "types.md").read_text())
)


def load_goodmem() -> griffe.Module:
    """goodmem as the API reference sees it (griffe's static analysis)."""
    package = griffe.load("goodmem", search_paths=[ROOT])
    assert isinstance(package, griffe.Module)
    return package


def undocumented(package: griffe.Module, modules: tuple[str, ...] = PUBLIC_MODULES) -> list[str]:
    """The public names of `modules` (and the public members of their classes) without docs.

    A module-level name needs a docstring. A class member needs one too, except an attribute
    that the docstring of the class defining it names in backticks (`status_code`), and enum
    members. Members are reported where they are defined (inherited ones once).
    """
    missing: set[str] = set()
    for module_path in modules:
        module = package if module_path == package.path else package[module_path.split(".", 1)[1]]
        exports = module.exports
        assert exports, f"{module_path} has no __all__"
        for name in map(str, exports):
            if name.startswith("__") and name != "__version__":
                continue
            obj = _target(module[name])
            if not obj.docstring:
                missing.add(f"{module_path}.{name}")
            if obj.is_class:
                missing.update(_undocumented_members(obj))
    return sorted(missing)


def _target(obj: Any) -> Any:
    return obj.final_target if obj.is_alias else obj


def _undocumented_members(cls: Any) -> set[str]:
    missing = set()
    for name, member in cls.all_members.items():
        if name.startswith("_") or name in GENERATED_PLUMBING:
            continue
        target = _target(member)
        owner = target.parent
        if not target.path.startswith("goodmem.") and owner.path != cls.path:
            continue  # inherited from outside the package (Exception, MutableMapping, ...)
        if target.docstring:
            continue
        if target.is_attribute:
            owner_doc = owner.docstring.value if owner.docstring else ""
            if f"`{name}`" in owner_doc or any(str(b).endswith("Enum") for b in owner.bases):
                continue
        missing.add(target.path)
    return missing


def test_every_public_name_has_a_docstring() -> None:
    assert {"to_dict", "from_dict"} <= GENERATED_PLUMBING
    missing = undocumented(load_goodmem())
    assert not missing, "public names without a docstring:\n" + "\n".join(missing)


def test_the_docstring_check_finds_what_is_missing(tmp_path: Path) -> None:
    """The checker itself: a bare function, method and attribute are reported; the rest not."""
    package = tmp_path / "sample"
    package.mkdir()
    (package / "__init__.py").write_text(
        '"""A sample package."""\n'
        '__all__ = ["Documented", "bare", "LIMIT", "TOLD"]\n'
        "LIMIT = 3\n"
        "TOLD = 4\n"
        '"""Documented right here."""\n'
        "def bare(): pass\n"
        "class Documented:\n"
        '    """Has `size`."""\n'
        "    size: int\n"
        "    colour: str\n"
        "    def method(self): pass\n"
        "    def _private(self): pass\n"
        "    def told(self):\n"
        '        """Told."""\n'
    )
    loaded = griffe.load("sample", search_paths=[tmp_path])
    assert isinstance(loaded, griffe.Module)
    assert undocumented(loaded, ("sample",)) == [
        "sample.Documented.colour",
        "sample.Documented.method",
        "sample.LIMIT",
        "sample.bare",
    ]


def test_every_public_name_has_an_entry_in_the_api_reference() -> None:
    """Each name of a public module's __all__ has its own `::: name` in docs/reference/, or
    its whole module has one (goodmem.types, goodmem.testing render all their names)."""
    entries = {
        match
        for page in (ROOT / "docs" / "reference").glob("*.md")
        for match in re.findall(r"^::: ([\w.]+)$", page.read_text(), re.M)
    }
    package = load_goodmem()
    missing = []
    for module_path in PUBLIC_MODULES:
        if module_path in entries:
            continue
        module = package if module_path == package.path else package[module_path.split(".", 1)[1]]
        missing += [f"{module_path}.{n}" for n in map(str, module.exports)]
    missing = [name for name in missing if name not in entries]
    assert not missing, "public names missing from docs/reference/*.md:\n" + "\n".join(missing)


def test_llms_methods_are_documented_as_methods() -> None:
    """The reference shows the five methods of every `client.llms` class (written once)."""
    llms = load_goodmem()["llms"]
    for cls in ("LLMs", "AsyncLLMs", "LLMsWithRawResponse", "AsyncLLMsWithRawResponse"):
        for name in ("create", "get", "list", "update", "delete"):
            method = llms[cls].all_members[name]
            assert method.is_function, f"{cls}.{name} is a {method.kind.value}"
            assert method.docstring, f"{cls}.{name}"
        create = [str(p.annotation) for p in llms[cls].all_members["create"].parameters]
        assert "Unpack[LLMCreateParams]" in create, create


# -- the strict build ---------------------------------------------------------------------------

BUILD_DOCS = ROOT / "tools" / "build_docs.py"  # what `make docs` runs


def test_make_docs_builds_through_the_checking_script() -> None:
    recipe = re.search(r"^docs:.*?\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M)
    assert recipe, "no docs target in the Makefile"
    assert "tools/build_docs.py" in recipe.group(1)
    assert "mkdocs build" not in recipe.group(1), "make docs must build through the script"


def _config(tmp_path: Path, docs: Path, *, nav: str = "") -> Path:
    """A config that is the project's mkdocs.yml (INHERIT) with other pages and site dir."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\n{nav}"
    )
    return config


def _build_docs(tmp_path: Path, config: Path) -> subprocess.CompletedProcess[str]:
    """tools/build_docs.py, as `make docs` runs it (from the repository root)."""
    return subprocess.run(
        [sys.executable, str(BUILD_DOCS), "-f", str(config), "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _build(tmp_path: Path, page: str) -> subprocess.CompletedProcess[str]:
    """Build a one-page site with the project's configuration."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(page)
    return _build_docs(tmp_path, _config(tmp_path, docs, nav="nav:\n  - index.md\n"))


def test_strict_build_fails_on_a_broken_reference(tmp_path: Path) -> None:
    result = _build(tmp_path, "# Broken\n\nSee [the client][goodmem.NoSuchClient].\n")
    assert result.returncode != 0
    assert "goodmem.NoSuchClient" in result.stdout


def test_the_docs_with_one_unresolved_reference_fail_to_build(tmp_path: Path) -> None:
    """A copy of the real docs: clean as they are, and one bad reference fails the build.

    `mkdocs build --strict --quiet` passed such a build (--quiet drops the warnings that
    strict mode counts); five references rendered as literal text that way.
    """
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    config = _config(tmp_path, docs)
    clean = _build_docs(tmp_path, config)
    assert (clean.returncode, clean.stdout) == (0, ""), clean.stdout + clean.stderr

    page = docs / "configuration.md"
    page.write_text(
        page.read_text() + "\nSee [`NoSuchError`][goodmem.NoSuchError].\n", encoding="utf-8"
    )
    broken = _build_docs(tmp_path, config)
    assert broken.returncode == 1
    assert (
        "configuration.md: Could not find cross-reference target 'goodmem.NoSuchError'"
        in broken.stdout
    ), broken.stdout
    assert "INFO" not in broken.stdout  # only what is wrong is shown


def test_a_reference_that_autorefs_never_sees_fails_the_build(tmp_path: Path) -> None:
    """In a raw HTML block Markdown is not rendered, so autorefs cannot warn: the scan of the
    built page finds the literal `[...][id]`, and only outside code."""
    page = (
        "# Raw\n\n<div>\nSee [the client][goodmem.Goodmem].\n</div>\n\n"
        "`x[0][i]` is code.\n\n```python\nrows[0][i] = 1\n```\n"
    )
    result = _build(tmp_path, page)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].endswith("index.html: unresolved reference [the client][goodmem.Goodmem]")
    assert len(lines) == 2 and "1 reference(s) rendered as text" in lines[1], result.stdout


def test_the_scan_reads_text_not_code() -> None:
    spec = importlib.util.spec_from_file_location("build_docs", BUILD_DOCS)
    assert spec is not None and spec.loader is not None
    build_docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_docs)
    html = (
        "<p>[<code>Goodmem</code>][goodmem.Goodmem] and [b][]</p>"
        "<ul><li>[a]</li><li>[b]</li></ul><pre>[x][y]</pre><code>m[0][i]</code>"
        '<autoref identifier="z">z</autoref>'
    )
    assert build_docs.unresolved_references(html) == [
        "[...][goodmem.Goodmem]",
        "[b][]",
        "<autoref> element",
    ]


def test_built_pages_load_nothing_from_the_network(tmp_path: Path) -> None:
    """A page with a reference and an API entry builds, and every asset it loads is local."""
    result = _build(
        tmp_path, "# Fine\n\nSee [the client][goodmem.Goodmem].\n\n::: goodmem.Goodmem\n"
    )
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert 'id="goodmem.Goodmem"' in html
    assets = re.findall(r'<(?:script|link|img)\b[^>]*?\b(?:src|href)="([^"]+)"', html)
    assert assets
    remote = [url for url in assets if re.match(r"(https?:)?//", url)]
    assert not remote, f"assets loaded from the network: {remote}"
