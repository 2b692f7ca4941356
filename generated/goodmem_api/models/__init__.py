"""Contains all the data models used in inputs/outputs"""

from .api_key_auth import ApiKeyAuth
from .client_config import ClientConfig
from .create_llm_response import CreateLLMResponse
from .credential_kind import CredentialKind
from .dash_scope_api_dialect import DashScopeApiDialect
from .endpoint_authentication import EndpointAuthentication
from .endpoint_authentication_labels import EndpointAuthenticationLabels
from .error_response import ErrorResponse
from .gcp_adc_auth import GcpAdcAuth
from .good_mem_status import GoodMemStatus
from .label_map import LabelMap
from .list_ll_ms_response import ListLLMsResponse
from .list_llms_label import ListLlmsLabel
from .llm_capabilities import LLMCapabilities
from .llm_creation_request import LLMCreationRequest
from .llm_provider_type import LLMProviderType
from .llm_response import LLMResponse
from .llm_sampling_params import LLMSamplingParams
from .llm_update_request import LLMUpdateRequest
from .modality import Modality
from .secret_reference import SecretReference

__all__ = (
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
    "LabelMap",
    "ListLlmsLabel",
    "ListLLMsResponse",
    "LLMCapabilities",
    "LLMCreationRequest",
    "LLMProviderType",
    "LLMResponse",
    "LLMSamplingParams",
    "LLMUpdateRequest",
    "Modality",
    "SecretReference",
)
