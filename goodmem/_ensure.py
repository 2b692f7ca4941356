"""`ensure()`: register an LLM declaratively, whatever is already stored.

`ensure()` makes several requests, and which ones depends on the answers. That logic is
written once, as a generator (`llms._ensure_steps`) that yields each Operation to send and
receives its result, or has the call's GoodmemError thrown into it; `drive` and `drive_async`
are its two shells, blocking and awaited. This module holds those shells, the result type,
and how a stored LLM is compared with the one asked for.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from ._errors import GoodmemError
from ._exchange import Operation
from ._identity import canonical_url, effective_credentials

if TYPE_CHECKING:  # goodmem imports this module; the models load with goodmem.llms
    from ._generated.models import LLMResponse

__all__ = [
    "EnsureAction",
    "EnsureResult",
    "changes",
    "drive",
    "drive_async",
    "same_credentials",
    "same_place",
]

T = TypeVar("T")
EnsureAction = Literal["created", "updated", "unchanged"]
"""What `ensure()` did: registered a new LLM, changed a stored one, or found it as asked."""
Steps = Generator[Operation[Any], Any, T]

# identity fields (what the server compares for duplicates); never changed by ensure()
_IDENTITY = frozenset(
    {"owner_id", "llm_id", "provider_type", "endpoint_url", "api_path", "model_identifier"}
)
_CHANGEABLE_BY_ID = frozenset({"endpoint_url", "api_path", "model_identifier"})
_PARTIAL = frozenset({"capabilities", "default_sampling_params"})  # only the keys asked for


@dataclass(frozen=True)
class EnsureResult:
    """The answer of `client.llms.ensure()`: the LLM as stored now, and what was done."""

    llm: LLMResponse
    """The LLM as the server stores it after the call."""
    action: EnsureAction
    """"created", "updated" or "unchanged"."""
    changed: tuple[str, ...] = ()
    """The fields an update changed (snake_case names; a label change is `labels`), sorted;
    empty unless `action` is "updated". Secrets are never shown, only that they changed."""


def drive(steps: Steps[T], send: Callable[[Operation[Any]], Any]) -> T:
    """Run `steps`, sending each operation with the blocking `send`."""
    result, error = None, None
    while True:
        finished, value = _advance(steps, result, error)
        if finished:
            return value  # type: ignore[no-any-return]
        try:
            result, error = send(value), None
        except GoodmemError as exc:
            result, error = None, exc


async def drive_async(steps: Steps[T], send: Callable[[Operation[Any]], Awaitable[Any]]) -> T:
    """Run `steps`, sending each operation with the awaitable `send`."""
    result, error = None, None
    while True:
        finished, value = _advance(steps, result, error)
        if finished:
            return value  # type: ignore[no-any-return]
        try:
            result, error = await send(value), None
        except GoodmemError as exc:
            result, error = None, exc


def _advance(steps: Steps[Any], result: Any, error: GoodmemError | None) -> tuple[bool, Any]:
    """(True, the final result) or (False, the next operation) after feeding the last outcome."""
    try:
        return False, steps.send(result) if error is None else steps.throw(error)
    except StopIteration as done:
        return True, done.value


def same_place(stored: LLMResponse, wanted: Mapping[str, Any]) -> bool:
    """Whether `stored` has the identity `wanted` (create()'s fields) asks for, credentials
    aside: provider type, canonical endpoint URL, model identifier, and the API path if one
    was asked for (the server fills a default otherwise)."""
    if str(stored.provider_type) != str(wanted["provider_type"]):
        return False
    if stored.model_identifier != wanted["model_identifier"]:
        return False
    if "api_path" in wanted and stored.api_path != wanted["api_path"]:
        return False
    return canonical_url(stored.endpoint_url) == canonical_url(wanted["endpoint_url"])


def same_credentials(stored: LLMResponse, wanted: Mapping[str, Any]) -> bool:
    """Whether `stored` (read with its credentials) has the credentials `wanted` asks for."""
    mine = wanted.get("credentials")
    theirs = stored.credentials
    return effective_credentials(None if mine is None else mine.to_dict()) == (
        effective_credentials(None if theirs is None else theirs.to_dict())
    )


def changes(
    stored: LLMResponse, wanted: Mapping[str, Any], updatable: set[str], *, by_id: bool
) -> dict[str, Any]:
    """The fields of `wanted` (create()'s converted fields) that `stored` does not have yet,
    as update() keywords.

    Labels are replaced whole; in capabilities and default sampling params only the keys
    asked for count. Identity fields are left out, unless the LLM was named `by_id`: then
    its endpoint URL, API path, model identifier and credentials change too (credentials
    when they differ, or when `stored` came without them).
    """
    found: dict[str, Any] = {}
    for name, value in wanted.items():
        if name == "credentials":
            if by_id and (stored.credentials is None or not same_credentials(stored, wanted)):
                found[name] = value
            continue
        if name in _IDENTITY and not (by_id and name in _CHANGEABLE_BY_ID):
            continue
        current = getattr(stored, name, None)
        if name == "labels":
            if dict(value) != dict(current or {}):
                found["replace_labels"] = value
        elif name in updatable and not _same(name, value, current):
            found[name] = value
    return found


def _same(name: str, value: Any, current: Any) -> bool:
    if current is None:
        return False
    if name == "supported_modalities":
        return sorted(map(str, value)) == sorted(map(str, current))
    if name in _PARTIAL:
        asked, have = value.to_dict(), current.to_dict()
        return all(have.get(key) == item for key, item in asked.items())
    if hasattr(value, "to_dict"):
        return bool(value.to_dict() == current.to_dict())
    return bool(str(value) == str(current)) if isinstance(value, str) else bool(value == current)
