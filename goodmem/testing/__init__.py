"""An embedded, stateful, in-memory GoodMem serving `/v1/llms`, for tests and local development.

    from goodmem.testing import FakeGoodmem

    fake = FakeGoodmem()
    with fake.client() as client:  # in process, no sockets
        created = client.llms.create(
            display_name="Doc LLM", model_identifier="gpt-4o-mini", api_key="sk-..."
        )

    with fake.serve() as server:  # real HTTP on 127.0.0.1
        httpx.get(f"{server.url}/v1/llms", headers={"x-api-key": fake.api_key})

    fake.faults.enqueue(503, headers={"Retry-After": "1"})  # the next request gets a 503

`python -m goodmem.testing --port 8080` runs one in the foreground. With pytest, the fixtures
`goodmem_fake`, `goodmem_client` and `async_goodmem_client` are ready to use (see
goodmem.testing.pytest_plugin). Needs PyYAML: `pip install 'goodmem-llm-registry[testing]'`.

What it does:

- **Spec-driven.** Request validation, the fields stored and echoed, and query parameters come
  from openapi.yaml (a copy ships in this package); 400 answers name the field. Server
  defaults, duplicate detection, label filters and merge/replace on update follow the
  documented server behaviour.
- **Like the server for real clients.** Query parameters are taken in camelCase and snake_case
  (`providerType` / `provider_type`, `includeCredentials` / `include_credentials`), label
  filters as `label.k=v` or `label[k]=v`. A null optional field means "not given", nested too.
  Credentials are returned only by GET with `includeCredentials=true`. Duplicates compare
  effective credentials (headerName `Authorization` when not given). What the official clients
  send is recorded in WIRE.md next to this file.
- **A failed request changes nothing.** Bodies are validated whole (finite numbers, valid
  Unicode, nesting at most 32 deep) and answers rendered before the store changes.
- **Hardened over HTTP.** Listen backlog 1024; a request must arrive within `timeout` (30 s);
  bodies over 1 MiB get 413 unread; bodies of unauthenticated requests are never read or
  logged; the request log keeps the last 1000 requests. Off loopback, the command line
  requires `--api-key` or generates a random one.
- **Scriptable.** `fake.faults` injects errors, delays and dropped connections;
  `fake.requests` logs what arrived, secrets redacted.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._fake import (
        DEFAULT_API_KEY,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_LOGGED_REQUESTS,
        DEFAULT_PRINCIPAL,
        DEFAULT_TIMEOUT,
        REDACTED,
        FakeGoodmem,
        RecordedRequest,
    )
    from ._faults import Fault, FaultKind, Faults
    from ._server import FakeServer

# Imported on first use, so that loading the pytest plugin (goodmem.testing.pytest_plugin)
# costs nothing and works without the `testing` extra installed.
_EXPORTS = {
    "DEFAULT_API_KEY": "._fake",
    "DEFAULT_MAX_BODY_BYTES": "._fake",
    "DEFAULT_MAX_LOGGED_REQUESTS": "._fake",
    "DEFAULT_PRINCIPAL": "._fake",
    "DEFAULT_TIMEOUT": "._fake",
    "REDACTED": "._fake",
    "FakeGoodmem": "._fake",
    "RecordedRequest": "._fake",
    "Fault": "._faults",
    "FaultKind": "._faults",
    "Faults": "._faults",
    "FakeServer": "._server",
}

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_LOGGED_REQUESTS",
    "DEFAULT_PRINCIPAL",
    "DEFAULT_TIMEOUT",
    "REDACTED",
    "FakeGoodmem",
    "FakeServer",
    "Fault",
    "FaultKind",
    "Faults",
    "RecordedRequest",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
