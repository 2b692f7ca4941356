"""The README's code blocks and the quickstart run as written, against the embedded GoodMem."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from goodmem.testing import FakeGoodmem

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
