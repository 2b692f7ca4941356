"""main() in process: help and exit statuses, the delete question, `serve`, the console."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator, Sequence

import pytest

import goodmem.testing.__main__ as testing_main
from goodmem._cli import EXIT_ERROR, EXIT_OK, EXIT_STATUSES, EXIT_USAGE, main
from goodmem._cli._output import Console, detail, redact, table
from goodmem.testing import FakeGoodmem


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGoodmem]:
    fake = FakeGoodmem()
    with fake.serve() as server:
        monkeypatch.setenv("GOODMEM_BASE_URL", server.url)
        monkeypatch.setenv("GOODMEM_API_KEY", fake.api_key)
        yield fake


def test_help_lists_the_commands_and_every_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == EXIT_OK
    out = capsys.readouterr().out
    assert "llms" in out and "serve" in out
    for status, meaning in EXIT_STATUSES.items():
        assert f"{status:<4} {meaning}" in out


@pytest.mark.parametrize("answer", ["y\n", "yes\n", "n\n", "\n", ""])
def test_delete_on_a_terminal_asks_first(
    fake: FakeGoodmem,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    answer: str,
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    llm = (
        fake.client()
        .llms.create(display_name="Ask me", model_identifier="m", provider_type="OLLAMA")
        .llm
    )
    monkeypatch.setattr(sys, "stdin", Terminal(answer))
    status = main(["llms", "delete", llm.llm_id])
    out, err = capsys.readouterr()
    assert err.startswith(f"Delete LLM {llm.llm_id} (Ask me)? [y/N] ")
    remaining = [item.llm_id for item in fake.client().llms.list()]
    if answer.strip() in ("y", "yes"):
        assert (status, out, remaining) == (EXIT_OK, f"deleted {llm.llm_id}\n", [])
    else:
        assert (status, out, remaining) == (EXIT_ERROR, "", [llm.llm_id])
        assert err.endswith("not deleted\n")


def test_update_with_nothing_to_change_is_a_usage_error(
    fake: FakeGoodmem, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["llms", "update", "00000000-0000-0000-0000-000000000000"]) == EXIT_USAGE
    assert "nothing to change" in capsys.readouterr().err
    assert list(fake.requests) == []


def test_serve_hands_its_arguments_to_python_m_goodmem_testing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[Sequence[str] | None] = []

    def serve(argv: Sequence[str] | None = None, prog: str = "") -> int:
        assert prog == "goodmem serve"
        seen.append(argv)
        return 7

    monkeypatch.setattr(testing_main, "main", serve)
    assert main(["serve", "--port", "0", "--api-key", "k", "--host", "::1"]) == 7
    assert main(["serve"]) == 7
    assert seen == [["--port", "0", "--api-key", "k", "--host", "::1"], []]


def test_serve_without_the_embedded_goodmem_says_why_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "goodmem.testing.__main__", None)
    assert main(["serve"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("goodmem: error: ") and len(err.splitlines()) == 1


def test_debug_after_the_command_shows_the_traceback(
    fake: FakeGoodmem, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = "00000000-0000-0000-0000-000000000000"
    assert main(["llms", "get", missing]) == 3
    assert "Traceback" not in capsys.readouterr().err
    assert main(["llms", "get", missing, "--debug"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" in err and fake.api_key not in err


def test_the_console_masks_secrets_and_redacts_secret_fields() -> None:
    out, err = io.StringIO(), io.StringIO()
    console = Console(out, err)
    console.secret("sk-console-secret")
    console.secret("abc")  # too short to mask everywhere
    console.secret(None)
    console.print("key=sk-console-secret, abc")
    console.error("bad\nsk-console-secret")
    assert out.getvalue() == "key=REDACTED, abc\n"
    assert err.getvalue() == "goodmem: error: bad REDACTED\n"
    wire = {"credentials": {"apiKey": {"inlineSecret": "x", "headerName": "h"}}}
    assert redact(wire) == {
        "credentials": {"apiKey": {"inlineSecret": "REDACTED", "headerName": "h"}}
    }
    assert detail({"displayName": "a", "labels": {"b": "1", "a": "2"}, "createdAt": 0}) == [
        "display_name: a",
        "labels:       a=2, b=1",
        "created_at:   1970-01-01T00:00:00Z",
    ]
    assert table(("A", "BB"), [("xyz", "1"), ("x", "")]) == ["A    BB", "xyz  1", "x"]


def test_a_closed_pipe_ends_the_command_quietly(
    fake: FakeGoodmem, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    fake.client().llms.create(display_name="Piped", model_identifier="m", provider_type="OLLAMA")
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["llms", "list"]) == EXIT_ERROR
    assert capsys.readouterr().err == ""
