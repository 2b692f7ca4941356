"""The README's and the docs pages' code blocks and the quickstart run as written.

They run against the embedded GoodMem. In docs/, every ```python block of a page runs, in order,
in one fresh interpreter per page, with GOODMEM_BASE_URL and GOODMEM_API_KEY pointing at a
FakeGoodmem served over loopback HTTP. A block that cannot run (say, it needs a real server)
opts out only visibly: the line before its fence is `<!-- docs-test: skip: <why> -->`. The
```sh blocks of the command-line pages run too, in tests/cli/test_docs_shell.py.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from goodmem.testing import FakeGoodmem

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent


def _python_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.DOTALL)


@pytest.fixture
def server_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A FakeGoodmem over loopback HTTP, announced through GOODMEM_* variables."""
    fake = FakeGoodmem()
    with fake.serve() as server:
        env = {"GOODMEM_BASE_URL": server.url, "GOODMEM_API_KEY": fake.api_key}
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        yield env


def test_readme_has_the_two_commands_first() -> None:
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    assert first_block.startswith("make demo")
    assert "make test" in first_block


def test_readme_python_blocks_run_in_order(
    server_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = _python_blocks((ROOT / "README.md").read_text())
    assert len(blocks) >= 4
    namespace: dict[str, Any] = {"__name__": "readme"}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    out = capsys.readouterr().out
    assert "Support bot" in out
    assert "404 NOT_FOUND" in out


def _run_quickstart(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GOODMEM_")}
    return subprocess.run(
        [sys.executable, str(ROOT / "examples" / "quickstart.py")],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_quickstart_runs_on_the_embedded_goodmem() -> None:
    result = _run_quickstart({})
    assert result.returncode == 0, result.stderr
    assert "using the embedded GoodMem" in result.stdout
    assert "ConflictError: HTTP 409 ALREADY_EXISTS" in result.stdout
    assert "gone: get now raises NotFoundError" in result.stdout
    assert "sk-quickstart-demo-key" not in result.stdout + result.stderr


def test_quickstart_uses_the_configured_server(server_env: dict[str, str]) -> None:
    result = _run_quickstart(server_env)
    assert result.returncode == 0, result.stderr
    assert f"Using the GoodMem server at {server_env['GOODMEM_BASE_URL']}" in result.stdout
    assert "ConflictError: HTTP 409" in result.stdout


# -- docs/ ----------------------------------------------------------------------------------------

DOCS = ROOT / "docs"
SKIP_MARKER = re.compile(r"<!-- docs-test: skip: (?P<why>\S.*?) -->")
FENCE_LANGUAGES = {"python", "sh", "text"}  # anything else might be Python that never runs
MAX_CODE_WIDTH = 79  # what a page's code column shows without scrolling at 1280 px
# What some pages' examples print, so an example whose `except` branch stops being reached fails.
EXPECTED_OUTPUT = {
    "errors.md": [
        "did you mean gpt-4o-mini",
        "404 NOT_FOUND",
        "Request timed out on GET ",
        "required field 'llms' is missing",
        "[('POST', None), ('POST', 409), ('GET', 200), ('GET', 200)]",
    ],
    "quickstart.md": ["Support bot", "['Local llama']"],
}


class Block:
    """A fenced code block of a docs page."""

    def __init__(self, page: Path, line: int, language: str, code: str, skip: str | None) -> None:
        self.page, self.line, self.language, self.code, self.skip = page, line, language, code, skip


def _blocks(page: Path) -> list[Block]:
    """The page's top-level fenced blocks; `line` is the 1-based line of the first code line."""
    blocks: list[Block] = []
    lines = page.read_text().splitlines()
    index = 0
    while index < len(lines):
        fence = re.fullmatch(r"```(\S*)", lines[index])
        if fence is None:
            index += 1
            continue
        end = lines.index("```", index + 1)
        before = next((ln for ln in reversed(lines[:index]) if ln.strip()), "")
        marker = SKIP_MARKER.fullmatch(before.strip())
        code = "\n".join(lines[index + 1 : end]) + "\n"
        blocks.append(Block(page, index + 2, fence.group(1), code, marker and marker["why"]))
        index = end + 1
    return blocks


def _pages_with_python() -> list[Path]:
    pages = sorted(DOCS.rglob("*.md"))
    return [p for p in pages if any(b.language == "python" for b in _blocks(p))]


# Runs the blocks it reads from stdin in one namespace; tracebacks name the page and its line.
_RUNNER = """
import ast, json, sys
namespace = {"__name__": "__main__"}
for path, line, code in json.load(sys.stdin):
    tree = ast.parse(code, path)
    ast.increment_lineno(tree, line - 1)
    exec(compile(tree, path, "exec"), namespace)
"""


@pytest.mark.parametrize("page", _pages_with_python(), ids=lambda p: str(p.relative_to(DOCS)))
def test_docs_page_python_blocks_run_in_order(page: Path, server_env: dict[str, str]) -> None:
    blocks = [b for b in _blocks(page) if b.language == "python" and b.skip is None]
    for block in blocks:
        ast.parse(block.code)  # a syntax error names the block before anything runs
    payload = [[str(b.page.relative_to(ROOT)), b.line, b.code] for b in blocks]
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GOODMEM_")}
    result = subprocess.run(
        [sys.executable, "-c", _RUNNER],
        input=json.dumps(payload),
        env={**clean, **server_env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for expected in EXPECTED_OUTPUT.get(str(page.relative_to(DOCS)), []):
        assert expected in result.stdout, f"{expected!r} not printed:\n{result.stdout}"


def test_docs_code_blocks_are_python_or_marked_not_to_run() -> None:
    """No Python hides in a block the test does not run; opt-outs say why; no line scrolls."""
    for page in sorted(DOCS.rglob("*.md")):
        text = page.read_text()
        for block in _blocks(page):
            where = f"{page.relative_to(ROOT)}:{block.line}"
            assert block.language in FENCE_LANGUAGES, f"{where}: fence language {block.language!r}"
            if block.skip is not None:  # sh blocks run on tests/cli/test_docs_shell.py's pages
                assert block.language in ("python", "sh"), f"{where}: {block.language} is not run"
            wide = [ln for ln in block.code.splitlines() if len(ln) > MAX_CODE_WIDTH]
            assert not wide, (
                f"{where}: lines wider than {MAX_CODE_WIDTH} scroll on the page: {wide}"
            )
        assert text.count("docs-test:") == len([b for b in _blocks(page) if b.skip]), (
            f"{page.relative_to(ROOT)}: a docs-test marker that is not right before a block"
        )
    assert set(EXPECTED_OUTPUT) <= {str(p.relative_to(DOCS)) for p in _pages_with_python()}


# Blocks that are pytest test modules: marked `docs-test: skip: a pytest module: ...`, run here
PYTEST_MODULES = {"testing.md": 5}  # page -> how many tests its module has


@pytest.mark.parametrize("page", sorted(PYTEST_MODULES))
def test_docs_pytest_modules_pass_under_pytest(page: str, pytester: pytest.Pytester) -> None:
    """The module runs as a user's would: the plugin from its entry point, no conftest.py."""
    (block,) = [b for b in _blocks(DOCS / page) if b.skip and b.skip.startswith("a pytest module")]
    pytester.makepyfile(test_from_docs=block.code)
    # pytest-asyncio warns (an error under -W error) when this option is unset
    loop_scope = "asyncio_default_fixture_loop_scope=function"
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-W", "error", "-o", loop_scope
    )
    result.assert_outcomes(passed=PYTEST_MODULES[page])


def test_the_block_parser_sees_skips_and_lines(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n```python\nx = 1\n```\n\n<!-- docs-test: skip: needs a real server -->\n"
        "```python\nraise SystemExit\n```\n"
    )
    first, second = _blocks(page)
    assert (first.line, first.code, first.skip) == (4, "x = 1\n", None)
    assert (second.line, second.skip) == (9, "needs a real server")


def test_errors_page_exception_tree_matches_the_classes() -> None:
    """The tree drawn in docs/errors.md is the real class hierarchy, and complete."""
    import goodmem

    text = (DOCS / "errors.md").read_text()
    tree = text.split("## The exception tree", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    parents: dict[int, str] = {}
    drawn: dict[str, str | None] = {}
    for line in tree.splitlines():
        match = re.search(r"[A-Za-z]+$", line)
        assert match, line
        depth = match.start() // 4
        drawn[match.group()] = parents.get(depth - 1)
        parents[depth] = match.group()
    exported = {
        name
        for name in goodmem.__all__
        if isinstance(getattr(goodmem, name), type)
        and issubclass(getattr(goodmem, name), goodmem.GoodmemError)
    }
    assert set(drawn) == exported
    for name, parent in drawn.items():
        base = getattr(goodmem, name).__bases__[0].__name__
        assert parent == (None if name == "GoodmemError" else base), name
