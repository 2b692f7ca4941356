"""An embedded, stateful, in-memory GoodMem serving `/v1/llms`, for tests and local development.

    from goodmem.testing import FakeGoodmem

    fake = FakeGoodmem()
    with fake.client() as client:  # in process, no sockets
        llm = client.llms.create(display_name="Doc LLM", model_identifier="gpt-4o-mini").llm

    with fake.serve() as server:  # real HTTP on 127.0.0.1
        httpx.get(f"{server.url}/v1/llms", headers={"x-api-key": fake.api_key})

    fake.faults.enqueue(503, headers={"Retry-After": "1"})  # the next request gets a 503

`python -m goodmem.testing --port 8080` runs one in the foreground (`--admin-api-key KEY` adds
an admin key). With pytest, the fixtures `goodmem_fake`, `goodmem_client` and
`async_goodmem_client` are ready to use (see goodmem.testing.pytest_plugin). It needs nothing
beyond goodmem itself: the spec ships as JSON.

What it does:

- **Spec-driven.** Request validation, the fields stored and echoed, and query parameters come
  from openapi.yaml (a JSON copy ships in this package); 400 answers name the field. Server
  defaults, duplicate detection (on create and on update), label filters and merge/replace on
  update follow the documented server behaviour; providerType and endpointUrl are required, as
  in the real contract, and never inferred.
- **Permissions.** Keys are plain (`api_keys`) or admin (`admin_keys`). A plain key has the
  documented `*_OWN` permissions: CREATE_LLM_OWN, READ_LLM_OWN, LIST_LLM_OWN, UPDATE_LLM_OWN,
  DELETE_LLM_OWN. Another owner's LLM answers 403 (a missing one 404), is never listed (an
  `ownerId` naming another owner lists nothing), and creating with another `ownerId` is a 403.
  An admin key has the `*_ANY` ones (CREATE_LLM_ANY, READ_LLM_ANY, LIST_LLM_ANY, UPDATE_LLM_ANY,
  DELETE_LLM_ANY). Not modelled: READ_LLM_CREDENTIALS apart (any key may read the credentials
  of an LLM it may read), a key without LIST_LLM or CREATE_LLM at all, and per-LLM grants.
- **Like the server for real clients.** Query parameters are taken in camelCase and snake_case
  (`providerType` / `provider_type`, `includeCredentials` / `include_credentials`), label
  filters as `label.k=v` or `label[k]=v`. A null optional field means "not given", nested too;
  an update that gives nothing (or an empty supportedModalities) keeps updatedAt. Credentials
  are returned only by GET with `includeCredentials=true`. Duplicates compare effective
  credentials (headerName `Authorization` when not given). What the official clients send, and
  the documentation each rule follows, are in WIRE.md next to this file.
- **A failed request changes nothing.** Bodies must be `application/json` (else 415) and are
  validated whole (no key twice, finite numbers, valid Unicode, nesting at most 32 deep; a
  syntax error is reported with its position) and answers rendered before the store changes.
- **Hardened over HTTP, per RFC 9110/9112.** Listen backlog 1024; a request must arrive within
  `timeout` (30 s); its line and headers may have MAX_HEADER_BYTES (64 KiB) in all, else 431;
  bodies over 1 MiB get 413 unread; bodies of unauthenticated requests are never read or
  logged. HEAD is answered like GET, an absolute-form target (`GET http://host/v1/llms`) is
  accepted, whitespace around a header value is ignored. Off loopback, the command line
  requires `--api-key` or generates a random one.
- **Scriptable.** `fake.faults` injects errors, delays and dropped connections;
  `fake.requests` logs what arrived, secrets redacted: at most the last 1000 requests in about
  8 MiB (DEFAULT_MAX_LOGGED_BYTES), and of an unauthenticated one only method, path and status.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._fake import (
        DEFAULT_ADMIN_PRINCIPAL,
        DEFAULT_API_KEY,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_LOGGED_BYTES,
        DEFAULT_MAX_LOGGED_REQUESTS,
        DEFAULT_PRINCIPAL,
        DEFAULT_TIMEOUT,
        REDACTED,
        FakeGoodmem,
        RecordedRequest,
    )
    from ._faults import Fault, FaultKind, Faults
    from ._server import MAX_HEADER_BYTES, FakeServer

# Imported on first use, so that loading the pytest plugin (goodmem.testing.pytest_plugin)
# costs nothing and works without the `testing` extra installed.
_EXPORTS = {
    "DEFAULT_ADMIN_PRINCIPAL": "._fake",
    "DEFAULT_API_KEY": "._fake",
    "DEFAULT_MAX_BODY_BYTES": "._fake",
    "DEFAULT_MAX_LOGGED_BYTES": "._fake",
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
    "MAX_HEADER_BYTES": "._server",
}

__all__ = [
    "DEFAULT_ADMIN_PRINCIPAL",
    "DEFAULT_API_KEY",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_LOGGED_BYTES",
    "DEFAULT_MAX_LOGGED_REQUESTS",
    "DEFAULT_PRINCIPAL",
    "DEFAULT_TIMEOUT",
    "MAX_HEADER_BYTES",
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
