"""Models as JSON: to_json(), maps that json.dumps takes, and the plain-dict input types."""

from __future__ import annotations

import json
import subprocess
import sys

import goodmem
from goodmem._generated import models as generated
from goodmem.types import LabelMap, LLMResponse
from tests.conftest import load_fixture


def test_to_json_is_the_wire_form() -> None:
    llm = LLMResponse.from_dict(load_fixture("get_response"))
    assert json.loads(llm.to_json()) == llm.to_dict() == load_fixture("get_response")
    assert llm.to_json().count("\n") == 0 and llm.to_json(indent=2).count("\n") > 10


def test_label_and_config_maps_are_dicts_to_json_dumps() -> None:
    llm = LLMResponse.from_dict(load_fixture("get_response"))
    assert json.dumps(llm.labels) == '{"environment": "production", "team": "ai"}'
    assert isinstance(llm.labels, dict) and isinstance(llm.labels, LabelMap)
    assert json.loads(json.dumps(llm.client_config)) == {"property1": {}, "property2": {}}
    assert llm.labels == {"environment": "production", "team": "ai"}
    assert repr(LabelMap({"a": "b"})) == "LabelMap({'a': 'b'})"


def test_types_is_reachable_after_import_goodmem_without_being_imported_by_it() -> None:
    code = (
        "import sys, goodmem\n"
        "assert 'goodmem.types' not in sys.modules and 'attrs' not in sys.modules\n"
        "print(goodmem.types.LLMResponse.__name__)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "LLMResponse", result.stderr
    assert goodmem.types.LLMResponse is LLMResponse


def test_every_input_dict_and_enum_value_type_is_exported() -> None:
    """make gen writes a `<Model>Dict` per object model and a `<Enum>Value` per enum."""
    made = {
        name
        for cls in (getattr(generated, n) for n in generated.__all__)
        for name in vars(sys.modules[cls.__module__])
        if name in (cls.__name__ + "Dict", cls.__name__ + "Value")
    }
    missing = sorted(made - set(goodmem.types.__all__))
    assert not missing, f"goodmem/types.py does not re-export {', '.join(missing)}"
