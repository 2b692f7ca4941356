"""Shared types and runtime helpers of the generated client.

The models call `model_repr`, `redact` and `nested_error` from here, so that logic exists once
rather than in every model; the request builders (`api.<tag>.<operation>.request`) return an
`HTTPRequest`. An optional field that is not set is None: there is no `Unset` sentinel.
"""

import json
import pprint
import sys
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

from attrs import define, field, fields

if sys.version_info >= (3, 11):
    from typing import TypedDict
else:  # typing_extensions' TypedDict understands Required/NotRequired, as typing's does from 3.11
    from typing_extensions import TypedDict


@define(frozen=True)
class HTTPRequest:
    """One operation's HTTP request, as a generated `request()` builder describes it.

    `path` is relative to the server's base URL, path parameters percent-encoded; `params` are
    the query pairs in order (names as the spec spells them); `json` is the JSON body, or None.
    """

    method: str
    path: str
    params: list[tuple[str, str]] = field(factory=list)
    json: Any = None


def model_to_json(self: Any, *, indent: int | None = None) -> str:
    """This object as JSON text: `to_dict()`, the wire form (camelCase keys, secrets included).

    `indent` as for `json.dumps`; None (the default) gives one line.
    """
    return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)


def redact(value: object) -> str:
    """Shows that a secret (`format: password` in the spec) is set without showing it."""
    return "'***'"


def nested_error(error: Exception, where: str) -> Exception:
    """`error`, raised while parsing the value at `where`, with its path prefixed by `where`.

    Parsers raise `KeyError(<path>)` for a missing required field and
    `TypeError("<path>: expected <type>, got <type>")` for a value of the wrong JSON type; each
    enclosing object or list adds its part, so the path ends up as `llms[3].capabilities.supportsChat`.
    """
    if isinstance(error, KeyError) and error.args:
        return KeyError(_join(where, str(error.args[0])))
    return TypeError(_join(where, str(error)))


def _join(where: str, path: str) -> str:
    return where + path if path.startswith("[") else f"{where}.{path}"


# -- repr --------------------------------------------------------------------------------------

_WIDTH = 80
"""Reprs up to this many characters stay on one line; longer ones are split, one field a line
(pprint's default width: `pprint.pformat(model)` is the same text)."""

_MAX_DEPTH = 12
"""Plain dicts and lists nested deeper than this (free-form JSON) are shown by the built-in repr."""


def model_repr(self: object) -> str:
    """repr() of a generated model: the fields that are set (not None), enums as their values,
    secrets as '***', additional_properties only when not empty. A repr longer than 80
    characters is spread over several lines, nested models indented.
    """
    return _Repr(_WIDTH).render(self, 0, 0, 0)


def _pprint_model(
    printer: Any, value: object, stream: Any, indent: int, allowance: int, *_: Any
) -> None:
    """pprint's hook for models that don't fit: the same layout, at pprint's width and indent."""
    width = getattr(printer, "_width", _WIDTH)
    stream.write(_Repr(width).render(value, indent, indent, 0, allowance))


# pprint lays out its own containers and asks this table how to lay out other objects that
# don't fit (keyed by their __repr__); without the table (another Python), models in a list
# are still shown by model_repr, only less neatly indented.
_pprint_dispatch = getattr(pprint.PrettyPrinter, "_dispatch", None)
if isinstance(_pprint_dispatch, dict):
    _pprint_dispatch[model_repr] = _pprint_model


class _Secret(str):
    """A redacted value: rendered as the text it holds."""


_ShownFields = tuple[tuple[str, Callable[[Any], str] | None], ...]
_shown_fields_by_class: dict[type, _ShownFields] = {}


def _shown_fields(cls: type) -> _ShownFields:
    """(name, custom repr or None) of the attributes a model's repr shows, in declared order."""
    shown = _shown_fields_by_class.get(cls)
    if shown is None:
        found: list[tuple[str, Callable[[Any], str] | None]] = []
        for field in fields(cls):
            custom = field.repr
            if custom is not False and field.name != "additional_properties":
                found.append((field.name, None if custom is True else custom))
        shown = _shown_fields_by_class[cls] = tuple(found)
    return shown


class _Repr:
    """One repr() call: renders values flat, or over several lines when too wide."""

    def __init__(self, width: int) -> None:
        self._width = width
        self._flat: dict[int, str] = {}
        self._open: set[int] = set()

    def _parts(self, value: object, depth: int) -> tuple[str, list[tuple[str, object]], str] | None:
        """(opening, [(label, item)], closing) of a value that can span lines; None otherwise."""
        if type(value).__repr__ is model_repr:
            name = type(value).__name__
            extra: dict[str, Any] = getattr(value, "additional_properties", {})
            if isinstance(value, Mapping):
                return f"{name}({{", [(f"{k!r}: ", v) for k, v in extra.items()], "})"
            items: list[tuple[str, object]] = []
            for field, custom in _shown_fields(type(value)):
                item = getattr(value, field)
                if item is not None:
                    items.append((f"{field}=", _Secret(custom(item)) if custom else item))
            if extra:
                items.append(("additional_properties=", extra))
            return f"{name}(", items, ")"
        if depth > _MAX_DEPTH:
            return None
        if type(value) is dict:
            return "{", [(f"{k!r}: ", v) for k, v in value.items()], "}"
        if type(value) is list:
            return "[", [("", v) for v in value], "]"
        return None

    def flat(self, value: object, depth: int) -> str:
        if isinstance(value, _Secret):
            return str.__str__(value)
        if isinstance(value, Enum):
            return repr(value.value)
        key = id(value)
        if key in self._flat:
            return self._flat[key]
        if key in self._open:
            return "..."
        parts = self._parts(value, depth)
        if parts is None:
            return repr(value)
        opening, items, closing = parts
        self._open.add(key)
        try:
            inner = ", ".join(label + self.flat(item, depth + 1) for label, item in items)
        finally:
            self._open.discard(key)
        text = self._flat[key] = f"{opening}{inner}{closing}"
        return text

    def render(self, value: object, indent: int, column: int, depth: int, reserve: int = 0) -> str:
        """`value` starting at `column`, its continuation lines at `indent`; `reserve` more
        characters (a trailing comma) follow it on its last line."""
        text = self.flat(value, depth)
        if column + len(text) + reserve <= self._width or id(value) in self._open:
            return text
        parts = self._parts(value, depth)
        if parts is None or not parts[1]:
            return text
        opening, items, closing = parts
        pad = " " * (indent + 4)
        self._open.add(id(value))
        try:
            lines = [
                pad
                + label
                + self.render(item, indent + 4, indent + 4 + len(label), depth + 1, 1)
                + ","
                for label, item in items
            ]
        finally:
            self._open.discard(id(value))
        return "\n".join([opening, *lines, " " * indent + closing])


__all__ = ["HTTPRequest", "TypedDict", "model_repr", "model_to_json", "nested_error", "redact"]
