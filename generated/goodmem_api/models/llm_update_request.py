from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

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
from ..models.label_map import LabelMap, as_label_map_or_none
from ..models.modality import MODALITY_BY_VALUE, Modality, ModalityValue, as_modality_list_or_none
from ..types import TypedDict, model_repr, model_to_json, nested_error

if TYPE_CHECKING:
    from ..models.endpoint_authentication import EndpointAuthentication, EndpointAuthenticationDict
    from ..models.llm_capabilities import LLMCapabilities, LLMCapabilitiesDict
    from ..models.llm_sampling_params import LLMSamplingParams, LLMSamplingParamsDict


T = TypeVar("T", bound="LLMUpdateRequest")


@_attrs_define(kw_only=True, repr=False, on_setattr=_attrs_setters.NO_OP)
class LLMUpdateRequest:
    """Fields to change on an LLM; omitted fields stay as they are. replaceLabels and mergeLabels cannot be combined."""

    display_name: str | None = None
    """ New display name (1 to 255 characters). """
    description: str | None = None
    """ New description. """
    endpoint_url: str | None = None
    """ New endpoint base URL. """
    api_path: str | None = None
    """ New API path. """
    model_identifier: str | None = None
    """ New model identifier (not empty). """
    supported_modalities: list[Modality | str] | None = _attrs_field(
        default=None, converter=as_modality_list_or_none
    )
    """ Replaces the stored modalities when it has at least one element; an empty list changes nothing. """
    credentials: EndpointAuthentication | None = None
    """ How GoodMem authenticates with the upstream provider. `kind` selects the variant: CREDENTIAL_KIND_API_KEY
    uses `apiKey`, CREDENTIAL_KIND_GCP_ADC uses `gcpAdc`. Requests must set `kind` and the matching block. Responses
    are read leniently: a server may omit `kind` or fill both blocks, and every field received is kept. """
    version: str | None = None
    """ New version information. """
    monitoring_endpoint: str | None = None
    """ New monitoring endpoint URL. """
    capabilities: LLMCapabilities | None = None
    """ The features an LLM service supports. """
    default_sampling_params: LLMSamplingParams | None = None
    """ Default generation settings sent with each request to the model. """
    max_context_length: int | None = None
    """ New context window size in tokens. """
    client_config: ClientConfig | None = _attrs_field(
        default=None, converter=as_client_config_or_none
    )
    """ Provider-specific client settings, free-form JSON. """
    replace_labels: LabelMap | None = _attrs_field(default=None, converter=as_label_map_or_none)
    """ String labels by key; at most 20 entries; a key must not be empty. """
    merge_labels: LabelMap | None = _attrs_field(default=None, converter=as_label_map_or_none)
    """ String labels by key; at most 20 entries; a key must not be empty. """
    dashscope_api_dialect: DashScopeApiDialect | str | None = _attrs_field(
        default=None, converter=as_dash_scope_api_dialect_or_none
    )
    """ The request and response format of a DashScope endpoint. GoodMem uses the same values for LLMs, embedders
    and rerankers; an LLM takes only LLM_NATIVE_TEXT, LLM_NATIVE_MULTIMODAL and OPENAI_COMPATIBLE. """
    __constraints__: ClassVar[dict[str, dict[str, Any]]] = {
        "dashscope_api_dialect": {
            "enum": ["LLM_NATIVE_TEXT", "LLM_NATIVE_MULTIMODAL", "OPENAI_COMPATIBLE"]
        },
        "display_name": {"maxLength": 255, "minLength": 1},
        "max_context_length": {"minimum": 1.0},
        "model_identifier": {"minLength": 1},
    }
    """ Validation limits from openapi.yaml by attribute ("" for the object itself). """

    __repr__ = model_repr
    to_json = model_to_json

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data (camelCase keys); fields that are None are left out."""
        field_dict: dict[str, Any] = {}
        if self.display_name is not None:
            field_dict["displayName"] = self.display_name
        if self.description is not None:
            field_dict["description"] = self.description
        if self.endpoint_url is not None:
            field_dict["endpointUrl"] = self.endpoint_url
        if self.api_path is not None:
            field_dict["apiPath"] = self.api_path
        if self.model_identifier is not None:
            field_dict["modelIdentifier"] = self.model_identifier
        if self.supported_modalities is not None:
            field_dict["supportedModalities"] = [
                item.value if isinstance(item, Modality) else item
                for item in self.supported_modalities
            ]
        if self.credentials is not None:
            field_dict["credentials"] = self.credentials.to_dict()
        if self.version is not None:
            field_dict["version"] = self.version
        if self.monitoring_endpoint is not None:
            field_dict["monitoringEndpoint"] = self.monitoring_endpoint
        if self.capabilities is not None:
            field_dict["capabilities"] = self.capabilities.to_dict()
        if self.default_sampling_params is not None:
            field_dict["defaultSamplingParams"] = self.default_sampling_params.to_dict()
        if self.max_context_length is not None:
            field_dict["maxContextLength"] = self.max_context_length
        if self.client_config is not None:
            field_dict["clientConfig"] = self.client_config.to_dict()
        if self.replace_labels is not None:
            field_dict["replaceLabels"] = self.replace_labels.to_dict()
        if self.merge_labels is not None:
            field_dict["mergeLabels"] = self.merge_labels.to_dict()
        if self.dashscope_api_dialect is not None:
            field_dict["dashscopeApiDialect"] = (
                self.dashscope_api_dialect.value
                if isinstance(self.dashscope_api_dialect, DashScopeApiDialect)
                else self.dashscope_api_dialect
            )
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read JSON data (camelCase keys), tolerating what a newer server may send.

        A null reads like an absent field; enum values the spec doesn't list stay plain str;
        fields it doesn't list are ignored. Raises KeyError(<path>) for a
        missing required field and TypeError("<path>: expected <type>, got <type>") for a
        value of the wrong JSON type, the path naming where it is (`llms[3].labels`).
        """
        get = src_dict.get
        display_name = get("displayName")
        if display_name is not None:
            if display_name.__class__ is not str and not isinstance(display_name, str):
                raise TypeError(f"displayName: expected str, got {type(display_name).__name__}")

        description = get("description")
        if description is not None:
            if description.__class__ is not str and not isinstance(description, str):
                raise TypeError(f"description: expected str, got {type(description).__name__}")

        endpoint_url = get("endpointUrl")
        if endpoint_url is not None:
            if endpoint_url.__class__ is not str and not isinstance(endpoint_url, str):
                raise TypeError(f"endpointUrl: expected str, got {type(endpoint_url).__name__}")

        api_path = get("apiPath")
        if api_path is not None:
            if api_path.__class__ is not str and not isinstance(api_path, str):
                raise TypeError(f"apiPath: expected str, got {type(api_path).__name__}")

        model_identifier = get("modelIdentifier")
        if model_identifier is not None:
            if model_identifier.__class__ is not str and not isinstance(model_identifier, str):
                raise TypeError(
                    f"modelIdentifier: expected str, got {type(model_identifier).__name__}"
                )

        supported_modalities = get("supportedModalities")
        if supported_modalities is not None:
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

        capabilities = get("capabilities")
        if capabilities is not None:
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

        replace_labels = get("replaceLabels")
        if replace_labels is not None:
            if replace_labels.__class__ is not dict and not isinstance(replace_labels, Mapping):
                raise TypeError(
                    f"replaceLabels: expected dict, got {type(replace_labels).__name__}"
                )
            try:
                replace_labels = LabelMap.from_dict(replace_labels)
            except (TypeError, KeyError) as error:
                raise nested_error(error, "replaceLabels") from None

        merge_labels = get("mergeLabels")
        if merge_labels is not None:
            if merge_labels.__class__ is not dict and not isinstance(merge_labels, Mapping):
                raise TypeError(f"mergeLabels: expected dict, got {type(merge_labels).__name__}")
            try:
                merge_labels = LabelMap.from_dict(merge_labels)
            except (TypeError, KeyError) as error:
                raise nested_error(error, "mergeLabels") from None

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

        # Built without __init__: the values are already parsed, so its converters have no work.
        result = cls.__new__(cls)
        result.display_name = display_name
        result.description = description
        result.endpoint_url = endpoint_url
        result.api_path = api_path
        result.model_identifier = model_identifier
        result.supported_modalities = supported_modalities
        result.credentials = credentials
        result.version = version
        result.monitoring_endpoint = monitoring_endpoint
        result.capabilities = capabilities
        result.default_sampling_params = default_sampling_params
        result.max_context_length = max_context_length
        result.client_config = client_config
        result.replace_labels = replace_labels
        result.merge_labels = merge_labels
        result.dashscope_api_dialect = dashscope_api_dialect
        return result


class LLMUpdateRequestDict(TypedDict, total=False):
    """LLMUpdateRequest as a plain dict: the same fields as snake_case keys, plain values
    (str for enums, dicts for nested models) accepted. For type checkers; the SDK checks
    the values when they are sent."""

    display_name: str | None
    """ New display name (1 to 255 characters). """
    description: str | None
    """ New description. """
    endpoint_url: str | None
    """ New endpoint base URL. """
    api_path: str | None
    """ New API path. """
    model_identifier: str | None
    """ New model identifier (not empty). """
    supported_modalities: Sequence[Modality | ModalityValue] | None
    """ Replaces the stored modalities when it has at least one element; an empty list changes nothing. """
    credentials: EndpointAuthentication | EndpointAuthenticationDict | None
    """ How GoodMem authenticates with the upstream provider. `kind` selects the variant: CREDENTIAL_KIND_API_KEY
    uses `apiKey`, CREDENTIAL_KIND_GCP_ADC uses `gcpAdc`. Requests must set `kind` and the matching block. Responses
    are read leniently: a server may omit `kind` or fill both blocks, and every field received is kept. """
    version: str | None
    """ New version information. """
    monitoring_endpoint: str | None
    """ New monitoring endpoint URL. """
    capabilities: LLMCapabilities | LLMCapabilitiesDict | None
    """ The features an LLM service supports. """
    default_sampling_params: LLMSamplingParams | LLMSamplingParamsDict | None
    """ Default generation settings sent with each request to the model. """
    max_context_length: int | None
    """ New context window size in tokens. """
    client_config: Mapping[str, Any] | None
    """ Provider-specific client settings, free-form JSON. """
    replace_labels: Mapping[str, str] | None
    """ String labels by key; at most 20 entries; a key must not be empty. """
    merge_labels: Mapping[str, str] | None
    """ String labels by key; at most 20 entries; a key must not be empty. """
    dashscope_api_dialect: DashScopeApiDialect | DashScopeApiDialectValue | None
    """ The request and response format of a DashScope endpoint. GoodMem uses the same values for LLMs, embedders
    and rerankers; an LLM takes only LLM_NATIVE_TEXT, LLM_NATIVE_MULTIMODAL and OPENAI_COMPATIBLE. """


# Imported after the class, once per process, instead of inside every to_dict/from_dict call:
# the module is already defined here, so import cycles between models are harmless.
from ..models.endpoint_authentication import EndpointAuthentication, EndpointAuthenticationDict  # noqa: E402
from ..models.llm_capabilities import LLMCapabilities, LLMCapabilitiesDict  # noqa: E402
from ..models.llm_sampling_params import LLMSamplingParams, LLMSamplingParamsDict  # noqa: E402
