"""`make compat`: the official GoodMem clients against the embedded GoodMem, over loopback.

Usage: python tools/compat/run.py [--cache-dir DIR] [--requirements FILE]

Builds (once, then reuses) a venv under .cache/compat/ with the pinned official clients from
tools/compat/requirements.txt; it is rebuilt when that file or the Python version changes.
Starts `python -m goodmem.testing --port 0` with this interpreter, then runs
tools/compat/drive.py in the venv, which takes both clients through the whole lifecycle.
Exits 0 when every check passes. A venv that cannot be built, a server that does not start or
a failed check exits non-zero with a message saying which; nothing is ever skipped.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
REQUIREMENTS = HERE / "requirements.txt"
DRIVER = HERE / "drive.py"
API_KEY = "gm_compat_key"
ADMIN_API_KEY = "gm_compat_admin_key"
SERVER_START_TIMEOUT = 60
DRIVER_TIMEOUT = 300
PIP_TIMEOUT = 600


class CompatError(Exception):
    """A step of `make compat` failed; the message says which and why."""


def cache_key(requirements: Path) -> str:
    """What the venv was built from: the pinned requirements and the Python version."""
    digest = hashlib.sha256(requirements.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def ensure_venv(cache_dir: Path, requirements: Path) -> Path:
    """The venv's python, building the venv first unless one with the same cache key exists."""
    venv_dir = cache_dir / "venv"
    stamp = venv_dir / ".compat-key"
    python = venv_dir / "bin" / "python"
    key = cache_key(requirements)
    if python.exists() and stamp.exists() and stamp.read_text() == key:
        return python
    print(f"compat: building {venv_dir} from {requirements.name} (first run only)", flush=True)
    shutil.rmtree(venv_dir, ignore_errors=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    steps = [[sys.executable, "-m", "venv", str(venv_dir)], [*pip, "-r", str(requirements)]]
    for step in steps:
        try:
            result = subprocess.run(step, capture_output=True, text=True, timeout=PIP_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise CompatError(_cannot_build(venv_dir, requirements, str(exc))) from None
        if result.returncode != 0:
            raise CompatError(_cannot_build(venv_dir, requirements, result.stderr or result.stdout))
    stamp.write_text(key)  # written last: a half-built venv is rebuilt next time
    return python


def _cannot_build(venv_dir: Path, requirements: Path, output: str) -> str:
    tail = "\n".join(output.strip().splitlines()[-15:])
    pins = " ".join(
        line.strip()
        for line in requirements.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )
    return (
        f"cannot build the compatibility venv {venv_dir} with {pins}.\n"
        "It is installed from PyPI with pip; check the network or pip's configuration, then "
        f"run `make compat` again.\nThe failing step said:\n{tail}"
    )


def start_server() -> tuple[subprocess.Popen[str], str]:
    """`python -m goodmem.testing --port 0` (a plain and an admin key) with this interpreter;
    (process, base URL)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "goodmem.testing",
            "--port",
            "0",
            "--api-key",
            API_KEY,
            "--admin-api-key",
            ADMIN_API_KEY,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()  # the first line, or "" if it died
    if not line.startswith("GOODMEM_BASE_URL="):
        process.kill()
        _, err = process.communicate(timeout=SERVER_START_TIMEOUT)
        raise CompatError(f"the embedded GoodMem did not start:\n{line}\n{err}")
    return process, line.split("=", 1)[1]


def stop_server(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_driver(python: Path, base_url: str) -> int:
    """drive.py in the venv, isolated (-I) and outside the checkout, so that `import goodmem`
    finds the official package, not this repository's."""
    with tempfile.TemporaryDirectory(prefix="goodmem-compat-") as scratch:
        try:
            result = subprocess.run(
                [str(python), "-I", str(DRIVER), base_url, API_KEY, ADMIN_API_KEY],
                cwd=scratch,
                timeout=DRIVER_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise CompatError(f"the driver did not finish within {DRIVER_TIMEOUT} s") from None
    return result.returncode


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="tools/compat/run.py", description=__doc__)
    parser.add_argument("--cache-dir", type=Path, default=ROOT / ".cache" / "compat")
    parser.add_argument("--requirements", type=Path, default=REQUIREMENTS)
    args = parser.parse_args(argv)
    try:
        python = ensure_venv(args.cache_dir, args.requirements)
        process, base_url = start_server()
        try:
            status = run_driver(python, base_url)
        finally:
            stop_server(process)
    except CompatError as exc:
        print(f"compat: FAILED: {exc}", file=sys.stderr)
        return 2
    if status != 0:
        print("compat: FAILED: an official client disagrees with the embedded GoodMem (above)")
        return 1
    print("compat: both official clients passed against the embedded GoodMem")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
