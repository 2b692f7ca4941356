from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Literal


class LLMProviderType(str, Enum):
    """The kind of service behind the endpoint. CUSTOM_OPENAI_COMPATIBLE covers any other OpenAI-
    compatible API, such as Anthropic's, Google Gemini's or Mistral's. DASHSCOPE is Alibaba Cloud's
    DashScope (Model Studio), which also takes dashscopeApiDialect.

    Fields of this type may also hold a value the spec doesn't list, as the plain str received."""

    CUSTOM_OPENAI_COMPATIBLE = "CUSTOM_OPENAI_COMPATIBLE"
    DASHSCOPE = "DASHSCOPE"
    LITELLM_PROXY = "LITELLM_PROXY"
    LLAMA_CPP = "LLAMA_CPP"
    OLLAMA = "OLLAMA"
    OPENAI = "OPENAI"
    OPEN_ROUTER = "OPEN_ROUTER"
    VLLM = "VLLM"

    def __str__(self) -> str:
        return str(self.value)


LLMProviderTypeValue = Literal[
    "CUSTOM_OPENAI_COMPATIBLE",
    "DASHSCOPE",
    "LITELLM_PROXY",
    "LLAMA_CPP",
    "OLLAMA",
    "OPENAI",
    "OPEN_ROUTER",
    "VLLM",
]
"""The values of LLMProviderType as plain strings, for arguments a type checker can check."""

LLM_PROVIDER_TYPE_BY_VALUE: dict[str, LLMProviderType] = {
    member.value: member for member in LLMProviderType
}
"""Members by value: parsers look values up here, keeping any other str as it is."""


def as_llm_provider_type(value: LLMProviderType | str) -> LLMProviderType | str:
    """attrs converter: a known value becomes its LLMProviderType member; other values stay as given."""
    return LLM_PROVIDER_TYPE_BY_VALUE.get(value, value)


def as_llm_provider_type_or_none(
    value: LLMProviderType | str | None,
) -> LLMProviderType | str | None:
    """attrs converter of optional fields: like as_llm_provider_type; None stays None."""
    return None if value is None else LLM_PROVIDER_TYPE_BY_VALUE.get(value, value)


def as_llm_provider_type_list(
    value: Sequence[LLMProviderType | str],
) -> list[LLMProviderType | str]:
    """attrs converter of list fields: a new list, known values as LLMProviderType members."""
    if isinstance(value, str):
        raise TypeError(f"expected a list of LLMProviderType values, got str {value!r}")
    return [LLM_PROVIDER_TYPE_BY_VALUE.get(item, item) for item in value]


def as_llm_provider_type_list_or_none(
    value: Sequence[LLMProviderType | str] | None,
) -> list[LLMProviderType | str] | None:
    """attrs converter of optional list fields: like as_llm_provider_type_list; None stays None."""
    return None if value is None else as_llm_provider_type_list(value)
