from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.secret_reference import SecretReference


T = TypeVar("T", bound="ApiKeyAuth")


def _redact(value: object) -> str:
    """Shows that a secret is set without showing it."""
    return repr(value) if isinstance(value, Unset) else "'***'"


@_attrs_define
class ApiKeyAuth:
    """How to send an API key upstream. Give the key inline (inlineSecret) or as a reference (secretRef). headerName and
    prefix shape the header, e.g. `Authorization: Bearer <key>`.

    """

    inline_secret: str | Unset = _attrs_field(default=UNSET, repr=_redact)
    """ The API key itself. Write-only in spirit; never log it. """
    secret_ref: SecretReference | Unset = UNSET
    """ A pointer to a secret held in an external secret store. """
    header_name: str | Unset = UNSET
    """ Header that carries the key (default `Authorization`). """
    prefix: str | Unset = UNSET
    """ Text put before the key in the header (e.g. `Bearer `). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        inline_secret = self.inline_secret

        secret_ref: dict[str, Any] | Unset = UNSET
        if not isinstance(self.secret_ref, Unset):
            secret_ref = self.secret_ref.to_dict()

        header_name = self.header_name

        prefix = self.prefix

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if inline_secret is not UNSET:
            field_dict["inlineSecret"] = inline_secret
        if secret_ref is not UNSET:
            field_dict["secretRef"] = secret_ref
        if header_name is not UNSET:
            field_dict["headerName"] = header_name
        if prefix is not UNSET:
            field_dict["prefix"] = prefix

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        inline_secret = d.pop("inlineSecret", UNSET)
        if inline_secret is not UNSET and (not isinstance(inline_secret, str)):
            raise TypeError(f"inlineSecret: expected str, got {type(inline_secret).__name__}")

        _secret_ref = d.pop("secretRef", UNSET)
        secret_ref: SecretReference | Unset
        if isinstance(_secret_ref, Unset):
            secret_ref = UNSET
        else:
            secret_ref = SecretReference.from_dict(_secret_ref)

        header_name = d.pop("headerName", UNSET)
        if header_name is not UNSET and (not isinstance(header_name, str)):
            raise TypeError(f"headerName: expected str, got {type(header_name).__name__}")

        prefix = d.pop("prefix", UNSET)
        if prefix is not UNSET and (not isinstance(prefix, str)):
            raise TypeError(f"prefix: expected str, got {type(prefix).__name__}")

        api_key_auth = cls(
            inline_secret=inline_secret,
            secret_ref=secret_ref,
            header_name=header_name,
            prefix=prefix,
        )

        api_key_auth.additional_properties = d
        return api_key_auth

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
from ..models.secret_reference import SecretReference  # noqa: E402
