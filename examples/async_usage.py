"""Async usage: AsyncGoodmem, concurrent calls with asyncio.gather, per-call options, errors.

Runs against $GOODMEM_BASE_URL with $GOODMEM_API_KEY when they are set, otherwise against the
embedded GoodMem from goodmem.testing (in memory, nothing leaves this process).
"""

from __future__ import annotations

import asyncio
import os

import goodmem
from goodmem import AsyncGoodmem

# Local models served by Ollama: not in the SDK's model registry, so provider_type says where.
MODELS = ["llama3.1:8b", "qwen2.5:7b", "mistral:7b"]


def connect() -> AsyncGoodmem:
    """An async client for the configured server, or for the embedded GoodMem."""
    if os.environ.get("GOODMEM_BASE_URL"):
        client = AsyncGoodmem()
        print(f"Using the GoodMem server at {client.base_url}")
        return client
    from goodmem.testing import FakeGoodmem

    print("GOODMEM_BASE_URL is not set: using the embedded GoodMem (in memory).")
    return FakeGoodmem().async_client()


async def main() -> None:
    async with connect() as client:
        print(f"\n1. Register {len(MODELS)} LLMs concurrently")
        created = await asyncio.gather(
            *(
                client.llms.create(
                    display_name=f"Async example {model}",
                    model_identifier=model,
                    provider_type="OLLAMA",  # endpoint: Ollama's default local URL
                    labels={"example": "async"},
                )
                for model in MODELS
            )
        )
        ids = [c.llm.llm_id for c in created]
        for c in created:
            print(f"   {c.llm.llm_id}  {c.llm.model_identifier} at {c.llm.endpoint_url}")

        try:
            print("\n2. List them by label")
            listed = await client.llms.list(label={"example": "async"})
            print(f"   {len(listed)} LLMs labelled example=async")

            print("\n3. Update one, with a tighter timeout and no retries for this call only")
            quick = client.with_options(timeout=5, max_retries=0)
            llm = await quick.llms.update(id=ids[0], request={"description": "updated"})
            print(f"   {llm.model_identifier}: description={llm.description!r}")

            print("\n4. Fetch the three at once")
            fetched = await asyncio.gather(*(client.llms.get(id=llm_id) for llm_id in ids))
            print(f"   got {', '.join(llm.model_identifier for llm in fetched)}")
        finally:
            print("\n5. Delete them concurrently")
            await asyncio.gather(*(client.llms.delete(id=llm_id) for llm_id in ids))

        print("\n6. A deleted LLM is gone")
        try:
            await client.llms.get(id=ids[0])
        except goodmem.NotFoundError as exc:
            print(f"   NotFoundError: HTTP {exc.status_code} {exc.code}")
    print("\nDone.")


if __name__ == "__main__":
    asyncio.run(main())
