"""Drive the official GoodMem clients through the LLM lifecycle against a running GoodMem.

Usage (inside the compat venv, see run.py): python -I drive.py BASE_URL API_KEY ADMIN_API_KEY

`goodmem` (0.1.43) and `goodmem_client` (1.5.14) each: create (goodmem also by model
shortcut), get (with and without credentials), list with every filter, update (merge and
replace labels, null fields), delete, and the 401, 404 and 409 answers; ownership (an admin
key creates for another owner, which a plain key may not; another owner's LLM is a 403 and is
not listed, even by ownerId) and updates that change nothing (updatedAt stays). Each check
prints one line; the exit status is the number of scenarios that failed.
"""

from __future__ import annotations

import sys
import traceback
import uuid
import warnings
from collections.abc import Callable
from typing import Any

warnings.simplefilter("ignore", DeprecationWarning)  # goodmem-client announces its retirement

BASE_URL, API_KEY, ADMIN_API_KEY = sys.argv[1], sys.argv[2], sys.argv[3]
OWNER = "550e8400-e29b-41d4-a716-446655440000"  # the embedded GoodMem's default principal
SOMEONE_ELSE = "0b6f8d2a-3c4e-4f5a-9b7c-1d2e3f4a5b6c"  # an owner neither key authenticates as
MISSING = "00000000-0000-4000-8000-000000000000"
OPENAI_URL = "https://api.openai.com/v1"


class CheckFailed(AssertionError):
    pass


def check(client: str, step: str, condition: bool, detail: Any = "") -> None:
    if not condition:
        raise CheckFailed(f"{client}: {step}: {detail}")
    print(f"  ok  {client}: {step}", flush=True)


def raises(call: Callable[[], Any], *errors: type[BaseException]) -> BaseException | None:
    try:
        call()
    except errors as exc:
        return exc
    return None


def check_filters(
    client: str,
    ids: Callable[..., set[str]],
    everything: set[str],
    provider: str,
    label: dict[str, str],
    filtered: str,
) -> None:
    """List with no filter, each filter alone, and label with provider type combined.

    `filtered` is the one LLM of `provider` that has `label`; the other LLM is OPENAI and has
    the label suite=compat.
    """
    check(client, "list", ids() == everything)
    check(client, "list owner_id", ids(owner_id=OWNER) == everything)
    check(client, "list provider_type", ids(provider_type=provider) == {filtered})
    check(client, "list label", ids(label=label) == {filtered})
    (other,) = everything - {filtered}
    combined = ids(label={"suite": "compat"}, provider_type="OPENAI")
    check(client, "list label + provider", combined == {other})


def drive_goodmem() -> None:
    """The current official client: `goodmem` 0.1.43 (httpx + pydantic)."""
    from goodmem.models.api_key_auth import ApiKeyAuth
    from goodmem.models.endpoint_authentication import EndpointAuthentication
    from goodmem.models.llm_capabilities import LLMCapabilities
    from goodmem.models.llm_sampling_params import LLMSamplingParams

    import goodmem

    name = "goodmem"
    client = goodmem.Goodmem(base_url=BASE_URL, api_key=API_KEY)

    # create by shortcut: the client fills providerType, endpointUrl, maxContextLength and
    # supportedModalities from its registry, and turns api_key into credentials
    shortcut = client.llms.create(
        display_name="Compat shortcut",
        model_identifier="gpt-4o-mini",
        api_key="sk-compat-shortcut",
        labels={"suite": "compat", "client": name},
    )
    llm = shortcut.llm
    check(name, "create by shortcut", llm.provider_type == "OPENAI", llm.provider_type)
    check(name, "shortcut endpoint", llm.endpoint_url == "https://api.openai.com/v1")
    check(name, "create omits credentials", llm.credentials is None, llm.credentials)
    check(
        name,
        "inferred capabilities",
        [s.code for s in shortcut.statuses or []] == ["LLM_CAPABILITY_INFERRED"],
    )

    typed = client.llms.create(
        display_name="Compat typed",
        model_identifier="compat-model",
        provider_type="VLLM",
        endpoint_url="http://localhost:8000/v1",
        api_path="/v1/chat",
        credentials=EndpointAuthentication(
            kind="CREDENTIAL_KIND_API_KEY",
            api_key=ApiKeyAuth(inline_secret="sk-compat-typed", header_name="X-Key", prefix="Key "),
        ),
        capabilities=LLMCapabilities(supports_chat=True, supports_streaming=True),
        default_sampling_params=LLMSamplingParams(max_tokens=64, temperature=0.5),
        client_config={"timeout_seconds": 30},
        max_context_length=8192,
        labels={"suite": "compat", "kind": "typed"},
        description="typed models",
    ).llm
    check(name, "typed create", (typed.api_path, typed.max_context_length) == ("/v1/chat", 8192))
    check(name, "typed capabilities", typed.capabilities.supports_completion is False)

    got = client.llms.get(id=llm.llm_id)
    check(name, "get omits credentials", got.credentials is None and got.llm_id == llm.llm_id)
    secret = client.llms.get(id=llm.llm_id, include_credentials=True)
    check(
        name,
        "get include_credentials=True",
        secret.credentials is not None
        and secret.credentials.api_key is not None
        and secret.credentials.api_key.inline_secret == "sk-compat-shortcut",
        secret.credentials,
    )

    def ids(**filters: Any) -> set[str]:
        return {item.llm_id for item in client.llms.list(**filters)}

    check_filters(name, ids, {llm.llm_id, typed.llm_id}, "VLLM", {"kind": "typed"}, typed.llm_id)
    check(name, "list omits credentials", all(i.credentials is None for i in client.llms.list()))

    merged = client.llms.update(id=typed.llm_id, request={"merge_labels": {"stage": "merged"}})
    check(
        name,
        "update merge_labels",
        dict(merged.labels) == {"suite": "compat", "kind": "typed", "stage": "merged"},
    )
    replaced = client.llms.update(id=typed.llm_id, request={"replace_labels": {"only": "this"}})
    check(name, "update replace_labels", dict(replaced.labels) == {"only": "this"})
    nulls = client.llms.update(
        id=typed.llm_id, request={"display_name": "Renamed", "description": None, "version": None}
    )
    check(
        name,
        "update with null fields",
        (nulls.display_name, nulls.description) == ("Renamed", "typed models"),
        nulls,
    )
    check(name, "update omits credentials", nulls.credentials is None)

    conflict = raises(
        lambda: client.llms.create(
            display_name="Again", model_identifier="gpt-4o-mini", api_key="sk-compat-shortcut"
        ),
        goodmem.ConflictError,
    )
    check(name, "409 duplicate", conflict is not None)
    taken = raises(
        lambda: client.llms.create(
            display_name="Same id", model_identifier="o1", api_key="sk-other", llm_id=llm.llm_id
        ),
        goodmem.ConflictError,
    )
    check(name, "409 llm_id in use", taken is not None)
    check(
        name,
        "404 get",
        raises(lambda: client.llms.get(id=MISSING), goodmem.NotFoundError) is not None,
    )
    stranger = goodmem.Goodmem(base_url=BASE_URL, api_key="gm_wrong_key")
    check(
        name, "401 wrong key", raises(stranger.llms.list, goodmem.AuthenticationError) is not None
    )

    for item in (llm, typed):
        client.llms.delete(id=item.llm_id)
    check(name, "delete", ids() == set())
    check(
        name,
        "404 after delete",
        raises(lambda: client.llms.delete(id=llm.llm_id), goodmem.NotFoundError) is not None,
    )


def drive_goodmem_client() -> None:
    """The older OpenAPI-Generator client: `goodmem_client` 1.5.14 (urllib3 + pydantic)."""
    import goodmem_client as gc
    from goodmem_client.exceptions import ApiException

    name = "goodmem-client"
    api = gc_api()

    def status(call: Callable[[], Any]) -> int | None:
        error = raises(call, ApiException)
        return getattr(error, "status", None)

    # typed models; unset fields keep the client's defaults (apiPath, headerName Authorization)
    labels = {"suite": "compat", "client": name}
    typed = api.create_llm(
        gc_openai("Compat typed", "gpt-4o", "sk-compat-gc", OPENAI_URL, labels=labels)
    ).llm
    check(
        name,
        "typed create",
        (typed.provider_type, typed.api_path) == ("OPENAI", "/chat/completions"),
    )
    check(name, "create omits credentials", typed.credentials is None, typed.credentials)

    # from_dict sends null for every field it was not given, nested ones too
    from_dict = api.create_llm(
        gc.LLMCreationRequest.from_dict(
            {
                "displayName": "Compat from_dict",
                "modelIdentifier": "llama3",
                "providerType": "OLLAMA",
                "endpointUrl": "http://localhost:11434/v1",
                "credentials": {
                    "kind": "CREDENTIAL_KIND_API_KEY",
                    "apiKey": {"secretRef": {"uri": "vault://compat"}},
                },
                "labels": {"suite": "compat", "kind": "from_dict"},
            }
        )
    ).llm
    check(name, "create with nulls for unset fields", from_dict.supported_modalities == ["TEXT"])

    got = api.get_llm(typed.llm_id)
    check(name, "get omits credentials", got.credentials is None and got.llm_id == typed.llm_id)
    # no include_credentials argument in this client: its own request builder adds the query
    params = api.api_client.param_serialize(
        method="GET",
        resource_path="/v1/llms/{id}",
        path_params={"id": typed.llm_id},
        query_params=[("includeCredentials", "true")],
        auth_settings=["ApiKeyAuth"],
    )
    raw = api.api_client.call_api(*params)
    raw.read()
    secret = api.api_client.response_deserialize(raw, {"200": "LLMResponse"}).data
    check(
        name,
        "get includeCredentials=true",
        secret.credentials is not None
        and secret.credentials.api_key.inline_secret == "sk-compat-gc",
        secret.credentials,
    )

    def ids(**filters: Any) -> set[str]:
        return {item.llm_id for item in api.list_llms(**filters).llms}

    everything = {typed.llm_id, from_dict.llm_id}
    check_filters(name, ids, everything, "OLLAMA", {"kind": "from_dict"}, from_dict.llm_id)

    merged = api.update_llm(typed.llm_id, gc.LLMUpdateRequest(merge_labels={"stage": "merged"}))
    check(
        name,
        "update merge_labels",
        merged.labels == {"suite": "compat", "client": name, "stage": "merged"},
    )
    replaced = api.update_llm(typed.llm_id, gc.LLMUpdateRequest(replace_labels={"only": "this"}))
    check(name, "update replace_labels", replaced.labels == {"only": "this"})
    # from_dict again: every other field (credentials, capabilities, ...) goes out as null
    renamed = api.update_llm(
        typed.llm_id, gc.LLMUpdateRequest.from_dict({"displayName": "Renamed"})
    )
    check(
        name,
        "update with nulls for unset fields",
        (renamed.display_name, renamed.labels, renamed.model_identifier)
        == ("Renamed", {"only": "this"}, "gpt-4o"),
        renamed,
    )
    kept = api.api_client.response_deserialize(
        _read(api.api_client.call_api(*params)), {"200": "LLMResponse"}
    ).data
    check(
        name,
        "null credentials keep the stored ones",
        kept.credentials.api_key.inline_secret == "sk-compat-gc",
    )

    duplicate = gc_openai("Again", "gpt-4o", "sk-compat-gc", "https://API.openai.com/v1/")
    check(name, "409 duplicate", status(lambda: api.create_llm(duplicate)) == 409)
    check(name, "404 get", status(lambda: api.get_llm(MISSING)) == 404)
    check(name, "401 wrong key", status(lambda: gc_api("gm_wrong_key").list_llms()) == 401)

    for item in (typed, from_dict):
        api.delete_llm(item.llm_id)
    check(name, "delete", ids() == set())
    check(name, "404 after delete", status(lambda: api.delete_llm(typed.llm_id)) == 404)


def gc_api(api_key: str = API_KEY) -> Any:
    """A goodmem-client LLMsApi sending `api_key`."""
    import goodmem_client as gc

    config = gc.Configuration(host=BASE_URL)
    config.api_key["ApiKeyAuth"] = api_key
    return gc.LLMsApi(gc.ApiClient(config))


def gc_openai(display_name: str, model: str, secret: str, endpoint: str, **fields: Any) -> Any:
    """A goodmem-client LLMCreationRequest for an OpenAI model with an inline API key."""
    import goodmem_client as gc

    credentials = gc.EndpointAuthentication(
        kind="CREDENTIAL_KIND_API_KEY", api_key=gc.ApiKeyAuth(inline_secret=secret)
    )
    return gc.LLMCreationRequest(
        display_name=display_name,
        model_identifier=model,
        provider_type="OPENAI",
        endpoint_url=endpoint,
        credentials=credentials,
        **fields,
    )


def _read(response: Any) -> Any:
    response.read()
    return response


def drive_across_clients() -> None:
    """goodmem omits headerName, goodmem-client sends its default: the same credentials."""
    from goodmem_client.exceptions import ApiException

    import goodmem

    name = "both clients"
    first = goodmem.Goodmem(base_url=BASE_URL, api_key=API_KEY).llms.create(
        display_name="Cross",
        model_identifier="gpt-4.1",
        api_key="sk-cross",
        llm_id=str(uuid.uuid4()),
    )
    api = gc_api()
    same = gc_openai("Cross again", "gpt-4.1", "sk-cross", OPENAI_URL)
    error = raises(lambda: api.create_llm(same), ApiException)
    check(
        name,
        "409: default headerName equals an omitted one",
        getattr(error, "status", None) == 409,
        error,
    )
    api.delete_llm(first.llm.llm_id)


def drive_goodmem_ownership() -> None:
    """goodmem: ownership (CREATE_LLM_ANY, 403 across owners, ownerId on list) and no-op updates."""
    import goodmem

    name = "goodmem"
    plain = goodmem.Goodmem(base_url=BASE_URL, api_key=API_KEY)
    admin = goodmem.Goodmem(base_url=BASE_URL, api_key=ADMIN_API_KEY)

    def create(client: Any, **fields: Any) -> Any:
        return client.llms.create(
            display_name="Compat owned",
            model_identifier="compat-owned",
            provider_type="VLLM",
            endpoint_url="http://localhost:8000/v1",
            **fields,
        ).llm

    refused = raises(lambda: create(plain, owner_id=SOMEONE_ELSE), goodmem.PermissionDeniedError)
    check(name, "403 owner_id without CREATE_LLM_ANY", refused is not None, refused)
    theirs = create(admin, owner_id=SOMEONE_ELSE)
    check(name, "admin creates for another owner", theirs.owner_id == SOMEONE_ELSE)
    for verb, call in (
        ("get", lambda: plain.llms.get(id=theirs.llm_id)),
        ("update", lambda: plain.llms.update(id=theirs.llm_id, request={"version": "x"})),
        ("delete", lambda: plain.llms.delete(id=theirs.llm_id)),
    ):
        denied = raises(call, goodmem.PermissionDeniedError)
        check(name, f"403 {verb} of another owner's LLM", denied is not None, denied)
    check(
        name,
        "404 stays for a missing LLM",
        raises(lambda: plain.llms.get(id=MISSING), goodmem.NotFoundError) is not None,
    )
    check(name, "list owner_id of another owner", plain.llms.list(owner_id=SOMEONE_ELSE) == [])
    check(
        name,
        "admin list owner_id",
        [item.llm_id for item in admin.llms.list(owner_id=SOMEONE_ELSE)] == [theirs.llm_id],
    )

    mine = create(plain, labels={"suite": "compat"})
    for label, request in (
        ("{}", {}),
        ("supported_modalities []", {"supported_modalities": []}),
        ("description None", {"description": None}),
    ):
        same = plain.llms.update(id=mine.llm_id, request=request)
        check(name, f"no-op update {label} keeps updated_at", same.updated_at == mine.updated_at)
    admin.llms.delete(id=theirs.llm_id)
    plain.llms.delete(id=mine.llm_id)


def drive_goodmem_client_ownership() -> None:
    """goodmem-client: ownership (CREATE_LLM_ANY, 403 across owners, ownerId) and no-op updates."""
    import goodmem_client as gc
    from goodmem_client.exceptions import ApiException

    name = "goodmem-client"
    plain, admin = gc_api(), gc_api(ADMIN_API_KEY)

    def status(call: Callable[[], Any]) -> int | None:
        return getattr(raises(call, ApiException), "status", None)

    def request(**fields: Any) -> Any:
        return gc.LLMCreationRequest(
            display_name="Compat owned",
            model_identifier="compat-owned",
            provider_type="VLLM",
            endpoint_url="http://localhost:8000/v1",
            **fields,
        )

    check(
        name,
        "403 ownerId without CREATE_LLM_ANY",
        status(lambda: plain.create_llm(request(owner_id=SOMEONE_ELSE))) == 403,
    )
    theirs = admin.create_llm(request(owner_id=SOMEONE_ELSE)).llm
    check(name, "admin creates for another owner", theirs.owner_id == SOMEONE_ELSE)
    check(
        name, "403 get of another owner's LLM", status(lambda: plain.get_llm(theirs.llm_id)) == 403
    )
    check(
        name,
        "403 update of another owner's LLM",
        status(lambda: plain.update_llm(theirs.llm_id, gc.LLMUpdateRequest(version="x"))) == 403,
    )
    check(
        name,
        "403 delete of another owner's LLM",
        status(lambda: plain.delete_llm(theirs.llm_id)) == 403,
    )
    check(name, "list ownerId of another owner", plain.list_llms(owner_id=SOMEONE_ELSE).llms == [])
    check(
        name,
        "admin list ownerId",
        [item.llm_id for item in admin.list_llms(owner_id=SOMEONE_ELSE).llms] == [theirs.llm_id],
    )

    mine = plain.create_llm(request()).llm
    for label, update in (
        ("LLMUpdateRequest()", gc.LLMUpdateRequest()),
        ("from_dict({}) (all nulls)", gc.LLMUpdateRequest.from_dict({})),
        ("supported_modalities []", gc.LLMUpdateRequest(supported_modalities=[])),
    ):
        same = plain.update_llm(mine.llm_id, update)
        check(name, f"no-op update {label} keeps updatedAt", same.updated_at == mine.updated_at)
    admin.delete_llm(theirs.llm_id)
    plain.delete_llm(mine.llm_id)


def delete_everything() -> None:
    """Start each scenario from an empty registry, whatever the last one left behind."""
    import goodmem

    client = goodmem.Goodmem(base_url=BASE_URL, api_key=ADMIN_API_KEY)
    for item in client.llms.list():
        client.llms.delete(id=item.llm_id)


def main() -> int:
    failed = 0
    for scenario in (
        drive_goodmem,
        drive_goodmem_client,
        drive_across_clients,
        drive_goodmem_ownership,
        drive_goodmem_client_ownership,
    ):
        delete_everything()
        print(
            f"compat: {scenario.__doc__.splitlines()[0] if scenario.__doc__ else scenario.__name__}"
        )
        try:
            scenario()
        except Exception:
            failed += 1
            print(f"  FAILED {scenario.__name__}:", file=sys.stderr)
            traceback.print_exc()
    return failed


if __name__ == "__main__":
    sys.exit(main())
