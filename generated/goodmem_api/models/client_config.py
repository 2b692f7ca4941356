from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from ..types import model_repr, model_to_json

T = TypeVar("T", bound="ClientConfig")


class ClientConfig(dict[str, Any]):
    """Provider-specific client settings, free-form JSON."""

    __repr__ = model_repr
    to_json = model_to_json

    @property
    def additional_properties(self) -> dict[str, Any]:
        """The entries (this dict itself), as for the other models."""
        return self

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data (camelCase keys); fields that are None are left out."""
        return dict(self)

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object.

        Any JSON values are kept as they are.
        """
        result = cls(src_dict)
        return result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())


def as_client_config(value: Mapping[str, Any]) -> ClientConfig:
    """attrs converter: any mapping becomes a ClientConfig (one is kept as it is)."""
    return value if type(value) is ClientConfig else ClientConfig(value)


def as_client_config_or_none(value: Mapping[str, Any] | None) -> ClientConfig | None:
    """attrs converter of optional fields: like as_client_config; None stays None."""
    return value if value is None or type(value) is ClientConfig else ClientConfig(value)
