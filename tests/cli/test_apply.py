"""`goodmem llms apply`: the installed script against `goodmem serve` for the acceptance
sequence; in process (main(), an embedded GoodMem over loopback) for the finer cases."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from goodmem._cli import EXIT_API_ERROR, EXIT_CHANGES, EXIT_ERROR, EXIT_OK, main
from goodmem.llms import LLMs
from goodmem.testing import FakeGoodmem
from goodmem.types import LLMResponse

from .conftest import Served, run

SECRET = "sk-fleet-secret-value-0001"


def fleet_file(path: Path, fleet: str | None, entries: list[dict[str, Any]]) -> Path:
    document: dict[str, Any] = {"llms": entries}
    if fleet is not None:
        document = {"fleet": fleet, **document}
    path.write_text(json.dumps(document, indent=2))
    return path


def three(prefix: str) -> list[dict[str, Any]]:
    return [
        {
            "display_name": f"{prefix} support",
            "model_identifier": "gpt-4o-mini",
            "api_key": "${FLEET_OPENAI_KEY}",
            "labels": {"env": "prod"},
        },
        {
            "display_name": f"{prefix} llama",
            "model_identifier": "llama3.1:8b",
            "provider_type": "OLLAMA",
            "endpoint_url": f"http://{prefix}:11434/v1",
        },
        {
            "display_name": f"{prefix} vllm",
            "model_identifier": "Qwen/Qwen2.5-7B-Instruct",
            "provider_type": "VLLM",
            "endpoint_url": f"http://{prefix}:8000/v1",
            "max_context_length": 32768,
        },
    ]


def apply(served: Served, path: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    env = {**served.env, "FLEET_OPENAI_KEY": SECRET}
    result = run("llms", "apply", "-f", str(path), *flags, env=env)
    assert SECRET not in result.stdout + result.stderr
    return result


def results(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str, tuple[str, ...]]]:
    assert result.returncode in (EXIT_OK, EXIT_CHANGES), result.stderr
    report = json.loads(result.stdout)
    assert report["complete"] is True
    return [(r["action"], r["displayName"], tuple(r["changed"])) for r in report["results"]]


def test_apply_twice_creates_three_then_changes_nothing(served: Served, tmp_path: Path) -> None:
    path = fleet_file(tmp_path / "fleet.json", "twice", three("twice"))
    planned = apply(served, path, "--dry-run", "--exit-code", "--json")
    assert planned.returncode == EXIT_CHANGES
    assert [action for action, _, _ in results(planned)] == ["created"] * 3
    assert json.loads(planned.stdout)["dryRun"] is True

    first = apply(served, path, "--json")
    assert [action for action, _, _ in results(first)] == ["created"] * 3
    ids = [r["llmId"] for r in json.loads(first.stdout)["results"]]

    second = apply(served, path, "--exit-code")
    assert second.returncode == EXIT_OK, second.stderr
    lines = second.stdout.splitlines()
    assert lines[0].split()[:2] == ["ACTION", "ID"]
    assert [line.split()[:2] for line in lines[1:4]] == [["unchanged", i] for i in ids]
    assert lines[-1] == "0 created, 0 updated, 3 unchanged, 0 deleted"
    assert apply(served, path, "--dry-run", "--exit-code").returncode == EXIT_OK


def test_renaming_an_entry_updates_it_in_place(served: Served, tmp_path: Path) -> None:
    entries = three("rename")
    path = fleet_file(tmp_path / "fleet.json", "rename", entries)
    before = json.loads(apply(served, path, "--json").stdout)["results"]
    entries[0]["display_name"] = "rename support, renamed"
    fleet_file(path, "rename", entries)

    plan = apply(served, path, "--dry-run")
    assert plan.returncode == EXIT_OK
    assert "would update" in plan.stdout and "display_name" in plan.stdout
    after = json.loads(apply(served, path, "--json").stdout)["results"]
    assert after[0]["action"] == "updated" and after[0]["changed"] == ["display_name"]
    assert [r["llmId"] for r in after] == [r["llmId"] for r in before]
    assert [r["action"] for r in after[1:]] == ["unchanged", "unchanged"]


def test_prune_deletes_exactly_the_entry_removed(served: Served, tmp_path: Path) -> None:
    entries = three("prune")
    path = fleet_file(tmp_path / "fleet.json", "prune", entries)
    other = fleet_file(tmp_path / "other.json", "other", three("other")[1:2])
    assert apply(served, path).returncode == EXIT_OK
    assert apply(served, other).returncode == EXIT_OK
    outside = run(
        "llms", "create", "--display-name", "made by hand", "--model-identifier", "llama3.1:8b",
        "--provider-type", "OLLAMA", "--endpoint-url", "http://by-hand:11434/v1", "-q",
        env=served.env,
    ).stdout.strip()  # fmt: skip
    removed = entries.pop(1)
    fleet_file(path, "prune", entries)

    plan = apply(served, path, "--prune", "--dry-run", "--exit-code")
    assert plan.returncode == EXIT_CHANGES
    assert [line.split()[:2] for line in plan.stdout.splitlines()[1:4]][2][:2] == [
        "would",
        "delete",
    ]
    pruned = apply(served, path, "--prune", "--json")
    rows = json.loads(pruned.stdout)["results"]
    assert [(r["action"], r["displayName"]) for r in rows] == [
        ("unchanged", "prune support"),
        ("unchanged", "prune vllm"),
        ("deleted", removed["display_name"]),
    ]
    listed = json.loads(run("llms", "list", "--json", env=served.env).stdout)
    names = {llm["displayName"] for llm in listed}
    assert {"prune support", "prune vllm", "other llama", "made by hand"} <= names
    assert removed["display_name"] not in names
    assert outside in {llm["llmId"] for llm in listed}
    again = apply(served, path, "--prune", "--exit-code")
    assert again.returncode == EXIT_OK, again.stdout


def test_a_missing_variable_names_it_and_the_entry_and_changes_nothing(
    served: Served, tmp_path: Path
) -> None:
    path = fleet_file(tmp_path / "fleet.json", "missing", three("missing"))
    result = run("llms", "apply", "-f", str(path), env=served.env)  # no FLEET_OPENAI_KEY
    assert result.returncode == EXIT_ERROR
    assert result.stderr.strip() == (
        f"goodmem: error: {path}: entry 1 ('missing support'): the environment variable "
        "FLEET_OPENAI_KEY is not set"
    )
    listed = json.loads(run("llms", "list", "--json", env=served.env).stdout)
    assert not any(llm["displayName"].startswith("missing") for llm in listed)


# -- in process ---------------------------------------------------------------------------------


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGoodmem]:
    """An embedded GoodMem over loopback, announced through GOODMEM_*; FLEET_OPENAI_KEY set."""
    fake = FakeGoodmem()
    with fake.serve() as server:
        monkeypatch.setenv("GOODMEM_BASE_URL", server.url)
        monkeypatch.setenv("GOODMEM_API_KEY", fake.api_key)
        monkeypatch.setenv("FLEET_OPENAI_KEY", SECRET)
        yield fake


def goodmem(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    assert SECRET not in out + err
    return status, out, err


def test_yaml_and_json_files_and_stdin_say_the_same(
    fake: FakeGoodmem,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    yaml_file = tmp_path / "fleet.yaml"
    yaml_file.write_text(
        "fleet: formats\n"
        "llms:\n"
        "  - display_name: Support\n"
        "    model_identifier: gpt-4o-mini\n"
        "    api_key: ${FLEET_OPENAI_KEY}\n"
        "    description: costs $$5, literally $${NOT_A_VARIABLE}\n"
    )
    status, out, _ = goodmem(capsys, "llms", "apply", "-f", str(yaml_file), "--json")
    assert status == EXIT_OK
    assert json.loads(out)["results"][0]["action"] == "created"
    (llm,) = fake.client().llms.list()
    assert llm.description == "costs $$5, literally ${NOT_A_VARIABLE}"
    assert dict(llm.labels) == {"goodmem-fleet": "formats"}
    json_text = json.dumps(
        {
            "fleet": "formats",
            "llms": [
                {
                    "display_name": "Support",
                    "model_identifier": "gpt-4o-mini",
                    "api_key": "${FLEET_OPENAI_KEY}",
                    "description": "costs $$5, literally $${NOT_A_VARIABLE}",
                }
            ],
        }
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(json_text))
    status, out, _ = goodmem(capsys, "llms", "apply", "-f", "-", "--json")
    assert json.loads(out)["results"][0]["action"] == "unchanged"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("llms: [\n", "fleet.yaml:2:1: invalid YAML"),
        ("- a\n", "expected a mapping with an `llms:` list, got list"),
        ("fleet: x\nllm: []\n", "unknown top-level key 'llm' (did you mean 'llms'?)"),
        ("fleet: x\n", "no top-level `llms:` list"),
        ("fleet: has space\nllms: []\n", "`fleet` must be a name"),
        (
            "llms:\n  - display_nam: x\n    model_identifier: m\n",
            "entry 1: unknown key 'display_nam' (did you mean 'display_name'?)",
        ),
        (
            "llms:\n  - {display_name: x, model_identifier: m, timeout: 3}\n",
            "entry 1 ('x'): unknown key 'timeout'",
        ),
        (
            "llms:\n  - {display_name: x, model_identifier: gpt-4o-mini}\n",
            "entry 1 ('x'): api_key: required",
        ),
        (
            "llms:\n  - {display_name: x, model_identifier: m, provider_type: OLAMA}\n",
            "entry 1 ('x'): provider_type: ",
        ),
        (
            "llms:\n  - {display_name: a, model_identifier: m, provider_type: OLLAMA}\n"
            "  - {display_name: b, model_identifier: m, provider_type: OLLAMA,"
            " endpoint_url: 'http://LOCALHOST:11434/v1/'}\n",
            "entry 2 ('b'): the same LLM as entry 1",
        ),
        (
            "fleet: f\nllms:\n  - {display_name: a, model_identifier: m, provider_type: OLLAMA,"
            " labels: {goodmem-fleet: g}}\n",
            "the label goodmem-fleet is set by apply",
        ),
        (
            "llms:\n  - {display_name: a, model_identifier: m, provider_type: OLLAMA}\n",
            "--prune needs a fleet name",
        ),
        (
            "llms:\n  - {display_name: '${}', model_identifier: m, provider_type: OLLAMA}\n",
            "${} is not a variable name",
        ),
    ],
)
def test_a_bad_file_is_refused_before_anything_is_sent(
    fake: FakeGoodmem,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    message: str,
) -> None:
    path = tmp_path / "fleet.yaml"
    path.write_text(text)
    prune = ["--prune"] if "--prune" in message else []
    status, out, err = goodmem(capsys, "llms", "apply", "-f", str(path), *prune)
    assert status == EXIT_ERROR
    assert out == ""
    assert message in err, err
    assert len(err.splitlines()) == 1
    assert list(fake.requests) == []


def test_a_yaml_error_shows_where_but_not_the_line_that_may_hold_a_secret(
    fake: FakeGoodmem, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fleet.yaml"
    path.write_text(f"llms:\n  - api_key: {SECRET}\n    display_name: [unclosed\n")
    status, _, err = goodmem(capsys, "llms", "apply", "-f", str(path))
    assert status == EXIT_ERROR
    assert f"{path}:4:1: invalid YAML" in err


def test_yaml_without_pyyaml_says_which_extra_to_install(
    fake: FakeGoodmem,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "yaml", None)  # import yaml raises ImportError
    path = tmp_path / "fleet.yml"
    path.write_text("llms: []\n")
    status, _, err = goodmem(capsys, "llms", "apply", "-f", str(path))
    assert status == EXIT_ERROR
    assert "pip install 'goodmem-llm-registry[yaml]'" in err
    json_path = fleet_file(tmp_path / "fleet.json", None, [])
    assert goodmem(capsys, "llms", "apply", "-f", str(json_path))[0] == EXIT_OK


def test_prune_never_deletes_an_llm_without_the_fleet_label_even_if_the_server_lists_it(
    fake: FakeGoodmem,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = fake.client()
    unmarked = client.llms.create(
        display_name="unmarked", model_identifier="m", provider_type="OLLAMA"
    ).llm
    path = fleet_file(tmp_path / "fleet.json", "careful", three("careful")[1:])
    assert goodmem(capsys, "llms", "apply", "-f", str(path))[0] == EXIT_OK
    original = LLMs.list

    def ignores_filters(self: LLMs, **params: Any) -> list[LLMResponse]:
        return original(self)  # as from a server that ignores ?label.goodmem-fleet=careful

    monkeypatch.setattr(LLMs, "list", ignores_filters)
    fleet_file(path, "careful", [])
    status, out, _ = goodmem(capsys, "llms", "apply", "-f", str(path), "--prune", "--json")
    assert status == EXIT_OK
    deleted = [r["displayName"] for r in json.loads(out)["results"]]
    assert deleted == ["careful llama", "careful vllm"]
    monkeypatch.undo()
    assert [llm.llm_id for llm in client.llms.list()] == [unmarked.llm_id]


def test_a_failure_midway_reports_what_was_done_then_the_error(
    fake: FakeGoodmem, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = fleet_file(tmp_path / "fleet.json", "midway", three("midway"))
    assert goodmem(capsys, "llms", "apply", "-f", str(path))[0] == EXIT_OK
    fleet_file(path, "midway", three("midway")[:2])
    fake.faults.enqueue(403, method="DELETE")
    status, out, err = goodmem(capsys, "llms", "apply", "-f", str(path), "--prune")
    assert status == EXIT_API_ERROR
    assert out.splitlines()[-1] == (
        "0 created, 0 updated, 2 unchanged, 0 deleted; stopped by the error below"
    )
    assert err.startswith("goodmem: error: 403") and len(err.splitlines()) == 1


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_only(
    fake: FakeGoodmem,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = fleet_file(tmp_path / "fleet.json", "progress", three("progress"))
    status, _, err = goodmem(capsys, "llms", "apply", "-f", str(path))
    assert (status, err) == (EXIT_OK, "")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["llms", "apply", "-f", str(path), "--dry-run"]) == EXIT_OK
    shown = terminal.getvalue()
    assert "planning 1/3: progress support" in shown and "planning 3/3" in shown
    assert shown.endswith("\r\x1b[K")  # the status line is erased at the end
    assert SECRET not in shown
