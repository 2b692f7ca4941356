"""The benchmark's workload: canned responses, the clients under test, what each one calls.

Every client talks to the same in-process `httpx.MockTransport`, whose handler answers with
pre-serialized bytes of the documented example payloads (tests/fixtures), so only client cost
is measured. `subjects()` gives, per column and kind of operation, the callable to time;
`check_equivalence()` proves the columns send the same requests.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

import goodmem
from goodmem import AsyncGoodmem, Goodmem

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

BASE_URL = "http://goodmem.bench"
API_KEY = "gm_bench_0123456789abcdef"
# The headers the facade sends; the raw and official clients send the same ones.
HEADERS = {
    "x-api-key": API_KEY,
    "accept": "application/json",
    "user-agent": f"goodmem-python/{goodmem.__version__}",
}
RESPONSE_HEADERS = [(b"content-type", b"application/json")]

LIST_SIZES = (10, 100, 1000)
OPERATIONS = ("get", "list_10", "list_100", "list_1000", "create", "update")
# Column key -> heading. raw_async is a reference so AsyncGoodmem has a like-for-like baseline;
# official is goodmem==0.1.43, timed in a process of its own venv (bench/official.py).
COLUMNS = {
    "raw": "raw httpx",
    "sync": "Goodmem",
    "async": "AsyncGoodmem",
    "raw_async": "raw async",
    "official": "official",
}
KINDS = ("get", "list", "create", "update")

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
RemoteFn = Callable[[int], int]
"""Runs `n` calls elsewhere (another process) and returns the nanoseconds they took there."""


class ColumnUnavailable(Exception):
    """A column cannot be measured (e.g. the official SDK's venv is missing); says why."""


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

    Every body leaves out `credentials`: the API returns them only to a get with
    includeCredentials=true, which no column sends, and the documented example's credentials
    object (both secret kinds at once, no `kind`) is not one a server sends (the official
    SDK's models reject it). Lists repeat get_response.json with distinct llmIds.
    """

    def read(name: str) -> Any:
        return json.loads((FIXTURES / name).read_text(encoding="utf-8"))

    def dump(value: Any) -> bytes:
        return json.dumps(value, separators=(",", ":")).encode()

    def without_credentials(llm: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in llm.items() if key != "credentials"}

    llm = without_credentials(read("get_response.json"))
    created = read("create_response.json")
    created["llm"] = without_credentials(created["llm"])
    lists = {
        n: dump({"llms": [{**llm, "llmId": f"00000000-0000-4000-8000-{i:012x}"} for i in range(n)]})
        for n in LIST_SIZES
    }
    return Payloads(
        llm_id=llm["llmId"],
        get=dump(llm),
        create=dump(created),
        update=dump(without_credentials(read("update_response.json"))),
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
    sync: Goodmem
    async_: AsyncGoodmem
    owned: list[httpx.Client | httpx.AsyncClient]
    """The httpx clients made here (the facades do not close a caller's client)."""

    @classmethod
    def on(cls, transport: httpx.MockTransport) -> Clients:
        raw = httpx.Client(base_url=BASE_URL, headers=HEADERS, transport=transport)
        raw_async = httpx.AsyncClient(base_url=BASE_URL, headers=HEADERS, transport=transport)
        sync_http = httpx.Client(transport=transport)
        async_http = httpx.AsyncClient(transport=transport)
        return cls(
            raw=raw,
            raw_async=raw_async,
            sync=Goodmem(BASE_URL, API_KEY, http_client=sync_http),
            async_=AsyncGoodmem(BASE_URL, API_KEY, http_client=async_http),
            owned=[raw, raw_async, sync_http, async_http],
        )

    async def aclose(self) -> None:
        for http in self.owned:
            if isinstance(http, httpx.AsyncClient):
                await http.aclose()
            else:
                http.close()


@dataclass(frozen=True)
class Sent:
    """What one request carried, as the equivalence check compares it."""

    method: str
    path: str
    query: str
    body: Any
    """The JSON body, parsed (None without a body)."""

    @classmethod
    def of(cls, request: httpx.Request) -> Sent:
        body = json.loads(request.content) if request.content else None
        return cls(request.method, request.url.path, request.url.query.decode(), body)


@dataclass(frozen=True)
class Probe:
    """One call's requests, and the length of its result when it is a list."""

    sent: list[Sent]
    size: int | None


@dataclass(frozen=True)
class Subject:
    """One thing to time: a blocking callable, an awaitable-returning one, or a remote batch
    (exactly one). A remote subject also has `probe`, which makes one call and says what it
    sent (for the equivalence check); it raises ColumnUnavailable when it cannot run."""

    sync: SyncFn | None = None
    async_: AsyncFn | None = None
    remote: RemoteFn | None = None
    probe: Callable[[], Probe] | None = None


def subjects(
    clients: Clients, llm_id: str, official: dict[str, Subject] | None = None
) -> dict[str, dict[str, Subject]]:
    """column -> kind of operation ("get", "list", "create", "update") -> Subject.

    Each column sends the same method, path and JSON body; each returns parsed data
    (dicts for raw, models otherwise), so parsing is part of the cost. `official` is the
    official SDK's column (bench/official.py), when it can run.
    """
    item = f"/v1/llms/{llm_id}"
    raw, raw_async = clients.raw, clients.raw_async
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

    table = {
        "raw": blocking(raw_get, raw_list, raw_create, raw_update),
        "sync": blocking(facade_get, facade_list, facade_create, facade_update),
        "async": awaited(afacade_get, afacade_list, afacade_create, afacade_update),
        "raw_async": awaited(araw_get, araw_list, araw_create, araw_update),
    }
    if official is not None:
        table["official"] = official
    return table


def kind_of(operation: str) -> str:
    """The subject kind for an operation name ("list_100" -> "list")."""
    return operation.split("_", 1)[0]


# -- equivalence check --------------------------------------------------------------------


def check_equivalence(
    loop: asyncio.AbstractEventLoop,
    table: dict[str, dict[str, Subject]],
    router: Router,
    unavailable: dict[str, str] | None = None,
) -> tuple[list[str], list[str]]:
    """Call every subject once; (problems, notes). No problems means the columns agree.

    Checks that every column sends raw httpx's method, path, query and JSON body per operation
    and gets an answer of the expected size. Keys the facade adds on its own (FACADE_ADDS) are
    not problems: they become notes, and are part of the facade's measured cost. A column
    that raises ColumnUnavailable is removed from `table`, and the reason recorded in
    `unavailable`.
    """
    problems: list[str] = []
    notes: list[str] = []
    router.list_size = LIST_SIZES[-1]
    for kind in KINDS:
        sent: dict[str, Sent] = {}
        for column in list(table):
            try:
                probe = _probe(loop, table[column][kind], router)
            except ColumnUnavailable as exc:
                if unavailable is not None:
                    unavailable[column] = str(exc)
                del table[column]
                continue
            except Exception as exc:
                problems.append(f"{column} {kind}: {type(exc).__name__}: {exc}")
                continue
            if kind == "list" and probe.size != LIST_SIZES[-1]:
                problems.append(f"{column} list: got {probe.size} LLMs")
            if len(probe.sent) != 1:
                problems.append(f"{column} {kind}: sent {len(probe.sent)} requests")
                continue
            sent[column] = probe.sent[0]
        reference = sent.get("raw")
        for column, request in sent.items():
            added = FACADE_ADDS.get(kind, {}) if column in ("sync", "async") else {}
            body = request.body
            if isinstance(body, dict) and reference is not None:
                for key, why in added.items():
                    if key in body and key not in (reference.body or {}):
                        del body[key]
                        if column == "sync":
                            notes.append(f"Goodmem {kind} also sends {key}: {why}")
            if request != reference:
                problems.append(f"{kind}: {column} sent {request!r}, raw httpx sent {reference!r}")
    return problems, notes


def _probe(loop: asyncio.AbstractEventLoop, subject: Subject, router: Router) -> Probe:
    """One call of `subject`, and what it sent."""
    if subject.probe is not None:
        return subject.probe()
    router.captured = []
    try:
        if subject.async_ is not None:
            result = loop.run_until_complete(_await(subject.async_))
        else:
            assert subject.sync is not None
            result = subject.sync()
    finally:
        captured, router.captured = router.captured, None
    size = len(result) if isinstance(result, list) else None
    return Probe(sent=[Sent.of(request) for request in captured], size=size)


async def _await(fn: AsyncFn) -> object:
    return await fn()
