"""Plain-Python inputs, registry fill-in, and bad arguments rejected before any request."""

from __future__ import annotations

from typing import Any

import pytest

from goodmem.types import LLMCapabilities, LLMProviderType, LLMSamplingParams, Modality
from tests.conftest import load_fixture
from tests.facade.conftest import Harness, json_response

OK = {"display_name": "LLM", "model_identifier": "gpt-4o", "api_key": "sk-test"}


def _create_body(gm: Harness, **kwargs: Any) -> Any:
    gm.recorder.reply(json_response(201, load_fixture("create_response")))
    gm.call("create", **kwargs)
    return gm.recorder.last_json()


# -- registry ---------------------------------------------------------------------------


def test_known_model_is_filled_from_the_registry(gm: Harness) -> None:
    body = _create_body(
        gm, display_name="C", model_identifier="claude-sonnet-4-5", api_key="sk-test"
    )
    assert body["providerType"] == "CUSTOM_OPENAI_COMPATIBLE"
    assert body["endpointUrl"] == "https://api.anthropic.com/v1"
    assert body["maxContextLength"] == 200000
    assert body["supportedModalities"] == ["TEXT", "IMAGE"]


def test_explicit_arguments_win_over_the_registry(gm: Harness) -> None:
    body = _create_body(
        gm,
        display_name="C",
        model_identifier="gpt-4o",
        api_key="sk-test",
        endpoint_url="https://proxy.example/v1",
        max_context_length=1000,
        supported_modalities=["TEXT"],
    )
    assert (body["providerType"], body["endpointUrl"]) == ("OPENAI", "https://proxy.example/v1")
    assert (body["maxContextLength"], body["supportedModalities"]) == (1000, ["TEXT"])


def test_other_provider_for_a_known_model_gets_that_providers_url(gm: Harness) -> None:
    body = _create_body(
        gm,
        display_name="C",
        model_identifier="gpt-4o",
        api_key="sk-test",
        provider_type="OPEN_ROUTER",
    )
    assert (body["providerType"], body["endpointUrl"]) == (
        "OPEN_ROUTER",
        "https://openrouter.ai/api/v1",
    )


def test_unknown_model_with_provider_gets_its_default_url(gm: Harness) -> None:
    body = _create_body(
        gm, display_name="L", model_identifier="llama3.1:8b", provider_type="OLLAMA"
    )
    del body["llmId"]
    assert body == {
        "displayName": "L",
        "modelIdentifier": "llama3.1:8b",
        "providerType": "OLLAMA",
        "endpointUrl": "http://localhost:11434/v1",
    }


def test_unknown_model_without_provider_suggests_close_names(gm: Harness) -> None:
    with pytest.raises(
        ValueError, match=r"provider_type.*endpoint_url.*did you mean gpt-4o-mini\?"
    ):
        gm.call("create", display_name="x", model_identifier="gpt-4o-mni")
    assert gm.recorder.requests == []


def test_enum_members_and_typed_models_are_accepted(gm: Harness) -> None:
    body = _create_body(
        gm,
        display_name="x",
        model_identifier="m",
        provider_type=LLMProviderType.VLLM,
        supported_modalities=[Modality.TEXT, "IMAGE"],
        capabilities=LLMCapabilities(supports_chat=True),
        default_sampling_params=LLMSamplingParams(top_k=5),
    )
    assert body["providerType"] == "VLLM"
    assert body["supportedModalities"] == ["TEXT", "IMAGE"]
    assert body["capabilities"] == {"supportsChat": True}
    assert body["defaultSamplingParams"] == {"topK": 5}


# -- bad arguments: raised before anything is sent --------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({**OK, "display_name": ""}, ValueError, "display_name: at least 1 character required"),
        ({**OK, "display_name": "x" * 256}, ValueError, "display_name: at most 255 characters"),
        ({**OK, "display_name": 5}, TypeError, "display_name: expected str, got int"),
        ({**OK, "model_identifier": "  "}, ValueError, "model_identifier: must not be empty"),
        (
            {**OK, "provider_type": "OPENAIX"},
            ValueError,
            r"provider_type: 'OPENAIX' is not a valid"
            r" LLMProviderType \(did you mean 'OPENAI'\?\); valid: .*'OLLAMA'",
        ),
        ({**OK, "provider_type": 3}, TypeError, "provider_type: expected str, got int"),
        (
            {**OK, "supported_modalities": ["TEXT", "SMELL"]},
            ValueError,
            r"supported_modalities\[1\]: 'SMELL' is not a valid Modality",
        ),
        (
            {**OK, "supported_modalities": "TEXT"},
            TypeError,
            "supported_modalities: expected a list",
        ),
        ({**OK, "labels": {"a": 1}}, TypeError, r"labels\['a'\]: expected str, got int"),
        ({**OK, "labels": ["a"]}, TypeError, "labels: expected a dict, got list"),
        (
            {**OK, "labels": {str(i): "v" for i in range(21)}},
            ValueError,
            "labels: at most 20 entries allowed, got 21",
        ),
        (
            {**OK, "max_context_length": True},
            TypeError,
            "max_context_length: expected int, got bool",
        ),
        ({**OK, "max_context_length": 0}, ValueError, "max_context_length: must be >= 1, got 0"),
        (
            {**OK, "default_sampling_params": {"temperature": 2.5}},
            ValueError,
            r"default_sampling_params.temperature: must be >= 0 and <= 2, got 2.5",
        ),
        (
            {**OK, "default_sampling_params": {"top_p": float("nan")}},
            ValueError,
            "default_sampling_params.top_p: must be a finite number",
        ),
        (
            {**OK, "default_sampling_params": {"stop_sequences": ["x"] * 11}},
            ValueError,
            "default_sampling_params.stop_sequences: at most 10 items allowed, got 11",
        ),
        (
            {**OK, "default_sampling_params": {"stop_sequences": ["x" * 101]}},
            ValueError,
            r"default_sampling_params.stop_sequences\[0\]: at most 100 characters allowed",
        ),
        (
            {**OK, "default_sampling_params": {"temprature": 1}},
            ValueError,
            "default_sampling_params: unknown field 'temprature' for LLMSamplingParams "
            r"\(did you mean 'temperature'\?\); valid fields: max_tokens, temperature",
        ),
        (
            {**OK, "capabilities": {"supportsChat": True}},
            ValueError,
            r"unknown field 'supportsChat'.*did you mean 'supports_chat'\?",
        ),
        (
            {**OK, "capabilities": {"supports_chat": "yes"}},
            TypeError,
            "capabilities.supports_chat: expected bool, got str",
        ),
        (
            {**OK, "credentials": "sk-x"},
            TypeError,
            "credentials: expected EndpointAuthentication or dict, got str",
        ),
        (
            {**OK, "credentials": {"kind": "API_KEY"}},
            ValueError,
            "credentials.kind: 'API_KEY' is not a valid CredentialKind",
        ),
        (
            {
                **OK,
                "credentials": {"kind": "CREDENTIAL_KIND_API_KEY", "api_key": {"secret_ref": {}}},
            },
            ValueError,
            "credentials.api_key.secret_ref.uri: required",
        ),
        (
            {**OK, "api_key": "sk-x", "credentials": {"kind": "CREDENTIAL_KIND_API_KEY"}},
            ValueError,
            "api_key and credentials: pass at most one of them",
        ),
        ({**OK, "api_key": ""}, ValueError, "api_key: must not be empty"),
        ({**OK, "api_key": 42}, TypeError, "api_key: expected str, got int"),
        (
            {**OK, "client_config": {"f": object()}},
            TypeError,
            r"client_config\['f'\]: object is not JSON data",
        ),
        ({**OK, "llm_id": "not-a-uuid"}, ValueError, "llm_id: 'not-a-uuid' does not match"),
        ({**OK, "owner_id": 7}, TypeError, "owner_id: expected str, got int"),
    ],
)
def test_bad_create_arguments(
    gm: Harness, kwargs: dict[str, Any], error: type, pattern: str
) -> None:
    with pytest.raises(error, match=pattern):
        gm.call("create", **kwargs)
    assert gm.recorder.requests == []


def test_unknown_create_keyword_is_a_type_error(gm: Harness) -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'temperature'"):
        gm.call("create", **OK, temperature=0.5)
    assert gm.recorder.requests == []


@pytest.mark.parametrize(
    ("request_arg", "error", "pattern"),
    [
        (
            {"replace_labels": {"a": "b"}, "merge_labels": {"c": "d"}},
            ValueError,
            "request: replace_labels and merge_labels cannot be used together",
        ),
        (
            {"display_nam": "x"},
            ValueError,
            r"request: unknown field 'display_nam' for LLMUpdateRequest "
            r"\(did you mean 'display_name'\?\)",
        ),
        ({"provider_type": "OPENAI"}, ValueError, "request: unknown field 'provider_type'"),
        ({"display_name": ""}, ValueError, "request.display_name: at least 1 character required"),
        ({"max_context_length": "big"}, TypeError, "request.max_context_length: expected int"),
        ({"merge_labels": {"a": None}}, TypeError, r"request.merge_labels\['a'\]: expected str"),
        ("display_name=x", TypeError, "request: expected LLMUpdateRequest or dict, got str"),
    ],
)
def test_bad_update_requests(gm: Harness, request_arg: Any, error: type, pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        gm.call("update", id="x", request=request_arg)
    assert gm.recorder.requests == []


@pytest.mark.parametrize("method", ["get", "delete", "update"])
@pytest.mark.parametrize(
    ("bad_id", "error"), [("", ValueError), ("   ", ValueError), (None, TypeError), (5, TypeError)]
)
def test_bad_ids(gm: Harness, method: str, bad_id: Any, error: type) -> None:
    extra = {"request": {"display_name": "x"}} if method == "update" else {}
    with pytest.raises(error, match=r"^id: "):
        gm.call(method, id=bad_id, **extra)
    assert gm.recorder.requests == []


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"provider_type": "openai"}, ValueError, "provider_type: 'openai' is not a valid"),
        ({"owner_id": 5}, TypeError, "owner_id: expected str, got int"),
        ({"label": {"env": 1}}, TypeError, r"label\['env'\]: expected str, got int"),
        ({"label": "env=prod"}, TypeError, "label: expected a dict, got str"),
    ],
)
def test_bad_list_filters(gm: Harness, kwargs: dict[str, Any], error: type, pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        gm.call("list", **kwargs)
    assert gm.recorder.requests == []
