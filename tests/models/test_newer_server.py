"""Answers from a newer server parse without loss; unusable answers raise naming the place.

Every table here is derived from openapi.yaml (tests/models/spec_walk.py): each model starts
from a full instance of its schema, then every enum field gets a value the spec doesn't list,
every object an unknown field, every optional field a null, and so on.
"""

from __future__ import annotations

import copy
import enum
from typing import Any

import httpx
import pytest

import goodmem
from goodmem.types import Modality
from tests.models.spec_walk import (
    Site,
    full_instance,
    get,
    model_class,
    object_schemas,
    read,
    removed,
    replaced,
    sites,
)

NEW_ENUM_VALUE = "A_VALUE_FROM_A_LATER_SPEC"
NEW_FIELD = {"newerField": {"nested": [1, None, "x"], "flag": True}}

SCHEMAS = object_schemas()


def _table(select: Any) -> list[Any]:
    """pytest params (schema name, site) for every site of every model that `select` accepts."""
    return [
        pytest.param(name, site, id=f"{name}:{site.path}")
        for name, schema in SCHEMAS.items()
        for site in sites(schema, full_instance(schema))
        if select(site)
    ]


def _objects_with_extras() -> list[Any]:
    """(schema name, steps) of every object, the model itself included, open to extra fields."""
    params = []
    for name, schema in SCHEMAS.items():
        inner = [(s.steps, s.schema) for s in sites(schema, full_instance(schema))]
        for steps, sub in [((), schema), *inner]:
            open_object = sub.get("additionalProperties", True) is not False
            if sub.get("type") == "object" and sub.get("properties") and open_object:
                path = Site(steps, sub, "property", True).path or "<root>"
                params.append(pytest.param(name, steps, id=f"{name}:{path}"))
    return params


def _parse(name: str, data: Any) -> Any:
    return model_class(name).from_dict(copy.deepcopy(data))


def test_the_tables_cover_the_spec() -> None:
    # guards the walk itself: these places exist in today's spec
    paths = {p.values[1].path for p in _table(lambda s: True)}
    for path in (
        "providerType",
        "supportedModalities[0]",
        "credentials.apiKey.secretRef.uri",
        "labels['key1']",
        "llms[0].capabilities.supportsChat",
        "llm.credentials.kind",
    ):
        assert path in paths


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_a_full_instance_round_trips(name: str) -> None:
    data = full_instance(SCHEMAS[name])
    assert _parse(name, data).to_dict() == data


@pytest.mark.parametrize(("name", "site"), _table(lambda s: s.kind == "enum"))
def test_an_enum_value_the_spec_does_not_list_is_kept_as_sent(name: str, site: Site) -> None:
    known = read(_parse(name, full_instance(SCHEMAS[name])), site.steps)
    assert isinstance(known, enum.Enum)
    data = replaced(full_instance(SCHEMAS[name]), site.steps, NEW_ENUM_VALUE)
    model = _parse(name, data)
    value = read(model, site.steps)
    assert value == NEW_ENUM_VALUE
    assert type(value) is str
    assert model.to_dict() == data


@pytest.mark.parametrize(("name", "steps"), _objects_with_extras())
def test_unknown_fields_are_kept_and_written_back(name: str, steps: tuple[Any, ...]) -> None:
    data = full_instance(SCHEMAS[name])
    get(data, steps).update(copy.deepcopy(NEW_FIELD))
    model = _parse(name, data)
    holder = read(model, steps)
    assert holder.additional_properties == NEW_FIELD
    assert holder["newerField"] == NEW_FIELD["newerField"]
    assert model.to_dict() == data


@pytest.mark.parametrize(("name", "site"), _table(lambda s: not s.required))
def test_null_in_an_optional_field_reads_like_an_absent_one(name: str, site: Site) -> None:
    full = full_instance(SCHEMAS[name])
    with_null = _parse(name, replaced(full, site.steps, None))
    absent = _parse(name, removed(full, site.steps))
    assert read(with_null, site.steps) is None
    assert read(absent, site.steps) is None
    assert with_null == absent
    assert with_null.to_dict() == removed(full, site.steps)


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_everything_newer_at_once(name: str) -> None:
    schema = SCHEMAS[name]
    data = full_instance(schema)
    for site in sites(schema, data):
        if site.kind == "enum":
            data = replaced(data, site.steps, NEW_ENUM_VALUE)
    for param in _objects_with_extras():
        if param.values[0] == name:
            get(data, param.values[1]).update(copy.deepcopy(NEW_FIELD))
    assert _parse(name, data).to_dict() == data
    # every optional field null at once (innermost first): reads as the minimal instance
    nulled, minimal = data, data
    for site in reversed(list(sites(schema, data))):
        if not site.required:
            nulled, minimal = replaced(nulled, site.steps, None), removed(minimal, site.steps)
    assert _parse(name, nulled).to_dict() == minimal


@pytest.mark.parametrize(
    ("name", "site"), _table(lambda s: s.required and s.role == "property" and s.steps)
)
def test_a_missing_required_field_raises_key_error_naming_its_path(name: str, site: Site) -> None:
    data = removed(full_instance(SCHEMAS[name]), site.steps)
    with pytest.raises(KeyError) as info:
        _parse(name, data)
    assert info.value.args == (site.path,)


_EXPECTED = {
    "string": "str",
    "enum": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "object": "dict",
    "map": "dict",
    "array": "list",
}
_WRONG: dict[str, list[Any]] = {
    "string": [5, {"a": "b"}, ["x"]],
    "enum": [5, {"a": "b"}],
    "integer": ["7", True, 7.5],
    "number": ["0.5", True],
    "boolean": ["true", 1],
    "object": ["x", ["x"], 5],
    "map": ["x", ["x"]],
    "array": ["x", {"a": 1}],
}


def _wrong_values() -> list[Any]:
    params = []
    for param in _table(lambda s: s.kind in _WRONG):
        name, site = param.values
        wrong = _WRONG[site.kind] + ([None] if site.required and not site.nullable else [])
        for value in wrong:
            params.append(pytest.param(name, site, value, id=f"{param.id}={value!r}"))
    return params


@pytest.mark.parametrize(("name", "site", "value"), _wrong_values())
def test_a_value_of_the_wrong_json_type_raises_type_error_naming_its_path(
    name: str, site: Site, value: Any
) -> None:
    data = replaced(full_instance(SCHEMAS[name]), site.steps, value)
    with pytest.raises(TypeError) as info:
        _parse(name, data)
    expected = f"{site.path}: expected {_EXPECTED[site.kind]}, got {type(value).__name__}"
    assert str(info.value) == expected


def test_the_client_returns_a_newer_servers_answer_whole() -> None:
    llm = full_instance(SCHEMAS["LLMResponse"])
    llm.update(providerType=NEW_ENUM_VALUE, supportedModalities=["TEXT", "SMELL"], description=None)
    llm["credentials"].update(kind=None, apiKey=None, newerAuth={"token": "t"})
    llm["futureField"] = [1, 2]

    def server(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"llms": [llm], "nextPageToken": "abc"})

    with goodmem.Goodmem(
        "http://goodmem.test", "k", http_client=httpx.Client(transport=httpx.MockTransport(server))
    ) as client:
        (got,) = client.llms.list()
    assert got.provider_type == NEW_ENUM_VALUE
    assert got.supported_modalities == ["TEXT", "SMELL"]
    assert got.supported_modalities[0] is Modality.TEXT
    assert got.description is None
    assert got.credentials is not None
    assert got.credentials.kind is None
    assert got.credentials.additional_properties == {"newerAuth": {"token": "t"}}
    assert got["futureField"] == [1, 2]
    expected = {k: v for k, v in llm.items() if v is not None}
    expected["credentials"] = {k: v for k, v in llm["credentials"].items() if v is not None}
    assert got.to_dict() == expected
