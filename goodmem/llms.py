"""`client.llms`: create, get, list, update and delete LLM configurations.

Each operation is written once, as a function that checks its arguments and returns a `Call`
(the request plus how to read the answer). `LLMs` and `AsyncLLMs` turn those functions into
methods that send the call, blocking or awaited; they hold no logic of their own.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

import httpx

from ._client import AsyncGoodmem, Call, Goodmem
from ._convert import to_arguments, to_model
from ._errors import APIResponseValidationError
from ._generated.api.ll_ms import create_llm, delete_llm, get_llm, list_llms, update_llm
from ._generated.models import (
    ApiKeyAuth,
    CreateLLMResponse,
    CredentialKind,
    EndpointAuthentication,
    ListLLMsResponse,
    LLMCapabilities,
    LLMCreationRequest,
    LLMProviderType,
    LLMResponse,
    LLMSamplingParams,
    LLMUpdateRequest,
    Modality,
)
from ._registry import fill_create_defaults

try:  # a dependency on CPython: parses responses about twice as fast as json
    from orjson import loads as _fast_json_loads
except ImportError:  # pragma: no cover - other interpreters
    _fast_json_loads = json.loads  # type: ignore[assignment]

# orjson's transient memory is about 15x the body; past this size the stdlib parser is used.
_FAST_JSON_MAX_BYTES = 8 * 2**20

__all__ = ["AsyncLLMs", "LLMs"]

P = ParamSpec("P")
T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])
C = TypeVar("C")


def _create(
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
    supported_modalities: list[Modality | str] | None = None,
    client_config: Mapping[str, Any] | None = None,
    monitoring_endpoint: str | None = None,
    owner_id: str | None = None,
    llm_id: str | None = None,
    version: str | None = None,
) -> Call[CreateLLMResponse]:
    """Register a new LLM and return the `CreateLLMResponse` (`.llm`, `.statuses`).

    A known `model_identifier` (see `goodmem.lookup_model`) fills provider_type, endpoint_url,
    max_context_length and supported_modalities; explicit arguments always win. For other
    models pass `provider_type` (its default base URL is used) or `endpoint_url`.
    `api_key="sk-..."` is shorthand for API-key `credentials`; pass at most one of the two.
    Nested values may be dicts with snake_case keys; enums may be strings. Without `llm_id` a
    random UUID is sent, which makes retrying the create safe.

    Raises ValueError/TypeError for bad arguments before sending; ConflictError (409) when
    the same LLM, or the same `llm_id`, already exists.
    """
    fields = {k: v for k, v in locals().items() if v is not None}
    secret = fields.pop("api_key", None)
    if secret is not None:
        if credentials is not None:
            raise ValueError("api_key and credentials: pass at most one of them")
        if not isinstance(secret, str):
            raise TypeError(f"api_key: expected str, got {type(secret).__name__}")
        if not secret:
            raise ValueError("api_key: must not be empty")
        fields["credentials"] = EndpointAuthentication(
            kind=CredentialKind.CREDENTIAL_KIND_API_KEY, api_key=ApiKeyAuth(inline_secret=secret)
        )
    _require_text("display_name", display_name)
    _require_text("model_identifier", model_identifier)
    # A client-chosen id makes the create idempotent, so it is safe to retry.
    if llm_id is None:
        fields["llm_id"] = _new_uuid()
    try:
        filled = fill_create_defaults(fields)
    except (ValueError, TypeError):
        to_model(LLMCreationRequest, fields, "")  # a bad value of the caller's explains it best
        raise
    body = to_model(LLMCreationRequest, filled, "")
    llm_id = str(body.llm_id)

    def recover() -> Call[CreateLLMResponse]:
        return _call(get_llm._get_kwargs(llm_id), LLMResponse, unwrap=_as_created)

    return _call(create_llm._get_kwargs(body=body), CreateLLMResponse, recover=recover)


def _get(*, id: str) -> Call[LLMResponse]:
    """Fetch one LLM by id. Raises NotFoundError (404) when there is none."""
    _require_text("id", id)
    return _call(get_llm._get_kwargs(id), LLMResponse)


def _list(
    *,
    label: Mapping[str, str] | None = None,
    owner_id: str | None = None,
    provider_type: LLMProviderType | str | None = None,
) -> Call[list[LLMResponse]]:
    """List the LLMs visible to this API key, filtered by labels, owner and provider (AND).

    `label={"env": "prod"}` is sent as `label.env=prod`; every pair must match.
    """
    args = to_arguments(
        list_llms._get_kwargs,
        {"owner_id": owner_id, "provider_type": provider_type, "label": label},
    )
    labels = args.pop("label", {})
    kwargs = list_llms._get_kwargs(**args)
    # The generator cannot express `label.<key>=<value>` pairs, so they are added here.
    kwargs["params"] = [
        *((k, str(v)) for k, v in kwargs["params"].items()),
        *((f"label.{k}", v) for k, v in labels.items()),
    ]
    return _call(kwargs, ListLLMsResponse, unwrap=_llms_of)


def _update(*, id: str, request: LLMUpdateRequest | Mapping[str, Any]) -> Call[LLMResponse]:
    """Change some fields of an LLM and return it as stored afterwards.

    `request` is an `LLMUpdateRequest` or a dict with the same (snake_case) fields; only the
    fields given change. `replace_labels` and `merge_labels` cannot be combined.
    """
    _require_text("id", id)
    body = to_model(LLMUpdateRequest, request, "request")
    if body.replace_labels is not None and body.merge_labels is not None:
        raise ValueError("request: replace_labels and merge_labels cannot be used together")
    return _call(update_llm._get_kwargs(id, body=body), LLMResponse)


def _delete(*, id: str) -> Call[None]:
    """Delete an LLM and its stored credentials. Raises NotFoundError (404) when there is none."""
    _require_text("id", id)
    return _call(delete_llm._get_kwargs(id), None)


# -- helpers ------------------------------------------------------------------------------


def _call(
    kwargs: dict[str, Any],
    model: Any,
    *,
    unwrap: Callable[[Any], Any] | None = None,
    recover: Callable[[], Call[Any]] | None = None,
) -> Call[Any]:
    """A Call from a generated endpoint's request arguments and the model of its answer."""
    parse = _parser(model, unwrap)
    return Call(
        method=kwargs["method"].upper(),
        path=kwargs["url"],
        parse=parse,
        params=kwargs.get("params") or None,
        json=kwargs.get("json"),
        recover=recover,
    )


@functools.cache
def _parser(model: Any, unwrap: Callable[[Any], Any] | None) -> Callable[[httpx.Response], Any]:
    """How to read a success response into `model` (None: no body expected)."""
    if model is None:
        return _no_content
    name = model.__name__

    def parse(response: httpx.Response) -> Any:
        try:
            content = response.content
            loads = _fast_json_loads if len(content) <= _FAST_JSON_MAX_BYTES else json.loads
            data = loads(content)
        except ValueError as exc:
            raise APIResponseValidationError(
                f"{name}: response body is not JSON ({exc})", response=response
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
        except (TypeError, ValueError, AttributeError) as exc:
            # the generated parsers say "<jsonField>: expected <type>, got <type>"
            bad = str(exc).split(":", 1)[0] if ": expected " in str(exc) else None
            raise APIResponseValidationError(
                f"{name}: response does not match the schema ({exc})",
                response=response,
                field=bad,
            ) from None
        return unwrap(result) if unwrap is not None else result

    return parse


def _no_content(response: httpx.Response) -> None:
    return None


def _llms_of(result: ListLLMsResponse) -> list[LLMResponse]:
    return result.llms


def _as_created(llm: LLMResponse) -> CreateLLMResponse:
    return CreateLLMResponse(llm=llm)


def _new_uuid() -> str:
    """A random (version 4) UUID string; like str(uuid.uuid4()), in half the time."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _require_text(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name}: expected str, got {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{name}: must not be empty")


def _described(method: F, operation: Callable[..., Any]) -> F:
    """Give a shell method the operation's name, docstring and signature (for help() and IDEs)."""
    functools.update_wrapper(method, operation, updated=())
    del method.__wrapped__  # type: ignore[attr-defined]
    method.__name__ = operation.__name__.lstrip("_")
    method.__qualname__ = method.__name__
    signature = inspect.signature(operation)
    result = str(signature.return_annotation).removeprefix("Call[").removesuffix("]")
    self_param = inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)
    method.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[self_param, *signature.parameters.values()], return_annotation=result
    )
    return method


# -- shells -------------------------------------------------------------------------------


def _sync(operation: Callable[P, Call[T]]) -> Callable[Concatenate[LLMs, P], T]:
    def method(self: LLMs, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return self._client._send(operation(*args, **kwargs))

    return _described(method, operation)


def _async(operation: Callable[P, Call[T]]) -> Callable[Concatenate[AsyncLLMs, P], Awaitable[T]]:
    async def method(self: AsyncLLMs, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await self._client._send(operation(*args, **kwargs))

    return _described(method, operation)


class _Resource(Generic[C]):
    def __init__(self, client: C) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"


class LLMs(_Resource[Goodmem]):
    """LLM configurations on a GoodMem server (`Goodmem().llms`)."""

    create = _sync(_create)
    get = _sync(_get)
    list = _sync(_list)
    update = _sync(_update)
    delete = _sync(_delete)


class AsyncLLMs(_Resource[AsyncGoodmem]):
    """LLM configurations on a GoodMem server (`AsyncGoodmem().llms`); every method is awaited."""

    create = _async(_create)
    get = _async(_get)
    list = _async(_list)
    update = _async(_update)
    delete = _async(_delete)
