from urllib.parse import quote

from ...types import HTTPRequest


def _path_segment(value: str) -> str:
    """`value` percent-encoded as one path segment; "." and ".." too, so they stay ids."""
    encoded = quote(value, safe="")
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


def request(
    id: str,
    *,
    include_credentials: bool | None = None,
) -> HTTPRequest:
    """Get an LLM: the HTTP request (GET /v1/llms/{id}).

    Reads one LLM configuration. Read-only. Stored credentials are returned only with
    includeCredentials=true (which also needs READ_LLM_CREDENTIALS permission). An LLM that
    exists but that the caller may not read is a 403, a missing one a 404.

    Query parameters that are None are left out; object-valued ones are sent as one
    `<name>.<key>=<value>` pair per entry."""
    params: list[tuple[str, str]] = []
    if include_credentials is not None:
        params.append(("includeCredentials", "true" if include_credentials else "false"))
    return HTTPRequest(
        method="GET",
        path="/v1/llms/{id}".format(
            id=_path_segment(id),
        ),
        params=params,
    )
