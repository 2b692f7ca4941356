"""What real clients send is understood like the server does (issue #14.1-4): snake_case query
parameters, nulls for unset fields, equivalent credentials, credentials only when asked for."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from goodmem.testing import DEFAULT_PRINCIPAL
from tests.testing.support import api_key_credentials, create_llm, minimal

# --- 1. query parameters in camelCase and snake_case -----------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"providerType": "VLLM", "ownerId": DEFAULT_PRINCIPAL, "label.env": "prod"},
        {"provider_type": "VLLM", "owner_id": DEFAULT_PRINCIPAL, "label[env]": "prod"},
        {"provider_type": "VLLM", "ownerId": DEFAULT_PRINCIPAL, "label.env": "prod"},
    ],
)
def test_list_filters_in_either_spelling(http: httpx.Client, params: dict[str, str]) -> None:
    wanted = create_llm(http, providerType="VLLM", labels={"env": "prod"})["llmId"]
    create_llm(http, providerType="VLLM", modelIdentifier="other", labels={"env": "dev"})
    create_llm(http, labels={"env": "prod"})

    listed = http.get("/v1/llms", params=params).json()["llms"]

    assert [llm["llmId"] for llm in listed] == [wanted]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("provider_type=vllm", "provider_type: must be one of OPENAI, LITELLM_PROXY, "),
        ("owner_id=x", "owner_id: must be a UUID"),
        ("include_credentials=yes", "include_credentials: must be true or false"),
    ],
)
def test_a_bad_value_is_named_as_spelled(http: httpx.Client, query: str, message: str) -> None:
    llm_id = create_llm(http)["llmId"]
    path = f"/v1/llms/{llm_id}" if query.startswith("include") else "/v1/llms"

    response = http.get(f"{path}?{query}")

    assert response.status_code == 400
    assert response.json()["message"].startswith(message)


# --- 2. a null optional field means "not given" ------------------------------------------------

CREATE_NULLS = {  # every optional field (providerType and endpointUrl are required)
    "description": None,
    "apiPath": None,
    "supportedModalities": None,
    "labels": None,
    "version": None,
    "monitoringEndpoint": None,
    "capabilities": None,
    "defaultSamplingParams": None,
    "maxContextLength": None,
    "clientConfig": None,
    "ownerId": None,
    "llmId": None,
}


def test_create_reads_null_fields_as_not_given(http: httpx.Client) -> None:
    plain = create_llm(http)
    http.delete(f"/v1/llms/{plain['llmId']}")

    with_nulls = create_llm(http, **CREATE_NULLS, credentials=None)

    ignored = ("llmId", "createdAt", "updatedAt")
    assert {k: v for k, v in with_nulls.items() if k not in ignored} == {
        k: v for k, v in plain.items() if k not in ignored
    }


def test_nested_nulls_are_not_given_either(http: httpx.Client) -> None:
    credentials = {
        "kind": "CREDENTIAL_KIND_API_KEY",
        "apiKey": {"inlineSecret": "sk-1", "secretRef": None, "headerName": None, "prefix": None},
        "gcpAdc": None,
        "labels": None,
    }
    sampling = {"maxTokens": 5, "temperature": None, "stopSequences": None}

    llm = create_llm(http, credentials=credentials, defaultSamplingParams=sampling)
    stored = http.get(f"/v1/llms/{llm['llmId']}?includeCredentials=true").json()

    assert stored["credentials"] == {
        "kind": "CREDENTIAL_KIND_API_KEY",
        "apiKey": {"inlineSecret": "sk-1"},
    }
    assert stored["defaultSamplingParams"] == {"maxTokens": 5}


def test_a_null_required_field_is_missing(http: httpx.Client) -> None:
    response = http.post("/v1/llms", json=minimal(modelIdentifier=None))

    assert response.json()["message"] == "modelIdentifier: is required"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"labels": {"a": None}}, "labels.a: must be a string, not null"),
        ({"supportedModalities": [None]}, "supportedModalities[0]: must be a string, not null"),
        (
            {"credentials": {"kind": None, "apiKey": {"inlineSecret": "s"}}},
            "credentials.kind: is required",
        ),
    ],
)
def test_nulls_inside_maps_and_lists_are_values_not_absence(
    http: httpx.Client, value: dict[str, Any], message: str
) -> None:
    response = http.post("/v1/llms", json=minimal(**value))

    assert response.status_code == 400
    assert response.json()["message"] == message


def test_free_form_nulls_are_kept(http: httpx.Client) -> None:
    llm = create_llm(http, clientConfig={"proxy": None, "nested": {"x": None}})

    assert llm["clientConfig"] == {"proxy": None, "nested": {"x": None}}


def test_update_reads_every_null_as_not_given(http: httpx.Client) -> None:
    llm = create_llm(
        http,
        credentials=api_key_credentials("sk-keep"),
        capabilities={"supportsChat": True},
        clientConfig={"keep": 1},
        defaultSamplingParams={"topK": 3},
        labels={"keep": "1"},
    )
    before = http.get(f"/v1/llms/{llm['llmId']}?includeCredentials=true").json()
    nulls = dict.fromkeys(
        [
            *CREATE_NULLS,
            "displayName",
            "endpointUrl",
            "modelIdentifier",
            "credentials",
            "replaceLabels",
            "mergeLabels",
        ]
    )
    for name in ("ownerId", "llmId", "labels"):  # not fields of an update
        del nulls[name]

    response = http.put(f"/v1/llms/{llm['llmId']}", json=nulls)
    after = http.get(f"/v1/llms/{llm['llmId']}?includeCredentials=true").json()

    assert response.status_code == 200, response.text
    assert after == before  # updatedAt too: nothing given is not an update (issue 20.5)


def test_update_with_nested_nulls(http: httpx.Client) -> None:
    llm = create_llm(http)
    credentials = {
        "kind": "CREDENTIAL_KIND_API_KEY",
        "apiKey": {"secretRef": {"uri": "vault://k"}, "inlineSecret": None},
    }

    response = http.put(f"/v1/llms/{llm['llmId']}", json={"credentials": credentials})
    stored = http.get(f"/v1/llms/{llm['llmId']}?include_credentials=true").json()

    assert response.status_code == 200, response.text
    assert stored["credentials"] == {
        "kind": "CREDENTIAL_KIND_API_KEY",
        "apiKey": {"secretRef": {"uri": "vault://k"}},
    }


# --- 3. duplicates compare effective credentials --------------------------------------------


def api_key(**fields: Any) -> dict[str, Any]:
    return {"kind": "CREDENTIAL_KIND_API_KEY", "apiKey": {"inlineSecret": "sk-1", **fields}}


def gcp(**fields: Any) -> dict[str, Any]:
    return {"kind": "CREDENTIAL_KIND_GCP_ADC", "gcpAdc": fields}


CLOUD = "https://www.googleapis.com/auth/cloud-platform"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (api_key(), api_key(headerName="Authorization")),  # the documented default
        (api_key(headerName="Authorization"), api_key(headerName="authorization")),
        (api_key(headerName="X-Key"), api_key(headerName="x-key")),
        (api_key(), api_key(prefix="")),
        (api_key(), api_key(prefix=None, headerName=None)),
        (api_key(), api_key() | {"labels": {"owner": "ops"}}),  # annotations only
        (gcp(), gcp(scopes=[])),  # empty scopes: the cloud-platform scope
        (gcp(), gcp(scopes=[CLOUD])),
        (gcp(scopes=["a", "b"]), gcp(scopes=["b", "a", "a"])),
    ],
)
def test_equivalent_credentials_are_duplicates(
    http: httpx.Client, first: dict[str, Any], second: dict[str, Any]
) -> None:
    assert http.post("/v1/llms", json=minimal(credentials=first)).status_code == 201

    response = http.post("/v1/llms", json=minimal(credentials=second, displayName="again"))

    assert response.status_code == 409
    assert response.json()["code"] == "ALREADY_EXISTS"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (api_key(), api_key(prefix="Bearer ")),
        (api_key(prefix="Bearer "), api_key(prefix="bearer ")),
        (api_key(), api_key(headerName="X-Api-Key")),
        (api_key(), {"kind": "CREDENTIAL_KIND_API_KEY", "apiKey": {"inlineSecret": "sk-2"}}),
        (api_key(), {"kind": "CREDENTIAL_KIND_API_KEY", "apiKey": {"secretRef": {"uri": "sk-1"}}}),
        (gcp(), gcp(scopes=["other"])),
        (gcp(), gcp(quotaProjectId="p")),
        (api_key(), None),
    ],
)
def test_different_credentials_are_not_duplicates(
    http: httpx.Client, first: dict[str, Any], second: dict[str, Any] | None
) -> None:
    assert http.post("/v1/llms", json=minimal(credentials=first)).status_code == 201

    response = http.post("/v1/llms", json=minimal(credentials=second, displayName="again"))

    assert response.status_code == 201


def test_defaults_are_resolved_before_comparing(http: httpx.Client) -> None:
    create_llm(
        http,
        providerType="OLLAMA",
        modelIdentifier="llama3",
        endpointUrl="http://localhost:11434/v1",
    )

    response = http.post(
        "/v1/llms",
        json=minimal(
            providerType="OLLAMA",
            modelIdentifier="llama3",
            endpointUrl="http://LOCALHOST:11434/v1/",
            apiPath="/chat/completions",
        ),
    )

    assert response.status_code == 409


# --- 4. credentials only from GET with includeCredentials=true ------------------------------


def test_credentials_are_returned_only_when_asked_for(http: httpx.Client) -> None:
    credentials = api_key_credentials("sk-only-on-request")
    created = http.post("/v1/llms", json=minimal(credentials=credentials)).json()["llm"]
    path = f"/v1/llms/{created['llmId']}"

    plain = http.get(path).json()
    listed = http.get("/v1/llms").json()["llms"]
    updated = http.put(path, json={"version": "2"}).json()
    declined = [
        http.get(f"{path}?{name}=false").json()
        for name in ("includeCredentials", "include_credentials")
    ]
    asked = [
        http.get(f"{path}?{name}=true").json()
        for name in ("includeCredentials", "include_credentials")
    ]
    asked.append(http.get(f"{path}?includeCredentials=TRUE").json())

    for answer in (created, plain, *listed, updated, *declined):
        assert "credentials" not in answer
    for answer in asked:
        assert answer["credentials"] == credentials
        assert {k: v for k, v in answer.items() if k != "credentials"} == updated


def test_include_credentials_for_an_llm_without_credentials(http: httpx.Client) -> None:
    llm = create_llm(http)

    assert http.get(f"/v1/llms/{llm['llmId']}?includeCredentials=true").json() == llm


def test_include_credentials_twice_is_rejected(http: httpx.Client) -> None:
    llm = create_llm(http)

    response = http.get(f"/v1/llms/{llm['llmId']}?includeCredentials=true&include_credentials=true")

    assert response.json()["message"] == "includeCredentials: must be given at most once"
