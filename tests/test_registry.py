"""The model registry: its data file, the official registry's facts, lookups, dated snapshots,
suggestions, unknown-name messages, register_model, GOODMEM_MODELS, requires_api_key and the
create() defaults."""

from __future__ import annotations

import copy
import datetime
import enum
import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import goodmem
from goodmem import _registry
from goodmem._registry import (
    MODELS_FILE_VARIABLE,
    ModelInfo,
    ModelRegistration,
    default_endpoint_url,
    fill_create_defaults,
    known_models,
    lookup_model,
    register_model,
    requires_api_key,
    suggest_models,
    unregister_model,
)

ROOT = Path(__file__).resolve().parent.parent
REGISTRY_FILE = ROOT / "goodmem" / "_registry.json"
FIXTURES = ROOT / "tests" / "fixtures"
LOCAL_PROVIDERS = {"OLLAMA", "VLLM", "LLAMA_CPP", "LITELLM_PROXY"}
OPENAI_URL = "https://api.openai.com/v1"
ANTHROPIC_URL = "https://api.anthropic.com/v1"
GOOGLE_URL = "https://generativelanguage.googleapis.com/v1beta/openai"
MISTRAL_URL = "https://api.mistral.ai/v1"
DASHSCOPE_URL = "https://dashscope.aliyuncs.com"

# Where goodmem/_registry.json knowingly differs from the official registry (tests/fixtures/):
# (model, field) -> why. Each must still be a difference, or the test says to drop it.
DELIBERATE_DIFFERENCES = {
    ("gpt-4o", "supported_modalities"): (
        "OpenAI's model page: gpt-4o takes text and image input; audio input is "
        "gpt-4o-audio-preview, another model"
    ),
    ("gpt-4o-mini", "supported_modalities"): (
        "OpenAI's model page: gpt-4o-mini takes text and image input, no audio"
    ),
    ("o3-mini", "supported_modalities"): "OpenAI's model page: o3-mini takes text only, no images",
}


class ProviderType(str, enum.Enum):
    """Stands in for the generated LLMProviderType (a str-valued enum)."""

    OPENAI = "OPENAI"
    OPEN_ROUTER = "OPEN_ROUTER"
    OLLAMA = "OLLAMA"
    VLLM = "VLLM"
    CUSTOM_OPENAI_COMPATIBLE = "CUSTOM_OPENAI_COMPATIBLE"


class Modality(str, enum.Enum):
    TEXT = "TEXT"
    AUDIO = "AUDIO"


@pytest.fixture(autouse=True)
def isolated_registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts without GOODMEM_MODELS or registrations, and leaves none behind."""
    monkeypatch.delenv(MODELS_FILE_VARIABLE, raising=False)
    _registry._forget_models_file()
    before = {name: list(stack) for name, stack in _registry._registrations.items()}
    yield
    _registry._registrations.clear()
    _registry._registrations.update(before)
    _registry._forget_models_file()


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    """_registry.json as a dict, read directly."""
    data: dict[str, Any] = json.loads(REGISTRY_FILE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def official_file() -> Path:
    files = sorted(FIXTURES.glob("official_registry_*.json"))
    assert len(files) == 1, f"expected one official registry fixture in {FIXTURES}, got {files}"
    return files[0]


@pytest.fixture(scope="module")
def official(official_file: Path) -> dict[str, Any]:
    """The official SDK's registry facts, as copied into tests/fixtures/."""
    data: dict[str, Any] = json.loads(official_file.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def provider_types(spec: dict[str, Any]) -> set[str]:
    return set(spec["components"]["schemas"]["LLMProviderType"]["enum"])


@pytest.fixture(scope="module")
def modalities(spec: dict[str, Any]) -> set[str]:
    return set(spec["components"]["schemas"]["Modality"]["enum"])


def models_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str) -> Path:
    """A GOODMEM_MODELS file holding ``content``, announced in the environment."""
    path = tmp_path / "models.json"
    path.write_text(content, encoding="utf-8")
    monkeypatch.setenv(MODELS_FILE_VARIABLE, str(path))
    return path


# --- the data file ----------------------------------------------------------------------------


def test_file_has_a_comment_a_date_and_only_the_expected_sections(raw: dict[str, Any]) -> None:
    assert set(raw) == {"_comment", "checked", "providers", "hosts_requiring_api_key", "models"}
    assert "hand" in raw["_comment"].lower()
    assert datetime.date.fromisoformat(raw["checked"]) >= datetime.date(2026, 11, 30)


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
        "OPENAI": OPENAI_URL,
        "OPEN_ROUTER": "https://openrouter.ai/api/v1",
        "OLLAMA": "http://localhost:11434/v1",
        "VLLM": "http://localhost:8000/v1",
        "LLAMA_CPP": "http://localhost:8080/v1",
        "LITELLM_PROXY": "http://localhost:4000/v1",
        "DASHSCOPE": DASHSCOPE_URL,
    }


def test_every_model_entry_is_well_formed(
    raw: dict[str, Any], provider_types: set[str], modalities: set[str]
) -> None:
    assert len(raw["models"]) >= 46
    for name, entry in raw["models"].items():
        assert name and name == name.strip(), name
        assert set(entry) - {"endpoint_url"} == {
            "provider_type",
            "max_context_length",
            "supported_modalities",
        }, name
        assert entry["provider_type"] in provider_types, name
        # a model names its endpoint_url exactly when it is not the provider's default
        default = raw["providers"].get(entry["provider_type"])
        if default is None:
            assert urlsplit(entry["endpoint_url"]).scheme == "https", name
        else:
            assert "endpoint_url" not in entry, name
        length = entry["max_context_length"]
        assert type(length) is int and 1_000 <= length < 2**31, name
        mods = entry["supported_modalities"]
        assert set(mods) <= modalities, name
        assert mods[0] == "TEXT" and len(set(mods)) == len(mods), name


def test_names_are_unique_ignoring_case(raw: dict[str, Any]) -> None:
    names = list(raw["models"])
    assert len({n.casefold() for n in names}) == len(names)


def test_hosts_requiring_a_key_cover_every_hosted_default_and_no_local_one(
    raw: dict[str, Any],
) -> None:
    hosts = raw["hosts_requiring_api_key"]
    assert len(set(hosts)) == len(hosts)
    assert all(h == h.lower().strip(".") and "/" not in h for h in hosts)
    for provider, url in raw["providers"].items():
        host = urlsplit(url).hostname
        assert (host in hosts) == (provider not in LOCAL_PROVIDERS), provider


def test_each_family_points_at_its_vendor(raw: dict[str, Any]) -> None:
    """The families behind unknown-name messages agree with the built-in models they cover."""
    for family in _registry._FAMILIES:
        members = {n: e for n, e in raw["models"].items() if _registry._family(n) == family}
        assert members, f"no built-in model of {family.vendor}"
        endpoint = family.endpoint_url or raw["providers"][family.provider_type]
        for name, entry in members.items():
            entry_endpoint = entry.get("endpoint_url", raw["providers"].get(entry["provider_type"]))
            assert (entry["provider_type"], entry_endpoint) == (family.provider_type, endpoint), (
                name
            )


# --- the official registry's facts ------------------------------------------------------------


def _differences(official: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(model, field) -> what differs between our registry and the official one."""
    found: dict[tuple[str, str], str] = {}
    for name, facts in official["llms"].items():
        ours = lookup_model(name)
        if ours is None or ours.model_identifier != name:
            found[(name, "name")] = "missing from ours"
            continue
        if ours.provider_type != facts["provider_type"]:
            found[(name, "provider_type")] = f"ours {ours.provider_type}, official {facts}"
        if ours.max_context_length != facts["max_context_length"]:
            found[(name, "max_context_length")] = (
                f"ours {ours.max_context_length}, official {facts['max_context_length']}"
            )
        if set(ours.supported_modalities or ()) != set(facts["supported_modalities"]):
            found[(name, "supported_modalities")] = (
                f"ours {list(ours.supported_modalities or ())}, "
                f"official {facts['supported_modalities']}"
            )
        if ours.endpoint_url != default_endpoint_url(facts["provider_type"]):
            found[(name, "endpoint_url")] = f"ours {ours.endpoint_url}, official: the default"
    return found


def test_every_official_llm_is_a_shortcut_with_the_same_facts(
    official: dict[str, Any], official_file: Path
) -> None:
    found = _differences(official)
    unexplained = {k: v for k, v in found.items() if k not in DELIBERATE_DIFFERENCES}
    stale = sorted(set(DELIBERATE_DIFFERENCES) - set(found))
    lines = [f"  {name} {field}: {what}" for (name, field), what in sorted(unexplained.items())]
    lines += [
        f"  {name} {field}: listed as deliberate, but no longer differs" for name, field in stale
    ]
    assert not lines, (
        f"goodmem/_registry.json differs from the official registry ({official['package']}, "
        f"tests/fixtures/{official_file.name}):\n" + "\n".join(lines) + "\nFix: edit the "
        '"models" of goodmem/_registry.json to match and update its "checked" date; or, where '
        "the official fact is wrong, add (model, field) and why to DELIBERATE_DIFFERENCES in "
        "tests/test_registry.py (and remove entries that no longer differ)."
    )


def test_the_official_fixture_is_data_of_the_expected_shape(official: dict[str, Any]) -> None:
    assert official["package"] == "goodmem==0.1.43"
    assert len(official["llms"]) == 46
    for name, facts in official["llms"].items():
        assert set(facts) == {"provider_type", "max_context_length", "supported_modalities"}, name


def test_the_data_was_checked_when_the_fixture_was_copied_or_later(
    raw: dict[str, Any], official: dict[str, Any]
) -> None:
    assert raw["checked"] >= official["copied"], (
        f'goodmem/_registry.json says "checked": {raw["checked"]!r}, before the official '
        f"registry fixture was copied ({official['copied']}): compare, then update the date"
    )


def test_official_default_urls_agree(official: dict[str, Any]) -> None:
    for provider, facts in official["providers"].items():
        assert default_endpoint_url(provider) == facts["default_base_url"], provider


def test_every_url_the_official_registry_keys_needs_a_key_here(official: dict[str, Any]) -> None:
    for provider, facts in official["providers"].items():
        for url in facts["base_urls_requiring_api_key"]:
            assert requires_api_key("CUSTOM_OPENAI_COMPATIBLE", url), (provider, url)


# --- lookups ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "gpt-4o",
        "gpt-4o-mini",
        "gpt-4.1",
        "gpt-5",
        "gpt-5.1",
        "gpt-5.2",
        "gpt-5.2-pro",
        "gpt-5.5",
        "gpt-6.1-sol",
        "o1",
        "o3",
        "o3-mini",
        "o3-pro",
        "o4-mini",
        "claude-sonnet-4-5",
        "claude-haiku-4-5",
        "claude-opus-4-5",
        "gemini-2.5-pro",
        "gemini-3.7-flash",
        "mistral-large-latest",
        "codestral-latest",
        "open-mistral-nemo",
        "qwen3.7-max",
        "qwen-vl-max",
        "deepseek-v4-pro",
        "glm-5.3",
        "kimi-k3",
    ],
)
def test_expected_models_are_known(name: str) -> None:
    assert name in known_models()
    info = lookup_model(name)
    assert info is not None and info.model_identifier == name and info.snapshot_of is None


@pytest.mark.parametrize("name", ["o1-mini", "gemini-2.0-flash", "gemini-2.0-flash-lite"])
def test_retired_models_are_gone(name: str) -> None:
    assert lookup_model(name) is None


def test_lookup_returns_the_published_facts() -> None:
    assert lookup_model("gpt-4o-mini") == ModelInfo(
        model_identifier="gpt-4o-mini",
        provider_type="OPENAI",
        endpoint_url=OPENAI_URL,
        max_context_length=128_000,
        supported_modalities=("TEXT", "IMAGE"),
        requires_api_key=True,
    )
    assert lookup_model("qwen3.7-max") == ModelInfo(
        "qwen3.7-max", "DASHSCOPE", DASHSCOPE_URL, 1_000_000, ("TEXT",), True
    )
    claude = lookup_model("claude-sonnet-4-5")
    assert claude is not None
    assert (claude.endpoint_url, claude.max_context_length) == (ANTHROPIC_URL, 200_000)
    gemini = lookup_model("gemini-3.7-flash")
    assert gemini is not None
    assert gemini.max_context_length == 1_048_576
    assert set(gemini.supported_modalities or ()) == {"TEXT", "IMAGE", "AUDIO", "VIDEO"}


def test_lookup_agrees_with_the_file(raw: dict[str, Any]) -> None:
    for name, entry in raw["models"].items():
        info = lookup_model(name)
        assert info is not None
        assert info.provider_type == entry["provider_type"]
        url = entry.get("endpoint_url", raw["providers"].get(entry["provider_type"]))
        assert info.endpoint_url == url
        assert info.max_context_length == entry["max_context_length"]
        assert info.supported_modalities == tuple(entry["supported_modalities"])
        assert info.requires_api_key is True  # every built-in model is hosted


def test_lookup_ignores_case_and_returns_the_registry_spelling() -> None:
    info = lookup_model("GPT-4o-Mini")
    assert info is not None
    assert info.model_identifier == "gpt-4o-mini"
    assert info == lookup_model("gpt-4o-mini")


def test_lookup_of_an_unknown_model_is_none() -> None:
    assert lookup_model("gpt-4o-mni") is None
    assert lookup_model("") is None
    assert lookup_model("gpt-4o ") is None


def test_lookup_of_a_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="model_identifier: expected str, got NoneType"):
        lookup_model(None)  # type: ignore[arg-type]


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


# --- dated snapshots --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("gpt-4o-2024-08-06", "gpt-4o"),
        ("GPT-4o-Mini-2024-07-18", "gpt-4o-mini"),
        ("o3-mini-2025-01-31", "o3-mini"),
        ("gpt-4.1-2025-04-14", "gpt-4.1"),
        ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
        ("claude-haiku-4-5-20251001", "claude-haiku-4-5"),
    ],
)
def test_a_dated_snapshot_has_its_base_models_provider_endpoint_and_facts(
    name: str, base: str
) -> None:
    info, base_info = lookup_model(name), lookup_model(base)
    assert info is not None and base_info is not None
    assert info.model_identifier == name and info.snapshot_of == base
    assert info == ModelInfo(**{**vars(base_info), "model_identifier": name, "snapshot_of": base})


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("mistral-large-2411", "mistral-large-latest"),
        ("codestral-2501", "codestral-latest"),
        ("ministral-8b-2410", "ministral-8b-latest"),
        ("open-mistral-nemo-2407", "open-mistral-nemo"),
        ("qwen-plus-2025-07-28", "qwen-plus"),
        ("qwen3-max-2025-09-23", "qwen3-max"),
    ],
)
def test_a_snapshot_of_a_moving_alias_gets_provider_and_endpoint_but_not_its_facts(
    name: str, base: str
) -> None:
    info, base_info = lookup_model(name), lookup_model(base)
    assert info is not None and base_info is not None
    assert info.snapshot_of == base
    assert (info.provider_type, info.endpoint_url) == (
        base_info.provider_type,
        base_info.endpoint_url,
    )
    assert (info.max_context_length, info.supported_modalities) == (None, None)
    out = fill_create_defaults({"model_identifier": name})
    assert out == {
        "model_identifier": name,
        "provider_type": base_info.provider_type,
        "endpoint_url": base_info.endpoint_url,
    }


@pytest.mark.parametrize(
    "name",
    [
        "gpt-4o-2024-13-06",  # no month 13
        "gpt-4o-20240806",  # OpenAI dates with dashes
        "claude-sonnet-4-5-2025-09-29",  # Anthropic dates without
        "gpt-9-2030-01-01",  # no gpt-9 to be a snapshot of
        "gemini-2.5-flash-001",  # Gemini's versions are not resolved
        "qwen-plus-0728",
        "my-model-2024-08-06",  # not a known family
    ],
)
def test_other_dated_names_are_not_snapshots(name: str) -> None:
    assert lookup_model(name) is None


def test_create_defaults_for_a_snapshot_keep_the_callers_name() -> None:
    assert fill_create_defaults({"model_identifier": "gpt-4o-2024-08-06"}) == {
        "model_identifier": "gpt-4o-2024-08-06",
        "provider_type": "OPENAI",
        "endpoint_url": OPENAI_URL,
        "max_context_length": 128_000,
        "supported_modalities": ["TEXT", "IMAGE"],
    }


def test_a_snapshot_follows_a_registration_of_its_base() -> None:
    with register_model("gpt-4o", provider_type="LITELLM_PROXY", max_context_length=64_000):
        info = lookup_model("gpt-4o-2024-08-06")
        assert info is not None
        assert (info.provider_type, info.max_context_length) == ("LITELLM_PROXY", 64_000)
    registered_snapshot = register_model("gpt-4o-2024-05-13", provider_type="VLLM")
    info = lookup_model("gpt-4o-2024-05-13")
    assert info is not None and info.snapshot_of is None and info.provider_type == "VLLM"
    registered_snapshot.undo()


# --- suggestions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("gpt-4o-mni", "gpt-4o-mini"),
        ("gpt-4o-imni", "gpt-4o-mini"),  # two letters swapped
        ("gpt4.1-mini", "gpt-4.1-mini"),
        ("claude-sonet-4-5", "claude-sonnet-4-5"),
        ("GEMINI-2.5-FLSH", "gemini-2.5-flash"),
        ("o3-mni", "o3-mini"),
        ("qwen3.7-mx", "qwen3.7-max"),
    ],
)
def test_a_likely_typo_gets_the_name_meant(typo: str, meant: str) -> None:
    assert suggest_models(typo)[0] == meant


@pytest.mark.parametrize(
    "name",
    [
        "gpt-5.3",  # one edit from gpt-5.2 and gpt-5.1: other versions, not typos
        "gpt-4.2",
        "gpt-5.1-mini",
        "o2-mini",
        "o5",
        "glm-5.4",
        "kimi-k4",
        "qwen3.9-max",
        "claude-sonnet-4-6",
    ],
)
def test_another_version_is_never_suggested(name: str) -> None:
    assert suggest_models(name) == []
    with pytest.raises(ValueError) as caught:
        fill_create_defaults({"model_identifier": name})
    assert "did you mean" not in str(caught.value)


def test_no_known_name_is_suggested_for_another_version() -> None:
    for name in known_models():
        for suggestion in suggest_models(name):
            assert re.findall(r"\d", suggestion) == re.findall(r"\d", name), (name, suggestion)


def test_suggestions_respect_the_limit_and_the_distance() -> None:
    assert suggest_models("gpt-4o-mni", limit=1) == ["gpt-4o-mini"]
    assert suggest_models("gpt-4o-mni", limit=0) == []
    assert suggest_models("totally-unrelated-name") == []
    assert suggest_models("gpt-4o-mxyz") == []  # three edits
    assert suggest_models("o4-mnx") == []  # two edits: too many for a short name


def test_suggestions_include_registered_names() -> None:
    with register_model("corp-summarizer", provider_type="VLLM"):
        assert suggest_models("corp-sumarizer") == ["corp-summarizer"]


# --- messages for unknown names ---------------------------------------------------------------


def _message(fields: dict[str, object]) -> str:
    with pytest.raises(ValueError) as caught:
        fill_create_defaults(fields)
    return str(caught.value)


def test_an_unknown_name_of_a_known_family_shows_the_call_that_works() -> None:
    assert _message({"model_identifier": "gpt-5.4"}) == (
        "unknown model_identifier 'gpt-5.4': the registry does not know it, but it looks like an "
        'OpenAI model: pass provider_type="OPENAI" (endpoint_url then defaults to '
        "https://api.openai.com/v1), as in client.llms.create(display_name=..., "
        'model_identifier="gpt-5.4", provider_type="OPENAI", api_key=...)'
    )


def test_a_family_without_its_own_provider_type_names_the_endpoint_too() -> None:
    assert _message({"model_identifier": "claude-opus-4-20250514"}) == (
        "unknown model_identifier 'claude-opus-4-20250514': the registry does not know it, but "
        'it looks like an Anthropic Claude model: pass provider_type="CUSTOM_OPENAI_COMPATIBLE", '
        'endpoint_url="https://api.anthropic.com/v1", as in client.llms.create(display_name=..., '
        'model_identifier="claude-opus-4-20250514", provider_type="CUSTOM_OPENAI_COMPATIBLE", '
        'endpoint_url="https://api.anthropic.com/v1", api_key=...)'
    )


def test_an_open_weight_family_also_mentions_serving_it_yourself() -> None:
    message = _message({"model_identifier": "deepseek-v9"})
    assert 'looks like a DeepSeek model (served by DashScope): pass provider_type="DASHSCOPE"' in (
        message
    )
    assert message.endswith(
        "; for a copy on your own server, pass its provider_type instead (VLLM, OLLAMA, "
        "LLAMA_CPP or LITELLM_PROXY; endpoint_url defaults to that provider's port on localhost)"
    )


@pytest.mark.parametrize(
    ("name", "provider", "endpoint"),
    [
        ("gpt-5.4", "OPENAI", OPENAI_URL),
        ("o9-mini", "OPENAI", OPENAI_URL),
        ("claude-opus-5", "CUSTOM_OPENAI_COMPATIBLE", ANTHROPIC_URL),
        ("gemini-3.1-pro-preview", "CUSTOM_OPENAI_COMPATIBLE", GOOGLE_URL),
        ("mistral-huge-latest", "CUSTOM_OPENAI_COMPATIBLE", MISTRAL_URL),
        ("magistral-medium-latest", "CUSTOM_OPENAI_COMPATIBLE", MISTRAL_URL),
        ("qwen4-max", "DASHSCOPE", DASHSCOPE_URL),
        ("deepseek-v9", "DASHSCOPE", DASHSCOPE_URL),
        ("glm-6", "DASHSCOPE", DASHSCOPE_URL),
        ("kimi-k9", "DASHSCOPE", DASHSCOPE_URL),
    ],
)
def test_the_call_a_message_shows_works(name: str, provider: str, endpoint: str) -> None:
    message = _message({"model_identifier": name, "display_name": "x"})
    shown = re.search(r"create\((.*?)\)", message)
    assert shown is not None
    arguments = dict(re.findall(r'(provider_type|endpoint_url)="([^"]*)"', shown.group(1)))
    assert arguments["provider_type"] == provider
    assert "api_key=..." in shown.group(1)
    out = fill_create_defaults({"model_identifier": name, **arguments})
    assert (out["provider_type"], out["endpoint_url"]) == (provider, endpoint)


def test_an_unknown_name_of_no_known_family_lists_what_to_pass() -> None:
    assert _message({"model_identifier": "foo-model"}) == (
        "unknown model_identifier 'foo-model': pass provider_type, one of "
        "CUSTOM_OPENAI_COMPATIBLE, DASHSCOPE, LITELLM_PROXY, LLAMA_CPP, OLLAMA, OPENAI, "
        "OPEN_ROUTER, VLLM; endpoint_url then defaults to that provider's base URL, except for "
        "CUSTOM_OPENAI_COMPATIBLE, which needs endpoint_url too. goodmem.known_models() lists "
        "the models the registry knows; goodmem.register_model() adds one"
    )


@pytest.mark.parametrize(
    "name", ["gpt-oss-120b", "qwen3:8b", "Qwen/Qwen3-8B", "llama3.1:8b", "olmo-2"]
)
def test_locally_served_names_get_the_general_message(name: str) -> None:
    message = _message({"model_identifier": name})
    assert "looks like" not in message and "pass provider_type, one of" in message


def test_a_likely_typo_ends_the_message() -> None:
    message = _message({"model_identifier": "gpt-4o-mni", "display_name": "x"})
    assert message.startswith("unknown model_identifier 'gpt-4o-mni': ")
    assert 'provider_type="OPENAI"' in message
    assert message.endswith(" (did you mean gpt-4o-mini?)")
    assert _message({"model_identifier": "zzz-unheard-of"}).endswith(
        "goodmem.register_model() adds one"
    )


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
    assert out["endpoint_url"] == ANTHROPIC_URL
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
    assert out["endpoint_url"] == ANTHROPIC_URL


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


def test_an_unknown_model_of_a_known_family_with_provider_type_alone_is_filled() -> None:
    out = fill_create_defaults({"model_identifier": "gpt-5.4", "provider_type": "OPENAI"})
    assert out == {
        "model_identifier": "gpt-5.4",
        "provider_type": "OPENAI",
        "endpoint_url": OPENAI_URL,
    }


def test_unknown_model_with_provider_and_endpoint_is_passed_through() -> None:
    given: dict[str, object] = {
        "model_identifier": "my-model",
        "provider_type": "VLLM",
        "endpoint_url": "http://gpu-box:9000/v1",
        "supported_modalities": [Modality.TEXT, Modality.AUDIO],
    }
    assert fill_create_defaults(given) == given


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


@pytest.mark.parametrize("provider", ["OPEN_AI", "openai", ""])
def test_a_provider_type_that_is_no_llm_provider_type_is_named(provider: str) -> None:
    with pytest.raises(ValueError) as caught:
        fill_create_defaults({"model_identifier": "gpt-4o", "provider_type": provider})
    assert str(caught.value).startswith(
        f"provider_type: {provider!r} is not an LLMProviderType value; valid: "
    )


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
        {"model_identifier": "mistral-large-2411"},
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


# --- register_model ---------------------------------------------------------------------------


def test_a_registered_model_is_filled_in_like_a_built_in_one() -> None:
    registration = register_model(
        "corp-llm",
        provider_type="VLLM",
        endpoint_url="http://gpu-box:8000/v1",
        max_context_length=32_768,
        supported_modalities=["TEXT"],
    )
    assert isinstance(registration, ModelRegistration)
    assert registration.model == lookup_model("CORP-LLM")
    assert "corp-llm" in known_models()
    assert fill_create_defaults({"model_identifier": "corp-llm"}) == {
        "model_identifier": "corp-llm",
        "provider_type": "VLLM",
        "endpoint_url": "http://gpu-box:8000/v1",
        "max_context_length": 32_768,
        "supported_modalities": ["TEXT"],
    }
    registration.undo()
    assert lookup_model("corp-llm") is None
    assert "corp-llm" not in known_models()


def test_a_registration_without_facts_fills_only_provider_and_endpoint() -> None:
    with register_model("local-llama", provider_type="OLLAMA") as info:
        assert info == ModelInfo(
            "local-llama", "OLLAMA", "http://localhost:11434/v1", None, None, False
        )
        assert fill_create_defaults({"model_identifier": "local-llama"}) == {
            "model_identifier": "local-llama",
            "provider_type": "OLLAMA",
            "endpoint_url": "http://localhost:11434/v1",
        }


def test_a_registration_overrides_a_built_in_model_until_undone() -> None:
    built_in = lookup_model("gpt-4o")
    with register_model(
        "GPT-4o", provider_type="LITELLM_PROXY", endpoint_url="http://litellm:4000/v1"
    ) as info:
        assert lookup_model("gpt-4o") == info
        assert info.model_identifier == "GPT-4o" and info.provider_type == "LITELLM_PROXY"
        assert known_models().count("GPT-4o") == 1 and "gpt-4o" not in known_models()
    assert lookup_model("gpt-4o") == built_in


def test_registrations_of_one_name_stack_and_undo_in_any_order() -> None:
    first = register_model("stacked", provider_type="VLLM")
    second = register_model("Stacked", provider_type="OLLAMA")
    third = register_model("STACKED", provider_type="LLAMA_CPP")
    assert lookup_model("stacked") == third.model
    second.undo()
    assert lookup_model("stacked") == third.model
    third.undo()
    assert lookup_model("stacked") == first.model
    third.undo()  # again: no effect
    assert lookup_model("stacked") == first.model
    first.undo()
    assert lookup_model("stacked") is None


def test_a_with_block_undoes_the_registration_on_an_error() -> None:
    with pytest.raises(RuntimeError), register_model("temp-llm", provider_type="VLLM"):
        assert lookup_model("temp-llm") is not None
        raise RuntimeError
    assert lookup_model("temp-llm") is None


def test_unregister_model_removes_every_registration_but_not_built_ins() -> None:
    register_model("gpt-4o", provider_type="VLLM")
    register_model("gpt-4o", provider_type="OLLAMA")
    assert unregister_model("GPT-4O") is True
    info = lookup_model("gpt-4o")
    assert info is not None and info.provider_type == "OPENAI"
    assert unregister_model("gpt-4o") is False


def test_enum_arguments_are_stored_as_plain_strings() -> None:
    with register_model(
        "enum-llm",
        provider_type=ProviderType.VLLM,
        supported_modalities=[Modality.TEXT, Modality.AUDIO],
    ) as info:
        assert type(info.provider_type) is str and info.provider_type == "VLLM"
        assert info.supported_modalities == ("TEXT", "AUDIO")
        assert all(type(m) is str for m in info.supported_modalities)


def test_registrations_are_visible_from_every_thread() -> None:
    seen: list[ModelInfo | None] = []
    with register_model("shared-llm", provider_type="VLLM") as info:
        thread = threading.Thread(target=lambda: seen.append(lookup_model("shared-llm")))
        thread.start()
        thread.join()
    assert seen == [info]


def test_concurrent_registrations_and_lookups_stay_consistent() -> None:
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def work(n: int) -> None:
        try:
            barrier.wait()
            for i in range(200):
                with register_model(
                    f"load-{i % 5}", provider_type="VLLM", max_context_length=n + 1
                ):
                    info = lookup_model(f"load-{i % 5}")
                    assert info is not None and info.provider_type == "VLLM"
                    known_models()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert not any(name.startswith("load-") for name in known_models())


@pytest.mark.parametrize(
    ("name", "arguments", "error", "message"),
    [
        ("", {"provider_type": "VLLM"}, ValueError, "name: must be a model identifier"),
        (" m", {"provider_type": "VLLM"}, ValueError, "name: must be a model identifier"),
        ("m\n", {"provider_type": "VLLM"}, ValueError, "name: must be a model identifier"),
        (5, {"provider_type": "VLLM"}, TypeError, "name: expected str, got int"),
        ("m", {"provider_type": "OPEN_AI"}, ValueError, "provider_type: 'OPEN_AI' is not an "),
        ("m", {"provider_type": "openai"}, ValueError, "valid: CUSTOM_OPENAI_COMPATIBLE, "),
        ("m", {"provider_type": None}, TypeError, "provider_type: expected str, got NoneType"),
        (
            "m",
            {"provider_type": "CUSTOM_OPENAI_COMPATIBLE"},
            ValueError,
            "endpoint_url: required with provider_type CUSTOM_OPENAI_COMPATIBLE",
        ),
        (
            "m",
            {"provider_type": "VLLM", "endpoint_url": "ftp://h/v1"},
            ValueError,
            "endpoint_url: must be an http:// or https:// URL, got 'ftp://h/v1'",
        ),
        (
            "m",
            {"provider_type": "VLLM", "endpoint_url": "gpu-box:8000/v1"},
            ValueError,
            "endpoint_url: must be an http:// or https:// URL",
        ),
        (
            "m",
            {"provider_type": "VLLM", "endpoint_url": "http:///v1"},
            ValueError,
            "endpoint_url: must name a host",
        ),
        (
            "m",
            {"provider_type": "VLLM", "endpoint_url": "http://h:99999/v1"},
            ValueError,
            "endpoint_url: is not a valid URL",
        ),
        (
            "m",
            {"provider_type": "VLLM", "endpoint_url": "http://h/ v1"},
            ValueError,
            "endpoint_url: must be an http:// or https:// URL without spaces",
        ),
        ("m", {"provider_type": "VLLM", "endpoint_url": b"http://h"}, TypeError, "endpoint_url"),
        (
            "m",
            {"provider_type": "VLLM", "max_context_length": 0},
            ValueError,
            "max_context_length: must be 1 to 2147483647 tokens, got 0",
        ),
        ("m", {"provider_type": "VLLM", "max_context_length": 2**31}, ValueError, "got 2147"),
        (
            "m",
            {"provider_type": "VLLM", "max_context_length": "8k"},
            TypeError,
            "max_context_length: expected int or None, got str",
        ),
        ("m", {"provider_type": "VLLM", "max_context_length": True}, TypeError, "got bool"),
        (
            "m",
            {"provider_type": "VLLM", "supported_modalities": "TEXT"},
            TypeError,
            "supported_modalities: expected a list of Modality values or None, got str",
        ),
        (
            "m",
            {"provider_type": "VLLM", "supported_modalities": []},
            ValueError,
            "supported_modalities: must not be empty; pass None",
        ),
        (
            "m",
            {"provider_type": "VLLM", "supported_modalities": ["TEXT", "SMELL"]},
            ValueError,
            "supported_modalities[1]: 'SMELL' is not a Modality value; valid: AUDIO, IMAGE, ",
        ),
        (
            "m",
            {"provider_type": "VLLM", "supported_modalities": ["TEXT", "TEXT"]},
            ValueError,
            "supported_modalities[1]: 'TEXT' is listed twice",
        ),
        (
            "m",
            {"provider_type": "VLLM", "supported_modalities": [1]},
            TypeError,
            "supported_modalities[0]: expected str, got int",
        ),
        (
            "m",
            {"provider_type": "VLLM", "requires_api_key": "yes"},
            TypeError,
            "requires_api_key: expected bool or None, got str",
        ),
    ],
)
def test_register_model_names_the_argument_at_fault(
    name: object, arguments: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        register_model(name, **arguments)  # type: ignore[arg-type]
    assert message in str(caught.value)
    assert lookup_model("m") is None


def test_register_model_takes_its_options_by_keyword_only() -> None:
    with pytest.raises(TypeError):
        register_model("m", "VLLM")  # type: ignore[call-arg]


# --- GOODMEM_MODELS ---------------------------------------------------------------------------


def test_the_models_file_adds_and_overrides_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models_file(
        tmp_path,
        monkeypatch,
        json.dumps(
            {
                "corp-llm": {
                    "provider_type": "VLLM",
                    "endpoint_url": "http://gpu-box:8000/v1",
                    "max_context_length": 8192,
                    "supported_modalities": ["TEXT"],
                    "requires_api_key": True,
                },
                "gpt-4o": {"provider_type": "LITELLM_PROXY", "endpoint_url": "http://lite:4000/v1"},
            }
        ),
    )
    assert lookup_model("corp-llm") == ModelInfo(
        "corp-llm", "VLLM", "http://gpu-box:8000/v1", 8192, ("TEXT",), True
    )
    assert {"corp-llm", "gpt-4o"} <= set(known_models())
    gpt4o = lookup_model("gpt-4o")
    assert gpt4o is not None and gpt4o.provider_type == "LITELLM_PROXY"
    assert gpt4o.max_context_length is None  # the file's entry replaces the built-in one
    with register_model("corp-llm", provider_type="OLLAMA") as registered:
        assert lookup_model("corp-llm") == registered  # run-time registrations win
    assert unregister_model("corp-llm") is False
    info = lookup_model("corp-llm")
    assert info is not None and info.provider_type == "VLLM"


def test_the_models_file_is_read_once_on_the_first_lookup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = models_file(tmp_path, monkeypatch, '{"first": {"provider_type": "VLLM"}}')
    assert lookup_model("first") is not None
    path.write_text('{"second": {"provider_type": "VLLM"}}', encoding="utf-8")
    monkeypatch.setenv(MODELS_FILE_VARIABLE, str(tmp_path / "elsewhere.json"))
    assert lookup_model("first") is not None and lookup_model("second") is None


def test_an_empty_variable_means_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODELS_FILE_VARIABLE, "")
    assert known_models() == sorted(_registry._data().models)


def test_a_relative_path_is_read_from_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "models.json").write_text('{"rel-llm": {"provider_type": "OLLAMA"}}')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(MODELS_FILE_VARIABLE, "models.json")
    assert lookup_model("rel-llm") is not None


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"m": {"provider_type": "VLLM" "x"}}', "is not JSON: Expecting ',' delimiter (line 1, "),
        ("", "is not JSON: Expecting value (line 1, column 1)"),
        ('["m"]', "must hold a JSON object mapping model names to entries, not an array"),
        ('{"m": "VLLM"}', "model 'm': must be an object with provider_type, not a string"),
        ('{"m": {}}', "model 'm': provider_type is required"),
        (
            '{"m": {"provider_type": "VLLM", "context_length": 8}}',
            "model 'm': unknown key 'context_length'; valid keys: provider_type, endpoint_url, "
            "max_context_length, supported_modalities, requires_api_key",
        ),
        (
            '{"m": {"provider_type": "OPEN_AI"}}',
            "model 'm': provider_type: 'OPEN_AI' is not an LLMProviderType value; valid: ",
        ),
        (
            '{"m": {"provider_type": "VLLM", "max_context_length": "8192"}}',
            "model 'm': max_context_length: expected int or None, got str",
        ),
        (
            '{"m": {"provider_type": "CUSTOM_OPENAI_COMPATIBLE"}}',
            "model 'm': endpoint_url: required with provider_type CUSTOM_OPENAI_COMPATIBLE",
        ),
        (
            '{"m": {"provider_type": "VLLM"}, "M": {"provider_type": "OLLAMA"}}',
            "model 'M': listed twice (names are compared ignoring case: 'm')",
        ),
        (
            '{"m": {"provider_type": "VLLM", "provider_type": "OLLAMA"}}',
            "key 'provider_type' appears twice in one object",
        ),
        ('{"": {"provider_type": "VLLM"}}', "model '': name: must be a model identifier"),
    ],
)
def test_a_broken_models_file_names_the_variable_the_file_and_the_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, problem: str
) -> None:
    path = models_file(tmp_path, monkeypatch, content)
    with pytest.raises(ValueError) as caught:
        lookup_model("gpt-4o")
    assert str(caught.value).startswith(f"GOODMEM_MODELS file {path}: ")
    assert problem in str(caught.value)
    # still broken on the next lookup, and create() reports it too
    with pytest.raises(ValueError, match="GOODMEM_MODELS file"):
        fill_create_defaults({"model_identifier": "gpt-4o"})


def test_an_unreadable_models_file_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MODELS_FILE_VARIABLE, str(tmp_path / "missing.json"))
    with pytest.raises(ValueError) as caught:
        known_models()
    assert str(caught.value) == (
        f"GOODMEM_MODELS file {tmp_path / 'missing.json'}: cannot be read: "
        "No such file or directory"
    )
    (tmp_path / "latin1.json").write_bytes(b'{"caf\xe9": {"provider_type": "VLLM"}}')
    monkeypatch.setenv(MODELS_FILE_VARIABLE, str(tmp_path / "latin1.json"))
    with pytest.raises(ValueError, match=r"latin1.json: is not UTF-8 text"):
        known_models()


def test_a_fixed_models_file_is_read_on_the_next_lookup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = models_file(tmp_path, monkeypatch, "{")
    with pytest.raises(ValueError):
        lookup_model("m")
    path.write_text('{"m": {"provider_type": "VLLM"}}')
    assert lookup_model("m") is not None


# --- requires_api_key -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("provider", "url"),
    [
        ("OPENAI", None),
        ("OPEN_ROUTER", None),
        ("DASHSCOPE", None),
        ("OPENAI", OPENAI_URL),
        ("OPENAI", "HTTPS://API.OpenAI.COM/v1/"),
        ("OPENAI", "https://api.openai.com:443/v1"),
        ("OPENAI", "https://api.openai.com./v1"),
        ("OPENAI", "https://api.openai.com"),
        ("CUSTOM_OPENAI_COMPATIBLE", ANTHROPIC_URL),
        ("CUSTOM_OPENAI_COMPATIBLE", "https://api.anthropic.com/v1/"),
        ("CUSTOM_OPENAI_COMPATIBLE", GOOGLE_URL),
        ("CUSTOM_OPENAI_COMPATIBLE", MISTRAL_URL),
        ("DASHSCOPE", "https://dashscope-intl.aliyuncs.com"),
        ("CUSTOM_OPENAI_COMPATIBLE", "https://dashscope.aliyuncs.com/compatible-mode/v1"),
        ("LITELLM_PROXY", OPENAI_URL),  # the host decides, whatever the provider_type
    ],
)
def test_hosted_endpoints_require_a_key(provider: str, url: str | None) -> None:
    assert requires_api_key(provider, url) is True


@pytest.mark.parametrize(
    ("provider", "url"),
    [
        ("VLLM", None),
        ("OLLAMA", None),
        ("LLAMA_CPP", None),
        ("LITELLM_PROXY", None),
        ("VLLM", "http://gpu-box:8000/v1"),
        ("OPENAI", "https://gateway.example.com/v1"),  # a proxy: unknown
        ("CUSTOM_OPENAI_COMPATIBLE", "https://api.openai.com:8443/v1"),  # another port
        ("CUSTOM_OPENAI_COMPATIBLE", "https://api.openai.com.example.net/v1"),
        ("CUSTOM_OPENAI_COMPATIBLE", "https://eu.api.openai.com/v1"),
    ],
)
def test_local_and_unknown_endpoints_do_not(provider: str, url: str | None) -> None:
    assert requires_api_key(provider, url) is False


def test_requires_api_key_accepts_enums_and_checks_its_arguments() -> None:
    assert requires_api_key(ProviderType.OPENAI) is True
    with pytest.raises(ValueError, match="provider_type: 'OPEN_AI' is not an LLMProviderType"):
        requires_api_key("OPEN_AI", OPENAI_URL)
    with pytest.raises(ValueError, match="endpoint_url: required with provider_type CUSTOM_"):
        requires_api_key("CUSTOM_OPENAI_COMPATIBLE")
    with pytest.raises(ValueError, match="endpoint_url: must be an http:// or https:// URL"):
        requires_api_key("OPENAI", "api.openai.com/v1")
    with pytest.raises(TypeError, match="endpoint_url: expected str, got int"):
        requires_api_key("OPENAI", 443)  # type: ignore[arg-type]


def test_a_registered_model_decides_for_its_own_endpoint() -> None:
    corp = "https://llm.corp.example/v1"
    register_model("corp-llm", provider_type="CUSTOM_OPENAI_COMPATIBLE", endpoint_url=corp)
    assert requires_api_key("CUSTOM_OPENAI_COMPATIBLE", corp, model_identifier="corp-llm") is False
    with register_model(
        "corp-llm",
        provider_type="CUSTOM_OPENAI_COMPATIBLE",
        endpoint_url=corp,
        requires_api_key=True,
    ) as info:
        assert info.requires_api_key is True
        for same in (corp, "HTTPS://LLM.corp.example:443/v1/"):
            assert requires_api_key("CUSTOM_OPENAI_COMPATIBLE", same, model_identifier="corp-llm")
        # another endpoint, or no model: the endpoint alone decides
        assert not requires_api_key(
            "CUSTOM_OPENAI_COMPATIBLE", "https://other.example/v1", model_identifier="corp-llm"
        )
        assert not requires_api_key("CUSTOM_OPENAI_COMPATIBLE", corp)
    with register_model("keyless-gpt", provider_type="OPENAI", requires_api_key=False):
        assert requires_api_key("OPENAI", model_identifier="keyless-gpt") is False
        assert requires_api_key("OPENAI", model_identifier="gpt-4o") is True


def test_a_declaration_also_holds_for_snapshots() -> None:
    with register_model("gpt-4o", provider_type="OPENAI", requires_api_key=False):
        assert requires_api_key("OPENAI", model_identifier="gpt-4o-2024-08-06") is False


# --- the public surface and laziness ----------------------------------------------------------


def test_the_package_exports_the_registry_api() -> None:
    for name in (
        "ModelInfo",
        "ModelRegistration",
        "default_endpoint_url",
        "known_models",
        "lookup_model",
        "register_model",
        "requires_api_key",
        "unregister_model",
    ):
        assert name in goodmem.__all__
        assert getattr(goodmem, name) is getattr(_registry, name)


def test_importing_goodmem_reads_neither_the_registry_nor_goodmem_models(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    probe = (
        "import os, goodmem, goodmem._registry as r\n"
        "print(r._data.cache_info().currsize, r._builtin_models.cache_info().currsize)\n"
        "try:\n"
        "    goodmem.lookup_model('gpt-4o')\n"
        "except ValueError as exc:\n"
        "    print(exc)\n"
        "del os.environ['GOODMEM_MODELS']\n"
        "r._forget_models_file()\n"
        "print(goodmem.lookup_model('gpt-4o').max_context_length, r._data.cache_info().currsize)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", MODELS_FILE_VARIABLE: str(broken)},
    )
    assert result.stdout.splitlines() == [
        "0 0",
        f"GOODMEM_MODELS file {broken}: is not JSON: Expecting property name enclosed in double "
        "quotes (line 1, column 2)",
        "128000 1",
    ]


def test_the_docs_models_file_example_loads_and_its_error_is_real(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (ROOT / "docs" / "reference" / "registry.md").read_text()
    section = page.split("## Deployments", 1)[1]
    example = section.split("```text\n", 1)[1].split("```", 1)[0]
    models_file(tmp_path, monkeypatch, example)
    llama = lookup_model("corp-llama")
    assert llama is not None and llama.endpoint_url == "http://gpu-box.internal:8000/v1"
    broken = json.loads(example)
    broken["corp-llama"]["provider_type"] = "vllm"
    path = models_file(tmp_path, monkeypatch, json.dumps(broken))
    _registry._forget_models_file()
    with pytest.raises(ValueError) as caught:
        lookup_model("corp-llama")
    shown = " ".join(section.split("instance\n`", 1)[1].split("`", 1)[0].split())
    assert shown.endswith(", ...")
    real = str(caught.value).replace(str(path), "/etc/goodmem/models.json")
    assert real.startswith(shown.removesuffix(", ..."))
