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

For input, each object model also has a TypedDict `<Model>Dict` (the same fields, snake_case
keys, plain values) and each enum a `<Enum>Value` (its values as a `Literal`), so that a plain
dict or string argument is checked by pyright and mypy. `LLMCreateParams`, `LLMUpdateParams`,
`LLMGetParams` and `LLMListParams` are the keyword arguments of `client.llms` methods.

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
from ._generated.models.api_key_auth import ApiKeyAuthDict
from ._generated.models.create_llm_response import CreateLLMResponseDict
from ._generated.models.credential_kind import CredentialKindValue
from ._generated.models.dash_scope_api_dialect import DashScopeApiDialectValue
from ._generated.models.endpoint_authentication import EndpointAuthenticationDict
from ._generated.models.error_response import ErrorResponseDict
from ._generated.models.gcp_adc_auth import GcpAdcAuthDict
from ._generated.models.good_mem_status import GoodMemStatusDict
from ._generated.models.list_ll_ms_response import ListLLMsResponseDict
from ._generated.models.llm_capabilities import LLMCapabilitiesDict
from ._generated.models.llm_creation_request import LLMCreationRequestDict
from ._generated.models.llm_provider_type import LLMProviderTypeValue
from ._generated.models.llm_response import LLMResponseDict
from ._generated.models.llm_sampling_params import LLMSamplingParamsDict
from ._generated.models.llm_update_request import LLMUpdateRequestDict
from ._generated.models.modality import ModalityValue
from ._generated.models.secret_reference import SecretReferenceDict
from ._params import LLMCreateParams, LLMGetParams, LLMListParams, LLMUpdateFields, LLMUpdateParams

__all__ = [
    "ApiKeyAuth",
    "ApiKeyAuthDict",
    "ClientConfig",
    "CreateLLMResponse",
    "CreateLLMResponseDict",
    "CredentialKind",
    "CredentialKindValue",
    "DashScopeApiDialect",
    "DashScopeApiDialectValue",
    "EndpointAuthentication",
    "EndpointAuthenticationDict",
    "EndpointAuthenticationLabels",
    "ErrorResponse",
    "ErrorResponseDict",
    "GcpAdcAuth",
    "GcpAdcAuthDict",
    "GoodMemStatus",
    "GoodMemStatusDict",
    "LLMCapabilities",
    "LLMCapabilitiesDict",
    "LLMCreateParams",
    "LLMCreationRequest",
    "LLMCreationRequestDict",
    "LLMGetParams",
    "LLMListParams",
    "LLMProviderType",
    "LLMProviderTypeValue",
    "LLMResponse",
    "LLMResponseDict",
    "LLMSamplingParams",
    "LLMSamplingParamsDict",
    "LLMUpdateFields",
    "LLMUpdateParams",
    "LLMUpdateRequest",
    "LLMUpdateRequestDict",
    "LabelMap",
    "ListLLMsResponse",
    "ListLLMsResponseDict",
    "Modality",
    "ModalityValue",
    "SecretReference",
    "SecretReferenceDict",
]
