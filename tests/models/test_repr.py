"""repr() of the models: only what is set, enums as values, secrets masked, long ones readable."""

from __future__ import annotations

import pprint
from typing import Any

import goodmem.types as t
from goodmem._generated.types import model_repr
from tests.conftest import load_fixture

SECRET = "sk-1234567890abcdef"


def _llm(**changes: Any) -> t.LLMResponse:
    return t.LLMResponse.from_dict({**load_fixture("get_response"), **changes})


def test_only_fields_that_are_set_are_shown() -> None:
    assert repr(t.LLMCapabilities(supports_chat=True)) == "LLMCapabilities(supports_chat=True)"
    assert repr(t.LLMCapabilities()) == "LLMCapabilities()"
    assert repr(t.LLMCapabilities(supports_chat=False)) == "LLMCapabilities(supports_chat=False)"


def test_enums_show_their_plain_values_known_or_not() -> None:
    known = t.EndpointAuthentication(kind=t.CredentialKind.CREDENTIAL_KIND_API_KEY)
    assert repr(known) == "EndpointAuthentication(kind='CREDENTIAL_KIND_API_KEY')"
    newer = t.EndpointAuthentication(kind="CREDENTIAL_KIND_OAUTH")
    assert repr(newer) == "EndpointAuthentication(kind='CREDENTIAL_KIND_OAUTH')"
    request = t.LLMUpdateRequest(supported_modalities=["TEXT", "SMELL"])
    assert repr(request) == "LLMUpdateRequest(supported_modalities=['TEXT', 'SMELL'])"


def test_secrets_are_masked_at_any_depth_and_length() -> None:
    auth = t.ApiKeyAuth(inline_secret=SECRET)
    assert repr(auth) == "ApiKeyAuth(inline_secret='***')"
    assert auth.inline_secret == SECRET
    llm = _llm()
    assert SECRET not in repr(llm)
    assert "inline_secret='***'" in repr(llm)
    assert SECRET not in repr(t.ListLLMsResponse(llms=[llm, llm]))
    assert SECRET not in pprint.pformat([llm])


def test_additional_properties_show_only_when_there_are_some() -> None:
    assert "additional_properties" not in repr(_llm())
    status = t.GoodMemStatus.from_dict({"code": "C", "message": "m", "severity": "low"})
    assert repr(status) == (
        "GoodMemStatus(code='C', message='m', additional_properties={'severity': 'low'})"
    )


def test_maps_show_as_their_contents() -> None:
    assert repr(t.LabelMap({"env": "prod"})) == "LabelMap({'env': 'prod'})"
    assert repr(t.ClientConfig()) == "ClientConfig({})"


def test_a_long_repr_is_spread_over_lines_with_nested_models_indented() -> None:
    text = repr(_llm())
    lines = text.splitlines()
    assert lines[0] == "LLMResponse("
    assert lines[1] == "    llm_id='550e8400-e29b-41d4-a716-446655440000',"
    assert lines[-1] == ")"
    assert "    credentials=EndpointAuthentication(" in lines
    assert "        api_key=ApiKeyAuth(" in lines
    assert "            inline_secret='***'," in lines
    assert "    labels=LabelMap({'environment': 'production', 'team': 'ai'})," in lines
    assert all(len(line) <= 80 for line in lines)
    assert "provider_type='OPENAI'," in text
    assert "<LLMProviderType" not in text


def test_a_long_list_puts_one_item_a_line() -> None:
    text = repr(t.ListLLMsResponse(llms=[_llm(), _llm()]))
    assert text.startswith("ListLLMsResponse(\n    llms=[\n        LLMResponse(\n")
    assert text.count("\n        LLMResponse(\n") == 2
    assert text.endswith("\n    ],\n)")


def test_short_reprs_stay_on_one_line() -> None:
    text = repr(t.SecretReference(uri="vault://path/to/secret"))
    assert text == "SecretReference(uri='vault://path/to/secret')"


def test_repr_is_python_that_rebuilds_an_equal_model() -> None:
    # without secrets (masked) and additional properties (not a constructor argument)
    llm = _llm(credentials=None)
    rebuilt = eval(repr(llm), vars(t))
    assert rebuilt == llm
    assert rebuilt.provider_type is t.LLMProviderType.OPENAI


def test_str_and_pprint_show_the_same_text() -> None:
    llm = _llm()
    assert str(llm) == repr(llm)
    assert pprint.pformat(llm) == repr(llm)
    assert pprint.pformat(t.LLMCapabilities(supports_chat=True)) == repr(
        t.LLMCapabilities(supports_chat=True)
    )


def test_a_cycle_does_not_recurse_forever() -> None:
    config = t.ClientConfig({"a": 1})
    config["self"] = config
    assert repr(config) == "ClientConfig({'a': 1, 'self': ...})"


def test_deeply_nested_free_form_json_is_shown() -> None:
    deep: Any = "bottom"
    for _ in range(600):
        deep = {"d": deep}
    text = repr(t.ClientConfig({"deep": deep}))
    assert text.count("'d'") == 600
    assert "'bottom'" in text


def test_every_model_uses_the_shared_repr() -> None:
    for name in t.__all__:
        cls = getattr(t, name)
        if hasattr(cls, "from_dict"):
            assert cls.__repr__ is model_repr, name


def test_pprint_lays_models_out_inside_its_containers_at_its_width() -> None:
    flags = {f"supports_{name}": True for name in ("chat", "completion", "streaming")}
    caps = t.LLMCapabilities(**flags)
    text = pprint.pformat([caps, caps], width=40)
    assert text.splitlines()[:2] == ["[LLMCapabilities(", "     supports_chat=True,"]
    assert "\n ),\n LLMCapabilities(\n" in text
    assert text.endswith("\n )]")
    short = t.LLMCapabilities(supports_chat=True)
    assert pprint.pformat([short, short]) == repr([short, short])
