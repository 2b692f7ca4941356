"""GOODMEM_LOG turns on the goodmem logger to stderr; off by default; never logs secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = """
from goodmem.testing import FakeGoodmem
fake = FakeGoodmem({"gm_log_key_secret": "550e8400-e29b-41d4-a716-446655440000"})
fake.faults.enqueue(503, times=1)
client = fake.client(max_retries=1)
import goodmem._base_client as base
base._sleep = lambda seconds: None
llm = client.llms.create(display_name="x", model_identifier="gpt-4o", api_key="sk-log-inline")
client.llms.list(label={"team": "x"})
"""


def _run(value: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GOODMEM_LOG"}
    if value is not None:
        env["GOODMEM_LOG"] = value
    return subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def test_off_by_default() -> None:
    assert _run(None).stderr == ""


@pytest.mark.parametrize("value", ["info", "INFO", "debug"])
def test_on_writes_attempts_and_retries_to_stderr(value: str) -> None:
    lines = _run(value).stderr.splitlines()
    assert [line.split("] ", 1)[1].split(" in ")[0] for line in lines] == [
        "POST /v1/llms -> 503",
        "retrying POST /v1/llms",
        "POST /v1/llms -> 201",
        "GET /v1/llms -> 200",
    ]
    # attempts are DEBUG records with the debug details, INFO records without; retries INFO
    attempt = "DEBUG" if value == "debug" else "INFO"
    assert [line.split("] ", 1)[0].rsplit(" ", 1)[1] for line in lines] == [
        attempt,
        "INFO",
        attempt,
        attempt,
    ]
    assert ("bytes, request id" in lines[0]) is (value == "debug")
    text = "\n".join(lines)
    for secret in ("gm_log_key_secret", "sk-log-inline", "team"):  # keys, secrets, queries
        assert secret not in text


def test_an_unknown_level_warns_and_stays_off() -> None:
    result = _run("verbose")
    assert "GOODMEM_LOG: expected 'debug' or 'info', got 'verbose'" in result.stderr
    assert "POST /v1/llms" not in result.stderr
