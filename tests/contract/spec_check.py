"""Validate recorded interactions against openapi.yaml with openapi-core.

`cassette_problems(path)` lists every way a cassette disagrees with the spec, one line each:
`<cassette>: interaction <n> (<operationId> <METHOD> <template> -> <status>): <problem>`.
Requests are checked for a known path and method, documented query parameters (openapi-core
cannot read the `label.<key>` pairs of the deepObject `label`, so names are checked here),
parameter values and the JSON body; responses for a documented status, content type, an empty
body where none is documented, and the body against its schema.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.responses.exceptions import ResponseNotFound
from werkzeug.datastructures import Headers, ImmutableMultiDict

from tests.contract.recording import Operation, find_operation, relative
from tests.spec_tools import SPEC_PATH, load_spec

__all__ = ["cassette_problems", "interaction_problems", "load_interactions"]


@dataclass
class _Request:
    """openapi_core.protocols.Request over a recorded request."""

    method: str
    path: str
    body: bytes | None
    content_type: str
    parameters: RequestParameters = field(default_factory=RequestParameters)
    host_url: str = ""


@dataclass
class _Response:
    """openapi_core.protocols.Response over a recorded response."""

    status_code: int
    data: bytes | None
    content_type: str
    headers: Headers


@functools.cache
def _openapi() -> OpenAPI:
    return OpenAPI.from_file_path(str(SPEC_PATH))


def load_interactions(path: Path) -> list[dict[str, Any]]:
    """The interactions of the cassette at `path` (plain YAML: vcrpy's format, version 1)."""
    data = yaml.safe_load(path.read_text())
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ValueError(f"{relative(path)}: not a vcrpy cassette (version 1)")
    interactions: list[dict[str, Any]] = data["interactions"]
    return interactions


def _headers(raw: dict[str, list[str]]) -> Headers:
    return Headers([(name, value) for name, values in raw.items() for value in values])


def _bytes(text: str | None) -> bytes | None:
    return None if text is None else text.encode()


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


def _query_problems(operation: Operation, query: list[tuple[str, str]]) -> Iterable[str]:
    """Query parameters the operation does not document (deepObject `x`: `x.<k>`, `x[<k>]`)."""
    plain: set[str] = set()
    deep: set[str] = set()
    for parameter in operation.spec.get("parameters", []):
        if parameter.get("in") == "query":
            (deep if parameter.get("style") == "deepObject" else plain).add(parameter["name"])
    for name, _ in query:
        base = name.split(".", 1)[0].split("[", 1)[0]
        if name in plain or (base in deep and name != base):
            continue
        documented = ", ".join(sorted(plain | {f"{d}.<key>" for d in deep})) or "none"
        yield f"request query parameter {name!r} is not documented (documented: {documented})"


def interaction_problems(request: dict[str, Any], response: dict[str, Any]) -> list[str]:
    """Every way one recorded request/response pair disagrees with openapi.yaml."""
    openapi = _openapi()
    parts = urlsplit(request["uri"])
    method = request["method"].upper()
    operation = find_operation(method, parts.path)
    if operation is None:
        return [f"{method} {parts.path}: no such operation in openapi.yaml"]
    problems: list[str] = []
    query = parse_qsl(parts.query, keep_blank_values=True)
    problems += _query_problems(operation, query)
    request_headers = _headers(request.get("headers") or {})
    host = load_spec()["servers"][0]["url"]
    checked_request = _Request(
        method=method.lower(),
        path=parts.path,
        body=_bytes(request.get("body")) or None,
        content_type=request_headers.get("content-type", ""),
        parameters=RequestParameters(query=ImmutableMultiDict(query), header=request_headers),
        host_url=host,
    )
    for error in openapi.iter_request_errors(checked_request):
        problems += [f"request {line}" for line in _explain(error)]

    status = int(response["status"]["code"])
    response_headers = _headers(response.get("headers") or {})
    body = _bytes(response["body"]["string"]) or b""
    checked_response = _Response(
        status_code=status,
        data=body,
        content_type=response_headers.get("content-type", ""),
        headers=response_headers,
    )
    documented = operation.spec["responses"]
    for error in openapi.iter_response_errors(checked_request, checked_response):
        if isinstance(error, ResponseNotFound):
            problems.append(
                f"status {status} is not documented (documented: {', '.join(documented)})"
            )
        else:
            problems += [f"response {line}" for line in _explain(error)]
    if str(status) in documented and body:
        described = documented[str(status)]
        if "$ref" in described:
            name = described["$ref"].rsplit("/", 1)[1]
            described = load_spec()["components"]["responses"][name]
        if "content" not in described:
            problems.append(f"response has a body but {status} documents none")
    return problems


def cassette_problems(path: Path) -> list[str]:
    """Every way the cassette at `path` disagrees with openapi.yaml; empty when it agrees."""
    problems = []
    for number, interaction in enumerate(load_interactions(path), start=1):
        request, response = interaction["request"], interaction["response"]
        parts = urlsplit(request["uri"])
        operation = find_operation(request["method"], parts.path)
        name = str(operation) if operation else f"{request['method']} {parts.path}"
        where = f"{relative(path)}: interaction {number} ({name} -> {response['status']['code']})"
        problems += [f"{where}: {problem}" for problem in interaction_problems(request, response)]
    return problems
