"""What the embedded GoodMem takes from openapi.yaml: request schemas, response fields, params.

`load_spec()` reads the copy shipped with the package, goodmem/testing/openapi.json: the
repository's openapi.yaml converted to JSON by `make gen` (and checked by `make check-gen`), so
that the standard library reads it and goodmem.testing needs no YAML parser. Each path is read
once and cached, so FakeGoodmem() stays cheap. A field added to the spec is validated, stored
and echoed with no code change.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._schema import Schema, SpecError, compile_schema

__all__ = ["OPERATIONS", "SPEC_PATH", "QueryParam", "Spec", "load_spec", "snake_case"]

SPEC_PATH = Path(__file__).with_name("openapi.json")
"""The spec shipped with goodmem.testing: the repository's openapi.yaml as JSON (`make gen`)."""

# The operations the embedded GoodMem serves: our name -> operationId in the spec.
OPERATIONS = {
    "create": "createLLM",
    "list": "listLlms",
    "get": "getLLM",
    "update": "updateLLM",
    "delete": "deleteLLM",
}
# Response fields with documented behaviour of their own (see _api.py); every other field an
# update request shares with LLMResponse is replaced as given.
_SPECIAL_ON_UPDATE = frozenset({"supportedModalities", "capabilities", "labels", "providerType"})
_INCLUDE_CREDENTIALS = "includeCredentials"


def snake_case(name: str) -> str:
    """`providerType` -> `provider_type`."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@dataclass(frozen=True)
class QueryParam:
    """One query parameter: its spec name, its schema and whether it is a deepObject map."""

    name: str
    schema: Schema
    deep_object: bool = False


@dataclass(frozen=True)
class Spec:
    """The parts of openapi.yaml the embedded GoodMem is driven by."""

    path: str
    create_request: Schema
    update_request: Schema
    response_fields: tuple[str, ...]
    """LLMResponse's properties in spec order; responses list fields in this order."""
    replaced_on_update: tuple[str, ...]
    """Update fields stored as given when present (not null)."""
    capability_flags: tuple[str, ...]
    provider_types: tuple[str, ...]
    query_params: Mapping[str, Mapping[str, QueryParam]]
    """Each operation's query parameters by name (operations named as in OPERATIONS). `get`
    always has includeCredentials (boolean): the server takes it even where the spec omits it."""


def load_spec(path: str | os.PathLike[str] | None = None) -> Spec:
    """The Spec derived from `path` (default: the packaged openapi.json), parsed once per path.

    A `.json` file is read with the standard library; any other (openapi.yaml) needs PyYAML,
    and without it raises SpecError saying so. Raises SpecError naming what the embedded
    GoodMem cannot honour.
    """
    return _load(str(Path(path).resolve()) if path is not None else str(SPEC_PATH))


def _read(path: str) -> Any:
    """The document at `path`: JSON by the standard library, anything else as YAML."""
    with open(path, encoding="utf-8") as file:
        if path.endswith(".json"):
            return json.load(file)
        try:
            import yaml
        except ImportError:
            raise SpecError(
                f"{path}: reading a YAML spec needs PyYAML, which is not installed; "
                "pass the spec as JSON instead (`make gen` writes goodmem/testing/openapi.json "
                "from openapi.yaml)"
            ) from None
        return yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@functools.lru_cache(maxsize=8)
def _load(path: str) -> Spec:
    document = _read(path)
    try:
        return _derive(path, document)
    except (KeyError, TypeError, AttributeError) as exc:
        raise SpecError(f"{path}: not the GoodMem LLM API ({type(exc).__name__}: {exc})") from None


def _operations(document: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    found: dict[str, Mapping[str, Any]] = {}
    for item in document["paths"].values():
        shared = item.get("parameters", [])
        for operation in item.values():
            if isinstance(operation, Mapping) and "operationId" in operation:
                params = [*shared, *operation.get("parameters", [])]
                found[operation["operationId"]] = {**operation, "parameters": params}
    return found


def _body_schema(operation: Mapping[str, Any], schemas: Mapping[str, Any], name: str) -> Schema:
    node = operation["requestBody"]["content"]["application/json"]["schema"]
    return compile_schema(node, schemas, name)


def _query_params(
    operation: Mapping[str, Any], schemas: Mapping[str, Any]
) -> dict[str, QueryParam]:
    params: dict[str, QueryParam] = {}
    for param in operation["parameters"]:
        if param.get("in") != "query":
            continue
        name = param["name"]
        schema = compile_schema(param["schema"], schemas, f"query parameter {name}")
        deep = param.get("style") == "deepObject"
        if not deep and schema.type in ("object", "array"):
            raise SpecError(f"query parameter {name}: only scalars and deepObject maps are served")
        params[name] = QueryParam(name, schema, deep)
    return params


def _derive(path: str, document: Mapping[str, Any]) -> Spec:
    schemas = document["components"]["schemas"]
    operations = _operations(document)
    create = _body_schema(operations[OPERATIONS["create"]], schemas, "LLMCreationRequest")
    update = _body_schema(operations[OPERATIONS["update"]], schemas, "LLMUpdateRequest")
    response_fields = tuple(schemas["LLMResponse"]["properties"])
    replaced = tuple(
        name
        for name in update.properties
        if name in response_fields and name not in _SPECIAL_ON_UPDATE
    )
    params = {
        name: _query_params(operations[operation_id], schemas)
        for name, operation_id in OPERATIONS.items()
    }
    params["get"].setdefault(
        _INCLUDE_CREDENTIALS, QueryParam(_INCLUDE_CREDENTIALS, Schema("boolean"))
    )
    provider_types = create.properties["providerType"].enum or ()
    return Spec(
        path=path,
        create_request=create,
        update_request=update,
        response_fields=response_fields,
        replaced_on_update=replaced,
        capability_flags=tuple(create.properties["capabilities"].properties),
        provider_types=tuple(map(str, provider_types)),
        query_params=params,
    )
