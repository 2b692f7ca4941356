"""The one spec checker of the tests: openapi.yaml, its operations, its schemas, its exchanges.

- `load_spec()`: openapi.yaml, parsed once.
- `schema_errors(name, value)`: how a JSON value breaks components/schemas/<name>;
  `resolve(node)` follows a node's `$ref`s.
- `find_operation(method, path)` / `describe(method, path)`: the operation a request invokes;
  `operation_at(method, template)`: the operation at a path template.
- `Exchange` and `request_problems` / `response_problems` / `exchange_problems`: how one HTTP
  request and its response break the operation they belong to, checked with openapi-core.

Requests are checked for a known path and method, documented query parameter names (a
deepObject parameter `x` is spelled `x.<key>`, as the spec describes; openapi-core cannot read
those pairs, so names are checked here and the pairs are handed to it as `x[<key>]`), parameter
values, the API key and the JSON body; responses for a documented status, content type, an
empty body where none is documented, and the body against its schema. Callers adapt their own
format (cassettes, httpx objects) to `Exchange`. Every problem is one readable line.

openapi-core re-reads the spec for every exchange (finding the path, building a JSON Schema
validator per value); the spec never changes during a run, so the checks hand it requests
already routed to their operation and keep what it builds: each schema's validator
(`_OnceFactory`) and each operation's place in the spec (`_RoutedPathFinder`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jsonschema_path import SchemaPath
from openapi_core.casting.schemas import oas30_types_caster
from openapi_core.casting.schemas.factories import SchemaCastersFactory
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.paths.datatypes import PathOperationServer
from openapi_core.templating.paths.finders import APICallPathFinder
from openapi_core.templating.responses.exceptions import ResponseNotFound
from openapi_core.validation.request.validators import V30RequestValidator
from openapi_core.validation.response.validators import V30ResponseValidator
from openapi_core.validation.schemas import (
    oas30_read_schema_validators_factory,
    oas30_write_schema_validators_factory,
)
from openapi_core.validation.schemas.datatypes import FormatValidatorsDict
from openapi_core.validation.schemas.factories import SchemaValidatorsFactory
from openapi_core.validation.schemas.validators import SchemaValidator
from openapi_schema_validator import OAS30Validator
from werkzeug.datastructures import Headers, ImmutableMultiDict

__all__ = [
    "SPEC_PATH",
    "Exchange",
    "Operation",
    "describe",
    "documented_response",
    "exchange_problems",
    "find_operation",
    "load_spec",
    "operation_at",
    "request_problems",
    "resolve",
    "response_problems",
    "schema_errors",
]

SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi.yaml"


@functools.cache
def load_spec() -> dict[str, Any]:
    """openapi.yaml, parsed once (callers must not change it)."""
    return yaml.safe_load(SPEC_PATH.read_text())  # type: ignore[no-any-return]


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """`node` with its `$ref`s (to anywhere in openapi.yaml) followed."""
    while "$ref" in node:
        target: Any = load_spec()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


# --- schemas -----------------------------------------------------------------------------


@functools.cache
def _validator(schema_name: str) -> OAS30Validator:
    spec = load_spec()
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": spec["components"]}
    return OAS30Validator(schema)


def schema_errors(schema_name: str, value: Any) -> list[str]:
    """Every way `value` breaks components/schemas/<schema_name>, as readable lines."""
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in _validator(schema_name).iter_errors(value)
    ]


# --- operations --------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    """An operation of openapi.yaml: `str()` is `createLLM POST /v1/llms`.

    `spec` is the operation object; `parameters` are its own and its path's, `$ref`s followed.
    """

    operation_id: str
    method: str
    template: str
    spec: dict[str, Any] = field(hash=False, compare=False)
    parameters: tuple[dict[str, Any], ...] = field(hash=False, compare=False)

    def __str__(self) -> str:
        return f"{self.operation_id} {self.method} {self.template}"

    def query_parameters(self) -> list[dict[str, Any]]:
        """The operation's query parameters, in spec order."""
        return [p for p in self.parameters if p.get("in") == "query"]


@functools.cache
def _pattern(template: str) -> re.Pattern[str]:
    """A concrete path of `template`; each `{name}` is one group (one path segment)."""
    return re.compile(re.sub(r"\\\{[^}]+\\\}", "([^/]+)", re.escape(template)))


def _path_variables(template: str, path: str) -> dict[str, str] | None:
    """The path parameters of `path` (as sent, still percent-encoded) by name; None when
    `path` is not a path of `template`."""
    match = _pattern(template).fullmatch(path)
    if match is None:
        return None
    return dict(zip(re.findall(r"\{([^}]+)\}", template), match.groups(), strict=True))


def operation_at(method: str, template: str) -> Operation | None:
    """The operation of openapi.yaml at `method` and the path template `template`, if any."""
    item = load_spec()["paths"].get(template, {})
    operation = item.get(method.lower())
    if operation is None:
        return None
    parameters = [*item.get("parameters", []), *operation.get("parameters", [])]
    return Operation(
        operation["operationId"],
        method.upper(),
        template,
        operation,
        tuple(resolve(p) for p in parameters),
    )


def find_operation(method: str, path: str) -> Operation | None:
    """The operation of openapi.yaml that `method` on `path` (a concrete path) invokes."""
    for template in load_spec()["paths"]:
        operation = operation_at(method, template) if _pattern(template).fullmatch(path) else None
        if operation is not None:
            return operation
    return None


def describe(method: str, path: str) -> str:
    """`createLLM POST /v1/llms`, or `PATCH /v2/x (not in openapi.yaml)`."""
    operation = find_operation(method, path)
    return str(operation) if operation else f"{method.upper()} {path} (not in openapi.yaml)"


def documented_response(operation: Operation, status: int) -> dict[str, Any] | None:
    """The response object `operation` documents for `status` (`$ref` followed), or None."""
    described = operation.spec["responses"].get(str(status))
    return None if described is None else resolve(described)


# --- exchanges ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and its response, as the checks read them.

    `path` is the request's path as sent (percent-encoded, no query); `query` its decoded
    (name, value) pairs in order; headers are (name, value) pairs, names in any case.
    """

    method: str
    path: str
    query: Sequence[tuple[str, str]] = ()
    request_headers: Sequence[tuple[str, str]] = ()
    request_body: bytes = b""
    status: int = 0
    response_headers: Sequence[tuple[str, str]] = ()
    response_body: bytes = b""


@dataclass
class _Request:
    """openapi_core.protocols.Request over an Exchange, already routed: `path_pattern` is its
    operation's path template and `parameters.path` holds the path's values."""

    method: str
    path: str
    path_pattern: str
    body: bytes | None
    content_type: str
    parameters: RequestParameters
    host_url: str


@dataclass
class _Response:
    """openapi_core.protocols.Response over an Exchange."""

    status_code: int
    data: bytes
    content_type: str
    headers: Headers


class _OnceFactory(SchemaValidatorsFactory):
    """openapi-core's schema validators factory `base`, building each schema's validator once.

    Only validators built without custom format validators are kept (the checker passes none).
    """

    def __init__(self, base: SchemaValidatorsFactory) -> None:
        super().__init__(base.schema_validator_cls, base.format_checker)
        self._base = base
        self._built: dict[tuple[SchemaPath, bool, bool], SchemaValidator] = {}

    def create(
        self,
        spec: SchemaPath,
        schema: SchemaPath,
        format_validators: FormatValidatorsDict | None = None,
        extra_format_validators: FormatValidatorsDict | None = None,
        forbid_unspecified_additional_properties: bool = False,
        enforce_properties_required: bool = False,
    ) -> SchemaValidator:
        flags = (forbid_unspecified_additional_properties, enforce_properties_required)
        if format_validators is not None or extra_format_validators is not None:
            return self._base.create(
                spec, schema, format_validators, extra_format_validators, *flags
            )
        key = (schema, *flags)
        if key not in self._built:
            self._built[key] = self._base.create(spec, schema, None, None, *flags)
        return self._built[key]


class _RoutedPathFinder(APICallPathFinder):
    """openapi-core's path finder, looking each (method, path template) up once.

    The requests name their template (`path_pattern`), so the URL it is given is the same for
    every request of an operation; the path's values travel in `parameters.path`.
    """

    def __init__(self, spec: SchemaPath, base_url: str | None = None) -> None:
        super().__init__(spec, base_url)
        self._found: dict[tuple[str, str], PathOperationServer] = {}

    def find(self, method: str, name: str) -> PathOperationServer:
        """The path, operation and server of `method` on the URL `name` (a template)."""
        if (method, name) not in self._found:
            self._found[method, name] = super().find(method, name)
        return self._found[method, name]


@functools.cache
def _validators() -> tuple[V30RequestValidator, V30ResponseValidator]:
    """openapi-core's request and response validators of openapi.yaml, built once.

    Called directly rather than through openapi_core.OpenAPI, which re-checks on every call
    that the request is not a webhook (a costly runtime Protocol check).
    """
    spec = SchemaPath.from_file_path(str(SPEC_PATH))

    def once(base: SchemaValidatorsFactory) -> dict[str, Any]:
        validators = _OnceFactory(base)
        return {
            "schema_validators_factory": validators,
            "schema_casters_factory": SchemaCastersFactory(validators, oas30_types_caster),
            "path_finder_cls": _RoutedPathFinder,
        }

    requests = V30RequestValidator(spec, **once(oas30_write_schema_validators_factory))
    responses = V30ResponseValidator(spec, **once(oas30_read_schema_validators_factory))
    return requests, responses


def _explain(error: Exception) -> list[str]:
    """openapi-core's error as lines: `body at /llm: 'x' is a required property`, one per
    schema violation, or its own message when it has none."""
    cause = error.__cause__
    schema_errors = getattr(cause, "schema_errors", None) or getattr(error, "schema_errors", None)
    if not schema_errors:
        return [str(error)]
    # e.g. "Invalid query parameter: providerType"; the bodies' messages repeat the whole value
    head = "body" if type(error).__name__ in ("InvalidData", "InvalidRequestBody") else str(error)
    return [f"{head} at /{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in schema_errors]


def _deep_objects(operation: Operation) -> set[str]:
    return {p["name"] for p in operation.query_parameters() if p.get("style") == "deepObject"}


def _query_problems(operation: Operation, query: Iterable[tuple[str, str]]) -> Iterator[str]:
    """Query parameters the operation does not document (deepObject `x`: `x.<key>`)."""
    deep = _deep_objects(operation)
    plain = {p["name"] for p in operation.query_parameters()} - deep
    for name, _ in query:
        base, dot, key = name.partition(".")
        if name in plain or (base in deep and dot and key):
            continue
        documented = ", ".join(sorted(plain | {f"{d}.<key>" for d in deep})) or "none"
        yield f"request query parameter {name!r} is not documented (documented: {documented})"


def _openapi_query(
    operation: Operation, query: Iterable[tuple[str, str]]
) -> ImmutableMultiDict[str, str]:
    """`query` as openapi-core reads it: deepObject pairs `x.<key>` become `x[<key>]`."""
    deep = _deep_objects(operation)
    pairs = []
    for name, value in query:
        base, dot, key = name.partition(".")
        pairs.append((f"{base}[{key}]" if base in deep and dot else name, value))
    return ImmutableMultiDict(pairs)


def _openapi_request(exchange: Exchange, operation: Operation) -> _Request:
    headers = Headers(list(exchange.request_headers))
    return _Request(
        method=exchange.method.lower(),
        path=exchange.path,
        path_pattern=operation.template,
        body=exchange.request_body or None,
        content_type=headers.get("content-type", ""),
        parameters=RequestParameters(
            query=_openapi_query(operation, exchange.query),
            header=headers,
            path=_path_variables(operation.template, exchange.path) or {},
        ),
        host_url=load_spec()["servers"][0]["url"],
    )


def _unknown(exchange: Exchange) -> str:
    return f"{exchange.method.upper()} {exchange.path}: no such operation in openapi.yaml"


def request_problems(exchange: Exchange, operation: Operation | None = None) -> list[str]:
    """Every way the request of `exchange` breaks its operation in openapi.yaml.

    `operation`: the one the server routed the request to (default: the one its method and
    path invoke); a path that is not a path of its template is a problem.
    """
    operation = operation or find_operation(exchange.method, exchange.path)
    if operation is None:
        return [_unknown(exchange)]
    if _path_variables(operation.template, exchange.path) is None:
        return [f"request path {exchange.path} is not a path of {operation.template}"]
    problems = list(_query_problems(operation, exchange.query))
    checker = _validators()[0]
    for error in checker.iter_errors(_openapi_request(exchange, operation)):
        problems += [f"request {line}" for line in _explain(error)]
    return problems


def response_problems(exchange: Exchange, operation: Operation | None = None) -> list[str]:
    """Every way the response of `exchange` breaks what its operation documents.

    `operation`: the one the server routed the request to (default: the one its method and
    path invoke).
    """
    operation = operation or find_operation(exchange.method, exchange.path)
    if operation is None:
        return [_unknown(exchange)]
    headers = Headers(list(exchange.response_headers))
    response = _Response(
        status_code=exchange.status,
        data=exchange.response_body,
        content_type=headers.get("content-type", ""),
        headers=headers,
    )
    problems: list[str] = []
    checker = _validators()[1]
    for error in checker.iter_errors(_openapi_request(exchange, operation), response):
        if isinstance(error, ResponseNotFound):
            documented = ", ".join(operation.spec["responses"])
            problems.append(
                f"status {exchange.status} is not documented (documented: {documented})"
            )
        else:
            problems += [f"response {line}" for line in _explain(error)]
    described = documented_response(operation, exchange.status)
    if described is not None and exchange.response_body and "content" not in described:
        problems.append(f"response has a body but {exchange.status} documents none")
    return problems


def exchange_problems(exchange: Exchange) -> list[str]:
    """Every way `exchange` (request and response) disagrees with openapi.yaml."""
    operation = find_operation(exchange.method, exchange.path)
    if operation is None:
        return [_unknown(exchange)]
    return request_problems(exchange, operation) + response_problems(exchange, operation)
