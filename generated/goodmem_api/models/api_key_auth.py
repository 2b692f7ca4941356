from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..types import TypedDict, model_repr, model_to_json, nested_error, redact

if TYPE_CHECKING:
    from ..models.secret_reference import SecretReference, SecretReferenceDict


T = TypeVar("T", bound="ApiKeyAuth")
_APIKEYAUTH_FIELDS = frozenset({"inlineSecret", "secretRef", "headerName", "prefix"})
"""The JSON names of the fields the spec lists (the rest go to `additional_properties`)."""


@_attrs_define(kw_only=True, repr=False, on_setattr=_attrs_setters.NO_OP)
class ApiKeyAuth:
    """How to send an API key upstream. Give the key inline (inlineSecret) or as a reference (secretRef). headerName and
    prefix shape the header, e.g. `Authorization: Bearer <key>`.

    """

    inline_secret: str | None = _attrs_field(default=None, repr=redact)
    """ The API key itself. Write-only in spirit; never log it. """
    secret_ref: SecretReference | None = None
    """ A pointer to a secret held in an external secret store. """
    header_name: str | None = None
    """ Header that carries the key (default `Authorization`). """
    prefix: str | None = None
    """ Text put before the key in the header (e.g. `Bearer `). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """ Fields the spec doesn't list, as received (JSON values by JSON name). """

    __repr__ = model_repr
    to_json = model_to_json

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data (camelCase keys); fields that are None are left out."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if self.inline_secret is not None:
            field_dict["inlineSecret"] = self.inline_secret
        if self.secret_ref is not None:
            field_dict["secretRef"] = self.secret_ref.to_dict()
        if self.header_name is not None:
            field_dict["headerName"] = self.header_name
        if self.prefix is not None:
            field_dict["prefix"] = self.prefix
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
        inline_secret = get("inlineSecret")
        if inline_secret is not None:
            if inline_secret.__class__ is not str and not isinstance(inline_secret, str):
                raise TypeError(f"inlineSecret: expected str, got {type(inline_secret).__name__}")

        secret_ref = get("secretRef")
        if secret_ref is not None:
            if secret_ref.__class__ is not dict and not isinstance(secret_ref, Mapping):
                raise TypeError(f"secretRef: expected dict, got {type(secret_ref).__name__}")
            try:
                secret_ref = SecretReference.from_dict(secret_ref)
            except (TypeError, KeyError) as error:
                raise nested_error(error, "secretRef") from None

        header_name = get("headerName")
        if header_name is not None:
            if header_name.__class__ is not str and not isinstance(header_name, str):
                raise TypeError(f"headerName: expected str, got {type(header_name).__name__}")

        prefix = get("prefix")
        if prefix is not None:
            if prefix.__class__ is not str and not isinstance(prefix, str):
                raise TypeError(f"prefix: expected str, got {type(prefix).__name__}")

        # what the spec does not list; an empty dict (no copy) in the usual case
        d = (
            {}
            if _APIKEYAUTH_FIELDS.issuperset(src_dict)
            else {k: v for k, v in src_dict.items() if k not in _APIKEYAUTH_FIELDS}
        )
        # Built without __init__: the values are already parsed, so its converters have no work.
        result = cls.__new__(cls)
        result.inline_secret = inline_secret
        result.secret_ref = secret_ref
        result.header_name = header_name
        result.prefix = prefix
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


class ApiKeyAuthDict(TypedDict, total=False):
    """ApiKeyAuth as a plain dict: the same fields as snake_case keys, plain values
    (str for enums, dicts for nested models) accepted. For type checkers; the SDK checks
    the values when they are sent."""

    inline_secret: str | None
    """ The API key itself. Write-only in spirit; never log it. """
    secret_ref: SecretReference | SecretReferenceDict | None
    """ A pointer to a secret held in an external secret store. """
    header_name: str | None
    """ Header that carries the key (default `Authorization`). """
    prefix: str | None
    """ Text put before the key in the header (e.g. `Bearer `). """


# Imported after the class, once per process, instead of inside every to_dict/from_dict call:
# the module is already defined here, so import cycles between models are harmless.
from ..models.secret_reference import SecretReference, SecretReferenceDict  # noqa: E402
