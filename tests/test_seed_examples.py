"""The code snippets of the SDK reference (seed 000), run as written against a mock server.

The snippets are copied verbatim apart from the base URL; the mock answers with the
documented example payloads, with the id the snippets use.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest

import goodmem
from tests.conftest import load_fixture

LLM = {**load_fixture("get_response"), "llmId": "your-llm-id"}


def _server(request: httpx.Request) -> httpx.Response:
    """Answers each documented operation with its documented example."""
    path, method = request.url.path, request.method
    if (method, path) == ("POST", "/v1/llms"):
        body = json.loads(request.content)
        assert body["modelIdentifier"] == "gpt-4o-mini"
        assert body["credentials"]["apiKey"]["inlineSecret"] == "sk-..."
        return httpx.Response(201, json={"llm": {**LLM, "labels": body["labels"]}})
    if (method, path) == ("GET", "/v1/llms"):
        return httpx.Response(200, json={"llms": [LLM]})
    if path == "/v1/llms/your-llm-id":
        if method == "GET":
            return httpx.Response(200, json=LLM)
        if method == "PUT":
            body = json.loads(request.content)
            assert body == {"displayName": "Doc LLM (updated)", "mergeLabels": {"version": "2"}}
            return httpx.Response(200, json={**LLM, "displayName": body["displayName"]})
        if method == "DELETE":
            return httpx.Response(204)
    return httpx.Response(404, json={"code": "NOT_FOUND", "message": path})


@pytest.fixture
def patched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Route every client the snippets create to the mock server; returns the methods seen."""
    seen: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        return _server(request)

    transport = httpx.MockTransport(record)
    real_sync, real_async = goodmem.Goodmem.__init__, goodmem.AsyncGoodmem.__init__

    def sync_init(self: goodmem.Goodmem, *args: Any, **kwargs: Any) -> None:
        real_sync(self, *args, http_client=httpx.Client(transport=transport), **kwargs)

    def async_init(self: goodmem.AsyncGoodmem, *args: Any, **kwargs: Any) -> None:
        real_async(self, *args, http_client=httpx.AsyncClient(transport=transport), **kwargs)

    monkeypatch.setattr(goodmem.Goodmem, "__init__", sync_init)
    monkeypatch.setattr(goodmem.AsyncGoodmem, "__init__", async_init)
    return seen


SYNC_CLIENT = """
from goodmem import Goodmem
client = Goodmem(base_url='http://localhost:8080', api_key='gm_...')
"""

METHODS = {
    "create": ["POST"],
    "get": ["GET"],
    "list": ["GET"],
    "update": ["PUT", "PUT"],
    "delete": ["DELETE"],
}

SNIPPETS = {
    "create": """
resp = client.llms.create(
display_name="Doc LLM",
model_identifier="gpt-4o-mini",
api_key="sk-...",
labels={"env": "docs"},
)
llm = resp.llm
""",
    "get": """
llm = client.llms.get(id="your-llm-id")
print(llm.display_name)
""",
    "list": """
for llm in client.llms.list():
    print(llm.llm_id, llm.display_name)
""",
    "update": """
from goodmem.types import LLMUpdateRequest
# Option 1: typed request object
updated = client.llms.update(id="your-llm-id", request=LLMUpdateRequest(
display_name="Doc LLM (updated)",
merge_labels={"version": "2"},
))
assert updated.llm_id == "your-llm-id"
# Option 2: plain dict
updated = client.llms.update(id="your-llm-id", request={
"display_name": "Doc LLM (updated)",
"merge_labels": {"version": "2"},
})
assert updated.llm_id == "your-llm-id"
""",
    "delete": """
client.llms.delete(id="your-llm-id")
""",
}


@pytest.mark.parametrize("name", list(SNIPPETS))
def test_sync_snippet(name: str, patched: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, Any] = {}
    exec(SYNC_CLIENT + SNIPPETS[name], namespace)
    assert patched == METHODS[name]
    if name == "create":
        assert namespace["llm"].labels == {"env": "docs"}
    if name in ("get", "list"):
        assert "GPT-4 Turbo" in capsys.readouterr().out


@pytest.mark.parametrize("name", list(SNIPPETS))
def test_async_snippet(name: str, patched: list[str]) -> None:
    # "client.llms exposes the same methods on AsyncGoodmem; use await as needed."
    body = SNIPPETS[name].replace("client.llms.", "await client.llms.")
    source = (
        "from goodmem import AsyncGoodmem\n"
        "async def main():\n"
        "    client = AsyncGoodmem(base_url='http://localhost:8080', api_key='gm_...')\n"
        + "".join(f"    {line}\n" for line in body.strip().splitlines())
        + "    return locals()\n"
    )
    namespace: dict[str, Any] = {}
    exec(source, namespace)
    result = asyncio.run(namespace["main"]())
    assert patched == METHODS[name]
    if name == "update":
        assert result["updated"].display_name == "Doc LLM (updated)"
