"""The in-process transport under httpx.AsyncClient: same API, and delays never block the loop."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from goodmem.testing import FakeGoodmem
from tests.testing.support import minimal


async def test_crud_round_trip(ahttp: httpx.AsyncClient) -> None:
    created = await ahttp.post("/v1/llms", json=minimal(labels={"env": "a"}))
    llm_id = created.json()["llm"]["llmId"]

    got = await ahttp.get(f"/v1/llms/{llm_id}")
    listed = await ahttp.get("/v1/llms", params={"label[env]": "a"})
    updated = await ahttp.put(f"/v1/llms/{llm_id}", json={"replaceLabels": {"env": "b"}})
    deleted = await ahttp.delete(f"/v1/llms/{llm_id}")
    gone = await ahttp.get(f"/v1/llms/{llm_id}")

    assert created.status_code == 201
    assert got.json() == created.json()["llm"]
    assert [llm["llmId"] for llm in listed.json()["llms"]] == [llm_id]
    assert updated.json()["labels"] == {"env": "b"}
    assert (deleted.status_code, gone.status_code) == (204, 404)


async def test_concurrent_creates_all_land(ahttp: httpx.AsyncClient) -> None:
    responses = await asyncio.gather(
        *(
            ahttp.post("/v1/llms", json=minimal(displayName=f"n{i}", version=str(i)))
            for i in range(40)
        )
    )

    assert {r.status_code for r in responses} == {201, 409}
    assert [r.status_code for r in responses].count(201) == 1  # same identity: one wins
    distinct = await asyncio.gather(
        *(ahttp.post("/v1/llms", json=minimal(modelIdentifier=f"gpt-{i}")) for i in range(40))
    )
    assert {r.status_code for r in distinct} == {201}
    assert len({r.json()["llm"]["llmId"] for r in distinct}) == 40


async def test_a_delay_does_not_block_the_event_loop(
    fake: FakeGoodmem, ahttp: httpx.AsyncClient
) -> None:
    fake.faults.delay(0.3, method="GET")
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticking = asyncio.create_task(ticker())
    started = time.monotonic()
    slow = asyncio.create_task(ahttp.get("/v1/llms"))
    fast = await ahttp.post("/v1/llms", json=minimal())
    fast_elapsed = time.monotonic() - started
    slow_response = await slow
    ticking.cancel()

    assert fast.status_code == 201
    assert fast_elapsed < 0.2
    assert slow_response.status_code == 200
    assert time.monotonic() - started >= 0.3
    assert ticks >= 10


async def test_async_read_timeout_and_dropped_connections(fake: FakeGoodmem) -> None:
    fake.faults.delay(5)
    fake.faults.drop_connection()
    fake.faults.drop_connection(after_processing=True)

    async with httpx.AsyncClient(
        transport=fake.transport,
        base_url=fake.base_url,
        headers={"x-api-key": fake.api_key},
        timeout=0.05,
    ) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.post("/v1/llms", json=minimal(modelIdentifier="gpt-4o"))
        with pytest.raises(httpx.ConnectError):
            await client.post("/v1/llms", json=minimal(modelIdentifier="o1"))
        with pytest.raises(httpx.RemoteProtocolError):
            await client.post("/v1/llms", json=minimal(modelIdentifier="o3"))
        listed = (await client.get("/v1/llms")).json()["llms"]

    assert [llm["modelIdentifier"] for llm in listed] == ["gpt-4o", "o3"]
    assert [r.fault for r in fake.requests] == ["delay", "drop", "drop", None]
