from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GoodMemStatus")


@_attrs_define
class GoodMemStatus:
    """An informational status message."""

    code: str
    """ Machine-readable status code, e.g. `PARTIAL_RESULTS`. """
    message: str
    """ Human-readable explanation. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")
        if not isinstance(code, str):
            raise TypeError(f"code: expected str, got {type(code).__name__}")

        message = d.pop("message")
        if not isinstance(message, str):
            raise TypeError(f"message: expected str, got {type(message).__name__}")

        good_mem_status = cls(
            code=code,
            message=message,
        )

        good_mem_status.additional_properties = d
        return good_mem_status

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
