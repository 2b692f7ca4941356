"""updateLLM PUT /v1/llms/{id}: 200 (merge and replace labels), 400, 401, 404, 409 and 415."""

from __future__ import annotations

import pytest

import goodmem
from goodmem.types import LLMResponse, LLMSamplingParams
from tests.contract.harness import SUITE, Harness, LlmIds, llm_fields


def test_update_200_merge_labels(gm: Harness, ids: LlmIds) -> None:
    """200: merge_labels adds and overwrites labels, keeps the others; the change is stored."""
    created = gm.create(
        **llm_fields("update-merge", labels={"suite": SUITE, "env": "staging"}), llm_id=ids[0]
    ).llm

    llm = gm.update(
        ids[0],
        {"display_name": "Contract update-merge v2", "merge_labels": {"env": "prod", "tier": "1"}},
    )

    assert isinstance(llm, LLMResponse)
    assert llm.display_name == "Contract update-merge v2"
    assert dict(llm.labels) == {"suite": SUITE, "env": "prod", "tier": "1"}
    assert llm.model_identifier == created.model_identifier  # untouched fields stay
    assert llm.created_at == created.created_at
    assert llm.updated_at > created.updated_at
    assert gm.get(ids[0]).to_dict() == llm.to_dict()
    gm.delete(ids[0])


def test_update_200_replace_labels(gm: Harness, ids: LlmIds) -> None:
    """200: replace_labels swaps the whole label map; other fields may change alongside."""
    created = gm.create(
        **llm_fields("update-replace", labels={"suite": SUITE, "env": "staging"}), llm_id=ids[0]
    ).llm

    llm = gm.update(
        ids[0],
        {
            "replace_labels": {"suite": SUITE, "owner": "contract"},
            "max_context_length": 8192,
            "default_sampling_params": {"temperature": 0.2},
        },
    )

    assert dict(llm.labels) == {"suite": SUITE, "owner": "contract"}
    assert llm.max_context_length == 8192
    assert isinstance(llm.default_sampling_params, LLMSamplingParams)
    assert llm.default_sampling_params.temperature == 0.2
    assert llm.display_name == created.display_name
    assert gm.get(ids[0]).to_dict() == llm.to_dict()
    gm.delete(ids[0])


def test_update_400_malformed_id(gm: Harness) -> None:
    """400: an id that is not a UUID passes the facade and the server rejects it."""
    with pytest.raises(goodmem.BadRequestError) as raised:
        gm.update("not-a-uuid", {"display_name": "never stored"})

    assert raised.value.status_code == 400
    assert raised.value.code == "INVALID_ARGUMENT"


def test_update_401_wrong_api_key(gm: Harness, intruder: Harness, ids: LlmIds) -> None:
    """401: a key the server does not accept cannot update; the LLM is unchanged."""
    gm.create(**llm_fields("update-401"), llm_id=ids[0])

    with pytest.raises(goodmem.AuthenticationError) as raised:
        intruder.update(ids[0], {"display_name": "hijacked"})

    assert raised.value.status_code == 401
    assert raised.value.code == "UNAUTHENTICATED"
    assert gm.get(ids[0]).display_name == "Contract update-401"
    gm.delete(ids[0])


def test_update_404_unknown_id(gm: Harness, ids: LlmIds) -> None:
    """404: a well-formed id that no LLM has."""
    with pytest.raises(goodmem.NotFoundError) as raised:
        gm.update(ids["never-created"], {"display_name": "nobody"})

    assert raised.value.status_code == 404
    assert raised.value.code == "NOT_FOUND"


def test_update_409_identical_to_another_llm(gm: Harness, ids: LlmIds) -> None:
    """409: an update that would make the LLM identical to another of its owner; no change."""
    first = gm.create(**llm_fields("update-409"), llm_id=ids[0]).llm
    gm.create(**llm_fields("update-409-b"), llm_id=ids[1])

    with pytest.raises(goodmem.ConflictError) as raised:
        gm.update(ids[1], {"model_identifier": first.model_identifier})

    assert raised.value.status_code == 409
    assert raised.value.code == "ALREADY_EXISTS"
    assert gm.get(ids[1]).model_identifier == "contract-update-409-b"
    gm.delete(ids[0])
    gm.delete(ids[1])


def test_update_415_body_not_json(gm: Harness, ids: LlmIds) -> None:
    """415: a body whose Content-Type is not application/json is refused; the LLM is unchanged."""
    gm.create(**llm_fields("update-415"), llm_id=ids[0])

    with pytest.raises(goodmem.APIStatusError) as raised:
        gm.update(
            ids[0], {"display_name": "never"}, extra_headers={"content-type": "application/xml"}
        )

    assert raised.value.status_code == 415
    assert gm.get(ids[0]).display_name == "Contract update-415"
    gm.delete(ids[0])
