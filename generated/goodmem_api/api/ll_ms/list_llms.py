from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.list_ll_ms_response import ListLLMsResponse
from ...models.list_llms_label import ListLlmsLabel
from ...models.llm_provider_type import LLMProviderType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    owner_id: str | Unset = UNSET,
    provider_type: LLMProviderType | Unset = UNSET,
    label: ListLlmsLabel | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["ownerId"] = owner_id

    json_provider_type: str | Unset = UNSET
    if not isinstance(provider_type, Unset):
        json_provider_type = provider_type.value

    params["providerType"] = json_provider_type

    json_label: dict[str, Any] | Unset = UNSET
    if not isinstance(label, Unset):
        json_label = label.to_dict()
    if not isinstance(json_label, Unset):
        params.update(json_label)

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/llms",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListLLMsResponse | None:
    if response.status_code == 200:
        response_200 = ListLLMsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | ListLLMsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    owner_id: str | Unset = UNSET,
    provider_type: LLMProviderType | Unset = UNSET,
    label: ListLlmsLabel | Unset = UNSET,
) -> Response[ErrorResponse | ListLLMsResponse]:
    """List LLMs

     Lists the LLM configurations the caller may see. Filters combine with AND. Label filters are sent as
    one query parameter per label, `label.<key>=<value>` (the server also accepts
    `label[<key>]=<value>`). With LIST_LLM_OWN permission the caller sees only its own LLMs; with
    LIST_LLM_ANY, every LLM. ownerId filters that already-authorized set and grants no visibility:
    naming an owner whose LLMs the caller cannot see gives an empty list.

    Args:
        owner_id (str | Unset):
        provider_type (LLMProviderType | Unset): The kind of service behind the endpoint.
            CUSTOM_OPENAI_COMPATIBLE covers any other OpenAI-compatible API, such as Anthropic's,
            Google Gemini's or Mistral's. DASHSCOPE is Alibaba Cloud's DashScope (Model Studio), which
            also takes dashscopeApiDialect.
        label (ListLlmsLabel | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListLLMsResponse]
    """

    kwargs = _get_kwargs(
        owner_id=owner_id,
        provider_type=provider_type,
        label=label,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    owner_id: str | Unset = UNSET,
    provider_type: LLMProviderType | Unset = UNSET,
    label: ListLlmsLabel | Unset = UNSET,
) -> ErrorResponse | ListLLMsResponse | None:
    """List LLMs

     Lists the LLM configurations the caller may see. Filters combine with AND. Label filters are sent as
    one query parameter per label, `label.<key>=<value>` (the server also accepts
    `label[<key>]=<value>`). With LIST_LLM_OWN permission the caller sees only its own LLMs; with
    LIST_LLM_ANY, every LLM. ownerId filters that already-authorized set and grants no visibility:
    naming an owner whose LLMs the caller cannot see gives an empty list.

    Args:
        owner_id (str | Unset):
        provider_type (LLMProviderType | Unset): The kind of service behind the endpoint.
            CUSTOM_OPENAI_COMPATIBLE covers any other OpenAI-compatible API, such as Anthropic's,
            Google Gemini's or Mistral's. DASHSCOPE is Alibaba Cloud's DashScope (Model Studio), which
            also takes dashscopeApiDialect.
        label (ListLlmsLabel | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListLLMsResponse
    """

    return sync_detailed(
        client=client,
        owner_id=owner_id,
        provider_type=provider_type,
        label=label,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    owner_id: str | Unset = UNSET,
    provider_type: LLMProviderType | Unset = UNSET,
    label: ListLlmsLabel | Unset = UNSET,
) -> Response[ErrorResponse | ListLLMsResponse]:
    """List LLMs

     Lists the LLM configurations the caller may see. Filters combine with AND. Label filters are sent as
    one query parameter per label, `label.<key>=<value>` (the server also accepts
    `label[<key>]=<value>`). With LIST_LLM_OWN permission the caller sees only its own LLMs; with
    LIST_LLM_ANY, every LLM. ownerId filters that already-authorized set and grants no visibility:
    naming an owner whose LLMs the caller cannot see gives an empty list.

    Args:
        owner_id (str | Unset):
        provider_type (LLMProviderType | Unset): The kind of service behind the endpoint.
            CUSTOM_OPENAI_COMPATIBLE covers any other OpenAI-compatible API, such as Anthropic's,
            Google Gemini's or Mistral's. DASHSCOPE is Alibaba Cloud's DashScope (Model Studio), which
            also takes dashscopeApiDialect.
        label (ListLlmsLabel | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListLLMsResponse]
    """

    kwargs = _get_kwargs(
        owner_id=owner_id,
        provider_type=provider_type,
        label=label,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    owner_id: str | Unset = UNSET,
    provider_type: LLMProviderType | Unset = UNSET,
    label: ListLlmsLabel | Unset = UNSET,
) -> ErrorResponse | ListLLMsResponse | None:
    """List LLMs

     Lists the LLM configurations the caller may see. Filters combine with AND. Label filters are sent as
    one query parameter per label, `label.<key>=<value>` (the server also accepts
    `label[<key>]=<value>`). With LIST_LLM_OWN permission the caller sees only its own LLMs; with
    LIST_LLM_ANY, every LLM. ownerId filters that already-authorized set and grants no visibility:
    naming an owner whose LLMs the caller cannot see gives an empty list.

    Args:
        owner_id (str | Unset):
        provider_type (LLMProviderType | Unset): The kind of service behind the endpoint.
            CUSTOM_OPENAI_COMPATIBLE covers any other OpenAI-compatible API, such as Anthropic's,
            Google Gemini's or Mistral's. DASHSCOPE is Alibaba Cloud's DashScope (Model Studio), which
            also takes dashscopeApiDialect.
        label (ListLlmsLabel | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListLLMsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            owner_id=owner_id,
            provider_type=provider_type,
            label=label,
        )
    ).parsed
