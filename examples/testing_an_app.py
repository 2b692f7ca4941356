"""Testing an application that uses goodmem, with the embedded GoodMem (goodmem.testing).

The application is `sync_llms`: it makes the LLMs registered on a GoodMem server match a wanted
list, creating the missing ones and deleting those no longer wanted, and leaves alone the LLMs
it does not manage. The tests below run it against `FakeGoodmem`: real requests through the
real SDK, answered in memory, with failures scripted where a test needs them.

Run the tests: python -m pytest examples/testing_an_app.py (or python examples/testing_an_app.py)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import pytest

import goodmem
from goodmem import Goodmem
from goodmem.testing import FakeGoodmem

# -- the application ------------------------------------------------------------------------

MANAGED = {"managed-by": "sync-llms"}


@dataclass
class SyncReport:
    """What `sync_llms` changed, by display name."""

    created: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def sync_llms(client: Goodmem, wanted: dict[str, str], api_key: str) -> SyncReport:
    """Register each wanted LLM (display name -> model, all called with `api_key`) and delete
    managed ones no longer wanted."""
    report = SyncReport()
    existing = {llm.display_name: llm for llm in client.llms.list(label=MANAGED)}
    for name, model in wanted.items():
        if name not in existing:
            client.llms.create(
                display_name=name, model_identifier=model, api_key=api_key, labels=MANAGED
            )
            report.created.append(name)
    for name, llm in existing.items():
        if name not in wanted:
            client.llms.delete(id=llm.llm_id)
            report.deleted.append(name)
    return report


# -- its tests --------------------------------------------------------------------------------

WANTED = {"Chat": "gpt-4o-mini", "Reasoning": "gpt-4.1"}
KEY = "sk-test"  # the fake stores it; nothing calls OpenAI


@pytest.fixture
def fake() -> FakeGoodmem:
    """A fresh embedded GoodMem per test: no state leaks between tests."""
    return FakeGoodmem()


@pytest.fixture
def client(fake: FakeGoodmem) -> Goodmem:
    """A real goodmem client wired to the fake, in process."""
    return fake.client()


def names(client: Goodmem) -> list[str]:
    return sorted(llm.display_name for llm in client.llms.list())


def test_creates_the_missing_llms(client: Goodmem) -> None:
    report = sync_llms(client, WANTED, KEY)
    assert sorted(report.created) == ["Chat", "Reasoning"]
    assert names(client) == ["Chat", "Reasoning"]


def test_a_second_run_changes_nothing(fake: FakeGoodmem, client: Goodmem) -> None:
    sync_llms(client, WANTED, KEY)
    fake.clear_requests()
    assert sync_llms(client, WANTED, KEY) == SyncReport()
    assert [r.method for r in fake.requests] == ["GET"]  # one list, no writes


def test_deletes_only_managed_llms_no_longer_wanted(client: Goodmem) -> None:
    client.llms.create(display_name="Hand-made", model_identifier="gpt-4o", api_key="sk-...")
    sync_llms(client, WANTED, KEY)
    report = sync_llms(client, {"Chat": "gpt-4o-mini"}, KEY)
    assert report == SyncReport(deleted=["Reasoning"])
    assert names(client) == ["Chat", "Hand-made"]


def test_rides_out_a_brief_outage(fake: FakeGoodmem, client: Goodmem) -> None:
    fake.faults.enqueue(503, times=2, headers={"Retry-After": "0"})  # the SDK retries twice
    sync_llms(client, WANTED, KEY)
    assert names(client) == ["Chat", "Reasoning"]


def test_a_lost_create_answer_does_not_register_twice(fake: FakeGoodmem, client: Goodmem) -> None:
    fake.faults.drop_connection(method="POST", after_processing=True)
    sync_llms(client, WANTED, KEY)
    assert names(client) == ["Chat", "Reasoning"]


def test_a_refusal_reaches_the_caller(fake: FakeGoodmem, client: Goodmem) -> None:
    fake.faults.enqueue(403, method="POST")
    with pytest.raises(goodmem.PermissionDeniedError):
        sync_llms(client, WANTED, KEY)
    assert names(client) == []


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))
