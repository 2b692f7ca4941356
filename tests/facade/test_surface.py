"""The public surface: create() covers the spec, names are exported and documented."""

from __future__ import annotations

import inspect

import attrs
import pytest

import goodmem
import goodmem.llms
import goodmem.types
from goodmem._generated import models as generated

_OPTIONS = set(goodmem.RequestOptions.__annotations__)
_SHORTHANDS = {"api_key"}  # keywords that are not request fields (api_key: credentials)


@pytest.mark.parametrize(
    ("params", "model"),
    [
        (goodmem.types.LLMCreateParams, generated.LLMCreationRequest),
        (goodmem.types.LLMUpdateParams, generated.LLMUpdateRequest),
    ],
    ids=["create", "update"],
)
def test_the_keywords_cover_every_field_of_the_request(params: type, model: type) -> None:
    """A field added to a request in openapi.yaml must become a keyword of its method."""
    hint = f"edit goodmem/_params.py, {params.__name__} (its keywords mirror {model.__name__})"
    fields = {f.name for f in attrs.fields(model) if f.init}
    keywords = set(params.__annotations__)
    missing = sorted(fields - keywords)
    assert not missing, f"{params.__name__} has no keyword for {', '.join(missing)}: {hint}"
    stale = sorted(keywords - fields - _OPTIONS - _SHORTHANDS)
    assert not stale, f"{params.__name__} keywords {', '.join(stale)} are not in the spec: {hint}"


def test_create_requires_what_the_spec_requires_and_the_registry_cannot_fill() -> None:
    required = {
        f.name
        for f in attrs.fields(generated.LLMCreationRequest)
        if f.default is attrs.NOTHING and f.init
    }
    filled = {"provider_type", "endpoint_url"}  # from model_identifier or provider_type
    assert filled <= required  # the contract requires them; create() fills them in
    assert goodmem.types.LLMCreateParams.__required_keys__ == required - filled, (
        "edit goodmem/_params.py, LLMCreateParams: Required[...] marks the keywords a caller "
        "must pass"
    )


def test_every_method_checks_its_keywords_at_run_time() -> None:
    llms = goodmem.Goodmem("http://x.test", "k").llms
    for call in (
        lambda: llms.create(display_name="x", model_identifier="m", nickname="n"),
        lambda: llms.get("id", nickname="n"),
        lambda: llms.list(nickname="n"),
        lambda: llms.update("id", nickname="n"),
        lambda: llms.delete("id", nickname="n"),
    ):
        with pytest.raises(TypeError, match="got an unexpected keyword argument 'nickname'"):
            call()  # type: ignore[call-arg]


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
    assert str(inspect.signature(client.llms.get)) == (
        "(id: 'str', **params: 'Unpack[LLMGetParams]') -> 'LLMResponse'"
    )
    assert str(inspect.signature(client.llms.delete)) == (
        "(id: 'str', **params: 'Unpack[RequestOptions]') -> 'None'"
    )
    assert client.llms.get.__name__ == "get"
