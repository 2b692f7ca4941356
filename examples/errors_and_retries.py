"""Errors and retries, shown on the embedded GoodMem, which can be told to fail.

Each step scripts a failure with `fake.faults` and shows what the SDK does: retry it, recover
from it, or raise the exception that says what went wrong. The `goodmem` logger's DEBUG records
(one per attempt) are printed too, so the retries are visible. Always runs in memory: faults
cannot be injected into a real server.
"""

from __future__ import annotations

import logging
import sys

import goodmem
from goodmem.testing import FakeGoodmem


def show_attempts() -> None:
    """Print the SDK's per-attempt DEBUG records (method, path, status, duration, retry)."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("   log: %(message)s"))
    logger = logging.getLogger("goodmem")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)


def main() -> None:
    show_attempts()
    fake = FakeGoodmem()
    client = fake.client(max_retries=2)

    print("1. A bad argument is refused before anything is sent")
    try:
        client.llms.create(display_name="Support bot", model_identifier="gpt-4o-mni")
    except ValueError as exc:
        print(f"   ValueError: {exc}")
    assert fake.requests == []

    print("\n2. A 503 is retried (here the server asks to retry at once: Retry-After: 0)")
    fake.faults.enqueue(503, headers={"Retry-After": "0"})
    print(f"   list() -> {client.llms.list()}")

    print("\n3. A 503 that persists: 1 attempt + max_retries=2 retries, then InternalServerError")
    fake.faults.enqueue(503, times=3, headers={"Retry-After": "0"})
    try:
        client.llms.list()
    except goodmem.InternalServerError as exc:
        print(f"   InternalServerError: HTTP {exc.status_code} {exc.code}: {exc.message}")

    print("\n4. A create whose answer is lost is retried safely (it carries its own llm_id)")
    fake.faults.drop_connection(method="POST", after_processing=True)
    llm = client.llms.create(display_name="Support bot", model_identifier="gpt-4o-mini", api_key="sk-...").llm
    stored = client.llms.list()
    print(f"   created {llm.llm_id}; LLMs stored: {len(stored)}")
    assert [item.llm_id for item in stored] == [llm.llm_id]

    print("\n5. A second identical create is a real conflict: ConflictError, not retried")
    try:
        client.llms.create(display_name="Support bot 2", model_identifier="gpt-4o-mini", api_key="sk-...")
    except goodmem.ConflictError as exc:
        print(f"   ConflictError: HTTP {exc.status_code} {exc.code}")

    print("\n6. A slow answer: APITimeoutError (timeout 0.2 s, no retries for this call)")
    fake.faults.delay(2.0)
    try:
        client.with_options(timeout=0.2, max_retries=0).llms.get(id=llm.llm_id)
    except goodmem.APITimeoutError as exc:
        print(f"   APITimeoutError: {exc}")

    print("\n7. A proxy's HTML error page (502, retried, then raised with its text)")
    page = "<html><h1>502 Bad Gateway</h1></html>"
    fake.faults.enqueue_raw(page, status=502, times=3, headers={"Retry-After": "0"})
    try:
        client.llms.get(id=llm.llm_id)
    except goodmem.APIStatusError as exc:
        print(f"   {type(exc).__name__}: HTTP {exc.status_code}, body {exc.message!r}")

    print("\n8. Catch GoodmemError last: every SDK failure is one")
    client.llms.delete(id=llm.llm_id)
    try:
        client.llms.delete(id=llm.llm_id)
    except goodmem.GoodmemError as exc:
        print(f"   {type(exc).__name__}: {exc}")
    print("\nDone.")


if __name__ == "__main__":
    main()
