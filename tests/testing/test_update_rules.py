"""Documented update rules (issue 20.4-5, 20.9): uniqueness holds on update as on create, an
update that changes nothing is not an update, and an empty label key is refused on write."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.testing.support import (
    START_MS,
    Clock,
    api_key_credentials,
    create_llm,
    minimal,
)

# --- 4. uniqueness is enforced per owner, on update too -------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "change"),
    [
        (  # the endpoint canonicalises to the other's
            {"endpointUrl": "http://one/v1"},
            {"endpointUrl": "http://two/v1"},
            {"endpointUrl": "http://ONE:80/v1/"},
        ),
        (  # equal effective credentials: headerName Authorization is the default
            {"credentials": api_key_credentials("sk-a")},
            {"credentials": api_key_credentials("sk-b")},
            {
                "credentials": {
                    "kind": "CREDENTIAL_KIND_API_KEY",
                    "apiKey": {"inlineSecret": "sk-a", "headerName": "authorization"},
                }
            },
        ),
        ({"modelIdentifier": "m-1"}, {"modelIdentifier": "m-2"}, {"modelIdentifier": "m-1"}),
        ({}, {"apiPath": "/v2/chat"}, {"apiPath": "/chat/completions"}),
    ],
)
def test_an_update_making_two_llms_identical_is_409(
    http: httpx.Client, first: dict[str, Any], second: dict[str, Any], change: dict[str, Any]
) -> None:
    one = create_llm(http, **first)
    two = create_llm(http, **second)
    path = f"/v1/llms/{two['llmId']}"
    before = http.get(path, params={"includeCredentials": "true"}).json()

    response = http.put(path, json=change)

    assert response.status_code == 409
    assert response.json() == {
        "code": "ALREADY_EXISTS",
        "message": f"an LLM ({one['llmId']}) with the same providerType, endpointUrl, apiPath, "
        "modelIdentifier and credentials already exists for this owner",
    }
    assert http.get(path, params={"includeCredentials": "true"}).json() == before


def test_an_update_may_keep_its_own_identity(http: httpx.Client) -> None:
    llm = create_llm(http, endpointUrl="http://one/v1")

    response = http.put(f"/v1/llms/{llm['llmId']}", json={"endpointUrl": "http://ONE/v1/"})

    assert response.status_code == 200
    assert response.json()["endpointUrl"] == "http://ONE/v1/"


def test_after_an_update_the_old_identity_is_free(http: httpx.Client) -> None:
    llm = create_llm(http, modelIdentifier="m-1")
    http.put(f"/v1/llms/{llm['llmId']}", json={"modelIdentifier": "m-2"})

    assert http.post("/v1/llms", json=minimal(modelIdentifier="m-1")).status_code == 201
    assert http.post("/v1/llms", json=minimal(modelIdentifier="m-2")).status_code == 409


def test_identical_llms_of_different_owners_stay_fine(
    http: httpx.Client, other_http: httpx.Client
) -> None:
    create_llm(http, modelIdentifier="m-1")
    theirs = create_llm(other_http, modelIdentifier="m-2")

    response = other_http.put(f"/v1/llms/{theirs['llmId']}", json={"modelIdentifier": "m-1"})

    assert response.status_code == 200


# --- 5. an update that changes nothing keeps updatedAt -------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"supportedModalities": []},
        {"description": None},
        {"displayName": None, "credentials": None, "mergeLabels": None},
        {"displayName": "Doc LLM", "labels": None},
    ],
    ids=["empty", "empty modalities", "null", "nulls", "same values"],
)
def test_an_update_that_changes_nothing_keeps_updated_at(
    http: httpx.Client, admin_http: httpx.Client, clock: Clock, body: dict[str, Any]
) -> None:
    llm = create_llm(http)
    clock.now = START_MS + 60_000
    body = {k: v for k, v in body.items() if k != "labels"}  # labels is not an update field

    mine = http.put(f"/v1/llms/{llm['llmId']}", json=body)
    admins = admin_http.put(f"/v1/llms/{llm['llmId']}", json=body)

    for response in (mine, admins):
        assert response.status_code == 200
        assert response.json() == llm  # updatedAt and updatedById too
    assert http.get(f"/v1/llms/{llm['llmId']}").json() == llm


def test_a_real_change_still_moves_updated_at(http: httpx.Client, clock: Clock) -> None:
    llm = create_llm(http)
    clock.now = START_MS + 60_000

    updated = http.put(
        f"/v1/llms/{llm['llmId']}", json={"supportedModalities": ["TEXT", "IMAGE"]}
    ).json()

    assert updated["updatedAt"] == START_MS + 60_000
    assert updated["supportedModalities"] == ["TEXT", "IMAGE"]


# --- 9. an empty label key is refused on write, as the filter refuses it --------------------


@pytest.mark.parametrize("field", ["labels", "replaceLabels", "mergeLabels"])
def test_an_empty_label_key_is_400_on_write(http: httpx.Client, field: str) -> None:
    if field == "labels":
        response = http.post("/v1/llms", json=minimal(labels={"": "v", "env": "prod"}))
    else:
        llm = create_llm(http, labels={"env": "prod"})
        response = http.put(f"/v1/llms/{llm['llmId']}", json={field: {"": "v"}})

    assert response.status_code == 400
    assert response.json() == {
        "code": "INVALID_ARGUMENT",
        "message": f"{field}: a label key must not be empty",
    }
    stored = http.get("/v1/llms").json()["llms"]
    assert all("" not in llm["labels"] for llm in stored)


@pytest.mark.parametrize("spelling", ["label[]", "label."])
def test_the_filter_refuses_an_empty_key_too(http: httpx.Client, spelling: str) -> None:
    response = http.get("/v1/llms", params={spelling: "v"})

    assert response.status_code == 400
    assert response.json()["message"] == f"{spelling}: label key must not be empty"
