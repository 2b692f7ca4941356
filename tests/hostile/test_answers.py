"""What a server answers, read faithfully: framing, JSON, charsets and the messages made of it.

Issue 19, items 5, 9, 13 and 17.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import goodmem
from tests.conftest import load_fixture
from tests.hostile.conftest import Caller
from tests.hostile.server import Connection, HostileServer, response_head

REAL = load_fixture("get_response")
LLM_ID = REAL["llmId"]
OTHER_ID = "11111111-1111-4111-8111-111111111111"


def _json_answer(conn: Connection, body: bytes, status: int = 200, **headers: Any) -> None:
    headers.setdefault("content_type", "application/json")
    conn.send(response_head(status, content_length=len(body), **headers) + body)


# --- item 13: no response smuggling after a bodiless status ---------------------------------


@pytest.mark.parametrize("status", [204, 304])
@pytest.mark.parametrize("own_pool", [True, False], ids=["sdk-pool", "caller-pool"])
def test_bytes_after_a_bodiless_answer_are_not_the_next_answer(
    caller: Caller, status: int, own_pool: bool
) -> None:
    """A 204 (or 304) with a whole response after its head, on a kept-alive connection: the
    next call must not read that response as its own; its connection is dropped instead."""
    smuggled = json.dumps({"llms": [{**REAL, "llmId": OTHER_ID, "displayName": "SMUGGLED"}]})

    def script(conn: Connection) -> None:
        if not conn.request_line.startswith("DELETE"):
            _json_answer(conn, json.dumps({"llms": [REAL]}).encode())
            return
        inner = smuggled.encode()
        conn.send(
            response_head(status, keep_alive=True, content_length=len(inner))
            + response_head(200, keep_alive=True, content_type="application/json")[:-2]
            + f"content-length: {len(inner)}\r\n\r\n".encode()
            + inner
        )
        conn.next_request()  # a client that reused the connection has read the smuggled one
        conn.server.closing.wait(10)

    with HostileServer(script) as server:
        options: dict[str, Any] = {} if own_pool else {"http_client": "caller"}
        client = caller.client(server.url, max_retries=0, **options)
        try:
            caller.call(client, "delete", id=LLM_ID)
        except goodmem.APIStatusError as exc:  # 304 is no success
            assert exc.status_code == status
        listed = caller.call(client, "list")
        print(f"{caller.mode} {status}: {server.connections} connections, {server.requests}")
    assert [llm.display_name for llm in listed] == [REAL["displayName"]]
    assert server.connections == 2


def test_get_checks_the_answer_is_for_the_id_asked(caller: Caller) -> None:
    other = json.dumps({**REAL, "llmId": OTHER_ID}).encode()
    with HostileServer(lambda conn: _json_answer(conn, other)) as server:
        client = caller.client(server.url, max_retries=0)
        with pytest.raises(goodmem.APIResponseValidationError) as info:
            caller.call(client, "get", id=LLM_ID)
    assert info.value.field == "llmId"
    assert OTHER_ID in str(info.value)
