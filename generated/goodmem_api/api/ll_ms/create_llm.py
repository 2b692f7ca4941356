from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_llm_response import CreateLLMResponse
from ...models.error_response import ErrorResponse
from ...models.llm_creation_request import LLMCreationRequest
from ...types import Response


def _get_kwargs(
    *,
    body: LLMCreationRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/llms",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateLLMResponse | ErrorResponse | None:
    if response.status_code == 201:
        response_201 = CreateLLMResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

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
) -> Response[CreateLLMResponse | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LLMCreationRequest,
) -> Response[CreateLLMResponse | ErrorResponse]:
    r"""Create an LLM

     Registers a new LLM configuration. providerType and endpointUrl are required: the server does not
    infer them from the model identifier (clients that offer model shortcuts fill them before sending).
    The server fills apiPath (`/chat/completions`), supportedModalities (`[\"TEXT\"]`), capabilities
    (inferred from the model identifier), ownerId and the timestamps when they are omitted. Creating for
    another owner (ownerId) needs CREATE_LLM_ANY permission (403 without it). Returns 409
    (ALREADY_EXISTS) when the owner already has an LLM with the same providerType, canonicalized
    endpointUrl, apiPath, modelIdentifier and credentials fingerprint (SHA-256), or when llmId is
    already in use.

    Args:
        body (LLMCreationRequest): An LLM to register.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateLLMResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: LLMCreationRequest,
) -> CreateLLMResponse | ErrorResponse | None:
    r"""Create an LLM

     Registers a new LLM configuration. providerType and endpointUrl are required: the server does not
    infer them from the model identifier (clients that offer model shortcuts fill them before sending).
    The server fills apiPath (`/chat/completions`), supportedModalities (`[\"TEXT\"]`), capabilities
    (inferred from the model identifier), ownerId and the timestamps when they are omitted. Creating for
    another owner (ownerId) needs CREATE_LLM_ANY permission (403 without it). Returns 409
    (ALREADY_EXISTS) when the owner already has an LLM with the same providerType, canonicalized
    endpointUrl, apiPath, modelIdentifier and credentials fingerprint (SHA-256), or when llmId is
    already in use.

    Args:
        body (LLMCreationRequest): An LLM to register.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateLLMResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LLMCreationRequest,
) -> Response[CreateLLMResponse | ErrorResponse]:
    r"""Create an LLM

     Registers a new LLM configuration. providerType and endpointUrl are required: the server does not
    infer them from the model identifier (clients that offer model shortcuts fill them before sending).
    The server fills apiPath (`/chat/completions`), supportedModalities (`[\"TEXT\"]`), capabilities
    (inferred from the model identifier), ownerId and the timestamps when they are omitted. Creating for
    another owner (ownerId) needs CREATE_LLM_ANY permission (403 without it). Returns 409
    (ALREADY_EXISTS) when the owner already has an LLM with the same providerType, canonicalized
    endpointUrl, apiPath, modelIdentifier and credentials fingerprint (SHA-256), or when llmId is
    already in use.

    Args:
        body (LLMCreationRequest): An LLM to register.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateLLMResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: LLMCreationRequest,
) -> CreateLLMResponse | ErrorResponse | None:
    r"""Create an LLM

     Registers a new LLM configuration. providerType and endpointUrl are required: the server does not
    infer them from the model identifier (clients that offer model shortcuts fill them before sending).
    The server fills apiPath (`/chat/completions`), supportedModalities (`[\"TEXT\"]`), capabilities
    (inferred from the model identifier), ownerId and the timestamps when they are omitted. Creating for
    another owner (ownerId) needs CREATE_LLM_ANY permission (403 without it). Returns 409
    (ALREADY_EXISTS) when the owner already has an LLM with the same providerType, canonicalized
    endpointUrl, apiPath, modelIdentifier and credentials fingerprint (SHA-256), or when llmId is
    already in use.

    Args:
        body (LLMCreationRequest): An LLM to register.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateLLMResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
