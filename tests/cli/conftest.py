"""The `goodmem` console script, run for real: `goodmem serve` in a subprocess, commands against it.

`goodmem_command` is the executable the editable install put next to the test interpreter
(`make venv` installs it from pyproject.toml's [project.scripts]). Every wait is bounded.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

COMMAND = Path(sys.executable).with_name("goodmem")
START_TIMEOUT = 20.0  # seconds for `goodmem serve` to print its URL
RUN_TIMEOUT = 60.0  # seconds for one command


@dataclass
class Served:
    """A running `goodmem serve`: its URL and key, and the environment that points at it."""

    base_url: str
    api_key: str
    process: subprocess.Popen[str]

    @property
    def env(self) -> dict[str, str]:
        return {"GOODMEM_BASE_URL": self.base_url, "GOODMEM_API_KEY": self.api_key}


def clean_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The test's environment without GOODMEM_* (so nothing leaks in), plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOODMEM_")}
    env.update(extra or {})
    return env


def start_serve(*args: str) -> Served:
    """`goodmem serve --port 0 ARGS` on 127.0.0.1, once it has printed where it listens."""
    assert COMMAND.exists(), f"{COMMAND} is missing: run `make venv` (it installs the script)"
    process = subprocess.Popen(
        [str(COMMAND), "serve", "--host", "127.0.0.1", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=clean_environment(),
    )
    found: dict[str, str] = {}

    def read() -> None:  # a thread, so that a silent server cannot block the test
        assert process.stdout is not None
        for line in process.stdout:
            name, sep, value = line.strip().partition("=")
            if sep and name in ("GOODMEM_BASE_URL", "GOODMEM_API_KEY"):
                found[name] = value
            if len(found) == 2:
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(START_TIMEOUT)
    if len(found) != 2:
        stop(process)
        pytest.fail(f"goodmem serve printed no URL and key within {START_TIMEOUT} s: {found}")
    return Served(found["GOODMEM_BASE_URL"], found["GOODMEM_API_KEY"], process)


def stop(process: subprocess.Popen[str]) -> int:
    """Ctrl-C for the server; killed if it has not stopped within 10 s. Its exit status."""
    if process.poll() is None:
        process.send_signal(__import__("signal").SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    return process.returncode


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    """One `goodmem serve` for the test module (tests keep to their own names and fleets)."""
    server = start_serve()
    try:
        yield server
    finally:
        stop(server.process)


def run(
    *args: str,
    env: Mapping[str, str] | None = None,
    stdin: str | None = None,
    timeout: float = RUN_TIMEOUT,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """The console script with `args`, in a clean environment plus `env`; never raises on
    a non-zero exit status."""
    started = time.monotonic()
    result = subprocess.run(
        [str(COMMAND), *args],
        env=clean_environment(env),
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
    )
    assert time.monotonic() - started < timeout
    return result
