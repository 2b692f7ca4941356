from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Literal


class DashScopeApiDialect(str, Enum):
    """The request and response format of a DashScope endpoint. GoodMem uses the same values for
    LLMs, embedders and rerankers; an LLM takes only LLM_NATIVE_TEXT, LLM_NATIVE_MULTIMODAL and
    OPENAI_COMPATIBLE.

    Fields of this type may also hold a value the spec doesn't list, as the plain str received."""

    EMBEDDING_NATIVE_CONTENTS = "EMBEDDING_NATIVE_CONTENTS"
    EMBEDDING_NATIVE_TEXT = "EMBEDDING_NATIVE_TEXT"
    LLM_NATIVE_MULTIMODAL = "LLM_NATIVE_MULTIMODAL"
    LLM_NATIVE_TEXT = "LLM_NATIVE_TEXT"
    OPENAI_COMPATIBLE = "OPENAI_COMPATIBLE"
    RERANK_COMPATIBLE_FLAT = "RERANK_COMPATIBLE_FLAT"
    RERANK_NATIVE_NESTED = "RERANK_NATIVE_NESTED"
    UNSPECIFIED = "UNSPECIFIED"

    def __str__(self) -> str:
        return str(self.value)


DashScopeApiDialectValue = Literal[
    "EMBEDDING_NATIVE_CONTENTS",
    "EMBEDDING_NATIVE_TEXT",
    "LLM_NATIVE_MULTIMODAL",
    "LLM_NATIVE_TEXT",
    "OPENAI_COMPATIBLE",
    "RERANK_COMPATIBLE_FLAT",
    "RERANK_NATIVE_NESTED",
    "UNSPECIFIED",
]
"""The values of DashScopeApiDialect as plain strings, for arguments a type checker can check."""

DASH_SCOPE_API_DIALECT_BY_VALUE: dict[str, DashScopeApiDialect] = {
    member.value: member for member in DashScopeApiDialect
}
"""Members by value: parsers look values up here, keeping any other str as it is."""


def as_dash_scope_api_dialect(value: DashScopeApiDialect | str) -> DashScopeApiDialect | str:
    """attrs converter: a known value becomes its DashScopeApiDialect member; other values stay as given."""
    return DASH_SCOPE_API_DIALECT_BY_VALUE.get(value, value)


def as_dash_scope_api_dialect_or_none(
    value: DashScopeApiDialect | str | None,
) -> DashScopeApiDialect | str | None:
    """attrs converter of optional fields: like as_dash_scope_api_dialect; None stays None."""
    return None if value is None else DASH_SCOPE_API_DIALECT_BY_VALUE.get(value, value)


def as_dash_scope_api_dialect_list(
    value: Sequence[DashScopeApiDialect | str],
) -> list[DashScopeApiDialect | str]:
    """attrs converter of list fields: a new list, known values as DashScopeApiDialect members."""
    if isinstance(value, str):
        raise TypeError(f"expected a list of DashScopeApiDialect values, got str {value!r}")
    return [DASH_SCOPE_API_DIALECT_BY_VALUE.get(item, item) for item in value]


def as_dash_scope_api_dialect_list_or_none(
    value: Sequence[DashScopeApiDialect | str] | None,
) -> list[DashScopeApiDialect | str] | None:
    """attrs converter of optional list fields: like as_dash_scope_api_dialect_list; None stays None."""
    return None if value is None else as_dash_scope_api_dialect_list(value)
