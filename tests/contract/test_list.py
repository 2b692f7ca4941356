"""listLlms GET /v1/llms: 200 with label, ownerId and providerType filters; 400; 401.

Every listing filters on this test's `case` label, so other LLMs on a shared server never
show up in the results.
"""

from __future__ import annotations

import pytest

import goodmem
from goodmem.types import LLMResponse
from tests.contract.harness import SUITE, Harness, LlmIds, llm_fields


def _ids(llms: list[LLMResponse]) -> set[str]:
    return {llm.llm_id for llm in llms}


def test_list_200_label_filter(gm: Harness, ids: LlmIds) -> None:
    """200: label filters combine with AND; one label narrows less than two."""
    case = "list-label"
    gm.create(
        **llm_fields(f"{case}-red", labels={"suite": SUITE, "case": case, "color": "red"}),
        llm_id=ids[0],
    )
    gm.create(
        **llm_fields(f"{case}-blue", labels={"suite": SUITE, "case": case, "color": "blue"}),
        llm_id=ids[1],
    )

    both = gm.list(label={"case": case})
    red = gm.list(label={"case": case, "color": "red"})
    none = gm.list(label={"case": case, "color": "green"})

    assert _ids(both) == {ids[0], ids[1]}
    assert [llm.llm_id for llm in red] == [ids[0]]
    assert dict(red[0].labels)["color"] == "red"
    assert none == []
    gm.delete(ids[0])
    gm.delete(ids[1])


def test_list_200_provider_type_filter(gm: Harness, ids: LlmIds) -> None:
    """200: providerType keeps only LLMs of that provider."""
    case = "list-provider"
    labels = {"suite": SUITE, "case": case}
    gm.create(**llm_fields(f"{case}-vllm", labels=labels), llm_id=ids[0])
    gm.create(
        **llm_fields(
            f"{case}-ollama",
            labels=labels,
            provider_type="OLLAMA",
            endpoint_url="http://ollama.contract.test:11434/v1",
        ),
        llm_id=ids[1],
    )

    ollama = gm.list(label={"case": case}, provider_type="OLLAMA")
    vllm = gm.list(label={"case": case}, provider_type="VLLM")

    assert [(llm.llm_id, llm.provider_type) for llm in ollama] == [(ids[1], "OLLAMA")]
    assert [(llm.llm_id, llm.provider_type) for llm in vllm] == [(ids[0], "VLLM")]
    gm.delete(ids[0])
    gm.delete(ids[1])


def test_list_200_owner_id_filter(gm: Harness, ids: LlmIds) -> None:
    """200: ownerId (here the caller's own id, read from the created LLM) lists its LLMs."""
    case = "list-owner"
    owner = gm.create(**llm_fields(case, labels={"suite": SUITE, "case": case}), llm_id=ids[0])
    owner_id = owner.llm.owner_id

    mine = gm.list(owner_id=owner_id, label={"case": case}, provider_type="VLLM")

    assert [(llm.llm_id, llm.owner_id) for llm in mine] == [(ids[0], owner_id)]
    gm.delete(ids[0])


def test_list_400_malformed_owner_id(gm: Harness) -> None:
    """400: an ownerId that is not a UUID passes the facade and the server rejects it."""
    with pytest.raises(goodmem.BadRequestError) as raised:
        gm.list(owner_id="not-a-uuid")

    assert raised.value.status_code == 400
    assert raised.value.code == "INVALID_ARGUMENT"


def test_list_401_wrong_api_key(intruder: Harness) -> None:
    """401: listing with a key the server does not accept.

    The "second key" is just a wrong one (WRONG_API_KEY), also against a real GoodMem.
    """
    with pytest.raises(goodmem.AuthenticationError) as raised:
        intruder.list(label={"case": "list-401"})

    assert raised.value.status_code == 401
    assert raised.value.code == "UNAUTHENTICATED"
