"""The plan `apply --dry-run` shows is what ensure() then does, found by reading only.

`goodmem.llms._plan_steps` answers "what would ensure(**keywords) do": each case sets up the
embedded GoodMem, plans, checks that only GETs were sent, then runs ensure() and compares.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from goodmem import Goodmem
from goodmem._ensure import drive
from goodmem.llms import _plan_steps
from goodmem.testing import FakeGoodmem

SUPPORT: dict[str, Any] = {
    "display_name": "Support bot",
    "model_identifier": "gpt-4o-mini",
    "api_key": "sk-plan-secret-1",
    "labels": {"team": "support"},
}
LLM_ID = "6f1c1d38-7b6e-4a43-9a43-2f1a5c0f0d11"


def _nothing(client: Goodmem) -> None:
    return None


def _support(client: Goodmem) -> None:
    client.llms.create(**SUPPORT)


def _two_keys(client: Goodmem) -> None:  # same place, other credentials first
    client.llms.create(**{**SUPPORT, "api_key": "sk-plan-other-2", "display_name": "Other"})
    client.llms.create(**SUPPORT)


def _by_id(client: Goodmem) -> None:
    client.llms.create(**SUPPORT, llm_id=LLM_ID)


CASES: dict[str, tuple[Callable[[Goodmem], None], dict[str, Any], str, tuple[str, ...]]] = {
    "new": (_nothing, SUPPORT, "created", ()),
    "same": (_support, SUPPORT, "unchanged", ()),
    "renamed": (_support, {**SUPPORT, "display_name": "Bot v2"}, "updated", ("display_name",)),
    "relabelled": (_support, {**SUPPORT, "labels": {"team": "x"}}, "updated", ("labels",)),
    "other key": (_support, {**SUPPORT, "api_key": "sk-plan-third-3"}, "created", ()),
    "endpoint spelt otherwise": (
        _support,
        {**SUPPORT, "endpoint_url": "HTTPS://api.openai.com:443/v1/"},
        "unchanged",
        (),
    ),
    "the right one of two": (
        _two_keys,
        {**SUPPORT, "description": "d"},
        "updated",
        ("description",),
    ),
    "by id, new": (_nothing, {**SUPPORT, "llm_id": LLM_ID}, "created", ()),
    "by id, same": (_by_id, {**SUPPORT, "llm_id": LLM_ID}, "unchanged", ()),
    "by id, new key": (
        _by_id,
        {**SUPPORT, "llm_id": LLM_ID, "api_key": "sk-plan-rotated-4"},
        "updated",
        ("credentials",),
    ),
    "by id, other model": (
        _by_id,
        {**SUPPORT, "llm_id": LLM_ID, "model_identifier": "gpt-4o"},
        "updated",
        ("model_identifier",),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_plan_is_what_ensure_then_does(case: str) -> None:
    setup, keywords, action, changed = CASES[case]
    fake = FakeGoodmem()
    with fake.client() as client:
        setup(client)
        before = len(fake.requests)
        planned, stored, names = drive(_plan_steps(keywords), client._send)
        assert {r.method for r in list(fake.requests)[before:]} == {"GET"}
        result = client.llms.ensure(**keywords)
    assert (planned, names) == (result.action, result.changed)
    assert (planned, names) == (action, changed)
    assert (stored is None) == (action == "created")
    if stored is not None:
        assert stored.llm_id == result.llm.llm_id


def test_a_provider_type_change_by_id_is_refused_as_ensure_refuses_it() -> None:
    fake = FakeGoodmem()
    with fake.client() as client:
        _by_id(client)
        keywords = {**SUPPORT, "llm_id": LLM_ID, "provider_type": "VLLM", "api_key": None}
        keywords["endpoint_url"] = "http://vllm.internal:8000/v1"
        with pytest.raises(ValueError, match="cannot change its provider type") as planned:
            drive(_plan_steps(keywords), client._send)
        with pytest.raises(ValueError, match="cannot change its provider type") as ensured:
            client.llms.ensure(**keywords)
    assert str(planned.value) == str(ensured.value)


def test_arguments_are_checked_before_anything_is_read() -> None:
    fake = FakeGoodmem()
    with fake.client() as client, pytest.raises(TypeError, match="display_nam"):
        drive(_plan_steps({"display_nam": "x", "model_identifier": "m"}), client._send)
    assert list(fake.requests) == []
