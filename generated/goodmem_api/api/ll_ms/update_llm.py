from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.llm_response import LLMResponse
from ...models.llm_update_request import LLMUpdateRequest
from ...types import Response


def _path_segment(value: str) -> str:
    """`value` percent-encoded as one path segment; "." and ".." too, so they stay ids."""
    encoded = quote(value, safe="")
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


def _get_kwargs(
    id: str,
    *,
    body: LLMUpdateRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/llms/{id}".format(
            id=_path_segment(str(id)),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
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

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 415:
        response_415 = ErrorResponse.from_dict(response.json())

        return response_415

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
    body: LLMUpdateRequest,
) -> Response[ErrorResponse | LLMResponse]:
    """Update an LLM

     Partially updates an LLM: only the fields present are changed. providerType cannot be changed.
    capabilities and clientConfig are replaced whole; labels are replaced (replaceLabels) or merged
    (mergeLabels), never both in one request. An update that leaves the LLM unchanged (no field given,
    or only an empty supportedModalities) keeps updatedAt. An update that would make the LLM identical
    to another LLM of the same owner is a 409, as on create.

    Args:
        id (str):
        body (LLMUpdateRequest): Fields to change on an LLM; omitted fields stay as they are.
            replaceLabels and mergeLabels cannot be combined.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LLMResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: LLMUpdateRequest,
) -> ErrorResponse | LLMResponse | None:
    """Update an LLM

     Partially updates an LLM: only the fields present are changed. providerType cannot be changed.
    capabilities and clientConfig are replaced whole; labels are replaced (replaceLabels) or merged
    (mergeLabels), never both in one request. An update that leaves the LLM unchanged (no field given,
    or only an empty supportedModalities) keeps updatedAt. An update that would make the LLM identical
    to another LLM of the same owner is a 409, as on create.

    Args:
        id (str):
        body (LLMUpdateRequest): Fields to change on an LLM; omitted fields stay as they are.
            replaceLabels and mergeLabels cannot be combined.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LLMResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: LLMUpdateRequest,
) -> Response[ErrorResponse | LLMResponse]:
    """Update an LLM

     Partially updates an LLM: only the fields present are changed. providerType cannot be changed.
    capabilities and clientConfig are replaced whole; labels are replaced (replaceLabels) or merged
    (mergeLabels), never both in one request. An update that leaves the LLM unchanged (no field given,
    or only an empty supportedModalities) keeps updatedAt. An update that would make the LLM identical
    to another LLM of the same owner is a 409, as on create.

    Args:
        id (str):
        body (LLMUpdateRequest): Fields to change on an LLM; omitted fields stay as they are.
            replaceLabels and mergeLabels cannot be combined.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LLMResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: LLMUpdateRequest,
) -> ErrorResponse | LLMResponse | None:
    """Update an LLM

     Partially updates an LLM: only the fields present are changed. providerType cannot be changed.
    capabilities and clientConfig are replaced whole; labels are replaced (replaceLabels) or merged
    (mergeLabels), never both in one request. An update that leaves the LLM unchanged (no field given,
    or only an empty supportedModalities) keeps updatedAt. An update that would make the LLM identical
    to another LLM of the same owner is a 409, as on create.

    Args:
        id (str):
        body (LLMUpdateRequest): Fields to change on an LLM; omitted fields stay as they are.
            replaceLabels and mergeLabels cannot be combined.

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
            body=body,
        )
    ).parsed
