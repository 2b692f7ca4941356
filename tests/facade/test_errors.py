"""Server and transport failures become typed GoodmemError subclasses with the details."""

from __future__ import annotations

import httpx
import pytest

import goodmem
from tests.conftest import load_fixture
from tests.facade.conftest import Harness, json_response

URL = "http://goodmem.test/v1/llms/abc"


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, goodmem.BadRequestError),
        (401, goodmem.AuthenticationError),
        (403, goodmem.PermissionDeniedError),
        (404, goodmem.NotFoundError),
        (409, goodmem.ConflictError),
        (422, goodmem.UnprocessableEntityError),
        (429, goodmem.RateLimitError),
        (500, goodmem.InternalServerError),
        (503, goodmem.InternalServerError),
        (418, goodmem.APIStatusError),
    ],
)
def test_status_maps_to_exception(gm: Harness, status: int, error: type) -> None:
    gm.recorder.reply(json_response(status, {"code": "SOME_CODE", "message": "what went wrong"}))
    with pytest.raises(error) as info:
        gm.call("get", id="abc")
    exc = info.value
    assert type(exc) is error
    assert isinstance(exc, goodmem.APIStatusError)
    assert isinstance(exc, goodmem.GoodmemError)
    assert exc.status_code == status
    assert exc.code == "SOME_CODE"
    assert exc.message == "what went wrong"
    assert (exc.method, exc.url) == ("GET", URL)
    assert exc.response.status_code == status
    assert exc.body == {"code": "SOME_CODE", "message": "what went wrong"}
    assert str(exc) == f"{status} SOME_CODE: what went wrong (GET {URL})"


def test_conflict_on_create_carries_server_details(gm: Harness) -> None:
    gm.recorder.reply(json_response(409, {"code": "ALREADY_EXISTS", "message": "duplicate LLM"}))
    with pytest.raises(goodmem.ConflictError) as info:
        gm.call("create", display_name="x", model_identifier="gpt-4o", api_key="sk-secret-123")
    assert (info.value.code, info.value.method) == ("ALREADY_EXISTS", "POST")
    assert "sk-secret-123" not in str(info.value)
    assert "sk-secret-123" not in repr(info.value)


@pytest.mark.parametrize(
    ("body", "content_type", "code", "message"),
    [
        (b"upstream exploded", "text/plain", None, "upstream exploded"),
        (
            b"<html><body><h1>502 Bad Gateway</h1></body></html>",
            "text/html",
            None,
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
        ),
        (b'{"code": "NOT_FOUND", "message": "no LLM"}', "text/plain", "NOT_FOUND", "no LLM"),
        (b'{"error": {"code": 5, "message": "nested"}}', "application/json", "5", "nested"),
        (b'{"message": "only a message"}', "application/json", None, "only a message"),
        (b'["not", "an", "object"]', "application/json", None, '["not", "an", "object"]'),
        (b"", "application/json", None, ""),
    ],
)
def test_error_bodies_of_any_shape(
    gm: Harness, body: bytes, content_type: str, code: str | None, message: str
) -> None:
    gm.recorder.reply(httpx.Response(404, content=body, headers={"content-type": content_type}))
    with pytest.raises(goodmem.NotFoundError) as info:
        gm.call("get", id="abc")
    assert (info.value.code, info.value.message) == (code, message)
    assert f"(GET {URL})" in str(info.value)


def test_long_error_text_is_shortened(gm: Harness) -> None:
    gm.recorder.reply(httpx.Response(500, text="x" * 10_000))
    with pytest.raises(goodmem.InternalServerError) as info:
        gm.call("get", id="abc")
    assert len(info.value.message) == 500
    assert info.value.message.endswith("...")


@pytest.mark.parametrize(
    ("raised", "error"),
    [
        (httpx.ConnectError("refused"), goodmem.APIConnectionError),
        (httpx.RemoteProtocolError("dropped"), goodmem.APIConnectionError),
        (httpx.ReadTimeout("slow"), goodmem.APITimeoutError),
        (httpx.ConnectTimeout("slow"), goodmem.APITimeoutError),
    ],
)
def test_transport_errors(gm: Harness, raised: Exception, error: type) -> None:
    gm.recorder.reply(raised)
    with pytest.raises(error) as info:
        gm.call("get", id="abc")
    assert type(info.value) is error
    assert info.value.__cause__ is raised
    assert (info.value.method, info.value.url) == ("GET", URL)
    assert isinstance(info.value, goodmem.GoodmemError)


@pytest.mark.parametrize(
    ("response", "field", "pattern"),
    [
        (
            httpx.Response(200, content=b'{"llmId": "x", "displa'),
            None,
            "LLMResponse: response body is not JSON",
        ),
        (httpx.Response(200, content=b""), None, "LLMResponse: response body is not JSON"),
        (httpx.Response(200, text="<html>ok</html>"), None, "not JSON"),
        (json_response(200, ["a"]), None, "LLMResponse: expected a JSON object, got list"),
        (
            json_response(
                200, {k: v for k, v in load_fixture("get_response").items() if k != "ownerId"}
            ),
            "ownerId",
            "LLMResponse: required field 'ownerId' is missing",
        ),
        (
            json_response(200, {**load_fixture("get_response"), "providerType": 5}),
            "providerType",
            "LLMResponse: response does not match the schema",
        ),
        (
            json_response(200, {**load_fixture("get_response"), "labels": "env=prod"}),
            "labels",
            "LLMResponse: response does not match the schema",
        ),
    ],
)
def test_malformed_success_responses(
    gm: Harness, response: httpx.Response, field: str | None, pattern: str
) -> None:
    # a fresh copy: a Response object cannot be served twice (sync run, then async run)
    gm.recorder.reply(httpx.Response(200, content=response.content, headers=response.headers))
    with pytest.raises(goodmem.APIResponseValidationError, match=pattern) as info:
        gm.call("get", id="abc")
    assert info.value.field == field
    assert info.value.status_code == 200
    assert f"(GET {URL})" in str(info.value)


def test_malformed_list_item_names_the_field(gm: Harness) -> None:
    bad = {k: v for k, v in load_fixture("get_response").items() if k != "llmId"}
    gm.recorder.reply(json_response(200, {"llms": [load_fixture("get_response"), bad]}))
    with pytest.raises(goodmem.APIResponseValidationError, match=r"'llms\[1\].llmId' is missing"):
        gm.call("list")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"llmId": 42}, "llmId"),
        ({"createdAt": "2021-04-01"}, "createdAt"),
        ({"createdAt": True}, "createdAt"),
        ({"description": ["x"]}, "description"),
        ({"maxContextLength": 1.5}, "maxContextLength"),
        ({"labels": {"env": 1}}, "labels['env']"),
        ({"capabilities": {"supportsChat": "yes"}}, "capabilities.supportsChat"),
    ],
)
def test_wrong_types_in_a_response_name_the_field(
    gm: Harness, change: dict[str, object], field: str
) -> None:
    gm.recorder.reply(json_response(200, {**load_fixture("get_response"), **change}))
    with pytest.raises(goodmem.APIResponseValidationError, match="does not match") as info:
        gm.call("get", id="abc")
    assert info.value.field == field


def test_exceptions_are_named_where_users_import_them_from() -> None:
    import traceback

    try:
        raise goodmem.ClientStateError("closed")
    except goodmem.GoodmemError as exc:
        text = "".join(traceback.format_exception(exc))
    assert "goodmem.ClientStateError: closed" in text
    for name in ("NotFoundError", "APITimeoutError", "APIResponseValidationError"):
        assert getattr(goodmem, name).__module__ == "goodmem"
        assert getattr(goodmem, name).__qualname__ == name
