from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define

from ..models.llm_provider_type import LLMProviderType
from ..models.modality import Modality
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.client_config import ClientConfig
    from ..models.endpoint_authentication import EndpointAuthentication
    from ..models.label_map import LabelMap
    from ..models.llm_capabilities import LLMCapabilities
    from ..models.llm_sampling_params import LLMSamplingParams


T = TypeVar("T", bound="LLMCreationRequest")


@_attrs_define
class LLMCreationRequest:
    """An LLM to register."""

    display_name: str
    """ Name shown to people (1 to 255 characters). """
    model_identifier: str
    """ The model's name at the provider, e.g. `gpt-4o-mini`. """
    description: str | Unset = UNSET
    """ Free-text description. """
    provider_type: LLMProviderType | Unset = UNSET
    """ The kind of service behind the endpoint. CUSTOM_OPENAI_COMPATIBLE covers any other OpenAI-compatible API,
    such as Anthropic's, Google Gemini's or Mistral's. """
    endpoint_url: str | Unset = UNSET
    """ Base URL of the OpenAI-compatible API, usually ending in `/v1`. """
    api_path: str | Unset = UNSET
    """ Path of the chat completions call under endpointUrl (server default `/chat/completions`). """
    supported_modalities: list[Modality] | Unset = UNSET
    """ Content kinds the model accepts (server default `["TEXT"]`). """
    credentials: EndpointAuthentication | Unset = UNSET
    """ How GoodMem authenticates with the upstream provider. `kind` selects the variant: CREDENTIAL_KIND_API_KEY
    uses `apiKey`, CREDENTIAL_KIND_GCP_ADC uses `gcpAdc`. Requests must set `kind` and the matching block. Responses
    are read leniently: a server may omit `kind` or fill both blocks, and every field received is kept. """
    labels: LabelMap | Unset = UNSET
    """ String labels by key; at most 20 entries. """
    version: str | Unset = UNSET
    """ Free-form version information. """
    monitoring_endpoint: str | Unset = UNSET
    """ URL where the service's health can be checked. """
    capabilities: LLMCapabilities | Unset = UNSET
    """ The features an LLM service supports. """
    default_sampling_params: LLMSamplingParams | Unset = UNSET
    """ Default generation settings sent with each request to the model. """
    max_context_length: int | Unset = UNSET
    """ Context window size in tokens. """
    client_config: ClientConfig | Unset = UNSET
    """ Provider-specific client settings, free-form JSON. """
    owner_id: str | Unset = UNSET
    """ Owner to create the LLM for (a UUID). Defaults to the caller; setting it needs CREATE_LLM_ANY permission.
    """
    llm_id: str | Unset = UNSET
    """ Client-chosen id (a UUID) that makes the create idempotent; the server generates one when omitted and
    answers 409 when it is taken. """
    __constraints__: ClassVar[dict[str, dict[str, Any]]] = {
        "display_name": {"maxLength": 255, "minLength": 1},
        "llm_id": {
            "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
        },
        "max_context_length": {"minimum": 1.0},
        "model_identifier": {"minLength": 1},
        "owner_id": {
            "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
        },
    }
    """ Validation limits from openapi.yaml by attribute ("" for the object itself). """

    def to_dict(self) -> dict[str, Any]:
        display_name = self.display_name

        model_identifier = self.model_identifier

        description = self.description

        provider_type: str | Unset = UNSET
        if not isinstance(self.provider_type, Unset):
            provider_type = self.provider_type.value

        endpoint_url = self.endpoint_url

        api_path = self.api_path

        supported_modalities: list[str] | Unset = UNSET
        if not isinstance(self.supported_modalities, Unset):
            supported_modalities = []
            for supported_modalities_item_data in self.supported_modalities:
                supported_modalities_item = supported_modalities_item_data.value
                supported_modalities.append(supported_modalities_item)

        credentials: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credentials, Unset):
            credentials = self.credentials.to_dict()

        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        version = self.version

        monitoring_endpoint = self.monitoring_endpoint

        capabilities: dict[str, Any] | Unset = UNSET
        if not isinstance(self.capabilities, Unset):
            capabilities = self.capabilities.to_dict()

        default_sampling_params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.default_sampling_params, Unset):
            default_sampling_params = self.default_sampling_params.to_dict()

        max_context_length = self.max_context_length

        client_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.client_config, Unset):
            client_config = self.client_config.to_dict()

        owner_id = self.owner_id

        llm_id = self.llm_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "displayName": display_name,
                "modelIdentifier": model_identifier,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if provider_type is not UNSET:
            field_dict["providerType"] = provider_type
        if endpoint_url is not UNSET:
            field_dict["endpointUrl"] = endpoint_url
        if api_path is not UNSET:
            field_dict["apiPath"] = api_path
        if supported_modalities is not UNSET:
            field_dict["supportedModalities"] = supported_modalities
        if credentials is not UNSET:
            field_dict["credentials"] = credentials
        if labels is not UNSET:
            field_dict["labels"] = labels
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
        if owner_id is not UNSET:
            field_dict["ownerId"] = owner_id
        if llm_id is not UNSET:
            field_dict["llmId"] = llm_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        display_name = d.pop("displayName")
        if not isinstance(display_name, str):
            raise TypeError(f"displayName: expected str, got {type(display_name).__name__}")

        model_identifier = d.pop("modelIdentifier")
        if not isinstance(model_identifier, str):
            raise TypeError(f"modelIdentifier: expected str, got {type(model_identifier).__name__}")

        description = d.pop("description", UNSET)
        if description is not UNSET and (not isinstance(description, str)):
            raise TypeError(f"description: expected str, got {type(description).__name__}")

        _provider_type = d.pop("providerType", UNSET)
        provider_type: LLMProviderType | Unset
        if isinstance(_provider_type, Unset):
            provider_type = UNSET
        else:
            provider_type = LLMProviderType(_provider_type)

        endpoint_url = d.pop("endpointUrl", UNSET)
        if endpoint_url is not UNSET and (not isinstance(endpoint_url, str)):
            raise TypeError(f"endpointUrl: expected str, got {type(endpoint_url).__name__}")

        api_path = d.pop("apiPath", UNSET)
        if api_path is not UNSET and (not isinstance(api_path, str)):
            raise TypeError(f"apiPath: expected str, got {type(api_path).__name__}")

        _supported_modalities = d.pop("supportedModalities", UNSET)
        supported_modalities: list[Modality] | Unset = UNSET
        if _supported_modalities is not UNSET:
            supported_modalities = []
            for supported_modalities_item_data in _supported_modalities:
                supported_modalities_item = Modality(supported_modalities_item_data)

                supported_modalities.append(supported_modalities_item)

        _credentials = d.pop("credentials", UNSET)
        credentials: EndpointAuthentication | Unset
        if isinstance(_credentials, Unset):
            credentials = UNSET
        else:
            credentials = EndpointAuthentication.from_dict(_credentials)

        _labels = d.pop("labels", UNSET)
        labels: LabelMap | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = LabelMap.from_dict(_labels)

        version = d.pop("version", UNSET)
        if version is not UNSET and (not isinstance(version, str)):
            raise TypeError(f"version: expected str, got {type(version).__name__}")

        monitoring_endpoint = d.pop("monitoringEndpoint", UNSET)
        if monitoring_endpoint is not UNSET and (not isinstance(monitoring_endpoint, str)):
            raise TypeError(
                f"monitoringEndpoint: expected str, got {type(monitoring_endpoint).__name__}"
            )

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

        owner_id = d.pop("ownerId", UNSET)
        if owner_id is not UNSET and (not isinstance(owner_id, str)):
            raise TypeError(f"ownerId: expected str, got {type(owner_id).__name__}")

        llm_id = d.pop("llmId", UNSET)
        if llm_id is not UNSET and (not isinstance(llm_id, str)):
            raise TypeError(f"llmId: expected str, got {type(llm_id).__name__}")

        llm_creation_request = cls(
            display_name=display_name,
            model_identifier=model_identifier,
            description=description,
            provider_type=provider_type,
            endpoint_url=endpoint_url,
            api_path=api_path,
            supported_modalities=supported_modalities,
            credentials=credentials,
            labels=labels,
            version=version,
            monitoring_endpoint=monitoring_endpoint,
            capabilities=capabilities,
            default_sampling_params=default_sampling_params,
            max_context_length=max_context_length,
            client_config=client_config,
            owner_id=owner_id,
            llm_id=llm_id,
        )

        return llm_creation_request


# Imported after the class, once per process, instead of inside every to_dict/from_dict call:
# the module is already defined here, so import cycles between models are harmless.
from ..models.client_config import ClientConfig  # noqa: E402
from ..models.endpoint_authentication import EndpointAuthentication  # noqa: E402
from ..models.label_map import LabelMap  # noqa: E402
from ..models.llm_capabilities import LLMCapabilities  # noqa: E402
from ..models.llm_sampling_params import LLMSamplingParams  # noqa: E402
