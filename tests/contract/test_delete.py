"""deleteLLM DELETE /v1/llms/{id}: 204, 400, 401 and 404 through the public clients."""

from __future__ import annotations

import pytest

import goodmem
from tests.contract.harness import Harness, LlmIds, llm_fields


def test_delete_204(gm: Harness, ids: LlmIds) -> None:
    """204: delete() returns None and the LLM is gone (get answers 404)."""
    gm.create(**llm_fields("delete-204"), llm_id=ids[0])

    assert gm.delete(ids[0]) is None  # type: ignore[func-returns-value]

    with pytest.raises(goodmem.NotFoundError):
        gm.get(ids[0])


def test_delete_400_malformed_id(gm: Harness) -> None:
    """400: an id that is not a UUID passes the facade and the server rejects it."""
    with pytest.raises(goodmem.BadRequestError) as raised:
        gm.delete("not-a-uuid")

    assert raised.value.status_code == 400
    assert raised.value.code == "INVALID_ARGUMENT"


def test_delete_401_wrong_api_key(gm: Harness, intruder: Harness, ids: LlmIds) -> None:
    """401: a key the server does not accept cannot delete; the LLM is still there."""
    gm.create(**llm_fields("delete-401"), llm_id=ids[0])

    with pytest.raises(goodmem.AuthenticationError) as raised:
        intruder.delete(ids[0])

    assert raised.value.status_code == 401
    assert raised.value.code == "UNAUTHENTICATED"
    assert gm.get(ids[0]).llm_id == ids[0]
    gm.delete(ids[0])


def test_delete_404_unknown_id(gm: Harness, ids: LlmIds) -> None:
    """404: a well-formed id that no LLM has."""
    with pytest.raises(goodmem.NotFoundError) as raised:
        gm.delete(ids["never-created"])

    assert raised.value.status_code == 404
    assert raised.value.code == "NOT_FOUND"
