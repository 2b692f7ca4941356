"""An embedded, stateful, in-memory GoodMem serving `/v1/llms`, for tests and local development.

    from goodmem.testing import FakeGoodmem

    fake = FakeGoodmem()
    with fake.client() as client:  # in process, no sockets
        llm = client.llms.create(display_name="Doc LLM", model_identifier="gpt-4o-mini").llm

    with fake.serve() as server:  # real HTTP on 127.0.0.1
        httpx.get(f"{server.url}/v1/llms", headers={"x-api-key": fake.api_key})

    fake.faults.enqueue(503, headers={"Retry-After": "1"})  # the next request gets a 503

`python -m goodmem.testing --port 8080` runs one in the foreground. The fake validates requests
like the server (400 naming the field), answers only the documented JSON, and can be scripted to
fail (`fake.faults`); `fake.requests` logs what it received, secrets redacted.
"""

from __future__ import annotations

from ._fake import DEFAULT_API_KEY, DEFAULT_PRINCIPAL, REDACTED, FakeGoodmem, RecordedRequest
from ._faults import Fault, FaultKind, Faults
from ._server import FakeServer

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_PRINCIPAL",
    "REDACTED",
    "FakeGoodmem",
    "FakeServer",
    "Fault",
    "FaultKind",
    "Faults",
    "RecordedRequest",
]
