"""The generated client reads every documented example, quirks included, without losing data."""

from __future__ import annotations

import pytest

from goodmem._generated.models import (
    CreateLLMResponse,
    CredentialKind,
    EndpointAuthentication,
    LLMCreationRequest,
    LLMProviderType,
    LLMResponse,
    Modality,
)
from tests.conftest import load_fixture


@pytest.mark.parametrize(
    ("fixture", "model"),
    [
        ("create_response", CreateLLMResponse),
        ("update_response", LLMResponse),
        ("get_response", LLMResponse),
        ("create_request", LLMCreationRequest),
    ],
)
def test_documented_payload_round_trips_unchanged(fixture: str, model: type) -> None:
    payload = load_fixture(fixture)
    assert model.from_dict(payload).to_dict() == payload


def test_response_fields_have_python_types() -> None:
    llm = LLMResponse.from_dict(load_fixture("get_response"))
    assert llm.llm_id == "550e8400-e29b-41d4-a716-446655440000"
    assert type(llm.llm_id) is str
    assert llm.created_at == 1617293472000
    assert type(llm.created_at) is int
    assert llm.provider_type is LLMProviderType.OPENAI
    assert llm.provider_type == "OPENAI"
    assert llm.supported_modalities == [Modality.TEXT]
    assert llm.capabilities.supports_streaming is True
    assert llm.default_sampling_params.stop_sequences == ["\n\n", "END"]


def test_label_map_behaves_like_a_dict() -> None:
    llm = LLMResponse.from_dict(load_fixture("get_response"))
    assert llm.labels["environment"] == "production"
    assert dict(llm.labels) == {"environment": "production", "team": "ai"}
    assert llm.labels == {"environment": "production", "team": "ai"}
    assert "team" in llm.labels
    assert len(llm.labels) == 2
    assert llm.labels.get("missing") is None


def test_client_config_keeps_empty_object_values() -> None:
    llm = LLMResponse.from_dict(load_fixture("get_response"))
    assert dict(llm.client_config) == {"property1": {}, "property2": {}}


def test_credentials_without_kind_and_with_both_variants_keep_everything() -> None:
    # The documented responses omit `kind` and fill both apiKey and gcpAdc: nothing is dropped.
    creds = LLMResponse.from_dict(load_fixture("get_response")).credentials
    assert isinstance(creds, EndpointAuthentication)
    assert creds.kind is None
    assert creds.api_key.inline_secret == "sk-1234567890abcdef"
    assert creds.api_key.secret_ref.uri == "vault://path/to/secret"
    assert creds.api_key.header_name == "Authorization"
    assert creds.api_key.prefix == "Bearer "
    assert creds.gcp_adc.scopes == ["https://www.googleapis.com/auth/cloud-platform"]
    assert creds.gcp_adc.quota_project_id == "my-quota-project"


def test_unknown_credential_fields_are_kept_raw() -> None:
    payload = {
        "kind": "CREDENTIAL_KIND_API_KEY",
        "apiKey": {"inlineSecret": "k"},
        "oauth": {"x": 1},
    }
    creds = EndpointAuthentication.from_dict(payload)
    assert creds.kind is CredentialKind.CREDENTIAL_KIND_API_KEY
    assert creds.additional_properties == {"oauth": {"x": 1}}
    assert creds.to_dict() == payload


def test_inline_secret_is_redacted_in_repr_but_readable() -> None:
    llm = LLMResponse.from_dict(load_fixture("get_response"))
    assert "sk-1234567890abcdef" not in repr(llm)
    assert "sk-1234567890abcdef" not in str(llm.credentials)
    assert "inline_secret='***'" in repr(llm.credentials.api_key)
    assert llm.credentials.api_key.inline_secret == "sk-1234567890abcdef"
