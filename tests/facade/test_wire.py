"""What each public method sends and returns, sync and async, asserted exactly."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest

from goodmem.types import CreateLLMResponse, LLMResponse, LLMUpdateRequest
from tests.conftest import load_fixture
from tests.facade.conftest import API_KEY, Harness, json_response

LLM_ID = "550e8400-e29b-41d4-a716-446655440000"


def _assert_common_headers(request: httpx.Request) -> None:
    assert request.headers["x-api-key"] == API_KEY
    assert request.headers["accept"] == "application/json"
    assert request.headers["user-agent"].startswith("goodmem-python/")


def test_create_sends_the_creation_request(gm: Harness) -> None:
    gm.recorder.reply(json_response(201, load_fixture("create_response")))
    result = gm.call(
        "create",
        display_name="Doc LLM",
        model_identifier="gpt-4o-mini",
        api_key="sk-test",
        labels={"env": "docs"},
    )
    request = gm.recorder.last
    assert (request.method, str(request.url)) == ("POST", "http://goodmem.test/v1/llms")
    assert request.headers["content-type"] == "application/json"
    _assert_common_headers(request)
    body = json.loads(request.content)
    assert uuid.UUID(body.pop("llmId")).version == 4  # client-generated: makes retries safe
    assert body == {
        "displayName": "Doc LLM",
        "modelIdentifier": "gpt-4o-mini",
        "providerType": "OPENAI",
        "endpointUrl": "https://api.openai.com/v1",
        "maxContextLength": 128000,
        "supportedModalities": ["TEXT", "IMAGE"],
        "credentials": {"kind": "CREDENTIAL_KIND_API_KEY", "apiKey": {"inlineSecret": "sk-test"}},
        "labels": {"env": "docs"},
    }
    assert isinstance(result, CreateLLMResponse)
    assert result.llm.llm_id == LLM_ID
    assert [(s.code, s.message) for s in result.statuses] == [
        ("PARTIAL_RESULTS", "Some embedders were unavailable, returning partial results")
    ]


def test_create_sends_every_field_in_camel_case(gm: Harness) -> None:
    gm.recorder.reply(json_response(201, load_fixture("create_response")))
    gm.call(
        "create",
        display_name="GPT-4 Turbo",
        model_identifier="gpt-4-turbo-preview",
        description="desc",
        provider_type="OPENAI",
        endpoint_url="https://api.openai.com/v1",
        api_path="/chat/completions",
        supported_modalities=["TEXT"],
        credentials={
            "kind": "CREDENTIAL_KIND_API_KEY",
            "api_key": {"secret_ref": {"uri": "vault://x"}, "header_name": "Authorization"},
        },
        labels={"team": "ai"},
        version="1.0.0",
        monitoring_endpoint="https://monitoring.example.com",
        capabilities={"supports_chat": True, "supports_streaming": False},
        default_sampling_params={"max_tokens": 2048, "temperature": 0.7, "stop_sequences": ["END"]},
        max_context_length=32768,
        client_config={"timeout": 30, "nested": {"a": [1, 2]}},
        owner_id=LLM_ID,
        llm_id=LLM_ID,
    )
    assert gm.recorder.last_json() == {
        "displayName": "GPT-4 Turbo",
        "modelIdentifier": "gpt-4-turbo-preview",
        "description": "desc",
        "providerType": "OPENAI",
        "endpointUrl": "https://api.openai.com/v1",
        "apiPath": "/chat/completions",
        "supportedModalities": ["TEXT"],
        "credentials": {
            "kind": "CREDENTIAL_KIND_API_KEY",
            "apiKey": {"secretRef": {"uri": "vault://x"}, "headerName": "Authorization"},
        },
        "labels": {"team": "ai"},
        "version": "1.0.0",
        "monitoringEndpoint": "https://monitoring.example.com",
        "capabilities": {"supportsChat": True, "supportsStreaming": False},
        "defaultSamplingParams": {"maxTokens": 2048, "temperature": 0.7, "stopSequences": ["END"]},
        "maxContextLength": 32768,
        "clientConfig": {"timeout": 30, "nested": {"a": [1, 2]}},
        "ownerId": LLM_ID,
        "llmId": LLM_ID,
    }


def test_get_reads_one_llm(gm: Harness) -> None:
    gm.recorder.reply(json_response(200, load_fixture("get_response")))
    llm = gm.call("get", id=LLM_ID)
    request = gm.recorder.last
    assert (request.method, str(request.url)) == ("GET", f"http://goodmem.test/v1/llms/{LLM_ID}")
    assert request.content == b""
    _assert_common_headers(request)
    assert isinstance(llm, LLMResponse)
    assert llm.display_name == "GPT-4 Turbo"
    assert type(llm.llm_id) is str
    assert type(llm.created_at) is int
    assert llm.provider_type == "OPENAI"
    assert llm.labels["environment"] == "production"
    assert dict(llm.labels) == {"environment": "production", "team": "ai"}


def test_get_percent_encodes_the_id(gm: Harness) -> None:
    gm.recorder.reply(json_response(200, {**load_fixture("get_response"), "llmId": "../a b/?#%"}))
    gm.call("get", id="../a b/?#%")
    assert gm.recorder.last.url.raw_path == b"/v1/llms/..%2Fa%20b%2F%3F%23%25"


def test_list_sends_filters_as_query_parameters(gm: Harness) -> None:
    gm.recorder.reply(json_response(200, {"llms": [load_fixture("get_response")]}))
    llms = gm.call(
        "list", label={"env": "prod", "team": "ai"}, owner_id=LLM_ID, provider_type="OPENAI"
    )
    request = gm.recorder.last
    assert (request.method, request.url.path) == ("GET", "/v1/llms")
    assert request.url.params.multi_items() == [
        ("ownerId", LLM_ID),
        ("providerType", "OPENAI"),
        ("label.env", "prod"),
        ("label.team", "ai"),
    ]
    _assert_common_headers(request)
    assert isinstance(llms, list)
    assert [llm.llm_id for llm in llms] == [LLM_ID]


def test_list_without_filters_sends_no_query(gm: Harness) -> None:
    gm.recorder.reply(json_response(200, {"llms": []}))
    assert gm.call("list") == []
    assert str(gm.recorder.last.url) == "http://goodmem.test/v1/llms"


@pytest.mark.parametrize(
    "request_arg",
    [
        LLMUpdateRequest(display_name="Doc LLM (updated)", merge_labels={"version": "2"}),
        {"display_name": "Doc LLM (updated)", "merge_labels": {"version": "2"}},
    ],
    ids=["typed", "dict"],
)
def test_update_sends_only_the_given_fields(gm: Harness, request_arg: object) -> None:
    gm.recorder.reply(json_response(200, load_fixture("update_response")))
    llm = gm.call("update", id=LLM_ID, request=request_arg)
    request = gm.recorder.last
    assert (request.method, str(request.url)) == ("PUT", f"http://goodmem.test/v1/llms/{LLM_ID}")
    assert json.loads(request.content) == {
        "displayName": "Doc LLM (updated)",
        "mergeLabels": {"version": "2"},
    }
    _assert_common_headers(request)
    assert llm.llm_id == LLM_ID


def test_update_with_replace_labels_and_nested_values(gm: Harness) -> None:
    gm.recorder.reply(json_response(200, load_fixture("update_response")))
    gm.call(
        "update",
        id=LLM_ID,
        request={
            "replace_labels": {},
            "supported_modalities": ["TEXT", "IMAGE"],
            "capabilities": {"supports_chat": True},
            "credentials": {"kind": "CREDENTIAL_KIND_GCP_ADC", "gcp_adc": {"scopes": ["s"]}},
        },
    )
    assert gm.recorder.last_json() == {
        "replaceLabels": {},
        "supportedModalities": ["TEXT", "IMAGE"],
        "capabilities": {"supportsChat": True},
        "credentials": {"kind": "CREDENTIAL_KIND_GCP_ADC", "gcpAdc": {"scopes": ["s"]}},
    }


def test_delete_returns_none(gm: Harness) -> None:
    gm.recorder.reply(httpx.Response(204))
    assert gm.call("delete", id=LLM_ID) is None
    request = gm.recorder.last
    assert (request.method, str(request.url)) == ("DELETE", f"http://goodmem.test/v1/llms/{LLM_ID}")
    assert request.content == b""
    _assert_common_headers(request)


def test_async_methods_are_coroutine_functions() -> None:
    import inspect

    import goodmem

    client = goodmem.AsyncGoodmem("http://x.test", "k")
    for name in ("create", "get", "list", "update", "delete"):
        assert inspect.iscoroutinefunction(getattr(client.llms, name)), name
