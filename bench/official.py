"""The official SDK column: goodmem==0.1.43 timed in a process of its own venv.

The official SDK shares our import name, so it cannot run in this process. It lives in the
venv `make compat` builds and caches (.cache/compat/venv, from tools/compat/requirements.txt;
built with tools/compat/run.py's own `ensure_venv`), and bench/official_driver.py runs there,
with the same canned bodies on its own `httpx.MockTransport` (passed to the official client
as `http_client`). This process sends it one command per timed batch and waits, blocked,
while the driver runs the batch and times it with its own thread's CPU time: the official
column takes its turn within each round like the in-process columns (see timing.py), and the
two processes never run at the same time.

`locate()` finds (or builds) the venv; `OfficialSDK.start()` starts the driver; `subjects()`
gives its Subjects for the table. Whatever goes wrong (no venv, offline, a driver that dies or
stops answering) raises OfficialUnavailable with a reason, and the column reads n/a.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import select
import subprocess
import tempfile
from pathlib import Path
from types import ModuleType
from typing import IO, Any, NoReturn

from .workload import (
    BASE_URL,
    CREATE_ARGS,
    HEADERS,
    ROOT,
    UPDATE_ARGS,
    ColumnUnavailable,
    Payloads,
    Probe,
    Router,
    Sent,
    Subject,
)

COMPAT_RUN = ROOT / "tools" / "compat" / "run.py"
COMPAT_CACHE = ROOT / ".cache" / "compat"
DRIVER = Path(__file__).resolve().parent / "official_driver.py"
START_TIMEOUT = 60.0
"""Seconds for the driver to import the official SDK and greet."""
COMMAND_TIMEOUT = 120.0
"""Seconds for any one command (a batch is sized to about one round, a fraction of this)."""


class OfficialUnavailable(ColumnUnavailable):
    """The official SDK cannot be measured; the message says why (it ends up in the report)."""


def _compat() -> ModuleType:
    """tools/compat/run.py as a module: the venv logic `make compat` uses, not a copy."""
    spec = importlib.util.spec_from_file_location("_goodmem_compat_run", COMPAT_RUN)
    if spec is None or spec.loader is None:
        raise OfficialUnavailable(f"cannot load {COMPAT_RUN}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def locate(*, build: bool, cache_dir: Path = COMPAT_CACHE) -> Path:
    """The python of the official SDK's venv (make compat's, in `cache_dir`).

    With `build`, the venv is built first if it is missing or stale (pip, from PyPI: the
    first run needs the network; later runs reuse it). Without, only a current cached venv is
    used (what tests do, so `make test` never builds it here). Raises OfficialUnavailable.
    """
    compat = _compat()
    if build:
        try:
            return Path(compat.ensure_venv(cache_dir, compat.REQUIREMENTS))
        except compat.CompatError as exc:
            raise OfficialUnavailable(str(exc).splitlines()[0]) from None
    venv_dir = cache_dir / "venv"
    python, stamp = venv_dir / "bin" / "python", venv_dir / ".compat-key"
    current = stamp.exists() and stamp.read_text() == compat.cache_key(compat.REQUIREMENTS)
    if not (python.exists() and current):
        raise OfficialUnavailable(
            f"no current venv in {venv_dir} (`make compat` or `make bench` builds it)"
        )
    return python


class OfficialSDK:
    """A running official_driver.py: send a command, get its answer (bounded in time)."""

    def __init__(
        self,
        process: subprocess.Popen[str],
        stderr: IO[str],
        scratch: tempfile.TemporaryDirectory[str],
        router: Router,
    ) -> None:
        self._process = process
        self._stderr = stderr
        self._scratch = scratch
        self._router = router
        self.versions: dict[str, Any] = {}
        self.failure: str | None = None
        """Why the driver stopped answering, once it has."""

    @classmethod
    def start(cls, python: Path, payloads: Payloads, router: Router) -> OfficialSDK:
        """Start the driver in the venv of `python`, from a scratch directory, isolated (-I),
        so that `import goodmem` finds the official package and not this repository's.

        `router` is this process's canned transport: the driver follows its `list_size`.
        """
        # both closed in close()
        scratch = tempfile.TemporaryDirectory(prefix="goodmem-bench-official-")
        stderr = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        try:
            process = subprocess.Popen(
                [str(python), "-I", str(DRIVER)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                cwd=scratch.name,
            )
        except OSError as exc:
            stderr.close()
            scratch.cleanup()
            raise OfficialUnavailable(f"cannot start {python}: {exc}") from None
        sdk = cls(process, stderr, scratch, router)
        try:
            sdk.versions = sdk._exchange(sdk._setup(payloads), START_TIMEOUT)
        except OfficialUnavailable:
            sdk.close()
            raise
        return sdk

    @staticmethod
    def _setup(payloads: Payloads) -> dict[str, Any]:
        return {
            "base_url": BASE_URL,
            "headers": HEADERS,
            "llm_id": payloads.llm_id,
            "get": payloads.get.decode(),
            "create": payloads.create.decode(),
            "update": payloads.update.decode(),
            "lists": {str(n): body.decode() for n, body in payloads.lists.items()},
            "create_args": CREATE_ARGS,
            "update_args": UPDATE_ARGS,
        }

    def _exchange(self, message: dict[str, Any], timeout: float) -> dict[str, Any]:
        """Send one line, read one line back within `timeout` seconds."""
        if self.failure is not None:
            raise OfficialUnavailable(self.failure)
        process = self._process
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(json.dumps(message) + "\n")
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], timeout)
            line = process.stdout.readline() if ready else None
        except OSError as exc:
            line, why = None, f"lost the driver: {exc}"
        else:
            why = f"no answer within {timeout:g} s" if line is None else "the driver exited"
        if not line:
            self._fail(why)
        answer: dict[str, Any] = json.loads(line)
        if "error" in answer:
            raise OfficialUnavailable(f"official SDK: {answer['error']}")
        return answer

    def _fail(self, why: str) -> NoReturn:
        self._kill()
        self._stderr.seek(0)
        tail = " | ".join(self._stderr.read().strip().splitlines()[-3:])
        self.failure = f"official driver failed: {why}" + (f" ({tail})" if tail else "")
        raise OfficialUnavailable(self.failure)

    def _kill(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()

    def batch(self, kind: str, n: int) -> int:
        """Nanoseconds of the driver thread's CPU time for `n` calls of `kind`."""
        command = {"cmd": "batch", "kind": kind, "n": n, "list_size": self._router.list_size}
        return int(self._exchange(command, COMMAND_TIMEOUT)["ns"])

    def probe(self, kind: str) -> Probe:
        """One call of `kind`, and what it sent (for the equivalence check)."""
        command = {"cmd": "probe", "kind": kind, "list_size": self._router.list_size}
        answer = self._exchange(command, COMMAND_TIMEOUT)
        sent = [Sent(method, path, query, body) for method, path, query, body in answer["sent"]]
        return Probe(sent=sent, size=answer["size"])

    def memory(self, list_size: int) -> dict[str, int]:
        """tracemalloc peak and retained bytes for one list of `list_size`, in the driver."""
        answer = self._exchange({"cmd": "memory", "list_size": list_size}, COMMAND_TIMEOUT)
        return {"peak_bytes": answer["peak_bytes"], "retained_bytes": answer["retained_bytes"]}

    def subjects(self) -> dict[str, Subject]:
        """kind -> Subject, timed in the driver."""

        def of(kind: str) -> Subject:
            return Subject(remote=lambda n: self.batch(kind, n), probe=lambda: self.probe(kind))

        return {kind: of(kind) for kind in ("get", "list", "create", "update")}

    def close(self) -> None:
        """Ask the driver to exit (kill it if it does not), and clean up."""
        if self.failure is None and self._process.poll() is None:
            with contextlib.suppress(OfficialUnavailable):
                self._exchange({"cmd": "exit"}, 10.0)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=10)
        self._kill()
        for stream in (self._process.stdin, self._process.stdout, self._stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        self._scratch.cleanup()
