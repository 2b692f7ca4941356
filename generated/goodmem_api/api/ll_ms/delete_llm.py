from urllib.parse import quote

from ...types import HTTPRequest


def _path_segment(value: str) -> str:
    """`value` percent-encoded as one path segment; "." and ".." too, so they stay ids."""
    encoded = quote(value, safe="")
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


def request(
    id: str,
) -> HTTPRequest:
    """Delete an LLM: the HTTP request (DELETE /v1/llms/{id}).

    Permanently deletes an LLM configuration and its stored credentials. Content generated
    earlier with it stays available."""
    return HTTPRequest(
        method="DELETE",
        path="/v1/llms/{id}".format(
            id=_path_segment(id),
        ),
    )
