"""A typed application using every public method, checked by mypy --strict and pyright.

tests/test_typing.py type-checks this file (it is not run). The `reveal`-style assertions use
typing's `assert_type`, so a result type that drifts fails the check.
"""

from __future__ import annotations

import asyncio
import json

from typing_extensions import assert_type

import goodmem
from goodmem import APIResponse, AsyncGoodmem, Goodmem
from goodmem.types import (
    CreateLLMResponse,
    EndpointAuthenticationDict,
    LLMCapabilities,
    LLMCreateParams,
    LLMResponse,
    LLMSamplingParams,
    LLMUpdateRequest,
)


def sync_app(client: Goodmem) -> None:
    created = client.llms.create(
        display_name="Doc LLM",
        model_identifier="gpt-4o-mini",
        api_key="sk-...",
        labels={"env": "prod"},
        supported_modalities=["TEXT"],
        capabilities=LLMCapabilities(supports_chat=True),
        default_sampling_params={"temperature": 0.2},
        extra_headers={"x-trace": "1"},
        timeout=10,
    )
    assert_type(created, CreateLLMResponse)
    llm_id: str = created.llm.llm_id

    llm = client.llms.get(llm_id)
    assert_type(llm, LLMResponse)
    assert_type(client.llms.get(id=llm_id, timeout=None), LLMResponse)
    labels: dict[str, str] = dict(llm.labels)
    print(labels, llm.provider_type == "OPENAI")

    for item in client.llms.list(label={"env": "prod"}, provider_type="OPENAI"):
        assert_type(item, LLMResponse)

    # The seed-000 example: a typed request with a plain dict of labels.
    updated = client.llms.update(
        id=llm_id,
        request=LLMUpdateRequest(display_name="Doc LLM (updated)", merge_labels={"version": "2"}),
    )
    assert_type(updated, LLMResponse)
    updated = client.llms.update(llm_id, {"merge_labels": {"version": "3"}})
    sampling = LLMSamplingParams(temperature=0.5)
    client.llms.update(llm_id, LLMUpdateRequest(default_sampling_params=sampling))
    # update like create: keywords, a key rotation, typed plain dicts and strings
    assert_type(client.llms.update(llm_id, api_key="sk-new", display_name="b"), LLMResponse)
    credentials: EndpointAuthenticationDict = {
        "kind": "CREDENTIAL_KIND_API_KEY",
        "api_key": {"inline_secret": "sk-2", "header_name": "Authorization"},
    }
    client.llms.update(llm_id, credentials=credentials, supported_modalities=["TEXT", "IMAGE"])
    params: LLMCreateParams = {"display_name": "Kept", "model_identifier": "gpt-4o"}
    params["api_key"] = "sk-3"
    client.llms.create(**params)
    print(updated.to_json(), json.dumps(updated.labels))

    raw = client.llms.with_raw_response.create(
        display_name="x", model_identifier="gpt-4o", api_key="sk-test"
    )
    assert_type(raw, APIResponse[CreateLLMResponse])
    location: str | None = raw.headers.get("location")
    status: int = raw.status_code
    print(location, status, raw.http_response.elapsed)
    assert_type(raw.parse(), CreateLLMResponse)
    assert_type(client.llms.with_raw_response.get(llm_id).parse(), LLMResponse)
    assert_type(client.llms.with_raw_response.list().parse(), list[LLMResponse])
    assert_type(client.llms.with_raw_response.delete(llm_id).parse(), None)

    assert_type(client.llms.delete(llm_id), None)
    fast = client.with_options(max_retries=0, timeout=5.0)
    assert_type(fast, Goodmem)
    try:
        fast.llms.get(llm_id)
    except goodmem.NotFoundError as exc:
        code: str | None = exc.code
        print(exc.status_code, code, exc.message, exc.method, exc.url)
    except goodmem.GoodmemError:
        raise


async def async_app(client: AsyncGoodmem) -> None:
    created = await client.llms.create(
        display_name="x", model_identifier="llama3.1:8b", provider_type="OLLAMA"
    )
    assert_type(created, CreateLLMResponse)
    llm = await client.llms.get(created.llm.llm_id)
    assert_type(llm, LLMResponse)
    llms = await client.llms.list(owner_id=llm.owner_id)
    assert_type(llms, list[LLMResponse])
    request = LLMUpdateRequest(display_name="Doc LLM (updated)", merge_labels={"version": "2"})
    assert_type(await client.llms.update(llm.llm_id, request), LLMResponse)
    raw = await client.llms.with_raw_response.get(
        llm.llm_id, extra_query={"includeCredentials": True}
    )
    assert_type(raw, APIResponse[LLMResponse])
    assert_type(raw.parse(), LLMResponse)
    task = asyncio.ensure_future(client.llms.delete(llm.llm_id))
    assert_type(await task, None)
    async with client.with_options(timeout=None) as other:
        assert_type(other, AsyncGoodmem)


def main() -> None:
    with Goodmem() as client:
        sync_app(client)

    async def run() -> None:
        async with AsyncGoodmem() as client:
            await async_app(client)

    asyncio.run(run())
