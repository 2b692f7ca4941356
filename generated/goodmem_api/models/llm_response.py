from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.client_config import ClientConfig, as_client_config_or_none
from ..models.dash_scope_api_dialect import (
    DASH_SCOPE_API_DIALECT_BY_VALUE,
    DashScopeApiDialect,
    DashScopeApiDialectValue,
    as_dash_scope_api_dialect_or_none,
)
from ..models.label_map import LabelMap, as_label_map
from ..models.llm_provider_type import (
    LLM_PROVIDER_TYPE_BY_VALUE,
    LLMProviderType,
    LLMProviderTypeValue,
    as_llm_provider_type,
)
from ..models.modality import MODALITY_BY_VALUE, Modality, ModalityValue, as_modality_list
from ..types import TypedDict, model_repr, model_to_json, nested_error

if TYPE_CHECKING:
    from typing_extensions import Required

    from ..models.endpoint_authentication import EndpointAuthentication, EndpointAuthenticationDict
    from ..models.llm_capabilities import LLMCapabilities, LLMCapabilitiesDict
    from ..models.llm_sampling_params import LLMSamplingParams, LLMSamplingParamsDict


T = TypeVar("T", bound="LLMResponse")
_LLMRESPONSE_FIELDS = frozenset(
    {
        "llmId",
        "displayName",
        "description",
        "providerType",
        "endpointUrl",
        "apiPath",
        "modelIdentifier",
        "supportedModalities",
        "credentials",
        "labels",
        "version",
        "monitoringEndpoint",
        "capabilities",
        "defaultSamplingParams",
        "maxContextLength",
        "clientConfig",
        "dashscopeApiDialect",
        "ownerId",
        "createdAt",
        "updatedAt",
        "createdById",
        "updatedById",
    }
)
"""The JSON names of the fields the spec lists (the rest go to `additional_properties`)."""


@_attrs_define(kw_only=True, repr=False, on_setattr=_attrs_setters.NO_OP)
class LLMResponse:
    """An LLM configuration as stored by the server."""

    llm_id: str
    """ The LLM's unique identifier (a UUID). """
    display_name: str
    """ Name shown to people. """
    description: str | None = None
    """ Free-text description. """
    provider_type: LLMProviderType | str = _attrs_field(converter=as_llm_provider_type)
    """ The kind of service behind the endpoint. CUSTOM_OPENAI_COMPATIBLE covers any other OpenAI-compatible API,
    such as Anthropic's, Google Gemini's or Mistral's. DASHSCOPE is Alibaba Cloud's DashScope (Model Studio), which
    also takes dashscopeApiDialect. """
    endpoint_url: str
    """ Base URL of the API. """
    api_path: str | None = None
    """ Path of the chat completions call under endpointUrl. """
    model_identifier: str
    """ The model's name at the provider. """
    supported_modalities: list[Modality | str] = _attrs_field(converter=as_modality_list)
    """ Content kinds the model accepts. """
    credentials: EndpointAuthentication | None = None
    """ How GoodMem authenticates with the upstream provider. `kind` selects the variant: CREDENTIAL_KIND_API_KEY
    uses `apiKey`, CREDENTIAL_KIND_GCP_ADC uses `gcpAdc`. Requests must set `kind` and the matching block. Responses
    are read leniently: a server may omit `kind` or fill both blocks, and every field received is kept. """
    labels: LabelMap = _attrs_field(converter=as_label_map)
    """ String labels by key; at most 20 entries; a key must not be empty. """
    version: str | None = None
    """ Free-form version information. """
    monitoring_endpoint: str | None = None
    """ URL where the service's health can be checked. """
    capabilities: LLMCapabilities
    """ The features an LLM service supports. """
    default_sampling_params: LLMSamplingParams | None = None
    """ Default generation settings sent with each request to the model. """
    max_context_length: int | None = None
    """ Context window size in tokens. """
    client_config: ClientConfig | None = _attrs_field(
        default=None, converter=as_client_config_or_none
    )
    """ Provider-specific client settings, free-form JSON. """
    dashscope_api_dialect: DashScopeApiDialect | str | None = _attrs_field(
        default=None, converter=as_dash_scope_api_dialect_or_none
    )
    """ The request and response format of a DashScope endpoint. GoodMem uses the same values for LLMs, embedders
    and rerankers; an LLM takes only LLM_NATIVE_TEXT, LLM_NATIVE_MULTIMODAL and OPENAI_COMPATIBLE. """
    owner_id: str
    """ Owner of the LLM (a UUID). """
    created_at: int
    """ Creation time in milliseconds since the Unix epoch. """
    updated_at: int
    """ Last update time in milliseconds since the Unix epoch. """
    created_by_id: str
    """ Principal that created the LLM (a UUID). """
    updated_by_id: str
    """ Principal that last updated the LLM (a UUID). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """ Fields the spec doesn't list, as received (JSON values by JSON name). """

    __repr__ = model_repr
    to_json = model_to_json

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data (camelCase keys); fields that are None are left out."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict["llmId"] = self.llm_id
        field_dict["displayName"] = self.display_name
        if self.description is not None:
            field_dict["description"] = self.description
        field_dict["providerType"] = (
            self.provider_type.value
            if isinstance(self.provider_type, LLMProviderType)
            else self.provider_type
        )
        field_dict["endpointUrl"] = self.endpoint_url
        if self.api_path is not None:
            field_dict["apiPath"] = self.api_path
        field_dict["modelIdentifier"] = self.model_identifier
        field_dict["supportedModalities"] = [
            item.value if isinstance(item, Modality) else item for item in self.supported_modalities
        ]
        if self.credentials is not None:
            field_dict["credentials"] = self.credentials.to_dict()
        field_dict["labels"] = self.labels.to_dict()
        if self.version is not None:
            field_dict["version"] = self.version
        if self.monitoring_endpoint is not None:
            field_dict["monitoringEndpoint"] = self.monitoring_endpoint
        field_dict["capabilities"] = self.capabilities.to_dict()
        if self.default_sampling_params is not None:
            field_dict["defaultSamplingParams"] = self.default_sampling_params.to_dict()
        if self.max_context_length is not None:
            field_dict["maxContextLength"] = self.max_context_length
        if self.client_config is not None:
            field_dict["clientConfig"] = self.client_config.to_dict()
        if self.dashscope_api_dialect is not None:
            field_dict["dashscopeApiDialect"] = (
                self.dashscope_api_dialect.value
                if isinstance(self.dashscope_api_dialect, DashScopeApiDialect)
                else self.dashscope_api_dialect
            )
        field_dict["ownerId"] = self.owner_id
        field_dict["createdAt"] = self.created_at
        field_dict["updatedAt"] = self.updated_at
        field_dict["createdById"] = self.created_by_id
        field_dict["updatedById"] = self.updated_by_id
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read JSON data (camelCase keys), tolerating what a newer server may send.

        A null reads like an absent field; enum values the spec doesn't list stay plain str;
        fields it doesn't list go to `additional_properties`. Raises KeyError(<path>) for a
        missing required field and TypeError("<path>: expected <type>, got <type>") for a
        value of the wrong JSON type, the path naming where it is (`llms[3].labels`).
        """
        get = src_dict.get
        llm_id = src_dict["llmId"]
        if llm_id.__class__ is not str and not isinstance(llm_id, str):
            raise TypeError(f"llmId: expected str, got {type(llm_id).__name__}")

        display_name = src_dict["displayName"]
        if display_name.__class__ is not str and not isinstance(display_name, str):
            raise TypeError(f"displayName: expected str, got {type(display_name).__name__}")

        description = get("description")
        if description is not None:
            if description.__class__ is not str and not isinstance(description, str):
                raise TypeError(f"description: expected str, got {type(description).__name__}")

        provider_type = src_dict["providerType"]
        if provider_type.__class__ is not str and not isinstance(provider_type, str):
            raise TypeError(f"providerType: expected str, got {type(provider_type).__name__}")
        provider_type = LLM_PROVIDER_TYPE_BY_VALUE.get(provider_type, provider_type)

        endpoint_url = src_dict["endpointUrl"]
        if endpoint_url.__class__ is not str and not isinstance(endpoint_url, str):
            raise TypeError(f"endpointUrl: expected str, got {type(endpoint_url).__name__}")

        api_path = get("apiPath")
        if api_path is not None:
            if api_path.__class__ is not str and not isinstance(api_path, str):
                raise TypeError(f"apiPath: expected str, got {type(api_path).__name__}")

        model_identifier = src_dict["modelIdentifier"]
        if model_identifier.__class__ is not str and not isinstance(model_identifier, str):
            raise TypeError(f"modelIdentifier: expected str, got {type(model_identifier).__name__}")

        supported_modalities = src_dict["supportedModalities"]
        if supported_modalities.__class__ is not list and not isinstance(
            supported_modalities, (list, tuple)
        ):
            raise TypeError(
                f"supportedModalities: expected list, got {type(supported_modalities).__name__}"
            )
        supported_modalities_items: list[Modality | str] = []
        for supported_modalities_item in supported_modalities:
            if supported_modalities_item.__class__ is not str and not isinstance(
                supported_modalities_item, str
            ):
                raise TypeError(
                    f"supportedModalities[{len(supported_modalities_items)}]: expected str, got {type(supported_modalities_item).__name__}"
                )
            supported_modalities_items.append(
                MODALITY_BY_VALUE.get(supported_modalities_item, supported_modalities_item)
            )
        supported_modalities = supported_modalities_items

        credentials = get("credentials")
        if credentials is not None:
            if credentials.__class__ is not dict and not isinstance(credentials, Mapping):
                raise TypeError(f"credentials: expected dict, got {type(credentials).__name__}")
            try:
                credentials = EndpointAuthentication.from_dict(credentials)
            except (TypeError, KeyError) as error:
                raise nested_error(error, "credentials") from None

        labels = src_dict["labels"]
        if labels.__class__ is not dict and not isinstance(labels, Mapping):
            raise TypeError(f"labels: expected dict, got {type(labels).__name__}")
        try:
            labels = LabelMap.from_dict(labels)
        except (TypeError, KeyError) as error:
            raise nested_error(error, "labels") from None

        version = get("version")
        if version is not None:
            if version.__class__ is not str and not isinstance(version, str):
                raise TypeError(f"version: expected str, got {type(version).__name__}")

        monitoring_endpoint = get("monitoringEndpoint")
        if monitoring_endpoint is not None:
            if monitoring_endpoint.__class__ is not str and not isinstance(
                monitoring_endpoint, str
            ):
                raise TypeError(
                    f"monitoringEndpoint: expected str, got {type(monitoring_endpoint).__name__}"
                )

        capabilities = src_dict["capabilities"]
        if capabilities.__class__ is not dict and not isinstance(capabilities, Mapping):
            raise TypeError(f"capabilities: expected dict, got {type(capabilities).__name__}")
        try:
            capabilities = LLMCapabilities.from_dict(capabilities)
        except (TypeError, KeyError) as error:
            raise nested_error(error, "capabilities") from None

        default_sampling_params = get("defaultSamplingParams")
        if default_sampling_params is not None:
            if default_sampling_params.__class__ is not dict and not isinstance(
                default_sampling_params, Mapping
            ):
                raise TypeError(
                    f"defaultSamplingParams: expected dict, got {type(default_sampling_params).__name__}"
                )
            try:
                default_sampling_params = LLMSamplingParams.from_dict(default_sampling_params)
            except (TypeError, KeyError) as error:
                raise nested_error(error, "defaultSamplingParams") from None

        max_context_length = get("maxContextLength")
        if max_context_length is not None:
            if max_context_length.__class__ is not int and (
                not isinstance(max_context_length, int) or isinstance(max_context_length, bool)
            ):
                raise TypeError(
                    f"maxContextLength: expected int, got {type(max_context_length).__name__}"
                )

        client_config = get("clientConfig")
        if client_config is not None:
            if client_config.__class__ is not dict and not isinstance(client_config, Mapping):
                raise TypeError(f"clientConfig: expected dict, got {type(client_config).__name__}")
            try:
                client_config = ClientConfig.from_dict(client_config)
            except (TypeError, KeyError) as error:
                raise nested_error(error, "clientConfig") from None

        dashscope_api_dialect = get("dashscopeApiDialect")
        if dashscope_api_dialect is not None:
            if dashscope_api_dialect.__class__ is not str and not isinstance(
                dashscope_api_dialect, str
            ):
                raise TypeError(
                    f"dashscopeApiDialect: expected str, got {type(dashscope_api_dialect).__name__}"
                )
            dashscope_api_dialect = DASH_SCOPE_API_DIALECT_BY_VALUE.get(
                dashscope_api_dialect, dashscope_api_dialect
            )

        owner_id = src_dict["ownerId"]
        if owner_id.__class__ is not str and not isinstance(owner_id, str):
            raise TypeError(f"ownerId: expected str, got {type(owner_id).__name__}")

        created_at = src_dict["createdAt"]
        if created_at.__class__ is not int and (
            not isinstance(created_at, int) or isinstance(created_at, bool)
        ):
            raise TypeError(f"createdAt: expected int, got {type(created_at).__name__}")

        updated_at = src_dict["updatedAt"]
        if updated_at.__class__ is not int and (
            not isinstance(updated_at, int) or isinstance(updated_at, bool)
        ):
            raise TypeError(f"updatedAt: expected int, got {type(updated_at).__name__}")

        created_by_id = src_dict["createdById"]
        if created_by_id.__class__ is not str and not isinstance(created_by_id, str):
            raise TypeError(f"createdById: expected str, got {type(created_by_id).__name__}")

        updated_by_id = src_dict["updatedById"]
        if updated_by_id.__class__ is not str and not isinstance(updated_by_id, str):
            raise TypeError(f"updatedById: expected str, got {type(updated_by_id).__name__}")

        # what the spec does not list; an empty dict (no copy) in the usual case
        d = (
            {}
            if _LLMRESPONSE_FIELDS.issuperset(src_dict)
            else {k: v for k, v in src_dict.items() if k not in _LLMRESPONSE_FIELDS}
        )
        # Built without __init__: the values are already parsed, so its converters have no work.
        result = cls.__new__(cls)
        result.llm_id = llm_id
        result.display_name = display_name
        result.description = description
        result.provider_type = provider_type
        result.endpoint_url = endpoint_url
        result.api_path = api_path
        result.model_identifier = model_identifier
        result.supported_modalities = supported_modalities
        result.credentials = credentials
        result.labels = labels
        result.version = version
        result.monitoring_endpoint = monitoring_endpoint
        result.capabilities = capabilities
        result.default_sampling_params = default_sampling_params
        result.max_context_length = max_context_length
        result.client_config = client_config
        result.dashscope_api_dialect = dashscope_api_dialect
        result.owner_id = owner_id
        result.created_at = created_at
        result.updated_at = updated_at
        result.created_by_id = created_by_id
        result.updated_by_id = updated_by_id
        result.additional_properties = d
        return result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: object) -> bool:
        return key in self.additional_properties


class LLMResponseDict(TypedDict, total=False):
    """LLMResponse as a plain dict: the same fields as snake_case keys, plain values
    (str for enums, dicts for nested models) accepted. For type checkers; the SDK checks
    the values when they are sent."""

    llm_id: Required[str]
    """ The LLM's unique identifier (a UUID). """
    display_name: Required[str]
    """ Name shown to people. """
    description: str | None
    """ Free-text description. """
    provider_type: Required[LLMProviderType | LLMProviderTypeValue]
    """ The kind of service behind the endpoint. CUSTOM_OPENAI_COMPATIBLE covers any other OpenAI-compatible API,
    such as Anthropic's, Google Gemini's or Mistral's. DASHSCOPE is Alibaba Cloud's DashScope (Model Studio), which
    also takes dashscopeApiDialect. """
    endpoint_url: Required[str]
    """ Base URL of the API. """
    api_path: str | None
    """ Path of the chat completions call under endpointUrl. """
    model_identifier: Required[str]
    """ The model's name at the provider. """
    supported_modalities: Required[Sequence[Modality | ModalityValue]]
    """ Content kinds the model accepts. """
    credentials: EndpointAuthentication | EndpointAuthenticationDict | None
    """ How GoodMem authenticates with the upstream provider. `kind` selects the variant: CREDENTIAL_KIND_API_KEY
    uses `apiKey`, CREDENTIAL_KIND_GCP_ADC uses `gcpAdc`. Requests must set `kind` and the matching block. Responses
    are read leniently: a server may omit `kind` or fill both blocks, and every field received is kept. """
    labels: Required[Mapping[str, str]]
    """ String labels by key; at most 20 entries; a key must not be empty. """
    version: str | None
    """ Free-form version information. """
    monitoring_endpoint: str | None
    """ URL where the service's health can be checked. """
    capabilities: Required[LLMCapabilities | LLMCapabilitiesDict]
    """ The features an LLM service supports. """
    default_sampling_params: LLMSamplingParams | LLMSamplingParamsDict | None
    """ Default generation settings sent with each request to the model. """
    max_context_length: int | None
    """ Context window size in tokens. """
    client_config: Mapping[str, Any] | None
    """ Provider-specific client settings, free-form JSON. """
    dashscope_api_dialect: DashScopeApiDialect | DashScopeApiDialectValue | None
    """ The request and response format of a DashScope endpoint. GoodMem uses the same values for LLMs, embedders
    and rerankers; an LLM takes only LLM_NATIVE_TEXT, LLM_NATIVE_MULTIMODAL and OPENAI_COMPATIBLE. """
    owner_id: Required[str]
    """ Owner of the LLM (a UUID). """
    created_at: Required[int]
    """ Creation time in milliseconds since the Unix epoch. """
    updated_at: Required[int]
    """ Last update time in milliseconds since the Unix epoch. """
    created_by_id: Required[str]
    """ Principal that created the LLM (a UUID). """
    updated_by_id: Required[str]
    """ Principal that last updated the LLM (a UUID). """


# Imported after the class, once per process, instead of inside every to_dict/from_dict call:
# the module is already defined here, so import cycles between models are harmless.
from ..models.endpoint_authentication import EndpointAuthentication, EndpointAuthenticationDict  # noqa: E402
from ..models.llm_capabilities import LLMCapabilities, LLMCapabilitiesDict  # noqa: E402
from ..models.llm_sampling_params import LLMSamplingParams, LLMSamplingParamsDict  # noqa: E402
