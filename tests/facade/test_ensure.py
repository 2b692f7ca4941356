"""ensure(): declarative registration against the embedded GoodMem, sync and async."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

import goodmem
from goodmem.testing import FakeGoodmem

SUPPORT: dict[str, Any] = {
    "display_name": "Support bot",
    "model_identifier": "gpt-4o-mini",
    "api_key": "sk-support-secret",
    "labels": {"team": "support"},
}


class Ensurer:
    """ensure() and list() on a fresh embedded GoodMem, blocking, for either client."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.fake = FakeGoodmem()

    def ensure(self, **kwargs: Any) -> goodmem.EnsureResult:
        if self.mode == "sync":
            return self.fake.client().llms.ensure(**kwargs)

        async def run() -> goodmem.EnsureResult:
            async with self.fake.async_client() as client:
                return await client.llms.ensure(**kwargs)

        return asyncio.run(run())

    def stored(self) -> list[goodmem.types.LLMResponse]:
        return self.fake.client().llms.list()


@pytest.fixture(params=["sync", "async"])
def ensurer(request: pytest.FixtureRequest) -> Ensurer:
    return Ensurer(request.param)


def test_creates_then_finds_the_same_llm_unchanged(ensurer: Ensurer) -> None:
    first = ensurer.ensure(**SUPPORT)
    assert (first.action, first.changed) == ("created", ())
    again = ensurer.ensure(**SUPPORT)
    assert (again.action, again.changed) == ("unchanged", ())
    assert again.llm.llm_id == first.llm.llm_id
    assert len(ensurer.stored()) == 1


def test_updates_only_the_fields_that_differ(ensurer: Ensurer) -> None:
    first = ensurer.ensure(**SUPPORT)
    renamed = ensurer.ensure(
        **{**SUPPORT, "display_name": "Support bot v2", "labels": {"team": "support", "v": "2"}}
    )
    assert (renamed.action, renamed.changed) == ("updated", ("display_name", "labels"))
    assert renamed.llm.llm_id == first.llm.llm_id
    assert dict(renamed.llm.labels) == {"team": "support", "v": "2"}  # replaced whole
    sampled = ensurer.ensure(
        **{**SUPPORT, "display_name": "Support bot v2", "labels": {"team": "support", "v": "2"}},
        default_sampling_params={"temperature": 0.2},
    )
    assert sampled.changed == ("default_sampling_params",)
    assert len(ensurer.stored()) == 1


def test_other_credentials_make_another_llm(ensurer: Ensurer) -> None:
    first = ensurer.ensure(**SUPPORT)
    other = ensurer.ensure(**{**SUPPORT, "api_key": "sk-another-secret"})
    assert other.action == "created" and other.llm.llm_id != first.llm.llm_id
    # two LLMs now differ only in credentials: ensure reads them to pick the right one
    assert ensurer.ensure(**SUPPORT).llm.llm_id == first.llm.llm_id
    again = ensurer.ensure(**{**SUPPORT, "api_key": "sk-another-secret", "display_name": "B"})
    assert (again.action, again.llm.llm_id) == ("updated", other.llm.llm_id)


def test_the_same_endpoint_spelt_otherwise_is_the_same_llm(ensurer: Ensurer) -> None:
    first = ensurer.ensure(**SUPPORT)
    spelt = ensurer.ensure(**SUPPORT, endpoint_url="HTTPS://API.openai.com:443/v1/")
    assert (spelt.action, spelt.llm.llm_id) == ("unchanged", first.llm.llm_id)


def test_by_id_it_creates_with_that_id_then_changes_identity_fields_in_place(
    ensurer: Ensurer,
) -> None:
    llm_id = "3f2b8a54-0b7c-4d6e-9f10-2a3b4c5d6e7f"
    created = ensurer.ensure(**SUPPORT, llm_id=llm_id)
    assert (created.action, created.llm.llm_id) == ("created", llm_id)
    moved = ensurer.ensure(
        **{**SUPPORT, "model_identifier": "gpt-4o", "api_key": "sk-rotated"}, llm_id=llm_id
    )
    assert moved.action == "updated"
    assert moved.changed == ("credentials", "model_identifier")
    assert moved.llm.model_identifier == "gpt-4o"
    assert "sk-rotated" not in repr(moved) and "sk-support-secret" not in repr(created)


def test_by_id_a_provider_type_change_is_refused(ensurer: Ensurer) -> None:
    llm_id = "3f2b8a54-0b7c-4d6e-9f10-2a3b4c5d6e7f"
    ensurer.ensure(**SUPPORT, llm_id=llm_id)
    with pytest.raises(ValueError, match="cannot change its provider type"):
        ensurer.ensure(**SUPPORT, llm_id=llm_id, provider_type="OPEN_ROUTER")


def test_arguments_are_checked_before_anything_is_sent(ensurer: Ensurer) -> None:
    with pytest.raises(ValueError, match="api_key: required"):
        ensurer.ensure(display_name="x", model_identifier="gpt-4o")
    with pytest.raises(TypeError, match="unexpected keyword argument 'displayName'"):
        ensurer.ensure(displayName="x", model_identifier="gpt-4o", api_key="sk")
    assert ensurer.fake.requests == []


def test_concurrent_calls_converge_on_one_llm() -> None:
    fake = FakeGoodmem()

    async def gathered() -> list[goodmem.EnsureResult]:
        async with fake.async_client() as client:
            return await asyncio.gather(*(client.llms.ensure(**SUPPORT) for _ in range(20)))

    results = asyncio.run(gathered())
    assert sorted({r.action for r in results}) == ["created", "unchanged"]
    assert [r.action for r in results].count("created") == 1
    sync_results: list[goodmem.EnsureResult] = []
    client = fake.client()
    threads = [
        threading.Thread(target=lambda: sync_results.append(client.llms.ensure(**SUPPORT)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {r.action for r in sync_results} == {"unchanged"}
    assert len({r.llm.llm_id for r in [*results, *sync_results]}) == 1
    assert len(client.llms.list()) == 1


def test_reads_and_the_update_carry_the_calls_headers_but_not_its_extra_body() -> None:
    fake = FakeGoodmem()
    client = fake.client()
    client.llms.ensure(**SUPPORT)
    client.llms.ensure(
        **{**SUPPORT, "display_name": "renamed"},
        extra_headers={"x-trace": "t-1"},
        extra_body={"version": "from-extra-body"},
    )
    later = fake.requests[1:]
    assert [r.method for r in later] == ["POST", "GET", "PUT"]
    assert all(r.headers.get("x-trace") == "t-1" for r in later)
    assert later[0].body["version"] == "from-extra-body"  # the create carries it
    assert later[1].body is None  # the read: a plain GET
    assert "version" not in later[2].body  # the update: the fields that differ
