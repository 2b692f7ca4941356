"""Helpers for the goodmem.testing tests: a settable clock and a transport that checks the spec."""

from __future__ import annotations

import json
from typing import Any

import httpx

from goodmem.testing import DEFAULT_API_KEY, FakeGoodmem
from tests.spec_tools import load_spec, schema_errors

OTHER_KEY = "gm_other_key"
OTHER_PRINCIPAL = "0b6f8d2a-3c4e-4f5a-9b7c-1d2e3f4a5b6c"
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


def minimal(**fields: Any) -> dict[str, Any]:
    """The smallest valid create body, plus `fields`."""
    return {"displayName": "Doc LLM", "modelIdentifier": "gpt-4o-mini", **fields}


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


def _template(raw_path: str) -> str | None:
    if raw_path == "/v1/llms":
        return raw_path
    if raw_path.startswith("/v1/llms/"):
        return "/v1/llms/{id}"
    return None


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref is None:
        return node
    target: Any = load_spec()
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    return _resolve(target)


def without_null_fields(value: Any, schema_name: str) -> Any:
    """`value` less every null property that components/schemas/<schema_name> declares.

    The server reads a null optional field as "not given" (official clients send nulls for
    unset fields), so an accepted request is checked against the spec without them.
    """

    def strip(value: Any, node: dict[str, Any]) -> Any:
        node = _resolve(node)
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


def spec_problems(request: httpx.Request, response: httpx.Response) -> list[str]:
    """Every way this exchange breaks openapi.yaml (status, headers, response and request body).

    Requests outside the documented operations must get a JSON ErrorResponse 404 or 405.
    """
    problems: list[str] = []
    raw_path = request.url.raw_path.split(b"?", 1)[0].decode()
    template = _template(raw_path)
    path_item = load_spec()["paths"].get(template, {}) if template else {}
    operation = path_item.get(request.method.lower())
    status = response.status_code
    schema_name: str | None
    if operation is None:
        if status not in (404, 405):
            problems.append(f"undocumented operation answered {status}, not 404/405")
        schema_name = "ErrorResponse"
    else:
        documented = operation["responses"].get(str(status))
        if documented is None:
            return [f"status {status} is not documented for {operation['operationId']}"]
        documented = _resolve(documented)
        for header in documented.get("headers", {}):
            if header not in response.headers:
                problems.append(f"header {header} missing")
        content = documented.get("content")
        schema_name = None
        if content is None:
            if response.content:
                problems.append("body must be empty")
        else:
            schema_name = content["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        request_body = operation.get("requestBody")
        if 200 <= status < 300 and request_body is not None:
            name = request_body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
            body = without_null_fields(json.loads(request.content), name)
            problems += [f"accepted request: {e}" for e in schema_errors(name, body)]
    if schema_name is not None:
        if response.headers.get("content-type") != "application/json":
            problems.append(f"content-type {response.headers.get('content-type')!r}")
        payload = json.loads(response.content)
        problems += [f"response: {e}" for e in schema_errors(schema_name, payload)]
        if status >= 400 and not (
            isinstance(payload.get("code"), str) and isinstance(payload.get("message"), str)
        ):
            problems.append("error body lacks a code or a message")
    return problems


class SpecCheckingTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Passes requests to `inner` and records every exchange that breaks openapi.yaml."""

    def __init__(self, inner: httpx.MockTransport) -> None:
        self.inner = inner
        self.violations: list[str] = []
        self.seen: set[tuple[str, str, int]] = set()

    def _check(self, request: httpx.Request, response: httpx.Response) -> None:
        raw_path = request.url.raw_path.split(b"?", 1)[0].decode()
        self.seen.add((request.method, _template(raw_path) or raw_path, response.status_code))
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
