from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..types import TypedDict, model_repr, model_to_json

T = TypeVar("T", bound="GcpAdcAuth")
_GCPADCAUTH_FIELDS = frozenset({"scopes", "quotaProjectId"})
"""The JSON names of the fields the spec lists (the rest go to `additional_properties`)."""


@_attrs_define(kw_only=True, repr=False, on_setattr=_attrs_setters.NO_OP)
class GcpAdcAuth:
    """Authenticate with Google Cloud Application Default Credentials."""

    scopes: list[str] | None = None
    """ OAuth scopes to request. """
    quota_project_id: str | None = None
    """ Google Cloud project billed for quota. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """ Fields the spec doesn't list, as received (JSON values by JSON name). """

    __repr__ = model_repr
    to_json = model_to_json

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data (camelCase keys); fields that are None are left out."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if self.scopes is not None:
            field_dict["scopes"] = list(self.scopes)
        if self.quota_project_id is not None:
            field_dict["quotaProjectId"] = self.quota_project_id
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
        scopes = get("scopes")
        if scopes is not None:
            if scopes.__class__ is not list and not isinstance(scopes, (list, tuple)):
                raise TypeError(f"scopes: expected list, got {type(scopes).__name__}")
            for scopes_index, scopes_item in enumerate(scopes):
                if scopes_item.__class__ is not str and not isinstance(scopes_item, str):
                    raise TypeError(
                        f"scopes[{scopes_index}]: expected str, got {type(scopes_item).__name__}"
                    )
            scopes = list(scopes)

        quota_project_id = get("quotaProjectId")
        if quota_project_id is not None:
            if quota_project_id.__class__ is not str and not isinstance(quota_project_id, str):
                raise TypeError(
                    f"quotaProjectId: expected str, got {type(quota_project_id).__name__}"
                )

        # what the spec does not list; an empty dict (no copy) in the usual case
        d = (
            {}
            if _GCPADCAUTH_FIELDS.issuperset(src_dict)
            else {k: v for k, v in src_dict.items() if k not in _GCPADCAUTH_FIELDS}
        )
        # Built without __init__: the values are already parsed, so its converters have no work.
        result = cls.__new__(cls)
        result.scopes = scopes
        result.quota_project_id = quota_project_id
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


class GcpAdcAuthDict(TypedDict, total=False):
    """GcpAdcAuth as a plain dict: the same fields as snake_case keys, plain values
    (str for enums, dicts for nested models) accepted. For type checkers; the SDK checks
    the values when they are sent."""

    scopes: Sequence[str] | None
    """ OAuth scopes to request. """
    quota_project_id: str | None
    """ Google Cloud project billed for quota. """
