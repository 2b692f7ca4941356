"""getLLM GET /v1/llms/{id}: 200, 400, 401 and 404 through the public clients."""

from __future__ import annotations

import pytest

import goodmem
from goodmem.types import LLMProviderType, LLMResponse
from tests.contract.harness import ENDPOINT, SUITE, Harness, LlmIds, llm_fields


def test_get_200(gm: Harness, ids: LlmIds) -> None:
    """200: the stored LLM, typed, equal to what create() returned."""
    created = gm.create(**llm_fields("get-200"), llm_id=ids[0]).llm

    llm = gm.get(ids[0])

    assert isinstance(llm, LLMResponse)
    assert llm.llm_id == ids[0]
    assert llm.display_name == "Contract get-200"
    assert llm.provider_type == LLMProviderType.VLLM
    assert llm.endpoint_url == ENDPOINT
    assert dict(llm.labels) == {"suite": SUITE, "case": "get-200"}
    assert llm.to_dict() == created.to_dict()
    gm.delete(ids[0])


def test_get_400_malformed_id(gm: Harness) -> None:
    """400: an id that is not a UUID passes the facade and the server rejects it."""
    with pytest.raises(goodmem.BadRequestError) as raised:
        gm.get("not-a-uuid")

    assert raised.value.status_code == 400
    assert raised.value.code == "INVALID_ARGUMENT"


def test_get_401_wrong_api_key(gm: Harness, intruder: Harness, ids: LlmIds) -> None:
    """401: an existing LLM is not readable with a key the server does not accept."""
    gm.create(**llm_fields("get-401"), llm_id=ids[0])

    with pytest.raises(goodmem.AuthenticationError) as raised:
        intruder.get(ids[0])

    assert raised.value.status_code == 401
    assert raised.value.code == "UNAUTHENTICATED"
    gm.delete(ids[0])


def test_get_404_unknown_id(gm: Harness, ids: LlmIds) -> None:
    """404: a well-formed id that no LLM has."""
    with pytest.raises(goodmem.NotFoundError) as raised:
        gm.get(ids["never-created"])

    assert raised.value.status_code == 404
    assert raised.value.code == "NOT_FOUND"
