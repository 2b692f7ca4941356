from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Literal


class CredentialKind(str, Enum):
    """Which authentication strategy a credentials object uses.

    Fields of this type may also hold a value the spec doesn't list, as the plain str received."""

    CREDENTIAL_KIND_API_KEY = "CREDENTIAL_KIND_API_KEY"
    CREDENTIAL_KIND_GCP_ADC = "CREDENTIAL_KIND_GCP_ADC"

    def __str__(self) -> str:
        return str(self.value)


CredentialKindValue = Literal["CREDENTIAL_KIND_API_KEY", "CREDENTIAL_KIND_GCP_ADC"]
"""The values of CredentialKind as plain strings, for arguments a type checker can check."""

CREDENTIAL_KIND_BY_VALUE: dict[str, CredentialKind] = {
    member.value: member for member in CredentialKind
}
"""Members by value: parsers look values up here, keeping any other str as it is."""


def as_credential_kind(value: CredentialKind | str) -> CredentialKind | str:
    """attrs converter: a known value becomes its CredentialKind member; other values stay as given."""
    return CREDENTIAL_KIND_BY_VALUE.get(value, value)


def as_credential_kind_or_none(value: CredentialKind | str | None) -> CredentialKind | str | None:
    """attrs converter of optional fields: like as_credential_kind; None stays None."""
    return None if value is None else CREDENTIAL_KIND_BY_VALUE.get(value, value)


def as_credential_kind_list(value: Sequence[CredentialKind | str]) -> list[CredentialKind | str]:
    """attrs converter of list fields: a new list, known values as CredentialKind members."""
    if isinstance(value, str):
        raise TypeError(f"expected a list of CredentialKind values, got str {value!r}")
    return [CREDENTIAL_KIND_BY_VALUE.get(item, item) for item in value]


def as_credential_kind_list_or_none(
    value: Sequence[CredentialKind | str] | None,
) -> list[CredentialKind | str] | None:
    """attrs converter of optional list fields: like as_credential_kind_list; None stays None."""
    return None if value is None else as_credential_kind_list(value)
