"""A create whose answer was lost: the retry meets 409, and the SDK reads the LLM back.

Issue 19, items 3 and 4. The read-back counts only if the stored LLM is the one this call
sent (same llm_id and identity fields, display name included); otherwise the 409 stands, as
if no retry had happened. The read-back is a plain GET: no body, none of the create's
`extra_body` or `extra_query`, but the call's `extra_headers` (the same credentials).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import goodmem
from tests.conftest import load_fixture
from tests.hostile.conftest import Caller
from tests.hostile.server import Connection, HostileServer, response_head
from tests.hostile.test_requests import header_values

LLM_ID = "0f2b8c1e-5a4d-4c3b-9e8f-7a6b5c4d3e2f"
INLINE_SECRET = "sk-inline-secret-1234"
CREATE: dict[str, Any] = {
    "llm_id": LLM_ID,
    "display_name": "mine",
    "model_identifier": "gpt-4o",
    "api_path": "/chat/completions",
    "api_key": INLINE_SECRET,
    "extra_body": {"futureField": 1},
    "extra_query": {"dryRun": "false"},
    "extra_headers": {"X-Api-Key": "tenant-key", "X-Tenant": "t1"},
}


def _send_json(conn: Connection, status: int, body: Any) -> None:
    data = json.dumps(body).encode()
    conn.send(response_head(status, content_type="application/json", content_length=len(data)))
    conn.send(data)


def _server(stored: dict[str, Any] | None) -> HostileServer:
    """503 to the first POST, 409 to the next; a GET reads back `stored`, or else what the
    POST sent (the same LLM, as stored by a server that did take the first attempt)."""
    posts: list[dict[str, Any]] = []

    def script(conn: Connection) -> None:
        if conn.request_line.startswith("POST"):
            posts.append(json.loads(conn.body))
            if len(posts) == 1:
                _send_json(conn, 503, {"error": {"code": "UNAVAILABLE", "message": "lost"}})
            else:
                conflict = {"code": "ALREADY_EXISTS", "message": "llmId exists"}
                _send_json(conn, 409, {"error": conflict})
            return
        record = dict(load_fixture("get_response"))
        sent = stored if stored is not None else posts[0]
        for field in ("llmId", "displayName", "providerType", "endpointUrl", "apiPath"):
            record.pop(field, None)
            if field in sent:
                record[field] = sent[field]
        record["modelIdentifier"] = sent["modelIdentifier"]
        _send_json(conn, 200, record)

    return HostileServer(script)


def test_a_lost_create_is_recovered_by_a_plain_get(caller: Caller, no_sleep: list[float]) -> None:
    with _server(stored=None) as server:
        client = caller.client(server.url, api_key="client-admin-key")
        created = caller.call(client, "create", **CREATE)
        requests, heads, bodies = server.requests, server.heads, server.bodies
    print(f"{caller.mode}: {requests}")
    assert created.llm.llm_id == LLM_ID
    assert created.llm.display_name == "mine"
    assert [line.split(" ")[0] for line in requests] == ["POST", "POST", "GET"]
    get_line, get_head, get_body = requests[2], heads[2], bodies[2]
    assert get_line == f"GET /v1/llms/{LLM_ID} HTTP/1.1"  # no extra_query
    assert get_body == b""
    assert header_values(get_head, "content-length") in ([], ["0"])
    assert header_values(get_head, "content-type") == []
    assert b"futureField" not in get_head
    assert INLINE_SECRET.encode() not in get_head
    assert header_values(get_head, "x-api-key") == ["tenant-key"]
    assert header_values(get_head, "x-tenant") == ["t1"]
    assert "dryRun=false" in requests[0]  # the create itself did carry them
    assert json.loads(bodies[0])["futureField"] == 1


@pytest.mark.parametrize(
    "foreign",
    [
        {"displayName": "old config"},
        {"modelIdentifier": "gpt-4o-mini"},
        {"endpointUrl": "https://evil.example/v1"},
        {"providerType": "ANTHROPIC"},
        {"apiPath": "/v2/other"},
    ],
    ids=lambda foreign: next(iter(foreign)),
)
def test_a_foreign_record_under_the_same_id_is_a_conflict(
    caller: Caller, no_sleep: list[float], foreign: dict[str, str]
) -> None:
    """The id existed already with other content: ConflictError, never the other record."""
    stored = {
        "llmId": LLM_ID,
        "displayName": "mine",
        "providerType": "OPENAI",
        "endpointUrl": "https://api.openai.com/v1",
        "modelIdentifier": "gpt-4o",
        "apiPath": "/chat/completions",
        **foreign,
    }
    with _server(stored=stored) as server:
        client = caller.client(server.url)
        with pytest.raises(goodmem.ConflictError) as info:
            caller.call(client, "create", **CREATE)
        requests = server.requests
    print(f"{caller.mode} {foreign}: {info.value}")
    assert info.value.status_code == 409
    assert [line.split(" ")[0] for line in requests] == ["POST", "POST", "GET"]
