from urllib.parse import quote

from ...models.llm_update_request import LLMUpdateRequest
from ...types import HTTPRequest


def _path_segment(value: str) -> str:
    """`value` percent-encoded as one path segment; "." and ".." too, so they stay ids."""
    encoded = quote(value, safe="")
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


def request(
    id: str,
    *,
    body: LLMUpdateRequest,
) -> HTTPRequest:
    """Update an LLM: the HTTP request (PUT /v1/llms/{id}).

    Partially updates an LLM: only the fields present are changed. providerType cannot be
    changed. capabilities and clientConfig are replaced whole; labels are replaced
    (replaceLabels) or merged (mergeLabels), never both in one request. An update that leaves
    the LLM unchanged (no field given, or only an empty supportedModalities) keeps updatedAt. An
    update that would make the LLM identical to another LLM of the same owner is a 409, as on
    create."""
    return HTTPRequest(
        method="PUT",
        path="/v1/llms/{id}".format(
            id=_path_segment(id),
        ),
        json=body.to_dict(),
    )
