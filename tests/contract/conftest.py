"""Fixtures of the contract suite: replay cassettes by default, re-record them under `make record`.

Replay (plain `pytest`, `make test`): clients point at REPLAY_BASE_URL (the discard port on
loopback), sockets are refused, and each test's cassette must answer every request, in order,
exactly once. Recording (GOODMEM_CONTRACT_RECORD=1, set only by `make record`): clients talk to
$GOODMEM_BASE_URL with $GOODMEM_API_KEY when GOODMEM_BASE_URL is set, otherwise to an embedded
GoodMem served on loopback with a pinned clock; the test's cassette is written afresh.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator
from dataclasses import dataclass

import httpx
import pytest

from goodmem.testing import FakeGoodmem
from tests.contract.harness import (
    FIXED_CLOCK_MS,
    REPLAY_API_KEY,
    WRONG_API_KEY,
    Flavour,
    Harness,
    LlmIds,
)
from tests.contract.recording import (
    RECORD_ENV,
    REPLAY_BASE_URL,
    NetworkGuard,
    cassette_path,
    open_cassette,
    playback_problems,
)

_FAILED = pytest.StashKey[bool]()


@dataclass(frozen=True)
class Target:
    """Where contract clients send requests. `fake` is the embedded GoodMem, if used."""

    base_url: str
    api_key: str
    fake: FakeGoodmem | None = None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Remember whether a test's setup or call failed, for the cassette fixture's teardown."""
    report = yield
    if report.failed and report.when in ("setup", "call"):
        item.stash[_FAILED] = True
    return report


@pytest.fixture(scope="session")
def recording() -> bool:
    """True under `make record` (GOODMEM_CONTRACT_RECORD=1): write cassettes, don't replay."""
    return os.environ.get(RECORD_ENV) == "1"


@pytest.fixture(autouse=True)
def _replay_only(request: pytest.FixtureRequest, recording: bool) -> None:
    """While recording, skip the tests that read cassettes (make record replays them next)."""
    if recording and "cassette" not in request.fixturenames:
        pytest.skip("replay only: `make record` runs it after recording")


@pytest.fixture(scope="session")
def target(recording: bool) -> Iterator[Target]:
    """The server of this session: none in replay; a real or embedded GoodMem when recording."""
    if not recording:
        yield Target(REPLAY_BASE_URL, REPLAY_API_KEY)
        return
    base_url = os.environ.get("GOODMEM_BASE_URL")
    if base_url:
        api_key = os.environ.get("GOODMEM_API_KEY")
        if not api_key:
            pytest.fail("GOODMEM_BASE_URL is set: set GOODMEM_API_KEY too", pytrace=False)
        yield Target(base_url, api_key)
        return
    fake = FakeGoodmem(clock=lambda: FIXED_CLOCK_MS)
    with fake.serve() as server:
        yield Target(server.url, fake.api_key, fake)


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> Flavour:
    """Each contract test runs once with goodmem.Goodmem and once with goodmem.AsyncGoodmem."""
    value: Flavour = request.param
    return value


@pytest.fixture
def ids(request: pytest.FixtureRequest) -> LlmIds:
    """Fixed llm_ids for this test (the same for both flavours)."""
    return LlmIds(f"{request.module.__name__}::{request.function.__name__}")


@pytest.fixture
def cassette(
    request: pytest.FixtureRequest,
    recording: bool,
    target: Target,
    flavour: Flavour,
    ids: LlmIds,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[None]:
    """The test's cassette, tests/cassettes/<module>/<function>.<flavour>.yaml, in use.

    Replay fails the test when it connects anywhere, leaves a recorded interaction unused or
    plays interactions out of order. Recording keeps the cassette only if the test passed,
    checks that an embedded GoodMem is left empty (tests delete what they create), then
    deletes the test's llm_ids outside the cassette, so a failed recording can be re-run.
    """
    module = request.module.__name__.rsplit(".", 1)[-1]
    path = cassette_path(module, request.function.__name__, flavour)
    guard = NetworkGuard()
    if not recording:
        guard.install(monkeypatch)
    session = open_cassette(path, record=recording, base_url=target.base_url)
    yield
    failed = request.node.stash.get(_FAILED, False)
    session.close(save=recording and not failed)
    problems = [f"network access during replay: connect to {a}" for a in guard.attempts]
    if not recording and not failed:
        problems += playback_problems(session.cassette)
    if recording:
        problems += _clean_up(target, ids)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def _clean_up(target: Target, ids: LlmIds) -> list[str]:
    """After a recorded test: report LLMs left on an embedded GoodMem, then delete its ids."""
    headers = {"x-api-key": target.api_key}
    problems = []
    with httpx.Client(base_url=target.base_url, headers=headers, timeout=10) as http:
        if target.fake is not None:
            left = [llm["llmId"] for llm in http.get("/v1/llms").json()["llms"]]
            if left:
                problems.append(f"the test left LLMs behind (delete what you create): {left}")
        for llm_id in ids.issued:
            http.delete(f"/v1/llms/{llm_id}")
    return problems


@pytest.fixture
def gm(cassette: None, target: Target, flavour: Flavour) -> Iterator[Harness]:
    """The contract client (valid API key) of this flavour, inside the test's cassette."""
    harness = Harness(flavour, target.base_url, target.api_key)
    yield harness
    harness.close()


@pytest.fixture
def intruder(cassette: None, target: Target, flavour: Flavour) -> Iterator[Harness]:
    """A contract client with WRONG_API_KEY (every call answers 401), inside the cassette.

    Recording against a real GoodMem needs no second account or key: WRONG_API_KEY is simply
    a key the server does not accept.
    """
    harness = Harness(flavour, target.base_url, WRONG_API_KEY)
    yield harness
    harness.close()
