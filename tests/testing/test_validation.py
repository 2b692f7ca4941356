"""400 INVALID_ARGUMENT for every broken constraint of create and update, naming the field."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.spec_check import load_spec
from tests.testing.support import api_key_credentials, create_llm, minimal

INT32_MAX = 2**31 - 1
# in spec order: the embedded GoodMem lists the enum as openapi.yaml has it
PROVIDERS = ", ".join(load_spec()["components"]["schemas"]["LLMProviderType"]["enum"])

# (fields merged into a minimal create body, expected error message)
BAD_CREATE_FIELDS: list[tuple[dict[str, Any], str]] = [
    ({"displayName": ""}, "displayName: must be 1 to 255 characters"),
    ({"displayName": "x" * 256}, "displayName: must be 1 to 255 characters"),
    ({"displayName": 7}, "displayName: must be a string"),
    ({"displayName": None}, "displayName: is required"),
    ({"modelIdentifier": ""}, "modelIdentifier: must not be empty"),
    (
        {"providerType": "ANTHROPIC"},
        "providerType: must be one of " + PROVIDERS,
    ),
    (
        {"supportedModalities": ["TEXT", "SMELL"]},
        "supportedModalities[1]: must be one of TEXT, IMAGE, AUDIO, VIDEO",
    ),
    ({"supportedModalities": "TEXT"}, "supportedModalities: must be an array"),
    ({"maxContextLength": 0}, f"maxContextLength: must be between 1 and {INT32_MAX}"),
    ({"maxContextLength": INT32_MAX + 1}, f"maxContextLength: must be between 1 and {INT32_MAX}"),
    ({"maxContextLength": 1.5}, "maxContextLength: must be an integer"),
    ({"maxContextLength": True}, "maxContextLength: must be an integer"),
    (
        {"defaultSamplingParams": {"maxTokens": 0}},
        f"defaultSamplingParams.maxTokens: must be between 1 and {INT32_MAX}",
    ),
    (
        {"defaultSamplingParams": {"topK": -1}},
        f"defaultSamplingParams.topK: must be between 1 and {INT32_MAX}",
    ),
    (
        {"defaultSamplingParams": {"temperature": 2.01}},
        "defaultSamplingParams.temperature: must be between 0 and 2",
    ),
    (
        {"defaultSamplingParams": {"temperature": -0.1}},
        "defaultSamplingParams.temperature: must be between 0 and 2",
    ),
    (
        {"defaultSamplingParams": {"topP": 1.5}},
        "defaultSamplingParams.topP: must be between 0 and 1",
    ),
    (
        {"defaultSamplingParams": {"frequencyPenalty": -2.5}},
        "defaultSamplingParams.frequencyPenalty: must be between -2 and 2",
    ),
    (
        {"defaultSamplingParams": {"presencePenalty": 3}},
        "defaultSamplingParams.presencePenalty: must be between -2 and 2",
    ),
    (
        {"defaultSamplingParams": {"stopSequences": ["s"] * 11}},
        "defaultSamplingParams.stopSequences: must have at most 10 items",
    ),
    (
        {"defaultSamplingParams": {"stopSequences": ["ok", "x" * 101]}},
        "defaultSamplingParams.stopSequences[1]: must be at most 100 characters",
    ),
    (
        {"defaultSamplingParams": {"max_tokens": 5}},
        "defaultSamplingParams.max_tokens: unknown field",
    ),
    ({"labels": {f"k{i}": "v" for i in range(21)}}, "labels: must have at most 20 entries"),
    ({"labels": {"team": 1}}, "labels.team: must be a string"),
    ({"labels": ["a"]}, "labels: must be an object"),
    ({"capabilities": {"supportsChat": "yes"}}, "capabilities.supportsChat: must be a boolean"),
    ({"ownerId": "not-a-uuid"}, "ownerId: must be a UUID"),
    ({"llmId": "550e8400-e29b-41d4-a716-44665544000"}, "llmId: must be a UUID"),
    ({"llmId": "550e8400-e29b-41d4-a716-446655440000\n"}, "llmId: must be a UUID"),
    ({"display_name": "x"}, "display_name: unknown field"),
    ({"createdAt": 1}, "createdAt: unknown field"),
    ({"endpointUrl": "api.openai.com/v1"}, "endpointUrl: must be an absolute http(s) URL"),
    ({"endpointUrl": "ftp://example.com"}, "endpointUrl: must be an absolute http(s) URL"),
    ({"endpointUrl": "http://h:99999/v1"}, "endpointUrl: must be an absolute http(s) URL"),
    ({"monitoringEndpoint": "status"}, "monitoringEndpoint: must be an absolute http(s) URL"),
    ({"apiPath": "chat/completions"}, "apiPath: must start with '/'"),
    ({"credentials": {"apiKey": {"inlineSecret": "s"}}}, "credentials.kind: is required"),
    (
        {"credentials": {"kind": "API_KEY"}},
        "credentials.kind: must be one of CREDENTIAL_KIND_API_KEY, CREDENTIAL_KIND_GCP_ADC",
    ),
    (
        {"credentials": {"kind": "CREDENTIAL_KIND_API_KEY"}},
        "credentials.apiKey: is required when kind is CREDENTIAL_KIND_API_KEY",
    ),
    (
        {"credentials": {"kind": "CREDENTIAL_KIND_GCP_ADC"}},
        "credentials.gcpAdc: is required when kind is CREDENTIAL_KIND_GCP_ADC",
    ),
    (
        {"credentials": {"kind": "CREDENTIAL_KIND_GCP_ADC", "gcpAdc": {}, "apiKey": {}}},
        "credentials.apiKey: is not allowed when kind is CREDENTIAL_KIND_GCP_ADC",
    ),
    (
        {"credentials": {"kind": "CREDENTIAL_KIND_API_KEY", "apiKey": {"headerName": "X"}}},
        "credentials.apiKey: needs inlineSecret or secretRef",
    ),
    (
        {"credentials": {"kind": "CREDENTIAL_KIND_API_KEY", "apiKey": {"inlineSecret": ""}}},
        "credentials.apiKey.inlineSecret: must not be empty",
    ),
    (
        {"credentials": {"kind": "CREDENTIAL_KIND_API_KEY", "apiKey": {"secretRef": {}}}},
        "credentials.apiKey.secretRef.uri: is required",
    ),
    (
        {"credentials": {"kind": "CREDENTIAL_KIND_API_KEY", "apiKey": {"secretRef": {"uri": ""}}}},
        "credentials.apiKey.secretRef.uri: must not be empty",
    ),
    (
        {"credentials": {"kind": "CREDENTIAL_KIND_GCP_ADC", "gcpAdc": {"scopes": "all"}}},
        "credentials.gcpAdc.scopes: must be an array",
    ),
    (
        {"credentials": api_key_credentials() | {"labels": {str(i): "" for i in range(21)}}},
        "credentials.labels: must have at most 20 entries",
    ),
]


@pytest.mark.parametrize(("fields", "message"), BAD_CREATE_FIELDS)
def test_create_rejects_a_broken_constraint(
    http: httpx.Client, fields: dict[str, Any], message: str
) -> None:
    response = http.post("/v1/llms", json=minimal(**fields))

    assert response.status_code == 400
    assert response.json() == {"code": "INVALID_ARGUMENT", "message": message}
    assert http.get("/v1/llms").json() == {"llms": []}


@pytest.mark.parametrize(
    "missing", ["displayName", "providerType", "endpointUrl", "modelIdentifier"]
)
def test_create_requires_its_required_fields(http: httpx.Client, missing: str) -> None:
    body = minimal()
    del body[missing]

    response = http.post("/v1/llms", json=body)

    assert response.status_code == 400
    assert response.json()["message"] == f"{missing}: is required"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "body: is required (a JSON object)"),
        (
            b"{",
            "body: is not valid JSON: Expecting property name enclosed in double quotes: "
            "line 1 column 2 (char 1)",
        ),
        (b'{"displayName": NaN}', "displayName: NaN is not valid JSON (numbers must be finite)"),
        (b"\xff\xfe{}", "body: is not valid UTF-8 (byte 0xff at offset 0)"),
        (b"[]", "body: must be a JSON object"),
        (b'"text"', "body: must be a JSON object"),
    ],
)
@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_the_body_must_be_a_json_object(
    http: httpx.Client, method: str, content: bytes, message: str
) -> None:
    path = "/v1/llms" if method == "POST" else "/v1/llms/" + create_llm(http)["llmId"]

    headers = {"content-type": "application/json"}

    response = http.request(method, path, content=content, headers=headers)

    assert response.status_code == 400
    assert response.json() == {"code": "INVALID_ARGUMENT", "message": message}


def test_messages_never_echo_secrets(http: httpx.Client) -> None:
    credentials = {
        "kind": "CREDENTIAL_KIND_GCP_ADC",
        "gcpAdc": {},
        "apiKey": {"inlineSecret": "sk-x"},
    }

    response = http.post("/v1/llms", json=minimal(credentials=credentials))

    assert response.status_code == 400
    assert "sk-x" not in response.text


BAD_UPDATE_FIELDS: list[tuple[dict[str, Any], str]] = [
    ({"providerType": "VLLM"}, "providerType: cannot be changed after creation"),
    ({"labels": {"a": "b"}}, "labels: unknown field; use replaceLabels or mergeLabels"),
    ({"ownerId": "550e8400-e29b-41d4-a716-446655440000"}, "ownerId: unknown field"),
    ({"llmId": "550e8400-e29b-41d4-a716-446655440000"}, "llmId: unknown field"),
    ({"displayName": ""}, "displayName: must be 1 to 255 characters"),
    ({"modelIdentifier": ""}, "modelIdentifier: must not be empty"),
    ({"maxContextLength": 0}, f"maxContextLength: must be between 1 and {INT32_MAX}"),
    (
        {"supportedModalities": ["TXT"]},
        "supportedModalities[0]: must be one of TEXT, IMAGE, AUDIO, VIDEO",
    ),
    (
        {"replaceLabels": {"a": "1"}, "mergeLabels": {"b": "2"}},
        "replaceLabels: cannot be combined with mergeLabels",
    ),
    (
        {"replaceLabels": {str(i): "" for i in range(21)}},
        "replaceLabels: must have at most 20 entries",
    ),
    ({"mergeLabels": {"a": None}}, "mergeLabels.a: must be a string, not null"),
    (
        {"credentials": {"kind": "CREDENTIAL_KIND_GCP_ADC"}},
        "credentials.gcpAdc: is required when kind is CREDENTIAL_KIND_GCP_ADC",
    ),
    ({"defaultSamplingParams": {"topP": 2}}, "defaultSamplingParams.topP: must be between 0 and 1"),
    ({"endpointUrl": "localhost:8000"}, "endpointUrl: must be an absolute http(s) URL"),
    ({"apiPath": "x"}, "apiPath: must start with '/'"),
]


@pytest.mark.parametrize(("fields", "message"), BAD_UPDATE_FIELDS)
def test_update_rejects_a_broken_constraint_and_changes_nothing(
    http: httpx.Client, fields: dict[str, Any], message: str
) -> None:
    llm_id = create_llm(http)["llmId"]
    before = http.get(f"/v1/llms/{llm_id}").json()

    response = http.put(f"/v1/llms/{llm_id}", json=fields)

    assert response.status_code == 400
    assert response.json() == {"code": "INVALID_ARGUMENT", "message": message}
    assert http.get(f"/v1/llms/{llm_id}").json() == before


def test_merging_past_twenty_labels_is_rejected(http: httpx.Client) -> None:
    llm_id = create_llm(http)["llmId"]
    http.put(f"/v1/llms/{llm_id}", json={"replaceLabels": {f"a{i}": "" for i in range(15)}})

    response = http.put(f"/v1/llms/{llm_id}", json={"mergeLabels": {f"b{i}": "" for i in range(6)}})

    assert response.status_code == 400
    assert response.json()["message"] == "mergeLabels: labels would have more than 20 entries"
    assert len(http.get(f"/v1/llms/{llm_id}").json()["labels"]) == 15


def test_boundary_values_are_accepted(http: httpx.Client) -> None:
    fields = {
        "displayName": "x" * 255,
        "maxContextLength": INT32_MAX,
        "labels": {f"k{i}": "v" for i in range(20)},
        "defaultSamplingParams": {
            "maxTokens": 1,
            "temperature": 2,
            "topP": 0,
            "topK": INT32_MAX,
            "frequencyPenalty": -2,
            "presencePenalty": 2.0,
            "stopSequences": ["x" * 100] * 10,
        },
    }

    response = http.post("/v1/llms", json=minimal(**fields))

    assert response.status_code == 201
