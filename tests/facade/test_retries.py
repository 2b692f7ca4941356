"""Retries with backoff, Retry-After, idempotent create, per-call options, logging."""

from __future__ import annotations

import json
import logging
import re

import httpx
import pytest

import goodmem
import goodmem._base_client as client_module
from goodmem.types import CreateLLMResponse
from tests.conftest import load_fixture
from tests.facade.conftest import API_KEY, Harness, Recorder, json_response

LLM_ID = "550e8400-e29b-41d4-a716-446655440000"


@pytest.fixture(params=["sync", "async"])
def retrying(request: pytest.FixtureRequest, recorder: Recorder) -> Harness:
    """A harness with the default max_retries (2)."""
    return Harness(request.param, recorder)


def _error(status: int, **headers: str) -> httpx.Response:
    return json_response(status, {"code": "UNAVAILABLE", "message": "busy"}, headers=headers)


@pytest.mark.parametrize("status", [408, 429, 502, 503, 504])
def test_retryable_statuses_are_retried(
    retrying: Harness, no_sleep: list[float], status: int
) -> None:
    retrying.recorder.reply(
        _error(status), _error(status), json_response(200, load_fixture("get_response"))
    )
    assert retrying.call("get", id=LLM_ID).llm_id == LLM_ID
    assert len(retrying.recorder.requests) == 3
    assert len(no_sleep) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 500, 501])
def test_other_statuses_are_not_retried(
    retrying: Harness, no_sleep: list[float], status: int
) -> None:
    retrying.recorder.reply(_error(status))
    with pytest.raises(goodmem.APIStatusError):
        retrying.call("get", id=LLM_ID)
    assert len(retrying.recorder.requests) == 1
    assert no_sleep == []


def test_gives_up_after_max_retries(retrying: Harness, no_sleep: list[float]) -> None:
    retrying.recorder.reply(_error(503), _error(503), _error(503))
    with pytest.raises(goodmem.InternalServerError) as info:
        retrying.call("delete", id=LLM_ID)
    assert info.value.status_code == 503
    assert len(retrying.recorder.requests) == 3


def test_connection_errors_are_retried(retrying: Harness, no_sleep: list[float]) -> None:
    retrying.recorder.reply(
        httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), json_response(200, {"llms": []})
    )
    assert retrying.call("list") == []
    assert len(retrying.recorder.requests) == 3


def test_timeout_after_retries_raises_timeout_error(
    retrying: Harness, no_sleep: list[float]
) -> None:
    retrying.recorder.reply(*(httpx.ReadTimeout("slow") for _ in range(3)))
    with pytest.raises(goodmem.APITimeoutError):
        retrying.call("get", id=LLM_ID)
    assert len(retrying.recorder.requests) == 3


def test_put_is_retried_with_the_same_body(retrying: Harness, no_sleep: list[float]) -> None:
    retrying.recorder.reply(_error(502), json_response(200, load_fixture("update_response")))
    retrying.call("update", id=LLM_ID, request={"display_name": "x"})
    first, second = retrying.recorder.requests
    assert first.content == second.content == b'{"displayName":"x"}'


def test_retry_after_seconds_is_honoured(retrying: Harness, no_sleep: list[float]) -> None:
    retrying.recorder.reply(_error(429, **{"Retry-After": "3"}), json_response(200, {"llms": []}))
    retrying.call("list")
    assert no_sleep == [3.0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2", 2.0),
        ("0.5", 0.5),
        ("-4", 0.0),
        ("1000", 60.0),
        ("garbage", None),
        ("", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
    ],
)
def test_retry_after_parsing(value: str, expected: float | None) -> None:
    assert client_module._retry_after(value) == expected


def test_backoff_grows_exponentially_with_jitter() -> None:
    for attempt, ceiling in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (10, 8.0)]:
        delays = {client_module._backoff(attempt, None) for _ in range(50)}
        assert all(ceiling / 2 <= d <= ceiling for d in delays), (attempt, delays)
        assert len(delays) > 1  # jittered


def test_create_is_retried_with_the_same_client_generated_id(
    retrying: Harness, no_sleep: list[float]
) -> None:
    retrying.recorder.reply(_error(503), json_response(201, load_fixture("create_response")))
    retrying.call("create", display_name="x", model_identifier="gpt-4o")
    first, second = retrying.recorder.requests
    assert json.loads(first.content)["llmId"] == json.loads(second.content)["llmId"]
    assert first.content == second.content


def test_retried_create_that_conflicts_returns_the_stored_llm(
    retrying: Harness, no_sleep: list[float]
) -> None:
    # The first attempt reached the server but its answer was lost; the retry meets 409.
    stored = load_fixture("get_response")
    retrying.recorder.reply(
        httpx.ReadTimeout("answer lost"),
        json_response(409, {"code": "ALREADY_EXISTS", "message": "llmId in use"}),
        json_response(200, stored),
    )
    result = retrying.call("create", display_name="x", model_identifier="gpt-4o", llm_id=LLM_ID)
    assert isinstance(result, CreateLLMResponse)
    assert result.llm.llm_id == LLM_ID
    read_back = retrying.recorder.requests[2]
    assert (read_back.method, read_back.url.path) == ("GET", f"/v1/llms/{LLM_ID}")


def test_retried_create_conflicting_with_another_llm_still_raises(
    retrying: Harness, no_sleep: list[float]
) -> None:
    retrying.recorder.reply(
        _error(503),
        json_response(409, {"code": "ALREADY_EXISTS", "message": "identical LLM exists"}),
        json_response(404, {"code": "NOT_FOUND", "message": "no such LLM"}),
    )
    with pytest.raises(goodmem.ConflictError, match="identical LLM exists"):
        retrying.call("create", display_name="x", model_identifier="gpt-4o")
    assert len(retrying.recorder.requests) == 3


def test_first_create_conflict_raises_without_read_back(retrying: Harness) -> None:
    retrying.recorder.reply(json_response(409, {"code": "ALREADY_EXISTS", "message": "dup"}))
    with pytest.raises(goodmem.ConflictError):
        retrying.call("create", display_name="x", model_identifier="gpt-4o")
    assert len(retrying.recorder.requests) == 1


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_with_options_overrides_retries_per_call(
    mode: str, recorder: Recorder, no_sleep: list[float]
) -> None:
    harness = Harness(mode, recorder, max_retries=5)
    harness.client = harness.client.with_options(max_retries=0)
    recorder.reply(_error(503))
    with pytest.raises(goodmem.InternalServerError):
        harness.call("get", id=LLM_ID)
    assert len(recorder.requests) == 1
    assert recorder.last.headers["x-api-key"] == API_KEY


def test_debug_log_has_method_path_status_and_retry_but_no_secrets(
    retrying: Harness, no_sleep: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="goodmem")
    retrying.recorder.reply(_error(503), json_response(201, load_fixture("create_response")))
    retrying.call("create", display_name="x", model_identifier="gpt-4o", api_key="sk-log-secret")
    messages = [r.getMessage() for r in caplog.records if r.name == "goodmem"]
    assert len(messages) == 3
    assert messages[0].startswith("POST /v1/llms -> 503 in ")
    assert re.search(r"\(retry 0\), \d+ bytes, request id -$", messages[0])
    assert re.fullmatch(r"retrying POST /v1/llms in \d+\.\d\d s \(retry 1 of 2\)", messages[1])
    assert messages[2].startswith("POST /v1/llms -> 201 in ")
    assert "(retry 1), " in messages[2]
    text = "\n".join(messages)
    assert "sk-log-secret" not in text and API_KEY not in text
