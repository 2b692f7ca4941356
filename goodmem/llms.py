"""`client.llms`: create, get, list, update and delete LLM configurations.

Each operation is built once, by a module function (`_create`, `_get`, ...) that checks the
keywords, fills defaults and returns an `Operation`: the generated request plus how to read
the answer. `LLMs` and `AsyncLLMs`, and their `with_raw_response` twins, hand that operation
to the client: each method is one line, blocking or awaited, parsed or raw.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Callable, Generator, Mapping
from functools import cached_property, partial
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx

from ._body import parse, parser
from ._config import OPTION_NAMES, CallOptions, call_options, unexpected_keyword
from ._convert import model_fields, to_enum, to_model, unknown_field
from ._ensure import EnsureResult, changes, drive, drive_async, same_credentials, same_place
from ._errors import (
    APIResponseValidationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from ._exchange import Operation, Recovery
from ._generated.api.ll_ms import create_llm, delete_llm, get_llm, list_llms, update_llm
from ._generated.models import (
    ApiKeyAuth,
    CreateLLMResponse,
    CredentialKind,
    EndpointAuthentication,
    ListLlmsLabel,
    ListLLMsResponse,
    LLMCreationRequest,
    LLMProviderType,
    LLMResponse,
    LLMUpdateRequest,
)
from ._params import (
    LLMCreateParams,
    LLMGetParams,
    LLMListParams,
    LLMUpdateFields,
    LLMUpdateParams,
)
from ._registry import fill_create_defaults, requires_api_key
from ._response import APIResponse
from ._types import RequestOptions

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._base_client import AsyncAPIClient, SyncAPIClient

__all__ = ["AsyncLLMs", "AsyncLLMsWithRawResponse", "LLMs", "LLMsWithRawResponse"]

# the longest URL httpx builds (httpx._urlparse.MAX_URL_LENGTH)
_MAX_URL = 65_536
# what the registry may fill in for create(): converted like the caller's own values
_REGISTRY_FILLS = frozenset(
    {"provider_type", "endpoint_url", "max_context_length", "supported_modalities"}
)
# what update() can change (from the spec's LLMUpdateRequest)
_UPDATABLE = set(model_fields(LLMUpdateRequest).converters)
# the block of EndpointAuthentication each kind uses (the spec says so in prose)
_CREDENTIAL_BLOCKS = {
    CredentialKind.CREDENTIAL_KIND_API_KEY: "api_key",
    CredentialKind.CREDENTIAL_KIND_GCP_ADC: "gcp_adc",
}


class LLMs:
    """LLM configurations on a GoodMem server (`Goodmem().llms`).

    Every method also takes the RequestOptions keywords for that call: `extra_headers`,
    `extra_query`, `extra_body` (sent as given, over what the SDK builds) and `timeout`.
    """

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> LLMsWithRawResponse:
        """The same methods, returning the raw `APIResponse` (status, headers; `.parse()`)."""
        return LLMsWithRawResponse(self._client)

    def create(self, **params: Unpack[LLMCreateParams]) -> CreateLLMResponse:
        """Register a new LLM and return the `CreateLLMResponse` (`.llm`, `.statuses`).

        A known `model_identifier` (see `goodmem.lookup_model`) fills provider_type,
        endpoint_url, max_context_length and supported_modalities; explicit arguments always
        win. For another model pass `provider_type` (its default base URL is used unless you
        pass `endpoint_url`). `api_key="sk-..."` is shorthand for API-key `credentials`;
        pass at most one of the two. Nested values may be dicts with snake_case keys; enums
        may be strings. Without `llm_id` a random UUID is sent, which makes retrying the
        create safe. `dashscope_api_dialect` goes only with provider_type DASHSCOPE.

        Raises ValueError/TypeError for bad arguments before sending; ConflictError (409) when
        the same LLM, or the same `llm_id`, already exists.
        """
        return self._client._send(_create(params))

    def get(self, id: str, **params: Unpack[LLMGetParams]) -> LLMResponse:
        """Fetch one LLM by id. Raises NotFoundError (404) when there is none.

        The stored credentials come back only with `include_credentials=True` (the API key
        then also needs READ_LLM_CREDENTIALS permission); otherwise `credentials` is None.
        """
        return self._client._send(_get(id, params))

    def list(self, **params: Unpack[LLMListParams]) -> builtins.list[LLMResponse]:
        """List the LLMs visible to this API key, filtered by labels, owner and provider (AND).

        `label={"env": "prod"}` is sent as `label.env=prod`; every pair must match.
        """
        return self._client._send(_list(params))

    def update(
        self,
        id: str,
        request: LLMUpdateRequest | LLMUpdateFields | None = None,
        **params: Unpack[LLMUpdateParams],
    ) -> LLMResponse:
        """Change some fields of an LLM and return it as stored afterwards.

        Pass the fields as keywords (`update(id, display_name="b", api_key="sk-new")`), or as
        one `request`: an `LLMUpdateRequest` or a dict with the same snake_case fields. Only
        the fields given change; `replace_labels` and `merge_labels` cannot be combined.
        `api_key` is shorthand for new API-key `credentials` (a key rotation).
        """
        return self._client._send(_update(id, request, params))

    def delete(self, id: str, **params: Unpack[RequestOptions]) -> None:
        """Delete an LLM and its stored credentials. Raises NotFoundError (404) if there is none.

        When an attempt's answer was lost (a dropped connection, a timeout, a 5xx) and the
        retry finds no such LLM, the lost attempt deleted it: the call returns normally.
        """
        return self._client._send(_delete(id, params))

    def ensure(self, **params: Unpack[LLMCreateParams]) -> EnsureResult:
        """Make sure this LLM is registered as described: create it, or update the stored one.

        Takes create()'s keywords. Without `llm_id`, the LLM is the one the server would call
        a duplicate: same owner, provider type, endpoint URL (compared canonically), API path,
        model identifier and credentials. It is created when there is none; otherwise every
        other field given (display name, description, labels, sampling params, ...) is updated
        where it differs; labels are replaced as a whole. With `llm_id`, the LLM is that one:
        its endpoint URL, API path, model identifier and credentials change in place too (its
        provider type cannot). Returns an EnsureResult: the LLM as stored, and whether it was
        "created", "updated" (with the fields changed) or "unchanged". Several ensure() calls
        with the same arguments, even at once, end with one LLM. Not under
        `with_raw_response`: it may make several requests.
        """
        return drive(_ensure_steps(params), self._client._send)


class AsyncLLMs:
    """LLM configurations on a GoodMem server (`AsyncGoodmem().llms`): LLMs, awaited.

    Arguments are checked when the call is awaited, before anything is sent.
    """

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncLLMsWithRawResponse:
        """The same methods, returning the raw `APIResponse` (status, headers; `.parse()`)."""
        return AsyncLLMsWithRawResponse(self._client)

    async def create(self, **params: Unpack[LLMCreateParams]) -> CreateLLMResponse:
        """Register a new LLM; see `LLMs.create`."""
        return await self._client._send(_create(params))

    async def get(self, id: str, **params: Unpack[LLMGetParams]) -> LLMResponse:
        """Fetch one LLM by id; see `LLMs.get`."""
        return await self._client._send(_get(id, params))

    async def list(self, **params: Unpack[LLMListParams]) -> builtins.list[LLMResponse]:
        """List the LLMs visible to this API key; see `LLMs.list`."""
        return await self._client._send(_list(params))

    async def update(
        self,
        id: str,
        request: LLMUpdateRequest | LLMUpdateFields | None = None,
        **params: Unpack[LLMUpdateParams],
    ) -> LLMResponse:
        """Change some fields of an LLM; see `LLMs.update`."""
        return await self._client._send(_update(id, request, params))

    async def delete(self, id: str, **params: Unpack[RequestOptions]) -> None:
        """Delete an LLM; see `LLMs.delete`."""
        return await self._client._send(_delete(id, params))

    async def ensure(self, **params: Unpack[LLMCreateParams]) -> EnsureResult:
        """Create the LLM or update the stored one to match; see `LLMs.ensure`."""
        return await drive_async(_ensure_steps(params), self._client._send)


class LLMsWithRawResponse:
    """`client.llms.with_raw_response`: each method returns an `APIResponse` (call `.parse()`)."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def create(self, **params: Unpack[LLMCreateParams]) -> APIResponse[CreateLLMResponse]:
        """`LLMs.create`, answered with the raw response."""
        return self._client._send_raw(_create(params))

    def get(self, id: str, **params: Unpack[LLMGetParams]) -> APIResponse[LLMResponse]:
        """`LLMs.get`, answered with the raw response."""
        return self._client._send_raw(_get(id, params))

    def list(self, **params: Unpack[LLMListParams]) -> APIResponse[builtins.list[LLMResponse]]:
        """`LLMs.list`, answered with the raw response."""
        return self._client._send_raw(_list(params))

    def update(
        self,
        id: str,
        request: LLMUpdateRequest | LLMUpdateFields | None = None,
        **params: Unpack[LLMUpdateParams],
    ) -> APIResponse[LLMResponse]:
        """`LLMs.update`, answered with the raw response."""
        return self._client._send_raw(_update(id, request, params))

    def delete(self, id: str, **params: Unpack[RequestOptions]) -> APIResponse[None]:
        """`LLMs.delete`, answered with the raw response."""
        return self._client._send_raw(_delete(id, params))


class AsyncLLMsWithRawResponse:
    """`AsyncGoodmem().llms.with_raw_response`: each method returns an `APIResponse`."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def create(self, **params: Unpack[LLMCreateParams]) -> APIResponse[CreateLLMResponse]:
        """`AsyncLLMs.create`, answered with the raw response."""
        return await self._client._send_raw(_create(params))

    async def get(self, id: str, **params: Unpack[LLMGetParams]) -> APIResponse[LLMResponse]:
        """`AsyncLLMs.get`, answered with the raw response."""
        return await self._client._send_raw(_get(id, params))

    async def list(
        self, **params: Unpack[LLMListParams]
    ) -> APIResponse[builtins.list[LLMResponse]]:
        """`AsyncLLMs.list`, answered with the raw response."""
        return await self._client._send_raw(_list(params))

    async def update(
        self,
        id: str,
        request: LLMUpdateRequest | LLMUpdateFields | None = None,
        **params: Unpack[LLMUpdateParams],
    ) -> APIResponse[LLMResponse]:
        """`AsyncLLMs.update`, answered with the raw response."""
        return await self._client._send_raw(_update(id, request, params))

    async def delete(self, id: str, **params: Unpack[RequestOptions]) -> APIResponse[None]:
        """`AsyncLLMs.delete`, answered with the raw response."""
        return await self._client._send_raw(_delete(id, params))


# --- the operations ---------------------------------------------------------------------------


def _create(keywords: Mapping[str, Any]) -> Operation[CreateLLMResponse]:
    """The create operation for create()'s keywords."""
    params = dict(keywords)
    options = call_options(params)
    return _create_operation(_create_fields(params, options), options)


def _create_fields(params: dict[str, Any], options: CallOptions) -> dict[str, Any]:
    """create()'s fields (its keywords less the options), converted, checked and filled in."""
    fields = _request_fields("create", LLMCreationRequest, params)
    required = model_fields(LLMCreationRequest).required
    missing = [name for name in required if name not in fields and name not in _REGISTRY_FILLS]
    if missing:
        raise TypeError(f"create() missing required keyword argument: {missing[0]!r}")
    filled: dict[str, Any] = fill_create_defaults(fields)
    converters = model_fields(LLMCreationRequest).converters
    for name in filled.keys() - fields.keys():
        filled[name] = converters[name](filled[name], name)
    provider = filled["provider_type"]
    if filled.get("dashscope_api_dialect") is not None and provider != LLMProviderType.DASHSCOPE:
        raise ValueError(
            f"dashscope_api_dialect: only for provider_type DASHSCOPE, not {str(provider)!r}"
        )
    given_credentials = "credentials" in filled or "credentials" in (options.body or {})
    if not given_credentials and requires_api_key(
        provider, filled["endpoint_url"], model_identifier=filled["model_identifier"]
    ):
        raise ValueError(
            f"api_key: required, {filled['endpoint_url']} ({provider!s}) does not answer "
            'without one; pass api_key="..." (or credentials=...)'
        )
    return filled


def _create_operation(
    fields: Mapping[str, Any], options: CallOptions
) -> Operation[CreateLLMResponse]:
    """The create request for checked `fields`, with a fresh llm_id unless they have one."""
    body = LLMCreationRequest(**{"llm_id": _new_uuid(), **fields})  # safe to retry with an id
    request = create_llm.request(body=body)
    sent = {**request.json, **(options.body or {})}

    def read_back() -> Operation[CreateLLMResponse]:  # a plain GET: no body, no extra query
        get = get_llm.request(str(sent.get("llmId")))
        same = CallOptions(headers=options.headers, timeout=options.timeout)
        return Operation(get, _parse_llm_as_created, same)

    recovery = Recovery(read_back, lambda response: _is_record_of(response, sent))
    return Operation(request, _parse_created, options, recovery=recovery)


def _ensure_steps(keywords: Mapping[str, Any]) -> Generator[Operation[Any], Any, EnsureResult]:
    """ensure(): the operations to send, each decided by the answers before (`_ensure`)."""
    params = dict(keywords)
    options = call_options(params)
    wanted = _create_fields(params, options)
    plain = CallOptions(headers=options.headers, timeout=options.timeout)  # reads and update
    llm_id = wanted.get("llm_id")
    stored: LLMResponse | None
    if llm_id is None:  # the LLM with this identity: created, or found after the 409
        try:
            created = yield _create_operation(wanted, options)
            return EnsureResult(created.llm, "created")
        except ConflictError as conflict:
            stored = yield from _find(wanted, plain, conflict)
    else:  # this LLM, by id
        stored = yield from _find_by_id(llm_id, plain)
        if stored is None:
            created = yield _create_operation(wanted, options)
            return EnsureResult(created.llm, "created")
        if str(stored.provider_type) != str(wanted["provider_type"]):
            raise ValueError(
                f"provider_type: llm_id {llm_id!r} is a {stored.provider_type!s} LLM, which "
                "cannot change its provider type; delete it first, or ensure another llm_id"
            )
    update = changes(stored, wanted, _UPDATABLE, by_id=llm_id is not None)
    if not update:
        return EnsureResult(stored, "unchanged")
    request = update_llm.request(stored.llm_id, body=LLMUpdateRequest(**update))
    updated = yield Operation(request, partial(_parse_llm, id=stored.llm_id), plain)
    names = tuple(sorted("labels" if name == "replace_labels" else name for name in update))
    return EnsureResult(updated, "updated", names)


def _find_by_id(
    llm_id: str, options: CallOptions
) -> Generator[Operation[Any], Any, LLMResponse | None]:
    """The stored LLM `llm_id`, with its credentials if this key may read them; None if none."""
    try:
        try:
            stored: LLMResponse = yield _read(llm_id, options, credentials=True)
        except PermissionDeniedError:  # no READ_LLM_CREDENTIALS: credentials cannot be compared
            stored = yield _read(llm_id, options, credentials=False)
    except NotFoundError:
        return None
    return stored


def _find(
    wanted: Mapping[str, Any], options: CallOptions, conflict: ConflictError
) -> Generator[Operation[Any], Any, LLMResponse]:
    """The stored LLM a create of `wanted` conflicted with (else `conflict` is raised)."""
    listing = list_llms.request(
        owner_id=wanted.get("owner_id"),
        provider_type=to_enum(LLMProviderType, wanted["provider_type"], "provider_type"),
    )
    listed: list[LLMResponse] = yield Operation(listing, _parse_list, options)
    candidates = [llm for llm in listed if same_place(llm, wanted)]
    if len(candidates) > 1:  # several differ only in credentials: read them to compare
        read: list[LLMResponse] = []
        for candidate in candidates:
            read.append((yield _read(candidate.llm_id, options, credentials=True)))
        candidates = [llm for llm in read if same_credentials(llm, wanted)]
    if len(candidates) != 1:
        raise conflict
    return candidates[0]


def _read(llm_id: str, options: CallOptions, *, credentials: bool) -> Operation[LLMResponse]:
    request = get_llm.request(llm_id, include_credentials=True if credentials else None)
    return Operation(request, partial(_parse_llm, id=llm_id), options)


def _get(id: str, keywords: Mapping[str, Any]) -> Operation[LLMResponse]:
    params = dict(keywords)
    options = call_options(params)
    _check_id(id)
    include = _keywords("get", params, ["include_credentials"]).get("include_credentials")
    if include is not None and not isinstance(include, bool):
        raise TypeError(f"include_credentials: expected bool, got {type(include).__name__}")
    request = get_llm.request(id, include_credentials=include)
    return Operation(request, lambda response: _parse_llm(response, id), options)


def _list(keywords: Mapping[str, Any]) -> Operation[builtins.list[LLMResponse]]:
    params = dict(keywords)
    options = call_options(params)
    given = _keywords("list", params, ["label", "owner_id", "provider_type"])
    owner_id = given.get("owner_id")
    if owner_id is not None and not isinstance(owner_id, str):
        raise TypeError(f"owner_id: expected str, got {type(owner_id).__name__}")
    provider = given.get("provider_type")
    label = given.get("label")
    request = list_llms.request(
        owner_id=owner_id,
        provider_type=None
        if provider is None
        else to_enum(LLMProviderType, provider, "provider_type"),
        label=None if label is None else to_model(ListLlmsLabel, label, "label"),
    )
    return Operation(request, _parse_list, options)


def _update(
    id: str, request: LLMUpdateRequest | Mapping[str, Any] | None, keywords: Mapping[str, Any]
) -> Operation[LLMResponse]:
    params = dict(keywords)
    options = call_options(params)
    _check_id(id)
    if request is not None:
        if params:
            given = ", ".join(repr(name) for name in params)
            raise TypeError(
                f"update(): pass the fields either as `request` or as keywords ({given}), not both"
            )
        if isinstance(request, LLMUpdateRequest):
            body = to_model(LLMUpdateRequest, request, "request")
        elif isinstance(request, Mapping):
            body = LLMUpdateRequest(
                **_request_fields("update", LLMUpdateRequest, dict(request), "request")
            )
        else:
            raise TypeError(
                f"request: expected LLMUpdateRequest or dict, got {type(request).__name__}"
            )
    else:
        body = LLMUpdateRequest(**_request_fields("update", LLMUpdateRequest, params))
    if body.replace_labels is not None and body.merge_labels is not None:
        where = "request: " if request is not None else ""
        raise ValueError(f"{where}replace_labels and merge_labels cannot be used together")
    request_ = update_llm.request(id, body=body)
    return Operation(request_, lambda response: _parse_llm(response, id), options)


def _delete(id: str, keywords: Mapping[str, Any]) -> Operation[None]:
    params = dict(keywords)
    options = call_options(params)
    _check_id(id)
    _keywords("delete", params, [])
    return Operation(delete_llm.request(id), _no_content, options, missing_means_done=True)


# --- checking arguments -----------------------------------------------------------------------


def _request_fields(
    method: str, cls: type, params: dict[str, Any], where: str = ""
) -> dict[str, Any]:
    """The fields of request model `cls` from a call's keywords, each value converted and
    checked once; `api_key` becomes API-key credentials. None values count as not given."""
    converters = model_fields(cls).converters
    fields: dict[str, Any] = {}
    api_key = params.pop("api_key", None)
    prefix = f"{where}." if where else ""
    for name, value in params.items():
        convert = converters.get(name)
        if convert is None:
            if where:
                valid = [*converters, "api_key"]
                raise ValueError(unknown_field(where, name, valid, cls.__name__))
            raise unexpected_keyword(method, name, [*converters, "api_key", *OPTION_NAMES])
        if value is not None:
            fields[name] = convert(value, prefix + name)
    if api_key is not None:
        if "credentials" in fields:
            raise ValueError("api_key and credentials: pass at most one of them")
        if not isinstance(api_key, str):
            raise TypeError(f"{prefix}api_key: expected str, got {type(api_key).__name__}")
        if not api_key:
            raise ValueError(f"{prefix}api_key: must not be empty")
        fields["credentials"] = EndpointAuthentication(
            kind=CredentialKind.CREDENTIAL_KIND_API_KEY, api_key=ApiKeyAuth(inline_secret=api_key)
        )
    elif "credentials" in fields:
        _check_credentials(fields["credentials"], prefix + "credentials")
    return fields


def _check_credentials(credentials: EndpointAuthentication, path: str) -> None:
    """Credentials as a request must send them: a `kind` and exactly the block it uses."""
    kinds = ", ".join(repr(kind.value) for kind in _CREDENTIAL_BLOCKS)
    if credentials.kind is None:
        raise ValueError(f"{path}.kind: required (one of {kinds})")
    block = _CREDENTIAL_BLOCKS[CredentialKind(credentials.kind)]
    if getattr(credentials, block) is None:
        raise ValueError(f"{path}.{block}: required when kind is {str(credentials.kind)!r}")
    for other in _CREDENTIAL_BLOCKS.values():
        if other != block and getattr(credentials, other) is not None:
            raise ValueError(
                f"{path}.{other}: not allowed when kind is {str(credentials.kind)!r} "
                f"(it uses {block})"
            )


def _keywords(method: str, params: dict[str, Any], valid: builtins.list[str]) -> dict[str, Any]:
    """`params` (options already taken out), after checking each is one of `valid`."""
    for name in params:
        if name not in valid:
            raise unexpected_keyword(method, name, [*valid, *OPTION_NAMES])
    return params


def _check_id(id: object) -> None:
    """An LLM id as sent in the URL path: text, and short enough for a URL once encoded."""
    if not isinstance(id, str):
        raise TypeError(f"id: expected str, got {type(id).__name__}")
    if not id.strip():
        raise ValueError("id: must not be empty")
    encoded = len(quote(id, safe=""))
    if encoded > _MAX_URL:
        raise ValueError(
            f"id: too long for a URL ({encoded:,} characters encoded; at most {_MAX_URL:,} fit)"
        )


def _new_uuid() -> str:
    """A random (version 4) UUID string; like str(uuid.uuid4()), in half the time."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# --- reading answers --------------------------------------------------------------------------


def _parse_llm(response: httpx.Response, id: str) -> LLMResponse:
    """An LLMResponse that must be the LLM `id` asked for (not another one's answer)."""
    llm: LLMResponse = parse(response, LLMResponse, "LLMResponse")
    if llm.llm_id != id:
        raise APIResponseValidationError(
            f"LLMResponse: the answer is for llmId {llm.llm_id[:100]!r}, not the {id[:100]!r} "
            "requested",
            response=response,
            field="llmId",
        )
    return llm


def _as_created(llm: LLMResponse) -> CreateLLMResponse:
    return CreateLLMResponse(llm=llm)


def _is_record_of(response: httpx.Response, sent: Mapping[str, Any]) -> bool:
    """Whether the LLM read back is the one a create sent: same id and identity fields.

    URLs compare canonically (scheme and host case, default port, trailing slash); apiPath
    only when the create sent one (the server fills a default).
    """
    try:
        stored = parse(response, LLMResponse, "LLMResponse").to_dict()
    except APIResponseValidationError:
        return False
    for name in ("llmId", "providerType", "modelIdentifier", "displayName"):
        if stored.get(name) != sent.get(name):
            return False
    if "apiPath" in sent and stored.get("apiPath") != sent["apiPath"]:
        return False
    return _canonical_url(stored.get("endpointUrl")) == _canonical_url(sent.get("endpointUrl"))


def _canonical_url(url: object) -> object:
    if not isinstance(url, str):
        return url
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        return url
    return (parsed.scheme, parsed.host, parsed.port, parsed.raw_path.rstrip(b"/"))


def _no_content(response: httpx.Response) -> None:
    return None


_parse_created: Callable[[httpx.Response], CreateLLMResponse] = parser(CreateLLMResponse)
_parse_llm_as_created = parser(LLMResponse, _as_created)
_parse_list = parser(ListLLMsResponse, lambda result: result.llms)
