"""`client.llms`: create, get, list, update and delete LLM configurations.

Each operation is written once, as a method of `_LLMsBase`: it checks its arguments, builds an
`Operation` (the request plus how to read the answer) and hands it to the client. `LLMs`,
`AsyncLLMs` and their `with_raw_response` twins differ only in how that operation is sent
(blocking or awaited; parsed result or raw response) and in the return types they declare.
"""

from __future__ import annotations

import difflib
import functools
import json
import os
import re
from collections.abc import Callable, Coroutine, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast
from urllib.parse import quote

import httpx

from ._base_client import NOT_GIVEN, NotGiven, Operation, RequestOptions, Timeout, query_value
from ._convert import check_json_object, to_enum, to_model
from ._errors import APIResponseValidationError
from ._generated.api.ll_ms import create_llm, delete_llm, get_llm, list_llms, update_llm
from ._generated.models import (
    ApiKeyAuth,
    CreateLLMResponse,
    CredentialKind,
    DashScopeApiDialect,
    EndpointAuthentication,
    ListLlmsLabel,
    ListLLMsResponse,
    LLMCapabilities,
    LLMCreationRequest,
    LLMProviderType,
    LLMResponse,
    LLMSamplingParams,
    LLMUpdateRequest,
    Modality,
)
from ._generated.types import UNSET
from ._registry import fill_create_defaults
from ._response import APIResponse

if TYPE_CHECKING:
    from ._base_client import AsyncAPIClient, SyncAPIClient

try:  # a dependency on CPython: parses responses about twice as fast as json
    from orjson import loads as _fast_json_loads
except ImportError:  # pragma: no cover - other interpreters
    _fast_json_loads = json.loads  # type: ignore[assignment]

# the longest URL httpx builds (httpx._urlparse.MAX_URL_LENGTH)
_MAX_URL = 65_536

# orjson's transient memory is about 15x the body; past this size the stdlib parser is used.
_FAST_JSON_MAX_BYTES = 8 * 2**20

__all__ = ["AsyncLLMs", "AsyncLLMsWithRawResponse", "LLMs", "LLMsWithRawResponse"]

T = TypeVar("T")
CreateT = TypeVar("CreateT")
GetT = TypeVar("GetT")
ListT = TypeVar("ListT")
UpdateT = TypeVar("UpdateT")
DeleteT = TypeVar("DeleteT")

Headers = Mapping[str, str]
Query = Mapping[str, object]
Body = Mapping[str, object]

# create()'s arguments that are not LLMCreationRequest fields
_NOT_FIELDS = frozenset(
    {"self", "api_key", "extra_headers", "extra_query", "extra_body", "timeout"}
)


class _LLMsBase(Generic[CreateT, GetT, ListT, UpdateT, DeleteT]):
    """The five operations, written once; subclasses say how they are sent and what they return.

    Every method also takes `extra_headers`, `extra_query` and `extra_body` (sent as given,
    merged over what the SDK builds, for fields the SDK does not name yet) and `timeout`
    (this call's bound on each attempt: seconds, an httpx.Timeout, or None for none).
    """

    def __init__(self, send: Callable[[Operation[Any]], Any]) -> None:
        self._send = send

    def create(
        self,
        *,
        display_name: str,
        model_identifier: str,
        api_key: str | None = None,
        credentials: EndpointAuthentication | Mapping[str, Any] | None = None,
        provider_type: LLMProviderType | str | None = None,
        endpoint_url: str | None = None,
        api_path: str | None = None,
        description: str | None = None,
        labels: Mapping[str, str] | None = None,
        capabilities: LLMCapabilities | Mapping[str, Any] | None = None,
        default_sampling_params: LLMSamplingParams | Mapping[str, Any] | None = None,
        max_context_length: int | None = None,
        supported_modalities: Sequence[Modality | str] | None = None,
        client_config: Mapping[str, Any] | None = None,
        monitoring_endpoint: str | None = None,
        owner_id: str | None = None,
        llm_id: str | None = None,
        version: str | None = None,
        dashscope_api_dialect: DashScopeApiDialect | str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> CreateT:
        """Register a new LLM and return the `CreateLLMResponse` (`.llm`, `.statuses`).

        A known `model_identifier` (see `goodmem.lookup_model`) fills provider_type,
        endpoint_url, max_context_length and supported_modalities; explicit arguments always
        win. For other models pass `provider_type` (its default base URL is used) or
        `endpoint_url`. `api_key="sk-..."` is shorthand for API-key `credentials`; pass at most
        one of the two. Nested values may be dicts with snake_case keys; enums may be strings.
        Without `llm_id` a random UUID is sent, which makes retrying the create safe.
        `dashscope_api_dialect` (LLM_NATIVE_TEXT, LLM_NATIVE_MULTIMODAL or OPENAI_COMPATIBLE)
        goes only with provider_type DASHSCOPE.

        Raises ValueError/TypeError for bad arguments before sending; ConflictError (409) when
        the same LLM, or the same `llm_id`, already exists.
        """
        fields = {k: v for k, v in locals().items() if v is not None and k not in _NOT_FIELDS}
        options = _options(extra_headers, extra_query, extra_body, timeout)
        return cast(CreateT, self._send(_create(fields, api_key, options)))

    def get(
        self,
        id: str,
        *,
        include_credentials: bool | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> GetT:
        """Fetch one LLM by id. Raises NotFoundError (404) when there is none.

        The stored credentials come back only with `include_credentials=True` (the API key
        then also needs READ_LLM_CREDENTIALS permission); otherwise `credentials` is None.
        """
        _require_id(id)
        if include_credentials is not None and not isinstance(include_credentials, bool):
            raise TypeError(
                f"include_credentials: expected bool, got {type(include_credentials).__name__}"
            )
        options = _options(extra_headers, extra_query, extra_body, timeout)
        include = UNSET if include_credentials is None else include_credentials
        kwargs = get_llm._get_kwargs(id, include_credentials=include)
        return cast(GetT, self._send(_operation(kwargs, _parse_llm, options)))

    def list(
        self,
        *,
        label: Mapping[str, str] | None = None,
        owner_id: str | None = None,
        provider_type: LLMProviderType | str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ListT:
        """List the LLMs visible to this API key, filtered by labels, owner and provider (AND).

        `label={"env": "prod"}` is sent as `label.env=prod`; every pair must match.
        """
        if owner_id is not None:
            _require_text("owner_id", owner_id)
        provider = (
            None
            if provider_type is None
            else to_enum(LLMProviderType, provider_type, "provider_type")
        )
        labels = to_model(ListLlmsLabel, label, "label") if label is not None else {}
        kwargs = list_llms._get_kwargs(
            owner_id=UNSET if owner_id is None else owner_id,
            provider_type=UNSET if provider is None else provider,
        )
        options = _options(extra_headers, extra_query, extra_body, timeout)
        operation = _operation(kwargs, _parse_list, options)
        # The generator cannot express `label.<key>=<value>` pairs, so they are added here.
        operation.params += [(f"label.{k}", v) for k, v in labels.items()]
        return cast(ListT, self._send(operation))

    def update(
        self,
        id: str,
        request: LLMUpdateRequest | Mapping[str, Any],
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> UpdateT:
        """Change some fields of an LLM and return it as stored afterwards.

        `request` is an `LLMUpdateRequest` or a dict with the same (snake_case) fields; only the
        fields given change. `replace_labels` and `merge_labels` cannot be combined.
        """
        _require_id(id)
        body = to_model(LLMUpdateRequest, request, "request")
        if body.replace_labels is not None and body.merge_labels is not None:
            raise ValueError("request: replace_labels and merge_labels cannot be used together")
        options = _options(extra_headers, extra_query, extra_body, timeout)
        kwargs = update_llm._get_kwargs(id, body=body)
        return cast(UpdateT, self._send(_operation(kwargs, _parse_llm, options)))

    def delete(
        self,
        id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> DeleteT:
        """Delete an LLM and its stored credentials. Raises NotFoundError (404) if there is none.

        When an attempt's answer was lost (a dropped connection, a timeout, a 5xx) and the
        retry finds no such LLM, the lost attempt deleted it: the call returns normally.
        """
        _require_id(id)
        options = _options(extra_headers, extra_query, extra_body, timeout)
        operation = _operation(delete_llm._get_kwargs(id), _no_content, options)
        operation.missing_means_done = True
        return cast(DeleteT, self._send(operation))


class LLMs(_LLMsBase[CreateLLMResponse, LLMResponse, list[LLMResponse], LLMResponse, None]):
    """LLM configurations on a GoodMem server (`Goodmem().llms`)."""

    with_raw_response: LLMsWithRawResponse
    """The same methods, returning the raw `APIResponse` (status, headers; `.parse()`)."""

    def __init__(self, client: SyncAPIClient) -> None:
        super().__init__(client._send)
        self.with_raw_response = LLMsWithRawResponse(client._send_raw)


class AsyncLLMs(
    _LLMsBase[
        Coroutine[Any, Any, CreateLLMResponse],
        Coroutine[Any, Any, LLMResponse],
        Coroutine[Any, Any, list[LLMResponse]],
        Coroutine[Any, Any, LLMResponse],
        Coroutine[Any, Any, None],
    ]
):
    """LLM configurations on a GoodMem server (`AsyncGoodmem().llms`); every method is awaited.

    Arguments are checked when the call is awaited, before anything is sent.
    """

    with_raw_response: AsyncLLMsWithRawResponse
    """The same methods, returning the raw `APIResponse` (status, headers; `.parse()`)."""

    def __init__(self, client: AsyncAPIClient) -> None:
        super().__init__(client._send)
        self.with_raw_response = AsyncLLMsWithRawResponse(client._send_raw)


class LLMsWithRawResponse(
    _LLMsBase[
        APIResponse[CreateLLMResponse],
        APIResponse[LLMResponse],
        APIResponse[list[LLMResponse]],
        APIResponse[LLMResponse],
        APIResponse[None],
    ]
):
    """`client.llms.with_raw_response`: each method returns an `APIResponse` (call `.parse()`)."""


class AsyncLLMsWithRawResponse(
    _LLMsBase[
        Coroutine[Any, Any, APIResponse[CreateLLMResponse]],
        Coroutine[Any, Any, APIResponse[LLMResponse]],
        Coroutine[Any, Any, APIResponse[list[LLMResponse]]],
        Coroutine[Any, Any, APIResponse[LLMResponse]],
        Coroutine[Any, Any, APIResponse[None]],
    ]
):
    """`AsyncGoodmem().llms.with_raw_response`: each method returns an awaitable APIResponse."""


# -- building operations ------------------------------------------------------------------


def _create(
    fields: dict[str, Any], api_key: str | None, options: RequestOptions
) -> Operation[CreateLLMResponse]:
    """The create operation for `fields` (create()'s arguments that were given, minus api_key)."""
    if api_key is not None:
        if "credentials" in fields:
            raise ValueError("api_key and credentials: pass at most one of them")
        if not isinstance(api_key, str):
            raise TypeError(f"api_key: expected str, got {type(api_key).__name__}")
        if not api_key:
            raise ValueError("api_key: must not be empty")
        fields["credentials"] = EndpointAuthentication(
            kind=CredentialKind.CREDENTIAL_KIND_API_KEY, api_key=ApiKeyAuth(inline_secret=api_key)
        )
    _require_text("display_name", fields.get("display_name"))
    _require_text("model_identifier", fields.get("model_identifier"))
    # A client-chosen id makes the create idempotent, so it is safe to retry.
    fields.setdefault("llm_id", _new_uuid())
    try:
        filled = fill_create_defaults(fields)
    except (ValueError, TypeError):
        try:  # a bad value of the caller's explains it best ...
            to_model(LLMCreationRequest, fields, "")
        except ValueError as bad:
            if not str(bad).endswith(": required"):  # ... not a field filling would supply
                raise
        raise
    body = to_model(LLMCreationRequest, filled, "")
    if body.dashscope_api_dialect is not None and body.provider_type != LLMProviderType.DASHSCOPE:
        raise ValueError(
            "dashscope_api_dialect: only for provider_type DASHSCOPE, "
            f"not {str(body.provider_type)!r}"
        )
    operation = _operation(create_llm._get_kwargs(body=body), _parse_created, options)
    llm_id = _sent_llm_id(operation)

    def recover() -> Operation[CreateLLMResponse]:
        # the retried create met 409: read back the LLM an unseen earlier attempt stored
        return _operation(get_llm._get_kwargs(llm_id), _parse_llm_as_created, options)

    operation.recover = recover
    return operation


def _sent_llm_id(operation: Operation[Any]) -> str:
    """The llmId the create body carries after extra_body is merged in."""
    extra = operation.options.extra_body or {}
    return str(extra.get("llmId", operation.json["llmId"]))


def _operation(
    kwargs: dict[str, Any], parse: Callable[[httpx.Response], T], options: RequestOptions
) -> Operation[T]:
    """An Operation from a generated endpoint's `_get_kwargs()` (method, url, params, json).

    The generated request builders know the paths, the path encoding and the query names from
    the spec; tests/test_generated.py pins the shape of what they return.
    """
    params = kwargs.get("params") or {}
    return Operation(
        method=kwargs["method"].upper(),
        path=kwargs["url"],
        parse=parse,
        params=[(name, query_value(value)) for name, value in params.items()],
        json=kwargs.get("json"),
        options=options,
    )


def _options(
    extra_headers: Headers | None,
    extra_query: Query | None,
    extra_body: Body | None,
    timeout: Timeout | NotGiven,
) -> RequestOptions:
    """The per-call options, checked; the shared empty one when none are given."""
    given = (extra_headers, extra_query, extra_body)
    if given == (None, None, None) and isinstance(timeout, NotGiven):
        return _NO_OPTIONS
    if extra_headers is not None:
        _check_mapping("extra_headers", extra_headers, (str,))
    if extra_query is not None:
        _check_mapping("extra_query", extra_query, (str, int, float, bool))
    if extra_body is not None:
        check_json_object(extra_body, "extra_body")
    if not isinstance(timeout, (NotGiven, int, float, httpx.Timeout, type(None))) or isinstance(
        timeout, bool
    ):
        raise TypeError(
            f"timeout: expected seconds, an httpx.Timeout or None, got {type(timeout).__name__}"
        )
    return RequestOptions(extra_headers, extra_query, extra_body, timeout)


_NO_OPTIONS = RequestOptions()


def _check_mapping(name: str, value: object, kinds: tuple[type, ...]) -> None:
    if not isinstance(value, Mapping):
        raise TypeError(f"{name}: expected a dict, got {type(value).__name__}")
    for key, item in value.items():
        if not isinstance(key, str):
            raise TypeError(f"{name}: keys must be str, got {type(key).__name__}")
        if not isinstance(item, kinds):
            expected = " or ".join(kind.__name__ for kind in kinds)
            raise TypeError(f"{name}[{key!r}]: expected {expected}, got {type(item).__name__}")


# -- reading answers ----------------------------------------------------------------------


def _parser(model: Any, unwrap: Callable[[Any], T]) -> Callable[[httpx.Response], T]:
    """How to read a success response into `model`, then `unwrap` it into the result."""
    name = model.__name__

    def parse(response: httpx.Response) -> T:
        try:
            content = response.content
            loads = _fast_json_loads if len(content) <= _FAST_JSON_MAX_BYTES else json.loads
            data = loads(content)
        except ValueError as exc:
            raise APIResponseValidationError(
                f"{name}: response body is not JSON ({exc})", response=response
            ) from None
        except RecursionError:  # the stdlib parser, on a large body nested very deeply
            raise APIResponseValidationError(
                f"{name}: response body is nested too deeply to parse", response=response
            ) from None
        if not isinstance(data, dict):
            raise APIResponseValidationError(
                f"{name}: expected a JSON object, got {type(data).__name__}", response=response
            )
        try:
            result = model.from_dict(data)
        except KeyError as exc:
            field = str(exc.args[0])
            raise APIResponseValidationError(
                f"{name}: required field {field!r} is missing", response=response, field=field
            ) from None
        except (TypeError, ValueError, AttributeError, RecursionError) as exc:
            # the generated parsers say "<jsonField>: expected <type>, got <type>"
            bad = str(exc).split(":", 1)[0] if ": expected " in str(exc) else None
            raise APIResponseValidationError(
                f"{name}: response does not match the schema ({exc})",
                response=response,
                field=bad,
            ) from None
        return unwrap(result)

    return parse


def _same(value: T) -> T:
    return value


_parse_llm = _parser(LLMResponse, _same)
_parse_created = _parser(CreateLLMResponse, _same)
_parse_list = _parser(ListLLMsResponse, lambda result: result.llms)
_parse_llm_as_created = _parser(LLMResponse, lambda llm: CreateLLMResponse(llm=llm))


def _no_content(response: httpx.Response) -> None:
    return None


# -- argument checks ----------------------------------------------------------------------


def _new_uuid() -> str:
    """A random (version 4) UUID string; like str(uuid.uuid4()), in half the time."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _require_id(id: object) -> None:
    """An LLM id as sent in the URL path: text, and short enough for a URL once encoded."""
    _require_text("id", id)
    encoded = len(quote(cast(str, id), safe=""))
    if encoded > _MAX_URL:
        raise ValueError(
            f"id: too long for a URL ({encoded:,} characters encoded; at most {_MAX_URL:,} fit)"
        )


def _require_text(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name}: expected str, got {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{name}: must not be empty")


_BINDING_ERROR = re.compile(r"^\S*?(\w+)\(\) (.*)$", re.DOTALL)
_UNEXPECTED = re.compile(r"got an unexpected keyword argument '(\w+)'")
_PYTHON_SUGGESTION = re.compile(r"\. Did you mean '\w+'\?$")


def _explained(method: Callable[..., Any], *, awaited: bool = False) -> Callable[..., Any]:
    """`method` with argument errors that name the public method and suggest a fix.

    `create(displayName=...)` raises `create() got an unexpected keyword argument
    'displayName' (did you mean 'display_name'?)` instead of naming `_LLMsBase.create`. With
    `awaited`, the result is a coroutine function (as `inspect.iscoroutinefunction` and
    AsyncMock expect); arguments are then checked when the call is awaited. Applied at run
    time, so editors and type checkers see the plain method.
    """
    import inspect

    valid = [p for p in inspect.signature(method).parameters if p != "self"]

    def call(self: Any, args: Any, kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except TypeError as exc:
            if exc.__traceback__ is None or exc.__traceback__.tb_next is not None:
                raise  # raised inside the method, not by binding the arguments
            raise TypeError(_explain(str(exc), method.__name__, valid)) from None

    if awaited:

        async def awaited_method(self: Any, /, *args: Any, **kwargs: Any) -> Any:
            return await call(self, args, kwargs)

        return functools.wraps(method)(awaited_method)

    def plain_method(self: Any, /, *args: Any, **kwargs: Any) -> Any:
        return call(self, args, kwargs)

    return functools.wraps(method)(plain_method)


def _explain(message: str, name: str, valid: list[str]) -> str:
    match = _BINDING_ERROR.match(message)
    text = f"{name}() {match.group(2)}" if match else message
    unexpected = _UNEXPECTED.search(text)
    if unexpected:
        given = unexpected.group(1)
        snake = re.sub(r"(?<!^)(?=[A-Z])", "_", given).lower()
        guess = (
            snake
            if snake in valid
            else next(iter(difflib.get_close_matches(given, valid, n=1)), None)
        )
        if guess:  # instead of the suggestion Python 3.13+ adds, which misses camelCase
            text = _PYTHON_SUGGESTION.sub("", text) + f" (did you mean {guess!r}?)"
    return text


for _name in ("create", "get", "list", "update", "delete"):
    _method = getattr(_LLMsBase, _name)
    setattr(_LLMsBase, _name, _explained(_method))
    for _async_class in (AsyncLLMs, AsyncLLMsWithRawResponse):
        setattr(_async_class, _name, _explained(_method, awaited=True))
