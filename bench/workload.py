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

    Lists repeat get_response.json with distinct llmIds and without credentials, which the
    API never returns in a list (only a get with includeCredentials=true has them).
    """

    def read(name: str) -> Any:
        return json.loads((FIXTURES / name).read_text(encoding="utf-8"))

    def dump(value: Any) -> bytes:
        return json.dumps(value, separators=(",", ":")).encode()

    llm = read("get_response.json")
    listed = {key: value for key, value in llm.items() if key != "credentials"}
    lists = {
        n: dump(
            {"llms": [{**listed, "llmId": f"00000000-0000-4000-8000-{i:012x}"} for i in range(n)]}
        )
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
