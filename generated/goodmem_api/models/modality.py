from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Literal


class Modality(str, Enum):
    """A kind of content a model can take in.

    Fields of this type may also hold a value the spec doesn't list, as the plain str received."""

    AUDIO = "AUDIO"
    IMAGE = "IMAGE"
    TEXT = "TEXT"
    VIDEO = "VIDEO"

    def __str__(self) -> str:
        return str(self.value)


ModalityValue = Literal["AUDIO", "IMAGE", "TEXT", "VIDEO"]
"""The values of Modality as plain strings, for arguments a type checker can check."""

MODALITY_BY_VALUE: dict[str, Modality] = {member.value: member for member in Modality}
"""Members by value: parsers look values up here, keeping any other str as it is."""


def as_modality(value: Modality | str) -> Modality | str:
    """attrs converter: a known value becomes its Modality member; other values stay as given."""
    return MODALITY_BY_VALUE.get(value, value)


def as_modality_or_none(value: Modality | str | None) -> Modality | str | None:
    """attrs converter of optional fields: like as_modality; None stays None."""
    return None if value is None else MODALITY_BY_VALUE.get(value, value)


def as_modality_list(value: Sequence[Modality | str]) -> list[Modality | str]:
    """attrs converter of list fields: a new list, known values as Modality members."""
    if isinstance(value, str):
        raise TypeError(f"expected a list of Modality values, got str {value!r}")
    return [MODALITY_BY_VALUE.get(item, item) for item in value]


def as_modality_list_or_none(
    value: Sequence[Modality | str] | None,
) -> list[Modality | str] | None:
    """attrs converter of optional list fields: like as_modality_list; None stays None."""
    return None if value is None else as_modality_list(value)
