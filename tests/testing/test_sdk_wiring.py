"""FakeGoodmem.client() and async_client(): the SDK facade wired to the fake in process."""

from __future__ import annotations

import goodmem
from goodmem.testing import DEFAULT_PRINCIPAL, REDACTED, FakeGoodmem


def test_client_talks_to_the_fake(fake: FakeGoodmem) -> None:
    with fake.client() as client:
        created = client.llms.create(
            display_name="Doc LLM", model_identifier="gpt-4o-mini", api_key="sk-test"
        )
        listed = client.llms.list()

    assert isinstance(client, goodmem.Goodmem)
    assert client.base_url.startswith(FakeGoodmem.base_url)
    assert created.llm.owner_id == DEFAULT_PRINCIPAL
    assert [llm.llm_id for llm in listed] == [created.llm.llm_id]
    assert {r.headers["x-api-key"] for r in fake.requests} == {REDACTED}
    assert {r.principal for r in fake.requests} == {DEFAULT_PRINCIPAL}


def test_client_passes_options_through(fake: FakeGoodmem) -> None:
    client = fake.client(max_retries=0)

    assert client.max_retries == 0


async def test_async_client_talks_to_the_fake(fake: FakeGoodmem) -> None:
    async with fake.async_client(max_retries=1) as client:
        created = await client.llms.create(
            display_name="Doc LLM", model_identifier="gpt-4o", api_key="sk-test"
        )
        fetched = await client.llms.get(id=created.llm.llm_id)

    assert isinstance(client, goodmem.AsyncGoodmem)
    assert client.max_retries == 1
    assert fetched.llm_id == created.llm.llm_id
