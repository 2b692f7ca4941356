"""Self-tests of the cassette machinery: scrubbing, strict matching, replay checks, spec checks.

Each test records a throwaway cassette in tmp_path from an in-process embedded GoodMem (no
sockets), then replays it the way the contract fixtures do and checks that a change fails
with a message naming the operation.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

import goodmem
from goodmem.testing import DEFAULT_PRINCIPAL, FakeGoodmem
from tests.contract.harness import FIXED_CLOCK_MS, Harness, llm_fields
from tests.contract.recording import (
    CASSETTE_ORIGIN,
    REDACTED,
    REPLAY_BASE_URL,
    CassetteMismatch,
    NetworkGuard,
    cassette_problems,
    interaction_problems,
    leaked_secrets,
    open_cassette,
    playback_problems,
    scrub_body,
    scrub_json,
)
from tests.spec_check import load_spec

KEY = "gm_meta_secret_key"
SECRET = "sk-meta-inline-secret"
LLM_ID = "3b0f2a1c-5d6e-4f70-8a9b-0c1d2e3f4a5b"
OTHER_ID = "3b0f2a1c-5d6e-4f70-8a9b-0c1d2e3f4a5c"
Calls = Callable[[Harness], object]


@pytest.fixture
def record(tmp_path: Path) -> Callable[[Calls], Path]:
    """Record `calls` against an in-process embedded GoodMem into a fresh cassette file."""

    def recorder(calls: Calls) -> Path:
        path = tmp_path / "meta.yaml"
        fake = FakeGoodmem({KEY: DEFAULT_PRINCIPAL}, clock=lambda: FIXED_CLOCK_MS)
        http = httpx.Client(transport=httpx.MockTransport(fake.handle))
        session = open_cassette(path, record=True, base_url=fake.base_url)
        harness = Harness("sync", fake.base_url, KEY, http_client=http)
        try:
            calls(harness)
        finally:
            harness.close()
            session.close(save=True)
        return path

    return recorder


@pytest.fixture
def replay(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path, Calls], list[str]]]:
    """Replay `calls` from a cassette as the contract fixtures do; the playback problems."""
    guard = NetworkGuard()
    guard.install(monkeypatch)

    def replayer(path: Path, calls: Calls) -> list[str]:
        session = open_cassette(path, record=False, base_url=REPLAY_BASE_URL)
        harness = Harness("sync", REPLAY_BASE_URL, "another-key")
        try:
            calls(harness)
        finally:
            harness.close()
            session.close(save=False)
        return playback_problems(session.cassette)

    yield replayer
    assert guard.attempts == []


def _create(secret: str = SECRET, **extra: Any) -> Calls:
    return lambda gm: gm.create(**llm_fields("meta", api_key=secret, **extra), llm_id=LLM_ID)


def test_cassette_is_scrubbed_and_host_independent(record: Callable[[Calls], Path]) -> None:
    """Keys and inline secrets (request and response) are REDACTED; volatile headers dropped."""
    path = record(_create())

    text = path.read_text()
    assert KEY not in text
    assert SECRET not in text
    (interaction,) = yaml.safe_load(text)["interactions"]
    request, response = interaction["request"], interaction["response"]
    assert request["uri"] == f"{CASSETTE_ORIGIN}/v1/llms"
    assert request["headers"]["x-api-key"] == [REDACTED]
    assert "user-agent" not in request["headers"]
    assert json.loads(request["body"])["credentials"]["apiKey"]["inlineSecret"] == REDACTED
    body = json.loads(response["body"]["string"])
    assert "credentials" not in body["llm"]  # create answers never carry credentials
    assert set(response["headers"]) == {"content-type", "location"}
    assert leaked_secrets(path, known=[KEY, SECRET]) == []
    assert cassette_problems(path) == []


def test_exact_replay_plays_every_interaction(
    record: Callable[[Calls], Path], replay: Callable[[Path, Calls], list[str]]
) -> None:
    """The same calls replay from another base URL and key, with another inline secret."""

    def calls(gm: Harness) -> None:
        gm.create(**llm_fields("meta", api_key=SECRET), llm_id=LLM_ID)
        gm.list(label={"case": "meta"}, provider_type="VLLM")
        gm.delete(LLM_ID)

    path = record(calls)

    def same_calls_other_secret(gm: Harness) -> None:
        assert gm.create(**llm_fields("meta", api_key="sk-other"), llm_id=LLM_ID).llm
        assert [llm.llm_id for llm in gm.list(label={"case": "meta"}, provider_type="VLLM")] == [
            LLM_ID
        ]
        gm.delete(LLM_ID)

    assert replay(path, same_calls_other_secret) == []


def test_changed_body_fails_naming_the_operation_and_field(
    record: Callable[[Calls], Path], replay: Callable[[Path, Calls], list[str]]
) -> None:
    """A body that differs from the recording fails: operation first, then the JSON pointer."""
    path = record(_create())

    with pytest.raises(CassetteMismatch) as raised:
        replay(path, _create(display_name="Renamed"))

    message = str(raised.value)
    assert message.startswith("createLLM POST /v1/llms: request not in cassette")
    assert '/displayName: recorded "Contract meta", sent "Renamed"' in message
    assert SECRET not in message


def test_changed_query_fails_naming_the_parameter(
    record: Callable[[Calls], Path], replay: Callable[[Path, Calls], list[str]]
) -> None:
    """A dropped query parameter fails with the parameter that is missing."""
    path = record(lambda gm: gm.list(label={"env": "prod"}, provider_type="VLLM"))

    with pytest.raises(CassetteMismatch) as raised:
        replay(path, lambda gm: gm.list(label={"env": "prod"}))

    message = str(raised.value)
    assert message.startswith("listLlms GET /v1/llms: request not in cassette")
    assert "recorded but not sent [providerType=VLLM]" in message


def test_changed_path_and_method_fail(
    record: Callable[[Calls], Path], replay: Callable[[Path, Calls], list[str]]
) -> None:
    """Another id, or another operation on the same id, is not answered."""
    path = record(lambda gm: _expect(goodmem.NotFoundError, gm.get, LLM_ID))

    with pytest.raises(
        CassetteMismatch, match=r"(?s)^getLLM GET /v1/llms/\{id\}: .*path /v1/llms/"
    ):
        replay(path, lambda gm: gm.get(OTHER_ID))
    with pytest.raises(
        CassetteMismatch, match=r"(?s)^deleteLLM DELETE /v1/llms/\{id\}: .*method DELETE sent"
    ):
        replay(path, lambda gm: gm.delete(LLM_ID))


def test_unused_interaction_fails(
    record: Callable[[Calls], Path], replay: Callable[[Path, Calls], list[str]]
) -> None:
    """A recorded request the replay never makes is reported with its operation."""

    def calls(gm: Harness) -> None:
        _expect(goodmem.NotFoundError, gm.get, LLM_ID)
        _expect(goodmem.NotFoundError, gm.delete, LLM_ID)

    path = record(calls)

    problems = replay(path, lambda gm: _expect(goodmem.NotFoundError, gm.get, LLM_ID))

    assert len(problems) == 1
    assert "deleteLLM DELETE /v1/llms/{id}: recorded interaction 2" in problems[0]
    assert "never requested" in problems[0]


def test_repeated_request_is_not_replayed_twice(
    record: Callable[[Calls], Path], replay: Callable[[Path, Calls], list[str]]
) -> None:
    """allow_playback_repeats is off: a second identical request finds nothing."""
    path = record(lambda gm: _expect(goodmem.NotFoundError, gm.get, LLM_ID))

    def twice(gm: Harness) -> None:
        _expect(goodmem.NotFoundError, gm.get, LLM_ID)
        gm.get(LLM_ID)

    with pytest.raises(CassetteMismatch, match="already played"):
        replay(path, twice)


def test_out_of_order_replay_fails(
    record: Callable[[Calls], Path], replay: Callable[[Path, Calls], list[str]]
) -> None:
    """Requests made in another order than recorded are reported."""

    def in_order(gm: Harness) -> None:
        gm.list(label={"a": "1"})
        gm.list(label={"b": "2"})

    def reversed_order(gm: Harness) -> None:
        gm.list(label={"b": "2"})
        gm.list(label={"a": "1"})

    path = record(in_order)

    problems = replay(path, reversed_order)

    assert any("out of recorded order: 2, 1" in problem for problem in problems)


def test_network_guard_refuses_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside a cassette a replaying client would reach the network: the guard refuses."""
    guard = NetworkGuard()
    guard.install(monkeypatch)
    for flavour in ("sync", "async"):
        harness = Harness(flavour, REPLAY_BASE_URL, "another-key")
        try:
            with pytest.raises(goodmem.APIConnectionError):
                harness.get(LLM_ID)
        finally:
            harness.close()
    assert guard.attempts == ["('127.0.0.1', 9)", "('127.0.0.1', 9)"]


def test_scrubbers() -> None:
    """inlineSecret is redacted at any depth, in JSON and in text; other bodies stay as sent."""
    nested = {"a": [{"inlineSecret": "x", "b": {"inlineSecret": 1}}], "inlineSecret": None}
    assert scrub_json(nested) == {
        "a": [{"inlineSecret": REDACTED, "b": {"inlineSecret": REDACTED}}],
        "inlineSecret": REDACTED,
    }
    assert scrub_body(b'{"inlineSecret": "sk-1"}') == b'{"inlineSecret":"REDACTED"}'
    assert scrub_body(b'{"inlineSecret": "sk-1",') == b'{"inlineSecret": "REDACTED",'
    assert scrub_body(b'{ "keep" : "spacing" }') == b'{ "keep" : "spacing" }'
    assert scrub_body(None) is None


def test_leak_scanner_flags_secrets(tmp_path: Path) -> None:
    """The scanner catches each kind of leak it promises to."""
    path = tmp_path / "leaky.yaml"
    interaction = {
        "request": {
            "method": "POST",
            "uri": f"{CASSETTE_ORIGIN}/v1/llms",
            "headers": {"x-api-key": ["real-key"], "authorization": ["Basic abc"]},
            "body": json.dumps({"credentials": {"apiKey": {"inlineSecret": "hunter2"}}}),
        },
        "response": {
            "status": {"code": 201, "message": "Created"},
            "headers": {"set-cookie": ["s=1"]},
            "body": {"string": '{"note": "token sk-abcdef and gm_abcdef"}'},
        },
    }
    path.write_text(yaml.safe_dump({"version": 1, "interactions": [interaction]}))

    problems = "\n".join(leaked_secrets(path, known=["real-key"]))

    for expected in (
        "x-api-key is not REDACTED",
        "request header authorization",
        "response header set-cookie",
        "request body /credentials/apiKey/inlineSecret",
        "'sk-abcdef'",
        "'gm_abcdef'",
        "known secret",
    ):
        assert expected in problems


def _interaction(record: Callable[[Calls], Path]) -> tuple[dict[str, Any], dict[str, Any]]:
    path = record(_create())
    (interaction,) = yaml.safe_load(path.read_text())["interactions"]
    return interaction["request"], interaction["response"]


def test_spec_check_names_operation_and_problem(record: Callable[[Calls], Path]) -> None:
    """Responses and requests that break openapi.yaml are reported with what is wrong."""
    request, response = _interaction(record)
    assert interaction_problems(request, response) == []

    renamed = copy.deepcopy(response)
    body = json.loads(renamed["body"]["string"])
    body["llm"]["name"] = body["llm"].pop("displayName")
    renamed["body"]["string"] = json.dumps(body)
    assert any(
        "'displayName' is a required property" in problem
        for problem in interaction_problems(request, renamed)
    )

    teapot = copy.deepcopy(response)
    teapot["status"]["code"] = 418
    assert interaction_problems(request, teapot) == [
        f"status 418 is not documented (documented: {_documented('post', '/v1/llms')})"
    ]

    extra_field = copy.deepcopy(request)
    sent = json.loads(extra_field["body"])
    sent["displayNam"] = sent.pop("displayName")
    extra_field["body"] = json.dumps(sent)
    problems = "\n".join(interaction_problems(extra_field, response))
    assert "'displayNam' was unexpected" in problems

    query = copy.deepcopy(request)
    query["method"], query["body"] = "GET", None
    query["uri"] += "?labels.env=prod&providerType=NOPE"
    list_response = {
        "status": {"code": 200, "message": "OK"},
        "headers": {"content-type": ["application/json"]},
        "body": {"string": '{"llms": []}'},
    }
    problems = "\n".join(interaction_problems(query, list_response))
    assert "query parameter 'labels.env' is not documented" in problems
    assert "providerType" in problems

    query["uri"] = query["uri"].split("?")[0] + "?label[env]=prod"  # the spec spells label.env
    assert interaction_problems(query, list_response) == [
        "request query parameter 'label[env]' is not documented "
        "(documented: label.<key>, ownerId, providerType)"
    ]

    anonymous = copy.deepcopy(request)
    del anonymous["headers"]["x-api-key"]
    assert any("ApiKeyAuth" in problem for problem in interaction_problems(anonymous, response))


def test_spec_check_in_cassette_names_the_operation(
    record: Callable[[Calls], Path], tmp_path: Path
) -> None:
    """cassette_problems prefixes each problem with cassette, interaction and operation."""
    path = record(lambda gm: _expect(goodmem.NotFoundError, gm.delete, LLM_ID))
    data = yaml.safe_load(path.read_text())
    data["interactions"][0]["response"]["status"]["code"] = 202
    path.write_text(yaml.safe_dump(data))

    (problem,) = cassette_problems(path)

    assert problem.endswith(
        "meta.yaml: interaction 1 (deleteLLM DELETE /v1/llms/{id} -> 202): "
        f"status 202 is not documented (documented: {_documented('delete', '/v1/llms/{id}')})"
    )


def _documented(method: str, template: str) -> str:
    return ", ".join(load_spec()["paths"][template][method]["responses"])


def _expect(error: type[Exception], call: Callable[[str], Any], llm_id: str) -> None:
    with pytest.raises(error):
        call(llm_id)
