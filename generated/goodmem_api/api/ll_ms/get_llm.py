from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.llm_response import LLMResponse
from ...types import UNSET, Response, Unset


def _path_segment(value: str) -> str:
    """`value` percent-encoded as one path segment; "." and ".." too, so they stay ids."""
    encoded = quote(value, safe="")
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


def _get_kwargs(
    id: str,
    *,
    include_credentials: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["includeCredentials"] = include_credentials

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/llms/{id}".format(
            id=_path_segment(str(id)),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | LLMResponse | None:
    if response.status_code == 200:
        response_200 = LLMResponse.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | LLMResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    include_credentials: bool | Unset = UNSET,
) -> Response[ErrorResponse | LLMResponse]:
    """Get an LLM

     Reads one LLM configuration. Read-only. Stored credentials are returned only with
    includeCredentials=true (which also needs READ_LLM_CREDENTIALS permission). An LLM that exists but
    that the caller may not read is a 403, a missing one a 404.

    Args:
        id (str):
        include_credentials (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LLMResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        include_credentials=include_credentials,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    include_credentials: bool | Unset = UNSET,
) -> ErrorResponse | LLMResponse | None:
    """Get an LLM

     Reads one LLM configuration. Read-only. Stored credentials are returned only with
    includeCredentials=true (which also needs READ_LLM_CREDENTIALS permission). An LLM that exists but
    that the caller may not read is a 403, a missing one a 404.

    Args:
        id (str):
        include_credentials (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LLMResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        include_credentials=include_credentials,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    include_credentials: bool | Unset = UNSET,
) -> Response[ErrorResponse | LLMResponse]:
    """Get an LLM

     Reads one LLM configuration. Read-only. Stored credentials are returned only with
    includeCredentials=true (which also needs READ_LLM_CREDENTIALS permission). An LLM that exists but
    that the caller may not read is a 403, a missing one a 404.

    Args:
        id (str):
        include_credentials (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LLMResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        include_credentials=include_credentials,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    include_credentials: bool | Unset = UNSET,
) -> ErrorResponse | LLMResponse | None:
    """Get an LLM

     Reads one LLM configuration. Read-only. Stored credentials are returned only with
    includeCredentials=true (which also needs READ_LLM_CREDENTIALS permission). An LLM that exists but
    that the caller may not read is a 403, a missing one a 404.

    Args:
        id (str):
        include_credentials (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LLMResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            include_credentials=include_credentials,
        )
    ).parsed
