"""Bad input over real loopback HTTP (issue 20.8, 20.1): a body that is not application/json is
a 415 naming the content type; a key given twice, a syntax error, NaN and a giant integer are
400s that say where; a create without providerType or endpointUrl is a 400 naming it."""

from __future__ import annotations

import json

import httpx
import pytest

from goodmem.testing import FakeServer
from tests.testing.support import create_llm, minimal

BODY = json.dumps(minimal()).encode()


@pytest.fixture
def client(server: FakeServer) -> httpx.Client:
    """An httpx.Client on `server` sending the default key and no content type of its own."""
    return httpx.Client(base_url=server.url, headers={"x-api-key": "gm_test_key"}, timeout=10)


# --- 415 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/xml",
        "text/json",
        "application/json; charset=latin-1",
        None,
    ],
)
@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_a_body_that_is_not_json_is_415(
    client: httpx.Client, method: str, content_type: str | None
) -> None:
    path = "/v1/llms" if method == "POST" else "/v1/llms/" + create_llm(client)["llmId"]
    before = client.get("/v1/llms").json()
    headers = {} if content_type is None else {"content-type": content_type}

    response = client.request(method, path, content=BODY, headers=headers)

    assert response.status_code == 415
    named = (
        "Content-Type: header is missing"
        if content_type is None
        else f"Content-Type: {content_type} is not supported"
    )
    assert response.json() == {
        "code": "INVALID_ARGUMENT",
        "message": f"{named}; send the body as application/json",
    }
    assert client.get("/v1/llms").json() == before


@pytest.mark.parametrize(
    "content_type", ["application/json", "APPLICATION/JSON", "application/json; charset=UTF-8"]
)
def test_json_in_any_spelling_is_accepted(client: httpx.Client, content_type: str) -> None:
    response = client.post("/v1/llms", content=BODY, headers={"content-type": content_type})

    assert response.status_code == 201


# --- 400 that says where ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            BODY[:-1] + b', "displayName": "again"}',
            "displayName: is given more than once in the same JSON object",
        ),
        (
            BODY[:-1] + b', "labels": {"a": "1", "a": "2"}}',
            "a: is given more than once in the same JSON object",
        ),
        (
            BODY[:-1] + b', "maxContextLength": NaN}',
            "maxContextLength: NaN is not valid JSON (numbers must be finite)",
        ),
        (
            BODY[:-1] + b', "defaultSamplingParams": {"temperature": -Infinity}}',
            "defaultSamplingParams.temperature: -Infinity is not valid JSON "
            "(numbers must be finite)",
        ),
        (
            BODY + b" trailing",
            f"body: is not valid JSON: Extra data: line 1 column {len(BODY) + 2} "
            f"(char {len(BODY) + 1})",
        ),
        (
            b'{"displayName": "x",\n "modelIdentifier" "m"}',
            "body: is not valid JSON: Expecting ':' delimiter: line 2 column 20 (char 40)",
        ),
        (
            BODY[:-1] + b', "maxContextLength": ' + b"9" * 5000 + b"}",
            "maxContextLength: is out of range (an integer of 5000 digits)",
        ),
        (
            BODY[:-1] + b', "clientConfig": {"n": -' + b"1" * 5000 + b"}}",
            "clientConfig.n: is out of range (an integer of 5000 digits)",
        ),
        (
            BODY[:-1] + b', "maxContextLength": 99999999999}',
            "maxContextLength: must be between 1 and 2147483647",
        ),
    ],
)
def test_bad_json_is_400_saying_where(client: httpx.Client, content: bytes, message: str) -> None:
    response = client.post(
        "/v1/llms", content=content, headers={"content-type": "application/json"}
    )

    assert response.status_code == 400
    assert response.json() == {"code": "INVALID_ARGUMENT", "message": message}
    assert client.get("/v1/llms").json() == {"llms": []}


# --- 1. the required fields, over HTTP ------------------------------------------------------


@pytest.mark.parametrize("missing", ["providerType", "endpointUrl"])
def test_a_create_without_provider_or_endpoint_is_400(client: httpx.Client, missing: str) -> None:
    body = {k: v for k, v in minimal(modelIdentifier="gpt-4o").items() if k != missing}

    response = client.post("/v1/llms", json=body)

    assert response.status_code == 400
    assert response.json() == {"code": "INVALID_ARGUMENT", "message": f"{missing}: is required"}
    assert client.get("/v1/llms").json() == {"llms": []}
