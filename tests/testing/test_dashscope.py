"""DashScope LLMs and includeCredentials: the API's first additions since the seed documents.

The embedded GoodMem follows the rules of the current API: a dashscopeApiDialect only for
providerType DASHSCOPE, only the LLM values of DashScopeApiDialect, a dialect picked from a
documented apiPath when none is given (else OPENAI_COMPATIBLE); credentials only in the answer
to a get with includeCredentials=true.
"""

from __future__ import annotations

import httpx
import pytest

import goodmem
from goodmem.testing import FakeGoodmem
from goodmem.types import DashScopeApiDialect, LLMProviderType
from tests.testing.support import api_key_credentials, create_llm

DIALECT = "dashscopeApiDialect"
NATIVE_TEXT = "/api/v1/services/aigc/text-generation/generation"
NATIVE_MULTIMODAL = "/api/v1/services/aigc/multimodal-generation/generation"
COMPATIBLE = "/compatible-mode/v1/chat/completions"
LLM_DIALECTS = "LLM_NATIVE_TEXT, LLM_NATIVE_MULTIMODAL, OPENAI_COMPATIBLE"


def qwen(**fields: object) -> dict[str, object]:
    return {"modelIdentifier": "qwen-plus", "providerType": "DASHSCOPE", **fields}


@pytest.mark.parametrize(
    ("fields", "dialect"),
    [
        ({}, "OPENAI_COMPATIBLE"),
        ({"apiPath": NATIVE_TEXT}, "LLM_NATIVE_TEXT"),
        ({"apiPath": NATIVE_MULTIMODAL}, "LLM_NATIVE_MULTIMODAL"),
        ({"apiPath": COMPATIBLE}, "OPENAI_COMPATIBLE"),
        ({"apiPath": "/custom/path"}, "OPENAI_COMPATIBLE"),
        ({"apiPath": NATIVE_TEXT, DIALECT: "LLM_NATIVE_MULTIMODAL"}, "LLM_NATIVE_MULTIMODAL"),
        ({DIALECT: None}, "OPENAI_COMPATIBLE"),
    ],
)
def test_a_dashscope_llm_always_has_a_dialect(
    http: httpx.Client, fields: dict[str, object], dialect: str
) -> None:
    llm = create_llm(http, **qwen(**fields))
    assert llm[DIALECT] == dialect
    assert llm["endpointUrl"] == "https://dashscope.aliyuncs.com"
    assert http.get(f"/v1/llms/{llm['llmId']}").json()[DIALECT] == dialect


def test_other_llms_have_no_dialect_and_may_not_set_one(http: httpx.Client) -> None:
    assert DIALECT not in create_llm(http)
    response = http.post(
        "/v1/llms",
        json={"displayName": "x", "modelIdentifier": "gpt-4o", DIALECT: "OPENAI_COMPATIBLE"},
    )
    assert response.status_code == 400
    assert response.json()["message"] == (
        "dashscopeApiDialect: is only allowed with providerType DASHSCOPE"
    )


@pytest.mark.parametrize(
    "value", ["EMBEDDING_NATIVE_TEXT", "RERANK_COMPATIBLE_FLAT", "UNSPECIFIED"]
)
def test_only_the_llm_dialects_are_accepted(http: httpx.Client, value: str) -> None:
    response = http.post("/v1/llms", json={"displayName": "x", **qwen(**{DIALECT: value})})
    assert response.status_code == 400
    assert response.json()["message"] == f"dashscopeApiDialect: must be one of {LLM_DIALECTS}"


def test_update_follows_the_dialect_rules(http: httpx.Client) -> None:
    llm = create_llm(http, **qwen(apiPath=NATIVE_TEXT))
    url = f"/v1/llms/{llm['llmId']}"
    assert http.put(url, json={"apiPath": NATIVE_MULTIMODAL}).json()[DIALECT] == (
        "LLM_NATIVE_MULTIMODAL"
    )
    assert http.put(url, json={"apiPath": "/custom"}).json()[DIALECT] == "LLM_NATIVE_MULTIMODAL"
    assert http.put(url, json={"description": "d"}).json()[DIALECT] == "LLM_NATIVE_MULTIMODAL"
    assert http.put(url, json={DIALECT: "OPENAI_COMPATIBLE"}).json()[DIALECT] == (
        "OPENAI_COMPATIBLE"
    )
    assert http.put(url, json={DIALECT: "EMBEDDING_NATIVE_TEXT"}).status_code == 400

    other = create_llm(http)
    refused = http.put(f"/v1/llms/{other['llmId']}", json={DIALECT: "OPENAI_COMPATIBLE"})
    assert refused.status_code == 400
    assert refused.json()["message"] == (
        "dashscopeApiDialect: is only allowed with providerType DASHSCOPE"
    )
    assert DIALECT not in http.get(f"/v1/llms/{other['llmId']}").json()


def test_list_filters_by_the_new_provider_type(http: httpx.Client) -> None:
    mine = create_llm(http, **qwen())
    create_llm(http)
    listed = http.get("/v1/llms", params={"providerType": "DASHSCOPE"}).json()["llms"]
    assert [llm["llmId"] for llm in listed] == [mine["llmId"]]


@pytest.mark.parametrize("spelling", ["includeCredentials", "include_credentials"])
def test_credentials_come_back_only_when_asked_for(http: httpx.Client, spelling: str) -> None:
    created = create_llm(http, credentials=api_key_credentials("sk-stored"))
    assert "credentials" not in created
    url = f"/v1/llms/{created['llmId']}"
    assert "credentials" not in http.get(url).json()
    assert "credentials" not in http.get(url, params={spelling: "false"}).json()
    shown = http.get(url, params={spelling: "true"}).json()["credentials"]
    assert shown == api_key_credentials("sk-stored")
    assert all("credentials" not in llm for llm in http.get("/v1/llms").json()["llms"])


# --- through the SDK ----------------------------------------------------------------------


def test_the_sdk_creates_qwen_by_shortcut_and_reads_the_dialect() -> None:
    client = FakeGoodmem().client()
    llm = client.llms.create(display_name="Qwen", model_identifier="qwen-plus", api_key="sk-q").llm
    assert llm.provider_type == LLMProviderType.DASHSCOPE == "DASHSCOPE"
    assert llm.dashscope_api_dialect == DashScopeApiDialect.OPENAI_COMPATIBLE
    assert llm.max_context_length == 1_000_000
    assert [item.llm_id for item in client.llms.list(provider_type="DASHSCOPE")] == [llm.llm_id]


def test_the_sdk_sends_a_dialect() -> None:
    fake = FakeGoodmem()
    client = fake.client()
    llm = client.llms.create(
        display_name="Qwen VL",
        model_identifier="qwen-vl-max",
        api_key="sk-test",
        provider_type="DASHSCOPE",
        endpoint_url="https://dashscope-intl.aliyuncs.com",
        dashscope_api_dialect="LLM_NATIVE_MULTIMODAL",
    ).llm
    assert (llm.provider_type, llm.dashscope_api_dialect) == ("DASHSCOPE", "LLM_NATIVE_MULTIMODAL")
    assert fake.requests[-1].body[DIALECT] == "LLM_NATIVE_MULTIMODAL"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"model_identifier": "gpt-4o", "dashscope_api_dialect": "OPENAI_COMPATIBLE"},
            "dashscope_api_dialect: only for provider_type DASHSCOPE, not 'OPENAI'",
        ),
        (
            {"model_identifier": "qwen-max", "dashscope_api_dialect": "EMBEDDING_NATIVE_TEXT"},
            "dashscope_api_dialect: 'EMBEDDING_NATIVE_TEXT' is not allowed here (did you mean "
            "'LLM_NATIVE_TEXT'?); valid: 'LLM_NATIVE_TEXT', 'LLM_NATIVE_MULTIMODAL', "
            "'OPENAI_COMPATIBLE'",
        ),
        (
            {"model_identifier": "qwen-max", "dashscope_api_dialect": "llm_native_txt"},
            "dashscope_api_dialect: 'llm_native_txt' is not allowed here (did you mean "
            "'LLM_NATIVE_TEXT'?); valid: 'LLM_NATIVE_TEXT', 'LLM_NATIVE_MULTIMODAL', "
            "'OPENAI_COMPATIBLE'",
        ),
    ],
)
def test_the_sdk_refuses_a_bad_dialect_before_sending(
    arguments: dict[str, str], message: str
) -> None:
    fake = FakeGoodmem()
    with pytest.raises(ValueError) as caught:
        fake.client().llms.create(display_name="x", **arguments)  # type: ignore[arg-type]
    assert str(caught.value) == message
    assert fake.requests == []


def test_the_sdk_gets_credentials_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeGoodmem()
    client = fake.client()
    llm = client.llms.create(display_name="x", model_identifier="gpt-4o", api_key="sk-kept").llm
    assert llm.credentials is None
    assert client.llms.get(llm.llm_id).credentials is None
    shown = client.llms.get(llm.llm_id, include_credentials=True).credentials
    assert shown is not None and shown.api_key is not None
    assert shown.api_key.inline_secret == "sk-kept"
    assert fake.requests[-1].query == "includeCredentials=true"
    assert fake.requests[-2].query == ""
    with pytest.raises(TypeError, match="include_credentials: expected bool, got str"):
        client.llms.get(llm.llm_id, include_credentials="yes")  # type: ignore[arg-type]


def test_a_dashscope_llm_reads_back_through_the_async_client() -> None:
    import asyncio

    async def run() -> goodmem.types.LLMResponse:
        client = FakeGoodmem().async_client()
        created = await client.llms.create(
            display_name="q", model_identifier="qwen-turbo", api_key="sk-test"
        )
        return await client.llms.get(created.llm.llm_id)

    llm = asyncio.run(run())
    assert (llm.provider_type, llm.dashscope_api_dialect) == ("DASHSCOPE", "OPENAI_COMPATIBLE")
