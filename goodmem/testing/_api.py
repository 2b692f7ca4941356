"""The embedded GoodMem's LLM registry: routing, validation, storage. No faults, no I/O.

Request shapes, response fields and query parameters come from openapi.yaml (see _spec.py).
What the spec cannot say is written here: permissions (Caller), server defaults, duplicate
detection on create and update, label filters, merge/replace on update, when an update is not
one, providerType immutability, when credentials are returned, how a body must be sent and
read, and which DashScope dialect an LLM gets (`_DASHSCOPE_PATHS`). Each rule cites the
documentation it follows; goodmem/testing/WIRE.md lists them.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import httpx

from goodmem._identity import (  # the duplicate rule, as the SDK applies it too
    DEFAULT_HEADER_NAME,
    canonical_url,
    effective_credentials,
)

from ._schema import UUID_RE, Invalid, check, field_name
from ._spec import QueryParam, Spec, snake_case

__all__ = [
    "BODY_TOO_LARGE",
    "COLLECTION_PATH",
    "DEFAULT_HEADER_NAME",
    "MAX_DEPTH",
    "OWS",
    "Caller",
    "LlmsApi",
    "canonical_url",
    "credentials_fingerprint",
    "effective_credentials",
    "error_response",
    "json_response",
    "request_target",
]

COLLECTION_PATH = "/v1/llms"
_ITEM_PREFIX = COLLECTION_PATH + "/"
DEFAULT_API_PATH = "/chat/completions"
MAX_DEPTH = 32
"""Deepest nesting of objects and arrays a request body may have."""
BODY_TOO_LARGE = "goodmem_body_too_large"
"""Request extension the HTTP server sets when it left a body over the limit unread."""

# Model families whose capabilities the server infers by name. (It never infers providerType or
# endpointUrl: both are required on create, as the real contract says.)
_MODEL_FAMILIES = (
    re.compile(r"(gpt-|chatgpt-|o\d(-|$))"),
    re.compile(r"claude-"),
    re.compile(r"gemini-"),
    re.compile(r"(mistral|magistral|codestral)-"),
)
DASHSCOPE = "DASHSCOPE"
_DIALECT = "dashscopeApiDialect"
# DashScope's documented API paths and the dialect each implies; any other apiPath leaves a
# DASHSCOPE LLM's dialect as given, or OPENAI_COMPATIBLE on create.
_DASHSCOPE_PATHS = {
    "/compatible-mode/v1/chat/completions": "OPENAI_COMPATIBLE",
    "/api/v1/services/aigc/text-generation/generation": "LLM_NATIVE_TEXT",
    "/api/v1/services/aigc/multimodal-generation/generation": "LLM_NATIVE_MULTIMODAL",
}
_DEFAULT_DIALECT = "OPENAI_COMPATIBLE"
_DEFAULT_PORTS = {"http": 80, "https": 443}
_NO_CREDENTIALS_FINGERPRINT = hashlib.sha256(b"no-credentials").hexdigest()
_SURROGATE = re.compile("[\ud800-\udfff]")
_BOOLEANS = {"true": True, "false": False}
OWS = " \t"
"""RFC 9110 §5.6.3: the optional whitespace around a field value, spaces and horizontal tabs."""
# An integer longer than this is out of range for any field (int64 has 19 digits); it is not
# even converted (Python refuses to convert more than 4300 digits, and slowly).
_MAX_INTEGER_DIGITS = 100


def json_response(
    status: int, payload: Any, headers: Mapping[str, str] | None = None
) -> httpx.Response:
    """A response with `payload` as its compact UTF-8 JSON body.

    Raises ValueError (or UnicodeEncodeError) when `payload` is not serialisable JSON.
    """
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return httpx.Response(
        status,
        headers={"content-type": "application/json", **(headers or {})},
        content=body.encode(),
    )


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> httpx.Response:
    """An ErrorResponse `{"code": ..., "message": ...}`; the message is made safe to encode."""
    return json_response(status, {"code": code, "message": field_name(message)}, headers)


def request_target(request: httpx.Request) -> str:
    """The request target as sent on the wire: percent-encoded path, then `?query` if any.

    A `target` request extension (what httpcore sends, and what the HTTP server passes on)
    wins over the URL, whose dot segments httpx has already resolved.
    """
    target = request.extensions.get("target")
    raw = target if isinstance(target, bytes) else request.url.raw_path
    return raw.decode("ascii", errors="replace")


class _Failure(Exception):
    """Answer the current request with this error."""

    def __init__(self, status: int, code: str, message: str, allow: str | None = None) -> None:
        super().__init__(message)
        self.response = error_response(
            status, code, message, {"allow": allow} if allow is not None else None
        )


def _not_found(llm_id: str) -> _Failure:
    return _Failure(404, "NOT_FOUND", f"LLM {llm_id} not found")


@dataclass(frozen=True)
class Caller:
    """Who an API key authenticates: a principal (owner id) and whether the key is an admin's.

    A plain key has the documented `*_OWN` permissions (CREATE_LLM_OWN, READ_LLM_OWN,
    LIST_LLM_OWN, UPDATE_LLM_OWN, DELETE_LLM_OWN); an admin key the `*_ANY` ones. Both may read
    the credentials of an LLM they may read (READ_LLM_CREDENTIALS is not modelled apart).
    """

    principal: str
    admin: bool = False

    def may_access(self, record: Mapping[str, Any]) -> bool:
        """Whether READ/UPDATE/DELETE_LLM allow this caller at `record` (its own, or admin)."""
        return self.admin or record["ownerId"] == self.principal


class LlmsApi:
    """The LLM registry: a thread-safe store behind `handle(request) -> httpx.Response`.

    `api_keys` and `admin_keys` map API keys to their principals (UUIDs); see Caller for what
    each may do. A request that fails changes nothing: it is validated whole and its answer
    rendered before the store is touched.
    """

    def __init__(
        self,
        api_keys: Mapping[str, str],
        clock: Callable[[], int],
        spec: Spec,
        max_body_bytes: int,
        admin_keys: Mapping[str, str] | None = None,
    ) -> None:
        self._callers = {key: Caller(_principal(key, owner)) for key, owner in api_keys.items()}
        for key, owner in (admin_keys or {}).items():
            if key in self._callers:
                raise ValueError("admin_keys: a key cannot be both a plain and an admin key")
            self._callers[key] = Caller(_principal(key, owner), admin=True)
        self._clock = clock
        self._spec = spec
        self._max_body_bytes = max_body_bytes
        self._params = {
            operation: _spellings(params) for operation, params in spec.query_params.items()
        }
        self._lock = threading.RLock()
        self._llms: dict[str, dict[str, Any]] = {}
        self._identities: dict[str, tuple[str, ...]] = {}  # llmId -> duplicate-detection key
        self._by_identity: dict[tuple[str, ...], str] = {}  # the reverse: key -> llmId

    def reset(self) -> None:
        """Forget every stored LLM."""
        with self._lock:
            self._llms.clear()
            self._identities.clear()
            self._by_identity.clear()

    def caller(self, request: httpx.Request) -> Caller | None:
        """Who the request's x-api-key authenticates, or None."""
        return self.caller_of(request.headers.get("x-api-key"))

    def caller_of(self, api_key: str | None) -> Caller | None:
        """Who `api_key` authenticates, or None.

        Spaces and tabs around the value are not part of it (RFC 9110 §5.5: "Field values do
        not include leading or trailing whitespace"), so `key  ` is `key`.
        """
        return None if api_key is None else self._callers.get(api_key.strip(OWS))

    def principal_of(self, api_key: str | None) -> str | None:
        """The principal `api_key` authenticates, or None."""
        caller = self.caller_of(api_key)
        return None if caller is None else caller.principal

    def handle(self, request: httpx.Request) -> httpx.Response:
        """Answer one request: authenticate, route, validate, then read or change the store.

        A HEAD request is answered as the GET it stands for, body included: whoever sends the
        answer leaves the body out. Never raises: a bug in the fake answers 500 INTERNAL (and
        changes nothing).
        """
        try:
            return self._route(request)
        except _Failure as failure:
            return failure.response
        except Invalid as invalid:
            return error_response(400, "INVALID_ARGUMENT", str(invalid))
        except Exception as exc:
            return error_response(500, "INTERNAL", f"embedded GoodMem failed: {exc!r}")

    def _route(self, request: httpx.Request) -> httpx.Response:
        if "x-api-key" not in request.headers:
            raise _Failure(401, "UNAUTHENTICATED", "x-api-key: header is missing")
        caller = self.caller(request)
        if caller is None:
            raise _Failure(401, "UNAUTHENTICATED", "x-api-key: not a valid API key")
        if request.extensions.get(BODY_TOO_LARGE) or len(request.content) > self._max_body_bytes:
            raise _Failure(
                413, "RESOURCE_EXHAUSTED", f"body: larger than {self._max_body_bytes} bytes"
            )
        path, _, query = request_target(request).partition("?")
        method = request.method.upper()
        # RFC 9110 §9.1: "All general-purpose servers MUST support the methods GET and HEAD";
        # §9.3.2: HEAD is "identical to GET except that the server MUST NOT send content".
        reading = method in ("GET", "HEAD")
        if path == COLLECTION_PATH:
            if method == "POST":
                self._query(query, "create")
                return self._create(caller, _json_object(request))
            if reading:
                return self._list(caller, self._query(query, "list"))
            raise _Failure(
                405, "UNIMPLEMENTED", f"{method} is not allowed on {path}", "GET, HEAD, POST"
            )
        if path.startswith(_ITEM_PREFIX):
            if not reading and method not in ("PUT", "DELETE"):
                raise _Failure(
                    405,
                    "UNIMPLEMENTED",
                    f"{method} is not allowed on an LLM",
                    "GET, HEAD, PUT, DELETE",
                )
            llm_id = _path_id(path[len(_ITEM_PREFIX) :])
            if reading:
                params = self._query(query, "get")
                return self._get(caller, llm_id, bool(params.get("includeCredentials")))
            if method == "PUT":
                self._query(query, "update")
                return self._update(caller, llm_id, _json_object(request))
            self._query(query, "delete")
            self._delete(caller, llm_id)
            return httpx.Response(204)
        raise _Failure(404, "NOT_FOUND", f"no such resource: {path}")

    # --- query parameters -------------------------------------------------------------------

    def _query(self, query: str, operation: str) -> dict[str, Any]:
        """The query parameters of `operation`, by spec name; deepObject maps as (key, value)
        lists. Each parameter may be spelled camelCase or snake_case."""
        spellings = self._params[operation]
        values: dict[str, Any] = {}
        for name, value in parse_qsl(query, keep_blank_values=True):
            param, key = _find_param(name, spellings)
            if param is None:
                raise Invalid(name, "unknown query parameter")
            if param.deep_object:
                if not key:
                    raise Invalid(name, f"{param.name} key must not be empty")
                assert isinstance(param.schema.additional, type(param.schema))
                check(value, param.schema.additional, name)
                values.setdefault(param.name, []).append((key, value))
                continue
            if param.name in values:
                raise Invalid(param.name, "must be given at most once")
            values[param.name] = _query_value(name, value, param)
        return values

    # --- operations -------------------------------------------------------------------------

    def _create(self, caller: Caller, raw: dict[str, Any]) -> httpx.Response:
        body: dict[str, Any] = check(raw, self._spec.create_request, "")
        _check_semantics(body)
        principal = caller.principal
        owner = body.get("ownerId", principal).lower()
        if owner != principal and not caller.admin:
            # "Optional owner ID. If not provided, derived from the authentication context.
            # Requires CREATE_LLM_ANY permission if specified." Naming oneself needs only
            # CREATE_LLM_OWN: "CREATE_LLM is evaluated against the proposed LLM and owner."
            raise _Failure(
                403,
                "PERMISSION_DENIED",
                f"ownerId: creating an LLM for another owner ({owner}) needs CREATE_LLM_ANY "
                "permission, which this API key does not have",
            )
        model = body["modelIdentifier"]
        provider = body["providerType"]
        statuses: list[dict[str, str]] = []
        if "capabilities" in body:
            capabilities = self._all_flags(body["capabilities"])
        else:
            capabilities = self._infer_capabilities(model)
            statuses.append(
                {
                    "code": "LLM_CAPABILITY_INFERRED",
                    "message": f"capabilities inferred from modelIdentifier '{model}'",
                }
            )
        api_path = body.get("apiPath", DEFAULT_API_PATH)
        if provider == DASHSCOPE:
            dialect = body.get(_DIALECT) or _DASHSCOPE_PATHS.get(api_path, _DEFAULT_DIALECT)
            body = body | {_DIALECT: dialect}
        elif _DIALECT in body:
            raise Invalid(_DIALECT, f"is only allowed with providerType {DASHSCOPE}")
        record = body | {
            "apiPath": api_path,
            "supportedModalities": body.get("supportedModalities") or ["TEXT"],
            "labels": body.get("labels", {}),
            "capabilities": capabilities,
            "ownerId": owner,
            "createdById": principal,
            "updatedById": principal,
        }
        key = _identity(record)
        with self._lock:
            llm_id = body["llmId"].lower() if "llmId" in body else str(uuid.uuid4())
            if llm_id in self._llms:
                raise _Failure(409, "ALREADY_EXISTS", f"llmId: {llm_id} is already in use")
            self._check_unique(key, llm_id)
            now = self._clock()
            record |= {"llmId": llm_id, "createdAt": now, "updatedAt": now}
            payload: dict[str, Any] = {"llm": self._render(record)}
            if statuses:
                payload["statuses"] = statuses
            response = json_response(201, payload, {"location": f"{COLLECTION_PATH}/{llm_id}"})
            self._commit(llm_id, record, key)
        return response

    def _get(self, caller: Caller, llm_id: str, include_credentials: bool) -> httpx.Response:
        with self._lock:
            record = self._accessible(caller, llm_id, "READ_LLM_ANY", "read")
        return json_response(200, self._render(record, credentials=include_credentials))

    def _list(self, caller: Caller, params: Mapping[str, Any]) -> httpx.Response:
        provider = params.get("providerType")
        owner = params["ownerId"].lower() if "ownerId" in params else None
        labels: list[tuple[str, str]] = params.get("label", [])
        with self._lock:
            found = [
                self._render(record)
                for record in self._llms.values()
                # "With LIST_LLM_OWN permission, you can only see your own LLMs"; "With
                # LIST_LLM_ANY permission, you can see all LLMs or filter by any owner_id".
                # "The ownerId parameter filters that already-authorized result set and does
                # not grant additional visibility": another owner's id gives [] to a plain key.
                if caller.may_access(record)
                and owner in (None, record["ownerId"])
                and provider in (None, record["providerType"])
                and all(record["labels"].get(k) == v for k, v in labels)
            ]
        return json_response(200, {"llms": found})

    def _update(self, caller: Caller, llm_id: str, raw: dict[str, Any]) -> httpx.Response:
        for name, reason in (
            ("providerType", "cannot be changed after creation"),
            ("labels", "unknown field; use replaceLabels or mergeLabels"),
        ):
            if name in raw:  # not fields of LLMUpdateRequest, even when null
                raise Invalid(name, reason)
        body: dict[str, Any] = check(raw, self._spec.update_request, "")
        _check_semantics(body)
        if "replaceLabels" in body and "mergeLabels" in body:
            raise Invalid("replaceLabels", "cannot be combined with mergeLabels")
        with self._lock:
            stored = self._accessible(caller, llm_id, "UPDATE_LLM_ANY", "update")
            record = dict(stored)
            if record["providerType"] != DASHSCOPE and _DIALECT in body:
                raise Invalid(_DIALECT, f"is only allowed with providerType {DASHSCOPE}")
            for name in self._spec.replaced_on_update:
                if name in body:
                    record[name] = body[name]
            if record["providerType"] == DASHSCOPE and _DIALECT not in body and "apiPath" in body:
                # a new apiPath that is a documented DashScope path implies its dialect; a
                # custom path keeps the stored one
                implied = _DASHSCOPE_PATHS.get(body["apiPath"])
                record[_DIALECT] = implied or record.get(_DIALECT, _DEFAULT_DIALECT)
            # "if array contains ≥1 elements, replaces stored set; if empty or omitted, no
            # change" (and, goodmem 0.1.43: "does not count as an update by itself")
            if body.get("supportedModalities"):
                record["supportedModalities"] = body["supportedModalities"]
            if "capabilities" in body:
                record["capabilities"] = self._all_flags(body["capabilities"])
            if "replaceLabels" in body:
                record["labels"] = body["replaceLabels"]
            if "mergeLabels" in body:
                merged = {**record["labels"], **body["mergeLabels"]}
                if len(merged) > 20:
                    raise Invalid("mergeLabels", "labels would have more than 20 entries")
                record["labels"] = merged
            if record == stored:
                # Nothing changes (no field given, nulls, an empty supportedModalities, values
                # equal to the stored ones): not an update, so updatedAt and updatedById stay.
                return json_response(200, self._render(stored))
            # "Uniqueness is enforced per-owner": an update may not make this LLM identical to
            # another one of its owner (the duplicate-detection tuple of create).
            key = _identity(record)
            self._check_unique(key, llm_id)
            record["updatedAt"] = max(self._clock(), record["updatedAt"] + 1)
            record["updatedById"] = caller.principal
            response = json_response(200, self._render(record))
            self._commit(llm_id, record, key)
        return response

    def _delete(self, caller: Caller, llm_id: str) -> None:
        with self._lock:
            self._accessible(caller, llm_id, "DELETE_LLM_ANY", "delete")
            del self._llms[llm_id]
            del self._by_identity[self._identities.pop(llm_id)]

    # --- store ------------------------------------------------------------------------------

    def _check_unique(self, key: tuple[str, ...], llm_id: str) -> None:
        """409 when an LLM other than `llm_id` has the duplicate-detection key `key`."""
        other_id = self._by_identity.get(key)
        if other_id is not None and other_id != llm_id:
            raise _Failure(
                409,
                "ALREADY_EXISTS",
                f"an LLM ({other_id}) with the same providerType, endpointUrl, apiPath, "
                "modelIdentifier and credentials already exists for this owner",
            )

    def _commit(self, llm_id: str, record: dict[str, Any], key: tuple[str, ...]) -> None:
        """Store a fully validated and rendered record; nothing here can fail half-way.

        Stored records are never changed in place (updates store a new dict), so readers may
        render them outside the lock.
        """
        old_key = self._identities.get(llm_id)
        if old_key is not None:
            del self._by_identity[old_key]
        self._llms[llm_id] = record
        self._identities[llm_id] = key
        self._by_identity[key] = llm_id

    def _accessible(
        self, caller: Caller, llm_id: str, permission: str, verb: str
    ) -> dict[str, Any]:
        """The stored LLM `llm_id` if `caller` may `verb` it: 404 when there is none, 403 when
        it belongs to another owner and the key lacks `permission` (a `*_LLM_ANY`).

        goodmem 0.1.43: "The service distinguishes a missing LLM from an existing LLM the
        caller cannot read."
        """
        record = self._llms.get(llm_id)
        if record is None:
            raise _not_found(llm_id)
        if not caller.may_access(record):
            raise _Failure(
                403,
                "PERMISSION_DENIED",
                f"LLM {llm_id} belongs to another owner; to {verb} it an API key needs "
                f"{permission} permission",
            )
        return record

    def _render(self, record: Mapping[str, Any], *, credentials: bool = False) -> dict[str, Any]:
        """The LLMResponse for `record`: its fields in spec order; credentials only on request."""
        return {
            name: record[name]
            for name in self._spec.response_fields
            if name in record and (credentials or name != "credentials")
        }

    def _all_flags(self, capabilities: Mapping[str, bool]) -> dict[str, bool]:
        """Every capability flag of the spec; a flag the client left out is false."""
        return {flag: bool(capabilities.get(flag, False)) for flag in self._spec.capability_flags}

    def _infer_capabilities(self, model: str) -> dict[str, bool]:
        name = model.lower()
        known = any(pattern.match(name) for pattern in _MODEL_FAMILIES)
        reasoning = re.match(r"o\d(-|$)", name) is not None
        instruct = "instruct" in name
        inferred = {
            "supportsChat": not (instruct and name.startswith("gpt-")),
            "supportsCompletion": instruct or not known,
            "supportsFunctionCalling": known and not instruct,
            "supportsSystemMessages": not name.startswith(("o1-mini", "o1-preview")),
            "supportsStreaming": True,
            "supportsSamplingParameters": not reasoning,
        }
        return self._all_flags(inferred)


# --- helpers --------------------------------------------------------------------------------


def _principal(key: str, owner: str) -> str:
    if not key:
        raise ValueError("api_keys: an API key must not be empty")
    if not UUID_RE.fullmatch(owner):
        raise ValueError("api_keys: every principal must be a UUID")
    return owner.lower()


def _spellings(params: Mapping[str, QueryParam]) -> dict[str, QueryParam]:
    """Each parameter under its spec name and its snake_case spelling."""
    return {
        spelling: param
        for param in params.values()
        for spelling in (param.name, snake_case(param.name))
    }


def _find_param(name: str, spellings: Mapping[str, QueryParam]) -> tuple[QueryParam | None, str]:
    """The parameter `name` spells, and for a deepObject map the key (`label.k`, `label[k]`)."""
    param = spellings.get(name)
    if param is not None:
        return (None, "") if param.deep_object else (param, "")
    for separator, end in ((".", ""), ("[", "]")):
        base, found, key = name.partition(separator)
        param = spellings.get(base)
        if found and param is not None and param.deep_object and key.endswith(end):
            return param, key[: len(key) - len(end)]
    return None, ""


def _query_value(name: str, text: str, param: QueryParam) -> Any:
    """The value of parameter `param`, spelled `name`, parsed by its schema type and checked."""
    value: Any = text
    kind = param.schema.type
    if kind == "boolean":
        value = _BOOLEANS.get(text.lower())
        if value is None:
            raise Invalid(name, "must be true or false")
    elif kind in ("integer", "number"):
        try:
            value = int(text) if kind == "integer" else float(text)
        except ValueError:
            article = "an integer" if kind == "integer" else "a number"
            raise Invalid(name, f"must be {article}") from None
    value = check(value, param.schema, name)
    if param.name == "ownerId" and not UUID_RE.fullmatch(value):
        raise Invalid(name, "must be a UUID")  # stricter than the spec's plain string
    return value


def _path_id(raw: str) -> str:
    """The LLM id in a path segment, percent-decoded once; anything but a UUID is a 400."""
    llm_id = unquote(raw, errors="replace")
    if not llm_id:
        raise Invalid("id", "must not be empty")
    if not UUID_RE.fullmatch(llm_id):
        raise Invalid("id", "must be a UUID")
    return llm_id.lower()


@dataclass(frozen=True)
class _NotJson:
    """What the parser puts where the body has NaN, Infinity, -Infinity, or an integer too
    long to be a number anyone can store; _check_json names its field."""

    reason: str


def _constant(name: str) -> _NotJson:
    return _NotJson(f"{name} is not valid JSON (numbers must be finite)")


def _integer(text: str) -> int | _NotJson:
    digits = len(text.lstrip("-"))
    if digits > _MAX_INTEGER_DIGITS:
        return _NotJson(f"is out of range (an integer of {digits} digits)")
    return int(text)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object; a key given twice is refused, as a protobuf-JSON server refuses it
    (the alternative, last one wins, would silently drop what the client sent first)."""
    found = dict(pairs)
    if len(found) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise Invalid(key, "is given more than once in the same JSON object")
            seen.add(key)
    return found


def _check_content_type(request: httpx.Request) -> None:
    """415 unless the body is declared `application/json` (charset, if given, UTF-8).

    RFC 9110 §15.5.16: 415 is the answer when "the content is in a format not supported by
    this method on the target resource"; the spec's request bodies are application/json only.
    """
    value = request.headers.get("content-type")
    if value is None:
        raise _Failure(
            415,
            "INVALID_ARGUMENT",
            "Content-Type: header is missing; send the body as application/json",
        )
    media_type, *params = (part.strip() for part in value.split(";"))
    charsets = [
        p.partition("=")[2].strip().strip('"').lower()
        for p in params
        if p.partition("=")[0].strip().lower() == "charset"
    ]
    if media_type.lower() != "application/json" or any(c != "utf-8" for c in charsets):
        raise _Failure(
            415,
            "INVALID_ARGUMENT",
            f"Content-Type: {value.strip()} is not supported; send the body as application/json",
        )


def _json_object(request: httpx.Request) -> dict[str, Any]:
    """The body as a JSON object whose every number is finite and every string valid Unicode,
    nested at most MAX_DEPTH deep, no key given twice; sent as application/json (else 415).

    A syntax error is reported with its position, a bad value with its field.
    """
    raw = request.content
    if not raw.strip():
        raise Invalid("body", "is required (a JSON object)")
    _check_content_type(request)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Invalid(
            "body", f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from None
    try:
        body = json.loads(
            text, parse_constant=_constant, parse_int=_integer, object_pairs_hook=_object
        )
    except RecursionError:
        raise Invalid("body", f"is nested deeper than {MAX_DEPTH} levels") from None
    except json.JSONDecodeError as exc:
        raise Invalid("body", f"is not valid JSON: {exc}") from None
    if not isinstance(body, dict):
        raise Invalid("body", "must be a JSON object")
    _check_json(body, "", 1)
    return body


def _check_json(value: Any, path: str, depth: int) -> None:
    """Invalid for a non-finite number, a lone surrogate or nesting past MAX_DEPTH."""
    if isinstance(value, _NotJson):
        raise Invalid(path, value.reason)
    if isinstance(value, float) and not math.isfinite(value):
        raise Invalid(path, "must be a finite number")
    if isinstance(value, str) and _SURROGATE.search(value):
        raise Invalid(path, "must be valid Unicode (it has a lone surrogate)")
    if isinstance(value, (dict, list)) and depth > MAX_DEPTH:
        raise Invalid(path, f"is nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}" if path else key
            if _SURROGATE.search(key):
                raise Invalid(child, "the key must be valid Unicode (it has a lone surrogate)")
            _check_json(item, child, depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_json(item, f"{path}[{index}]", depth + 1)


def _check_semantics(body: Mapping[str, Any]) -> None:
    """Constraints beyond the schema: URL shapes, label keys and the credentials variant."""
    for name in ("labels", "replaceLabels", "mergeLabels"):
        # A label key must not be empty (LabelMap in openapi.yaml): an empty key could be
        # stored but never filtered on, since `label.=v` and `label[]=v` name no key.
        if "" in body.get(name, {}):
            raise Invalid(name, "a label key must not be empty")
    for name in ("endpointUrl", "monitoringEndpoint"):
        if name in body and not _is_http_url(body[name]):
            raise Invalid(name, "must be an absolute http(s) URL")
    if "apiPath" in body and not body["apiPath"].startswith("/"):
        raise Invalid("apiPath", "must start with '/'")
    if "credentials" in body:
        _check_credentials(body["credentials"])


def _check_credentials(credentials: Mapping[str, Any]) -> None:
    kind = credentials.get("kind")
    if kind is None:
        raise Invalid("credentials.kind", "is required")
    block, other = (
        ("apiKey", "gcpAdc") if kind == "CREDENTIAL_KIND_API_KEY" else ("gcpAdc", "apiKey")
    )
    if block not in credentials:
        raise Invalid(f"credentials.{block}", f"is required when kind is {kind}")
    if other in credentials:
        raise Invalid(f"credentials.{other}", f"is not allowed when kind is {kind}")
    if block == "apiKey":
        api_key = credentials["apiKey"]
        if "inlineSecret" not in api_key and "secretRef" not in api_key:
            raise Invalid("credentials.apiKey", "needs inlineSecret or secretRef")
        if api_key.get("inlineSecret") == "":
            raise Invalid("credentials.apiKey.inlineSecret", "must not be empty")
        if "secretRef" in api_key and not api_key["secretRef"]["uri"]:
            raise Invalid("credentials.apiKey.secretRef.uri", "must not be empty")


def _is_http_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return False
    return parts.scheme.lower() in _DEFAULT_PORTS and bool(parts.hostname)


def credentials_fingerprint(credentials: Mapping[str, Any] | None) -> str:
    """SHA-256 of the effective credentials' canonical JSON; one fixed value when there are none.

    Equivalent credentials (see effective_credentials) have the same fingerprint.
    """
    effective = effective_credentials(credentials)
    if effective is None:
        return _NO_CREDENTIALS_FINGERPRINT
    canonical = json.dumps(effective, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _identity(record: Mapping[str, Any]) -> tuple[str, ...]:
    return (
        record["ownerId"],
        record["providerType"],
        canonical_url(record["endpointUrl"]),
        record["apiPath"],
        record["modelIdentifier"],
        credentials_fingerprint(record.get("credentials")),
    )
