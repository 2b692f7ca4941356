"""The embedded GoodMem is driven by openapi.yaml: a field added there is validated, stored and
echoed with no code change; the shipped JSON copy is the root file; nothing that ships needs
PyYAML (these tests use it to edit the spec)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from goodmem.testing import FakeGoodmem
from goodmem.testing._schema import SpecError, compile_schema
from goodmem.testing._spec import SPEC_PATH, load_spec
from tests.testing.support import in_process, minimal

ROOT = Path(__file__).resolve().parents[2]


def spec_with(tmp_path: Path, change: Any) -> Path:
    """A copy of openapi.yaml, changed by `change(document)`, written under tmp_path."""
    document = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    change(document)
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def add_nickname(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    nickname = {"type": "string", "maxLength": 10, "description": "A short name."}
    for name in ("LLMCreationRequest", "LLMUpdateRequest", "LLMResponse"):
        schemas[name]["properties"]["nickname"] = nickname


def test_the_packaged_spec_is_the_root_spec_as_json() -> None:
    packaged = json.loads(SPEC_PATH.read_text(encoding="utf-8"))

    assert SPEC_PATH.name == "openapi.json"
    assert packaged == yaml.safe_load((ROOT / "openapi.yaml").read_text())
    assert list(packaged["components"]["schemas"]) == list(
        yaml.safe_load((ROOT / "openapi.yaml").read_text())["components"]["schemas"]
    )  # document order kept: responses list fields in spec order


def test_a_field_added_to_the_spec_is_validated_stored_and_echoed(tmp_path: Path) -> None:
    fake = FakeGoodmem(spec=spec_with(tmp_path, add_nickname))

    with in_process(fake) as http:
        created = http.post("/v1/llms", json=minimal(nickname="bot"))
        llm_id = created.json()["llm"]["llmId"]
        got = http.get(f"/v1/llms/{llm_id}").json()
        listed = http.get("/v1/llms").json()["llms"]
        too_long = http.post("/v1/llms", json=minimal(nickname="x" * 11, modelIdentifier="o1"))
        updated = http.put(f"/v1/llms/{llm_id}", json={"nickname": "robot"}).json()

    assert created.status_code == 201
    assert created.json()["llm"]["nickname"] == "bot"
    assert got["nickname"] == "bot"
    assert listed[0]["nickname"] == "bot"
    assert list(got).index("nickname") == len(got) - 1  # spec order: added last
    assert too_long.status_code == 400
    assert too_long.json()["message"] == "nickname: must be at most 10 characters"
    assert updated["nickname"] == "robot"


def test_the_default_spec_does_not_know_the_added_field() -> None:
    with in_process(FakeGoodmem()) as http:
        response = http.post("/v1/llms", json=minimal(nickname="bot"))

    assert response.json()["message"] == "nickname: unknown field"


def test_an_added_provider_type_and_capability_flag_are_served(tmp_path: Path) -> None:
    def change(document: dict[str, Any]) -> None:
        schemas = document["components"]["schemas"]
        schemas["LLMProviderType"]["enum"].append("DASHSCOPE")
        schemas["LLMCapabilities"]["properties"]["supportsVision"] = {"type": "boolean"}

    fake = FakeGoodmem(spec=spec_with(tmp_path, change))
    body = minimal(
        providerType="DASHSCOPE", endpointUrl="https://dashscope.example/v1", modelIdentifier="q"
    )

    with in_process(fake) as http:
        llm = http.post("/v1/llms", json=body).json()["llm"]
        listed = http.get("/v1/llms", params={"providerType": "DASHSCOPE"}).json()["llms"]

    assert llm["providerType"] == "DASHSCOPE"
    assert llm["capabilities"]["supportsVision"] is False
    assert [item["llmId"] for item in listed] == [llm["llmId"]]


def test_an_added_query_parameter_is_taken_in_both_spellings(tmp_path: Path) -> None:
    def change(document: dict[str, Any]) -> None:
        parameter = {"name": "pageSize", "in": "query", "schema": {"type": "integer"}}
        document["paths"]["/v1/llms"]["get"]["parameters"].append(parameter)

    fake = FakeGoodmem(spec=spec_with(tmp_path, change))

    with in_process(fake) as http:
        statuses = [
            http.get(f"/v1/llms?{query}").status_code for query in ("pageSize=5", "page_size=5")
        ]
        bad = http.get("/v1/llms?page_size=five").json()

    assert statuses == [200, 200]
    assert bad["message"] == "page_size: must be an integer"


@pytest.mark.parametrize(
    ("node", "message"),
    [
        ({"oneOf": [{"type": "string"}]}, "X: unsupported schema keyword(s) oneOf"),
        ({"type": "string", "multipleOf": 2}, "X: unsupported schema keyword(s) multipleOf"),
        ({"type": "null"}, "X: unsupported or missing type 'null'"),
        (
            {"$ref": "#/components/schemas/Nope"},
            "X: cannot resolve $ref '#/components/schemas/Nope'",
        ),
        ({"type": "array"}, "X: an array needs items"),
    ],
)
def test_a_schema_the_fake_cannot_honour_fails_at_load(node: dict[str, Any], message: str) -> None:
    with pytest.raises(SpecError) as info:
        compile_schema(node, {}, "X")

    assert str(info.value) == message


def test_a_recursive_schema_fails_at_load() -> None:
    schemas = {
        "Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}}}
    }

    with pytest.raises(SpecError, match="recursive schema Node"):
        compile_schema({"$ref": "#/components/schemas/Node"}, schemas, "X")


def test_a_spec_that_is_not_the_llm_api_fails_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "other.yaml"
    path.write_text("openapi: 3.0.3\npaths: {}\ncomponents: {schemas: {}}\n")

    with pytest.raises(SpecError, match=r"other\.yaml: not the GoodMem LLM API"):
        FakeGoodmem(spec=path)


def test_the_spec_is_parsed_once() -> None:
    assert load_spec() is load_spec()
    assert load_spec(SPEC_PATH) is load_spec()


# --- PyYAML is needed by nothing that ships ---------------------------------------------------

_BLOCK_YAML = textwrap.dedent(
    """
    import sys
    sys.modules["yaml"] = None  # as if PyYAML were not installed
    """
)


def run_without_yaml(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _BLOCK_YAML + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )


def test_goodmem_and_its_client_work_without_pyyaml() -> None:
    result = run_without_yaml(
        """
        import goodmem
        client = goodmem.Goodmem(base_url="http://127.0.0.1:9", api_key="k")
        client.close()
        import goodmem.testing.pytest_plugin  # the plugin loads too: it imports nothing heavy
        assert "goodmem.testing._fake" not in sys.modules
        print("ok")
        """
    )

    assert (result.returncode, result.stdout.strip()) == (0, "ok"), result.stderr


def test_the_embedded_goodmem_works_without_pyyaml() -> None:
    """The packaged spec is JSON: goodmem.testing needs no extra at all."""
    result = run_without_yaml(
        """
        from goodmem.testing import FakeGoodmem
        client = FakeGoodmem().client()
        client.llms.create(display_name="No YAML", model_identifier="gpt-4o-mini", api_key="k")
        print([llm.display_name for llm in client.llms.list()])
        """
    )

    assert (result.returncode, result.stdout.strip()) == (0, "['No YAML']"), result.stderr


def test_a_yaml_spec_without_pyyaml_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "openapi.yaml"
    path.write_text((ROOT / "openapi.yaml").read_text())
    result = run_without_yaml(
        f"""
        from goodmem.testing import FakeGoodmem
        from goodmem.testing._schema import SpecError
        try:
            FakeGoodmem(spec={str(path)!r})
        except SpecError as exc:
            print(exc)
        """
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"{path}: reading a YAML spec needs PyYAML, which is not installed; pass the spec as "
        "JSON instead (`make gen` writes goodmem/testing/openapi.json from openapi.yaml)"
    )
