"""The keyword arguments of `client.llms` methods, as TypedDicts.

The methods take them as `**params: Unpack[...]`, so editors and type checkers show and check
each keyword, and a dict of them can be built ahead (`params: LLMCreateParams = {...}`;
`client.llms.create(**params)`). None for a value means "not given".

These lists are kept by hand: tests/facade/test_surface.py fails, naming this file, when a
field of the spec's request (LLMCreationRequest, LLMUpdateRequest) is missing here. At run time
the methods derive the fields they accept from the generated request classes.
"""

import sys
from collections.abc import Mapping, Sequence
from typing import Any

from ._generated.models import (
    DashScopeApiDialect,
    EndpointAuthentication,
    LLMCapabilities,
    LLMProviderType,
    LLMSamplingParams,
    Modality,
)
from ._types import RequestOptions

if sys.version_info >= (3, 11):
    from typing import Required
else:  # pragma: no cover - Python 3.10
    from typing_extensions import Required

__all__ = ["LLMCreateParams", "LLMGetParams", "LLMListParams", "LLMUpdateParams"]


class LLMCreateParams(RequestOptions, total=False):
    """The keywords of `client.llms.create()`: the fields of LLMCreationRequest, and `api_key`."""

    display_name: Required[str]
    """Name shown to people (1 to 255 characters)."""
    model_identifier: Required[str]
    """The model's name at the provider, e.g. `gpt-4o-mini`; a known one fills in the rest."""
    api_key: str | None
    """Shorthand for API-key `credentials` holding this secret; pass at most one of the two."""
    credentials: EndpointAuthentication | Mapping[str, Any] | None
    """How GoodMem authenticates with the provider: a `kind` and its block (api_key, gcp_adc)."""
    provider_type: LLMProviderType | str | None
    """The kind of service behind the endpoint (filled in for a known model)."""
    endpoint_url: str | None
    """Base URL of the API, usually ending in `/v1` (default: the provider's)."""
    api_path: str | None
    """Path of the chat completions call under endpoint_url (server default `/chat/completions`)."""
    description: str | None
    """Free-text description."""
    labels: Mapping[str, str] | None
    """String labels by key; at most 20."""
    capabilities: LLMCapabilities | Mapping[str, Any] | None
    """The features the service supports (the server infers them when omitted)."""
    default_sampling_params: LLMSamplingParams | Mapping[str, Any] | None
    """Default generation settings sent with each request to the model."""
    max_context_length: int | None
    """Context window size in tokens (filled in for a known model)."""
    supported_modalities: Sequence[Modality | str] | None
    """Content kinds the model accepts (filled in for a known model; server default TEXT)."""
    client_config: Mapping[str, Any] | None
    """Provider-specific client settings, free-form JSON."""
    monitoring_endpoint: str | None
    """URL where the service's health can be checked."""
    owner_id: str | None
    """Owner to create the LLM for (a UUID); needs CREATE_LLM_ANY permission."""
    llm_id: str | None
    """The new LLM's id (a UUID); without it a random one is sent, which makes retries safe."""
    version: str | None
    """Free-form version information."""
    dashscope_api_dialect: DashScopeApiDialect | str | None
    """The DashScope API dialect; only with provider_type DASHSCOPE."""


class LLMUpdateParams(RequestOptions, total=False):
    """The keywords of `client.llms.update()`: the fields of LLMUpdateRequest, and `api_key`."""

    display_name: str | None
    """New display name (1 to 255 characters)."""
    description: str | None
    """New description."""
    endpoint_url: str | None
    """New endpoint base URL."""
    api_path: str | None
    """New API path."""
    model_identifier: str | None
    """New model identifier."""
    supported_modalities: Sequence[Modality | str] | None
    """Replaces the stored modalities; an empty list changes nothing."""
    api_key: str | None
    """Shorthand for API-key `credentials` holding this secret (a key rotation)."""
    credentials: EndpointAuthentication | Mapping[str, Any] | None
    """New credentials: a `kind` and its block (`api_key` or `gcp_adc`)."""
    version: str | None
    """New version information."""
    monitoring_endpoint: str | None
    """New monitoring endpoint URL."""
    capabilities: LLMCapabilities | Mapping[str, Any] | None
    """Replaces the stored capabilities whole."""
    default_sampling_params: LLMSamplingParams | Mapping[str, Any] | None
    """Replaces the default generation settings."""
    max_context_length: int | None
    """New context window size in tokens."""
    client_config: Mapping[str, Any] | None
    """Replaces the provider-specific client settings whole."""
    replace_labels: Mapping[str, str] | None
    """Labels that replace all stored ones (not with merge_labels)."""
    merge_labels: Mapping[str, str] | None
    """Labels added to, or changed among, the stored ones (not with replace_labels)."""
    dashscope_api_dialect: DashScopeApiDialect | str | None
    """New DashScope API dialect; only for a DASHSCOPE LLM."""


class LLMGetParams(RequestOptions, total=False):
    """The keywords of `client.llms.get()`."""

    include_credentials: bool | None
    """Return the stored credentials too (needs READ_LLM_CREDENTIALS permission)."""


class LLMListParams(RequestOptions, total=False):
    """The keywords of `client.llms.list()`: filters that must all match."""

    label: Mapping[str, str] | None
    """Labels every LLM listed has (`{"env": "prod"}` is sent as `label.env=prod`)."""
    owner_id: str | None
    """Only LLMs of this owner (a UUID)."""
    provider_type: LLMProviderType | str | None
    """Only LLMs of this provider type."""
