"""The public surface: create() covers the spec, names are exported and documented."""

from __future__ import annotations

import inspect

import attrs
import pytest

import goodmem
import goodmem.llms
import goodmem.types
from goodmem._generated import models as generated

# create()'s keywords that are not fields of LLMCreationRequest
_CREATE_EXTRAS = {"api_key", "extra_headers", "extra_query", "extra_body", "timeout"}
_EDIT_HINT = "edit goodmem/llms.py, _LLMsBase.create (its keywords mirror LLMCreationRequest)"


def test_create_has_a_keyword_for_every_field_of_the_creation_request() -> None:
    """A field added to LLMCreationRequest in openapi.yaml must become a create() keyword."""
    fields = {f.name for f in attrs.fields(generated.LLMCreationRequest) if f.init}
    params = set(inspect.signature(goodmem.llms.LLMs.create).parameters) - {"self"}
    missing = sorted(fields - params)
    assert not missing, f"create() has no keyword for {', '.join(missing)}: {_EDIT_HINT}"
    stale = sorted(params - fields - _CREATE_EXTRAS)
    assert not stale, f"create() keywords {', '.join(stale)} are not in the spec: {_EDIT_HINT}"
    async_params = inspect.signature(goodmem.AsyncGoodmem("http://x.test", "k").llms.create)
    assert set(async_params.parameters) == params


# Required by the contract, optional in create(): it fills them from its model registry and
# the provider defaults before sending, and raises ValueError when it cannot.
FILLED_BY_CREATE = {"provider_type", "endpoint_url"}


def test_create_keywords_required_exactly_as_in_the_spec() -> None:
    required = {
        f.name
        for f in attrs.fields(generated.LLMCreationRequest)
        if f.default is attrs.NOTHING and f.init
    }
    signature = inspect.signature(goodmem.llms.LLMs.create)
    params = {n: p for n, p in signature.parameters.items() if n != "self"}
    assert FILLED_BY_CREATE.issubset(required)
    assert {n for n, p in params.items() if p.default is inspect.Parameter.empty} == (
        required - FILLED_BY_CREATE
    ), _EDIT_HINT
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params.values())


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
    missing = sorted(set(generated.__all__) - set(goodmem.types.__all__) - {"ListLlmsLabel"})
    assert not missing, (
        f"goodmem/types.py does not re-export {', '.join(missing)}: add the import and the "
        "__all__ entry there"
    )


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
    extras = (
        "*, extra_headers: 'Headers | None' = None, extra_query: 'Query | None' = None, "
        "extra_body: 'Body | None' = None, timeout: 'Timeout | NotGiven' = NOT_GIVEN"
    )
    get = "include_credentials: 'bool | None' = None, " + extras.removeprefix("*, ")
    assert str(inspect.signature(client.llms.get)) == f"(id: 'str', *, {get}) -> 'GetT'"
    assert client.llms.get.__name__ == "get"
    assert str(inspect.signature(client.llms.delete)) == f"(id: 'str', {extras}) -> 'DeleteT'"
