"""Quickstart: register an LLM by model shortcut, find it, change it, rotate its key, handle a
conflict, ensure it declaratively, delete it.

Runs against $GOODMEM_BASE_URL with $GOODMEM_API_KEY when they are set, otherwise against the
embedded GoodMem from goodmem.testing (in memory, nothing leaves this process).
"""

from __future__ import annotations

import os

import goodmem
from goodmem import Goodmem


def connect() -> Goodmem:
    """A client for the configured server, or for the embedded GoodMem."""
    if os.environ.get("GOODMEM_BASE_URL"):
        client = Goodmem()
        print(f"Using the GoodMem server at {client.base_url}")
        return client
    from goodmem.testing import FakeGoodmem

    print("GOODMEM_BASE_URL is not set: using the embedded GoodMem (in memory).")
    return FakeGoodmem().client()


def main() -> None:
    with connect() as client:
        print("\n1. Register an LLM by model shortcut")
        info = goodmem.lookup_model("gpt-4o-mini")
        assert info is not None
        print(
            f"   the registry knows gpt-4o-mini: {info.provider_type} at {info.endpoint_url}, "
            f"{info.max_context_length} tokens"
        )
        created = client.llms.create(
            display_name="Quickstart assistant",
            model_identifier="gpt-4o-mini",
            api_key="sk-quickstart-demo-key",
            labels={"env": "demo", "owner": "quickstart"},
        )
        llm = created.llm
        print(f"   created {llm.llm_id}")
        print(f"   provider={llm.provider_type.value} endpoint={llm.endpoint_url}")
        modalities = ", ".join(m.value for m in llm.supported_modalities)
        print(f"   context={llm.max_context_length} tokens, modalities: {modalities}")
        for status in created.statuses or []:
            print(f"   server note: {status.code}: {status.message}")

        try:
            print("\n2. List LLMs labelled env=demo")
            for item in client.llms.list(label={"env": "demo"}):
                print(f"   {item.llm_id}  {item.display_name}  {dict(item.labels)}")

            print("\n3. Merge a label (other labels are kept) and rotate the provider key")
            llm = client.llms.update(
                llm.llm_id, merge_labels={"stage": "tried"}, api_key="sk-quickstart-rotated"
            )
            print(f"   labels now {dict(llm.labels)}; the new key is stored (never printed)")

            print("\n4. Register the same LLM again: the server refuses duplicates")
            again = {
                "display_name": "Quickstart assistant (again)",
                "model_identifier": "gpt-4o-mini",
                "api_key": "sk-quickstart-rotated",
            }
            try:
                client.llms.create(**again)
            except goodmem.ConflictError as exc:
                print(f"   ConflictError: HTTP {exc.status_code} {exc.code}: {exc.message}")

            print("\n5. ensure() it instead: it finds the stored LLM and updates what differs")
            result = client.llms.ensure(**again)
            print(f"   {result.action} {result.llm.llm_id}: {', '.join(result.changed)}")
            print(f"   again: {client.llms.ensure(**again).action}")
        finally:
            print("\n6. Delete it")
            client.llms.delete(id=llm.llm_id)
            try:
                client.llms.get(id=llm.llm_id)
            except goodmem.NotFoundError as exc:
                print(f"   gone: get now raises NotFoundError (HTTP {exc.status_code})")
    print("\nDone.")


if __name__ == "__main__":
    main()
