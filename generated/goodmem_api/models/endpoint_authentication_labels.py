from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from ..types import model_repr, model_to_json

T = TypeVar("T", bound="EndpointAuthenticationLabels")


class EndpointAuthenticationLabels(dict[str, str]):
    """Operator annotations (e.g. `owner=vertex`); at most 20 entries."""

    __constraints__: ClassVar[dict[str, dict[str, Any]]] = {
        "": {"maxProperties": 20},
    }
    """ Validation limits from openapi.yaml by attribute ("" for the object itself). """

    __repr__ = model_repr
    to_json = model_to_json

    @property
    def additional_properties(self) -> dict[str, str]:
        """The entries (this dict itself), as for the other models."""
        return self

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data (camelCase keys); fields that are None are left out."""
        return dict(self)

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object.

        Raises TypeError("[<key>]: expected str, got <type>") for a value of another type.
        """
        result = cls(src_dict)
        for key, value in result.items():
            if value.__class__ is not str and not isinstance(value, str):
                raise TypeError(f"[{key!r}]: expected str, got {type(value).__name__}")
        return result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())


def as_endpoint_authentication_labels(value: Mapping[str, str]) -> EndpointAuthenticationLabels:
    """attrs converter: any mapping becomes a EndpointAuthenticationLabels (one is kept as it is)."""
    return (
        value
        if type(value) is EndpointAuthenticationLabels
        else EndpointAuthenticationLabels(value)
    )


def as_endpoint_authentication_labels_or_none(
    value: Mapping[str, str] | None,
) -> EndpointAuthenticationLabels | None:
    """attrs converter of optional fields: like as_endpoint_authentication_labels; None stays None."""
    return (
        value
        if value is None or type(value) is EndpointAuthenticationLabels
        else EndpointAuthenticationLabels(value)
    )
