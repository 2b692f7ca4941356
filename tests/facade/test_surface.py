"""The public surface: create() covers the spec, names are exported and documented."""

from __future__ import annotations

import inspect

import attrs
import pytest

import goodmem
import goodmem.llms
import goodmem.types
from goodmem._generated import models as generated


def test_create_has_a_keyword_for_every_field_of_the_creation_request() -> None:
    fields = {f.name for f in attrs.fields(generated.LLMCreationRequest)} - {
        "additional_properties"
    }
    params = set(inspect.signature(goodmem.Goodmem("http://x.test", "k").llms.create).parameters)
    assert params - {"api_key"} == fields
    async_params = inspect.signature(goodmem.AsyncGoodmem("http://x.test", "k").llms.create)
    assert set(async_params.parameters) == params


def test_create_keywords_required_exactly_as_in_the_spec() -> None:
    required = {
        f.name
        for f in attrs.fields(generated.LLMCreationRequest)
        if f.default is attrs.NOTHING and f.init
    }
    signature = inspect.signature(goodmem.llms._create)
    assert {n for n, p in signature.parameters.items() if p.default is inspect.Parameter.empty} == (
        required
    )
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in signature.parameters.values())


def test_types_reexports_the_public_models() -> None:
    for name in [
        "LLMResponse",
        "CreateLLMResponse",
        "LLMCreationRequest",
        "LLMUpdateRequest",
        "LLMCapabilities",
        "LLMSamplingParams",
        "EndpointAuthentication",
        "ApiKeyAuth",
        "GcpAdcAuth",
        "SecretReference",
        "CredentialKind",
        "GoodMemStatus",
        "LLMProviderType",
        "Modality",
    ]:
        assert getattr(goodmem.types, name) is getattr(generated, name)
        assert name in goodmem.types.__all__


def test_every_model_of_the_generated_package_is_reexported() -> None:
    missing = set(generated.__all__) - set(goodmem.types.__all__) - {"ListLlmsLabel"}
    assert missing == set()


@pytest.mark.parametrize("module", [goodmem, goodmem.types])
def test_all_names_exist(module: object) -> None:
    for name in module.__all__:  # type: ignore[attr-defined]
        assert hasattr(module, name), name


def test_public_names_have_docstrings() -> None:
    undocumented = [
        name
        for name in goodmem.__all__
        if (inspect.isclass(obj := getattr(goodmem, name)) or inspect.isfunction(obj))
        and not inspect.getdoc(obj)
    ]
    assert undocumented == []
    client = goodmem.Goodmem("http://x.test", "k")
    for method in ("create", "get", "list", "update", "delete"):
        assert inspect.getdoc(getattr(client.llms, method)), method
        assert inspect.getdoc(getattr(goodmem.AsyncGoodmem("http://x.test", "k").llms, method))
    assert inspect.getdoc(goodmem.Goodmem.close)
    assert inspect.getdoc(goodmem.AsyncGoodmem.aclose)
    assert inspect.getdoc(goodmem.Goodmem.with_options)


def test_method_signatures_read_naturally() -> None:
    client = goodmem.Goodmem("http://x.test", "k")
    assert str(inspect.signature(client.llms.get)) == "(*, id: 'str') -> 'LLMResponse'"
    assert client.llms.get.__name__ == "get"
    assert str(inspect.signature(client.llms.delete)) == "(*, id: 'str') -> 'None'"
