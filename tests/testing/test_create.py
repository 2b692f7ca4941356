"""POST /v1/llms: server defaults, the 201 answer, and duplicate detection (409)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from goodmem.testing import DEFAULT_PRINCIPAL
from tests.conftest import load_fixture
from tests.testing.support import (
    ADMIN_PRINCIPAL,
    OTHER_PRINCIPAL,
    START_MS,
    Clock,
    api_key_credentials,
    minimal,
)

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


@pytest.mark.parametrize("missing", ["providerType", "endpointUrl"])
@pytest.mark.parametrize("how", ["omitted", "null"])
def test_provider_and_endpoint_are_required(http: httpx.Client, missing: str, how: str) -> None:
    """Issue 20.1: the real contract requires both; the server never infers them."""
    body = minimal()
    if how == "omitted":
        del body[missing]
    else:
        body[missing] = None

    response = http.post("/v1/llms", json=body)

    assert response.status_code == 400
    assert response.json() == {"code": "INVALID_ARGUMENT", "message": f"{missing}: is required"}
    assert http.get("/v1/llms").json() == {"llms": []}


def test_a_model_the_sdk_knows_still_needs_provider_and_endpoint(http: httpx.Client) -> None:
    """What the issue's probe sent: the server fills nothing a client did not send."""
    response = http.post("/v1/llms", json={"displayName": "x", "modelIdentifier": "gpt-4o"})

    assert response.status_code == 400
    assert response.json()["message"] == "providerType: is required"


def test_the_clock_sets_timestamps(http: httpx.Client, clock: Clock) -> None:
    clock.now = 1_234
    llm = create(http).json()["llm"]

    assert (llm["createdAt"], llm["updatedAt"]) == (1_234, 1_234)


def test_a_given_llm_id_is_used_lowercased(http: httpx.Client) -> None:
    llm_id = "550E8400-E29B-41D4-A716-446655440ABC"

    response = create(http, llmId=llm_id)

    assert response.json()["llm"]["llmId"] == llm_id.lower()
    assert response.headers["location"] == f"/v1/llms/{llm_id.lower()}"


def test_an_admin_creates_for_another_owner(
    admin_http: httpx.Client, http: httpx.Client, other_http: httpx.Client
) -> None:
    llm = create(admin_http, ownerId=OTHER_PRINCIPAL).json()["llm"]

    assert llm["ownerId"] == OTHER_PRINCIPAL
    assert llm["createdById"] == ADMIN_PRINCIPAL
    assert other_http.get(f"/v1/llms/{llm['llmId']}").status_code == 200
    assert http.get(f"/v1/llms/{llm['llmId']}").status_code == 403


def test_naming_oneself_as_owner_needs_no_admin_key(http: httpx.Client) -> None:
    """The documented example request names its own caller as owner."""
    assert create(http, ownerId=DEFAULT_PRINCIPAL.upper()).json()["llm"]["ownerId"] == (
        DEFAULT_PRINCIPAL
    )


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


def test_duplicates_are_per_owner(
    http: httpx.Client, other_http: httpx.Client, admin_http: httpx.Client
) -> None:
    assert create(http).status_code == 201
    theirs = create(other_http).json()["llm"]
    assert create(admin_http).status_code == 201  # the admin's own
    response = create(admin_http, ownerId=OTHER_PRINCIPAL)

    assert response.status_code == 409
    assert theirs["llmId"] in response.json()["message"]  # an admin may read it anyway
