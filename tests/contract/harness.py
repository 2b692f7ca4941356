"""Harness: one public client, Goodmem or AsyncGoodmem, whose calls block either way."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Mapping
from typing import Any, Literal, cast

import httpx
from vcr.errors import CannotOverwriteExistingCassetteException

import goodmem
from goodmem.types import CreateLLMResponse, LLMResponse
from tests.contract.recording import mismatch

__all__ = [
    "ENDPOINT",
    "FIXED_CLOCK_MS",
    "REPLAY_API_KEY",
    "SUITE",
    "WRONG_API_KEY",
    "Flavour",
    "Harness",
    "LlmIds",
    "llm_fields",
]

Flavour = Literal["sync", "async"]
LLMList = list[LLMResponse]

FIXED_CLOCK_MS = 1_767_225_600_000
"""The embedded GoodMem's clock while recording (2026-01-01T00:00:00Z): stable timestamps."""
WRONG_API_KEY = "gm_contract_wrong_key"
"""The key of the 401 tests. Against a real GoodMem it only has to be a key the server does not
accept: no second account is needed."""
REPLAY_API_KEY = "replay-placeholder-key"
"""The key replaying clients send; never recorded, never checked."""

_NAMESPACE = uuid.UUID("6f1d0c55-4a1e-4c8e-9a57-2d0c6b1f0e42")


class Harness:
    """A contract client: `gm.create(...)` runs `client.llms.create` and returns its result.

    `flavour` "sync" wraps goodmem.Goodmem; "async" wraps goodmem.AsyncGoodmem and runs each
    call to completion on a private event loop (kept for the client's lifetime, so a recording
    against a real server can reuse its connections). Clients never retry (max_retries=0): a
    cassette holds exactly the requests a test makes. In replay, a request the cassette cannot
    answer raises recording.CassetteMismatch, whose message leads with the operation.
    Call `close()` when done.
    """

    def __init__(
        self,
        flavour: Flavour,
        base_url: str,
        api_key: str,
        *,
        http_client: httpx.Client | httpx.AsyncClient | None = None,
    ) -> None:
        self.flavour = flavour
        self.client: goodmem.Goodmem | goodmem.AsyncGoodmem
        self._loop: asyncio.AbstractEventLoop | None = None
        if flavour == "sync":
            assert http_client is None or isinstance(http_client, httpx.Client)
            self.client = goodmem.Goodmem(base_url, api_key, max_retries=0, http_client=http_client)
        else:
            assert http_client is None or isinstance(http_client, httpx.AsyncClient)
            self._loop = asyncio.new_event_loop()
            self.client = goodmem.AsyncGoodmem(
                base_url, api_key, max_retries=0, http_client=http_client
            )

    def _run(self, method: str, **kwargs: Any) -> Any:
        try:
            result = getattr(self.client.llms, method)(**kwargs)
            if self._loop is not None:
                result = self._loop.run_until_complete(cast(Awaitable[Any], result))
        except CannotOverwriteExistingCassetteException as error:
            raise mismatch(error) from None
        return result

    def create(self, **kwargs: Any) -> CreateLLMResponse:
        """`client.llms.create(**kwargs)`."""
        return cast(CreateLLMResponse, self._run("create", **kwargs))

    def get(self, id: str, **kwargs: Any) -> LLMResponse:
        """`client.llms.get(id=id, **kwargs)`."""
        return cast(LLMResponse, self._run("get", id=id, **kwargs))

    def list(self, **kwargs: Any) -> LLMList:
        """`client.llms.list(**kwargs)`."""
        return cast(LLMList, self._run("list", **kwargs))

    def update(self, id: str, request: Mapping[str, Any], **kwargs: Any) -> LLMResponse:
        """`client.llms.update(id=id, request=request, **kwargs)`."""
        return cast(LLMResponse, self._run("update", id=id, request=request, **kwargs))

    def delete(self, id: str) -> None:
        """`client.llms.delete(id=id)`."""
        self._run("delete", id=id)

    def close(self) -> None:
        """Close the client (and the event loop of an async harness)."""
        if isinstance(self.client, goodmem.Goodmem):
            self.client.close()
        elif self._loop is not None:
            self._loop.run_until_complete(self.client.aclose())
            self._loop.close()


class LlmIds:
    """Fixed llm_ids for one test: `ids[0]`, `ids["missing"]` are UUIDs derived from its name.

    Creates send a client-generated random llm_id unless given one, which would break replay
    matching; these are stable across runs and the same for both client flavours. `issued`
    lists what the test asked for, so a recording can clean up after a failed test.
    """

    def __init__(self, test: str) -> None:
        self.test = test
        self.issued: list[str] = []

    def __getitem__(self, key: int | str) -> str:
        value = str(uuid.uuid5(_NAMESPACE, f"{self.test}/{key}"))
        if value not in self.issued:
            self.issued.append(value)
        return value


SUITE = "goodmem-contract"
"""The `suite` label of every LLM the contract tests create."""
ENDPOINT = "http://vllm.contract.test:8000/v1"


def llm_fields(case: str, **extra: Any) -> dict[str, Any]:
    """create() arguments of a small VLLM LLM unique to `case`, plus `extra`.

    The model identifier is not in goodmem's registry and provider and endpoint are explicit,
    so the request does not depend on registry data. Labels `suite` and `case` keep list
    filters to this test's LLMs on a shared server.
    """
    fields: dict[str, Any] = {
        "display_name": f"Contract {case}",
        "model_identifier": f"contract-{case}",
        "provider_type": "VLLM",
        "endpoint_url": ENDPOINT,
        "labels": {"suite": SUITE, "case": case},
    }
    return {**fields, **extra}
