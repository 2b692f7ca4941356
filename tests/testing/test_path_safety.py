"""Hostile ids stay inside /v1/llms/{id}: percent-encoded, over real HTTP, never another route."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import goodmem
from goodmem.testing import FakeGoodmem

HOSTILE_IDS = [
    ".",
    "..",
    "../..",
    "a/b",
    "../llms",
    "?ownerId=x",
    "#fragment",
    "%2e%2e",
    "%",
    "a b",
    "é-ü-中",
    "x/../../v1/llms",
    "id?x=1#y",
    "\u202e",
]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[FakeGoodmem, goodmem.Goodmem]]:
    fake = FakeGoodmem()
    with fake.serve() as server, goodmem.Goodmem(server.url, fake.api_key, max_retries=0) as client:
        yield fake, client


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
@pytest.mark.parametrize("method", ["get", "update", "delete"])
def test_hostile_id_reaches_only_the_item_route(
    served: tuple[FakeGoodmem, goodmem.Goodmem], method: str, hostile: str
) -> None:
    fake, client = served
    victim = client.llms.create(
        display_name="victim", model_identifier="gpt-4o", api_key="sk-test"
    ).llm
    fake.clear_requests()
    extra: dict[str, Any] = {"request": {"display_name": "pwned"}} if method == "update" else {}
    with pytest.raises(goodmem.BadRequestError) as info:
        getattr(client.llms, method)(id=hostile, **extra)
    assert info.value.code == "INVALID_ARGUMENT"
    (seen,) = fake.requests
    assert seen.path.startswith("/v1/llms/")
    assert "/" not in seen.path.removeprefix("/v1/llms/")  # one segment, still encoded
    assert seen.query == ""
    # nothing else was touched
    assert client.llms.get(id=victim.llm_id).display_name == "victim"
    client.llms.delete(id=victim.llm_id)
