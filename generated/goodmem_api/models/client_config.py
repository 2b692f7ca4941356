from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import model_repr

T = TypeVar("T", bound="ClientConfig")


@_attrs_define(eq=False, init=False, repr=False)
class ClientConfig(MutableMapping[str, Any]):
    """Provider-specific client settings, free-form JSON."""

    additional_properties: dict[str, Any]

    __repr__ = model_repr

    def __init__(self, items: Mapping[str, Any] | None = None, /) -> None:
        """A ClientConfig holding a copy of `items` (empty without)."""
        self.additional_properties = {} if items is None else dict(items)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data (camelCase keys); fields that are None are left out."""
        return dict(self.additional_properties)

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object.

        Any JSON values are kept as they are.
        """
        d = dict(src_dict)
        result = cls.__new__(cls)
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

    def __iter__(self) -> Iterator[str]:
        return iter(self.additional_properties)

    def __len__(self) -> int:
        return len(self.additional_properties)


def as_client_config(value: Mapping[str, Any]) -> ClientConfig:
    """attrs converter: any mapping becomes a ClientConfig (one is kept as it is)."""
    return value if type(value) is ClientConfig else ClientConfig(value)


def as_client_config_or_none(value: Mapping[str, Any] | None) -> ClientConfig | None:
    """attrs converter of optional fields: like as_client_config; None stays None."""
    return value if value is None or type(value) is ClientConfig else ClientConfig(value)
