from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.llm_provider_type import LLMProviderType
from ..models.modality import Modality
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.client_config import ClientConfig
    from ..models.endpoint_authentication import EndpointAuthentication
    from ..models.label_map import LabelMap
    from ..models.llm_capabilities import LLMCapabilities
    from ..models.llm_sampling_params import LLMSamplingParams


T = TypeVar("T", bound="LLMResponse")


@_attrs_define
class LLMResponse:
    """An LLM configuration as stored by the server."""

    llm_id: str
    """ The LLM's unique identifier (a UUID). """
    display_name: str
    """ Name shown to people. """
    provider_type: LLMProviderType
    """ The kind of service behind the endpoint. CUSTOM_OPENAI_COMPATIBLE covers any other OpenAI-compatible API,
    such as Anthropic's, Google Gemini's or Mistral's. """
    endpoint_url: str
    """ Base URL of the API. """
    model_identifier: str
    """ The model's name at the provider. """
    supported_modalities: list[Modality]
    """ Content kinds the model accepts. """
    labels: LabelMap
    """ String labels by key; at most 20 entries. """
    capabilities: LLMCapabilities
    """ The features an LLM service supports. """
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
    description: str | Unset = UNSET
    """ Free-text description. """
    api_path: str | Unset = UNSET
    """ Path of the chat completions call under endpointUrl. """
    credentials: EndpointAuthentication | Unset = UNSET
    """ How GoodMem authenticates with the upstream provider. `kind` selects the variant: CREDENTIAL_KIND_API_KEY
    uses `apiKey`, CREDENTIAL_KIND_GCP_ADC uses `gcpAdc`. Requests must set `kind` and the matching block. Responses
    are read leniently: a server may omit `kind` or fill both blocks, and every field received is kept. """
    version: str | Unset = UNSET
    """ Free-form version information. """
    monitoring_endpoint: str | Unset = UNSET
    """ URL where the service's health can be checked. """
    default_sampling_params: LLMSamplingParams | Unset = UNSET
    """ Default generation settings sent with each request to the model. """
    max_context_length: int | Unset = UNSET
    """ Context window size in tokens. """
    client_config: ClientConfig | Unset = UNSET
    """ Provider-specific client settings, free-form JSON. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        llm_id = self.llm_id

        display_name = self.display_name

        provider_type = self.provider_type.value

        endpoint_url = self.endpoint_url

        model_identifier = self.model_identifier

        supported_modalities = []
        for supported_modalities_item_data in self.supported_modalities:
            supported_modalities_item = supported_modalities_item_data.value
            supported_modalities.append(supported_modalities_item)

        labels = self.labels.to_dict()

        capabilities = self.capabilities.to_dict()

        owner_id = self.owner_id

        created_at = self.created_at

        updated_at = self.updated_at

        created_by_id = self.created_by_id

        updated_by_id = self.updated_by_id

        description = self.description

        api_path = self.api_path

        credentials: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credentials, Unset):
            credentials = self.credentials.to_dict()

        version = self.version

        monitoring_endpoint = self.monitoring_endpoint

        default_sampling_params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.default_sampling_params, Unset):
            default_sampling_params = self.default_sampling_params.to_dict()

        max_context_length = self.max_context_length

        client_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.client_config, Unset):
            client_config = self.client_config.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "llmId": llm_id,
                "displayName": display_name,
                "providerType": provider_type,
                "endpointUrl": endpoint_url,
                "modelIdentifier": model_identifier,
                "supportedModalities": supported_modalities,
                "labels": labels,
                "capabilities": capabilities,
                "ownerId": owner_id,
                "createdAt": created_at,
                "updatedAt": updated_at,
                "createdById": created_by_id,
                "updatedById": updated_by_id,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if api_path is not UNSET:
            field_dict["apiPath"] = api_path
        if credentials is not UNSET:
            field_dict["credentials"] = credentials
        if version is not UNSET:
            field_dict["version"] = version
        if monitoring_endpoint is not UNSET:
            field_dict["monitoringEndpoint"] = monitoring_endpoint
        if default_sampling_params is not UNSET:
            field_dict["defaultSamplingParams"] = default_sampling_params
        if max_context_length is not UNSET:
            field_dict["maxContextLength"] = max_context_length
        if client_config is not UNSET:
            field_dict["clientConfig"] = client_config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        llm_id = d.pop("llmId")
        if not isinstance(llm_id, str):
            raise TypeError(f"llmId: expected str, got {type(llm_id).__name__}")

        display_name = d.pop("displayName")
        if not isinstance(display_name, str):
            raise TypeError(f"displayName: expected str, got {type(display_name).__name__}")

        provider_type = LLMProviderType(d.pop("providerType"))

        endpoint_url = d.pop("endpointUrl")
        if not isinstance(endpoint_url, str):
            raise TypeError(f"endpointUrl: expected str, got {type(endpoint_url).__name__}")

        model_identifier = d.pop("modelIdentifier")
        if not isinstance(model_identifier, str):
            raise TypeError(f"modelIdentifier: expected str, got {type(model_identifier).__name__}")

        supported_modalities = []
        _supported_modalities = d.pop("supportedModalities")
        for supported_modalities_item_data in _supported_modalities:
            supported_modalities_item = Modality(supported_modalities_item_data)

            supported_modalities.append(supported_modalities_item)

        labels = LabelMap.from_dict(d.pop("labels"))

        capabilities = LLMCapabilities.from_dict(d.pop("capabilities"))

        owner_id = d.pop("ownerId")
        if not isinstance(owner_id, str):
            raise TypeError(f"ownerId: expected str, got {type(owner_id).__name__}")

        created_at = d.pop("createdAt")
        if not isinstance(created_at, int) or isinstance(created_at, bool):
            raise TypeError(f"createdAt: expected int, got {type(created_at).__name__}")

        updated_at = d.pop("updatedAt")
        if not isinstance(updated_at, int) or isinstance(updated_at, bool):
            raise TypeError(f"updatedAt: expected int, got {type(updated_at).__name__}")

        created_by_id = d.pop("createdById")
        if not isinstance(created_by_id, str):
            raise TypeError(f"createdById: expected str, got {type(created_by_id).__name__}")

        updated_by_id = d.pop("updatedById")
        if not isinstance(updated_by_id, str):
            raise TypeError(f"updatedById: expected str, got {type(updated_by_id).__name__}")

        description = d.pop("description", UNSET)
        if description is not UNSET and (not isinstance(description, str)):
            raise TypeError(f"description: expected str, got {type(description).__name__}")

        api_path = d.pop("apiPath", UNSET)
        if api_path is not UNSET and (not isinstance(api_path, str)):
            raise TypeError(f"apiPath: expected str, got {type(api_path).__name__}")

        _credentials = d.pop("credentials", UNSET)
        credentials: EndpointAuthentication | Unset
        if isinstance(_credentials, Unset):
            credentials = UNSET
        else:
            credentials = EndpointAuthentication.from_dict(_credentials)

        version = d.pop("version", UNSET)
        if version is not UNSET and (not isinstance(version, str)):
            raise TypeError(f"version: expected str, got {type(version).__name__}")

        monitoring_endpoint = d.pop("monitoringEndpoint", UNSET)
        if monitoring_endpoint is not UNSET and (not isinstance(monitoring_endpoint, str)):
            raise TypeError(
                f"monitoringEndpoint: expected str, got {type(monitoring_endpoint).__name__}"
            )

        _default_sampling_params = d.pop("defaultSamplingParams", UNSET)
        default_sampling_params: LLMSamplingParams | Unset
        if isinstance(_default_sampling_params, Unset):
            default_sampling_params = UNSET
        else:
            default_sampling_params = LLMSamplingParams.from_dict(_default_sampling_params)

        max_context_length = d.pop("maxContextLength", UNSET)
        if max_context_length is not UNSET and (
            not isinstance(max_context_length, int) or isinstance(max_context_length, bool)
        ):
            raise TypeError(
                f"maxContextLength: expected int, got {type(max_context_length).__name__}"
            )

        _client_config = d.pop("clientConfig", UNSET)
        client_config: ClientConfig | Unset
        if isinstance(_client_config, Unset):
            client_config = UNSET
        else:
            client_config = ClientConfig.from_dict(_client_config)

        llm_response = cls(
            llm_id=llm_id,
            display_name=display_name,
            provider_type=provider_type,
            endpoint_url=endpoint_url,
            model_identifier=model_identifier,
            supported_modalities=supported_modalities,
            labels=labels,
            capabilities=capabilities,
            owner_id=owner_id,
            created_at=created_at,
            updated_at=updated_at,
            created_by_id=created_by_id,
            updated_by_id=updated_by_id,
            description=description,
            api_path=api_path,
            credentials=credentials,
            version=version,
            monitoring_endpoint=monitoring_endpoint,
            default_sampling_params=default_sampling_params,
            max_context_length=max_context_length,
            client_config=client_config,
        )

        llm_response.additional_properties = d
        return llm_response

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


# Imported after the class, once per process, instead of inside every to_dict/from_dict call:
# the module is already defined here, so import cycles between models are harmless.
from ..models.client_config import ClientConfig  # noqa: E402
from ..models.endpoint_authentication import EndpointAuthentication  # noqa: E402
from ..models.label_map import LabelMap  # noqa: E402
from ..models.llm_capabilities import LLMCapabilities  # noqa: E402
from ..models.llm_sampling_params import LLMSamplingParams  # noqa: E402
