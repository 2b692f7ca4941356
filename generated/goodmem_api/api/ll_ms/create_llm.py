from ...models.llm_creation_request import LLMCreationRequest
from ...types import HTTPRequest


def request(
    *,
    body: LLMCreationRequest,
) -> HTTPRequest:
    r"""Create an LLM: the HTTP request (POST /v1/llms).

    Registers a new LLM configuration. The server fills apiPath (`/chat/completions`),
    supportedModalities (`[\"TEXT\"]`), capabilities (inferred from the model identifier),
    ownerId and the timestamps when they are omitted. Returns 409 (ALREADY_EXISTS) when the
    owner already has an LLM with the same providerType, canonicalized endpointUrl, apiPath,
    modelIdentifier and credentials fingerprint (SHA-256), or when llmId is already in use."""
    return HTTPRequest(
        method="POST",
        path="/v1/llms",
        json=body.to_dict(),
    )
