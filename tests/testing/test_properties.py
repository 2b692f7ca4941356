"""Property tests: whatever body arrives, the fake accepts only schema-valid requests and answers
only schema-valid responses, and every 400 names a field."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from goodmem.testing import FakeGoodmem
from tests.spec_check import load_spec, schema_errors
from tests.testing.support import minimal, spec_problems, without_null_fields

_SCHEMAS = load_spec()["components"]["schemas"]
CREDENTIAL_KINDS = _SCHEMAS["CredentialKind"]["enum"]
MODALITIES = _SCHEMAS["Modality"]["enum"]
PROVIDER_TYPES = _SCHEMAS["LLMProviderType"]["enum"]
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 2**31 + 3)
    | st.floats(-3, 3, allow_nan=False)
    | st.text(max_size=4),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)
UUIDS = st.uuids().map(str) | st.sampled_from(
    ["", "not-a-uuid", "550E8400-E29B-41D4-A716-446655440000"]
)
URLS = st.sampled_from(["https://api.openai.com/v1", "http://h:1/v1/", "ftp://x", "h/v1", ""])
SHORT_TEXT = st.text(max_size=3)
LABELS = st.dictionaries(SHORT_TEXT, SHORT_TEXT | JSON, max_size=22)
NUMBER = st.integers(-3, 3) | st.floats(-3, 3, allow_nan=False)
SAMPLING = st.fixed_dictionaries(
    {},
    optional={
        "maxTokens": st.integers(-1, 2**31) | JSON,
        "temperature": NUMBER,
        "topP": NUMBER,
        "topK": st.integers(-1, 3),
        "frequencyPenalty": NUMBER,
        "presencePenalty": NUMBER,
        "stopSequences": st.lists(st.text(max_size=101), max_size=11),
        "max_tokens": st.integers(),
    },
)
CREDENTIALS = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(CREDENTIAL_KINDS) | JSON,
        "apiKey": st.fixed_dictionaries(
            {},
            optional={
                "inlineSecret": SHORT_TEXT,
                "secretRef": st.fixed_dictionaries({}, optional={"uri": SHORT_TEXT}),
                "headerName": SHORT_TEXT,
            },
        ),
        "gcpAdc": st.fixed_dictionaries({}, optional={"scopes": st.lists(SHORT_TEXT) | JSON}),
        "labels": LABELS,
    },
)
COMMON = {
    "displayName": st.text(max_size=256) | JSON,
    "description": SHORT_TEXT | JSON,
    "endpointUrl": URLS | JSON,
    "apiPath": st.sampled_from(["/chat/completions", "/v2", "v2"]) | JSON,
    "modelIdentifier": st.sampled_from(["gpt-4o", "o1", "llama3", ""]) | JSON,
    "supportedModalities": st.lists(st.sampled_from([*MODALITIES, "SMELL"]), max_size=3) | JSON,
    "credentials": CREDENTIALS | JSON,
    "version": SHORT_TEXT | JSON,
    "monitoringEndpoint": URLS,
    "capabilities": st.dictionaries(
        st.sampled_from(["supportsChat", "supportsStreaming", "supportsX"]), st.booleans() | JSON
    ),
    "defaultSamplingParams": SAMPLING | JSON,
    "maxContextLength": st.integers(-1, 2**31) | JSON,
    "clientConfig": st.dictionaries(SHORT_TEXT, JSON) | JSON,
}
CREATE_BODIES = st.fixed_dictionaries(
    {},
    optional={
        **COMMON,
        "providerType": st.sampled_from([*PROVIDER_TYPES, "openai"]) | JSON,
        "labels": LABELS | JSON,
        "ownerId": UUIDS,
        "llmId": UUIDS,
        "unknownField": JSON,
    },
)
UPDATE_BODIES = st.fixed_dictionaries(
    {},
    optional={
        **COMMON,
        "replaceLabels": LABELS | JSON,
        "mergeLabels": LABELS | JSON,
        "providerType": st.just("VLLM"),
        "labels": LABELS,
    },
)
TOP_FIELD = re.compile(r"[A-Za-z]+")
# fields a 400 may name without the body having them: the required ones
NOT_SENT_BUT_BLAMED = ("displayName", "modelIdentifier", "providerType", "endpointUrl")


def send(fake: FakeGoodmem, method: str, path: str, body: Any) -> httpx.Response:
    request = httpx.Request(
        method,
        f"{fake.base_url}{path}",
        headers={"x-api-key": fake.api_key, "content-type": "application/json"},
        content=json.dumps(body).encode(),
    )
    response = fake.handle(request)
    assert spec_problems(request, response) == []
    if response.status_code == 400:  # the message starts with the offending field's path
        message = response.json()["message"]
        top = TOP_FIELD.match(message)
        assert top is not None, message
        assert top.group() in {*body, *NOT_SENT_BUT_BLAMED}, message
    return response


@settings(max_examples=120, deadline=None)
@given(body=CREATE_BODIES, keep_required=st.booleans())
def test_create_accepts_only_valid_requests(body: dict[str, Any], keep_required: bool) -> None:
    if keep_required:
        body = {**minimal(displayName="n", modelIdentifier="gpt-4o"), **body}
    fake = FakeGoodmem()

    response = send(fake, "POST", "/v1/llms", body)

    assert response.status_code in (201, 400, 403)
    if response.status_code == 403:  # only for another owner: the key is not an admin's
        assert str(body.get("ownerId")).lower() != fake.principal
    if response.status_code == 201:
        assert (
            schema_errors("LLMCreationRequest", without_null_fields(body, "LLMCreationRequest"))
            == []
        )


@settings(max_examples=120, deadline=None)
@given(body=UPDATE_BODIES)
def test_update_accepts_only_valid_requests(body: dict[str, Any]) -> None:
    fake = FakeGoodmem()
    created = send(fake, "POST", "/v1/llms", minimal(displayName="n", modelIdentifier="o1"))
    llm_id = created.json()["llm"]["llmId"]

    response = send(fake, "PUT", f"/v1/llms/{llm_id}", body)

    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert (
            schema_errors("LLMUpdateRequest", without_null_fields(body, "LLMUpdateRequest")) == []
        )
