from ...models.llm_creation_request import LLMCreationRequest
from ...types import HTTPRequest


def request(
    *,
    body: LLMCreationRequest,
) -> HTTPRequest:
    r"""Create an LLM: the HTTP request (POST /v1/llms).

    Registers a new LLM configuration. providerType and endpointUrl are required: the server
    does not infer them from the model identifier (clients that offer model shortcuts fill them
    before sending). The server fills apiPath (`/chat/completions`), supportedModalities
    (`[\"TEXT\"]`), capabilities (inferred from the model identifier), ownerId and the
    timestamps when they are omitted. Creating for another owner (ownerId) needs CREATE_LLM_ANY
    permission (403 without it). Returns 409 (ALREADY_EXISTS) when the owner already has an LLM
    with the same providerType, canonicalized endpointUrl, apiPath, modelIdentifier and
    credentials fingerprint (SHA-256), or when llmId is already in use."""
    return HTTPRequest(
        method="POST",
        path="/v1/llms",
        json=body.to_dict(),
    )
