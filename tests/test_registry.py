"""The model registry: its data file, lookups, suggestions and the create() defaults."""

from __future__ import annotations

import copy
import enum
import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from goodmem._registry import (
    ModelInfo,
    default_endpoint_url,
    fill_create_defaults,
    known_models,
    lookup_model,
    suggest_models,
)

ROOT = Path(__file__).resolve().parent.parent
REGISTRY_FILE = ROOT / "goodmem" / "_registry.json"
LOCAL_PROVIDERS = {"OLLAMA", "VLLM", "LLAMA_CPP", "LITELLM_PROXY"}
OPENAI_URL = "https://api.openai.com/v1"


class ProviderType(str, enum.Enum):
    """Stands in for the generated LLMProviderType (a str-valued enum)."""

    OPENAI = "OPENAI"
    OPEN_ROUTER = "OPEN_ROUTER"
    OLLAMA = "OLLAMA"
    CUSTOM_OPENAI_COMPATIBLE = "CUSTOM_OPENAI_COMPATIBLE"


class Modality(str, enum.Enum):
    TEXT = "TEXT"
    AUDIO = "AUDIO"


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    """_registry.json as a dict, read directly."""
    data: dict[str, Any] = json.loads(REGISTRY_FILE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def provider_types(spec: dict[str, Any]) -> set[str]:
    return set(spec["components"]["schemas"]["LLMProviderType"]["enum"])


@pytest.fixture(scope="module")
def modalities(spec: dict[str, Any]) -> set[str]:
    return set(spec["components"]["schemas"]["Modality"]["enum"])


# --- the data file ----------------------------------------------------------------------------


def test_file_has_a_comment_and_only_the_expected_sections(raw: dict[str, Any]) -> None:
    assert set(raw) == {"_comment", "providers", "models"}
    assert "hand" in raw["_comment"].lower()


def test_allowed_values_match_the_openapi_enums(
    provider_types: set[str], modalities: set[str]
) -> None:
    assert provider_types == {
        "OPENAI",
        "LITELLM_PROXY",
        "OPEN_ROUTER",
        "VLLM",
        "OLLAMA",
        "LLAMA_CPP",
        "CUSTOM_OPENAI_COMPATIBLE",
        "DASHSCOPE",
    }
    assert modalities == {"TEXT", "IMAGE", "AUDIO", "VIDEO"}


def test_every_provider_but_custom_has_a_default_url(
    raw: dict[str, Any], provider_types: set[str]
) -> None:
    assert set(raw["providers"]) == provider_types - {"CUSTOM_OPENAI_COMPATIBLE"}


def test_provider_default_urls(raw: dict[str, Any]) -> None:
    assert raw["providers"] == {
        "OPENAI": "https://api.openai.com/v1",
        "OPEN_ROUTER": "https://openrouter.ai/api/v1",
        "OLLAMA": "http://localhost:11434/v1",
        "VLLM": "http://localhost:8000/v1",
        "LLAMA_CPP": "http://localhost:8080/v1",
        "LITELLM_PROXY": "http://localhost:4000/v1",
        "DASHSCOPE": "https://dashscope.aliyuncs.com",
    }


def test_every_model_entry_is_well_formed(
    raw: dict[str, Any], provider_types: set[str], modalities: set[str]
) -> None:
    assert len(raw["models"]) >= 30
    for name, entry in raw["models"].items():
        assert name and name == name.strip(), name
        assert set(entry) == {
            "provider_type",
            "endpoint_url",
            "max_context_length",
            "supported_modalities",
        }, name
        assert entry["provider_type"] in provider_types, name
        url = urlsplit(entry["endpoint_url"])
        if entry["provider_type"] in LOCAL_PROVIDERS:
            assert url.scheme in {"http", "https"}, name
        else:
            assert url.scheme == "https", name
        assert url.netloc and not entry["endpoint_url"].endswith("/"), name
        length = entry["max_context_length"]
        assert type(length) is int and 0 < length <= 2**31 - 1, name
        mods = entry["supported_modalities"]
        assert mods and set(mods) <= modalities, name
        assert mods[0] == "TEXT" and len(set(mods)) == len(mods), name


def test_model_urls_agree_with_their_provider_default(raw: dict[str, Any]) -> None:
    for name, entry in raw["models"].items():
        default = raw["providers"].get(entry["provider_type"])
        if default is not None:
            assert entry["endpoint_url"] == default, name


def test_names_are_unique_ignoring_case(raw: dict[str, Any]) -> None:
    names = list(raw["models"])
    assert len({n.casefold() for n in names}) == len(names)


@pytest.mark.parametrize(
    ("prefix", "provider", "url"),
    [
        ("gpt-", "OPENAI", OPENAI_URL),
        ("claude-", "CUSTOM_OPENAI_COMPATIBLE", "https://api.anthropic.com/v1"),
        (
            "gemini-",
            "CUSTOM_OPENAI_COMPATIBLE",
            "https://generativelanguage.googleapis.com/v1beta/openai",
        ),
        ("mistral-", "CUSTOM_OPENAI_COMPATIBLE", "https://api.mistral.ai/v1"),
    ],
)
def test_each_family_points_at_its_vendor(
    raw: dict[str, Any], prefix: str, provider: str, url: str
) -> None:
    family = {n: e for n, e in raw["models"].items() if n.startswith(prefix)}
    assert family
    for name, entry in family.items():
        assert (entry["provider_type"], entry["endpoint_url"]) == (provider, url), name


# --- lookups ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "gpt-4o",
        "gpt-4o-mini",
        "gpt-4.1",
        "gpt-4.1-mini",
        "gpt-4.1-nano",
        "o1",
        "o3",
        "o3-mini",
        "o3-pro",
        "o4-mini",
        "gpt-5",
        "gpt-5-mini",
        "gpt-5-nano",
        "claude-sonnet-4-5",
        "claude-haiku-4-5",
        "claude-opus-4-5",
        "gemini-2.5-pro",
        "gemini-2.5-flash",
        "gemini-2.0-flash",
        "mistral-large-latest",
        "codestral-latest",
        "open-mistral-nemo",
    ],
)
def test_expected_models_are_known(name: str) -> None:
    assert name in known_models()
    info = lookup_model(name)
    assert info is not None and info.model_identifier == name


def test_lookup_returns_the_published_facts() -> None:
    assert lookup_model("gpt-4o-mini") == ModelInfo(
        model_identifier="gpt-4o-mini",
        provider_type="OPENAI",
        endpoint_url=OPENAI_URL,
        max_context_length=128_000,
        supported_modalities=("TEXT", "IMAGE"),
    )
    gpt41 = lookup_model("gpt-4.1")
    assert gpt41 is not None and gpt41.max_context_length == 1_047_576
    gpt5 = lookup_model("gpt-5")
    assert gpt5 is not None and gpt5.max_context_length == 400_000
    claude = lookup_model("claude-sonnet-4-5")
    assert claude is not None
    assert (claude.max_context_length, claude.supported_modalities) == (200_000, ("TEXT", "IMAGE"))
    gemini = lookup_model("gemini-2.5-flash")
    assert gemini is not None
    assert gemini.max_context_length == 1_048_576
    assert set(gemini.supported_modalities) == {"TEXT", "IMAGE", "AUDIO", "VIDEO"}
    o3_mini = lookup_model("o3-mini")
    assert o3_mini is not None and o3_mini.supported_modalities == ("TEXT",)


def test_lookup_agrees_with_the_file(raw: dict[str, Any]) -> None:
    for name, entry in raw["models"].items():
        info = lookup_model(name)
        assert info is not None
        assert info.provider_type == entry["provider_type"]
        assert info.endpoint_url == entry["endpoint_url"]
        assert info.max_context_length == entry["max_context_length"]
        assert info.supported_modalities == tuple(entry["supported_modalities"])


def test_lookup_ignores_case_and_returns_the_registry_spelling() -> None:
    info = lookup_model("GPT-4o-Mini")
    assert info is not None
    assert info.model_identifier == "gpt-4o-mini"
    assert info == lookup_model("gpt-4o-mini")


def test_lookup_of_an_unknown_model_is_none() -> None:
    assert lookup_model("gpt-4o-mni") is None
    assert lookup_model("") is None
    assert lookup_model("gpt-4o ") is None


def test_model_info_is_frozen() -> None:
    info = lookup_model("gpt-4o")
    assert info is not None
    with pytest.raises(AttributeError):
        info.max_context_length = 1  # type: ignore[misc]


def test_known_models_is_sorted_and_complete(raw: dict[str, Any]) -> None:
    names = known_models()
    assert names == sorted(raw["models"])
    names.append("mutated")
    assert "mutated" not in known_models()


def test_default_endpoint_url() -> None:
    assert default_endpoint_url("OPENAI") == OPENAI_URL
    assert default_endpoint_url("OLLAMA") == "http://localhost:11434/v1"
    assert default_endpoint_url(ProviderType.OPEN_ROUTER) == "https://openrouter.ai/api/v1"
    assert default_endpoint_url("CUSTOM_OPENAI_COMPATIBLE") is None
    assert default_endpoint_url("NOT_A_PROVIDER") is None


# --- suggestions ------------------------------------------------------------------------------


def test_suggestions_put_the_closest_name_first() -> None:
    assert suggest_models("gpt-4o-mni")[0] == "gpt-4o-mini"
    assert suggest_models("claude-sonet-4-5")[0] == "claude-sonnet-4-5"
    assert suggest_models("GEMINI-2.5-FLSH")[0] == "gemini-2.5-flash"


def test_suggestions_respect_the_limit_and_cutoff() -> None:
    assert len(suggest_models("gpt-4o-mni")) == 3
    assert suggest_models("gpt-4o-mni", limit=1) == ["gpt-4o-mini"]
    assert suggest_models("gpt-4o-mni", limit=0) == []
    assert suggest_models("totally-unrelated-name") == []
    assert all(name in known_models() for name in suggest_models("gpt-5-min"))


# --- fill_create_defaults ---------------------------------------------------------------------


def test_known_model_fills_everything() -> None:
    assert fill_create_defaults({"display_name": "x", "model_identifier": "gpt-4o-mini"}) == {
        "display_name": "x",
        "model_identifier": "gpt-4o-mini",
        "provider_type": "OPENAI",
        "endpoint_url": OPENAI_URL,
        "max_context_length": 128_000,
        "supported_modalities": ["TEXT", "IMAGE"],
    }


def test_filled_values_are_plain_types() -> None:
    out = fill_create_defaults({"model_identifier": "gemini-2.5-pro"})
    assert type(out["provider_type"]) is str
    modalities = out["supported_modalities"]
    assert isinstance(modalities, list) and type(modalities) is list
    assert all(type(m) is str for m in modalities)


def test_known_model_found_ignoring_case_keeps_the_callers_spelling() -> None:
    out = fill_create_defaults({"model_identifier": "Claude-Haiku-4-5"})
    assert out["model_identifier"] == "Claude-Haiku-4-5"
    assert out["endpoint_url"] == "https://api.anthropic.com/v1"
    assert out["provider_type"] == "CUSTOM_OPENAI_COMPATIBLE"


def test_explicit_arguments_win() -> None:
    given: dict[str, object] = {
        "model_identifier": "gpt-4o",
        "provider_type": "OPENAI",
        "endpoint_url": "https://proxy.example.com/v1",
        "max_context_length": 4096,
        "supported_modalities": ["TEXT"],
    }
    assert fill_create_defaults(given) == given


def test_explicit_empty_modalities_are_kept() -> None:
    out = fill_create_defaults({"model_identifier": "gpt-4o", "supported_modalities": []})
    assert out["supported_modalities"] == []


def test_none_values_count_as_not_set() -> None:
    out = fill_create_defaults(
        {"model_identifier": "gpt-4o", "endpoint_url": None, "max_context_length": None}
    )
    assert out["endpoint_url"] == OPENAI_URL
    assert out["max_context_length"] == 128_000


def test_explicit_endpoint_keeps_registry_provider_and_facts() -> None:
    out = fill_create_defaults(
        {"model_identifier": "gpt-4o", "endpoint_url": "https://gateway.example.com/v1"}
    )
    assert out["endpoint_url"] == "https://gateway.example.com/v1"
    assert out["provider_type"] == "OPENAI"
    assert out["max_context_length"] == 128_000


def test_other_provider_gets_its_own_default_url_not_the_entrys() -> None:
    out = fill_create_defaults({"model_identifier": "gpt-4o", "provider_type": "OPEN_ROUTER"})
    assert out["provider_type"] == "OPEN_ROUTER"
    assert out["endpoint_url"] == "https://openrouter.ai/api/v1"
    assert out["max_context_length"] == 128_000
    assert out["supported_modalities"] == ["TEXT", "IMAGE"]


def test_same_provider_given_as_enum_keeps_the_entrys_url_and_the_enum() -> None:
    out = fill_create_defaults(
        {
            "model_identifier": "claude-sonnet-4-5",
            "provider_type": ProviderType.CUSTOM_OPENAI_COMPATIBLE,
        }
    )
    assert out["provider_type"] is ProviderType.CUSTOM_OPENAI_COMPATIBLE
    assert out["endpoint_url"] == "https://api.anthropic.com/v1"


def test_known_model_with_other_provider_lacking_a_default_url_needs_endpoint() -> None:
    with pytest.raises(ValueError, match="endpoint_url") as caught:
        fill_create_defaults(
            {"model_identifier": "gpt-4o", "provider_type": "CUSTOM_OPENAI_COMPATIBLE"}
        )
    assert "CUSTOM_OPENAI_COMPATIBLE" in str(caught.value)


def test_unknown_model_with_provider_gets_the_providers_default_url() -> None:
    given: dict[str, object] = {
        "model_identifier": "llama3.2",
        "provider_type": ProviderType.OLLAMA,
    }
    out = fill_create_defaults(given)
    assert out == {**given, "endpoint_url": "http://localhost:11434/v1"}


def test_unknown_model_with_provider_and_endpoint_is_passed_through() -> None:
    given: dict[str, object] = {
        "model_identifier": "my-model",
        "provider_type": "VLLM",
        "endpoint_url": "http://gpu-box:9000/v1",
        "supported_modalities": [Modality.TEXT, Modality.AUDIO],
    }
    assert fill_create_defaults(given) == given


def test_unknown_model_without_provider_or_endpoint_is_rejected_with_a_suggestion() -> None:
    with pytest.raises(ValueError) as caught:
        fill_create_defaults({"model_identifier": "gpt-4o-mni", "display_name": "x"})
    message = str(caught.value)
    assert "'gpt-4o-mni'" in message
    assert "provider_type" in message and "endpoint_url" in message
    assert "did you mean gpt-4o-mini?" in message


def test_unknown_model_with_no_close_name_is_rejected_without_a_guess() -> None:
    with pytest.raises(ValueError, match="'zzz-unheard-of'") as caught:
        fill_create_defaults({"model_identifier": "zzz-unheard-of"})
    assert "did you mean" not in str(caught.value)


def test_unknown_model_with_endpoint_but_no_provider_needs_provider_type() -> None:
    with pytest.raises(ValueError, match="provider_type") as caught:
        fill_create_defaults({"model_identifier": "my-model", "endpoint_url": "http://h/v1"})
    for provider in ("OPENAI", "VLLM", "CUSTOM_OPENAI_COMPATIBLE"):
        assert provider in str(caught.value)


@pytest.mark.parametrize(
    "provider", ["CUSTOM_OPENAI_COMPATIBLE", ProviderType.CUSTOM_OPENAI_COMPATIBLE]
)
def test_unknown_model_with_provider_without_default_needs_endpoint(provider: object) -> None:
    with pytest.raises(ValueError, match="endpoint_url"):
        fill_create_defaults({"model_identifier": "my-model", "provider_type": provider})


@pytest.mark.parametrize("fields", [{}, {"model_identifier": None}, {"model_identifier": ""}])
def test_model_identifier_is_required(fields: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="model_identifier"):
        fill_create_defaults(fields)


@pytest.mark.parametrize(
    "fields",
    [
        {"model_identifier": "gpt-4o-mini"},
        {"model_identifier": "gpt-4o", "provider_type": "OPEN_ROUTER"},
        {"model_identifier": "gpt-4o-mni"},
        {"model_identifier": "x", "provider_type": "CUSTOM_OPENAI_COMPATIBLE"},
    ],
)
def test_input_is_not_mutated(fields: dict[str, object]) -> None:
    before = copy.deepcopy(fields)
    try:
        out = fill_create_defaults(fields)
    except ValueError:
        pass
    else:
        assert out is not fields
    assert fields == before


def test_filled_modalities_are_a_fresh_list_each_time() -> None:
    first = fill_create_defaults({"model_identifier": "gpt-4o"})
    first["supported_modalities"].append("AUDIO")  # type: ignore[attr-defined]
    second = fill_create_defaults({"model_identifier": "gpt-4o"})
    assert second["supported_modalities"] == ["TEXT", "IMAGE"]


# --- laziness ---------------------------------------------------------------------------------


def test_importing_the_module_does_not_read_the_registry() -> None:
    probe = (
        "import goodmem._registry as r\n"
        "before = r._load.cache_info().currsize\n"
        "r.lookup_model('gpt-4o')\n"
        "print(before, r._load.cache_info().currsize)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True, cwd=ROOT
    )
    assert result.stdout.split() == ["0", "1"]
