"""Schema-true: every exchange matches openapi.yaml, and the validation table matches the spec."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from goodmem.testing import FakeGoodmem, _schema
from goodmem.testing._spec import load_spec as load_fake_spec
from tests.spec_check import load_spec
from tests.testing.support import (
    OTHER_PRINCIPAL,
    SpecCheckingTransport,
    api_key_credentials,
    minimal,
    spec_problems,
)

INT32_MAX = 2**31 - 1
MISSING = "00000000-0000-4000-8000-000000000000"
ERROR = {"code": "NOT_FOUND", "message": "no such resource"}


def test_a_realistic_scenario_hits_every_documented_status(
    http: httpx.Client,
    other_http: httpx.Client,
    anon_http: httpx.Client,
    checked: SpecCheckingTransport,
) -> None:
    missing = MISSING
    created = http.post("/v1/llms", json=minimal(credentials=api_key_credentials())).json()["llm"]
    llm_id = created["llmId"]
    http.post("/v1/llms", json=minimal(credentials=api_key_credentials()))  # 409
    http.post("/v1/llms", json=minimal(displayName=""))  # 400
    http.post("/v1/llms", json=minimal(modelIdentifier="o1", ownerId=OTHER_PRINCIPAL))  # 403
    http.post("/v1/llms", content=b"{}", headers={"content-type": "text/plain"})  # 415
    anon_http.post("/v1/llms", json=minimal())  # 401
    http.get("/v1/llms", params={"label.env": "x", "providerType": "OPENAI"})
    http.get("/v1/llms", params={"providerType": "nope"})  # 400
    anon_http.get("/v1/llms")  # 401
    http.get(f"/v1/llms/{llm_id}")
    http.get("/v1/llms/bad-id")
    http.get(f"/v1/llms/{missing}")
    other_http.get(f"/v1/llms/{llm_id}")  # 403: another owner's
    anon_http.get(f"/v1/llms/{llm_id}")
    http.put(f"/v1/llms/{llm_id}", json={"displayName": "New", "mergeLabels": {"a": "b"}})
    http.put(f"/v1/llms/{llm_id}", json={"providerType": "VLLM"})  # 400
    http.put(f"/v1/llms/{missing}", json={})  # 404
    other_http.put(f"/v1/llms/{llm_id}", json={})  # 403
    http.put(f"/v1/llms/{llm_id}", content=b"{}", headers={"content-type": "text/xml"})  # 415
    twin = minimal(modelIdentifier="twin", credentials=api_key_credentials())
    twin_id = http.post("/v1/llms", json=twin).json()["llm"]["llmId"]
    http.put(f"/v1/llms/{twin_id}", json={"modelIdentifier": "gpt-4o-mini"})  # 409: as llm_id
    anon_http.put(f"/v1/llms/{llm_id}", json={})
    anon_http.delete(f"/v1/llms/{llm_id}")
    other_http.delete(f"/v1/llms/{llm_id}")  # 403
    http.delete("/v1/llms/bad-id")
    http.delete(f"/v1/llms/{llm_id}")
    http.delete(f"/v1/llms/{llm_id}")  # 404
    http.get("/v1/other")  # off the API: 404 ErrorResponse
    http.patch("/v1/llms")  # 405 ErrorResponse

    documented = {
        (method.upper(), path, int(status))
        for path, item in load_spec()["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "responses" in operation
        for status in operation["responses"]
    } - {("GET", "/v1/llms", 403)}  # every key has LIST_LLM (own or any) in the fake
    assert documented - checked.seen == set()
    assert checked.violations == []


URL = "http://goodmem.test"
KEY = {"x-api-key": "gm_test_key"}
LIST_OK = httpx.Response(200, json={"llms": []})


def _problems(method: str, target: str, response: httpx.Response, body: Any = None) -> list[str]:
    """spec_problems of `method` on `target` with the default key and JSON `body`."""
    request = httpx.Request(method, URL + target, headers=KEY, json=body)
    return spec_problems(request, response)


def test_the_checker_catches_bad_responses() -> None:
    documented = ", ".join(load_spec()["paths"]["/v1/llms/{id}"]["get"]["responses"])

    assert _problems("GET", "/v1/llms/x", httpx.Response(418, json={})) == [
        f"status 418 is not documented (documented: {documented})",
        "error body lacks a code or a message",
    ]
    assert any("llmId" in p for p in _problems("GET", "/v1/llms/x", httpx.Response(200, json={})))
    assert _problems("GET", "/v1/llms/x", httpx.Response(404, json={"code": "NOT_FOUND"})) == [
        "error body lacks a code or a message"
    ]
    assert _problems("GET", "/v1/llms", httpx.Response(200, text="{}")) != []  # not JSON type
    assert _problems("GET", "/v1/llms", httpx.Response(200, json={"llms": [{}]})) != []
    assert _problems("DELETE", f"/v1/llms/{MISSING}", httpx.Response(204, json={})) == [
        "response has a body but 204 documents none"
    ]


def test_the_checker_catches_what_the_fake_promises_beyond_the_spec() -> None:
    created = FakeGoodmem().handle(
        httpx.Request("POST", f"{URL}/v1/llms", headers=KEY, json=minimal())
    )
    without_location = httpx.Response(201, json=created.json())

    assert _problems("POST", "/v1/llms", created, minimal()) == []
    assert _problems("POST", "/v1/llms", without_location, minimal()) == ["header Location missing"]
    assert _problems("GET", "/v1/other", httpx.Response(404, json=ERROR)) == []
    assert _problems("PATCH", "/v1/llms", httpx.Response(405, json=ERROR)) == []
    assert _problems("GET", "/v1/other", LIST_OK) == [
        "undocumented operation answered 200",
        "error body lacks a code or a message",
    ]
    assert _problems("GET", "/v1/other", httpx.Response(404, text="no")) == [
        "error body content-type 'text/plain; charset=utf-8', not 'application/json'",
        "error body lacks a code or a message",
    ]
    assert _problems("GET", "/v1/other", httpx.Response(404, json={"code": 1})) == [
        "response: code: 1 is not of type 'string'",
        "error body lacks a code or a message",
    ]
    # everything under /v1/llms/ is the item route, with a malformed id
    assert _problems("GET", "/v1/llms/a/b", httpx.Response(400, json=ERROR)) == []


@pytest.mark.parametrize(
    ("target", "body", "expected"),
    [
        # the server's spellings are read as the spec's, then checked
        ("/v1/llms?provider_type=OPENAI&label[env]=prod&owner_id=x", None, []),
        ("/v1/llms?providerType=OPENAI&label.env=prod&ownerId=x", None, []),
        ("/v1/llms?provider_type=NOPE", None, ["'NOPE' is not one of"]),
        ("/v1/llms?labels[env]=prod", None, ["'labels[env]' is not documented"]),
        ("/v1/llms?label=prod", None, ["'label' is not documented"]),
        (f"/v1/llms/{MISSING}?include_credentials=maybe", None, ["includeCredentials"]),
        # a null optional field is not given; a null required one is still wrong
        ("/v1/llms", minimal(description=None, labels=None), []),
        ("/v1/llms", minimal(displayName=None), ["displayName"]),
        ("/v1/llms", minimal(displayName=""), ["displayName"]),
        ("/v1/llms", minimal(unknownField=1), ["'unknownField' was unexpected"]),
    ],
)
def test_the_checker_reads_accepted_requests_as_the_server_does(
    target: str, body: Any, expected: list[str]
) -> None:
    """An accepted request (2xx) must be valid once normalised; the normalising drops nothing."""
    method = "GET" if body is None else "POST"
    response = LIST_OK if target.startswith("/v1/llms?") else httpx.Response(200)

    problems = _problems(method, target, response, body)

    request_problems = [p for p in problems if p.startswith("request")]
    assert len(request_problems) == len(expected), problems
    for problem, text in zip(request_problems, expected, strict=True):
        assert text in problem


def test_the_checker_reads_only_accepted_requests() -> None:
    """A rejected request may break the spec (the tests send such on purpose); its answer not."""
    rejected = httpx.Response(400, json=ERROR)

    assert _problems("POST", "/v1/llms", rejected, {"displayName": 1}) == []
    assert _problems("GET", "/v1/llms?labels.x=1", rejected) == []
    accepted_without_key = httpx.Request("GET", f"{URL}/v1/llms")
    assert any("ApiKeyAuth" in problem for problem in spec_problems(accepted_without_key, LIST_OK))


# --- the schemas compiled from openapi.yaml keep every constraint it states -------------------


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    """`node` with $refs followed; `allOf: [one]` is that one narrowed by its sibling keywords."""
    spec = load_spec()
    while "$ref" in node or "allOf" in node:
        if "allOf" in node:
            (base,) = node["allOf"]
            node = {**_resolve(base), **{k: v for k, v in node.items() if k != "allOf"}}
        else:
            node = spec["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _compare(spec_node: dict[str, Any], table: _schema.Schema, where: str) -> list[str]:
    """How `table` differs from `spec_node`; unknown keys of nested objects are rejected."""
    problems: list[str] = []
    nullable = spec_node.get("nullable", False) and not {"$ref", "allOf"} & set(spec_node)
    node = _resolve(spec_node)
    expected: dict[str, Any] = {
        "type": node["type"],
        "nullable": nullable,
        "min_length": node.get("minLength"),
        "max_length": node.get("maxLength"),
        "enum": tuple(node["enum"]) if "enum" in node else None,
        "minimum": node.get("minimum", -INT32_MAX - 1 if node.get("format") == "int32" else None),
        "maximum": node.get("maximum", INT32_MAX if node.get("format") == "int32" else None),
        "max_items": node.get("maxItems"),
        "max_properties": node.get("maxProperties"),
        "required": tuple(node.get("required", ())),
        "pattern_text": node.get("pattern"),
    }
    actual = {name: getattr(table, name) for name in expected}
    for name, value in expected.items():
        if actual[name] != value:
            problems.append(f"{where}: {name} is {actual[name]!r}, spec says {value!r}")
    if node["type"] == "array":
        problems += _compare(node["items"], table.items or _schema.Schema("object"), f"{where}[]")
    if node["type"] == "object":
        properties = node.get("properties", {})
        if set(properties) != set(table.properties):
            problems.append(
                f"{where}: properties {sorted(table.properties)} != {sorted(properties)}"
            )
        for name in set(properties) & set(table.properties):
            problems += _compare(properties[name], table.properties[name], f"{where}.{name}")
        additional = node.get("additionalProperties")
        if isinstance(additional, dict):
            if isinstance(table.additional, _schema.Schema):
                problems += _compare(additional, table.additional, f"{where}.*")
            else:
                problems.append(f"{where}: must be a map")
        elif additional is True and table.additional is not True:
            problems.append(f"{where}: must be free-form")
        elif additional in (None, False) and table.additional is not False:
            problems.append(f"{where}: must reject unknown keys")
    return problems


@pytest.mark.parametrize(
    ("name", "attribute"),
    [("LLMCreationRequest", "create_request"), ("LLMUpdateRequest", "update_request")],
)
def test_the_compiled_schemas_match_the_spec(name: str, attribute: str) -> None:
    table = getattr(load_fake_spec(), attribute)

    assert _compare({"$ref": f"#/components/schemas/{name}"}, table, name) == []
