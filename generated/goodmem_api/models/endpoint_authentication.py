from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.credential_kind import CredentialKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.api_key_auth import ApiKeyAuth
    from ..models.endpoint_authentication_labels import EndpointAuthenticationLabels
    from ..models.gcp_adc_auth import GcpAdcAuth


T = TypeVar("T", bound="EndpointAuthentication")


@_attrs_define
class EndpointAuthentication:
    """How GoodMem authenticates with the upstream provider. `kind` selects the variant: CREDENTIAL_KIND_API_KEY uses
    `apiKey`, CREDENTIAL_KIND_GCP_ADC uses `gcpAdc`. Requests must set `kind` and the matching block. Responses are read
    leniently: a server may omit `kind` or fill both blocks, and every field received is kept.

    """

    kind: CredentialKind | Unset = UNSET
    """ Which authentication strategy a credentials object uses. """
    api_key: ApiKeyAuth | Unset = UNSET
    """ How to send an API key upstream. Give the key inline (inlineSecret) or as a reference (secretRef).
    headerName and prefix shape the header, e.g. `Authorization: Bearer <key>`. """
    gcp_adc: GcpAdcAuth | Unset = UNSET
    """ Authenticate with Google Cloud Application Default Credentials. """
    labels: EndpointAuthenticationLabels | Unset = UNSET
    """ Operator annotations (e.g. `owner=vertex`); at most 20 entries. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    __constraints__: ClassVar[dict[str, dict[str, Any]]] = {
        "labels": {"maxProperties": 20},
    }
    """ Validation limits from openapi.yaml by attribute ("" for the object itself). """

    def to_dict(self) -> dict[str, Any]:
        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        api_key: dict[str, Any] | Unset = UNSET
        if not isinstance(self.api_key, Unset):
            api_key = self.api_key.to_dict()

        gcp_adc: dict[str, Any] | Unset = UNSET
        if not isinstance(self.gcp_adc, Unset):
            gcp_adc = self.gcp_adc.to_dict()

        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if kind is not UNSET:
            field_dict["kind"] = kind
        if api_key is not UNSET:
            field_dict["apiKey"] = api_key
        if gcp_adc is not UNSET:
            field_dict["gcpAdc"] = gcp_adc
        if labels is not UNSET:
            field_dict["labels"] = labels

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _kind = d.pop("kind", UNSET)
        kind: CredentialKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = CredentialKind(_kind)

        _api_key = d.pop("apiKey", UNSET)
        api_key: ApiKeyAuth | Unset
        if isinstance(_api_key, Unset):
            api_key = UNSET
        else:
            api_key = ApiKeyAuth.from_dict(_api_key)

        _gcp_adc = d.pop("gcpAdc", UNSET)
        gcp_adc: GcpAdcAuth | Unset
        if isinstance(_gcp_adc, Unset):
            gcp_adc = UNSET
        else:
            gcp_adc = GcpAdcAuth.from_dict(_gcp_adc)

        _labels = d.pop("labels", UNSET)
        labels: EndpointAuthenticationLabels | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = EndpointAuthenticationLabels.from_dict(_labels)

        endpoint_authentication = cls(
            kind=kind,
            api_key=api_key,
            gcp_adc=gcp_adc,
            labels=labels,
        )

        endpoint_authentication.additional_properties = d
        return endpoint_authentication

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
from ..models.api_key_auth import ApiKeyAuth  # noqa: E402
from ..models.endpoint_authentication_labels import EndpointAuthenticationLabels  # noqa: E402
from ..models.gcp_adc_auth import GcpAdcAuth  # noqa: E402
