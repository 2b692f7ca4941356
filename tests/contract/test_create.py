"""createLLM POST /v1/llms: 201, 400, 401 and 409 through the public clients."""

from __future__ import annotations

import pytest

import goodmem
from goodmem.types import (
    ClientConfig,
    CreateLLMResponse,
    CredentialKind,
    DashScopeApiDialect,
    EndpointAuthentication,
    LLMProviderType,
    LLMResponse,
    LLMSamplingParams,
    Modality,
)
from tests.contract.harness import ENDPOINT, SUITE, Harness, LlmIds, llm_fields


def test_create_201(gm: Harness, ids: LlmIds) -> None:
    """201: every argument reaches the server and comes back typed; get() reads the same LLM."""
    created = gm.create(
        **llm_fields("create-201"),
        llm_id=ids[0],
        description="registered by the contract suite",
        api_key="sk-contract-create-201-secret",
        capabilities={"supports_chat": True, "supports_streaming": True},
        default_sampling_params={"max_tokens": 256, "temperature": 0.5, "stop_sequences": ["END"]},
        max_context_length=32768,
        supported_modalities=["TEXT", "IMAGE"],
        client_config={"timeout_seconds": 30},
        version="2026-01",
    )

    assert isinstance(created, CreateLLMResponse)
    llm = created.llm
    assert isinstance(llm, LLMResponse)
    assert llm.llm_id == ids[0]
    assert llm.display_name == "Contract create-201"
    assert llm.description == "registered by the contract suite"
    assert llm.provider_type == LLMProviderType.VLLM
    assert llm.endpoint_url == ENDPOINT
    assert llm.api_path == "/chat/completions"  # filled by the server
    assert llm.model_identifier == "contract-create-201"
    assert llm.supported_modalities == [Modality.TEXT, Modality.IMAGE]
    assert dict(llm.labels) == {"suite": SUITE, "case": "create-201"}
    assert llm.capabilities.supports_chat is True
    assert llm.capabilities.supports_streaming is True
    assert isinstance(llm.default_sampling_params, LLMSamplingParams)
    assert llm.default_sampling_params.max_tokens == 256
    assert llm.default_sampling_params.temperature == 0.5
    assert llm.default_sampling_params.stop_sequences == ["END"]
    assert llm.max_context_length == 32768
    assert isinstance(llm.client_config, ClientConfig)
    assert llm.client_config["timeout_seconds"] == 30
    assert llm.version == "2026-01"
    assert llm.credentials is None  # never in a create answer
    assert llm.dashscope_api_dialect is None  # only DASHSCOPE LLMs have one
    assert llm.owner_id == llm.created_by_id == llm.updated_by_id
    assert llm.created_at == llm.updated_at > 0

    assert gm.get(ids[0]).to_dict() == llm.to_dict()
    stored = gm.get(ids[0], include_credentials=True).credentials
    assert isinstance(stored, EndpointAuthentication)
    assert stored.kind == CredentialKind.CREDENTIAL_KIND_API_KEY
    assert stored.api_key is not None
    assert stored.api_key.inline_secret  # the cassette holds it redacted, the server real
    gm.delete(ids[0])


def test_create_201_dashscope(gm: Harness, ids: LlmIds) -> None:
    """201 for a DASHSCOPE LLM: the dialect is sent, stored and read back typed."""
    created = gm.create(
        display_name="Contract dashscope",
        model_identifier="qwen-plus",
        api_key="sk-test",
        llm_id=ids[0],
        labels={"suite": SUITE, "case": "create-dashscope"},
        dashscope_api_dialect="LLM_NATIVE_TEXT",
    )

    llm = created.llm
    assert llm.provider_type == LLMProviderType.DASHSCOPE
    assert llm.endpoint_url == "https://dashscope.aliyuncs.com"  # the registry's default
    assert llm.max_context_length == 1_000_000
    assert llm.dashscope_api_dialect == DashScopeApiDialect.LLM_NATIVE_TEXT
    assert gm.get(ids[0]).dashscope_api_dialect == "LLM_NATIVE_TEXT"
    gm.delete(ids[0])


def test_create_201_server_defaults(gm: Harness, ids: LlmIds) -> None:
    """201 for a minimal create: the server fills apiPath, modalities and capabilities.

    The inferred capabilities are reported in `statuses` (GoodMemStatus objects).
    """
    created = gm.create(**llm_fields("create-defaults"), llm_id=ids[0])

    llm = created.llm
    assert llm.llm_id == ids[0]
    assert llm.api_path == "/chat/completions"
    assert llm.supported_modalities == [Modality.TEXT]
    assert llm.capabilities.supports_chat is True
    assert isinstance(created.statuses, list)
    assert [status.code for status in created.statuses] == ["LLM_CAPABILITY_INFERRED"]
    assert all(status.message for status in created.statuses)
    gm.delete(ids[0])


def test_create_400_credentials_kind_mismatch(gm: Harness, ids: LlmIds) -> None:
    """400: GCP ADC credentials carrying an apiKey block; the server refuses them.

    The facade refuses them before sending, so they go as `extra_body`, as raw JSON. Nothing
    is stored: the llm_id stays unknown.
    """
    credentials = {
        "kind": "CREDENTIAL_KIND_GCP_ADC",
        "apiKey": {"inlineSecret": "sk-contract-mismatch-secret"},
    }
    with pytest.raises(goodmem.BadRequestError) as raised:
        gm.create(
            **llm_fields("create-400"), llm_id=ids[0], extra_body={"credentials": credentials}
        )

    assert raised.value.status_code == 400
    assert raised.value.code == "INVALID_ARGUMENT"
    assert "credentials" in raised.value.message
    with pytest.raises(goodmem.NotFoundError):
        gm.get(ids[0])


def test_create_401_wrong_api_key(gm: Harness, intruder: Harness, ids: LlmIds) -> None:
    """401: a key the server does not accept is refused and nothing is stored."""
    with pytest.raises(goodmem.AuthenticationError) as raised:
        intruder.create(**llm_fields("create-401"), llm_id=ids[0])

    assert raised.value.status_code == 401
    assert raised.value.code == "UNAUTHENTICATED"
    with pytest.raises(goodmem.NotFoundError):
        gm.get(ids[0])


def test_create_409_llm_id_taken(gm: Harness, ids: LlmIds) -> None:
    """409: a second create with the same llm_id conflicts and leaves the first LLM as it was."""
    gm.create(**llm_fields("create-409-id"), llm_id=ids[0])

    with pytest.raises(goodmem.ConflictError) as raised:
        gm.create(**llm_fields("create-409-id-again"), llm_id=ids[0])

    assert raised.value.status_code == 409
    assert raised.value.code == "ALREADY_EXISTS"
    assert gm.get(ids[0]).display_name == "Contract create-409-id"
    gm.delete(ids[0])


def test_create_409_identical_llm(gm: Harness, ids: LlmIds) -> None:
    """409: the same provider, endpoint, path, model and credentials under a new llm_id."""
    fields = llm_fields("create-409-same", api_key="sk-contract-create-409-secret")
    gm.create(**fields, llm_id=ids[0])

    with pytest.raises(goodmem.ConflictError) as raised:
        gm.create(**fields, llm_id=ids[1])

    assert raised.value.status_code == 409
    assert raised.value.code == "ALREADY_EXISTS"
    with pytest.raises(goodmem.NotFoundError):
        gm.get(ids[1])
    gm.delete(ids[0])
