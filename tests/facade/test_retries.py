"""Retries with backoff, Retry-After, idempotent create, per-call options, logging."""

from __future__ import annotations

import email.utils
import json
import logging
import re
import time

import httpx
import pytest

import goodmem
from goodmem import _retries
from goodmem.types import CreateLLMResponse
from tests.conftest import load_fixture
from tests.facade.conftest import API_KEY, MODES, Harness, Recorder, Reply, json_response

LLM_ID = "550e8400-e29b-41d4-a716-446655440000"


@pytest.fixture(params=MODES)
def retrying(request: pytest.FixtureRequest, recorder: Recorder) -> Harness:
    """A harness with the default max_retries (2)."""
    return Harness(request.param, recorder)


def _error(status: int, **headers: str) -> httpx.Response:
    return json_response(status, {"code": "UNAVAILABLE", "message": "busy"}, headers=headers)


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retryable_statuses_are_retried(
    retrying: Harness, no_sleep: list[float], status: int
) -> None:
    retrying.recorder.reply(
        _error(status), _error(status), json_response(200, load_fixture("get_response"))
    )
    assert retrying.call("get", id=LLM_ID).llm_id == LLM_ID
    assert len(retrying.recorder.requests) == 3
    assert len(no_sleep) == 2


@pytest.mark.parametrize("status", [301, 302, 400, 401, 403, 404, 409, 422, 501])
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
    ("headers", "expected"),
    [
        ({"retry-after": "2"}, 2.0),
        ({"retry-after": "0.5"}, 0.5),
        ({"retry-after": "0"}, 0.0),
        ({"retry-after": "60"}, 60.0),
        ({"retry-after": "60.5"}, None),
        ({"retry-after": "99999999"}, None),
        ({"retry-after": "-4"}, None),
        ({"retry-after": "nan"}, None),
        ({"retry-after": "inf"}, None),
        ({"retry-after": "garbage"}, None),
        ({"retry-after": ""}, None),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, None),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "1500", "retry-after": "9"}, 1.5),
        ({"retry-after-ms": "junk", "retry-after": "9"}, 9.0),
        ({"retry-after-ms": "600000"}, None),
        ({}, None),
    ],
)
def test_retry_after_parsing(headers: dict[str, str], expected: float | None) -> None:
    assert _retries.retry_after(httpx.Headers(headers)) == expected


def test_retry_after_as_a_date_in_the_near_future_is_honoured() -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= _retries.retry_after(httpx.Headers({"retry-after": when})) <= 30


def test_retry_after_beyond_a_minute_falls_back_to_the_normal_backoff(
    retrying: Harness, no_sleep: list[float]
) -> None:
    # openai-python's rule: a server asking for more than 60 s is not obeyed, nor capped at 60
    retrying.recorder.reply(
        _error(503, **{"Retry-After": "99999999"}),
        _error(429, **{"Retry-After": "61"}),
        json_response(200, {"llms": []}),
    )
    retrying.call("list")
    assert len(no_sleep) == 2
    assert 0.25 <= no_sleep[0] <= 0.5
    assert 0.5 <= no_sleep[1] <= 1.0


def test_backoff_grows_exponentially_with_jitter() -> None:
    for attempt, ceiling in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (10, 8.0)]:
        delays = {_retries.backoff(attempt, None) for _ in range(50)}
        assert all(ceiling / 2 <= d <= ceiling for d in delays), (attempt, delays)
        assert len(delays) > 1  # jittered


def test_create_is_retried_with_the_same_client_generated_id(
    retrying: Harness, no_sleep: list[float]
) -> None:
    retrying.recorder.reply(_error(503), json_response(201, load_fixture("create_response")))
    retrying.call("create", display_name="x", model_identifier="gpt-4o", api_key="sk-test")
    first, second = retrying.recorder.requests
    assert json.loads(first.content)["llmId"] == json.loads(second.content)["llmId"]
    assert first.content == second.content


def test_retried_create_that_conflicts_returns_the_stored_llm(
    retrying: Harness, no_sleep: list[float]
) -> None:
    # The first attempt reached the server but its answer was lost; the retry meets 409.
    def stored(_: httpx.Request) -> httpx.Response:  # the record the lost attempt made
        sent = json.loads(retrying.recorder.requests[0].content)
        return json_response(200, {**load_fixture("get_response"), **sent})

    retrying.recorder.reply(
        httpx.ReadTimeout("answer lost"),
        json_response(409, {"code": "ALREADY_EXISTS", "message": "llmId in use"}),
        stored,
    )
    result = retrying.call(
        "create", display_name="x", model_identifier="gpt-4o", api_key="sk-test", llm_id=LLM_ID
    )
    assert isinstance(result, CreateLLMResponse)
    assert result.llm.llm_id == LLM_ID
    read_back = retrying.recorder.requests[2]
    assert (read_back.method, read_back.url.path) == ("GET", f"/v1/llms/{LLM_ID}")


def test_retried_create_that_meets_another_record_under_its_id_raises_the_conflict(
    retrying: Harness, no_sleep: list[float]
) -> None:
    # llm_id was already taken by another configuration: the read-back finds that one
    other = {**load_fixture("get_response"), "llmId": LLM_ID, "displayName": "old config"}
    retrying.recorder.reply(
        _error(503),
        json_response(409, {"code": "ALREADY_EXISTS", "message": "llmId in use"}),
        json_response(200, other),
    )
    with pytest.raises(goodmem.ConflictError, match="llmId in use"):
        retrying.call(
            "create", display_name="x", model_identifier="gpt-4o", api_key="sk-test", llm_id=LLM_ID
        )
    assert len(retrying.recorder.requests) == 3


def test_retried_create_conflicting_with_another_llm_still_raises(
    retrying: Harness, no_sleep: list[float]
) -> None:
    retrying.recorder.reply(
        _error(503),
        json_response(409, {"code": "ALREADY_EXISTS", "message": "identical LLM exists"}),
        json_response(404, {"code": "NOT_FOUND", "message": "no such LLM"}),
    )
    with pytest.raises(goodmem.ConflictError, match="identical LLM exists"):
        retrying.call("create", display_name="x", model_identifier="gpt-4o", api_key="sk-test")
    assert len(retrying.recorder.requests) == 3


def test_first_create_conflict_raises_without_read_back(retrying: Harness) -> None:
    retrying.recorder.reply(json_response(409, {"code": "ALREADY_EXISTS", "message": "dup"}))
    with pytest.raises(goodmem.ConflictError):
        retrying.call("create", display_name="x", model_identifier="gpt-4o", api_key="sk-test")
    assert len(retrying.recorder.requests) == 1


@pytest.mark.parametrize("mode", MODES)
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


@pytest.mark.parametrize(
    "lost",
    [
        httpx.ReadTimeout("answer lost"),
        httpx.RemoteProtocolError("dropped after sending"),
        httpx.ReadError("reset while reading"),
        lambda _: _error(502),
        lambda _: _error(500),
    ],
    ids=["read-timeout", "dropped", "read-error", "502", "500"],
)
def test_retried_delete_that_finds_nothing_took_effect(
    retrying: Harness,
    no_sleep: list[float],
    caplog: pytest.LogCaptureFixture,
    lost: Reply,
) -> None:
    caplog.set_level(logging.DEBUG, logger="goodmem")
    retrying.recorder.reply(lost, json_response(404, {"code": "NOT_FOUND", "message": "gone"}))
    assert retrying.call("delete", id=LLM_ID) is None
    assert len(retrying.recorder.requests) == 2
    assert any("took effect" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    "refused",
    [
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("no SYN-ACK"),
        lambda _: _error(429),
        lambda _: _error(408),
    ],
    ids=["connect-error", "connect-timeout", "429", "408"],
)
def test_retried_delete_after_an_attempt_known_not_to_arrive_still_raises_404(
    retrying: Harness, no_sleep: list[float], refused: Reply
) -> None:
    # the first attempt certainly did nothing, so the 404 means there never was such an LLM
    retrying.recorder.reply(refused, json_response(404, {"code": "NOT_FOUND", "message": "no"}))
    with pytest.raises(goodmem.NotFoundError):
        retrying.call("delete", id=LLM_ID)


def test_first_delete_404_raises(retrying: Harness, no_sleep: list[float]) -> None:
    retrying.recorder.reply(json_response(404, {"code": "NOT_FOUND", "message": "no such LLM"}))
    with pytest.raises(goodmem.NotFoundError):
        retrying.call("delete", id=LLM_ID)
    assert len(retrying.recorder.requests) == 1


def test_404_after_a_lost_answer_is_still_an_error_for_other_calls(
    retrying: Harness, no_sleep: list[float]
) -> None:
    retrying.recorder.reply(
        httpx.ReadTimeout("lost"), json_response(404, {"code": "NOT_FOUND", "message": "no"})
    )
    with pytest.raises(goodmem.NotFoundError):
        retrying.call("get", id=LLM_ID)


def test_create_conflict_after_a_rate_limit_is_not_read_back(
    retrying: Harness, no_sleep: list[float]
) -> None:
    # a 429 means the first create was not processed: the 409 is about another LLM
    retrying.recorder.reply(
        _error(429), json_response(409, {"code": "ALREADY_EXISTS", "message": "identical"})
    )
    with pytest.raises(goodmem.ConflictError, match="identical"):
        retrying.call("create", display_name="x", model_identifier="gpt-4o", api_key="sk-test")
    assert len(retrying.recorder.requests) == 2


def test_create_read_back_uses_only_the_retries_left(
    retrying: Harness, no_sleep: list[float]
) -> None:
    # max_retries=2: the 409 comes on the last retry, so the read-back gets one attempt
    retrying.recorder.reply(
        _error(503),
        _error(503),
        json_response(409, {"code": "ALREADY_EXISTS", "message": "llmId in use"}),
        _error(503),
    )
    with pytest.raises(goodmem.InternalServerError):
        retrying.call(
            "create", display_name="x", model_identifier="gpt-4o", api_key="sk-test", llm_id=LLM_ID
        )
    assert len(retrying.recorder.requests) == 4
    assert len(no_sleep) == 2


@pytest.mark.parametrize(
    "local",
    [httpx.LocalProtocolError("bad header"), httpx.UnsupportedProtocol("no such scheme")],
)
def test_local_errors_are_not_retried(
    retrying: Harness, no_sleep: list[float], local: Exception
) -> None:
    retrying.recorder.reply(local)
    with pytest.raises(goodmem.APIConnectionError) as info:
        retrying.call("get", id=LLM_ID)
    assert len(retrying.recorder.requests) == 1
    assert info.value.attempts == 1
    assert no_sleep == []


def test_errors_and_raw_responses_carry_the_request_id_and_the_attempts(
    retrying: Harness, no_sleep: list[float]
) -> None:
    retrying.recorder.reply(
        _error(503, **{"x-request-id": "req-1"}),
        _error(503, **{"x-request-id": "req-2"}),
        _error(404, **{"x-request-id": "req-3"}),
    )
    with pytest.raises(goodmem.NotFoundError) as info:
        retrying.call("list")
    assert (info.value.request_id, info.value.attempts) == ("req-3", 3)
    retrying.recorder.reply(
        _error(503), json_response(200, {"llms": []}, headers={"x-request-id": "req-4"})
    )
    raw = retrying.raw("list")
    assert (raw.request_id, raw.attempts) == ("req-4", 2)
    retrying.recorder.reply(json_response(200, {"llms": []}))
    without = retrying.raw("list")
    assert (without.request_id, without.attempts) == (None, 1)
