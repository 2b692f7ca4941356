"""The pytest plugin (`pytest11` entry point): its fixtures in a user's own test suite."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]

SAMPLE = """
import asyncio

import pytest

import goodmem


def test_sync_client(goodmem_client, goodmem_fake):
    created = goodmem_client.llms.create(
        display_name="Bot", model_identifier="gpt-4o-mini", api_key="sk-test"
    )
    assert isinstance(goodmem_client, goodmem.Goodmem)
    assert [llm.llm_id for llm in goodmem_client.llms.list()] == [created.llm.llm_id]
    assert [r.method for r in goodmem_fake.requests] == ["POST", "GET"]
    assert goodmem_fake.requests[0].headers["host"] == "goodmem.test"  # in process


def test_each_test_gets_a_fresh_fake(goodmem_fake):
    assert goodmem_fake.requests == []
    with goodmem_fake.client() as client:
        assert client.llms.list() == []


def test_async_client(async_goodmem_client, goodmem_fake):
    async def main():
        await async_goodmem_client.llms.create(
            display_name="A", model_identifier="o1", api_key="sk-test"
        )
        return await async_goodmem_client.llms.list()

    assert isinstance(async_goodmem_client, goodmem.AsyncGoodmem)
    assert [llm.display_name for llm in asyncio.run(main())] == ["A"]


def test_faults_are_scriptable(goodmem_client, goodmem_fake):
    goodmem_fake.faults.enqueue(404)
    with pytest.raises(goodmem.NotFoundError):
        goodmem_client.with_options(max_retries=0).llms.list()


@pytest.mark.goodmem_http
def test_over_http(goodmem_client, goodmem_server, goodmem_fake):
    assert goodmem_client.base_url.startswith(goodmem_server.url)
    goodmem_client.llms.create(
        display_name="Bot", model_identifier="gpt-4o-mini", api_key="sk-test"
    )
    assert goodmem_fake.requests[0].headers["host"].startswith("127.0.0.1:")


@pytest.mark.goodmem_http
def test_async_over_http(async_goodmem_client, goodmem_server):
    assert async_goodmem_client.base_url.startswith(goodmem_server.url)
    assert asyncio.run(async_goodmem_client.llms.list()) == []
"""


def test_the_plugin_is_registered_as_a_pytest11_entry_point() -> None:
    (plugin,) = [ep for ep in entry_points(group="pytest11") if ep.name == "goodmem"]

    assert plugin.value == "goodmem.testing.pytest_plugin"


def test_the_fixtures_work_in_a_users_test_suite(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_sample=SAMPLE)

    # warnings are errors (an unclosed client would show); no async plugin is needed
    result = pytester.runpytest_subprocess(
        "-p", "no:asyncio", "-p", "no:cacheprovider", "--strict-markers", "-W", "error"
    )

    result.assert_outcomes(passed=6)


def test_the_marker_is_documented(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess("--markers")

    result.stdout.fnmatch_lines(["@pytest.mark.goodmem_http: *real HTTP on 127.0.0.1*"])


def test_loading_the_plugin_imports_nothing_heavy() -> None:
    probe = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import goodmem.testing.pytest_plugin\n"
        "new = set(sys.modules) - before\n"
        "heavy = {'yaml', 'http.server', 'socketserver', 'goodmem.testing._fake',\n"
        "         'goodmem.testing._spec', 'goodmem.testing._server'}\n"
        "print(sorted(heavy & new))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        check=True,
    )

    assert result.stdout.strip() == "[]"
