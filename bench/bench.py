"""Client-overhead benchmark for goodmem: raw httpx, the generated client and the facade.

Run from anywhere as `.venv/bin/python bench/bench.py [--quick] [--json PATH] [--strict]`.
Every client under test talks to the same in-process `httpx.MockTransport`, which answers
with pre-serialized bytes of the documented example payloads (tests/fixtures), so the numbers
are client cost only. It also measures `import goodmem` in fresh interpreters, tracemalloc
peaks for a 1,000-LLM list, and 1,000 concurrent AsyncGoodmem gets over loopback against
`goodmem.testing.FakeGoodmem().serve()`. Prints plain-text tables and writes JSON (default
build/bench.json). Exits 0 even when targets fail, unless `--strict`.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
import venv
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx

import goodmem
from goodmem import AsyncGoodmem, Goodmem
from goodmem._generated.api.ll_ms import create_llm, get_llm, list_llms, update_llm
from goodmem._generated.client import AuthenticatedClient
from goodmem._generated.models import (
    ApiKeyAuth,
    CreateLLMResponse,
    CredentialKind,
    EndpointAuthentication,
    LabelMap,
    ListLLMsResponse,
    LLMCreationRequest,
    LLMProviderType,
    LLMResponse,
    LLMUpdateRequest,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
DEFAULT_JSON = ROOT / "build" / "bench.json"

BASE_URL = "http://goodmem.bench"
API_KEY = "gm_bench_0123456789abcdef"
# The headers the facade sends; the raw and generated clients send the same ones.
HEADERS = {
    "x-api-key": API_KEY,
    "accept": "application/json",
    "user-agent": f"goodmem-python/{goodmem.__version__}",
}
RESPONSE_HEADERS = [(b"content-type", b"application/json")]

LIST_SIZES = (10, 100, 1000)
OPERATIONS = ("get", "list_10", "list_100", "list_1000", "create", "update")
# Column key -> heading. raw_async is a reference so AsyncGoodmem has a like-for-like baseline.
COLUMNS = {
    "raw": "raw httpx",
    "generated": "generated",
    "sync": "Goodmem",
    "async": "AsyncGoodmem",
    "raw_async": "raw async",
}

# One equivalent request per operation, in each client's vocabulary.
CREATE_ARGS: dict[str, Any] = {
    "display_name": "GPT-4 Turbo",
    "model_identifier": "gpt-4-turbo-preview",
    "provider_type": "OPENAI",
    "endpoint_url": "https://api.openai.com/v1",
    "api_key": "sk-your-api-key-here",
}
UPDATE_ARGS: dict[str, Any] = {
    "display_name": "Updated GPT-4 Turbo",
    "description": "Updated OpenAI GPT-4 Turbo with enhanced configuration for production use",
    "max_context_length": 32768,
    "merge_labels": {"cost-center": "ai-infrastructure"},
}

# Body keys the facade adds by design (not sent by the other columns), and why.
FACADE_ADDS: dict[str, dict[str, str]] = {
    "create": {"llmId": "a client-generated uuid4, so a retried create is idempotent"},
}

SyncFn = Callable[[], object]
AsyncFn = Callable[[], Awaitable[object]]


@dataclass(frozen=True)
class Settings:
    """How long and how often to measure; `quick()` is the CI smoke variant."""

    rounds: int = 5
    round_seconds: float = 0.2
    warmup_calls: int = 20
    import_runs: int = 7
    concurrent_gets: int = 1000
    concurrency_limit: int = 100
    concurrency_timeout: float = 60.0

    @classmethod
    def quick(cls) -> Settings:
        return cls(
            rounds=3,
            round_seconds=0.01,
            warmup_calls=3,
            import_runs=3,
            concurrent_gets=200,
            concurrency_timeout=30.0,
        )


# -- the canned transport ------------------------------------------------------------------


@dataclass(frozen=True)
class Payloads:
    """Pre-serialized response bodies built from tests/fixtures."""

    llm_id: str
    get: bytes
    create: bytes
    update: bytes
    lists: dict[int, bytes]


def load_payloads() -> Payloads:
    """Read the documented example payloads and serialize them once (compact JSON).

    Lists repeat get_response.json with distinct llmIds.
    """

    def read(name: str) -> Any:
        return json.loads((FIXTURES / name).read_text(encoding="utf-8"))

    def dump(value: Any) -> bytes:
        return json.dumps(value, separators=(",", ":")).encode()

    llm = read("get_response.json")
    lists = {
        n: dump({"llms": [{**llm, "llmId": f"00000000-0000-4000-8000-{i:012x}"} for i in range(n)]})
        for n in LIST_SIZES
    }
    return Payloads(
        llm_id=llm["llmId"],
        get=dump(llm),
        create=dump(read("create_response.json")),
        update=dump(read("update_response.json")),
        lists=lists,
    )


class Router:
    """The MockTransport handler: one dict lookup on (method, path), then a canned response.

    `list_size` picks which list body GET /v1/llms returns. While `captured` is a list, every
    request is appended to it (used once, to check the clients send equivalent requests).
    """

    def __init__(self, payloads: Payloads) -> None:
        item = f"/v1/llms/{payloads.llm_id}"
        self._lists = payloads.lists
        self._routes: dict[tuple[str, str], tuple[int, bytes]] = {
            ("GET", item): (200, payloads.get),
            ("PUT", item): (200, payloads.update),
            ("POST", "/v1/llms"): (201, payloads.create),
        }
        self.list_size = LIST_SIZES[0]
        self.captured: list[httpx.Request] | None = None

    @property
    def list_size(self) -> int:
        return self._list_size

    @list_size.setter
    def list_size(self, n: int) -> None:
        self._list_size = n
        self._routes[("GET", "/v1/llms")] = (200, self._lists[n])

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.captured is not None:
            self.captured.append(request)
        status, body = self._routes[(request.method, request.url.path)]
        return httpx.Response(status, content=body, headers=RESPONSE_HEADERS)


# -- the clients under test ---------------------------------------------------------------


@dataclass
class Clients:
    """Every client under test, all on one transport; close with `aclose()`."""

    raw: httpx.Client
    raw_async: httpx.AsyncClient
    generated: AuthenticatedClient
    sync: Goodmem
    async_: AsyncGoodmem
    owned: list[httpx.Client | httpx.AsyncClient]
    """The httpx clients made here (the facades do not close a caller's client)."""

    @classmethod
    def on(cls, transport: httpx.MockTransport) -> Clients:
        raw = httpx.Client(base_url=BASE_URL, headers=HEADERS, transport=transport)
        raw_async = httpx.AsyncClient(base_url=BASE_URL, headers=HEADERS, transport=transport)
        generated_http = httpx.Client(base_url=BASE_URL, headers=HEADERS, transport=transport)
        sync_http = httpx.Client(transport=transport)
        async_http = httpx.AsyncClient(transport=transport)
        generated = AuthenticatedClient(
            base_url=BASE_URL, token=API_KEY, prefix="", auth_header_name="x-api-key"
        )
        generated.set_httpx_client(generated_http)
        return cls(
            raw=raw,
            raw_async=raw_async,
            generated=generated,
            sync=Goodmem(BASE_URL, API_KEY, http_client=sync_http),
            async_=AsyncGoodmem(BASE_URL, API_KEY, http_client=async_http),
            owned=[raw, raw_async, generated_http, sync_http, async_http],
        )

    async def aclose(self) -> None:
        for http in self.owned:
            if isinstance(http, httpx.AsyncClient):
                await http.aclose()
            else:
                http.close()


@dataclass(frozen=True)
class Subject:
    """One thing to time: a blocking callable or an awaitable-returning one (exactly one)."""

    sync: SyncFn | None = None
    async_: AsyncFn | None = None


def subjects(clients: Clients, llm_id: str) -> dict[str, dict[str, Subject]]:
    """column -> kind of operation ("get", "list", "create", "update") -> Subject.

    Each column sends the same method, path and JSON body; each returns parsed data
    (dicts for raw, models otherwise), so parsing is part of the cost.
    """
    item = f"/v1/llms/{llm_id}"
    raw, raw_async, gen = clients.raw, clients.raw_async, clients.generated
    facade, afacade = clients.sync.llms, clients.async_.llms

    def raw_create_body() -> dict[str, Any]:
        return {
            "displayName": CREATE_ARGS["display_name"],
            "modelIdentifier": CREATE_ARGS["model_identifier"],
            "providerType": CREATE_ARGS["provider_type"],
            "endpointUrl": CREATE_ARGS["endpoint_url"],
            "credentials": {
                "kind": "CREDENTIAL_KIND_API_KEY",
                "apiKey": {"inlineSecret": CREATE_ARGS["api_key"]},
            },
        }

    def raw_update_body() -> dict[str, Any]:
        return {
            "displayName": UPDATE_ARGS["display_name"],
            "description": UPDATE_ARGS["description"],
            "maxContextLength": UPDATE_ARGS["max_context_length"],
            "mergeLabels": dict(UPDATE_ARGS["merge_labels"]),
        }

    def raw_get() -> object:
        return json.loads(raw.send(raw.build_request("GET", item)).content)

    def raw_list() -> object:
        return json.loads(raw.send(raw.build_request("GET", "/v1/llms")).content)["llms"]

    def raw_create() -> object:
        request = raw.build_request("POST", "/v1/llms", json=raw_create_body())
        return json.loads(raw.send(request).content)

    def raw_update() -> object:
        return json.loads(raw.send(raw.build_request("PUT", item, json=raw_update_body())).content)

    async def araw_get() -> object:
        return json.loads((await raw_async.send(raw_async.build_request("GET", item))).content)

    async def araw_list() -> object:
        response = await raw_async.send(raw_async.build_request("GET", "/v1/llms"))
        return json.loads(response.content)["llms"]

    async def araw_create() -> object:
        request = raw_async.build_request("POST", "/v1/llms", json=raw_create_body())
        return json.loads((await raw_async.send(request)).content)

    async def araw_update() -> object:
        request = raw_async.build_request("PUT", item, json=raw_update_body())
        return json.loads((await raw_async.send(request)).content)

    def gen_get() -> object:
        result = get_llm.sync(llm_id, client=gen)
        assert isinstance(result, LLMResponse)
        return result

    def gen_list() -> object:
        result = list_llms.sync(client=gen)
        assert isinstance(result, ListLLMsResponse)
        return result.llms

    def gen_create() -> object:
        body = LLMCreationRequest(
            display_name=CREATE_ARGS["display_name"],
            model_identifier=CREATE_ARGS["model_identifier"],
            provider_type=LLMProviderType(CREATE_ARGS["provider_type"]),
            endpoint_url=CREATE_ARGS["endpoint_url"],
            credentials=EndpointAuthentication(
                kind=CredentialKind.CREDENTIAL_KIND_API_KEY,
                api_key=ApiKeyAuth(inline_secret=CREATE_ARGS["api_key"]),
            ),
        )
        result = create_llm.sync(client=gen, body=body)
        assert isinstance(result, CreateLLMResponse)
        return result

    def gen_update() -> object:
        body = LLMUpdateRequest(
            display_name=UPDATE_ARGS["display_name"],
            description=UPDATE_ARGS["description"],
            max_context_length=UPDATE_ARGS["max_context_length"],
            merge_labels=LabelMap.from_dict(UPDATE_ARGS["merge_labels"]),
        )
        result = update_llm.sync(llm_id, client=gen, body=body)
        assert isinstance(result, LLMResponse)
        return result

    def facade_get() -> object:
        return facade.get(id=llm_id)

    def facade_list() -> object:
        return facade.list()

    def facade_create() -> object:
        return facade.create(**CREATE_ARGS)

    def facade_update() -> object:
        return facade.update(id=llm_id, request=UPDATE_ARGS)

    async def afacade_get() -> object:
        return await afacade.get(id=llm_id)

    async def afacade_list() -> object:
        return await afacade.list()

    async def afacade_create() -> object:
        return await afacade.create(**CREATE_ARGS)

    async def afacade_update() -> object:
        return await afacade.update(id=llm_id, request=UPDATE_ARGS)

    def blocking(get: SyncFn, list_: SyncFn, create: SyncFn, update: SyncFn) -> dict[str, Subject]:
        return {
            "get": Subject(sync=get),
            "list": Subject(sync=list_),
            "create": Subject(sync=create),
            "update": Subject(sync=update),
        }

    def awaited(
        get: AsyncFn, list_: AsyncFn, create: AsyncFn, update: AsyncFn
    ) -> dict[str, Subject]:
        return {
            "get": Subject(async_=get),
            "list": Subject(async_=list_),
            "create": Subject(async_=create),
            "update": Subject(async_=update),
        }

    return {
        "raw": blocking(raw_get, raw_list, raw_create, raw_update),
        "generated": blocking(gen_get, gen_list, gen_create, gen_update),
        "sync": blocking(facade_get, facade_list, facade_create, facade_update),
        "async": awaited(afacade_get, afacade_list, afacade_create, afacade_update),
        "raw_async": awaited(araw_get, araw_list, araw_create, araw_update),
    }


def kind_of(operation: str) -> str:
    """The subject kind for an operation name ("list_100" -> "list")."""
    return operation.split("_", 1)[0]


# -- timing -------------------------------------------------------------------------------


async def _timed_awaits(fn: AsyncFn, n: int) -> int:
    start = time.perf_counter_ns()
    for _ in range(n):
        await fn()
    return time.perf_counter_ns() - start


class Timer:
    """Times batches of calls; async subjects run in the one event loop it is given.

    A batch starts with gc.collect() and is timed with perf_counter_ns; the event loop's own
    start-up is outside the timed region.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop, settings: Settings) -> None:
        self._loop = loop
        self._settings = settings

    def batch(self, subject: Subject, n: int) -> int:
        """Nanoseconds for `n` sequential calls of `subject`."""
        gc.collect()
        if subject.async_ is not None:
            return self._loop.run_until_complete(_timed_awaits(subject.async_, n))
        assert subject.sync is not None
        fn = subject.sync
        start = time.perf_counter_ns()
        for _ in range(n):
            fn()
        return time.perf_counter_ns() - start

    def calls_per_round(self, subject: Subject) -> int:
        """Warm `subject` up, then the number of calls that takes about one round."""
        self.batch(subject, self._settings.warmup_calls)
        target = self._settings.round_seconds * 1e9
        n = 1
        while True:
            elapsed = self.batch(subject, n)
            if elapsed >= target / 4 or n >= 1 << 20:
                return max(3, round(n * target / max(elapsed, 1)))
            n *= 2


def measure_calls(
    timer: Timer, table: dict[str, dict[str, Subject]], router: Router, rounds: int
) -> dict[str, dict[str, float]]:
    """operation -> column -> median µs per call.

    Columns are interleaved within each round so background load hits all of them alike.
    """
    results: dict[str, dict[str, float]] = {}
    for operation in OPERATIONS:
        if operation.startswith("list_"):
            router.list_size = int(operation.split("_")[1])
        kind = kind_of(operation)
        counts = {column: timer.calls_per_round(table[column][kind]) for column in COLUMNS}
        samples: dict[str, list[float]] = {column: [] for column in COLUMNS}
        for _ in range(rounds):
            for column, n in counts.items():
                samples[column].append(timer.batch(table[column][kind], n) / n / 1000)
        results[operation] = {c: statistics.median(s) for c, s in samples.items()}
    return results


# -- equivalence check --------------------------------------------------------------------


def check_equivalence(
    loop: asyncio.AbstractEventLoop, table: dict[str, dict[str, Subject]], router: Router
) -> tuple[list[str], list[str]]:
    """Call every subject once; (problems, notes). No problems means the columns agree.

    Checks that every column sends raw httpx's method, path and JSON body per operation and
    gets an answer of the expected size. Keys the facade adds on its own (FACADE_ADDS) are
    not problems: they become notes, and are part of the facade's measured cost.
    """
    problems: list[str] = []
    notes: list[str] = []
    router.list_size = LIST_SIZES[-1]
    for kind in ("get", "list", "create", "update"):
        sent: dict[str, tuple[str, str, Any]] = {}
        for column in COLUMNS:
            subject = table[column][kind]
            router.captured = []
            try:
                if subject.async_ is not None:
                    result = loop.run_until_complete(_await(subject.async_))
                else:
                    assert subject.sync is not None
                    result = subject.sync()
            except Exception as exc:
                problems.append(f"{column} {kind}: {type(exc).__name__}: {exc}")
                continue
            finally:
                captured, router.captured = router.captured, None
            if kind == "list" and len(result) != LIST_SIZES[-1]:  # type: ignore[arg-type]
                problems.append(f"{column} list: got {len(result)} LLMs")  # type: ignore[arg-type]
            if len(captured) != 1:
                problems.append(f"{column} {kind}: sent {len(captured)} requests")
                continue
            request = captured[0]
            body = json.loads(request.content) if request.content else None
            sent[column] = (request.method, request.url.path, body)
        reference = sent.get("raw")
        for column, (method, path, body) in sent.items():
            added = FACADE_ADDS.get(kind, {}) if column in ("sync", "async") else {}
            if isinstance(body, dict) and reference is not None:
                for key, why in added.items():
                    if key in body and key not in (reference[2] or {}):
                        del body[key]
                        if column == "sync":
                            notes.append(f"Goodmem {kind} also sends {key}: {why}")
            if (method, path, body) != reference:
                seen = (method, path, body)
                problems.append(f"{kind}: {column} sent {seen!r}, raw httpx sent {reference!r}")
    return problems, notes


async def _await(fn: AsyncFn) -> object:
    return await fn()


# -- import time, memory, concurrency -----------------------------------------------------


def user_python() -> str:
    """The interpreter of build/user-venv: goodmem installed with only its runtime dependencies.

    That is what a user imports; the dev venv also holds click/rich/pygments, which make
    `import httpx` load its command-line module. The wheel is rebuilt on every run.
    """
    venv_dir = ROOT / "build" / "user-venv"
    python = venv_dir / "bin" / "python"
    if not python.exists():
        venv.create(venv_dir, with_pip=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--force-reinstall",
            "--no-deps",
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return str(python)


def import_times(modules: tuple[str, ...], runs: int, python: str) -> dict[str, float]:
    """module -> median seconds to import it in a fresh `python` (runs interleaved).

    Runs outside the repository, so the installed package is imported, not the source tree.
    """
    samples: dict[str, list[float]] = {m: [] for m in modules}
    for _ in range(runs):
        for module in modules:
            code = (
                f"import time; t=time.perf_counter(); import {module}; print(time.perf_counter()-t)"
            )
            done = subprocess.run(
                [python, "-c", code],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT / "build",
                timeout=120,
            )
            samples[module].append(float(done.stdout.strip()))
    return {m: statistics.median(s) for m, s in samples.items()}


def environment() -> dict[str, bool]:
    """Facts about this venv that move the numbers (see bench/README.md, caveats).

    `httpx_imports_cli`: click, rich and pygments are installed (here by the dev tools), so
    `import httpx` also loads its command-line module. `sniffio_installed`: without it,
    httpcore's async pool retries a failing `import sniffio` on every pool event.
    """
    probe = subprocess.run(
        [sys.executable, "-c", "import sys, httpx; print('httpx._main' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=120,
    )
    return {
        "httpx_imports_cli": probe.stdout.strip() == "True",
        "sniffio_installed": importlib.util.find_spec("sniffio") is not None,
    }


def memory_of(fn: SyncFn) -> dict[str, int]:
    """tracemalloc bytes for one call of `fn`: the peak, and what the result keeps alive.

    Call it after a warm-up so one-time caches are not counted. The canned response bytes
    are allocated before tracing starts, so only the client's allocations count.
    """
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


def measure_memory(table: dict[str, dict[str, Subject]], router: Router) -> dict[str, Any]:
    """tracemalloc figures for listing 1,000 LLMs: raw httpx+json, generated, Goodmem."""
    router.list_size = 1000
    results: dict[str, Any] = {}
    for column in ("raw", "generated", "sync"):
        fn = table[column]["list"].sync
        assert fn is not None
        fn()
        results[column] = memory_of(fn)
    results["sync_over_raw"] = results["sync"]["peak_bytes"] / results["raw"]["peak_bytes"]
    return results


async def concurrent_gets(count: int, limit: int, timeout: float) -> dict[str, Any]:
    """`count` AsyncGoodmem gets at once over loopback against FakeGoodmem().serve().

    Creates one LLM, then gets it `count` times with asyncio tasks sharing one httpx pool of
    `limit` connections (opened cold); retries are off so every failure counts. Stops after
    `timeout` seconds whatever happens; unfinished gets count as errors. The server runs in
    threads of this process, so it shares the GIL with the client: throughput is mostly the
    stdlib server's; `client_cpu_us_per_request` is the client's own cost.
    """
    try:
        from goodmem.testing import FakeGoodmem
    except ImportError as exc:
        return {"skipped": f"goodmem.testing unavailable: {exc}"}

    fake = FakeGoodmem()
    server = fake.serve(host="127.0.0.1", port=0)
    http = httpx.AsyncClient(
        limits=httpx.Limits(max_connections=limit, max_keepalive_connections=limit),
        timeout=httpx.Timeout(timeout),
    )
    try:
        client = AsyncGoodmem(server.url, fake.api_key, http_client=http, max_retries=0)
        created = await asyncio.wait_for(
            client.llms.create(display_name="Bench LLM", model_identifier="gpt-4o-mini"), timeout
        )
        llm_id = created.llm.llm_id
        latencies: list[float] = []

        async def get_one() -> None:
            start = time.perf_counter()
            llm = await client.llms.get(id=llm_id)
            if llm.llm_id != llm_id:
                raise AssertionError(f"got LLM {llm.llm_id}, expected {llm_id}")
            latencies.append(time.perf_counter() - start)

        start, cpu_start = time.perf_counter(), time.thread_time()
        tasks = [asyncio.ensure_future(get_one()) for _ in range(count)]
        done, pending = await asyncio.wait(tasks, timeout=timeout)
        elapsed, client_cpu = time.perf_counter() - start, time.thread_time() - cpu_start
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
    finally:
        await http.aclose()
        server.close()

    kinds: dict[str, int] = {}
    for task in done:
        failure = task.exception()
        if failure is not None:
            name = type(failure).__name__
            kinds[name] = kinds.get(name, 0) + 1
    if pending:
        kinds["unfinished (timeout)"] = len(pending)
    latencies.sort()
    ok = len(latencies)
    return {
        "requests": count,
        "connections": limit,
        "ok": ok,
        "errors": count - ok,
        "error_kinds": kinds,
        "timed_out": bool(pending),
        "seconds": elapsed,
        "requests_per_second": ok / elapsed if elapsed else 0.0,
        # CPU time of the event-loop thread only: the client's share (the server runs in
        # other threads of this process and competes for the GIL)
        "client_cpu_us_per_request": client_cpu / count * 1e6,
        "latency_ms": {
            "p50": latencies[ok // 2] * 1000 if ok else None,
            "p99": latencies[min(ok - 1, ok * 99 // 100)] * 1000 if ok else None,
            "max": latencies[-1] * 1000 if ok else None,
        },
    }


# -- targets and report -------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One pass/fail check: `value` must be at most (or, when `strict_below`, under) `limit`."""

    name: str
    value: float | None
    limit: float
    unit: str
    strict_below: bool = False
    digits: int = 2
    passed: bool = field(init=False)

    def __post_init__(self) -> None:
        ok = self.value is not None and (
            self.value < self.limit if self.strict_below else self.value <= self.limit
        )
        object.__setattr__(self, "passed", ok)


def evaluate(
    per_call: dict[str, dict[str, float]],
    imports: dict[str, float],
    concurrency: dict[str, Any],
) -> list[Target]:
    """The targets, checked against the measured numbers (targets are on the sync facade)."""
    targets = [
        Target(
            "Goodmem get / raw httpx", per_call["get"]["sync"] / per_call["get"]["raw"], 1.10, "x"
        ),
        Target(
            "Goodmem list 1000 / raw httpx+json",
            per_call["list_1000"]["sync"] / per_call["list_1000"]["raw"],
            2.0,
            "x",
        ),
    ]
    targets += [
        Target(
            f"Goodmem {op} / generated",
            per_call[op]["sync"] / per_call[op]["generated"],
            1.05,
            "x",
        )
        for op in OPERATIONS
    ]
    targets.append(
        Target(
            "import goodmem", imports["goodmem"] * 1000, 80.0, " ms", strict_below=True, digits=1
        )
    )
    errors = concurrency.get("errors")
    targets.append(Target("concurrent gets: errors", errors, 0, "", digits=0))
    return targets


def _table(headings: list[str], rows: list[list[str]]) -> str:
    """Plain-text table: first column left-aligned, the rest right-aligned."""
    widths = [max(len(r[i]) for r in [headings, *rows]) for i in range(len(headings))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    return "\n".join([line(headings), line(["-" * w for w in widths]), *map(line, rows)])


def render(report: dict[str, Any], targets: list[Target]) -> str:
    """The whole report as text."""
    per_call: dict[str, dict[str, float]] = report["per_call_us"]
    meta = report["meta"]
    out = [
        f"goodmem {meta['goodmem']} | httpx {meta['httpx']} | Python {meta['python']} | "
        f"{meta['platform']} | {meta['cpus']} CPUs | load {meta['loadavg']}",
        f"median of {meta['rounds']} rounds, ~{meta['round_seconds']} s each; in-process "
        "MockTransport with canned bytes" + (" | QUICK" if meta["quick"] else ""),
        "",
        "µs per call",
        _table(
            ["operation", *COLUMNS.values()],
            [[op, *(f"{per_call[op][c]:.1f}" for c in COLUMNS)] for op in OPERATIONS],
        ),
        "",
        "ratios (how many times slower; raw = raw httpx+json)",
        _table(
            [
                "operation",
                "gen/raw",
                "Goodmem/raw",
                "Goodmem/gen",
                "Async/raw async",
                "Async/gen",
                "raw async/raw",
            ],
            [
                [
                    op,
                    *(
                        f"{per_call[op][a] / per_call[op][b]:.2f}"
                        for a, b in (
                            ("generated", "raw"),
                            ("sync", "raw"),
                            ("sync", "generated"),
                            ("async", "raw_async"),
                            ("async", "generated"),
                            ("raw_async", "raw"),
                        )
                    ),
                ]
                for op in OPERATIONS
            ],
        ),
        "",
    ]
    imports = report["import_seconds"]
    out.append(
        f"import (fresh interpreter in build/user-venv, runtime dependencies only, median of "
        f"{meta['import_runs']}): "
        f"goodmem {imports['goodmem'] * 1000:.1f} ms, httpx alone {imports['httpx'] * 1000:.1f} ms "
        f"(goodmem's own share {(imports['goodmem'] - imports['httpx']) * 1000:.1f} ms)"
    )
    memory = report["memory_list_1000"]
    out.append(
        "memory, list 1000 (tracemalloc peak / retained by the result): "
        + ", ".join(
            f"{COLUMNS[c]} {memory[c]['peak_bytes'] / 2**20:.2f} / "
            f"{memory[c]['retained_bytes'] / 2**20:.2f} MiB"
            for c in ("raw", "generated", "sync")
        )
        + f"; Goodmem/raw peak {memory['sync_over_raw']:.2f}x"
    )
    conc = report["concurrency"]
    if not meta["sniffio_installed"]:
        out.append(
            "note: sniffio is not installed: httpcore's async pool retries `import sniffio` "
            "on every pool event, which inflates the AsyncGoodmem loopback numbers"
        )
    if "skipped" in conc:
        out.append(f"concurrency: skipped ({conc['skipped']})")
    else:
        lat = conc["latency_ms"]
        out.append(
            f"concurrency: {conc['requests']} AsyncGoodmem gets over loopback, "
            f"{conc['connections']} connections: {conc['requests_per_second']:.0f} req/s, "
            f"{conc['errors']} errors {conc['error_kinds'] or ''}in {conc['seconds']:.2f} s, "
            f"client CPU {conc['client_cpu_us_per_request']:.0f} µs/request"
            + (f"; latency p50 {lat['p50']:.1f} ms, p99 {lat['p99']:.1f} ms" if conc["ok"] else "")
        )
    for note in report["equivalence_notes"]:
        out.append(f"note: {note}")
    for problem in report["equivalence_problems"]:
        out.append(f"WARNING: requests differ between columns: {problem}")
    out += [
        "",
        "targets",
        _table(
            ["target", "value", "limit", "result"],
            [
                [
                    t.name,
                    "n/a" if t.value is None else f"{t.value:.{t.digits}f}{t.unit}",
                    f"{'<' if t.strict_below else '<='} {t.limit:g}{t.unit}",
                    "PASS" if t.passed else "FAIL",
                ]
                for t in targets
            ],
        ),
    ]
    return "\n".join(out)


# -- main ---------------------------------------------------------------------------------


def run(settings: Settings, quick: bool) -> tuple[dict[str, Any], list[Target]]:
    """Run every measurement; the JSON-ready report and the evaluated targets."""
    load_at_start = os.getloadavg()
    payloads = load_payloads()
    router = Router(payloads)
    transport = httpx.MockTransport(router)
    loop = asyncio.new_event_loop()
    try:
        clients = Clients.on(transport)
        table = subjects(clients, payloads.llm_id)
        problems, notes = check_equivalence(loop, table, router)
        per_call = measure_calls(Timer(loop, settings), table, router, settings.rounds)
        memory = measure_memory(table, router)
        loop.run_until_complete(clients.aclose())
        concurrency = loop.run_until_complete(
            _bounded(
                concurrent_gets(
                    settings.concurrent_gets,
                    settings.concurrency_limit,
                    settings.concurrency_timeout,
                ),
                settings.concurrency_timeout + 30,
            )
        )
    finally:
        loop.close()
    imports = import_times(("goodmem", "httpx"), settings.import_runs, user_python())
    env = environment()
    ratios = {
        op: {
            "generated/raw": row["generated"] / row["raw"],
            "sync/raw": row["sync"] / row["raw"],
            "async/raw": row["async"] / row["raw"],
            "sync/generated": row["sync"] / row["generated"],
            "async/generated": row["async"] / row["generated"],
            "async/raw_async": row["async"] / row["raw_async"],
            "raw_async/raw": row["raw_async"] / row["raw"],
        }
        for op, row in per_call.items()
    }
    report: dict[str, Any] = {
        "meta": {
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "goodmem": goodmem.__version__,
            "httpx": httpx.__version__,
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "platform": platform.platform(terse=True),
            "cpus": os.cpu_count(),
            "loadavg": " ".join(f"{x:.2f}" for x in load_at_start),
            **env,
            "quick": quick,
            "rounds": settings.rounds,
            "round_seconds": settings.round_seconds,
            "import_runs": settings.import_runs,
            "columns": COLUMNS,
        },
        "per_call_us": per_call,
        "ratios": ratios,
        "import_seconds": imports,
        "memory_list_1000": memory,
        "concurrency": concurrency,
        "equivalence_problems": problems,
        "equivalence_notes": notes,
    }
    targets = evaluate(per_call, imports, concurrency)
    report["targets"] = [asdict(t) for t in targets]
    report["all_passed"] = all(t.passed for t in targets)
    return report, targets


async def _bounded(work: Coroutine[Any, Any, dict[str, Any]], seconds: float) -> dict[str, Any]:
    """`work`'s result, or a skipped marker if it has not finished after `seconds`."""
    try:
        return await asyncio.wait_for(work, seconds)
    except asyncio.TimeoutError:
        return {"skipped": f"did not finish within {seconds:g} s", "errors": None}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; the process exit code (1 only for failed targets with --strict)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="short run for CI smoke tests")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)

    settings = Settings.quick() if args.quick else Settings()
    report, targets = run(settings, args.quick)
    print(render(report, targets))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    return 1 if args.strict and not report["all_passed"] else 0


if __name__ == "__main__":
    sys.exit(main())
