"""The spec-change workflow, end to end, on a copy: edit the spec, regenerate, use the field.

A field added to a temporary copy of openapi.yaml goes through the generator into a copy of
the package; there the embedded GoodMem validates, stores and echoes it, the SDK sends it
through `extra_body` and reads it back from `get()` as a typed attribute, with no hand edit.
The one hand-kept list, create()'s keywords, is reported by its drift test, which names the
file to edit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

NEW_FIELD = {"type": "string", "description": "A short name people use for the LLM."}


@pytest.fixture(scope="module")
def changed_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of goodmem generated from a spec with a new optional field `nickname`.

    Returns the directory to put on PYTHONPATH.
    """
    work = tmp_path_factory.mktemp("workflow")
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    schemas = spec["components"]["schemas"]
    for name in ("LLMCreationRequest", "LLMResponse"):
        schemas[name]["properties"]["nickname"] = dict(NEW_FIELD)  # no YAML aliases
    spec_copy = work / "openapi.yaml"
    spec_copy.write_text(yaml.safe_dump(spec, sort_keys=False))

    generated = work / "generated"
    subprocess.run(  # what `make gen` runs, into the temporary directory
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(spec_copy),
            "--config",
            str(ROOT / "generator-config.yml"),
            "--custom-template-path",
            str(ROOT / "templates"),
            "--meta",
            "none",
            "--overwrite",
            "--output-path",
            str(generated),
        ],
        env={
            **os.environ,
            "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
            "RUFF_NO_CACHE": "true",
        },
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    ).check_returncode()
    site = work / "site"
    shutil.copytree(
        ROOT / "goodmem",
        site / "goodmem",
        ignore=shutil.ignore_patterns("_generated", "__pycache__"),
    )
    shutil.copytree(generated, site / "goodmem" / "_generated")
    shutil.copy(spec_copy, site / "goodmem" / "testing" / "openapi.yaml")  # as make gen does
    yield site


def _python(site: Path, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(site)},
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_new_field_reaches_the_server_and_comes_back_typed(changed_package: Path) -> None:
    result = _python(
        changed_package,
        """
import typing
import goodmem
from goodmem.testing import FakeGoodmem
from goodmem.types import LLMResponse

assert goodmem.__file__.startswith(SITE), goodmem.__file__
fake = FakeGoodmem()
client = fake.client()
created = client.llms.create(
    display_name="x", model_identifier="gpt-4o", api_key="sk-test", extra_body={"nickname": "Nick"}
).llm
assert created.nickname == "Nick"
llm = client.llms.get(created.llm_id)
assert llm.nickname == "Nick" and "nickname" not in llm.additional_properties
assert [item.nickname for item in client.llms.list()] == ["Nick"]
refused = fake.client(max_retries=0).llms.with_raw_response
try:
    refused.create(
        display_name="y", model_identifier="gpt-4o", api_key="sk-test", extra_body={"nickname": 5}
    )
except goodmem.BadRequestError as exc:
    print("400:", exc.message)
print("annotation:", LLMResponse.__annotations__["nickname"])
""".replace("SITE", repr(str(changed_package))),
    )
    assert result.returncode == 0, result.stderr
    assert "400: nickname: must be a string" in result.stdout  # validated from the spec
    assert "annotation: str | None" in result.stdout


def test_the_keyword_list_that_lags_is_named(changed_package: Path) -> None:
    """create() has no `nickname` keyword yet: the surface test says which file to edit."""
    tests = changed_package / "surface_check"
    tests.mkdir()
    shutil.copy(ROOT / "tests" / "facade" / "test_surface.py", tests / "test_surface.py")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tests),
            "-k",
            "keywords_cover_every_field",
            str(tests),
        ],
        env={**os.environ, "PYTHONPATH": str(changed_package)},
        cwd=tests,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stdout
    assert (
        "LLMCreateParams has no keyword for nickname: edit goodmem/_params.py, LLMCreateParams"
        in result.stdout
    )
