from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define

from ..models.modality import Modality
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.client_config import ClientConfig
    from ..models.endpoint_authentication import EndpointAuthentication
    from ..models.label_map import LabelMap
    from ..models.llm_capabilities import LLMCapabilities
    from ..models.llm_sampling_params import LLMSamplingParams


T = TypeVar("T", bound="LLMUpdateRequest")


@_attrs_define
class LLMUpdateRequest:
    """Fields to change on an LLM; omitted fields stay as they are. replaceLabels and mergeLabels cannot be combined."""

    display_name: None | str | Unset = UNSET
    """ New display name (1 to 255 characters). """
    description: None | str | Unset = UNSET
    """ New description. """
    endpoint_url: None | str | Unset = UNSET
    """ New endpoint base URL. """
    api_path: None | str | Unset = UNSET
    """ New API path. """
    model_identifier: None | str | Unset = UNSET
    """ New model identifier (not empty). """
    supported_modalities: list[Modality] | None | Unset = UNSET
    """ Replaces the stored modalities when it has at least one element; an empty list changes nothing. """
    credentials: EndpointAuthentication | Unset = UNSET
    """ How GoodMem authenticates with the upstream provider. `kind` selects the variant: CREDENTIAL_KIND_API_KEY
    uses `apiKey`, CREDENTIAL_KIND_GCP_ADC uses `gcpAdc`. Requests must set `kind` and the matching block. Responses
    are read leniently: a server may omit `kind` or fill both blocks, and every field received is kept. """
    version: None | str | Unset = UNSET
    """ New version information. """
    monitoring_endpoint: None | str | Unset = UNSET
    """ New monitoring endpoint URL. """
    capabilities: LLMCapabilities | Unset = UNSET
    """ The features an LLM service supports. """
    default_sampling_params: LLMSamplingParams | Unset = UNSET
    """ Default generation settings sent with each request to the model. """
    max_context_length: int | None | Unset = UNSET
    """ New context window size in tokens. """
    client_config: ClientConfig | Unset = UNSET
    """ Provider-specific client settings, free-form JSON. """
    replace_labels: LabelMap | Unset = UNSET
    """ String labels by key; at most 20 entries. """
    merge_labels: LabelMap | Unset = UNSET
    """ String labels by key; at most 20 entries. """
    __constraints__: ClassVar[dict[str, dict[str, Any]]] = {
        "display_name": {"maxLength": 255, "minLength": 1},
        "max_context_length": {"minimum": 1.0},
        "model_identifier": {"minLength": 1},
    }
    """ Validation limits from openapi.yaml by attribute ("" for the object itself). """

    def to_dict(self) -> dict[str, Any]:
        display_name: None | str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        endpoint_url: None | str | Unset
        if isinstance(self.endpoint_url, Unset):
            endpoint_url = UNSET
        else:
            endpoint_url = self.endpoint_url

        api_path: None | str | Unset
        if isinstance(self.api_path, Unset):
            api_path = UNSET
        else:
            api_path = self.api_path

        model_identifier: None | str | Unset
        if isinstance(self.model_identifier, Unset):
            model_identifier = UNSET
        else:
            model_identifier = self.model_identifier

        supported_modalities: list[str] | None | Unset
        if isinstance(self.supported_modalities, Unset):
            supported_modalities = UNSET
        elif isinstance(self.supported_modalities, list):
            supported_modalities = []
            for supported_modalities_type_0_item_data in self.supported_modalities:
                supported_modalities_type_0_item = supported_modalities_type_0_item_data.value
                supported_modalities.append(supported_modalities_type_0_item)

        else:
            supported_modalities = self.supported_modalities

        credentials: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credentials, Unset):
            credentials = self.credentials.to_dict()

        version: None | str | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        monitoring_endpoint: None | str | Unset
        if isinstance(self.monitoring_endpoint, Unset):
            monitoring_endpoint = UNSET
        else:
            monitoring_endpoint = self.monitoring_endpoint

        capabilities: dict[str, Any] | Unset = UNSET
        if not isinstance(self.capabilities, Unset):
            capabilities = self.capabilities.to_dict()

        default_sampling_params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.default_sampling_params, Unset):
            default_sampling_params = self.default_sampling_params.to_dict()

        max_context_length: int | None | Unset
        if isinstance(self.max_context_length, Unset):
            max_context_length = UNSET
        else:
            max_context_length = self.max_context_length

        client_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.client_config, Unset):
            client_config = self.client_config.to_dict()

        replace_labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.replace_labels, Unset):
            replace_labels = self.replace_labels.to_dict()

        merge_labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.merge_labels, Unset):
            merge_labels = self.merge_labels.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if display_name is not UNSET:
            field_dict["displayName"] = display_name
        if description is not UNSET:
            field_dict["description"] = description
        if endpoint_url is not UNSET:
            field_dict["endpointUrl"] = endpoint_url
        if api_path is not UNSET:
            field_dict["apiPath"] = api_path
        if model_identifier is not UNSET:
            field_dict["modelIdentifier"] = model_identifier
        if supported_modalities is not UNSET:
            field_dict["supportedModalities"] = supported_modalities
        if credentials is not UNSET:
            field_dict["credentials"] = credentials
        if version is not UNSET:
            field_dict["version"] = version
        if monitoring_endpoint is not UNSET:
            field_dict["monitoringEndpoint"] = monitoring_endpoint
        if capabilities is not UNSET:
            field_dict["capabilities"] = capabilities
        if default_sampling_params is not UNSET:
            field_dict["defaultSamplingParams"] = default_sampling_params
        if max_context_length is not UNSET:
            field_dict["maxContextLength"] = max_context_length
        if client_config is not UNSET:
            field_dict["clientConfig"] = client_config
        if replace_labels is not UNSET:
            field_dict["replaceLabels"] = replace_labels
        if merge_labels is not UNSET:
            field_dict["mergeLabels"] = merge_labels

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_name = _parse_display_name(d.pop("displayName", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_endpoint_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        endpoint_url = _parse_endpoint_url(d.pop("endpointUrl", UNSET))

        def _parse_api_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        api_path = _parse_api_path(d.pop("apiPath", UNSET))

        def _parse_model_identifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_identifier = _parse_model_identifier(d.pop("modelIdentifier", UNSET))

        def _parse_supported_modalities(data: object) -> list[Modality] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                supported_modalities_type_0 = []
                _supported_modalities_type_0 = data
                for supported_modalities_type_0_item_data in _supported_modalities_type_0:
                    supported_modalities_type_0_item = Modality(
                        supported_modalities_type_0_item_data
                    )

                    supported_modalities_type_0.append(supported_modalities_type_0_item)

                return supported_modalities_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Modality] | None | Unset, data)

        supported_modalities = _parse_supported_modalities(d.pop("supportedModalities", UNSET))

        _credentials = d.pop("credentials", UNSET)
        credentials: EndpointAuthentication | Unset
        if isinstance(_credentials, Unset):
            credentials = UNSET
        else:
            credentials = EndpointAuthentication.from_dict(_credentials)

        def _parse_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        def _parse_monitoring_endpoint(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        monitoring_endpoint = _parse_monitoring_endpoint(d.pop("monitoringEndpoint", UNSET))

        _capabilities = d.pop("capabilities", UNSET)
        capabilities: LLMCapabilities | Unset
        if isinstance(_capabilities, Unset):
            capabilities = UNSET
        else:
            capabilities = LLMCapabilities.from_dict(_capabilities)

        _default_sampling_params = d.pop("defaultSamplingParams", UNSET)
        default_sampling_params: LLMSamplingParams | Unset
        if isinstance(_default_sampling_params, Unset):
            default_sampling_params = UNSET
        else:
            default_sampling_params = LLMSamplingParams.from_dict(_default_sampling_params)

        def _parse_max_context_length(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_context_length = _parse_max_context_length(d.pop("maxContextLength", UNSET))

        _client_config = d.pop("clientConfig", UNSET)
        client_config: ClientConfig | Unset
        if isinstance(_client_config, Unset):
            client_config = UNSET
        else:
            client_config = ClientConfig.from_dict(_client_config)

        _replace_labels = d.pop("replaceLabels", UNSET)
        replace_labels: LabelMap | Unset
        if isinstance(_replace_labels, Unset):
            replace_labels = UNSET
        else:
            replace_labels = LabelMap.from_dict(_replace_labels)

        _merge_labels = d.pop("mergeLabels", UNSET)
        merge_labels: LabelMap | Unset
        if isinstance(_merge_labels, Unset):
            merge_labels = UNSET
        else:
            merge_labels = LabelMap.from_dict(_merge_labels)

        llm_update_request = cls(
            display_name=display_name,
            description=description,
            endpoint_url=endpoint_url,
            api_path=api_path,
            model_identifier=model_identifier,
            supported_modalities=supported_modalities,
            credentials=credentials,
            version=version,
            monitoring_endpoint=monitoring_endpoint,
            capabilities=capabilities,
            default_sampling_params=default_sampling_params,
            max_context_length=max_context_length,
            client_config=client_config,
            replace_labels=replace_labels,
            merge_labels=merge_labels,
        )

        return llm_update_request


# Imported after the class, once per process, instead of inside every to_dict/from_dict call:
# the module is already defined here, so import cycles between models are harmless.
from ..models.client_config import ClientConfig  # noqa: E402
from ..models.endpoint_authentication import EndpointAuthentication  # noqa: E402
from ..models.label_map import LabelMap  # noqa: E402
from ..models.llm_capabilities import LLMCapabilities  # noqa: E402
from ..models.llm_sampling_params import LLMSamplingParams  # noqa: E402
