"""The official SDK's side of the bench: runs inside its own venv, driven over stdin/stdout.

Never imported by `bench` (the official SDK is also named `goodmem`); bench/official.py
starts it as `<official venv python> -I official_driver.py` from a scratch directory, so
`import goodmem` finds the official package. It needs only the standard library, httpx and
the official SDK.

Protocol: one JSON object per line. The first line in is the setup (base URL, headers, the
canned bodies, the call arguments); the first line out is a greeting with versions. Then
each line in is a command and gets exactly one line out:

- `{"cmd": "batch", "kind": K, "list_size": N, "n": n}` -> `{"ns": ...}`: gc.collect(), then
  `n` sequential calls of kind K ("get", "list", "create", "update"), timed with this thread's
  CPU time (time.thread_time_ns), exactly as bench/timing.py times the in-process columns.
- `{"cmd": "probe", "kind": K, "list_size": N}` -> `{"sent": [[method, path, query, body]],
  "size": len or null, "result": type name}`: one call, recording what it sent.
- `{"cmd": "memory", "list_size": N}` -> `{"peak_bytes": ..., "retained_bytes": ...}`.
- `{"cmd": "exit"}` -> `{"bye": true}`, then the process ends.

A failing command answers `{"error": "..."}` and the driver keeps going.
"""

from __future__ import annotations

import gc
import json
import platform
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from importlib import metadata
from typing import Any

import httpx

warnings.simplefilter("ignore", DeprecationWarning)

import goodmem  # noqa: E402  (the official SDK: this runs in its venv only)


def main() -> int:
    setup = json.loads(sys.stdin.readline())
    llm_id: str = setup["llm_id"]
    item = f"/v1/llms/{llm_id}"
    response_headers = [(b"content-type", b"application/json")]
    routes: dict[tuple[str, str], tuple[int, bytes]] = {
        ("GET", item): (200, setup["get"].encode()),
        ("PUT", item): (200, setup["update"].encode()),
        ("POST", "/v1/llms"): (201, setup["create"].encode()),
    }
    lists = {int(n): body.encode() for n, body in setup["lists"].items()}
    captured: list[httpx.Request] | None = None

    def handler(request: httpx.Request) -> httpx.Response:
        # the same work per call as bench.workload.Router: one dict lookup, one Response
        if captured is not None:
            captured.append(request)
        status, body = routes[(request.method, request.url.path)]
        return httpx.Response(status, content=body, headers=response_headers)

    def set_list_size(n: int) -> None:
        routes[("GET", "/v1/llms")] = (200, lists[n])

    set_list_size(min(lists))
    http = httpx.Client(
        base_url=setup["base_url"], headers=setup["headers"], transport=httpx.MockTransport(handler)
    )
    # With http_client the SDK adds no headers of its own and does not wrap send(): the
    # httpx client carries the same headers as bench's raw httpx client.
    client = goodmem.Goodmem(http_client=http)
    llms = client.llms
    create_args: dict[str, Any] = setup["create_args"]
    update_args: dict[str, Any] = setup["update_args"]
    calls: dict[str, Callable[[], Any]] = {
        "get": lambda: llms.get(id=llm_id),
        "list": lambda: llms.list(),
        "create": lambda: llms.create(**create_args),
        "update": lambda: llms.update(id=llm_id, request=update_args),
    }

    def batch(kind: str, n: int) -> int:
        fn = calls[kind]
        gc.collect()
        start = time.thread_time_ns()
        for _ in range(n):
            fn()
        return time.thread_time_ns() - start

    def probe(kind: str) -> dict[str, Any]:
        nonlocal captured
        captured = []
        try:
            result = calls[kind]()
        finally:
            sent, captured = captured, None
        return {
            "sent": [
                [
                    r.method,
                    r.url.path,
                    r.url.query.decode(),
                    json.loads(r.content) if r.content else None,
                ]
                for r in sent
            ],
            "size": len(result) if isinstance(result, list) else None,
            "result": type(result).__name__,
        }

    def memory() -> dict[str, int]:
        fn = calls["list"]
        fn()  # warm-up: one-time caches are not counted
        gc.collect()
        tracemalloc.start()
        try:
            base, _ = tracemalloc.get_traced_memory()
            result = fn()
            current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        del result
        return {"peak_bytes": peak - base, "retained_bytes": current - base}

    def version(name: str) -> str | None:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    reply(
        {
            "goodmem": version("goodmem"),
            "httpx": httpx.__version__,
            "pydantic": version("pydantic"),
            "python": platform.python_version(),
        }
    )
    for line in sys.stdin:
        command = json.loads(line)
        name = command["cmd"]
        if name == "exit":
            reply({"bye": True})
            break
        try:
            if "list_size" in command:
                set_list_size(int(command["list_size"]))
            if name == "batch":
                reply({"ns": batch(command["kind"], int(command["n"]))})
            elif name == "probe":
                reply(probe(command["kind"]))
            elif name == "memory":
                reply(memory())
            else:
                reply({"error": f"unknown command {name!r}"})
        except Exception as exc:
            reply({"error": f"{type(exc).__name__}: {exc}"[:2000]})
    http.close()
    return 0


def reply(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
