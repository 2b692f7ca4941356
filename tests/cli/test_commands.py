"""`goodmem llms ...` run as the installed console script against `goodmem serve`.

The acceptance sequence (serve, create, list --json, update, get, delete), and the failures:
each gives one line on stderr, no traceback, and its documented exit status. No secret ever
appears in what the command prints.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys

from goodmem import __version__
from goodmem._cli import (
    EXIT_API_ERROR,
    EXIT_CONNECTION_ERROR,
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
)

from .conftest import Served, clean_environment, run

PROVIDER_KEY = "sk-cli-provider-secret-0001"
ROTATED_KEY = "sk-cli-provider-secret-0002"


def output(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def assert_one_error_line(result: subprocess.CompletedProcess[str], status: int) -> str:
    """The command failed with `status` and said why in one line, without a traceback."""
    assert result.returncode == status, output(result)
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("goodmem: error: ")
    return line


def test_the_lifecycle_serve_create_list_update_get_delete(served: Served) -> None:
    env = {**served.env, "SUPPORT_KEY": PROVIDER_KEY, "ROTATED_KEY": ROTATED_KEY}
    printed = []

    def goodmem(*args: str) -> subprocess.CompletedProcess[str]:
        result = run(*args, env=env)
        printed.append(output(result))
        assert result.returncode == EXIT_OK, output(result)
        return result

    created = goodmem(
        "llms", "create", "--display-name", "Lifecycle bot", "--model-identifier",
        "gpt-4o-mini", "--api-key-env", "SUPPORT_KEY", "--label", "env=prod", "--json",
    )  # fmt: skip
    llm = json.loads(created.stdout)["llm"]
    llm_id = llm["llmId"]
    assert (llm["providerType"], llm["labels"]) == ("OPENAI", {"env": "prod"})

    listed = json.loads(goodmem("llms", "list", "--json", "--label", "env=prod").stdout)
    assert llm_id in [item["llmId"] for item in listed]
    table = goodmem("llms", "list", "--provider-type", "openai").stdout.splitlines()
    assert table[0].split() == ["ID", "DISPLAY", "NAME", "PROVIDER", "MODEL", "LABELS"]
    assert any(line.startswith(llm_id) and "Lifecycle bot" in line for line in table)

    updated = goodmem(
        "llms", "update", llm_id, "--display-name", "Lifecycle bot v2", "--label", "team=a",
        "--api-key-env", "ROTATED_KEY",
    )  # fmt: skip
    assert "display_name:" in updated.stdout and "Lifecycle bot v2" in updated.stdout

    got = json.loads(goodmem("llms", "get", llm_id, "--json", "--include-credentials").stdout)
    assert got["displayName"] == "Lifecycle bot v2"
    assert got["labels"] == {"env": "prod", "team": "a"}  # --label merges
    assert got["credentials"]["apiKey"]["inlineSecret"] == "REDACTED"
    shown = goodmem("llms", "get", llm_id, "--include-credentials").stdout
    assert "REDACTED" in shown

    replaced = goodmem("llms", "update", llm_id, "--replace-labels", "--label", "only=1", "--json")
    assert json.loads(replaced.stdout)["labels"] == {"only": "1"}

    assert goodmem("llms", "delete", llm_id, "--yes").stdout == f"deleted {llm_id}\n"
    gone = run("llms", "get", llm_id, env=env)
    line = assert_one_error_line(gone, EXIT_API_ERROR)
    assert "404" in line and "NOT_FOUND" in line

    everything = "".join(printed) + output(gone)
    assert PROVIDER_KEY not in everything and ROTATED_KEY not in everything
    assert served.api_key not in everything


def test_create_quiet_prints_only_the_id_and_python_m_goodmem_is_the_same_command(
    served: Served,
) -> None:
    created = run(
        "llms", "create", "--display-name", "Quiet", "--model-identifier", "llama3.1:8b",
        "--provider-type", "OLLAMA", "-q", env=served.env,
    )  # fmt: skip
    assert created.returncode == EXIT_OK, output(created)
    llm_id = created.stdout.strip()
    assert len(llm_id) == 36 and created.stdout == llm_id + "\n"
    by_module = subprocess.run(
        [sys.executable, "-m", "goodmem", "llms", "get", llm_id, "--json"],
        env=clean_environment(served.env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert by_module.returncode == EXIT_OK, by_module.stderr
    assert json.loads(by_module.stdout)["displayName"] == "Quiet"
    version = run("--version")
    assert version.stdout == f"goodmem {__version__}\n"


def test_delete_refuses_without_yes_when_no_one_can_answer(served: Served) -> None:
    created = run(
        "llms", "create", "--display-name", "Kept", "--model-identifier", "llama3.1:8b",
        "--provider-type", "OLLAMA", "--endpoint-url", "http://kept:11434/v1", "-q",
        env=served.env,
    )  # fmt: skip
    llm_id = created.stdout.strip()
    refused = run("llms", "delete", llm_id, env=served.env)  # stdin is a pipe
    line = assert_one_error_line(refused, EXIT_USAGE)
    assert "--yes" in line
    assert run("llms", "get", llm_id, env=served.env).returncode == EXIT_OK


def test_a_bad_flag_is_a_usage_error() -> None:
    result = run("llms", "list", "--bogus")
    assert result.returncode == EXIT_USAGE
    assert "unrecognized arguments: --bogus" in result.stderr
    assert "Traceback" not in result.stderr
    missing = run("llms", "create", "--display-name", "x")
    assert missing.returncode == EXIT_USAGE
    assert "--model-identifier" in missing.stderr


def test_no_answer_is_a_connection_error() -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {"GOODMEM_BASE_URL": f"http://127.0.0.1:{port}", "GOODMEM_API_KEY": "gm_unused_key"}
    result = run("llms", "list", env=env)
    line = assert_one_error_line(result, EXIT_CONNECTION_ERROR)
    assert "connection refused" in line and f"127.0.0.1:{port}" in line


def test_an_error_answer_is_an_api_error_and_the_keys_stay_secret(served: Served) -> None:
    wrong = "gm_wrong_key_but_secret"
    result = run("--base-url", served.base_url, "--api-key", wrong, "llms", "list")
    line = assert_one_error_line(result, EXIT_API_ERROR)
    assert "401" in line and "--api-key" in line
    assert wrong not in output(result)

    twice = (
        "llms", "create", "--display-name", "Twice", "--model-identifier", "gpt-4o-mini",
        "--api-key", PROVIDER_KEY, "--json",
    )  # fmt: skip
    first = run(*twice, env=served.env)
    assert first.returncode == EXIT_OK, output(first)
    conflict = run(*twice, env=served.env)  # the same LLM again: 409
    assert "409" in assert_one_error_line(conflict, EXIT_API_ERROR)
    assert PROVIDER_KEY not in output(first) + output(conflict)

    debug = run("--debug", "llms", "get", "00000000-0000-0000-0000-000000000000", env=served.env)
    assert debug.returncode == EXIT_API_ERROR
    assert "Traceback" in debug.stderr
    assert debug.stderr.strip().splitlines()[-1].startswith("goodmem: error: 404")
    assert served.api_key not in output(debug)


def test_invalid_input_and_missing_configuration_exit_1(served: Served) -> None:
    bad = run(
        "llms", "create", "--display-name", "x", "--model-identifier", "m",
        "--provider-type", "NOPE", env=served.env,
    )  # fmt: skip
    line = assert_one_error_line(bad, EXIT_ERROR)
    assert "provider_type" in line
    no_key = run("llms", "list", env={"GOODMEM_BASE_URL": served.base_url})
    assert "GOODMEM_API_KEY" in assert_one_error_line(no_key, EXIT_ERROR)
    unset = run(
        "llms", "create", "--display-name", "x", "--model-identifier", "gpt-4o-mini",
        "--api-key-env", "NOT_SET_ANYWHERE", env=served.env,
    )  # fmt: skip
    assert "NOT_SET_ANYWHERE is not set" in assert_one_error_line(unset, EXIT_ERROR)
