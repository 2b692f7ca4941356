"""Every place a value sits in a full instance of a schema, derived from openapi.yaml.

The model tests use this to build their tables ("a new value in each enum field", "null in
every optional field", ...) from the spec, so a field added to openapi.yaml is covered after
`make gen` without touching the tests.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from openapi_python_client.utils import snake_case

from goodmem._generated import models
from tests.spec_check import load_spec


class MapKey(str):
    """A step that is a key of a map (`labels['env']`), not a property (`labels`)."""


Step = str | int
"""A step into JSON data: a property, a MapKey, or an index into a list."""


@dataclass(frozen=True)
class Site:
    """One value in a JSON instance: where it is and what the spec says of it."""

    steps: tuple[Step, ...]
    schema: dict[str, Any]  # $ref resolved
    role: str  # "property", "item" (of a list) or "entry" (of a map)
    required: bool  # a required property (items and entries count as required)

    @property
    def path(self) -> str:
        """The path as the parsers name it: `llms[0].capabilities.supportsChat`, `labels['k']`."""
        text = ""
        for step in self.steps:
            if isinstance(step, int):
                text += f"[{step}]"
            elif isinstance(step, MapKey):
                text += f"[{str(step)!r}]"
            else:
                text += f".{step}" if text else step
        return text

    @property
    def nullable(self) -> bool:
        return bool(self.schema.get("nullable"))

    @property
    def kind(self) -> str:
        """enum, map, object, array, string, integer, number, boolean or any."""
        return kind_of(self.schema)


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with a $ref followed (the spec's $refs all point into components/schemas).

    `allOf: [one schema]` resolves to that schema, narrowed by the keywords beside it (such as
    an `enum` that allows only some of its values).
    """
    while "$ref" in schema or "allOf" in schema:
        if "allOf" in schema:
            (base,) = schema["allOf"]
            rest = {k: v for k, v in schema.items() if k not in ("allOf", "description")}
            schema = {**resolve(base), **rest}
        else:
            schema = load_spec()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def kind_of(schema: dict[str, Any]) -> str:
    schema = resolve(schema)
    if "enum" in schema:
        return "enum"
    kind: str = schema.get("type", "any")
    if kind == "object" and not schema.get("properties") and schema.get("additionalProperties"):
        return "map"
    return kind


def object_schemas() -> dict[str, dict[str, Any]]:
    """The spec's named object schemas that have properties (each is a generated model)."""
    schemas = load_spec()["components"]["schemas"]
    return {name: s for name, s in schemas.items() if kind_of(s) == "object"}


def model_class(schema_name: str) -> Any:
    """The generated class of components/schemas/<schema_name>."""
    return getattr(models, schema_name)


def full_instance(schema: dict[str, Any]) -> Any:
    """A valid JSON value of `schema` that sets every property and has one item in each list."""
    schema = resolve(schema)
    kind = kind_of(schema)
    if kind == "enum":
        return schema["enum"][0]
    if kind == "object":
        return {name: full_instance(s) for name, s in schema.get("properties", {}).items()}
    if kind == "map":
        extra = schema["additionalProperties"]
        return {"key1": full_instance(extra) if isinstance(extra, dict) else {"any": [1]}}
    if kind == "array":
        return [full_instance(schema["items"])]
    return {"string": "text", "integer": 7, "number": 0.5, "boolean": True}.get(kind, "x")


def sites(schema: dict[str, Any], value: Any, steps: tuple[Step, ...] = ()) -> Iterator[Site]:
    """Every value inside `value` (an instance of `schema`), outermost first."""
    schema = resolve(schema)
    kind = kind_of(schema)
    if kind == "object":
        required = set(schema.get("required", []))
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                here = (*steps, name)
                yield Site(here, resolve(sub), "property", name in required)
                yield from sites(sub, value[name], here)
    elif kind == "map" and isinstance(schema["additionalProperties"], dict):
        for key in value:
            here = (*steps, MapKey(key))
            yield Site(here, resolve(schema["additionalProperties"]), "entry", True)
    elif kind == "array":
        for index, item in enumerate(value):
            here = (*steps, index)
            yield Site(here, resolve(schema["items"]), "item", True)
            yield from sites(schema["items"], item, here)


def get(data: Any, steps: tuple[Step, ...]) -> Any:
    for step in steps:
        data = data[step]
    return data


def replaced(data: Any, steps: tuple[Step, ...], new: Any) -> Any:
    """A deep copy of `data` with the value at `steps` replaced by `new`."""
    data = copy.deepcopy(data)
    get(data, steps[:-1])[steps[-1]] = new
    return data


def removed(data: Any, steps: tuple[Step, ...]) -> Any:
    """A deep copy of `data` without the property at `steps`."""
    data = copy.deepcopy(data)
    del get(data, steps[:-1])[steps[-1]]
    return data


def read(model: Any, steps: tuple[Step, ...]) -> Any:
    """The parsed value at `steps` of a model: attributes for properties, [] for the rest."""
    for step in steps:
        is_index = isinstance(step, (int, MapKey))
        model = model[step] if is_index else getattr(model, snake_case(str(step)))
    return model
