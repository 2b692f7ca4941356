"""Call conventions shared by every method: positional ids, raw responses, per-call extras."""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import goodmem
from goodmem.types import CreateLLMResponse, LLMResponse
from tests.conftest import load_fixture
from tests.facade.conftest import Harness, json_response

LLM_ID = "550e8400-e29b-41d4-a716-446655440000"
ITEM_URL = f"http://goodmem.test/v1/llms/{LLM_ID}"

Answer = Callable[[httpx.Request], httpx.Response]


def _answer(status: int, fixture: str | None = None, **kwargs: Any) -> Answer:
    """A reply that builds a fresh response per request (a response can be sent only once)."""
    body = {"llms": []} if fixture == "list" else load_fixture(fixture) if fixture else None
    return lambda request: (
        json_response(status, body, **kwargs) if body is not None else httpx.Response(status)
    )


# (method, positional arguments, keyword arguments, answer, expected method and URL)
CALLS: list[tuple[str, tuple[Any, ...], dict[str, Any], Answer, tuple[str, str]]] = [
    (
        "create",
        (),
        {"display_name": "x", "model_identifier": "gpt-4o", "api_key": "sk-x"},
        _answer(201, "create_response", headers={"location": "/v1/llms/a"}),
        ("POST", "http://goodmem.test/v1/llms"),
    ),
    ("get", (LLM_ID,), {}, _answer(200, "get_response"), ("GET", ITEM_URL)),
    ("list", (), {}, _answer(200, "list"), ("GET", "http://goodmem.test/v1/llms")),
    (
        "update",
        (LLM_ID, {"description": "d"}),
        {},
        _answer(200, "update_response"),
        ("PUT", ITEM_URL),
    ),
    ("delete", (LLM_ID,), {}, _answer(204), ("DELETE", ITEM_URL)),
]
IDS = [call[0] for call in CALLS]
Case = tuple[str, tuple[Any, ...], dict[str, Any], Answer, tuple[str, str]]


@pytest.fixture(params=CALLS, ids=IDS)
def case(request: pytest.FixtureRequest) -> Case:
    """One method's call: (method, positional arguments, keywords, answer, method and URL)."""
    result: Case = request.param
    return result


@pytest.mark.parametrize("method", ["get", "delete"])
def test_ids_are_accepted_positionally_and_by_keyword(gm: Harness, method: str) -> None:
    answer = json_response(200, load_fixture("get_response")) if method == "get" else None
    for _ in range(2):
        gm.recorder.reply(answer or httpx.Response(204))
    gm.call(method, LLM_ID)
    gm.call(method, id=LLM_ID)
    assert [str(r.url) for r in gm.recorder.requests] == [ITEM_URL, ITEM_URL]


def test_update_takes_id_and_request_positionally(gm: Harness) -> None:
    gm.recorder.reply(json_response(200, load_fixture("update_response")))
    gm.recorder.reply(json_response(200, load_fixture("update_response")))
    gm.call("update", LLM_ID, {"merge_labels": {"v": "2"}})
    gm.call("update", id=LLM_ID, request={"merge_labels": {"v": "2"}})
    first, second = gm.recorder.requests
    assert first.content == second.content == b'{"mergeLabels":{"v":"2"}}'


def test_with_raw_response_gives_status_headers_and_parse(gm: Harness, case: Case) -> None:
    method, args, kwargs, answer, target = case
    gm.recorder.reply(answer, answer)
    raw = gm.raw(method, *args, **kwargs)
    assert isinstance(raw, goodmem.APIResponse)
    assert isinstance(raw.http_response, httpx.Response)
    status = 204 if method == "delete" else 201 if method == "create" else 200
    assert raw.status_code == status
    assert (raw.method, str(raw.url)) == target
    assert raw.headers.get("content-type") == (None if status == 204 else "application/json")
    parsed = raw.parse()
    assert raw.parse() is parsed  # parsed once
    assert parsed == gm.call(method, *args, **kwargs)
    if method == "create":
        assert raw.headers["location"] == "/v1/llms/a"
        assert isinstance(parsed, CreateLLMResponse)
    if method == "list":
        assert parsed == []
    if method == "delete":
        assert parsed is None
    assert repr(raw) == f"<APIResponse [{status}] {target[0]} {target[1]}>"


def test_raw_response_still_raises_for_error_statuses(gm: Harness) -> None:
    gm.recorder.reply(json_response(404, {"code": "NOT_FOUND", "message": "gone"}))
    with pytest.raises(goodmem.NotFoundError, match="gone"):
        gm.raw("get", LLM_ID)


def test_raw_response_parse_reports_a_malformed_body(gm: Harness) -> None:
    gm.recorder.reply(httpx.Response(200, content=b"<html>"))
    raw = gm.raw("get", LLM_ID)
    assert raw.status_code == 200 and raw.text == "<html>"
    with pytest.raises(goodmem.APIResponseValidationError, match="not JSON"):
        raw.parse()


def test_extra_headers_query_and_body_reach_the_wire(gm: Harness, case: Case) -> None:
    method, args, kwargs, answer, target = case
    gm.recorder.reply(answer)
    gm.call(
        method,
        *args,
        **kwargs,
        extra_headers={"x-trace": "t-1"},
        extra_query={"dryRun": True, "n": 3},
        extra_body={"newField": {"a": [1, "b"]}},
    )
    request = gm.recorder.last
    assert request.headers["x-trace"] == "t-1"
    assert request.url.params["dryRun"] == "true" and request.url.params["n"] == "3"
    body = json.loads(request.content)
    assert body["newField"] == {"a": [1, "b"]}
    assert (request.method, str(request.url.copy_with(query=None))) == target


def test_extra_body_wins_over_fields_the_sdk_set(gm: Harness) -> None:
    gm.recorder.reply(json_response(201, load_fixture("create_response")))
    gm.call(
        "create",
        display_name="x",
        model_identifier="gpt-4o",
        api_key="sk-test",
        extra_body={"displayName": "raw", "dashscopeApiDialect": "OPENAI_COMPATIBLE"},
    )
    body = gm.recorder.last_json()
    assert body["displayName"] == "raw"
    assert body["dashscopeApiDialect"] == "OPENAI_COMPATIBLE"
    assert body["modelIdentifier"] == "gpt-4o"


def test_extra_query_is_appended_to_the_sdk_filters(gm: Harness) -> None:
    gm.recorder.reply(json_response(200, {"llms": []}))
    gm.call("list", label={"env": "prod"}, extra_query={"pageSize": 5})
    assert gm.recorder.last.url.query == b"label.env=prod&pageSize=5"


def test_extra_headers_can_replace_a_default_header(gm: Harness) -> None:
    gm.recorder.reply(json_response(200, load_fixture("get_response")))
    gm.call("get", LLM_ID, extra_headers={"accept": "application/x-custom"})
    assert gm.recorder.last.headers.get_list("accept") == ["application/x-custom"]


@pytest.mark.parametrize(
    ("extras", "error", "pattern"),
    [
        ({"extra_headers": {"x": 1}}, TypeError, r"extra_headers\['x'\]: expected str"),
        ({"extra_headers": ["x"]}, TypeError, "extra_headers: expected a dict"),
        (
            {"extra_query": {"x": [1]}},
            TypeError,
            r"extra_query\['x'\]: expected str, int, float or bool",
        ),
        ({"extra_body": {"x": float("nan")}}, ValueError, r"extra_body\['x'\]: must be a finite"),
        ({"extra_body": {"x": object()}}, TypeError, r"extra_body\['x'\]: object is not JSON"),
        ({"extra_body": "x"}, TypeError, "extra_body: expected a dict"),
        ({"timeout": "5"}, TypeError, "timeout: expected seconds"),
    ],
)
def test_bad_extras_raise_before_sending(
    gm: Harness, extras: dict[str, Any], error: type[Exception], pattern: str
) -> None:
    with pytest.raises(error, match=pattern):
        gm.call("get", LLM_ID, **extras)
    assert gm.recorder.requests == []


def test_per_call_timeout_applies_to_that_call_only(gm: Harness, case: Case) -> None:
    method, args, kwargs, answer, _ = case
    gm.recorder.reply(answer, answer)
    gm.call(method, *args, **kwargs, timeout=1.5)
    gm.call(method, *args, **kwargs)
    first, second = (r.extensions["timeout"] for r in gm.recorder.requests)
    assert first == {"connect": 1.5, "read": 1.5, "write": 1.5, "pool": 1.5}
    assert second == httpx.Timeout(5.0).as_dict()  # the harness's http_client's own default


def test_timeout_none_means_no_timeout(gm: Harness) -> None:
    gm.recorder.reply(json_response(200, load_fixture("get_response")))
    gm.call("get", LLM_ID, timeout=None)
    assert gm.recorder.last.extensions["timeout"] == {
        "connect": None,
        "read": None,
        "write": None,
        "pool": None,
    }


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda llms: llms.create(displayName="x", model_identifier="m"),
            "create() got an unexpected keyword argument 'displayName' "
            "(did you mean 'display_name'?)",
        ),
        (
            lambda llms: llms.list(providerType="OPENAI"),
            "list() got an unexpected keyword argument 'providerType' "
            "(did you mean 'provider_type'?)",
        ),
        (
            lambda llms: llms.get(LLM_ID, llmId=LLM_ID),
            "get() got an unexpected keyword argument 'llmId'",
        ),
        (
            lambda llms: llms.get(LLM_ID, includeCredentials=True),
            "get() got an unexpected keyword argument 'includeCredentials' "
            "(did you mean 'include_credentials'?)",
        ),
        (
            lambda llms: llms.update(LLM_ID, {"display_name": "a"}, description="b"),
            "update(): pass the fields either as `request` or as keywords ('description'), "
            "not both",
        ),
        (
            lambda llms: llms.delete(LLM_ID, time_out=3),
            "delete() got an unexpected keyword argument 'time_out' (did you mean 'timeout'?)",
        ),
        (
            lambda llms: llms.with_raw_response.create(display_name="x", modelIdentifier="m"),
            "create() got an unexpected keyword argument 'modelIdentifier' "
            "(did you mean 'model_identifier'?)",
        ),
    ],
)
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_argument_errors_name_the_public_method_and_suggest_a_fix(
    mode: str, call: Any, message: str
) -> None:
    if mode == "sync":
        llms: Any = goodmem.Goodmem("http://x.test", "k").llms
        with pytest.raises(TypeError) as caught:
            call(llms)
    else:
        llms = goodmem.AsyncGoodmem("http://x.test", "k").llms

        async def run() -> None:
            await call(llms)

        with pytest.raises(TypeError) as caught:
            asyncio.run(run())
    assert str(caught.value) == message


def test_a_type_error_inside_a_method_is_not_rewritten() -> None:
    llms = goodmem.Goodmem("http://x.test", "k").llms
    with pytest.raises(TypeError, match=r"^display_name: expected str, got int$"):
        llms.create(display_name=1, model_identifier="m")  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", [goodmem.AsyncGoodmem])
def test_async_methods_including_raw_ones_are_coroutine_functions(cls: type) -> None:
    client = cls("http://x.test", "k")
    for name in ("create", "get", "list", "update", "delete"):
        assert inspect.iscoroutinefunction(getattr(client.llms, name)), name
        assert inspect.iscoroutinefunction(getattr(client.llms.with_raw_response, name)), name


def test_sync_async_and_raw_methods_take_the_same_arguments() -> None:
    sync = goodmem.Goodmem("http://x.test", "k").llms
    aio = goodmem.AsyncGoodmem("http://x.test", "k").llms
    for name in ("create", "get", "list", "update", "delete"):
        parameters = inspect.signature(getattr(sync, name)).parameters
        for other in (aio, sync.with_raw_response, aio.with_raw_response):
            assert inspect.signature(getattr(other, name)).parameters == parameters


def test_results_are_typed_models(gm: Harness) -> None:
    gm.recorder.reply(json_response(200, load_fixture("get_response")))
    assert isinstance(gm.call("get", LLM_ID), LLMResponse)
