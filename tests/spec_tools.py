"""Validate JSON values against the schemas of openapi.yaml (tests only)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from openapi_schema_validator import OAS30Validator

SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi.yaml"


@functools.cache
def load_spec() -> dict[str, Any]:
    """openapi.yaml, parsed once."""
    return yaml.safe_load(SPEC_PATH.read_text())  # type: ignore[no-any-return]


@functools.cache
def _validator(schema_name: str) -> OAS30Validator:
    spec = load_spec()
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": spec["components"]}
    return OAS30Validator(schema)


def schema_errors(schema_name: str, value: Any) -> list[str]:
    """Every way `value` breaks components/schemas/<schema_name>, as readable lines."""
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in _validator(schema_name).iter_errors(value)
    ]
