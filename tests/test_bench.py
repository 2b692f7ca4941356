"""The benchmark still runs: every column answers and sends the same request (no timing)."""

from __future__ import annotations

import asyncio

import httpx

from bench.workload import LIST_SIZES, Clients, Router, check_equivalence, load_payloads, subjects


def test_every_bench_column_sends_the_same_requests() -> None:
    payloads = load_payloads()
    router = Router(payloads)
    loop = asyncio.new_event_loop()
    try:
        clients = Clients.on(httpx.MockTransport(router))
        table = subjects(clients, payloads.llm_id)
        problems, notes = check_equivalence(loop, table, router)
        loop.run_until_complete(clients.aclose())
    finally:
        loop.close()
    assert problems == []
    assert notes == [
        "Goodmem create also sends llmId: a client-generated uuid4, so a retried create is "
        "idempotent"
    ]
    assert router.list_size == LIST_SIZES[-1]
