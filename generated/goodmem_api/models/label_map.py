from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define

from ..types import model_repr

T = TypeVar("T", bound="LabelMap")


@_attrs_define(eq=False, init=False, repr=False)
class LabelMap(MutableMapping[str, str]):
    """String labels by key; at most 20 entries; a key must not be empty."""

    additional_properties: dict[str, str]
    __constraints__: ClassVar[dict[str, dict[str, Any]]] = {
        "": {"maxProperties": 20},
    }
    """ Validation limits from openapi.yaml by attribute ("" for the object itself). """

    __repr__ = model_repr

    def __init__(self, items: Mapping[str, str] | None = None, /) -> None:
        """A LabelMap holding a copy of `items` (empty without)."""
        self.additional_properties = {} if items is None else dict(items)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data (camelCase keys); fields that are None are left out."""
        return dict(self.additional_properties)

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object.

        Raises TypeError("[<key>]: expected str, got <type>") for a value of another type.
        """
        d = dict(src_dict)
        for key, value in d.items():
            if not isinstance(value, str):
                raise TypeError(f"[{key!r}]: expected str, got {type(value).__name__}")
        result = cls.__new__(cls)
        result.additional_properties = d
        return result

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


def as_label_map(value: Mapping[str, str]) -> LabelMap:
    """attrs converter: any mapping becomes a LabelMap (one is kept as it is)."""
    return value if type(value) is LabelMap else LabelMap(value)


def as_label_map_or_none(value: Mapping[str, str] | None) -> LabelMap | None:
    """attrs converter of optional fields: like as_label_map; None stays None."""
    return value if value is None or type(value) is LabelMap else LabelMap(value)
