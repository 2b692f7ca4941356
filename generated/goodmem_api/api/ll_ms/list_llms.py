from ...models.list_llms_label import ListLlmsLabel
from ...models.llm_provider_type import LLMProviderType
from ...types import HTTPRequest


def request(
    *,
    owner_id: str | None = None,
    provider_type: LLMProviderType | None = None,
    label: ListLlmsLabel | None = None,
) -> HTTPRequest:
    """List LLMs: the HTTP request (GET /v1/llms).

    Lists the LLM configurations the caller may see. Filters combine with AND. Label filters are
    sent as one query parameter per label, `label.<key>=<value>` (the server also accepts
    `label[<key>]=<value>`). With LIST_LLM_OWN permission the caller sees only its own LLMs;
    with LIST_LLM_ANY, every LLM. ownerId filters that already-authorized set and grants no
    visibility: naming an owner whose LLMs the caller cannot see gives an empty list.

    Query parameters that are None are left out; object-valued ones are sent as one
    `<name>.<key>=<value>` pair per entry."""
    params: list[tuple[str, str]] = []
    if owner_id is not None:
        params.append(("ownerId", str(owner_id)))
    if provider_type is not None:
        params.append(("providerType", provider_type.value))
    if label is not None:
        params.extend((f"label.{key}", str(value)) for key, value in label.to_dict().items())
    return HTTPRequest(
        method="GET",
        path="/v1/llms",
        params=params,
    )
