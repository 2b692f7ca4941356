"""Permissions as documented (issue 20.2-3): plain keys have the *_OWN permissions, admin keys
the *_ANY ones; another owner's LLM is a 403 (a missing one a 404); `ownerId` on create needs
CREATE_LLM_ANY; `ownerId` on list filters what the caller may already see."""

from __future__ import annotations

import httpx
import pytest

import goodmem
from goodmem.testing import DEFAULT_API_KEY, DEFAULT_PRINCIPAL, FakeGoodmem, FakeServer
from tests.testing.support import (
    ADMIN_KEY,
    ADMIN_PRINCIPAL,
    OTHER_PRINCIPAL,
    api_key_credentials,
    create_llm,
    minimal,
)

MISSING = "00000000-0000-4000-8000-000000000000"


def ids(response: httpx.Response) -> set[str]:
    assert response.status_code == 200, response.text
    return {llm["llmId"] for llm in response.json()["llms"]}


# --- 2. ownership: create -------------------------------------------------------------------


def test_owner_id_of_another_owner_needs_create_llm_any(
    http: httpx.Client, admin_http: httpx.Client
) -> None:
    response = http.post("/v1/llms", json=minimal(ownerId=OTHER_PRINCIPAL))

    assert response.status_code == 403
    assert response.json() == {
        "code": "PERMISSION_DENIED",
        "message": f"ownerId: creating an LLM for another owner ({OTHER_PRINCIPAL}) needs "
        "CREATE_LLM_ANY permission, which this API key does not have",
    }
    assert admin_http.get("/v1/llms").json() == {"llms": []}  # nothing stored anywhere


def test_an_admin_creates_for_another_owner_and_the_location_answers(
    admin_http: httpx.Client, other_http: httpx.Client
) -> None:
    created = admin_http.post("/v1/llms", json=minimal(ownerId=OTHER_PRINCIPAL))

    assert created.status_code == 201
    location = created.headers["location"]
    assert admin_http.get(location).json() == created.json()["llm"]
    assert other_http.get(location).json()["ownerId"] == OTHER_PRINCIPAL


# --- 2. ownership: read, update, delete -----------------------------------------------------


def test_another_owners_llm_is_403_a_missing_one_404(
    http: httpx.Client, other_http: httpx.Client
) -> None:
    llm = create_llm(http, credentials=api_key_credentials())
    path = f"/v1/llms/{llm['llmId']}"

    answers = {
        "read": other_http.get(path),
        "read credentials": other_http.get(path, params={"includeCredentials": "true"}),
        "update": other_http.put(path, json={"displayName": "mine now"}),
        "delete": other_http.delete(path),
    }

    for verb, response in answers.items():
        assert response.status_code == 403, verb
        permission = {"update": "UPDATE_LLM_ANY", "delete": "DELETE_LLM_ANY"}.get(
            verb, "READ_LLM_ANY"
        )
        assert response.json() == {
            "code": "PERMISSION_DENIED",
            "message": f"LLM {llm['llmId']} belongs to another owner; to "
            f"{verb.split()[0]} it an API key needs {permission} permission",
        }
    for method in ("GET", "PUT", "DELETE"):
        missing = other_http.request(
            method, f"/v1/llms/{MISSING}", json={} if method == "PUT" else None
        )
        assert missing.status_code == 404
    assert http.get(path).json() == llm  # unchanged


def test_an_admin_reads_updates_and_deletes_any_llm(
    http: httpx.Client, admin_http: httpx.Client
) -> None:
    llm = create_llm(http, credentials=api_key_credentials("sk-theirs"))
    path = f"/v1/llms/{llm['llmId']}"

    read = admin_http.get(path, params={"includeCredentials": "true"}).json()
    updated = admin_http.put(path, json={"description": "by the admin"}).json()
    deleted = admin_http.delete(path)

    assert read["credentials"]["apiKey"]["inlineSecret"] == "sk-theirs"
    assert (updated["ownerId"], updated["updatedById"]) == (DEFAULT_PRINCIPAL, ADMIN_PRINCIPAL)
    assert deleted.status_code == 204
    assert http.get(path).status_code == 404


def test_403_over_http(fake: FakeGoodmem, server: FakeServer) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        created = client.post("/v1/llms", json=minimal(), headers={"x-api-key": ADMIN_KEY}).json()[
            "llm"
        ]
        response = client.get(
            f"/v1/llms/{created['llmId']}", headers={"x-api-key": DEFAULT_API_KEY}
        )

    assert response.status_code == 403
    assert response.json()["code"] == "PERMISSION_DENIED"


# --- 3. ownerId on list filters the authorized set ------------------------------------------


def test_owner_id_on_list_filters_what_the_caller_may_see(
    http: httpx.Client, other_http: httpx.Client, admin_http: httpx.Client
) -> None:
    mine = create_llm(http)["llmId"]
    theirs = create_llm(other_http)["llmId"]
    admins = create_llm(admin_http)["llmId"]

    def listed(client: httpx.Client, **params: str) -> set[str]:
        return ids(client.get("/v1/llms", params=params))

    assert listed(http) == {mine}
    assert listed(http, ownerId=OTHER_PRINCIPAL) == set()  # grants no visibility
    assert listed(http, owner_id=DEFAULT_PRINCIPAL) == {mine}
    assert listed(admin_http) == {mine, theirs, admins}  # LIST_LLM_ANY
    assert listed(admin_http, ownerId=OTHER_PRINCIPAL.upper()) == {theirs}
    assert listed(admin_http, owner_id=ADMIN_PRINCIPAL, providerType="OPENAI") == {admins}


# --- keys -------------------------------------------------------------------------------------


def test_a_key_is_plain_or_admin_not_both() -> None:
    with pytest.raises(ValueError, match="both a plain and an admin key"):
        FakeGoodmem({"k": DEFAULT_PRINCIPAL}, admin_keys={"k": ADMIN_PRINCIPAL})
    with pytest.raises(ValueError, match="UUID"):
        FakeGoodmem(admin_keys={"a": "root"})


def test_the_default_key_is_a_plain_one() -> None:
    fake = FakeGoodmem()
    with fake.client() as client, pytest.raises(goodmem.PermissionDeniedError) as raised:
        client.llms.create(
            display_name="x",
            model_identifier="llama3",
            provider_type="OLLAMA",
            owner_id=OTHER_PRINCIPAL,
        )

    assert (raised.value.status_code, raised.value.code) == (403, "PERMISSION_DENIED")
