"""Many calls at once over loopback: every call answered, no error, no leaked connection.

Bounded in count and time: 1,000 async gets and 8 threads x 50 calls, each under a deadline.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

import goodmem
from goodmem.testing import FakeGoodmem, FakeServer

DEADLINE = 60.0


@pytest.fixture
def served() -> Iterator[tuple[FakeGoodmem, FakeServer]]:
    fake = FakeGoodmem(max_logged_requests=10_000)  # the tests count every request
    with fake.serve() as server:
        yield fake, server


def _wait_for_no_connections(server: FakeServer) -> int:
    stop = time.monotonic() + 5
    while server.open_connections and time.monotonic() < stop:
        time.sleep(0.01)
    return server.open_connections


def test_1000_concurrent_async_gets(served: tuple[FakeGoodmem, FakeServer]) -> None:
    fake, server = served
    limits = httpx.Limits(max_connections=50, max_keepalive_connections=50)
    peak = 0

    async def run() -> list[str]:
        nonlocal peak
        http = httpx.AsyncClient(limits=limits)
        async with goodmem.AsyncGoodmem(server.url, fake.api_key, http_client=http) as client:
            llm = (
                await client.llms.create(
                    display_name="hot", model_identifier="gpt-4o", api_key="sk-test"
                )
            ).llm

            async def one() -> str:
                nonlocal peak
                peak = max(peak, server.open_connections)
                return (await client.llms.get(id=llm.llm_id)).llm_id

            results = await asyncio.wait_for(
                asyncio.gather(*(one() for _ in range(1000))), DEADLINE
            )
        await http.aclose()
        return [r for r in results if r == llm.llm_id]

    assert len(asyncio.run(run())) == 1000
    assert peak <= 50
    assert len([r for r in fake.requests if r.method == "GET"]) == 1000
    assert {r.status for r in fake.requests} <= {200, 201}
    assert _wait_for_no_connections(server) == 0


def test_eight_threads_share_one_sync_client(served: tuple[FakeGoodmem, FakeServer]) -> None:
    fake, server = served
    with goodmem.Goodmem(server.url, fake.api_key, timeout=10) as client:

        def worker(n: int) -> int:
            done = 0
            for i in range(50):
                llm = client.llms.create(
                    display_name=f"w{n}-{i}", model_identifier="gpt-4o", api_key=f"sk-{n}-{i}"
                ).llm
                assert client.llms.get(id=llm.llm_id).display_name == f"w{n}-{i}"
                client.llms.update(id=llm.llm_id, request={"merge_labels": {"worker": str(n)}})
                assert len(client.llms.list(label={"worker": str(n)})) >= 1
                client.llms.delete(id=llm.llm_id)
                done += 1
            return done

        with ThreadPoolExecutor(max_workers=8) as pool:
            futures = [pool.submit(worker, n) for n in range(8)]
            counts = [f.result(timeout=DEADLINE) for f in futures]
        assert counts == [50] * 8
        assert client.llms.list() == []
    assert len(fake.requests) == 8 * 50 * 5 + 1
    assert {r.status for r in fake.requests} <= {200, 201, 204}
    assert _wait_for_no_connections(server) == 0
