"""Audit of tests/cassettes: agrees with openapi.yaml, leaks no secret, complete, no orphans.

These read the committed cassettes, so they run in replay only (`make record` replays after
recording).
"""

from __future__ import annotations

import functools
import importlib
import inspect
import os
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml

from goodmem.testing import DEFAULT_API_KEY
from tests.contract.harness import REPLAY_API_KEY, WRONG_API_KEY
from tests.contract.recording import (
    CASSETTES,
    cassette_problems,
    leaked_secrets,
    load_interactions,
    relative,
)
from tests.spec_check import find_operation, load_spec

ALL_CASSETTES = sorted(CASSETTES.rglob("*.yaml"))
CONTRACT_DIR = Path(__file__).resolve().parent
# Outcomes the suite must record for every operation (403 needs a key that lacks a
# permission: the test key of a real GoodMem may be an admin's, which nothing is denied).
REQUIRED = {
    "createLLM": {201, 400, 401, 409, 415},
    "getLLM": {200, 400, 401, 404},
    "listLlms": {200, 400, 401},
    "updateLLM": {200, 400, 401, 404, 409, 415},
    "deleteLLM": {204, 400, 401, 404},
}
NOT_RECORDED = {403}


def _name(path: Path) -> str:
    return str(path.relative_to(CASSETTES))


@functools.cache
def _recorded() -> list[tuple[Path, dict[str, object], dict[str, object]]]:
    return [
        (path, interaction["request"], interaction["response"])
        for path in ALL_CASSETTES
        for interaction in load_interactions(path)
    ]


@pytest.mark.parametrize("path", ALL_CASSETTES, ids=_name)
def test_cassette_agrees_with_openapi(path: Path) -> None:
    """Every recorded request and response is what openapi.yaml documents for its operation."""
    problems = cassette_problems(path)
    if problems:
        pytest.fail("disagrees with openapi.yaml:\n" + "\n".join(problems), pytrace=False)


@pytest.mark.parametrize("path", ALL_CASSETTES, ids=_name)
def test_cassette_leaks_no_secret(path: Path) -> None:
    """API keys and inline secrets are REDACTED; nothing in the file looks like a token."""
    known = [DEFAULT_API_KEY, WRONG_API_KEY, REPLAY_API_KEY, os.environ.get("GOODMEM_API_KEY")]
    problems = leaked_secrets(path, known=[key for key in known if key])
    if problems:
        pytest.fail("secret in cassette:\n" + "\n".join(problems), pytrace=False)


def _contract_tests() -> list[tuple[str, str]]:
    """(module, function) of every test that runs against a cassette."""
    tests = []
    for file in sorted(CONTRACT_DIR.glob("test_*.py")):
        module = importlib.import_module(f"tests.contract.{file.stem}")
        for name, function in vars(module).items():
            if name.startswith("test_") and inspect.isfunction(function):
                parameters = set(inspect.signature(function).parameters)
                if parameters & {"gm", "intruder", "cassette"}:
                    tests.append((file.stem, name))
    return tests


def test_every_contract_test_has_its_cassettes_and_no_cassette_is_orphaned() -> None:
    """One cassette per contract test and flavour; none left over from renamed tests."""
    expected = {
        CASSETTES / module / f"{function}.{flavour}.yaml"
        for module, function in _contract_tests()
        for flavour in ("sync", "async")
    }
    actual = {path for path in CASSETTES.rglob("*") if path.is_file()}
    missing = sorted(relative(path) for path in expected - actual)
    orphans = sorted(relative(path) for path in actual - expected)
    assert not missing, f"missing cassettes (run `make record`): {missing}"
    assert not orphans, f"cassettes without a test (run `make record`): {orphans}"


def test_cassettes_cover_every_documented_outcome() -> None:
    """Each operation's documented statuses (but 403) are recorded, for both client flavours."""
    documented = {
        (operation["operationId"], int(status))
        for item in load_spec()["paths"].values()
        for method, operation in item.items()
        if method in ("get", "post", "put", "delete")
        for status in operation["responses"]
    }
    required = {(op, status) for op, statuses in REQUIRED.items() for status in statuses}
    expected = {(op, s) for op, s in documented if s not in NOT_RECORDED}
    assert required == expected, (
        f"REQUIRED is out of step with openapi.yaml: documented but not required "
        f"{sorted(expected - required)}, required but not documented {sorted(required - expected)}"
    )
    for flavour in ("sync", "async"):
        recorded = set()
        for path, request, response in _recorded():
            operation = find_operation(str(request["method"]), urlsplit(str(request["uri"])).path)
            if operation is not None and path.name.endswith(f".{flavour}.yaml"):
                status = response["status"]
                assert isinstance(status, dict)
                recorded.add((operation.operation_id, int(status["code"])))
        missing = sorted(required - recorded)
        assert not missing, f"{flavour}: no cassette records {missing}"


def test_list_cassettes_exercise_every_filter() -> None:
    """Successful list calls were recorded with label, ownerId and providerType filters."""
    names: set[str] = set()
    for _path, request, response in _recorded():
        parts = urlsplit(str(request["uri"]))
        operation = find_operation(str(request["method"]), parts.path)
        status = response["status"]
        assert isinstance(status, dict)
        if operation is not None and operation.operation_id == "listLlms" and status["code"] == 200:
            names |= {name.split(".", 1)[0] for name, _ in parse_qsl(parts.query)}
    assert {"label", "ownerId", "providerType"} <= names


@pytest.mark.parametrize(
    "sync_path", [p for p in ALL_CASSETTES if p.name.endswith(".sync.yaml")], ids=_name
)
def test_sync_and_async_clients_sent_the_same_requests(sync_path: Path) -> None:
    """Goodmem and AsyncGoodmem put identical requests on the wire for the same test."""
    async_path = sync_path.with_name(sync_path.name.replace(".sync.yaml", ".async.yaml"))
    if not async_path.is_file():
        pytest.fail(f"{relative(async_path)} is missing")
    requests = [
        [interaction["request"] for interaction in yaml.safe_load(path.read_text())["interactions"]]
        for path in (sync_path, async_path)
    ]
    assert requests[0] == requests[1], f"{relative(sync_path)} and its async twin differ"
