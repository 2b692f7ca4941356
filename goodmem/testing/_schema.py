"""Request validation for the embedded GoodMem, compiled from the schemas of openapi.yaml.

`compile_schema` turns an OpenAPI 3.0 schema into a `Schema` tree; `check` validates a parsed
JSON value against it and returns a cleaned copy. Two rules go beyond the spec:

- a null optional property means "not given" and is dropped (official clients send nulls for
  unset fields); a null required property is missing;
- nested request objects without `additionalProperties` reject unknown keys, so a misspelled
  field (`max_tokens` for `maxTokens`) fails loudly instead of being dropped.

A keyword the compiler does not understand (`oneOf`, `multipleOf`, ...) fails at load, naming
the schema, rather than being silently ignored. `allOf` is understood in the form the spec
uses it, one schema narrowed by the keywords beside it (`allOf: [$ref]` plus `enum`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal, cast

__all__ = ["UUID_RE", "Invalid", "Schema", "SpecError", "check", "compile_schema", "field_name"]

UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_FORMAT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
# keywords that only document; the compiler reads the rest or refuses the schema
_ANNOTATIONS = frozenset(
    {
        "description",
        "example",
        "examples",
        "title",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "externalDocs",
        "xml",
        "discriminator",
    }
)
_UNDERSTOOD = frozenset(
    {
        "$ref",
        "allOf",
        "type",
        "nullable",
        "format",
        "enum",
        "minLength",
        "maxLength",
        "pattern",
        "minimum",
        "maximum",
        "items",
        "minItems",
        "maxItems",
        "properties",
        "required",
        "additionalProperties",
        "minProperties",
        "maxProperties",
    }
)
_MAX_SHOWN_FIELD = 200

JsonType = Literal["string", "integer", "number", "boolean", "array", "object"]


def field_name(path: str) -> str:
    """`path` as it may appear in a message: lone surrogates escaped, at most 200 characters."""
    shown = path.encode("utf-8", "backslashreplace").decode("utf-8")
    return shown if len(shown) <= _MAX_SHOWN_FIELD else shown[: _MAX_SHOWN_FIELD - 1] + "…"


class Invalid(Exception):
    """A request value breaks a constraint; `field` is its dotted path, `reason` what is wrong."""

    def __init__(self, field: str, reason: str) -> None:
        field = field_name(field)
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class SpecError(Exception):
    """openapi.yaml uses something the embedded GoodMem cannot honour."""


@dataclass(frozen=True)
class Schema:
    """One compiled schema node, named after the OpenAPI keywords it stands for.

    For objects, `additional` is False (unknown keys rejected), True (free-form JSON) or the
    schema of every value (a map).
    """

    type: JsonType
    nullable: bool = False
    min_length: int | None = None
    max_length: int | None = None
    pattern: re.Pattern[str] | None = None
    pattern_text: str | None = None
    enum: tuple[Any, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    items: Schema | None = None
    min_items: int | None = None
    max_items: int | None = None
    properties: Mapping[str, Schema] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    additional: bool | Schema = False
    min_properties: int | None = None
    max_properties: int | None = None
    is_uuid: bool = False


def _ecma_pattern(pattern: str) -> re.Pattern[str]:
    """A Python regex with JSON Schema's meaning: `$` is the end of the text (no final newline)."""
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append(r"\Z")
            continue
        out.append(char)
    return re.compile("".join(out))


def compile_schema(
    node: Mapping[str, Any], schemas: Mapping[str, Any], where: str, _seen: tuple[str, ...] = ()
) -> Schema:
    """Compile the OpenAPI schema `node`; `schemas` is components/schemas, `where` names `node`.

    Raises SpecError for a keyword, type or reference the validator cannot honour.
    """
    ref = node.get("$ref")
    if ref is not None:
        name = str(ref).rsplit("/", 1)[-1]
        if not str(ref).startswith("#/components/schemas/") or name not in schemas:
            raise SpecError(f"{where}: cannot resolve $ref {ref!r}")
        if name in _seen:
            raise SpecError(f"{where}: recursive schema {name} is not supported")
        # OpenAPI 3.0: keywords next to $ref (nullable, description) are ignored
        return compile_schema(schemas[name], schemas, name, (*_seen, name))
    if "allOf" in node:
        return _narrowed(node, schemas, where, _seen)
    unknown = set(node) - _UNDERSTOOD - _ANNOTATIONS
    if unknown:
        raise SpecError(f"{where}: unsupported schema keyword(s) {', '.join(sorted(unknown))}")
    kind = node.get("type")
    if kind is None:
        kind = "object" if "properties" in node or "additionalProperties" in node else None
    if kind not in _ARTICLE:
        raise SpecError(f"{where}: unsupported or missing type {kind!r}")
    minimum, maximum = node.get("minimum"), node.get("maximum")
    low, high = _FORMAT_RANGES.get(node.get("format", ""), (None, None))
    if kind == "integer":
        minimum = low if minimum is None else minimum
        maximum = high if maximum is None else maximum
    options: dict[str, Any] = {
        "nullable": bool(node.get("nullable", False)),
        "min_length": node.get("minLength"),
        "max_length": node.get("maxLength"),
        "enum": tuple(node["enum"]) if "enum" in node else None,
        "minimum": minimum,
        "maximum": maximum,
        "min_items": node.get("minItems"),
        "max_items": node.get("maxItems"),
        "required": tuple(node.get("required", ())),
        "min_properties": node.get("minProperties"),
        "max_properties": node.get("maxProperties"),
    }
    pattern = node.get("pattern")
    if pattern is not None:
        options["pattern"] = _ecma_pattern(pattern)
        options["pattern_text"] = pattern
        options["is_uuid"] = pattern == f"^{UUID_RE.pattern}$"
    if node.get("format") == "uuid":
        options["is_uuid"] = True
    if kind == "array":
        if "items" not in node:
            raise SpecError(f"{where}: an array needs items")
        options["items"] = compile_schema(node["items"], schemas, f"{where}[]", _seen)
    if kind == "object":
        options["properties"] = {
            name: compile_schema(sub, schemas, f"{where}.{name}", _seen)
            for name, sub in node.get("properties", {}).items()
        }
        additional = node.get("additionalProperties", False)
        if isinstance(additional, Mapping):
            additional = compile_schema(additional, schemas, f"{where}.*", _seen)
        options["additional"] = additional
    return Schema(cast(JsonType, kind), **options)


def _narrowed(
    node: Mapping[str, Any], schemas: Mapping[str, Any], where: str, seen: tuple[str, ...]
) -> Schema:
    """`allOf: [one schema]` with keywords beside it that narrow that schema (e.g. its enum)."""
    parts = node["allOf"]
    if not isinstance(parts, list) or len(parts) != 1:
        raise SpecError(f"{where}: allOf is supported with exactly one schema")
    base = compile_schema(parts[0], schemas, where, seen)
    rest = {key: value for key, value in node.items() if key != "allOf"}
    if not set(rest) - _ANNOTATIONS:
        return base
    extra = compile_schema({"type": base.type, **rest}, schemas, where, seen)
    plain = Schema(base.type)
    changes: dict[str, Any] = {}
    for item in fields(Schema):
        value = getattr(extra, item.name)
        if value == getattr(plain, item.name):
            continue
        if item.name == "enum" and base.enum is not None:
            value = tuple(v for v in base.enum if v in value)
        changes[item.name] = value
    return replace(base, **changes)


# --- validation -----------------------------------------------------------------------------

_ARTICLE = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "array": "an array",
    "object": "an object",
}


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _has_type(value: Any, json_type: JsonType) -> bool:
    if json_type == "string":
        return isinstance(value, str)
    if json_type == "boolean":
        return isinstance(value, bool)
    if json_type == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if json_type == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if json_type == "array":
        return isinstance(value, list)
    return isinstance(value, dict)


def _length_reason(schema: Schema) -> str:
    low, high = schema.min_length, schema.max_length
    if low is not None and high is not None:
        return f"must be {low} to {high} characters"
    if high is not None:
        return f"must be at most {high} characters"
    return "must not be empty" if low == 1 else f"must be at least {low} characters"


def _range_reason(schema: Schema) -> str:
    low, high = schema.minimum, schema.maximum
    if low is not None and high is not None:
        return f"must be between {_fmt(low)} and {_fmt(high)}"
    if low is not None:
        return f"must be at least {_fmt(low)}"
    return f"must be at most {_fmt(high)}" if high is not None else "is out of range"


def check(value: Any, schema: Schema, path: str) -> Any:
    """`value` checked against `schema`: a cleaned copy, or Invalid for the first problem.

    `path` names the value in messages. The copy drops null optional properties; free-form
    JSON is copied as it is.
    """
    if value is None:
        if schema.nullable:
            return None
        raise Invalid(path, f"must be {_ARTICLE[schema.type]}, not null")
    if not _has_type(value, schema.type):
        raise Invalid(path, f"must be {_ARTICLE[schema.type]}")
    if schema.enum is not None and value not in schema.enum:
        raise Invalid(path, "must be one of " + ", ".join(map(str, schema.enum)))
    if isinstance(value, str):
        _check_string(value, schema, path)
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        _check_number(value, schema, path)
        return value
    if isinstance(value, list):
        return _check_array(value, schema, path)
    if isinstance(value, dict):
        return _check_object(value, schema, path)
    return value


def _check_string(value: str, schema: Schema, path: str) -> None:
    if (schema.min_length is not None and len(value) < schema.min_length) or (
        schema.max_length is not None and len(value) > schema.max_length
    ):
        raise Invalid(path, _length_reason(schema))
    if schema.pattern is not None and schema.pattern.search(value) is None:
        raise Invalid(
            path, "must be a UUID" if schema.is_uuid else f"must match {schema.pattern_text}"
        )
    if schema.is_uuid and schema.pattern is None and not UUID_RE.fullmatch(value):
        raise Invalid(path, "must be a UUID")


def _check_number(value: float, schema: Schema, path: str) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise Invalid(path, "must be a finite number")
    if (schema.minimum is not None and value < schema.minimum) or (
        schema.maximum is not None and value > schema.maximum
    ):
        raise Invalid(path, _range_reason(schema))


def _check_array(value: list[Any], schema: Schema, path: str) -> list[Any]:
    if schema.max_items is not None and len(value) > schema.max_items:
        raise Invalid(path, f"must have at most {schema.max_items} items")
    if schema.min_items is not None and len(value) < schema.min_items:
        raise Invalid(path, f"must have at least {schema.min_items} items")
    assert schema.items is not None
    return [check(item, schema.items, f"{path}[{index}]") for index, item in enumerate(value)]


def _check_object(value: dict[str, Any], schema: Schema, path: str) -> dict[str, Any]:
    def child(key: str) -> str:
        return f"{path}.{key}" if path else key

    if schema.additional is True and not schema.properties:
        free_form: dict[str, Any] = _copy_json(value)
        return free_form
    given = {
        key: item for key, item in value.items() if not (item is None and key in schema.properties)
    }
    if schema.max_properties is not None and len(given) > schema.max_properties:
        raise Invalid(path, f"must have at most {schema.max_properties} entries")
    if schema.min_properties is not None and len(given) < schema.min_properties:
        raise Invalid(path, f"must have at least {schema.min_properties} entries")
    for key in schema.required:
        if key not in given:
            raise Invalid(child(key), "is required")
    cleaned: dict[str, Any] = {}
    for key, item in given.items():
        sub = schema.properties.get(key)
        if sub is not None:
            cleaned[key] = check(item, sub, child(key))
        elif isinstance(schema.additional, Schema):
            cleaned[key] = check(item, schema.additional, child(key))
        elif schema.additional:
            cleaned[key] = _copy_json(item)
        else:
            raise Invalid(child(key), "unknown field")
    return cleaned


def _copy_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy_json(item) for item in value]
    return value
