"""Plain Python values to generated models, checked against the spec before anything is sent.

Everything here is derived from the generated attrs classes: their fields, type hints and the
`__constraints__` table the model template emits from openapi.yaml. A field added to the spec
is accepted after `make gen` with no change in this module. Every message has one form:
`<path>: <what is wrong>` (`display_name: expected str, got int`), with a did-you-mean and the
valid choices where there are any.
"""

from __future__ import annotations

import enum
import functools
import math
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from ._config import check_json
from ._generated import models as _models
from ._suggest import did_you_mean

__all__ = ["Converter", "ModelFields", "model_fields", "to_enum", "to_model", "unknown_field"]

M = TypeVar("M")
E = TypeVar("E", bound=enum.Enum)
Converter = Callable[[Any, str], Any]
"""Checks one plain value and returns it as the model field's type: (value, path) -> value."""


@attrs.frozen
class ModelFields:
    """The fields of a generated model: a converter per attribute, and the required ones."""

    converters: dict[str, Converter]
    required: tuple[str, ...]


def model_fields(cls: type) -> ModelFields:
    """The fields of the generated model `cls` (built once per class)."""
    return _fields(cls)


def to_model(cls: type[M], value: Any, path: str) -> M:
    """Build a `cls` from a mapping with snake_case keys, or re-check an instance of it.

    `path` names the argument in error messages. None values count as "not set". Raises
    TypeError for a value of the wrong type and ValueError for a bad value or unknown key,
    naming the field and what would be valid.
    """
    result: M = _model_converter(typing.cast(type, cls))(value, path)
    return result


def to_enum(kind: type[E], value: E | str, path: str) -> E:
    """`value` (a member or its str value) as a member of the generated enum `kind`.

    Raises TypeError for a non-str and ValueError for a value `kind` does not have, with a
    did-you-mean and the valid values, as `to_model` does for enum fields.
    """
    result: E = _enum_converter(kind)(value, path)
    return result


@functools.cache
def _fields(cls: type) -> ModelFields:
    hints = typing.get_type_hints(cls, globalns=_namespace(cls))
    limits: dict[str, dict[str, Any]] = getattr(cls, "__constraints__", {})
    fields = [f for f in attrs.fields(cls) if f.name != "additional_properties" and f.init]
    return ModelFields(
        converters={
            f.name: _with_limits(_converter(hints[f.name]), limits.get(f.name)) for f in fields
        },
        required=tuple(f.name for f in fields if f.default is attrs.NOTHING),
    )


@functools.cache
def _model_converter(cls: type) -> Converter:
    """The converter for one generated model class (built once per class)."""
    if _is_map(cls):
        limits: dict[str, dict[str, Any]] = getattr(cls, "__constraints__", {})
        return _map_converter(cls, limits.get("", {}))
    converters, required = _fields(cls).converters, _fields(cls).required
    name = cls.__name__

    def convert(value: Any, path: str) -> Any:
        extra: dict[str, Any] = {}
        if type(value) is dict or (not isinstance(value, cls) and isinstance(value, Mapping)):
            items = value
            for key in items:
                if key not in converters:
                    raise ValueError(unknown_field(path, key, list(converters), name))
        elif isinstance(value, cls):
            items = {f: getattr(value, f) for f in converters}
            extra = dict(getattr(value, "additional_properties", {}))
        else:
            raise TypeError(f"{path}: expected {name} or dict, got {type(value).__name__}")
        prefix = f"{path}." if path else ""
        kwargs = {}
        for key, item in items.items():
            if item is None:
                continue
            kwargs[key] = converters[key](item, prefix + key)
        missing = [k for k in required if k not in kwargs]
        if missing:
            where = f"{path}.{missing[0]}" if path else missing[0]
            raise ValueError(f"{where}: required")
        result = cls(**kwargs)
        if extra:
            result.additional_properties = extra
        return result

    return convert


def _map_converter(cls: type, limits: dict[str, Any]) -> Converter:
    """Converter for a pure map model (only additionalProperties, e.g. LabelMap)."""
    (base,) = cls.__orig_bases__  # type: ignore[attr-defined]  # dict[str, <value type>]
    value_hint = typing.get_args(base)[1]
    convert_value = _converter(value_hint)
    max_items = limits.get("maxProperties")

    def convert(value: Any, path: str) -> Any:
        if not isinstance(value, Mapping):
            raise TypeError(f"{path}: expected a dict, got {type(value).__name__}")
        if max_items is not None and len(value) > max_items:
            raise ValueError(f"{path}: at most {max_items} entries allowed, got {len(value)}")
        result = cls()
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{path}: keys must be str, got {type(key).__name__}")
            result.additional_properties[key] = convert_value(item, f"{path}[{key!r}]")
        return result

    return convert


def _converter(hint: Any) -> Converter:
    """Converter for one type hint of a generated model."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        # `X | None` (optional) and `E | str` (an enum that also reads values it doesn't list)
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        enums = [a for a in options if isinstance(a, type) and issubclass(a, enum.Enum)]
        if len(enums) == 1 and set(options) == {enums[0], str}:
            return _enum_converter(enums[0])  # what we send must be a value the spec lists
        if len(options) != 1:  # pragma: no cover - the spec has no oneOf/anyOf today
            raise NotImplementedError(f"unsupported union {hint!r}")
        return _converter(options[0])
    if typing.get_origin(hint) is list:
        return _list_converter(_converter(typing.get_args(hint)[0]))
    if hint is Any:
        return _json_value
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _enum_converter(hint)
    if hint is bool:
        return _exact(bool, "bool")
    if hint is int:
        return _int
    if hint is float:
        return _float
    if hint is str:
        return _exact(str, "str")
    if attrs.has(hint) or _is_map(hint):
        return _model_converter(hint)
    raise NotImplementedError(f"unsupported type hint {hint!r}")  # pragma: no cover


def _exact(kind: type, label: str) -> Converter:
    def convert(value: Any, path: str) -> Any:
        if not isinstance(value, kind):
            raise TypeError(f"{path}: expected {label}, got {type(value).__name__}")
        return value

    return convert


def _int(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{path}: expected int, got {type(value).__name__}")
    return value


def _float(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{path}: expected a number, got {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"{path}: must be a finite number, got {value!r}")
    return float(value)


def _list_converter(item: Converter) -> Converter:
    def convert(value: Any, path: str) -> list[Any]:
        if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, (list, tuple)):
            raise TypeError(f"{path}: expected a list, got {type(value).__name__}")
        return [item(v, f"{path}[{i}]") for i, v in enumerate(value)]

    return convert


def _enum_converter(kind: type[enum.Enum]) -> Converter:
    by_value = {member.value: member for member in kind}
    valid = ", ".join(repr(v) for v in by_value)

    def convert(value: Any, path: str) -> Any:
        if isinstance(value, kind):
            return value
        if not isinstance(value, str):
            raise TypeError(f"{path}: expected str, got {type(value).__name__}")
        member = by_value.get(value)
        if member is None:
            hint = did_you_mean(value, by_value)
            raise ValueError(
                f"{path}: {value!r} is not a valid {kind.__name__}{hint}; valid: {valid}"
            )
        return member

    return convert


def _json_value(value: Any, path: str) -> Any:
    """Accept JSON-compatible data as is (free-form fields such as client_config values)."""
    check_json(value, path)
    return value


def _with_limits(convert: Converter, limits: dict[str, Any] | None) -> Converter:
    """Wrap a converter so the spec's limits (length, range, pattern, size) are checked too."""
    if not limits:
        return convert
    if "enum" in limits:  # a field that takes only some values of its enum (allOf + enum)
        return _allowed_values(convert, [str(v) for v in limits["enum"]])
    check = _limit_checker(limits)

    def convert_and_check(value: Any, path: str) -> Any:
        result = convert(value, path)
        check(result, path)
        return result

    return convert_and_check


def _allowed_values(convert: Converter, allowed: list[str]) -> Converter:
    """`convert`, for a field the spec limits to `allowed` of its enum's values.

    A value outside them is refused naming only the allowed ones (with a did-you-mean).
    """
    valid = ", ".join(repr(v) for v in allowed)

    def convert_allowed(value: Any, path: str) -> Any:
        plain = value.value if isinstance(value, enum.Enum) else value
        if isinstance(plain, str) and plain not in allowed:
            hint = did_you_mean(plain, allowed)
            raise ValueError(f"{path}: {plain!r} is not allowed here{hint}; valid: {valid}")
        return convert(value, path)

    return convert_allowed


def _limit_checker(limits: dict[str, Any]) -> Callable[[Any, str], None]:
    """A check for one field's limits; the converter has already fixed the value's type."""
    if limits.keys() & {"minLength", "maxLength", "pattern"}:
        pattern = re.compile(limits["pattern"]) if "pattern" in limits else None
        low, high = limits.get("minLength", 0), limits.get("maxLength", math.inf)

        def check_text(value: Any, path: str) -> None:
            if not low <= len(value) <= high:
                _check_size(len(value), limits, "minLength", "maxLength", "characters", path)
            if pattern is not None and not pattern.search(value):
                raise ValueError(f"{path}: {value!r} does not match {pattern.pattern}")

        return check_text
    if limits.keys() & {"minimum", "maximum"}:
        return lambda value, path: _check_range(value, limits, path)
    if limits.keys() & {"minItems", "maxItems", "items"}:
        item_check = _limit_checker(limits["items"]) if "items" in limits else None

        def check_list(value: Any, path: str) -> None:
            _check_size(len(value), limits, "minItems", "maxItems", "items", path)
            if item_check is not None:
                for i, item in enumerate(value):
                    item_check(item, f"{path}[{i}]")

        return check_list
    return lambda value, path: _check_size(
        len(value), limits, "minProperties", "maxProperties", "entries", path
    )


def _check_size(
    size: int, limits: dict[str, Any], low: str, high: str, unit: str, path: str
) -> None:
    if low in limits and size < limits[low]:
        raise ValueError(f"{path}: at least {_count(limits[low], unit)} required, got {size}")
    if high in limits and size > limits[high]:
        raise ValueError(f"{path}: at most {_count(limits[high], unit)} allowed, got {size}")


def _count(number: int, unit: str) -> str:
    """`1 character`, `20 entries`: `unit` is the plural."""
    singular = {"entries": "entry", "characters": "character", "items": "item"}.get(unit, unit)
    return f"{number} {singular if number == 1 else unit}"


def _check_range(value: float, limits: dict[str, Any], path: str) -> None:
    low, high = limits.get("minimum"), limits.get("maximum")
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = " and ".join(
            s
            for s in (
                f">= {_num(low)}" if low is not None else "",
                f"<= {_num(high)}" if high is not None else "",
            )
            if s
        )
        raise ValueError(f"{path}: must be {bounds}, got {value!r}")


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def unknown_field(path: str, key: Any, valid: list[str], model: str) -> str:
    """The message for a key that is not a field of `model`, with a did-you-mean."""
    where = f"{path}: " if path else ""
    return (
        f"{where}unknown field {key!r} for {model}{did_you_mean(key, valid)}; "
        f"valid fields: {', '.join(valid)}"
    )


def _namespace(owner: Any) -> dict[str, Any]:
    """Globals to resolve generated string annotations (models are imported lazily there)."""
    return {**vars(sys.modules[owner.__module__]), **vars(_models)}


def _is_map(cls: type) -> bool:
    return isinstance(cls, type) and issubclass(cls, Mapping)
