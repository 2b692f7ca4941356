"""Well-known chat models and provider base URLs, used to fill in ``llms.create()`` arguments.

A name resolves through three layers, the later winning (names compare ignoring case): the
built-in facts in ``_registry.json`` (data edited by hand), the JSON file named by the
environment variable GOODMEM_MODELS, and ``register_model()`` calls. Both files are read on the
first lookup, not at import, and then kept for the life of the process. A dated snapshot of a
known model (``gpt-4o-2024-08-06``) resolves to its base model.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import cache, lru_cache
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from ._generated.models.llm_provider_type import LLMProviderType
    from ._generated.models.modality import Modality

__all__ = [
    "MODELS_FILE_VARIABLE",
    "ModelInfo",
    "ModelRegistration",
    "default_endpoint_url",
    "fill_create_defaults",
    "known_models",
    "lookup_model",
    "register_model",
    "requires_api_key",
    "suggest_models",
    "unregister_model",
]

MODELS_FILE_VARIABLE = "GOODMEM_MODELS"
"""The environment variable naming a JSON file of extra models (read on the first lookup)."""

_ENTRY_KEYS = (
    "provider_type",
    "endpoint_url",
    "max_context_length",
    "supported_modalities",
    "requires_api_key",
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_INT32_MAX = 2**31 - 1


@dataclass(frozen=True)
class ModelInfo:
    """What the registry knows about a model: what `llms.create()` fills in for it.

    `model_identifier` is the registry's spelling of the name (for a dated snapshot, the name
    looked up); `provider_type` an LLMProviderType value; `endpoint_url` the base URL of the API;
    `max_context_length` the context window in tokens and `supported_modalities` the Modality
    values it takes in, each None when the registry leaves it to the server; `requires_api_key`
    whether calls to the model need an API key (see `goodmem.requires_api_key`); `snapshot_of`
    the registry name of the base model when `model_identifier` is a dated snapshot of it.
    """

    model_identifier: str
    provider_type: str
    endpoint_url: str
    max_context_length: int | None
    supported_modalities: tuple[str, ...] | None
    requires_api_key: bool
    snapshot_of: str | None = None


# --- the built-in data ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Data:
    providers: dict[str, str]  # provider_type -> default base URL
    key_hosts: frozenset[str]  # hosts of APIs that refuse calls without an API key
    models: dict[str, dict[str, Any]]  # name as written -> entry, unchecked


@cache
def _data() -> _Data:
    """_registry.json, parsed; read once, on first call."""
    from importlib import resources  # on first lookup: `import goodmem` stays light

    text = resources.files("goodmem").joinpath("_registry.json").read_text(encoding="utf-8")
    raw: dict[str, Any] = json.loads(text)
    return _Data(
        providers=dict(raw["providers"]),
        key_hosts=frozenset(raw["hosts_requiring_api_key"]),
        models=dict(raw["models"]),
    )


@cache
def _builtin_models() -> dict[str, ModelInfo]:
    """The built-in models by casefolded name, checked like register_model()'s arguments."""
    return {
        name.casefold(): _model_info(name, **{key: entry.get(key) for key in _ENTRY_KEYS})
        for name, entry in _data().models.items()
    }


# --- checking arguments -----------------------------------------------------------------------


def _plain_str(value: object, argument: str) -> str:
    """``value`` as a plain str; accepts str, str subclasses and enums with str values."""
    if isinstance(value, Enum):
        value = value.value
    if not isinstance(value, str):
        raise TypeError(f"{argument}: expected str, got {type(value).__name__}")
    return str.__str__(value)


def _provider_value(value: object, argument: str = "provider_type") -> str:
    """``value`` as an LLMProviderType value (a plain str); raises naming ``argument``."""
    text = _plain_str(value, argument)
    valid = _provider_values()
    if text not in valid:
        raise ValueError(
            f"{argument}: {text!r} is not an LLMProviderType value; valid: {', '.join(valid)}"
        )
    return text


@cache
def _provider_values() -> tuple[str, ...]:
    from ._generated.models.llm_provider_type import LLMProviderType  # not at import

    return tuple(member.value for member in LLMProviderType)


def _model_name(value: object) -> str:
    name = _plain_str(value, "name")
    if not name or name != name.strip() or not name.isprintable():
        raise ValueError(
            "name: must be a model identifier: not empty, no surrounding whitespace, "
            f"no control characters; got {name!r}"
        )
    return name


@lru_cache(maxsize=256)
def _url_problem(url: str) -> str | None:
    """Why ``url`` is not an http(s) URL with a host, or None when it is one."""
    if not url or any(ch.isspace() for ch in url):
        return "must be an http:// or https:// URL without spaces"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a bad port)
    except ValueError as exc:
        return f"is not a valid URL ({exc})"
    if parts.scheme.lower() not in _DEFAULT_PORTS:
        return "must be an http:// or https:// URL"
    if not parts.hostname:
        return "must name a host, as in https://host/v1"
    return None


def _endpoint_of(provider: str, endpoint_url: object) -> str:
    """`endpoint_url` checked, or `provider`'s default base URL when it is None."""
    if endpoint_url is not None:
        return _http_url(endpoint_url, "endpoint_url")
    url = _data().providers.get(provider)
    if url is None:
        raise ValueError(
            f"endpoint_url: required with provider_type {provider}, which has no default base URL"
        )
    return url


def _http_url(value: object, argument: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{argument}: expected str, got {type(value).__name__}")
    url = str.__str__(value)
    problem = _url_problem(url)
    if problem is not None:
        raise ValueError(f"{argument}: {problem}, got {url!r}")
    return url


def _context_length(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_context_length: expected int or None, got {type(value).__name__}")
    if not 1 <= value <= _INT32_MAX:
        raise ValueError(f"max_context_length: must be 1 to {_INT32_MAX} tokens, got {value}")
    return int(value)


def _modalities(value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise TypeError(
            "supported_modalities: expected a list of Modality values or None, "
            f"got {type(value).__name__}"
        )
    from ._generated.models.modality import Modality  # not at import

    valid = [member.value for member in Modality]
    found: list[str] = []
    for index, item in enumerate(value):
        argument = f"supported_modalities[{index}]"
        text = _plain_str(item, argument)
        if text not in valid:
            raise ValueError(
                f"{argument}: {text!r} is not a Modality value; valid: {', '.join(valid)}"
            )
        if text in found:
            raise ValueError(f"{argument}: {text!r} is listed twice")
        found.append(text)
    if not found:
        raise ValueError(
            "supported_modalities: must not be empty; pass None to leave it to the server"
        )
    return tuple(found)


def _model_info(
    name: object,
    provider_type: object,
    endpoint_url: object,
    max_context_length: object,
    supported_modalities: object,
    requires_api_key: object,
) -> ModelInfo:
    """A checked ModelInfo; raises TypeError or ValueError naming the argument at fault."""
    model = _model_name(name)
    provider = _provider_value(provider_type)
    url = _endpoint_of(provider, endpoint_url)
    length = _context_length(max_context_length)
    modalities = _modalities(supported_modalities)
    if requires_api_key is None:
        needs_key = _host_requires_key(url)
    elif isinstance(requires_api_key, bool):
        needs_key = requires_api_key
    else:
        raise TypeError(
            f"requires_api_key: expected bool or None, got {type(requires_api_key).__name__}"
        )
    return ModelInfo(model, provider, url, length, modalities, needs_key)


# --- run-time registrations and the GOODMEM_MODELS file ---------------------------------------

_lock = threading.RLock()
_registrations: dict[str, list[ModelRegistration]] = {}  # casefolded name -> oldest first
_file_models: dict[str, ModelInfo] | None = None  # None: GOODMEM_MODELS not read yet


class ModelRegistration:
    """A shortcut added by `register_model()`; `undo()`, or the end of a `with` block, removes it.

    `model` is the `ModelInfo` that lookups return for the name while the registration is the
    newest one for it. `with register_model(...) as info:` gives that `ModelInfo`. Dropping the
    object does not remove the registration: it lasts until undone or the process ends.
    """

    def __init__(self, model: ModelInfo) -> None:
        self.model = model

    def undo(self) -> None:
        """Remove this registration (again: no effect).

        The name then resolves to its newest remaining registration, else to the GOODMEM_MODELS
        file, else to the built-in entry, else to nothing.
        """
        key = self.model.model_identifier.casefold()
        with _lock:
            stack = _registrations.get(key, [])
            if self in stack:
                stack.remove(self)
                if not stack:
                    del _registrations[key]

    def __enter__(self) -> ModelInfo:
        return self.model

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.undo()

    def __repr__(self) -> str:
        return f"<ModelRegistration {self.model.model_identifier!r}>"


def register_model(
    name: str,
    *,
    provider_type: LLMProviderType | str,
    endpoint_url: str | None = None,
    max_context_length: int | None = None,
    supported_modalities: Sequence[Modality | str] | None = None,
    requires_api_key: bool | None = None,
) -> ModelRegistration:
    """Add a model shortcut, or override one, for the whole process (all threads and clients).

    From then on `llms.create(model_identifier=name)` fills what is registered here, as for a
    built-in model; the name is matched ignoring case and wins over the built-in entry and the
    GOODMEM_MODELS file. `provider_type` is required (an LLMProviderType value);
    `endpoint_url` defaults to the provider's base URL and is required for
    CUSTOM_OPENAI_COMPATIBLE, which has none; `max_context_length` (tokens) and
    `supported_modalities` (Modality values) left as None are not filled in. `requires_api_key`
    declares whether calls to the model need a key; None decides it from the endpoint, as
    `goodmem.requires_api_key` does.

    Returns a `ModelRegistration`: its `undo()`, or a `with` block, removes the registration
    again (useful in tests). Registering a name twice stacks: undoing the newer registration
    brings back the older one.

    Raises TypeError or ValueError, naming the argument, for a value of the wrong type or that
    the server would refuse: a provider_type that is not an LLMProviderType value, an
    endpoint_url that is not an http(s) URL, a context length outside 1..2**31-1, an empty or
    unknown modality.
    """
    info = _model_info(
        name,
        provider_type,
        endpoint_url,
        max_context_length,
        supported_modalities,
        requires_api_key,
    )
    registration = ModelRegistration(info)
    with _lock:
        _registrations.setdefault(info.model_identifier.casefold(), []).append(registration)
    return registration


def unregister_model(name: str) -> bool:
    """Remove every `register_model()` registration of ``name`` (case ignored).

    Returns True if there was one. Built-in models and those of the GOODMEM_MODELS file are not
    removed: the name resolves to them again.
    """
    key = _model_name(name).casefold()
    with _lock:
        return _registrations.pop(key, None) is not None


def _models_from_file() -> dict[str, ModelInfo]:
    """The models of the GOODMEM_MODELS file by casefolded name; read on the first call."""
    global _file_models
    with _lock:
        if _file_models is None:
            _file_models = _read_models_file(os.environ.get(MODELS_FILE_VARIABLE, ""))
        return _file_models


def _forget_models_file() -> None:
    """Make the next lookup read GOODMEM_MODELS again (for tests)."""
    global _file_models
    with _lock:
        _file_models = None


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"key {key!r} appears twice in one object")
        result[key] = value
    return result


def _read_models_file(value: str) -> dict[str, ModelInfo]:
    """The models of the file named ``value`` (nothing when empty); ValueError if it is broken."""
    if not value:
        return {}
    path = os.path.abspath(value)

    def broken(problem: str) -> ValueError:
        return ValueError(f"{MODELS_FILE_VARIABLE} file {path}: {problem}")

    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except OSError as exc:
        raise broken(f"cannot be read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise broken(f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    try:
        raw = json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise broken(f"is not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from exc
    except ValueError as exc:
        raise broken(str(exc)) from exc
    if not isinstance(raw, dict):
        raise broken(
            f"must hold a JSON object mapping model names to entries, not {_json_type(raw)}"
        )
    models: dict[str, ModelInfo] = {}
    for name, entry in raw.items():
        where = f"model {name!r}"
        if not isinstance(entry, dict):
            raise broken(f"{where}: must be an object with provider_type, not {_json_type(entry)}")
        unknown = [key for key in entry if key not in _ENTRY_KEYS]
        if unknown:
            raise broken(
                f"{where}: unknown key {unknown[0]!r}; valid keys: {', '.join(_ENTRY_KEYS)}"
            )
        if "provider_type" not in entry:
            raise broken(f"{where}: provider_type is required")
        try:
            info = _model_info(name, **{key: entry.get(key) for key in _ENTRY_KEYS})
        except (TypeError, ValueError) as exc:
            raise broken(f"{where}: {exc}") from exc
        key = info.model_identifier.casefold()
        if key in models:
            raise broken(
                f"{where}: listed twice (names are compared ignoring case: "
                f"{models[key].model_identifier!r})"
            )
        models[key] = info
    return models


# --- families and dated snapshots -------------------------------------------------------------

_DATE = r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"  # 2024-08-06
_DATE_COMPACT = r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"  # 20250514
_YEAR_MONTH = r"\d\d(?:0[1-9]|1[0-2])"  # 2411


@dataclass(frozen=True)
class _Family:
    """A vendor's naming scheme: how its models are reached, and how it dates snapshots."""

    vendor: str  # for messages: "an OpenAI model"
    names: str  # regex matched at the start of the casefolded name
    provider_type: str
    endpoint_url: str | None = None  # None: the provider's default base URL
    open_weights: bool = False  # others serve it too (vLLM, Ollama, ...)
    snapshot: str | None = None  # regex for a whole dated name; group "base" is the base
    snapshot_bases: tuple[str, ...] = ("",)  # suffixes tried after "base", in order
    snapshot_facts: bool = True  # the base's context window and modalities hold for snapshots


_FAMILIES = (
    # gpt-oss is open-weight: OpenAI's API does not serve it
    _Family(
        "an OpenAI model",
        r"gpt-(?!oss)|o\d",
        "OPENAI",
        snapshot=rf"(?P<base>.+)-{_DATE}",
    ),
    _Family(
        "an Anthropic Claude model",
        r"claude-",
        "CUSTOM_OPENAI_COMPATIBLE",
        "https://api.anthropic.com/v1",
        snapshot=rf"(?P<base>.+)-{_DATE_COMPACT}",
    ),
    _Family(
        "a Google Gemini model",
        r"gemini-",
        "CUSTOM_OPENAI_COMPATIBLE",
        "https://generativelanguage.googleapis.com/v1beta/openai",
    ),
    # mistral-large-2411 is a snapshot of what mistral-large-latest named then: the -latest
    # entry's facts may have moved on since
    _Family(
        "a Mistral model",
        r"mistral-|codestral-|ministral-|pixtral-|open-mistral-|magistral-|devstral-",
        "CUSTOM_OPENAI_COMPATIBLE",
        "https://api.mistral.ai/v1",
        open_weights=True,
        snapshot=rf"(?P<base>.+)-{_YEAR_MONTH}",
        snapshot_bases=("-latest", ""),
        snapshot_facts=False,
    ),
    # DashScope's dated Qwen snapshots differ in context window from the current model
    _Family(
        "a Qwen model (Alibaba Cloud DashScope)",
        r"qwen",
        "DASHSCOPE",
        open_weights=True,
        snapshot=rf"(?P<base>.+)-{_DATE}",
        snapshot_facts=False,
    ),
    _Family("a DeepSeek model (served by DashScope)", r"deepseek-", "DASHSCOPE", open_weights=True),
    _Family("a Zhipu GLM model (served by DashScope)", r"glm-", "DASHSCOPE", open_weights=True),
    _Family(
        "a Moonshot Kimi model (served by DashScope)", r"kimi-", "DASHSCOPE", open_weights=True
    ),
)


def _family(folded: str) -> _Family | None:
    """The family a casefolded name belongs to, if any."""
    if ":" in folded or "/" in folded:
        return None  # an Ollama tag (qwen3:8b) or a Hugging Face repo id: served locally
    return next((f for f in _FAMILIES if re.match(f.names, folded)), None)


def _named(folded: str) -> ModelInfo | None:
    """The entry for a casefolded name: the newest registration, the file, the built-ins."""
    with _lock:
        stack = _registrations.get(folded)
        if stack:
            return stack[-1].model
    found = _models_from_file().get(folded)
    return found if found is not None else _builtin_models().get(folded)


def _snapshot(name: str) -> ModelInfo | None:
    """``name`` as a dated snapshot of a known model, or None."""
    folded = name.casefold()
    family = _family(folded)
    if family is None or family.snapshot is None:
        return None
    match = re.fullmatch(family.snapshot, folded)
    if match is None:
        return None
    for suffix in family.snapshot_bases:
        base = _named(match["base"] + suffix)
        if base is not None:
            facts: dict[str, Any] = {}
            if not family.snapshot_facts:
                facts = {"max_context_length": None, "supported_modalities": None}
            return replace(base, model_identifier=name, snapshot_of=base.model_identifier, **facts)
    return None


# --- lookups ----------------------------------------------------------------------------------


def lookup_model(model_identifier: str) -> ModelInfo | None:
    """The registry entry for a model, or None when the registry does not know it.

    The name is matched ignoring case, against `register_model()` registrations first, then
    the GOODMEM_MODELS file, then the built-in models; the returned `model_identifier` is the
    registry's spelling. Failing those, a dated snapshot of a known model resolves to that
    model's provider and endpoint, with `snapshot_of` set: OpenAI's `-YYYY-MM-DD`
    (`gpt-4o-2024-08-06`), Anthropic's `-YYYYMMDD`, Mistral's `-YYMM` (`mistral-large-2411`
    for `mistral-large-latest`) and Qwen's `-YYYY-MM-DD`. Its context window and modalities
    are the base model's for OpenAI and Anthropic, and None for Mistral and Qwen, whose dated
    versions differ from the current one.

    Raises ValueError when the GOODMEM_MODELS file is broken (on the first lookup, when it is
    read).
    """
    name = _plain_str(model_identifier, "model_identifier")
    found = _named(name.casefold())
    return found if found is not None else _snapshot(name)


def known_models() -> list[str]:
    """The names of all models the registry knows, sorted.

    Built-in models, those of the GOODMEM_MODELS file and `register_model()` registrations, in
    the registry's spelling; dated snapshots are not listed.
    """
    names = {key: info.model_identifier for key, info in _builtin_models().items()}
    names.update({key: info.model_identifier for key, info in _models_from_file().items()})
    with _lock:
        names.update(
            {key: stack[-1].model.model_identifier for key, stack in _registrations.items()}
        )
    return sorted(names.values())


def default_endpoint_url(provider_type: str) -> str | None:
    """The provider's default base URL, or None when it has none.

    ``provider_type`` is an LLMProviderType value or enum member. CUSTOM_OPENAI_COMPATIBLE and
    unknown values have no default.
    """
    return _data().providers.get(_plain_str(provider_type, "provider_type"))


@lru_cache(maxsize=256)
def _canonical_url(url: str) -> tuple[str, str, int | None, str, str]:
    """``url`` compared as the server does: scheme and host case, default port, trailing /."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = None if parts.port == _DEFAULT_PORTS.get(scheme) else parts.port
    return scheme, (parts.hostname or "").rstrip("."), port, parts.path.rstrip("/"), parts.query


@lru_cache(maxsize=256)
def _host_requires_key(url: str) -> bool:
    parts = urlsplit(url)
    port = parts.port
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        return False
    return (parts.hostname or "").rstrip(".") in _data().key_hosts


def requires_api_key(
    provider_type: LLMProviderType | str,
    endpoint_url: str | None = None,
    *,
    model_identifier: str | None = None,
) -> bool:
    """Whether an LLM at this endpoint needs an API key (credentials) to be called.

    True when the endpoint's host is a hosted API known to refuse calls without a key: OpenAI
    (api.openai.com), OpenRouter (openrouter.ai), Anthropic (api.anthropic.com), Google
    (generativelanguage.googleapis.com), Mistral (api.mistral.ai) and Alibaba Cloud DashScope
    (dashscope.aliyuncs.com and its -intl, -us and cn-hongkong hosts). The host is compared
    ignoring case, a trailing dot, the scheme and the path; a port other than the scheme's
    default makes it another endpoint. False for everything else, among them the local
    providers (VLLM, OLLAMA, LLAMA_CPP, LITELLM_PROXY) and any endpoint not known to need a key.

    `endpoint_url` defaults to the provider's base URL (required for CUSTOM_OPENAI_COMPATIBLE,
    which has none). With `model_identifier`, a model the registry knows decides for its own
    endpoint: a model registered with `requires_api_key=True` or `False` answers that when
    `endpoint_url` is its endpoint (compared ignoring scheme and host case, a default port and
    a trailing slash).

    Raises TypeError or ValueError, naming the argument, for a provider_type that is not an
    LLMProviderType value or an endpoint_url that is not an http(s) URL.
    """
    provider = _provider_value(provider_type)
    url = _endpoint_of(provider, endpoint_url)
    if model_identifier is not None:
        info = lookup_model(model_identifier)
        if info is not None and _canonical_url(info.endpoint_url) == _canonical_url(url):
            return info.requires_api_key
    return _host_requires_key(url)


# --- suggestions ------------------------------------------------------------------------------


def _edit_distance(a: str, b: str) -> int:
    """Insertions, deletions, substitutions and swaps of neighbours turning ``a`` into ``b``."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            current[j] = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (char_a != char_b),
            )
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _digits(name: str) -> str:
    return "".join(re.findall(r"\d", name))


def suggest_models(model_identifier: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` known names that ``model_identifier`` is likely a typo of, closest first.

    A likely typo is at most one edit away (an inserted, deleted or replaced character, or two
    neighbours swapped) for names under 8 characters, two for longer ones, ignoring case; and
    it has the same digits in the same order, so that another version of a model
    (``gpt-4.1`` for ``gpt-5.1``) is never suggested.
    """
    if limit <= 0:
        return []
    typed = model_identifier.casefold()
    allowed = 1 if len(typed) < 8 else 2
    scored = []
    for name in known_models():
        folded = name.casefold()
        if folded == typed or _digits(folded) != _digits(typed):
            continue
        distance = _edit_distance(typed, folded)
        if distance <= allowed:
            scored.append((distance, name))
    return [name for _, name in sorted(scored)[:limit]]


# --- create() defaults ------------------------------------------------------------------------


def _python_str(text: str) -> str:
    """``text`` as a double-quoted Python string literal."""
    return json.dumps(text, ensure_ascii=False)


def _provider_list() -> str:
    from ._generated.models.llm_provider_type import LLMProviderType  # not at import

    return ", ".join(member.value for member in LLMProviderType)


def _unknown_model_message(model: str) -> str:
    """Why ``model`` cannot be filled in, and the arguments that work."""
    family = _family(model.casefold())
    if family is None:
        message = (
            f"unknown model_identifier {model!r}: pass provider_type, one of {_provider_list()}; "
            "endpoint_url then defaults to that provider's base URL, except for "
            "CUSTOM_OPENAI_COMPATIBLE, which needs endpoint_url too. goodmem.known_models() "
            "lists the models the registry knows; goodmem.register_model() adds one"
        )
    else:
        arguments = f'provider_type="{family.provider_type}"'
        if family.endpoint_url is None:
            url = _data().providers[family.provider_type]
            what = f"pass {arguments} (endpoint_url then defaults to {url})"
        else:
            url = family.endpoint_url
            arguments += f", endpoint_url={_python_str(url)}"
            what = f"pass {arguments}"
        key = ", api_key=..." if _host_requires_key(url) else ""
        call = (
            f"client.llms.create(display_name=..., model_identifier={_python_str(model)}, "
            f"{arguments}{key})"
        )
        message = (
            f"unknown model_identifier {model!r}: the registry does not know it, but it looks "
            f"like {family.vendor}: {what}, as in {call}"
        )
        if family.open_weights:
            message += (
                "; for a copy on your own server, pass its provider_type instead (VLLM, OLLAMA, "
                "LLAMA_CPP or LITELLM_PROXY; endpoint_url defaults to that provider's port on "
                "localhost)"
            )
    best = suggest_models(model, limit=1)
    if best:
        message += f" (did you mean {best[0]}?)"
    return message


def fill_create_defaults(fields: dict[str, object]) -> dict[str, object]:
    """A copy of ``create()``'s arguments with provider, endpoint and model facts filled in.

    ``fields`` maps create()'s snake_case argument names to values; a value of None counts as
    not set. Values that are set are never changed, and ``fields`` itself is not modified.

    - model_identifier is required.
    - A model the registry knows (see `lookup_model`: registrations, the GOODMEM_MODELS file,
      built-in models, dated snapshots of these) fills provider_type and endpoint_url, and
      max_context_length and supported_modalities (a new list of str) where the registry has
      them. If the caller sets a provider_type other than the model's, endpoint_url comes from
      that provider's default instead of the model's entry.
    - Any other model needs provider_type; endpoint_url then defaults to that provider's base
      URL. endpoint_url alone is not enough.
    - With provider_type CUSTOM_OPENAI_COMPATIBLE, which has no default base URL, endpoint_url
      is required unless the model's registry entry has that provider and so supplies it.

    Raises ValueError, saying what to pass, when one of these is missing, for an empty
    model_identifier, a provider_type that is not an LLMProviderType value, or a broken
    GOODMEM_MODELS file; for an unknown model without provider_type the message shows the call
    that works for a known family of names (gpt-, claude-, qwen, ...) and a likely typo's fix.
    Raises TypeError when model_identifier or provider_type is not a string.
    """
    out = dict(fields)

    def is_set(key: str) -> bool:
        return out.get(key) is not None

    if not is_set("model_identifier"):
        raise ValueError("model_identifier is required")
    model = _plain_str(out["model_identifier"], "model_identifier")
    if not model.strip():
        raise ValueError("model_identifier: must not be empty")
    given_provider = _provider_value(out["provider_type"]) if is_set("provider_type") else None
    info = lookup_model(model)

    if info is None:
        if given_provider is None:
            if not is_set("endpoint_url"):
                raise ValueError(_unknown_model_message(model))
            raise ValueError(
                f"model_identifier {model!r} is not in the registry, so provider_type is "
                f"needed with endpoint_url: pass one of {_provider_list()}"
            )
    else:
        if given_provider is None:
            out["provider_type"] = info.provider_type
        if not is_set("endpoint_url") and given_provider in (None, info.provider_type):
            out["endpoint_url"] = info.endpoint_url
        if not is_set("max_context_length") and info.max_context_length is not None:
            out["max_context_length"] = info.max_context_length
        if not is_set("supported_modalities") and info.supported_modalities is not None:
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
