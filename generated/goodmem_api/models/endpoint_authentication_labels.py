from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EndpointAuthenticationLabels")


@_attrs_define(eq=False)
class EndpointAuthenticationLabels(MutableMapping[str, str]):
    """Operator annotations (e.g. `owner=vertex`); at most 20 entries."""

    additional_properties: dict[str, str] = _attrs_field(init=False, factory=dict)
    __constraints__: ClassVar[dict[str, dict[str, Any]]] = {
        "": {"maxProperties": 20},
    }
    """ Validation limits from openapi.yaml by attribute ("" for the object itself). """

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        endpoint_authentication_labels = cls()

        for key, value in d.items():
            if not isinstance(value, str):
                raise TypeError(f"{key}: expected str, got {type(value).__name__}")
        endpoint_authentication_labels.additional_properties = d
        return endpoint_authentication_labels

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> str:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: str) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: object) -> bool:
        return key in self.additional_properties

    def __iter__(self) -> Iterator[str]:
        return iter(self.additional_properties)

    def __len__(self) -> int:
        return len(self.additional_properties)

    def __repr__(self) -> str:
        return f"EndpointAuthenticationLabels({self.additional_properties!r})"
