"""GET, list, PUT and DELETE on /v1/llms: what each returns and changes."""

from __future__ import annotations

import httpx
import pytest

from goodmem.testing import DEFAULT_PRINCIPAL, FakeGoodmem
from tests.spec_check import load_spec
from tests.testing.support import (
    ADMIN_PRINCIPAL,
    OTHER_PRINCIPAL,
    START_MS,
    Clock,
    api_key_credentials,
    create_llm,
    minimal,
)

# in spec order: the embedded GoodMem lists the enum as openapi.yaml has it
PROVIDERS = ", ".join(load_spec()["components"]["schemas"]["LLMProviderType"]["enum"])


def ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [llm["llmId"] for llm in response.json()["llms"]]


# --- get -------------------------------------------------------------------------------------


def test_get_returns_what_create_returned(http: httpx.Client) -> None:
    llm = create_llm(http, labels={"env": "docs"}, credentials=api_key_credentials())

    response = http.get(f"/v1/llms/{llm['llmId']}")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == llm


def test_get_accepts_an_uppercase_id(http: httpx.Client) -> None:
    llm = create_llm(http)

    assert http.get(f"/v1/llms/{llm['llmId'].upper()}").json()["llmId"] == llm["llmId"]


def test_get_of_an_unknown_id_is_404(http: httpx.Client) -> None:
    missing = "00000000-0000-4000-8000-000000000000"

    response = http.get(f"/v1/llms/{missing}")

    assert response.status_code == 404
    assert response.json() == {"code": "NOT_FOUND", "message": f"LLM {missing} not found"}


def test_responses_are_copies_not_live_state(http: httpx.Client, fake: FakeGoodmem) -> None:
    llm = create_llm(http, labels={"a": "1"})
    again = http.get(f"/v1/llms/{llm['llmId']}").json()
    again["labels"]["b"] = "2"

    assert http.get(f"/v1/llms/{llm['llmId']}").json()["labels"] == {"a": "1"}


# --- list ------------------------------------------------------------------------------------


def test_list_is_empty_at_first(http: httpx.Client) -> None:
    response = http.get("/v1/llms")

    assert response.status_code == 200
    assert response.json() == {"llms": []}


def test_list_keeps_creation_order(http: httpx.Client) -> None:
    created = [create_llm(http, modelIdentifier=m)["llmId"] for m in ("gpt-4o", "o1", "gpt-4.1")]

    assert ids(http.get("/v1/llms")) == created


def test_list_filters_by_provider_type(http: httpx.Client) -> None:
    openai = create_llm(http)["llmId"]
    vllm = create_llm(http, providerType="VLLM")["llmId"]

    assert ids(http.get("/v1/llms", params={"providerType": "OPENAI"})) == [openai]
    assert ids(http.get("/v1/llms", params={"providerType": "VLLM"})) == [vllm]
    assert ids(http.get("/v1/llms", params={"providerType": "OLLAMA"})) == []


@pytest.mark.parametrize("style", ["label.{}", "label[{}]"])
def test_list_filters_by_labels_in_both_forms_with_and(http: httpx.Client, style: str) -> None:
    prod_ai = create_llm(http, labels={"env": "prod", "team": "ai"}, modelIdentifier="gpt-4o")[
        "llmId"
    ]
    prod_web = create_llm(http, labels={"env": "prod", "team": "web"}, modelIdentifier="o1")[
        "llmId"
    ]
    create_llm(http, labels={"env": "dev"})

    def query(**labels: str) -> list[str]:
        return ids(http.get("/v1/llms", params={style.format(k): v for k, v in labels.items()}))

    assert query(env="prod") == [prod_ai, prod_web]
    assert query(env="prod", team="ai") == [prod_ai]
    assert query(env="prod", team="ops") == []
    assert query(missing="x") == []


def test_label_filters_combine_with_provider_and_owner(http: httpx.Client) -> None:
    wanted = create_llm(http, labels={"env": "prod"}, providerType="VLLM")["llmId"]
    create_llm(http, labels={"env": "prod"})
    params = {"label.env": "prod", "providerType": "VLLM", "ownerId": DEFAULT_PRINCIPAL}

    assert ids(http.get("/v1/llms", params=params)) == [wanted]


def test_list_shows_only_the_callers_own_llms(http: httpx.Client, other_http: httpx.Client) -> None:
    mine = create_llm(http)["llmId"]
    theirs = create_llm(other_http)["llmId"]

    assert ids(http.get("/v1/llms")) == [mine]
    assert ids(other_http.get("/v1/llms")) == [theirs]
    assert ids(http.get("/v1/llms", params={"ownerId": DEFAULT_PRINCIPAL.upper()})) == [mine]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "providerType=openai",
            "providerType: must be one of " + PROVIDERS,
        ),
        ("ownerId=me", "ownerId: must be a UUID"),
        ("providerType=OPENAI&providerType=VLLM", "providerType: must be given at most once"),
        ("label.=x", "label.: label key must not be empty"),
        ("label[]=x", "label[]: label key must not be empty"),
        ("labels.env=prod", "labels.env: unknown query parameter"),
        ("providerType=OPENAI&provider_type=VLLM", "providerType: must be given at most once"),
        ("owner_id=me", "owner_id: must be a UUID"),
        ("Provider_Type=OPENAI", "Provider_Type: unknown query parameter"),
        ("label_x=1", "label_x: unknown query parameter"),
    ],
)
def test_list_rejects_bad_filters(http: httpx.Client, query: str, message: str) -> None:
    response = http.get(f"/v1/llms?{query}")

    assert response.status_code == 400
    assert response.json() == {"code": "INVALID_ARGUMENT", "message": message}


# --- update ----------------------------------------------------------------------------------


def test_update_changes_only_the_fields_present(http: httpx.Client, clock: Clock) -> None:
    llm = create_llm(http, description="before", version="1", labels={"a": "1"})
    clock.now += 5_000

    response = http.put(f"/v1/llms/{llm['llmId']}", json={"displayName": "After", "version": None})

    assert response.status_code == 200
    updated = response.json()
    assert updated == llm | {"displayName": "After", "updatedAt": START_MS + 5_000}
    assert http.get(f"/v1/llms/{llm['llmId']}").json() == updated


def test_update_replaces_every_scalar_and_whole_objects(http: httpx.Client) -> None:
    llm = create_llm(
        http,
        capabilities={"supportsChat": True, "supportsStreaming": True},
        clientConfig={"a": 1, "b": 2},
        defaultSamplingParams={"temperature": 0.1, "topP": 0.5},
        credentials=api_key_credentials("sk-old"),
    )
    change = {
        "description": "d",
        "endpointUrl": "https://proxy.example.com/v1",
        "apiPath": "/v2/chat",
        "modelIdentifier": "gpt-4o",
        "version": "2",
        "monitoringEndpoint": "https://status.example.com",
        "maxContextLength": 4096,
        "clientConfig": {"c": 3},
        "defaultSamplingParams": {"maxTokens": 10},
        "credentials": {"kind": "CREDENTIAL_KIND_GCP_ADC", "gcpAdc": {"quotaProjectId": "p"}},
        "supportedModalities": ["TEXT", "AUDIO"],
    }

    updated = http.put(f"/v1/llms/{llm['llmId']}", json=change | {"capabilities": {}}).json()
    stored = http.get(f"/v1/llms/{llm['llmId']}", params={"includeCredentials": "true"}).json()

    assert "credentials" not in updated
    assert stored["credentials"] == change.pop("credentials")
    assert {k: updated[k] for k in change} == change
    assert set(updated["capabilities"].values()) == {False}
    assert updated["providerType"] == "OPENAI"


def test_empty_modalities_change_nothing(http: httpx.Client) -> None:
    llm = create_llm(http, supportedModalities=["TEXT", "IMAGE"])

    updated = http.put(f"/v1/llms/{llm['llmId']}", json={"supportedModalities": []}).json()

    assert updated["supportedModalities"] == ["TEXT", "IMAGE"]


def test_null_fields_change_nothing(http: httpx.Client) -> None:
    llm = create_llm(http, description="keep", maxContextLength=99)
    nulls = dict.fromkeys(
        [
            "displayName",
            "description",
            "endpointUrl",
            "apiPath",
            "modelIdentifier",
            "version",
            "monitoringEndpoint",
            "maxContextLength",
            "supportedModalities",
        ],
    )

    updated = http.put(f"/v1/llms/{llm['llmId']}", json=nulls).json()

    assert {k: v for k, v in updated.items() if k != "updatedAt"} == {
        k: v for k, v in llm.items() if k != "updatedAt"
    }


def test_replace_labels_replaces_and_merge_labels_upserts(http: httpx.Client) -> None:
    llm_id = create_llm(http, labels={"a": "1", "b": "2"})["llmId"]

    merged = http.put(f"/v1/llms/{llm_id}", json={"mergeLabels": {"b": "20", "c": "3"}}).json()
    replaced = http.put(f"/v1/llms/{llm_id}", json={"replaceLabels": {"z": "26"}}).json()
    cleared = http.put(f"/v1/llms/{llm_id}", json={"replaceLabels": {}}).json()

    assert merged["labels"] == {"a": "1", "b": "20", "c": "3"}
    assert replaced["labels"] == {"z": "26"}
    assert cleared["labels"] == {}


def test_one_label_operation_with_the_other_null_is_fine(http: httpx.Client) -> None:
    llm_id = create_llm(http, labels={"a": "1"})["llmId"]

    response = http.put(f"/v1/llms/{llm_id}", json={"mergeLabels": {"b": "2"}, "displayName": None})

    assert response.json()["labels"] == {"a": "1", "b": "2"}


def test_updated_at_strictly_increases_even_with_a_stopped_clock(
    http: httpx.Client, clock: Clock
) -> None:
    llm = create_llm(http)

    def change(version: int) -> int:
        body = {"version": str(version)}
        stamp: int = http.put(f"/v1/llms/{llm['llmId']}", json=body).json()["updatedAt"]
        return stamp

    assert [change(version) for version in range(3)] == [START_MS + 1, START_MS + 2, START_MS + 3]
    clock.now = START_MS + 1_000
    assert change(3) == START_MS + 1_000
    assert http.get(f"/v1/llms/{llm['llmId']}").json()["createdAt"] == START_MS


def test_updated_by_is_the_caller(admin_http: httpx.Client, other_http: httpx.Client) -> None:
    llm = create_llm(admin_http, ownerId=OTHER_PRINCIPAL)

    updated = other_http.put(f"/v1/llms/{llm['llmId']}", json={"version": "2"}).json()
    assert (updated["createdById"], updated["updatedById"]) == (ADMIN_PRINCIPAL, OTHER_PRINCIPAL)

    again = admin_http.put(f"/v1/llms/{llm['llmId']}", json={"version": "3"}).json()
    assert (again["ownerId"], again["updatedById"]) == (OTHER_PRINCIPAL, ADMIN_PRINCIPAL)


def test_update_of_an_unknown_id_is_404(http: httpx.Client) -> None:
    response = http.put("/v1/llms/00000000-0000-4000-8000-000000000000", json={"version": "2"})

    assert response.status_code == 404
    assert response.json()["code"] == "NOT_FOUND"


def test_update_keeps_duplicate_detection_current(http: httpx.Client) -> None:
    llm = create_llm(http)
    http.put(f"/v1/llms/{llm['llmId']}", json={"modelIdentifier": "gpt-4o"})

    assert http.post("/v1/llms", json=minimal()).status_code == 201
    assert http.post("/v1/llms", json=minimal(modelIdentifier="gpt-4o")).status_code == 409


# --- delete ----------------------------------------------------------------------------------


def test_delete_answers_204_then_404(http: httpx.Client) -> None:
    llm_id = create_llm(http)["llmId"]

    response = http.delete(f"/v1/llms/{llm_id}")

    assert response.status_code == 204
    assert response.content == b""
    assert "content-type" not in response.headers
    assert http.get(f"/v1/llms/{llm_id}").status_code == 404
    assert http.delete(f"/v1/llms/{llm_id}").status_code == 404
    assert http.put(f"/v1/llms/{llm_id}", json={}).status_code == 404
    assert ids(http.get("/v1/llms")) == []


def test_delete_frees_the_identity_for_a_new_create(http: httpx.Client) -> None:
    http.delete(f"/v1/llms/{create_llm(http)['llmId']}")

    assert http.post("/v1/llms", json=minimal()).status_code == 201


def test_reset_forgets_everything(http: httpx.Client, fake: FakeGoodmem) -> None:
    create_llm(http)
    fake.faults.enqueue(503)

    fake.reset()

    assert fake.requests == []
    assert fake.faults.pending == []
    assert ids(http.get("/v1/llms")) == []
