"""goodmem._convert with the new annotations: what is sent is still checked strictly.

The models read leniently (`E | str`, converters that accept anything); `to_model` must not:
an enum value the spec doesn't list is refused, in a dict or in a model instance alike.
"""

from __future__ import annotations

from typing import Any

import pytest

from goodmem._convert import to_model
from goodmem.types import (
    EndpointAuthentication,
    LabelMap,
    LLMCreationRequest,
    LLMProviderType,
    LLMUpdateRequest,
    Modality,
)

OK = {"display_name": "x", "model_identifier": "m", "endpoint_url": "http://h.test/v1"}


def test_known_enum_strings_become_members_and_maps_become_map_models() -> None:
    body = to_model(
        LLMCreationRequest,
        {**OK, "provider_type": "OPENAI", "supported_modalities": ["TEXT"], "labels": {"a": "b"}},
        "",
    )
    assert body.provider_type is LLMProviderType.OPENAI
    assert body.supported_modalities is not None
    assert body.supported_modalities[0] is Modality.TEXT
    assert type(body.labels) is LabelMap
    assert body.to_dict() == {
        "displayName": "x",
        "providerType": "OPENAI",
        "endpointUrl": "http://h.test/v1",
        "modelIdentifier": "m",
        "supportedModalities": ["TEXT"],
        "labels": {"a": "b"},
    }


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (
            LLMUpdateRequest(supported_modalities=["TEXT", "IMAGES"]),
            ValueError,
            "request.supported_modalities[1]: 'IMAGES' is not a valid Modality"
            " (did you mean 'IMAGE'?)",
        ),
        (
            LLMUpdateRequest(credentials=EndpointAuthentication(kind="CREDENTIAL_KIND_OAUTH")),
            ValueError,
            "request.credentials.kind: 'CREDENTIAL_KIND_OAUTH' is not a valid CredentialKind",
        ),
        (
            LLMUpdateRequest(merge_labels={"a": 1}),  # type: ignore[dict-item]
            TypeError,
            "request.merge_labels['a']: expected str, got int",
        ),
        (
            LLMUpdateRequest(display_name=5),  # type: ignore[arg-type]
            TypeError,
            "request.display_name: expected str, got int",
        ),
    ],
)
def test_a_model_instance_is_checked_like_a_dict(value: Any, error: type, message: str) -> None:
    # the constructors are lenient (they also build what a newer server sent); sending is not
    with pytest.raises(error) as info:
        to_model(LLMUpdateRequest, value, "request")
    assert str(info.value).startswith(message)


def test_none_means_not_sent() -> None:
    body = to_model(LLMUpdateRequest, {"display_name": None, "merge_labels": {"v": "2"}}, "r")
    assert body.display_name is None
    assert body.to_dict() == {"mergeLabels": {"v": "2"}}
    assert to_model(LLMUpdateRequest, LLMUpdateRequest(), "r").to_dict() == {}
