"""API keys and inline secrets stay out of reprs, exception text and log records."""

from __future__ import annotations

import logging

import httpx
import pytest

import goodmem
from goodmem.types import LLMResponse
from tests.conftest import load_fixture
from tests.facade.conftest import Harness, Recorder, json_response

LLM_ID = load_fixture("get_response")["llmId"]

API_KEY = "gm_live_4f1d9c2b7a"
INLINE_SECRET = "sk-1234567890abcdef"  # the documented example responses echo this one


def test_fetched_llm_hides_the_inline_secret_but_keeps_it_readable(gm: Harness) -> None:
    gm.recorder.reply(json_response(200, load_fixture("get_response")))
    llm = gm.call("get", id=LLM_ID)
    assert isinstance(llm, LLMResponse)
    for text in (repr(llm), str(llm), repr(llm.credentials), str(llm.credentials.api_key)):
        assert INLINE_SECRET not in text
    assert "'***'" in repr(llm.credentials.api_key)
    assert llm.credentials.api_key.inline_secret == INLINE_SECRET


def test_nothing_leaks_through_a_session_of_calls(
    recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: goodmem, httpx, httpcore
    client = goodmem.Goodmem(
        "http://gm.test",
        API_KEY,
        max_retries=1,
        http_client=httpx.Client(transport=httpx.MockTransport(recorder)),
    )
    recorder.reply(
        json_response(503, {"code": "UNAVAILABLE", "message": "try later"}),
        json_response(201, load_fixture("create_response")),
        json_response(409, {"code": "ALREADY_EXISTS", "message": "duplicate"}),
        httpx.ConnectError("refused"),
        httpx.ConnectError("refused"),
        json_response(200, load_fixture("get_response")),
    )
    texts = [repr(client), str(client), repr(client.llms)]
    created = client.llms.create(
        display_name="x", model_identifier="gpt-4o", api_key="sk-create-secret"
    )
    texts += [repr(created), str(created)]
    with pytest.raises(goodmem.ConflictError) as conflict:
        client.llms.create(display_name="x", model_identifier="gpt-4o", api_key="sk-create-secret")
    texts += [str(conflict.value), repr(conflict.value)]
    with pytest.raises(goodmem.APIConnectionError) as unreachable:
        client.llms.get(id=LLM_ID)
    texts += [str(unreachable.value), repr(unreachable.value)]
    texts += [repr(client.llms.get(id=LLM_ID))]
    with pytest.raises(ValueError) as bad:
        client.llms.create(
            display_name="x", model_identifier="gpt-4o", api_key="sk-create-secret", credentials={}
        )
    texts.append(str(bad.value))
    texts += [record.getMessage() for record in caplog.records]
    assert len(caplog.records) >= 5
    blob = "\n".join(texts)
    for secret in (API_KEY, "sk-create-secret", INLINE_SECRET):
        assert secret not in blob
