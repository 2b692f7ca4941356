"""The shell examples of the command-line pages run as written, and print what the pages show.

For each page in SHELL_PAGES, every ```sh block runs, in order, in one bash (`set -euo
pipefail`) in a fresh directory, with `goodmem` on PATH and GOODMEM_* pointing at a fresh
`goodmem serve`. A block that cannot run (it serves until Ctrl-C, or installs from PyPI) is
marked `<!-- docs-test: skip: <why> -->` on the line before its fence. A ```text block right
after an ```sh block (nothing but blank lines between) is that block's output: it must be
what the block printed (stdout and stderr), once ids, times and the server's port are
replaced by placeholders on both sides.

`python -m tests.cli.test_docs_shell docs/cli.md` prints what each block printed, to paste.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from tests.test_docs import Block, _blocks

from .conftest import COMMAND, clean_environment, start_serve, stop

ROOT = Path(__file__).resolve().parents[2]
SHELL_PAGES = ["docs/cli.md", "docs/fleet.md"]
_END = "@@docs-test: end of block {}@@"
_PLACEHOLDERS = [
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<uuid>"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"), "<time>"),
    (re.compile(r"http://127\.0\.0\.1:\d+"), "<server>"),
]


def shell_blocks(page: Path) -> list[tuple[Block, Block | None]]:
    """The page's sh blocks, each with the text block that shows its output (or None)."""
    lines = page.read_text().splitlines()
    blocks = _blocks(page)
    paired: list[tuple[Block, Block | None]] = []
    for index, block in enumerate(blocks):
        if block.language != "sh":
            continue
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        closing = block.line - 1 + len(block.code.splitlines())  # 0-based: the closing fence
        between = lines[closing + 1 : after.line - 2] if after is not None else ["x"]
        is_output = (
            after is not None
            and after.language == "text"
            and not any(line.strip() for line in between)
        )
        paired.append((block, after if is_output else None))
    return paired


# argparse before 3.13 writes "-f FILE, --file FILE", from 3.13 "-f, --file FILE", and then
# wraps the help column differently: compared as words, the help texts are the same
_SHORT_METAVAR = re.compile(r"(?<!\S)(-\w) [A-Z][A-Z_]*, (--)")


def normalized(text: str) -> str:
    for pattern, placeholder in _PLACEHOLDERS:
        text = pattern.sub(placeholder, text)
    return " ".join(_SHORT_METAVAR.sub(r"\1, \2", text).split())


def run_page(
    page: Path, extra_env: dict[str, str] | None = None
) -> tuple[list[tuple[Block, Block | None]], list[str]]:
    """Run the page's sh blocks against a fresh `goodmem serve`; each block's output."""
    blocks = [(block, output) for block, output in shell_blocks(page) if block.skip is None]
    script = ["set -euo pipefail"]
    for number, (block, _) in enumerate(blocks):
        script += [block.code, f"echo '{_END.format(number)}'"]
    served = start_serve()
    try:
        with tempfile.TemporaryDirectory() as workdir:
            env = clean_environment({**served.env, **(extra_env or {})})
            env["PATH"] = f"{COMMAND.parent}{os.pathsep}{env.get('PATH', '')}"
            env["COLUMNS"] = "80"  # argparse wraps help at the terminal width
            result = subprocess.run(
                ["bash", "-c", "\n".join(script)],
                cwd=workdir,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=180,
                check=False,
            )
    finally:
        stop(served.process)
    assert result.returncode == 0, f"{page}: the shell examples failed:\n{result.stdout}"
    outputs = []
    rest = result.stdout
    for number in range(len(blocks)):
        printed, _, rest = rest.partition(_END.format(number) + "\n")
        outputs.append(printed)
    return blocks, outputs


@pytest.mark.parametrize("page", SHELL_PAGES)
def test_the_shell_examples_print_what_the_page_shows(page: str) -> None:
    blocks, outputs = run_page(ROOT / page)
    assert blocks, f"{page} has no shell examples"
    for (block, shown), printed in zip(blocks, outputs, strict=True):
        if shown is not None:
            assert normalized(printed) == normalized(shown.code), (
                f"{page}:{block.line}: the block printed\n{printed}\nbut the page shows\n"
                f"{shown.code}"
            )


@pytest.mark.parametrize("page", SHELL_PAGES)
def test_only_what_cannot_run_is_skipped_and_it_says_why(page: str) -> None:
    for block, _ in shell_blocks(ROOT / page):
        if block.skip is not None:
            assert re.search(r"until Ctrl-C|from PyPI", block.skip), f"{page}:{block.line}"


def test_the_serve_output_on_the_page_is_what_goodmem_serve_prints() -> None:
    page = ROOT / "docs/cli.md"
    ((serve, shown),) = [
        (b, o) for b, o in shell_blocks(page) if b.code.startswith("goodmem serve")
    ]
    assert serve.skip is not None and shown is not None
    port = re.search(r"--port (\d+)", serve.code)
    assert port is not None
    served = start_serve()  # on a free port, not the page's
    try:
        expected = shown.code.replace(f"127.0.0.1:{port.group(1)}", served.base_url[7:])
        assert expected.splitlines()[:2] == [
            f"GOODMEM_BASE_URL={served.base_url}",
            f"GOODMEM_API_KEY={served.api_key}",
        ]
        lines: list[str] = []  # its stderr, read in a thread: a bounded wait
        assert served.process.stderr is not None
        reader = threading.Thread(
            target=lambda: lines.append(served.process.stderr.readline()),  # type: ignore[union-attr]
            daemon=True,
        )
        reader.start()
        reader.join(20)
        assert lines == [expected.splitlines()[2] + "\n"]
    finally:
        stop(served.process)


def test_the_readme_command_line_example_runs(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Command line\n", 1)[1].split("\n## ", 1)[0]
    page = tmp_path / "README-command-line.md"
    page.write_text(section)
    key = "sk-readme-example-key"
    blocks, outputs = run_page(page, {"OPENAI_API_KEY": key})
    assert len(blocks) == 1
    (printed,) = outputs
    assert "Support bot" in printed and "env=prod" in printed and key not in printed


def test_the_exit_status_table_on_the_page_is_the_commands() -> None:
    from goodmem._cli import EXIT_STATUSES

    text = (ROOT / "docs/cli.md").read_text()
    rows = re.findall(r"^\| (\d+) \| (.+) \|$", text, flags=re.MULTILINE)
    assert {int(status): meaning for status, meaning in rows} == EXIT_STATUSES


if __name__ == "__main__":  # print each block's output, to paste into the page
    for page in sys.argv[1:]:
        ran, printed = run_page(Path(page).resolve())
        for (block, _), text in zip(ran, printed, strict=True):
            print(f"--- {page}:{block.line}\n{text}", end="")
