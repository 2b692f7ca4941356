"""The keyword arguments of `client.llms` methods, as TypedDicts.

The methods take them as `**params: Unpack[...]`, so type checkers and editors that read
PEP 692 (pyright, mypy, PyCharm) check each keyword and value, and a dict of them can be
built ahead (`params: LLMCreateParams = {...}`; `client.llms.create(**params)`). Enum values
may be plain strings, nested models plain dicts (their `<Model>Dict` types, generated from the
spec); None means "not given".

`LLMUpdateParams` is derived from the spec (`LLMUpdateRequestDict`, made by `make gen`).
`LLMCreateParams` is kept by hand, because create() requires less than the spec does (the
registry fills provider_type and endpoint_url): tests/facade/test_surface.py fails, naming
this file, when it lags behind the spec's LLMCreationRequest.
"""

import sys
from collections.abc import Mapping, Sequence
from typing import Any

from ._generated.models.dash_scope_api_dialect import DashScopeApiDialect, DashScopeApiDialectValue
from ._generated.models.endpoint_authentication import (
    EndpointAuthentication,
    EndpointAuthenticationDict,
)
from ._generated.models.llm_capabilities import LLMCapabilities, LLMCapabilitiesDict
from ._generated.models.llm_provider_type import LLMProviderType, LLMProviderTypeValue
from ._generated.models.llm_sampling_params import LLMSamplingParams, LLMSamplingParamsDict
from ._generated.models.llm_update_request import LLMUpdateRequestDict
from ._generated.models.modality import Modality, ModalityValue
from ._types import RequestOptions

if sys.version_info >= (3, 11):
    from typing import Required
else:  # pragma: no cover - Python 3.10
    from typing_extensions import Required

__all__ = [
    "LLMCreateParams",
    "LLMGetParams",
    "LLMListParams",
    "LLMUpdateFields",
    "LLMUpdateParams",
]


class LLMCreateParams(RequestOptions, total=False):
    """The keywords of `client.llms.create()`: the fields of LLMCreationRequest, and `api_key`."""

    display_name: Required[str]
    """Name shown to people (1 to 255 characters)."""
    model_identifier: Required[str]
    """The model's name at the provider, e.g. `gpt-4o-mini`; a known one fills in the rest."""
    api_key: str | None
    """Shorthand for API-key `credentials` holding this secret; pass at most one of the two."""
    credentials: EndpointAuthentication | EndpointAuthenticationDict | None
    """How GoodMem authenticates with the provider: a `kind` and its block (api_key, gcp_adc)."""
    provider_type: LLMProviderType | LLMProviderTypeValue | None
    """The kind of service behind the endpoint (filled in for a known model)."""
    endpoint_url: str | None
    """Base URL of the API, usually ending in `/v1` (default: the provider's)."""
    api_path: str | None
    """Path of the chat completions call under endpoint_url (server default `/chat/completions`)."""
    description: str | None
    """Free-text description."""
    labels: Mapping[str, str] | None
    """String labels by key; at most 20."""
    capabilities: LLMCapabilities | LLMCapabilitiesDict | None
    """The features the service supports (the server infers them when omitted)."""
    default_sampling_params: LLMSamplingParams | LLMSamplingParamsDict | None
    """Default generation settings sent with each request to the model."""
    max_context_length: int | None
    """Context window size in tokens (filled in for a known model)."""
    supported_modalities: Sequence[Modality | ModalityValue] | None
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
    dashscope_api_dialect: DashScopeApiDialect | DashScopeApiDialectValue | None
    """The DashScope API dialect; only with provider_type DASHSCOPE."""


class LLMUpdateFields(LLMUpdateRequestDict, total=False):
    """The fields `client.llms.update()` changes: LLMUpdateRequest's, and `api_key`.

    The dict form of update's `request`; the same keys are its keywords.
    """

    api_key: str | None
    """Shorthand for new API-key `credentials` holding this secret (a key rotation)."""


class LLMUpdateParams(LLMUpdateFields, RequestOptions, total=False):
    """The keywords of `client.llms.update()`: the fields it changes and the call's options."""


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
    provider_type: LLMProviderType | LLMProviderTypeValue | None
    """Only LLMs of this provider type."""
