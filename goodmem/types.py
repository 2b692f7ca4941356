"""The API's data models: what goodmem returns, and typed alternatives to plain dicts as input.

They are the attrs classes generated from openapi.yaml (package `goodmem._generated`). Enums are str
subclasses (`llm.provider_type == "OPENAI"`); label and config maps behave like dicts.
"""

from ._generated.models import (
    ApiKeyAuth,
    ClientConfig,
    CreateLLMResponse,
    CredentialKind,
    EndpointAuthentication,
    EndpointAuthenticationLabels,
    ErrorResponse,
    GcpAdcAuth,
    GoodMemStatus,
    LabelMap,
    ListLLMsResponse,
    LLMCapabilities,
    LLMCreationRequest,
    LLMProviderType,
    LLMResponse,
    LLMSamplingParams,
    LLMUpdateRequest,
    Modality,
    SecretReference,
)
from ._generated.types import UNSET, Unset

__all__ = [
    "UNSET",
    "ApiKeyAuth",
    "ClientConfig",
    "CreateLLMResponse",
    "CredentialKind",
    "EndpointAuthentication",
    "EndpointAuthenticationLabels",
    "ErrorResponse",
    "GcpAdcAuth",
    "GoodMemStatus",
    "LLMCapabilities",
    "LLMCreationRequest",
    "LLMProviderType",
    "LLMResponse",
    "LLMSamplingParams",
    "LLMUpdateRequest",
    "LabelMap",
    "ListLLMsResponse",
    "Modality",
    "SecretReference",
    "Unset",
]
