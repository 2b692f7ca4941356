"""The embedded GoodMem's LLM registry: routing, validation, storage. No faults, no I/O."""

from __future__ import annotations

import copy
import hashlib
import json
import re
import threading
import uuid
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

import httpx

from .._registry import default_endpoint_url
from ._schema import (
    CAPABILITY_FLAGS,
    CREATE_REQUEST,
    PROVIDER_TYPES,
    UPDATE_REQUEST,
    UUID_RE,
    Invalid,
    validate,
)

__all__ = [
    "COLLECTION_PATH",
    "LlmsApi",
    "canonical_url",
    "credentials_fingerprint",
    "error_response",
    "json_response",
    "request_target",
]

COLLECTION_PATH = "/v1/llms"
_ITEM_PREFIX = COLLECTION_PATH + "/"
DEFAULT_API_PATH = "/chat/completions"

# The order of LLMResponse's properties in openapi.yaml; responses list fields in this order.
_RESPONSE_ORDER = (
    "llmId",
    "displayName",
    "description",
    "providerType",
    "endpointUrl",
    "apiPath",
    "modelIdentifier",
    "supportedModalities",
    "credentials",
    "labels",
    "version",
    "monitoringEndpoint",
    "capabilities",
    "defaultSamplingParams",
    "maxContextLength",
    "clientConfig",
    "ownerId",
    "createdAt",
    "updatedAt",
    "createdById",
    "updatedById",
)
# Fields an update replaces as given when present and not null.
_REPLACED_ON_UPDATE = (
    "displayName",
    "description",
    "endpointUrl",
    "apiPath",
    "modelIdentifier",
    "credentials",
    "version",
    "monitoringEndpoint",
    "defaultSamplingParams",
    "maxContextLength",
    "clientConfig",
)

# Model families the server recognises by name: (pattern, providerType, endpointUrl).
_MODEL_FAMILIES = (
    (re.compile(r"(gpt-|chatgpt-|o\d(-|$))"), "OPENAI", "https://api.openai.com/v1"),
    (re.compile(r"claude-"), "CUSTOM_OPENAI_COMPATIBLE", "https://api.anthropic.com/v1/"),
    (
        re.compile(r"gemini-"),
        "CUSTOM_OPENAI_COMPATIBLE",
        "https://generativelanguage.googleapis.com/v1beta/openai/",
    ),
    (
        re.compile(r"(mistral|magistral|codestral)-"),
        "CUSTOM_OPENAI_COMPATIBLE",
        "https://api.mistral.ai/v1",
    ),
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_NO_CREDENTIALS_FINGERPRINT = hashlib.sha256(b"no-credentials").hexdigest()


def json_response(
    status: int, payload: Any, headers: Mapping[str, str] | None = None
) -> httpx.Response:
    """A response with `payload` as its compact UTF-8 JSON body."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return httpx.Response(
        status,
        headers={"content-type": "application/json", **(headers or {})},
        content=body.encode(),
    )


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> httpx.Response:
    """An ErrorResponse `{"code": ..., "message": ...}`."""
    return json_response(status, {"code": code, "message": message}, headers)


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


class LlmsApi:
    """The LLM registry: a thread-safe store behind `handle(request) -> httpx.Response`."""

    def __init__(self, api_keys: Mapping[str, str], clock: Callable[[], int]) -> None:
        self._principals = {key: _principal(key, owner) for key, owner in api_keys.items()}
        self._clock = clock
        self._lock = threading.RLock()
        self._llms: dict[str, dict[str, Any]] = {}
        self._identities: dict[str, tuple[str, ...]] = {}  # llmId -> duplicate-detection key

    def reset(self) -> None:
        """Forget every stored LLM."""
        with self._lock:
            self._llms.clear()
            self._identities.clear()

    def principal(self, request: httpx.Request) -> str | None:
        """The principal the request's x-api-key authenticates, or None."""
        key = request.headers.get("x-api-key")
        return None if key is None else self._principals.get(key)

    def handle(self, request: httpx.Request) -> httpx.Response:
        """Answer one request: authenticate, route, validate, then read or change the store."""
        try:
            return self._route(request)
        except _Failure as failure:
            return failure.response
        except Invalid as invalid:
            return error_response(400, "INVALID_ARGUMENT", str(invalid))

    def _route(self, request: httpx.Request) -> httpx.Response:
        if "x-api-key" not in request.headers:
            raise _Failure(401, "UNAUTHENTICATED", "x-api-key: header is missing")
        principal = self.principal(request)
        if principal is None:
            raise _Failure(401, "UNAUTHENTICATED", "x-api-key: not a valid API key")
        path, _, query = request_target(request).partition("?")
        method = request.method.upper()
        if path == COLLECTION_PATH:
            if method == "POST":
                _no_query(query)
                return self._create(principal, _json_object(request))
            if method == "GET":
                return self._list(principal, query)
            raise _Failure(405, "UNIMPLEMENTED", f"{method} is not allowed on {path}", "GET, POST")
        if path.startswith(_ITEM_PREFIX):
            if method not in ("GET", "PUT", "DELETE"):
                raise _Failure(
                    405, "UNIMPLEMENTED", f"{method} is not allowed on an LLM", "GET, PUT, DELETE"
                )
            llm_id = _path_id(path[len(_ITEM_PREFIX) :])
            _no_query(query)
            if method == "GET":
                return json_response(200, self._get(principal, llm_id))
            if method == "PUT":
                return self._update(principal, llm_id, _json_object(request))
            self._delete(principal, llm_id)
            return httpx.Response(204)
        raise _Failure(404, "NOT_FOUND", f"no such resource: {path}")

    # --- operations -------------------------------------------------------------------------

    def _create(self, principal: str, body: dict[str, Any]) -> httpx.Response:
        validate(body, CREATE_REQUEST, "")
        _check_semantics(body)
        model = body["modelIdentifier"]
        provider = body.get("providerType") or _infer_provider(model)
        endpoint = body.get("endpointUrl") or _default_endpoint(provider, model)
        statuses: list[dict[str, str]] = []
        if "capabilities" in body:
            capabilities = _all_flags(body["capabilities"])
        else:
            capabilities = _infer_capabilities(model)
            statuses.append(
                {
                    "code": "CAPABILITIES_INFERRED",
                    "message": f"capabilities inferred from modelIdentifier '{model}'",
                }
            )
        owner = body.get("ownerId", principal).lower()
        record: dict[str, Any] = copy.deepcopy(body)
        record.update(
            providerType=provider,
            endpointUrl=endpoint,
            apiPath=body.get("apiPath", DEFAULT_API_PATH),
            supportedModalities=body.get("supportedModalities") or ["TEXT"],
            labels=record.get("labels", {}),
            capabilities=capabilities,
            ownerId=owner,
            createdById=principal,
            updatedById=principal,
        )
        with self._lock:
            llm_id = body["llmId"].lower() if "llmId" in body else str(uuid.uuid4())
            if llm_id in self._llms:
                raise _Failure(409, "ALREADY_EXISTS", f"llmId: {llm_id} is already in use")
            key = _identity(record)
            for other_id, other_key in self._identities.items():
                if other_key == key:
                    which = f" ({other_id})" if owner == principal else ""
                    raise _Failure(
                        409,
                        "ALREADY_EXISTS",
                        f"an LLM{which} with the same providerType, endpointUrl, apiPath, "
                        "modelIdentifier and credentials already exists for this owner",
                    )
            now = self._clock()
            record.update(llmId=llm_id, createdAt=now, updatedAt=now)
            self._llms[llm_id] = record
            self._identities[llm_id] = key
            payload: dict[str, Any] = {"llm": _ordered(record)}
        if statuses:
            payload["statuses"] = statuses
        return json_response(201, payload, {"location": f"{COLLECTION_PATH}/{llm_id}"})

    def _get(self, principal: str, llm_id: str) -> dict[str, Any]:
        with self._lock:
            return _ordered(self._visible(principal, llm_id))

    def _list(self, principal: str, query: str) -> httpx.Response:
        provider: str | None = None
        labels: list[tuple[str, str]] = []
        seen: set[str] = set()
        for name, value in parse_qsl(query, keep_blank_values=True):
            if name in ("ownerId", "providerType"):
                if name in seen:
                    raise Invalid(name, "must be given at most once")
                seen.add(name)
            if name == "ownerId":
                if not UUID_RE.fullmatch(value):
                    raise Invalid("ownerId", "must be a UUID")
            elif name == "providerType":
                if value not in PROVIDER_TYPES:
                    raise Invalid("providerType", "must be one of " + ", ".join(PROVIDER_TYPES))
                provider = value
            elif name.startswith("label.") or (name.startswith("label[") and name.endswith("]")):
                key = name[len("label.") :] if name.startswith("label.") else name[6:-1]
                if not key:
                    raise Invalid(name, "label key must not be empty")
                labels.append((key, value))
            else:
                raise Invalid(name, "unknown query parameter")
        with self._lock:
            found = [
                _ordered(record)
                for record in self._llms.values()
                # LIST_LLM_OWN semantics: only the caller's own LLMs; an ownerId naming
                # someone else is ignored, as documented.
                if record["ownerId"] == principal
                and provider in (None, record["providerType"])
                and all(record["labels"].get(k) == v for k, v in labels)
            ]
        return json_response(200, {"llms": found})

    def _update(self, principal: str, llm_id: str, body: dict[str, Any]) -> httpx.Response:
        if "providerType" in body:
            raise Invalid("providerType", "cannot be changed after creation")
        if "labels" in body:
            raise Invalid("labels", "unknown field; use replaceLabels or mergeLabels")
        validate(body, UPDATE_REQUEST, "")
        _check_semantics(body)
        if body.get("replaceLabels") is not None and body.get("mergeLabels") is not None:
            raise Invalid("replaceLabels", "cannot be combined with mergeLabels")
        with self._lock:
            record = copy.deepcopy(self._visible(principal, llm_id))
            for name in _REPLACED_ON_UPDATE:
                if body.get(name) is not None:
                    record[name] = copy.deepcopy(body[name])
            if body.get("supportedModalities"):
                record["supportedModalities"] = list(body["supportedModalities"])
            if "capabilities" in body:
                record["capabilities"] = _all_flags(body["capabilities"])
            if "replaceLabels" in body:
                record["labels"] = dict(body["replaceLabels"])
            if "mergeLabels" in body:
                merged = {**record["labels"], **body["mergeLabels"]}
                if len(merged) > 20:
                    raise Invalid("mergeLabels", "labels would have more than 20 entries")
                record["labels"] = merged
            record["updatedAt"] = max(self._clock(), record["updatedAt"] + 1)
            record["updatedById"] = principal
            self._llms[llm_id] = record
            self._identities[llm_id] = _identity(record)
            return json_response(200, _ordered(record))

    def _delete(self, principal: str, llm_id: str) -> None:
        with self._lock:
            self._visible(principal, llm_id)
            del self._llms[llm_id]
            del self._identities[llm_id]

    def _visible(self, principal: str, llm_id: str) -> dict[str, Any]:
        record = self._llms.get(llm_id)
        if record is None or record["ownerId"] != principal:
            raise _not_found(llm_id)
        return record


# --- helpers --------------------------------------------------------------------------------


def _principal(key: str, owner: str) -> str:
    if not key:
        raise ValueError("api_keys: an API key must not be empty")
    if not UUID_RE.fullmatch(owner):
        raise ValueError("api_keys: every principal must be a UUID")
    return owner.lower()


def _ordered(record: Mapping[str, Any]) -> dict[str, Any]:
    return copy.deepcopy({name: record[name] for name in _RESPONSE_ORDER if name in record})


def _no_query(query: str) -> None:
    for name, _ in parse_qsl(query, keep_blank_values=True):
        raise Invalid(name, "unknown query parameter")


def _path_id(raw: str) -> str:
    """The LLM id in a path segment, percent-decoded once; anything but a UUID is a 400."""
    llm_id = unquote(raw, errors="replace")
    if not llm_id:
        raise Invalid("id", "must not be empty")
    if not UUID_RE.fullmatch(llm_id):
        raise Invalid("id", "must be a UUID")
    return llm_id.lower()


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _json_object(request: httpx.Request) -> dict[str, Any]:
    raw = request.content
    if not raw.strip():
        raise Invalid("body", "is required (a JSON object)")
    try:
        body = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError):
        raise Invalid("body", "is not valid UTF-8 JSON") from None
    if not isinstance(body, dict):
        raise Invalid("body", "must be a JSON object")
    return body


def _check_semantics(body: Mapping[str, Any]) -> None:
    """Constraints beyond the schema: URL shapes and the credentials variant."""
    for name in ("endpointUrl", "monitoringEndpoint"):
        if body.get(name) is not None and not _is_http_url(body[name]):
            raise Invalid(name, "must be an absolute http(s) URL")
    api_path = body.get("apiPath")
    if api_path is not None and not api_path.startswith("/"):
        raise Invalid("apiPath", "must start with '/'")
    credentials = body.get("credentials")
    if credentials is not None:
        _check_credentials(credentials)


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


def _infer_provider(model: str) -> str:
    for pattern, provider, _ in _MODEL_FAMILIES:
        if pattern.match(model.lower()):
            return provider
    raise Invalid("providerType", f"is required for a model the server does not know ({model!r})")


def _default_endpoint(provider: str, model: str) -> str:
    for pattern, family_provider, endpoint in _MODEL_FAMILIES:
        if family_provider == provider and pattern.match(model.lower()):
            return endpoint
    # the provider base URLs are the same data the SDK's registry uses (_registry.json)
    base_url = default_endpoint_url(provider)
    if base_url is None:
        raise Invalid("endpointUrl", f"is required for providerType {provider}")
    return base_url


def _all_flags(capabilities: Mapping[str, bool]) -> dict[str, bool]:
    """All six capability flags; a flag the client left out is false."""
    return {flag: bool(capabilities.get(flag, False)) for flag in CAPABILITY_FLAGS}


def _infer_capabilities(model: str) -> dict[str, bool]:
    name = model.lower()
    known = any(pattern.match(name) for pattern, _, _ in _MODEL_FAMILIES)
    reasoning = re.match(r"o\d(-|$)", name) is not None
    instruct = "instruct" in name
    return {
        "supportsChat": not (instruct and name.startswith("gpt-")),
        "supportsCompletion": instruct or not known,
        "supportsFunctionCalling": known and not instruct,
        "supportsSystemMessages": not name.startswith(("o1-mini", "o1-preview")),
        "supportsStreaming": True,
        "supportsSamplingParameters": not reasoning,
    }


def canonical_url(url: str) -> str:
    """`url` for duplicate detection: lowercase scheme and host, no default port, no trailing /."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        host = f"{userinfo}@{host}"
    return urlunsplit((scheme, host, parts.path.rstrip("/"), parts.query, ""))


def credentials_fingerprint(credentials: Any) -> str:
    """SHA-256 of the credentials' canonical JSON; one fixed value when there are none."""
    if credentials is None:
        return _NO_CREDENTIALS_FINGERPRINT
    canonical = json.dumps(credentials, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
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
