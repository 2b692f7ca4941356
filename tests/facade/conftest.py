"""A recording mock server and a harness that runs the same test on Goodmem and AsyncGoodmem.

The async harness runs each call under asyncio ("async") and under trio ("trio").
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

import goodmem

BASE_URL = "http://goodmem.test"
API_KEY = "gm_test_secret_key"

Reply = httpx.Response | Callable[[httpx.Request], httpx.Response] | Exception


class Recorder:
    """An httpx handler that records requests and answers with queued replies."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.replies: list[Reply] = []

    def reply(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if not self.replies:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply(request) if callable(reply) else reply

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]

    def last_json(self) -> Any:
        return json.loads(self.last.content)


MODES = ["sync", "async", "trio"]
"""Goodmem; AsyncGoodmem under asyncio; AsyncGoodmem under trio."""


class Harness:
    """One client, sync or async; `call("get", "id")` runs a method either way."""

    def __init__(self, mode: str, recorder: Recorder, **options: Any) -> None:
        self.mode = mode
        self.recorder = recorder
        transport = httpx.MockTransport(recorder)
        self.client: goodmem.Goodmem | goodmem.AsyncGoodmem
        if mode == "sync":
            self.client = goodmem.Goodmem(
                BASE_URL, API_KEY, http_client=httpx.Client(transport=transport), **options
            )
        else:
            self.client = goodmem.AsyncGoodmem(
                BASE_URL, API_KEY, http_client=httpx.AsyncClient(transport=transport), **options
            )

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        return self._run(getattr(self.client.llms, method), args, kwargs)

    def raw(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """`client.llms.with_raw_response.<method>(...)`, awaited in async mode."""
        return self._run(getattr(self.client.llms.with_raw_response, method), args, kwargs)

    def _run(self, function: Any, args: Any, kwargs: Any) -> Any:
        if self.mode == "sync":
            return function(*args, **kwargs)

        async def run() -> Any:
            return await function(*args, **kwargs)

        if self.mode == "trio":
            import trio

            return trio.run(run)
        return asyncio.run(run())


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture(params=MODES)
def gm(request: pytest.FixtureRequest, recorder: Recorder) -> Iterator[Harness]:
    """The harness with Goodmem, and with AsyncGoodmem under asyncio and under trio."""
    yield Harness(request.param, recorder, max_retries=0)


def json_response(status: int, body: Any, **kwargs: Any) -> httpx.Response:
    return httpx.Response(status, json=body, **kwargs)
