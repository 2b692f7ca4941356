"""POST /v1/llms: server defaults, the 201 answer, and duplicate detection (409)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from goodmem.testing import DEFAULT_PRINCIPAL
from tests.conftest import load_fixture
from tests.testing.support import OTHER_PRINCIPAL, START_MS, Clock, api_key_credentials, minimal

ALL_FLAGS = {
    "supportsChat",
    "supportsCompletion",
    "supportsFunctionCalling",
    "supportsSystemMessages",
    "supportsStreaming",
    "supportsSamplingParameters",
}


def create(http: httpx.Client, **fields: Any) -> httpx.Response:
    return http.post("/v1/llms", json=minimal(**fields))


def test_minimal_create_fills_every_server_default(http: httpx.Client) -> None:
    response = create(http)

    assert response.status_code == 201
    llm = response.json()["llm"]
    assert uuid.UUID(llm["llmId"]).version == 4
    assert response.headers["location"] == f"/v1/llms/{llm['llmId']}"
    assert llm["displayName"] == "Doc LLM"
    assert llm["modelIdentifier"] == "gpt-4o-mini"
    assert llm["providerType"] == "OPENAI"
    assert llm["endpointUrl"] == "https://api.openai.com/v1"
    assert llm["apiPath"] == "/chat/completions"
    assert llm["supportedModalities"] == ["TEXT"]
    assert llm["labels"] == {}
    assert set(llm["capabilities"]) == ALL_FLAGS
    assert all(isinstance(v, bool) for v in llm["capabilities"].values())
    assert llm["ownerId"] == llm["createdById"] == llm["updatedById"] == DEFAULT_PRINCIPAL
    assert llm["createdAt"] == llm["updatedAt"] == START_MS
    for absent in ("description", "credentials", "version", "clientConfig", "maxContextLength"):
        assert absent not in llm


def test_inferred_capabilities_are_reported_in_statuses(http: httpx.Client) -> None:
    body = create(http).json()

    assert body["statuses"] == [
        {
            "code": "LLM_CAPABILITY_INFERRED",
            "message": "capabilities inferred from modelIdentifier 'gpt-4o-mini'",
        }
    ]
    assert body["llm"]["capabilities"]["supportsChat"] is True
    assert body["llm"]["capabilities"]["supportsFunctionCalling"] is True


def test_reasoning_models_are_inferred_without_sampling_parameters(http: httpx.Client) -> None:
    capabilities = create(http, modelIdentifier="o3-mini").json()["llm"]["capabilities"]

    assert capabilities["supportsSamplingParameters"] is False
    assert capabilities["supportsChat"] is True


def test_given_capabilities_are_kept_and_missing_flags_are_false(http: httpx.Client) -> None:
    body = create(http, capabilities={"supportsChat": True, "supportsStreaming": False}).json()

    assert "statuses" not in body
    assert body["llm"]["capabilities"] == dict.fromkeys(ALL_FLAGS, False) | {"supportsChat": True}


def test_documented_example_request_round_trips(http: httpx.Client) -> None:
    request = load_fixture("create_request")

    response = http.post("/v1/llms", json=request)

    assert response.status_code == 201
    llm = response.json()["llm"]
    expected = {k: v for k, v in request.items() if k not in ("ownerId", "llmId", "credentials")}
    assert {k: llm[k] for k in expected} == expected
    assert llm["llmId"] == request["llmId"]
    assert llm["ownerId"] == request["ownerId"]
    assert "credentials" not in llm
    assert http.get(f"/v1/llms/{llm['llmId']}").json() == llm
    with_credentials = http.get(f"/v1/llms/{llm['llmId']}", params={"includeCredentials": "true"})
    assert with_credentials.json() == llm | {"credentials": request["credentials"]}


def test_credentials_are_stored_as_given_and_not_echoed(http: httpx.Client) -> None:
    credentials = {
        "kind": "CREDENTIAL_KIND_GCP_ADC",
        "gcpAdc": {"scopes": ["https://www.googleapis.com/auth/cloud-platform"]},
        "labels": {"owner": "vertex"},
    }

    llm = create(http, credentials=credentials).json()["llm"]
    stored = http.get(f"/v1/llms/{llm['llmId']}?includeCredentials=true").json()

    assert "credentials" not in llm
    assert stored["credentials"] == credentials


def test_optional_fields_are_stored(http: httpx.Client) -> None:
    fields = {
        "description": "d",
        "version": "1.0.0",
        "monitoringEndpoint": "https://monitoring.example.com/status",
        "maxContextLength": 128000,
        "clientConfig": {"organization": "org-1", "nested": {}},
        "defaultSamplingParams": {"temperature": 0.7, "stopSequences": ["END"]},
        "supportedModalities": ["TEXT", "IMAGE"],
        "labels": {"env": "docs"},
        "apiPath": "/v2/chat",
    }

    llm = create(http, **fields).json()["llm"]

    assert {k: llm[k] for k in fields} == fields


def test_empty_modalities_get_the_default(http: httpx.Client) -> None:
    assert create(http, supportedModalities=[]).json()["llm"]["supportedModalities"] == ["TEXT"]


@pytest.mark.parametrize(
    ("fields", "provider", "endpoint"),
    [
        (
            {"modelIdentifier": "claude-sonnet-4"},
            "CUSTOM_OPENAI_COMPATIBLE",
            "https://api.anthropic.com/v1/",
        ),
        (
            {"modelIdentifier": "llama3", "providerType": "OLLAMA"},
            "OLLAMA",
            "http://localhost:11434/v1",
        ),
        ({"modelIdentifier": "gpt-4o", "providerType": "VLLM"}, "VLLM", "http://localhost:8000/v1"),
        (
            {"modelIdentifier": "x", "providerType": "OPEN_ROUTER", "endpointUrl": "http://h:1/v1"},
            "OPEN_ROUTER",
            "http://h:1/v1",
        ),
    ],
)
def test_provider_and_endpoint_are_inferred_when_omitted(
    http: httpx.Client, fields: dict[str, str], provider: str, endpoint: str
) -> None:
    llm = create(http, **fields).json()["llm"]

    assert (llm["providerType"], llm["endpointUrl"]) == (provider, endpoint)


def test_the_clock_sets_timestamps(http: httpx.Client, clock: Clock) -> None:
    clock.now = 1_234
    llm = create(http).json()["llm"]

    assert (llm["createdAt"], llm["updatedAt"]) == (1_234, 1_234)


def test_a_given_llm_id_is_used_lowercased(http: httpx.Client) -> None:
    llm_id = "550E8400-E29B-41D4-A716-446655440ABC"

    response = create(http, llmId=llm_id)

    assert response.json()["llm"]["llmId"] == llm_id.lower()
    assert response.headers["location"] == f"/v1/llms/{llm_id.lower()}"


def test_owner_id_creates_for_another_owner(http: httpx.Client, other_http: httpx.Client) -> None:
    llm = create(http, ownerId=OTHER_PRINCIPAL).json()["llm"]

    assert llm["ownerId"] == OTHER_PRINCIPAL
    assert llm["createdById"] == DEFAULT_PRINCIPAL
    assert other_http.get(f"/v1/llms/{llm['llmId']}").status_code == 200
    assert http.get(f"/v1/llms/{llm['llmId']}").status_code == 404


def test_a_reused_llm_id_is_a_conflict(http: httpx.Client, other_http: httpx.Client) -> None:
    llm_id = str(uuid.uuid4())
    assert create(http, llmId=llm_id).status_code == 201

    for client in (http, other_http):
        response = create(client, llmId=llm_id, modelIdentifier="gpt-4o")
        assert response.status_code == 409
        assert response.json() == {
            "code": "ALREADY_EXISTS",
            "message": f"llmId: {llm_id} is already in use",
        }


def test_an_llm_id_is_free_again_after_delete(http: httpx.Client) -> None:
    llm_id = str(uuid.uuid4())
    create(http, llmId=llm_id)
    http.delete(f"/v1/llms/{llm_id}")

    assert create(http, llmId=llm_id).status_code == 201


def test_the_same_llm_twice_is_a_conflict_naming_the_first(http: httpx.Client) -> None:
    first = create(http, credentials=api_key_credentials()).json()["llm"]

    response = create(http, displayName="Another name", credentials=api_key_credentials())

    assert response.status_code == 409
    error = response.json()
    assert error["code"] == "ALREADY_EXISTS"
    assert first["llmId"] in error["message"]
    assert len(http.get("/v1/llms").json()["llms"]) == 1


@pytest.mark.parametrize(
    "same_url",
    [
        "HTTPS://API.OPENAI.COM/v1",
        "https://api.openai.com:443/v1",
        "https://api.openai.com/v1/",
        "https://Api.OpenAI.com:443/v1/",
    ],
)
def test_duplicates_compare_canonical_endpoint_urls(http: httpx.Client, same_url: str) -> None:
    create(http, endpointUrl="https://api.openai.com/v1")

    assert create(http, endpointUrl=same_url).status_code == 409


@pytest.mark.parametrize(
    "difference",
    [
        {"endpointUrl": "https://api.openai.com:8443/v1"},
        {"endpointUrl": "https://api.openai.com/V1"},
        {"endpointUrl": "http://api.openai.com/v1"},
        {"apiPath": "/v1/chat/completions"},
        {"modelIdentifier": "gpt-4o"},
        {"providerType": "LITELLM_PROXY"},
        {"credentials": api_key_credentials("sk-other")},
        {"credentials": {"kind": "CREDENTIAL_KIND_API_KEY", "apiKey": {"secretRef": {"uri": "x"}}}},
        {"ownerId": OTHER_PRINCIPAL},
    ],
)
def test_any_identity_difference_is_not_a_duplicate(
    http: httpx.Client, difference: dict[str, Any]
) -> None:
    base = {"endpointUrl": "https://api.openai.com/v1", "credentials": api_key_credentials()}
    assert create(http, **base).status_code == 201

    assert create(http, **(base | difference)).status_code == 201


def test_credential_fingerprint_ignores_key_order(http: httpx.Client) -> None:
    one = {"kind": "CREDENTIAL_KIND_API_KEY", "apiKey": {"inlineSecret": "s", "prefix": "Bearer "}}
    two = {"apiKey": {"prefix": "Bearer ", "inlineSecret": "s"}, "kind": "CREDENTIAL_KIND_API_KEY"}
    create(http, credentials=one)

    assert create(http, credentials=two).status_code == 409


def test_duplicates_are_per_owner(http: httpx.Client, other_http: httpx.Client) -> None:
    assert create(http).status_code == 201
    assert create(other_http).status_code == 201
    response = create(http, ownerId=OTHER_PRINCIPAL)

    assert response.status_code == 409
    assert "(" not in response.json()["message"]  # the other owner's llmId is not leaked
