"""Every example in examples/ runs, prints what it promises, and leaks no secret.

The examples fall back to the embedded GoodMem when GOODMEM_BASE_URL is not set, so each runs
here as a user would run it: `python examples/<name>.py` in a fresh interpreter.
(examples/quickstart.py is run by tests/test_docs.py.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from goodmem.testing import FakeGoodmem

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TESTED = {"quickstart.py", "async_usage.py", "errors_and_retries.py", "testing_an_app.py"}


def run(path: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run a Python file with `args` and no GOODMEM_* variables but `env`; its stdout."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GOODMEM_")}
    result = subprocess.run(
        [sys.executable, str(path), *args],
        env={**clean, **(env or {})},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def served() -> Iterator[dict[str, str]]:
    """GOODMEM_* variables for a FakeGoodmem served over loopback HTTP."""
    fake = FakeGoodmem()
    with fake.serve() as server:
        yield {"GOODMEM_BASE_URL": server.url, "GOODMEM_API_KEY": fake.api_key}


def test_every_example_is_tested() -> None:
    assert {p.name for p in EXAMPLES.glob("*.py")} == TESTED


def test_async_usage_on_the_embedded_goodmem() -> None:
    out = run(EXAMPLES / "async_usage.py")
    assert "using the embedded GoodMem" in out
    assert "3 LLMs labelled example=async" in out
    assert "llama3.1:8b: description='updated'" in out
    assert "got llama3.1:8b, qwen2.5:7b, mistral:7b" in out
    assert "NotFoundError: HTTP 404 NOT_FOUND" in out


def test_async_usage_uses_the_configured_server(served: dict[str, str]) -> None:
    out = run(EXAMPLES / "async_usage.py", env=served)
    assert f"Using the GoodMem server at {served['GOODMEM_BASE_URL']}" in out
    assert "3 LLMs labelled example=async" in out
    assert out.rstrip().endswith("Done.")


def test_errors_and_retries_shows_each_outcome() -> None:
    out = run(EXAMPLES / "errors_and_retries.py")
    assert "ValueError: unknown model_identifier 'gpt-4o-mni'" in out
    assert "(did you mean gpt-4o-mini?)" in out
    # step 2: one 503, then the retry succeeds
    assert "GET /v1/llms -> 503" in out and "list() -> []" in out
    # step 3: three attempts, then the error
    assert out.count("-> 503") == 4
    assert "InternalServerError: HTTP 503 UNAVAILABLE" in out
    # step 4: the lost create is recovered by reading the LLM back: one LLM stored
    assert "POST /v1/llms -> RemoteProtocolError" in out
    assert "POST /v1/llms -> 409" in out
    assert "LLMs stored: 1" in out
    assert "ConflictError: HTTP 409 ALREADY_EXISTS" in out
    assert "APITimeoutError: Request timed out on GET " in out
    assert "InternalServerError: HTTP 502, body '<html><h1>502 Bad Gateway</h1></html>'" in out
    assert "NotFoundError: 404 NOT_FOUND" in out


def test_testing_an_app_runs_its_tests() -> None:
    out = run(EXAMPLES / "testing_an_app.py")
    assert "6 passed" in out
