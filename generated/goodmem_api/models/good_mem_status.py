from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..types import TypedDict, model_repr, model_to_json

if TYPE_CHECKING:
    from typing_extensions import Required


T = TypeVar("T", bound="GoodMemStatus")
_GOODMEMSTATUS_FIELDS = frozenset({"code", "message"})
"""The JSON names of the fields the spec lists (the rest go to `additional_properties`)."""


@_attrs_define(kw_only=True, repr=False, on_setattr=_attrs_setters.NO_OP)
class GoodMemStatus:
    """An informational status message."""

    code: str
    """ Machine-readable status code, e.g. `PARTIAL_RESULTS`. """
    message: str
    """ Human-readable explanation. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """ Fields the spec doesn't list, as received (JSON values by JSON name). """

    __repr__ = model_repr
    to_json = model_to_json

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data (camelCase keys); fields that are None are left out."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict["code"] = self.code
        field_dict["message"] = self.message
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
        code = src_dict["code"]
        if code.__class__ is not str and not isinstance(code, str):
            raise TypeError(f"code: expected str, got {type(code).__name__}")

        message = src_dict["message"]
        if message.__class__ is not str and not isinstance(message, str):
            raise TypeError(f"message: expected str, got {type(message).__name__}")

        # what the spec does not list; an empty dict (no copy) in the usual case
        d = (
            {}
            if _GOODMEMSTATUS_FIELDS.issuperset(src_dict)
            else {k: v for k, v in src_dict.items() if k not in _GOODMEMSTATUS_FIELDS}
        )
        # Built without __init__: the values are already parsed, so its converters have no work.
        result = cls.__new__(cls)
        result.code = code
        result.message = message
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


class GoodMemStatusDict(TypedDict, total=False):
    """GoodMemStatus as a plain dict: the same fields as snake_case keys, plain values
    (str for enums, dicts for nested models) accepted. For type checkers; the SDK checks
    the values when they are sent."""

    code: Required[str]
    """ Machine-readable status code, e.g. `PARTIAL_RESULTS`. """
    message: Required[str]
    """ Human-readable explanation. """
