"""Type checkers accept plain values where models take them, and still catch wrong ones.

Runs mypy --strict and pyright (both dev tools; pyright's node comes from a PyPI wheel) on
small snippets that use the model constructors the way the README does.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

ACCEPTED = """
from __future__ import annotations

from collections.abc import Mapping

from goodmem.types import (
    ClientConfig,
    CredentialKind,
    EndpointAuthentication,
    LabelMap,
    LLMCreationRequest,
    LLMProviderType,
    LLMResponse,
    LLMUpdateRequest,
    Modality,
)

labels: dict[str, str] = {"env": "prod"}
read_only: Mapping[str, str] = labels
names: list[str] = ["TEXT"]

update = LLMUpdateRequest(display_name="x", merge_labels={"version": "2"})
replace = LLMUpdateRequest(replace_labels=read_only, supported_modalities=names)
create = LLMCreationRequest(
    display_name="x",
    model_identifier="m",
    provider_type="OPENAI",
    endpoint_url="https://api.openai.com/v1",
    labels=labels,
    supported_modalities=["TEXT", Modality.IMAGE],
    client_config={"timeout": 5, "nested": {"a": [1]}},
    credentials=EndpointAuthentication(kind="CREDENTIAL_KIND_API_KEY", labels={"o": "v"}),
)
typed = LLMCreationRequest(
    display_name="x",
    model_identifier="m",
    provider_type=LLMProviderType.OPENAI,
    endpoint_url="https://api.openai.com/v1",
    labels=LabelMap(labels),
    client_config=ClientConfig({"timeout": 5}),
)

merged: LabelMap | None = update.merge_labels
modalities: list[Modality | str] | None = replace.supported_modalities
provider: LLMProviderType | str | None = create.provider_type
kind: CredentialKind | str | None = None if create.credentials is None else create.credentials.kind
if update.display_name is not None:
    display_name: str = update.display_name


def environment(llm: LLMResponse) -> str | None:
    return llm.labels.get("env")
"""

# each call below must be reported, on its own line
REJECTED = """
from goodmem.types import LLMCreationRequest, LLMUpdateRequest

LLMUpdateRequest(merge_labels={"version": 2})
LLMUpdateRequest(merge_labels=["version"])
LLMUpdateRequest(supported_modalities=[1])
LLMUpdateRequest(display_name=5)
LLMCreationRequest(display_name="x", model_identifier="m", provider_type=5, endpoint_url="u")
LLMCreationRequest(display_name="x")
"""
REJECTED_LINES = {n for n, line in enumerate(REJECTED.splitlines(), 1) if line.startswith("LLM")}


def _errors(output: str, path: Path) -> set[int]:
    """Line numbers of the errors a checker reported in `path`.

    Matched by file name only: mypy's cache may replay the errors of an identical snippet
    checked before under another temporary directory (still valid: it tracks dependencies).
    """
    pattern = r"\b" + re.escape(path.name) + r":(\d+)(?::\d+)?(?::| -) error"
    return {int(n) for n in re.findall(pattern, output)}


def _mypy(path: Path) -> tuple[set[int], str]:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", "pyproject.toml", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return _errors(result.stdout, path), result.stdout + result.stderr


def _pyright(path: Path) -> tuple[set[int], str]:
    config = path.parent / "pyrightconfig.json"
    config.write_text('{"typeCheckingMode": "standard", "pythonVersion": "3.10"}')
    command = [sys.executable, "-m", "pyright", "-p", str(config), str(path)]
    result = subprocess.run(
        [*command, "--pythonpath", sys.executable],
        cwd=path.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    return _errors(result.stdout, path), result.stdout + result.stderr


CHECKERS = [
    pytest.param(_mypy, id="mypy"),
    pytest.param(_pyright, id="pyright"),
]


@pytest.mark.parametrize("check", CHECKERS)
def test_plain_mappings_strings_and_lists_are_accepted(check: object, tmp_path: Path) -> None:
    path = tmp_path / "accepted.py"
    path.write_text(ACCEPTED)
    lines, output = check(path)  # type: ignore[operator]
    assert lines == set(), output
    # the checker ran and said so (not merely printed nothing)
    assert "Success: no issues found in 1 source file" in output or "0 errors, " in output, output


@pytest.mark.parametrize("check", CHECKERS)
def test_values_of_the_wrong_type_are_still_rejected(check: object, tmp_path: Path) -> None:
    path = tmp_path / "rejected.py"
    path.write_text(REJECTED)
    lines, output = check(path)  # type: ignore[operator]
    assert lines == REJECTED_LINES, output
