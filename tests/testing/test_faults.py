"""Fault injection and the request log, in process with httpx.Client."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx
import pytest

from goodmem.testing import DEFAULT_PRINCIPAL, REDACTED, FakeGoodmem, Faults
from tests.testing.support import api_key_credentials, in_process, minimal


def llm_count(fake: FakeGoodmem) -> int:
    with in_process(fake) as client:
        return len(client.get("/v1/llms").json()["llms"])


# --- scripted answers ------------------------------------------------------------------------


def test_enqueue_answers_once_with_a_default_error_body(
    fake: FakeGoodmem, raw_http: httpx.Client
) -> None:
    fake.faults.enqueue(503, headers={"Retry-After": "1"})

    first = raw_http.get("/v1/llms")
    second = raw_http.get("/v1/llms")

    assert first.status_code == 503
    assert first.headers["retry-after"] == "1"
    assert first.headers["content-type"] == "application/json"
    assert first.json() == {"code": "UNAVAILABLE", "message": "injected fault: HTTP 503"}
    assert second.status_code == 200
    assert [(r.fault, r.status) for r in fake.requests] == [("status", 503), (None, 200)]


@pytest.mark.parametrize(
    ("body", "content"),
    [
        (
            {"code": "RESOURCE_EXHAUSTED", "message": "slow down"},
            b'{"code": "RESOURCE_EXHAUSTED", "message": "slow down"}',
        ),
        ('{"truncated": ', b'{"truncated": '),
        (b"\x00\x01", b"\x00\x01"),
    ],
)
def test_enqueue_sends_the_given_body(
    fake: FakeGoodmem, raw_http: httpx.Client, body: object, content: bytes
) -> None:
    fake.faults.enqueue(429, body)

    response = raw_http.get("/v1/llms")

    assert response.status_code == 429
    assert response.content == content


def test_a_fault_applies_the_given_number_of_times(
    fake: FakeGoodmem, raw_http: httpx.Client
) -> None:
    fake.faults.enqueue(500, times=2)

    statuses = [raw_http.get("/v1/llms").status_code for _ in range(3)]

    assert statuses == [500, 500, 200]
    assert fake.faults.pending == []


def test_times_none_applies_until_cleared(fake: FakeGoodmem, raw_http: httpx.Client) -> None:
    fake.faults.enqueue(502, times=None)

    assert [raw_http.get("/v1/llms").status_code for _ in range(4)] == [502] * 4
    fake.faults.clear()
    assert raw_http.get("/v1/llms").status_code == 200


def test_faults_apply_only_to_matching_requests_in_order(
    fake: FakeGoodmem, raw_http: httpx.Client
) -> None:
    llm_id = raw_http.post("/v1/llms", json=minimal()).json()["llm"]["llmId"]
    fake.faults.enqueue(503, method="put")
    fake.faults.enqueue(504, path="/v1/llms/{id}")
    fake.faults.enqueue(500, method="GET", path="/v1/llms")

    assert [f.status for f in fake.faults.pending] == [503, 504, 500]
    assert raw_http.get("/v1/llms").status_code == 500  # skips the two that do not match
    assert raw_http.get("/v1/llms").status_code == 200
    assert raw_http.get(f"/v1/llms/{llm_id}").status_code == 504
    assert raw_http.get(f"/v1/llms/{llm_id}").status_code == 200
    assert raw_http.put(f"/v1/llms/{llm_id}", json={}).status_code == 503
    assert fake.faults.pending == []


def test_a_path_template_matches_exactly_one_segment(
    fake: FakeGoodmem, raw_http: httpx.Client
) -> None:
    fake.faults.enqueue(500, path="/v1/llms/{id}")

    assert raw_http.get("/v1/llms").status_code == 200
    assert raw_http.get("/v1/llms/a/b").status_code == 400
    assert raw_http.get("/v1/llms/x").status_code == 500


def test_faults_come_before_authentication(fake: FakeGoodmem) -> None:
    fake.faults.enqueue(503)

    with in_process(fake, key=None) as anonymous:
        assert anonymous.get("/v1/llms").status_code == 503
        assert anonymous.get("/v1/llms").status_code == 401


def test_after_processing_applies_the_request_then_fails(
    fake: FakeGoodmem, raw_http: httpx.Client
) -> None:
    fake.faults.enqueue(500, method="POST", after_processing=True)

    failed = raw_http.post("/v1/llms", json=minimal())
    retried = raw_http.post("/v1/llms", json=minimal())

    assert failed.status_code == 500
    assert retried.status_code == 409
    assert llm_count(fake) == 1


def test_enqueue_raw_sends_a_proxy_error_page(fake: FakeGoodmem, raw_http: httpx.Client) -> None:
    fake.faults.enqueue_raw(b"<html><body>Bad Gateway</body></html>")
    fake.faults.enqueue_raw("upstream reset", content_type="text/plain", status=503)

    page = raw_http.get("/v1/llms")
    text = raw_http.get("/v1/llms")

    assert (page.status_code, page.headers["content-type"]) == (502, "text/html")
    assert page.content == b"<html><body>Bad Gateway</body></html>"
    assert (text.status_code, text.headers["content-type"], text.text) == (
        503,
        "text/plain",
        "upstream reset",
    )
    assert [r.fault for r in fake.requests] == ["raw", "raw"]


# --- delays and dropped connections -----------------------------------------------------------


def test_delay_waits_then_answers_normally(fake: FakeGoodmem, raw_http: httpx.Client) -> None:
    fake.faults.delay(0.2)

    started = time.monotonic()
    response = raw_http.post("/v1/llms", json=minimal())
    elapsed = time.monotonic() - started

    assert response.status_code == 201
    assert 0.2 <= elapsed < 1.0
    assert fake.requests[0].fault == "delay"


def test_a_delay_past_the_read_timeout_times_out_after_doing_the_work(
    fake: FakeGoodmem,
) -> None:
    fake.faults.delay(5)

    with in_process(fake, timeout=0.1) as client:
        started = time.monotonic()
        with pytest.raises(httpx.ReadTimeout):
            client.post("/v1/llms", json=minimal())
        assert time.monotonic() - started < 1.0
    assert llm_count(fake) == 1


def test_drop_connection_raises_connect_error_and_does_nothing(
    fake: FakeGoodmem, raw_http: httpx.Client
) -> None:
    fake.faults.drop_connection(method="POST")

    with pytest.raises(httpx.ConnectError):
        raw_http.post("/v1/llms", json=minimal())

    assert llm_count(fake) == 0
    assert (fake.requests[0].fault, fake.requests[0].status) == ("drop", None)
    assert raw_http.post("/v1/llms", json=minimal()).status_code == 201


def test_drop_after_processing_loses_only_the_answer(
    fake: FakeGoodmem, raw_http: httpx.Client
) -> None:
    fake.faults.drop_connection(times=2, after_processing=True)

    with pytest.raises(httpx.RemoteProtocolError):
        raw_http.post("/v1/llms", json=minimal())
    with pytest.raises(httpx.RemoteProtocolError):
        raw_http.post("/v1/llms", json=minimal())

    assert llm_count(fake) == 1  # the second create was a duplicate


BAD_SCRIPTS: list[Callable[[Faults], None]] = [
    lambda faults: faults.enqueue(503, times=0),
    lambda faults: faults.enqueue_raw(b"x", times=-1),
    lambda faults: faults.delay(-1),
    lambda faults: faults.drop_connection(times=0),
]


@pytest.mark.parametrize("script", BAD_SCRIPTS)
def test_bad_fault_arguments_raise(fake: FakeGoodmem, script: Callable[[Faults], None]) -> None:
    with pytest.raises(ValueError, match="must"):
        script(fake.faults)
    assert fake.faults.pending == []


def test_faults_are_shared_safely_between_threads(fake: FakeGoodmem) -> None:
    fake.faults.enqueue(503, times=7)
    statuses: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        with in_process(fake) as client:
            for _ in range(5):
                status = client.get("/v1/llms").status_code
                with lock:
                    statuses.append(status)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses).count(503) == 7
    assert len(statuses) == 40
    assert len(fake.requests) == 40


# --- the request log -------------------------------------------------------------------------


def test_the_log_redacts_keys_and_inline_secrets(fake: FakeGoodmem, raw_http: httpx.Client) -> None:
    body = minimal(credentials=api_key_credentials("sk-very-secret"), labels={"a": "b"})
    raw_http.post("/v1/llms?x=1", json=body, headers={"authorization": "Bearer t"})

    (record,) = fake.requests

    assert (record.method, record.path, record.query) == ("POST", "/v1/llms", "x=1")
    assert record.headers["x-api-key"] == REDACTED
    assert record.headers["authorization"] == REDACTED
    assert record.headers["content-type"] == "application/json"
    assert record.body == minimal(
        credentials={"kind": "CREDENTIAL_KIND_API_KEY", "apiKey": {"inlineSecret": REDACTED}},
        labels={"a": "b"},
    )
    assert record.principal == DEFAULT_PRINCIPAL
    assert record.status == 400  # unknown query parameter
    assert "sk-very-secret" not in repr(fake.requests)
    assert fake.api_key not in repr(fake.requests)


def test_the_log_redacts_secrets_in_bodies_that_are_not_json(
    fake: FakeGoodmem, raw_http: httpx.Client
) -> None:
    raw_http.post("/v1/llms", content=b'{"apiKey": {"inlineSecret": "sk-cut-off')

    assert fake.requests[0].body == '{"apiKey": {"inlineSecret": "[redacted]"'


def test_the_log_keeps_query_parameters(fake: FakeGoodmem, raw_http: httpx.Client) -> None:
    raw_http.get("/v1/llms", params={"label.env": "prod", "label[team]": "ai"})
    raw_http.delete("/v1/llms/x")

    listed, deleted = fake.requests
    assert listed.params == {"label.env": ["prod"], "label[team]": ["ai"]}
    assert listed.query == "label.env=prod&label%5Bteam%5D=ai"
    assert (listed.principal, listed.status, listed.body) == (DEFAULT_PRINCIPAL, 200, None)
    assert deleted.headers["x-api-key"] == REDACTED
    assert listed.received_at <= deleted.received_at


def test_of_an_unknown_caller_the_log_keeps_method_path_and_status_only(
    fake: FakeGoodmem,
) -> None:
    """Issue 20.6: anyone can send junk, so nothing but method, path and status is kept."""
    with in_process(fake, key=None) as anonymous:
        anonymous.post(
            "/v1/llms?note=x",
            json=minimal(credentials={"kind": "CREDENTIAL_KIND_API_KEY"}),
            headers={"x-junk": "j" * 1000},
        )
        anonymous.delete("/v1/llms/x?y=1", headers={"x-api-key": "nope"})

    created, deleted = fake.requests
    assert (created.method, created.path, created.status) == ("POST", "/v1/llms", 401)
    assert (deleted.method, deleted.path, deleted.status) == ("DELETE", "/v1/llms/x", 401)
    for record in (created, deleted):
        assert (record.principal, record.query, record.headers) == (None, "", {})
        assert (record.body, record.content) == (None, b"")


def test_requests_is_a_snapshot_and_clear_requests_empties_it(
    fake: FakeGoodmem, raw_http: httpx.Client
) -> None:
    raw_http.get("/v1/llms")
    snapshot = fake.requests
    raw_http.get("/v1/llms")

    assert len(snapshot) == 1
    fake.clear_requests()
    assert fake.requests == []
