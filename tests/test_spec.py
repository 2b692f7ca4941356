"""openapi.yaml: valid, complete for the documented operations, true to the documented examples."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_spec_validator import validate

from tests.conftest import load_fixture
from tests.spec_check import schema_errors

# The statuses the generated-client reference documents, plus 415 for a body that is not
# application/json and 409 for an update that would duplicate another LLM ("Uniqueness is
# enforced per-owner").
OPERATIONS = {
    ("post", "/v1/llms"): ("createLLM", {"201", "400", "401", "403", "409", "415"}),
    ("get", "/v1/llms"): ("listLlms", {"200", "400", "401", "403"}),
    ("get", "/v1/llms/{id}"): ("getLLM", {"200", "400", "401", "403", "404"}),
    ("put", "/v1/llms/{id}"): ("updateLLM", {"200", "400", "401", "403", "404", "409", "415"}),
    ("delete", "/v1/llms/{id}"): ("deleteLLM", {"204", "400", "401", "403", "404"}),
}


def test_spec_is_valid_openapi(spec: dict[str, Any]) -> None:
    validate(spec)


@pytest.mark.parametrize(("method", "path"), sorted(OPERATIONS))
def test_operation_is_documented(spec: dict[str, Any], method: str, path: str) -> None:
    operation_id, statuses = OPERATIONS[(method, path)]
    op = spec["paths"][path][method]
    assert op["operationId"] == operation_id
    assert op["tags"] == ["LLMs"]
    assert set(op["responses"]) == statuses


def test_every_operation_requires_the_api_key_header(spec: dict[str, Any]) -> None:
    scheme = spec["components"]["securitySchemes"]["ApiKeyAuth"]
    assert scheme == {**scheme, "type": "apiKey", "in": "header", "name": "x-api-key"}
    assert spec["security"] == [{"ApiKeyAuth": []}]
    for path_item in spec["paths"].values():
        for op in path_item.values():
            if isinstance(op, dict) and "responses" in op:
                assert op.get("security", spec["security"]) == [{"ApiKeyAuth": []}]


def test_create_answers_with_a_location_header(spec: dict[str, Any]) -> None:
    assert "Location" in spec["paths"]["/v1/llms"]["post"]["responses"]["201"]["headers"]


def test_list_documents_its_filters(spec: dict[str, Any]) -> None:
    params = {p["name"] for p in spec["paths"]["/v1/llms"]["get"]["parameters"]}
    assert params == {"ownerId", "providerType", "label"}


def _walk(node: Any) -> Any:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_no_uuid_format_so_ids_stay_strings(spec: dict[str, Any]) -> None:
    assert [n for n in _walk(spec) if n.get("format") == "uuid"] == []


@pytest.mark.parametrize(
    ("fixture", "schema"),
    [
        ("create_request", "LLMCreationRequest"),
        ("create_response", "CreateLLMResponse"),
        ("update_response", "LLMResponse"),
        ("get_response", "LLMResponse"),
    ],
)
def test_documented_examples_match_the_spec(fixture: str, schema: str) -> None:
    assert schema_errors(schema, load_fixture(fixture)) == []


def test_documented_update_example_breaks_the_label_rule_only_at_runtime() -> None:
    # The documented update example sets both replaceLabels and mergeLabels: the schema accepts
    # the shape, the server rejects the combination (400). Everything else in it is valid.
    assert schema_errors("LLMUpdateRequest", load_fixture("update_request")) == []


@pytest.mark.parametrize(
    ("schema", "value", "where"),
    [
        ("LLMCreationRequest", {"modelIdentifier": "m"}, "displayName"),
        ("LLMCreationRequest", {"displayName": "", "modelIdentifier": "m"}, "displayName"),
        ("LLMCreationRequest", {"displayName": "x" * 256, "modelIdentifier": "m"}, "displayName"),
        ("LLMCreationRequest", {"displayName": "d", "modelIdentifier": "m", "bogus": 1}, "bogus"),
        ("LLMCreationRequest", {"displayName": "d", "modelIdentifier": "m", "llmId": "x"}, "llmId"),
        (
            "LLMCreationRequest",
            {"displayName": "d", "modelIdentifier": "m", "providerType": "NOPE"},
            "providerType",
        ),
        (
            "LLMCreationRequest",
            {
                "displayName": "d",
                "modelIdentifier": "m",
                "labels": {str(i): "v" for i in range(21)},
            },
            "labels",
        ),
        ("LLMSamplingParams", {"maxTokens": 0}, "maxTokens"),
        ("LLMSamplingParams", {"temperature": 2.5}, "temperature"),
        ("LLMSamplingParams", {"topP": -0.1}, "topP"),
        ("LLMSamplingParams", {"topK": 0}, "topK"),
        ("LLMSamplingParams", {"frequencyPenalty": -3}, "frequencyPenalty"),
        ("LLMSamplingParams", {"presencePenalty": 2.01}, "presencePenalty"),
        ("LLMSamplingParams", {"stopSequences": ["s"] * 11}, "stopSequences"),
        ("LLMSamplingParams", {"stopSequences": ["x" * 101]}, "stopSequences"),
        ("LLMResponse", {**load_fixture("get_response"), "createdAt": "yesterday"}, "createdAt"),
    ],
)
def test_spec_enforces_documented_constraints(schema: str, value: Any, where: str) -> None:
    errors = schema_errors(schema, value)
    assert errors, f"{schema} accepted {value!r}"
    assert any(where in e for e in errors), errors
