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
    (replaceLabels) or merged (mergeLabels), never both in one request."""
    return HTTPRequest(
        method="PUT",
        path="/v1/llms/{id}".format(
            id=_path_segment(id),
        ),
        json=body.to_dict(),
    )
