"""Well-known chat models and provider base URLs, used to fill in ``llms.create()`` arguments.

The facts live in ``_registry.json`` next to this module (data edited by hand). It is read on
the first lookup, not at import, and then kept for the life of the process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

__all__ = [
    "ModelInfo",
    "default_endpoint_url",
    "fill_create_defaults",
    "known_models",
    "lookup_model",
    "suggest_models",
]


@dataclass(frozen=True)
class ModelInfo:
    """What the registry knows about a model: what `llms.create()` fills in for it.

    `model_identifier` is the registry's spelling; `provider_type` an LLMProviderType value;
    `endpoint_url` the provider's base URL; `max_context_length` in tokens;
    `supported_modalities` Modality values.
    """

    model_identifier: str
    provider_type: str
    endpoint_url: str
    max_context_length: int
    supported_modalities: tuple[str, ...]


@dataclass(frozen=True)
class _Registry:
    providers: dict[str, str]
    models: dict[str, ModelInfo]
    by_folded_name: dict[str, str]  # casefolded name -> name as written in the registry


@cache
def _load() -> _Registry:
    """The parsed registry file; read once, on first call."""
    from importlib import resources  # on first lookup: `import goodmem` stays light

    text = resources.files("goodmem").joinpath("_registry.json").read_text(encoding="utf-8")
    raw: dict[str, Any] = json.loads(text)
    models = {
        name: ModelInfo(
            model_identifier=name,
            provider_type=entry["provider_type"],
            endpoint_url=entry["endpoint_url"],
            max_context_length=entry["max_context_length"],
            supported_modalities=tuple(entry["supported_modalities"]),
        )
        for name, entry in raw["models"].items()
    }
    return _Registry(
        providers=dict(raw["providers"]),
        models=models,
        by_folded_name={name.casefold(): name for name in models},
    )


def _plain_str(value: object, argument: str) -> str:
    """``value`` as a plain str; accepts str, str subclasses and enums with str values."""
    if isinstance(value, Enum):
        value = value.value
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be a string, got {type(value).__name__}")
    return str.__str__(value)


def lookup_model(model_identifier: str) -> ModelInfo | None:
    """The registry entry for a model, or None when the model is unknown.

    An exact match wins; otherwise the name is matched ignoring case, and the returned
    ``model_identifier`` is the registry's spelling.
    """
    registry = _load()
    info = registry.models.get(model_identifier)
    if info is not None:
        return info
    name = registry.by_folded_name.get(model_identifier.casefold())
    return None if name is None else registry.models[name]


def known_models() -> list[str]:
    """The names of all registry models, sorted."""
    return sorted(_load().models)


def default_endpoint_url(provider_type: str) -> str | None:
    """The provider's default base URL, or None when it has none.

    ``provider_type`` is an LLMProviderType value or enum member. CUSTOM_OPENAI_COMPATIBLE and
    unknown values have no default.
    """
    return _load().providers.get(_plain_str(provider_type, "provider_type"))


def suggest_models(model_identifier: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` registry names close to ``model_identifier``, best first (case ignored)."""
    if limit <= 0:
        return []
    registry = _load()
    import difflib  # only for suggestions, after a miss

    matches = difflib.get_close_matches(
        model_identifier.casefold(), list(registry.by_folded_name), n=limit, cutoff=0.6
    )
    return [registry.by_folded_name[m] for m in matches]


def fill_create_defaults(fields: dict[str, object]) -> dict[str, object]:
    """A copy of ``create()``'s arguments with provider, endpoint and model facts filled in.

    ``fields`` holds the snake_case arguments the caller set; a key whose value is None counts
    as not set. Arguments that are set are never changed. For a registry model, provider_type,
    endpoint_url, max_context_length and supported_modalities (a list of str) are filled; if
    the caller chose a provider_type other than the registry's, endpoint_url comes from that
    provider's default instead of the registry entry. Otherwise a set provider_type supplies
    its default endpoint_url. ``fields`` itself is not modified.

    Raises ValueError when model_identifier is missing or empty, or when provider_type or
    endpoint_url is needed and cannot be filled (unknown model, or a provider with no default
    URL such as CUSTOM_OPENAI_COMPATIBLE); the message names what to pass.
    """
    out = dict(fields)

    def is_set(key: str) -> bool:
        return out.get(key) is not None

    if not is_set("model_identifier"):
        raise ValueError("model_identifier is required")
    model = _plain_str(out["model_identifier"], "model_identifier")
    if not model:
        raise ValueError("model_identifier must not be empty")
    info = lookup_model(model)

    given_provider = (
        _plain_str(out["provider_type"], "provider_type") if is_set("provider_type") else None
    )
    if info is None:
        if given_provider is None:
            if not is_set("endpoint_url"):
                raise ValueError(_unknown_model_message(model))
            from ._generated.models.llm_provider_type import LLMProviderType  # not at import

            valid = ", ".join(t.value for t in LLMProviderType)
            raise ValueError(
                f"model_identifier {model!r} is not in the registry, so provider_type is "
                f"needed with endpoint_url: pass one of {valid}"
            )
    else:
        if given_provider is None:
            out["provider_type"] = info.provider_type
        if not is_set("endpoint_url") and given_provider in (None, info.provider_type):
            out["endpoint_url"] = info.endpoint_url
        if not is_set("max_context_length"):
            out["max_context_length"] = info.max_context_length
        if not is_set("supported_modalities"):
            out["supported_modalities"] = list(info.supported_modalities)

    if not is_set("endpoint_url"):
        provider = _plain_str(out["provider_type"], "provider_type")
        url = default_endpoint_url(provider)
        if url is None:
            raise ValueError(
                f"provider_type {provider!r} has no default endpoint_url: pass endpoint_url, "
                "the base URL of the OpenAI-compatible API (usually ending in /v1)"
            )
        out["endpoint_url"] = url
    return out


def _unknown_model_message(model: str) -> str:
    message = (
        f"unknown model_identifier {model!r}: pass provider_type and endpoint_url, "
        "or use a known model"
    )
    best = suggest_models(model, limit=1)
    if best:
        message += f" (did you mean {best[0]}?)"
    else:
        message += " (see goodmem.known_models())"
    return message
