from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.credential_kind import (
    CREDENTIAL_KIND_BY_VALUE,
    CredentialKind,
    CredentialKindValue,
    as_credential_kind_or_none,
)
from ..models.endpoint_authentication_labels import (
    EndpointAuthenticationLabels,
    as_endpoint_authentication_labels_or_none,
)
from ..types import TypedDict, model_repr, model_to_json, nested_error

if TYPE_CHECKING:
    from ..models.api_key_auth import ApiKeyAuth, ApiKeyAuthDict
    from ..models.gcp_adc_auth import GcpAdcAuth, GcpAdcAuthDict


T = TypeVar("T", bound="EndpointAuthentication")
_ENDPOINTAUTHENTICATION_FIELDS = frozenset({"kind", "apiKey", "gcpAdc", "labels"})
"""The JSON names of the fields the spec lists (the rest go to `additional_properties`)."""


@_attrs_define(kw_only=True, repr=False, on_setattr=_attrs_setters.NO_OP)
class EndpointAuthentication:
    """How GoodMem authenticates with the upstream provider. `kind` selects the variant: CREDENTIAL_KIND_API_KEY uses
    `apiKey`, CREDENTIAL_KIND_GCP_ADC uses `gcpAdc`. Requests must set `kind` and the matching block. Responses are read
    leniently: a server may omit `kind` or fill both blocks, and every field received is kept.

    """

    kind: CredentialKind | str | None = _attrs_field(
        default=None, converter=as_credential_kind_or_none
    )
    """ Which authentication strategy a credentials object uses. """
    api_key: ApiKeyAuth | None = None
    """ How to send an API key upstream. Give the key inline (inlineSecret) or as a reference (secretRef).
    headerName and prefix shape the header, e.g. `Authorization: Bearer <key>`. """
    gcp_adc: GcpAdcAuth | None = None
    """ Authenticate with Google Cloud Application Default Credentials. """
    labels: EndpointAuthenticationLabels | None = _attrs_field(
        default=None, converter=as_endpoint_authentication_labels_or_none
    )
    """ Operator annotations (e.g. `owner=vertex`); at most 20 entries. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """ Fields the spec doesn't list, as received (JSON values by JSON name). """
    __constraints__: ClassVar[dict[str, dict[str, Any]]] = {
        "labels": {"maxProperties": 20},
    }
    """ Validation limits from openapi.yaml by attribute ("" for the object itself). """

    __repr__ = model_repr
    to_json = model_to_json

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data (camelCase keys); fields that are None are left out."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if self.kind is not None:
            field_dict["kind"] = (
                self.kind.value if isinstance(self.kind, CredentialKind) else self.kind
            )
        if self.api_key is not None:
            field_dict["apiKey"] = self.api_key.to_dict()
        if self.gcp_adc is not None:
            field_dict["gcpAdc"] = self.gcp_adc.to_dict()
        if self.labels is not None:
            field_dict["labels"] = self.labels.to_dict()
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
        kind = get("kind")
        if kind is not None:
            if kind.__class__ is not str and not isinstance(kind, str):
                raise TypeError(f"kind: expected str, got {type(kind).__name__}")
            kind = CREDENTIAL_KIND_BY_VALUE.get(kind, kind)

        api_key = get("apiKey")
        if api_key is not None:
            if api_key.__class__ is not dict and not isinstance(api_key, Mapping):
                raise TypeError(f"apiKey: expected dict, got {type(api_key).__name__}")
            try:
                api_key = ApiKeyAuth.from_dict(api_key)
            except (TypeError, KeyError) as error:
                raise nested_error(error, "apiKey") from None

        gcp_adc = get("gcpAdc")
        if gcp_adc is not None:
            if gcp_adc.__class__ is not dict and not isinstance(gcp_adc, Mapping):
                raise TypeError(f"gcpAdc: expected dict, got {type(gcp_adc).__name__}")
            try:
                gcp_adc = GcpAdcAuth.from_dict(gcp_adc)
            except (TypeError, KeyError) as error:
                raise nested_error(error, "gcpAdc") from None

        labels = get("labels")
        if labels is not None:
            if labels.__class__ is not dict and not isinstance(labels, Mapping):
                raise TypeError(f"labels: expected dict, got {type(labels).__name__}")
            try:
                labels = EndpointAuthenticationLabels.from_dict(labels)
            except (TypeError, KeyError) as error:
                raise nested_error(error, "labels") from None

        # what the spec does not list; an empty dict (no copy) in the usual case
        d = (
            {}
            if _ENDPOINTAUTHENTICATION_FIELDS.issuperset(src_dict)
            else {k: v for k, v in src_dict.items() if k not in _ENDPOINTAUTHENTICATION_FIELDS}
        )
        # Built without __init__: the values are already parsed, so its converters have no work.
        result = cls.__new__(cls)
        result.kind = kind
        result.api_key = api_key
        result.gcp_adc = gcp_adc
        result.labels = labels
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


class EndpointAuthenticationDict(TypedDict, total=False):
    """EndpointAuthentication as a plain dict: the same fields as snake_case keys, plain values
    (str for enums, dicts for nested models) accepted. For type checkers; the SDK checks
    the values when they are sent."""

    kind: CredentialKind | CredentialKindValue | None
    """ Which authentication strategy a credentials object uses. """
    api_key: ApiKeyAuth | ApiKeyAuthDict | None
    """ How to send an API key upstream. Give the key inline (inlineSecret) or as a reference (secretRef).
    headerName and prefix shape the header, e.g. `Authorization: Bearer <key>`. """
    gcp_adc: GcpAdcAuth | GcpAdcAuthDict | None
    """ Authenticate with Google Cloud Application Default Credentials. """
    labels: Mapping[str, str] | None
    """ Operator annotations (e.g. `owner=vertex`); at most 20 entries. """


# Imported after the class, once per process, instead of inside every to_dict/from_dict call:
# the module is already defined here, so import cycles between models are harmless.
from ..models.api_key_auth import ApiKeyAuth, ApiKeyAuthDict  # noqa: E402
from ..models.gcp_adc_auth import GcpAdcAuth, GcpAdcAuthDict  # noqa: E402
