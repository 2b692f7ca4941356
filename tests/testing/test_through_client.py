"""The embedded GoodMem's documented behaviour, seen through the public Goodmem/AsyncGoodmem.

Each test runs twice: with Goodmem and with AsyncGoodmem, both spec-checked in process.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest

import goodmem
from goodmem.testing import DEFAULT_API_KEY, DEFAULT_PRINCIPAL, FakeGoodmem
from tests.testing.support import OTHER_KEY, Clock, SpecCheckingTransport


class Client:
    """A Goodmem or AsyncGoodmem on the fake; `llms.<method>(...)` runs either way."""

    def __init__(self, mode: str, transport: httpx.BaseTransport, key: str, **options: Any) -> None:
        self.mode = mode
        if mode == "sync":
            self.sdk: Any = goodmem.Goodmem(
                FakeGoodmem.base_url, key, http_client=httpx.Client(transport=transport), **options
            )
        else:
            self.sdk = goodmem.AsyncGoodmem(
                FakeGoodmem.base_url,
                key,
                http_client=httpx.AsyncClient(transport=transport),
                **options,
            )

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.sdk.llms, name)
        if self.mode == "sync":
            return method

        def run(**kwargs: Any) -> Any:
            return asyncio.run(method(**kwargs))

        return run


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def llms(mode: str, checked: SpecCheckingTransport) -> Client:
    return Client(mode, checked, DEFAULT_API_KEY, max_retries=0)


@pytest.fixture
def other(mode: str, checked: SpecCheckingTransport) -> Client:
    return Client(mode, checked, OTHER_KEY, max_retries=0)


def _create(llms: Client, **kwargs: Any) -> Any:
    args = {"display_name": "Doc LLM", "model_identifier": "gpt-4o-mini", **kwargs}
    if "credentials" not in args and "extra_body" not in args:
        args.setdefault("api_key", "sk-test")
    return llms.create(**args)


# -- authentication ---------------------------------------------------------------------


def test_unknown_key_is_an_authentication_error(mode: str, checked: SpecCheckingTransport) -> None:
    stranger = Client(mode, checked, "gm_wrong_key", max_retries=0)
    with pytest.raises(goodmem.AuthenticationError) as info:
        stranger.list()
    assert (info.value.status_code, info.value.code) == (401, "UNAUTHENTICATED")


# -- create -------------------------------------------------------------------------------


def test_create_fills_server_defaults(llms: Client, clock: Clock) -> None:
    created = _create(llms, api_key="sk-test")
    llm = created.llm
    assert llm.api_path == "/chat/completions"
    assert llm.owner_id == llm.created_by_id == llm.updated_by_id == DEFAULT_PRINCIPAL
    assert llm.created_at == llm.updated_at == clock.now
    assert llm.capabilities.supports_chat is True
    assert not llm.credentials  # stored, but create answers never carry credentials
    assert [s.code for s in created.statuses] == ["LLM_CAPABILITY_INFERRED"]


def test_create_without_modalities_gets_text(llms: Client) -> None:
    llm = _create(llms, model_identifier="my-model", provider_type="VLLM").llm
    assert llm.supported_modalities == ["TEXT"]
    assert llm.endpoint_url == "http://localhost:8000/v1"


def test_server_side_validation_reaches_the_caller_as_bad_request(llms: Client) -> None:
    # The facade refuses credentials that do not match their kind; sent raw, the server does.
    mismatch = {"kind": "CREDENTIAL_KIND_GCP_ADC", "apiKey": {"inlineSecret": "s"}}
    with pytest.raises(goodmem.BadRequestError) as info:
        _create(llms, extra_body={"credentials": mismatch})
    assert info.value.code == "INVALID_ARGUMENT"
    assert "credentials" in info.value.message


def test_duplicate_create_is_a_conflict(llms: Client) -> None:
    _create(llms, api_key="sk-same")
    with pytest.raises(goodmem.ConflictError) as info:
        _create(llms, display_name="Another name", api_key="sk-same")
    assert info.value.code == "ALREADY_EXISTS"
    _create(llms, api_key="sk-different")  # other credentials: not a duplicate


def test_duplicate_detection_canonicalizes_the_endpoint_url(llms: Client) -> None:
    _create(llms, endpoint_url="https://API.openai.com/v1/")
    with pytest.raises(goodmem.ConflictError):
        _create(llms, endpoint_url="https://api.openai.com:443/v1")


def test_duplicates_are_per_owner(llms: Client, other: Client) -> None:
    _create(llms)
    assert _create(other).llm.owner_id != DEFAULT_PRINCIPAL


def test_reused_llm_id_is_a_conflict(llms: Client) -> None:
    llm_id = str(uuid.uuid4())
    _create(llms, llm_id=llm_id)
    with pytest.raises(goodmem.ConflictError):
        _create(llms, llm_id=llm_id, model_identifier="gpt-4o", api_key="sk-test")


# -- get / list ---------------------------------------------------------------------------


def test_get_round_trips_and_unknown_ids_are_not_found(llms: Client) -> None:
    created = _create(llms, labels={"env": "test"}).llm
    assert llms.get(id=created.llm_id) == created
    with pytest.raises(goodmem.NotFoundError):
        llms.get(id=str(uuid.uuid4()))


def test_malformed_id_is_a_bad_request(llms: Client) -> None:
    with pytest.raises(goodmem.BadRequestError):
        llms.get(id="not-a-uuid")


def test_another_owners_llm_is_not_found(llms: Client, other: Client) -> None:
    theirs = _create(other).llm
    with pytest.raises(goodmem.NotFoundError):
        llms.get(id=theirs.llm_id)


def test_list_filters_combine_with_and(llms: Client) -> None:
    a = _create(llms, labels={"env": "prod", "team": "ai"}).llm
    _create(
        llms, model_identifier="gpt-4o", api_key="sk-test", labels={"env": "prod", "team": "web"}
    )
    c = _create(llms, model_identifier="llama3", provider_type="OLLAMA", labels={"env": "prod"}).llm
    assert {x.llm_id for x in llms.list(label={"env": "prod", "team": "ai"})} == {a.llm_id}
    assert [x.llm_id for x in llms.list(provider_type="OLLAMA")] == [c.llm_id]
    assert [x.llm_id for x in llms.list(label={"env": "prod"}, provider_type="OLLAMA")] == [
        c.llm_id
    ]
    assert len(llms.list(owner_id=DEFAULT_PRINCIPAL)) == 3
    assert llms.list(label={"env": "staging"}) == []


# -- update / delete ----------------------------------------------------------------------


def test_update_is_partial_and_bumps_updated_at(llms: Client, clock: Clock) -> None:
    llm = _create(llms, labels={"env": "dev", "team": "ai"}, description="old").llm
    clock.now += 5000
    updated = llms.update(id=llm.llm_id, request={"merge_labels": {"env": "prod", "v": "2"}})
    assert dict(updated.labels) == {"env": "prod", "team": "ai", "v": "2"}
    assert updated.description == "old"
    assert updated.updated_at == llm.updated_at + 5000
    replaced = llms.update(id=llm.llm_id, request={"replace_labels": {"only": "this"}})
    assert dict(replaced.labels) == {"only": "this"}


def test_update_replaces_capabilities_and_client_config_whole(llms: Client) -> None:
    llm = _create(llms, client_config={"a": 1, "b": 2}).llm
    updated = llms.update(
        id=llm.llm_id,
        request={"capabilities": {"supports_chat": True}, "client_config": {"c": 3}},
    )
    assert dict(updated.client_config) == {"c": 3}
    assert updated.capabilities.supports_chat is True
    assert updated.capabilities.supports_streaming is False


def test_empty_modalities_change_nothing(llms: Client) -> None:
    llm = _create(llms).llm
    updated = llms.update(id=llm.llm_id, request={"supported_modalities": []})
    assert updated.supported_modalities == llm.supported_modalities


def test_update_of_unknown_id_is_not_found(llms: Client) -> None:
    with pytest.raises(goodmem.NotFoundError):
        llms.update(id=str(uuid.uuid4()), request={"display_name": "x"})


def test_delete_then_not_found(llms: Client) -> None:
    llm = _create(llms).llm
    assert llms.delete(id=llm.llm_id) is None
    with pytest.raises(goodmem.NotFoundError):
        llms.delete(id=llm.llm_id)
    with pytest.raises(goodmem.NotFoundError):
        llms.get(id=llm.llm_id)


# -- faults -------------------------------------------------------------------------------


def test_scripted_503_with_retry_after_is_retried(
    mode: str, fake: FakeGoodmem, no_sleep: list[float]
) -> None:
    fake.faults.enqueue(
        503, {"code": "UNAVAILABLE", "message": "deploying"}, headers={"Retry-After": "2"}
    )
    client = Client(mode, fake.transport, DEFAULT_API_KEY)
    assert client.list() == []
    assert no_sleep == [2.0]
    assert [r.status for r in fake.requests] == [503, 200]


def test_html_502_page_is_an_internal_server_error(mode: str, fake: FakeGoodmem) -> None:
    fake.faults.enqueue_raw(b"<html><h1>502 Bad Gateway</h1></html>", status=502)
    client = Client(mode, fake.transport, DEFAULT_API_KEY, max_retries=0)
    with pytest.raises(goodmem.InternalServerError) as info:
        client.list()
    assert info.value.code is None
    assert "502 Bad Gateway" in info.value.message


def test_dropped_connection_is_a_connection_error(mode: str, fake: FakeGoodmem) -> None:
    fake.faults.drop_connection()
    client = Client(mode, fake.transport, DEFAULT_API_KEY, max_retries=0)
    with pytest.raises(goodmem.APIConnectionError) as info:
        client.list()
    assert isinstance(info.value.__cause__, httpx.TransportError)


def test_delay_beyond_the_timeout_is_a_timeout_error(mode: str, fake: FakeGoodmem) -> None:
    fake.faults.delay(1.0)
    client = Client(mode, fake.transport, DEFAULT_API_KEY, max_retries=0, timeout=0.05)
    with pytest.raises(goodmem.APITimeoutError):
        client.list()


def test_lost_create_answer_is_recovered_by_retry(
    mode: str, fake: FakeGoodmem, no_sleep: list[float]
) -> None:
    # The server stores the LLM, then the connection drops before the answer arrives.
    fake.faults.drop_connection(method="POST", after_processing=True)
    client = Client(mode, fake.transport, DEFAULT_API_KEY)
    created = _create(client)
    assert [r.method for r in fake.requests] == ["POST", "POST", "GET"]
    assert client.get(id=created.llm.llm_id).llm_id == created.llm.llm_id
    assert len(client.list()) == 1
