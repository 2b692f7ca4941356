"""The API's data models: what goodmem returns, and typed alternatives to plain dicts as input.

They are the attrs classes generated from openapi.yaml (package `goodmem._generated`):

- An optional field that is not set is None, whether the server left it out or sent null;
  `to_dict()` leaves None fields out, so None in a request means "not sent".
- Enums are str subclasses (`llm.provider_type == "OPENAI"`). A value the spec doesn't list
  (from a newer server) is kept as the plain str received, hence types like
  `LLMProviderType | str`; constructors accept plain strings too.
- Label and config maps behave like dicts, and fields of those types accept any mapping.
- Fields the spec doesn't list are kept in `additional_properties` and written back by
  `to_dict()`.
- repr() shows only the fields that are set, enums as values, secrets as '***'.

The names are listed by hand so editors and type checkers see them;
tests/facade/test_surface.py fails, naming this file, when a schema in openapi.yaml is missing.
"""

from ._generated.models import (
    ApiKeyAuth,
    ClientConfig,
    CreateLLMResponse,
    CredentialKind,
    DashScopeApiDialect,
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
from ._params import LLMCreateParams, LLMGetParams, LLMListParams, LLMUpdateParams

__all__ = [
    "ApiKeyAuth",
    "ClientConfig",
    "CreateLLMResponse",
    "CredentialKind",
    "DashScopeApiDialect",
    "EndpointAuthentication",
    "EndpointAuthenticationLabels",
    "ErrorResponse",
    "GcpAdcAuth",
    "GoodMemStatus",
    "LLMCapabilities",
    "LLMCreateParams",
    "LLMCreationRequest",
    "LLMGetParams",
    "LLMListParams",
    "LLMProviderType",
    "LLMResponse",
    "LLMSamplingParams",
    "LLMUpdateParams",
    "LLMUpdateRequest",
    "LabelMap",
    "ListLLMsResponse",
    "Modality",
    "SecretReference",
]
