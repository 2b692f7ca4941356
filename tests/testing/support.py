"""Helpers for the goodmem.testing tests: a settable clock, and a transport checking every
exchange against openapi.yaml with tests/spec_check.py."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl

import httpx

from goodmem.testing import DEFAULT_API_KEY, FakeGoodmem
from tests.spec_check import (
    Exchange,
    Operation,
    documented_response,
    find_operation,
    load_spec,
    operation_at,
    request_problems,
    resolve,
    response_problems,
    schema_errors,
)

OTHER_KEY = "gm_other_key"
OTHER_PRINCIPAL = "0b6f8d2a-3c4e-4f5a-9b7c-1d2e3f4a5b6c"
ADMIN_KEY = "gm_admin_key"
ADMIN_PRINCIPAL = "9d3c1b2a-0f4e-4d5c-8b7a-6e5f4d3c2b1a"
START_MS = 1_700_000_000_000


class Clock:
    """Epoch milliseconds that move only when a test says so; raises `error` when set."""

    def __init__(self, now: int = START_MS) -> None:
        self.now = now
        self.error: Exception | None = None

    def __call__(self) -> int:
        if self.error is not None:
            raise self.error
        return self.now


OPENAI_URL = "https://api.openai.com/v1"


def minimal(**fields: Any) -> dict[str, Any]:
    """The smallest valid create body (the four fields the contract requires), plus `fields`."""
    return {
        "displayName": "Doc LLM",
        "providerType": "OPENAI",
        "endpointUrl": OPENAI_URL,
        "modelIdentifier": "gpt-4o-mini",
        **fields,
    }


def api_key_credentials(secret: str = "sk-test-secret") -> dict[str, Any]:
    """Credentials of kind CREDENTIAL_KIND_API_KEY with an inline secret."""
    return {"kind": "CREDENTIAL_KIND_API_KEY", "apiKey": {"inlineSecret": secret}}


def create_llm(http: httpx.Client, **fields: Any) -> dict[str, Any]:
    """Create minimal(**fields) through `http`; the created LLM."""
    response = http.post("/v1/llms", json=minimal(**fields))
    assert response.status_code == 201, response.text
    llm: dict[str, Any] = response.json()["llm"]
    return llm


def in_process(fake: FakeGoodmem, key: str | None = DEFAULT_API_KEY, **kwargs: Any) -> httpx.Client:
    """An httpx.Client on `fake.transport` sending `key` (None: no x-api-key header)."""
    headers = {"x-api-key": key} if key is not None else {}
    return httpx.Client(transport=fake.transport, base_url=fake.base_url, headers=headers, **kwargs)


def without_null_fields(value: Any, schema_name: str) -> Any:
    """`value` less every null property that components/schemas/<schema_name> declares.

    The server reads a null optional field as "not given" (official clients send nulls for
    unset fields), so an accepted request is checked against the spec without them.
    """

    def strip(value: Any, node: dict[str, Any]) -> Any:
        node = resolve(node)
        if isinstance(value, dict):
            properties = node.get("properties", {})
            additional = node.get("additionalProperties")
            return {
                key: strip(
                    item,
                    properties.get(key) or (additional if isinstance(additional, dict) else {}),
                )
                for key, item in value.items()
                if not (item is None and key in properties)
            }
        if isinstance(value, list) and "items" in node:
            return [strip(item, node["items"]) for item in value]
        return value

    return strip(value, {"$ref": f"#/components/schemas/{schema_name}"})


def _snake_case(name: str) -> str:
    """`providerType` -> `provider_type`."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def spec_query(operation: Operation, query: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """`query` spelled as openapi.yaml documents it, as the embedded GoodMem reads it.

    The server takes each query parameter under its snake_case name too (`provider_type`), and
    a deepObject `x` as `x[<key>]` as well as `x.<key>`; any other name is kept as sent.
    """
    names: dict[str, dict[str, Any]] = {}
    for documented in operation.query_parameters():
        names[documented["name"]] = names[_snake_case(documented["name"])] = documented
    spelled = []
    for name, value in query:
        base, key = name, None
        if name.endswith("]") and "[" in name:
            base, _, key = name[:-1].partition("[")
        elif "." in name:
            base, _, key = name.partition(".")
        parameter = names.get(base)
        if parameter is not None and (key is None) == (parameter.get("style") != "deepObject"):
            name = parameter["name"] if key is None else f"{parameter['name']}.{key}"
        spelled.append((name, value))
    return spelled


def fake_route(method: str, path: str) -> Operation | None:
    """The operation the embedded GoodMem routes `method` on `path` (as sent) to.

    The server reads everything after an item route's prefix as the id, so `/v1/llms/` and
    `/v1/llms/a/b` are item operations with a malformed id (a 400), not other routes.
    """
    operation = find_operation(method, path)
    for template in load_spec()["paths"]:
        prefix, brace, name = template.partition("{")
        item_route = brace and name.endswith("}") and "/" not in name
        if operation is None and item_route and path.startswith(prefix):
            operation = operation_at(method, template)
    return operation


def _code_and_message(response: httpx.Response) -> list[str]:
    """The fake's error bodies all have a string code and message (the spec requires neither)."""
    try:
        payload = json.loads(response.content)
    except ValueError:
        payload = None
    if (
        isinstance(payload, dict)
        and isinstance(payload.get("code"), str)
        and isinstance(payload.get("message"), str)
    ):
        return []
    return ["error body lacks a code or a message"]


def _off_the_api_problems(response: httpx.Response) -> list[str]:
    """An answer to a request outside the documented operations: a 404 or 405 ErrorResponse."""
    status = response.status_code
    problems = [] if status in (404, 405) else [f"undocumented operation answered {status}"]
    content_type = response.headers.get("content-type")
    if content_type != "application/json":
        problems.append(f"error body content-type {content_type!r}, not 'application/json'")
    else:
        payload = json.loads(response.content)
        problems += [f"response: {e}" for e in schema_errors("ErrorResponse", payload)]
    return problems + _code_and_message(response)


def spec_problems(request: httpx.Request, response: httpx.Response) -> list[str]:
    """Every way this exchange with the embedded GoodMem breaks openapi.yaml.

    The response is checked against its operation (tests/spec_check.py), and so is the request
    when the server accepted it (2xx), read as the server reads it: query parameters spelled as
    the spec documents them (`spec_query`), a body as JSON whatever its content type, a null
    optional field as not given (`without_null_fields`). The fake also promises more than the
    spec: every header a response documents is sent, every error body has a code and a
    message, and a request outside the documented operations gets a 404 or 405 ErrorResponse.
    """
    path, _, query = request.url.raw_path.decode().partition("?")
    status = response.status_code
    operation = fake_route(request.method, path)
    if operation is None:
        return _off_the_api_problems(response)
    body = request.content
    request_body = operation.spec.get("requestBody")
    if request_body is not None and 200 <= status < 300:
        name = request_body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        body = json.dumps(without_null_fields(json.loads(body), name)).encode()
    exchange = Exchange(
        method=request.method,
        path=path,
        query=spec_query(operation, parse_qsl(query, keep_blank_values=True)),
        request_headers=[
            *((k, v) for k, v in request.headers.multi_items() if k != "content-type"),
            ("content-type", "application/json"),
        ],
        request_body=body,
        status=status,
        response_headers=response.headers.multi_items(),
        response_body=response.content,
    )
    problems = response_problems(exchange, operation)
    if 200 <= status < 300:
        problems += request_problems(exchange, operation)
    documented = documented_response(operation, status) or {}
    problems += [
        f"header {h} missing" for h in documented.get("headers", {}) if h not in response.headers
    ]
    if status >= 400:
        problems += _code_and_message(response)
    return problems


class SpecCheckingTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Passes requests to `inner` and records every exchange that breaks openapi.yaml."""

    def __init__(self, inner: httpx.MockTransport) -> None:
        self.inner = inner
        self.violations: list[str] = []
        self.seen: set[tuple[str, str, int]] = set()

    def _check(self, request: httpx.Request, response: httpx.Response) -> None:
        raw_path = request.url.raw_path.split(b"?", 1)[0].decode()
        operation = fake_route(request.method, raw_path)
        template = operation.template if operation else raw_path
        self.seen.add((request.method, template, response.status_code))
        for problem in spec_problems(request, response):
            self.violations.append(
                f"{request.method} {raw_path} -> {response.status_code}: {problem}"
            )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        self._check(request, response)
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        await response.aread()
        self._check(request, response)
        return response
