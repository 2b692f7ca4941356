"""401 for a missing or unknown key, 404/405 off the API, malformed ids (permissions across
principals: test_permissions.py)."""

from __future__ import annotations

import httpx
import pytest

from goodmem.testing import FakeGoodmem
from tests.testing.support import minimal

SOME_ID = "00000000-0000-4000-8000-000000000000"
OPERATIONS = [
    ("POST", "/v1/llms"),
    ("GET", "/v1/llms"),
    ("GET", f"/v1/llms/{SOME_ID}"),
    ("PUT", f"/v1/llms/{SOME_ID}"),
    ("DELETE", f"/v1/llms/{SOME_ID}"),
]


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_every_operation_needs_the_api_key(anon_http: httpx.Client, method: str, path: str) -> None:
    response = anon_http.request(method, path, json=minimal() if method != "GET" else None)

    assert response.status_code == 401
    assert response.json() == {"code": "UNAUTHENTICATED", "message": "x-api-key: header is missing"}


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
@pytest.mark.parametrize("key", ["gm_wrong", "", "GM_TEST_KEY", "Bearer gm_test_key"])
def test_an_unknown_key_is_rejected_without_echoing_it(
    anon_http: httpx.Client, method: str, path: str, key: str
) -> None:
    response = anon_http.request(method, path, headers={"x-api-key": key}, json=minimal())

    assert response.status_code == 401
    assert response.json() == {
        "code": "UNAUTHENTICATED",
        "message": "x-api-key: not a valid API key",
    }


def test_a_rejected_create_stores_nothing(anon_http: httpx.Client, http: httpx.Client) -> None:
    anon_http.post("/v1/llms", json=minimal())

    assert http.get("/v1/llms").json() == {"llms": []}


@pytest.mark.parametrize(
    "path", ["/", "/v1", "/v1/llm", "/v1/llmsx", "/v2/llms", "/v1/embedders", "/V1/LLMS"]
)
def test_paths_outside_the_api_are_404(http: httpx.Client, path: str) -> None:
    response = http.get(path)

    assert response.status_code == 404
    assert response.json() == {"code": "NOT_FOUND", "message": f"no such resource: {path}"}


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", "/v1/llms", "GET, HEAD, POST"),
        ("DELETE", "/v1/llms", "GET, HEAD, POST"),
        ("PATCH", "/v1/llms", "GET, HEAD, POST"),
        ("POST", f"/v1/llms/{SOME_ID}", "GET, HEAD, PUT, DELETE"),
        ("PATCH", f"/v1/llms/{SOME_ID}", "GET, HEAD, PUT, DELETE"),
        ("OPTIONS", f"/v1/llms/{SOME_ID}", "GET, HEAD, PUT, DELETE"),
    ],
)
def test_other_methods_are_405_with_allow(
    http: httpx.Client, method: str, path: str, allow: str
) -> None:
    response = http.request(method, path)

    assert response.status_code == 405
    assert response.headers["allow"] == allow
    assert response.json()["code"] == "UNIMPLEMENTED"


@pytest.mark.parametrize(
    "raw_id",
    [
        "not-a-uuid",
        f"{SOME_ID}%2F",  # '/'
        f"{SOME_ID[:8]}%2F{SOME_ID[9:]}",
        "%2E%2E",  # '..'
        f"{SOME_ID}%3Fx=1",  # '?'
        f"{SOME_ID}%23frag",  # '#'
        f"{SOME_ID}%25",  # '%'
        "%2541",  # decoded once to '%41', not to 'A'
        f"{SOME_ID}%20",  # ' '
        f"{SOME_ID[:-1]}%C3%A9",  # non-ASCII
        f"{SOME_ID[:-1]}%FF",  # not UTF-8
        f"{SOME_ID}/extra",  # a sub-path is not another route
        "",
    ],
)
@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_a_malformed_id_is_400(http: httpx.Client, method: str, raw_id: str) -> None:
    url = httpx.URL(f"{FakeGoodmem.base_url}/v1/llms/{raw_id}")

    response = http.request(method, url, json={} if method == "PUT" else None)

    assert response.status_code == 400
    expected = "id: must not be empty" if raw_id == "" else "id: must be a UUID"
    assert response.json() == {"code": "INVALID_ARGUMENT", "message": expected}


def test_a_percent_encoded_valid_id_is_decoded_once(http: httpx.Client) -> None:
    llm_id = http.post("/v1/llms", json=minimal()).json()["llm"]["llmId"]
    encoded = "".join(f"%{ord(c):02X}" if c in "abcdef-" else c for c in llm_id)

    response = http.get(httpx.URL(f"{FakeGoodmem.base_url}/v1/llms/{encoded}"))

    assert response.status_code == 200
    assert response.json()["llmId"] == llm_id


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", f"/v1/llms/{SOME_ID}?x=1"), ("DELETE", f"/v1/llms/{SOME_ID}?force=true")],
)
def test_item_operations_take_no_query(http: httpx.Client, method: str, path: str) -> None:
    response = http.request(method, path)

    assert response.status_code == 400
    assert response.json()["message"].endswith(": unknown query parameter")


def test_dot_segments_in_a_raw_target_never_reach_another_route(
    http: httpx.Client, fake: FakeGoodmem
) -> None:
    llm_id = http.post("/v1/llms", json=minimal()).json()["llm"]["llmId"]
    # httpx resolves `..` in URLs; the `target` extension carries the path as sent on the wire
    request = http.build_request("DELETE", f"/v1/llms/{llm_id}")
    request.extensions["target"] = f"/v1/llms/{llm_id}/../{llm_id}".encode()

    response = fake.handle(request)

    assert response.status_code == 400
    assert http.get(f"/v1/llms/{llm_id}").status_code == 200


def test_constructor_checks_its_keys() -> None:
    with pytest.raises(ValueError, match="UUID"):
        FakeGoodmem({"k": "not-a-uuid"})
    with pytest.raises(ValueError, match="at least one"):
        FakeGoodmem({})
    with pytest.raises(ValueError, match="empty"):
        FakeGoodmem({"": "550e8400-e29b-41d4-a716-446655440000"})


def test_defaults_are_one_key_and_a_fixed_principal() -> None:
    fake = FakeGoodmem()

    assert fake.api_key == "gm_test_key"
    assert fake.principal == "550e8400-e29b-41d4-a716-446655440000"
