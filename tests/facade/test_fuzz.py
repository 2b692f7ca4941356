"""Fuzzed arguments: every call either sends a spec-valid request or raises ValueError/TypeError.

Nothing else may escape (no KeyError, AttributeError, generated-layer or httpx exception), and a
rejected call sends nothing.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import goodmem
from goodmem.types import LLMProviderType
from tests.conftest import load_fixture
from tests.spec_check import schema_errors

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.lists(st.text(max_size=3), max_size=3),
    st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=3),
)
text = st.text(max_size=300)
uuid_like = st.one_of(st.uuids().map(str), st.text(max_size=40))
providers = st.sampled_from([t.value for t in LLMProviderType] + ["openai", "NOPE"])
modalities = st.lists(st.sampled_from(["TEXT", "IMAGE", "AUDIO", "VIDEO", "SMELL"]), max_size=5)
labels = st.dictionaries(st.text(max_size=10), st.text(max_size=10), max_size=22)
sampling = st.fixed_dictionaries(
    {},
    optional={
        "max_tokens": st.integers(-5, 10**6),
        "temperature": st.floats(-1, 3),
        "top_p": st.floats(-0.5, 1.5),
        "top_k": st.integers(-5, 100),
        "frequency_penalty": st.floats(-3, 3),
        "presence_penalty": st.floats(-3, 3),
        "stop_sequences": st.lists(st.text(max_size=120), max_size=12),
    },
)
capabilities = st.dictionaries(
    st.sampled_from(["supports_chat", "supports_streaming", "supports_completion"]),
    st.booleans(),
    max_size=3,
)
credentials = st.one_of(
    st.fixed_dictionaries(
        {"kind": st.sampled_from(["CREDENTIAL_KIND_API_KEY", "CREDENTIAL_KIND_GCP_ADC", "X"])},
        optional={
            "api_key": st.fixed_dictionaries(
                {},
                optional={
                    "inline_secret": text,
                    "secret_ref": st.fixed_dictionaries({"uri": text}),
                    "header_name": text,
                },
            ),
            "gcp_adc": st.fixed_dictionaries({}, optional={"scopes": st.lists(text)}),
            "labels": labels,
        },
    ),
)
# Plausible values, some of them out of range: most calls get through and are validated.
CREATE_FIELDS = {
    "provider_type": providers,
    "endpoint_url": text,
    "api_path": text,
    "description": text,
    "labels": labels,
    "capabilities": capabilities,
    "default_sampling_params": sampling,
    "max_context_length": st.integers(-10, 2**31),
    "supported_modalities": modalities,
    "client_config": st.dictionaries(st.text(max_size=5), st.one_of(st.integers(), text)),
    "monitoring_endpoint": text,
    "owner_id": uuid_like,
    "llm_id": uuid_like,
    "version": text,
    "api_key": text,
    "credentials": credentials,
}
UPDATE_FIELDS = {
    "display_name": st.text(max_size=260),
    "model_identifier": text,
    "description": text,
    "endpoint_url": text,
    "supported_modalities": modalities,
    "capabilities": capabilities,
    "default_sampling_params": sampling,
    "max_context_length": st.integers(-10, 2**31),
    "client_config": st.dictionaries(st.text(max_size=5), st.integers()),
    "replace_labels": labels,
    "merge_labels": labels,
    "credentials": credentials,
}


@st.composite
def _mutated(draw: st.DrawFn, base: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    """A plausible argument set with one value replaced by junk, or a misspelt key added."""
    kwargs = draw(base)
    key = draw(st.sampled_from([*kwargs, "misspelt_field"]))
    kwargs[key] = draw(junk)
    return kwargs


plausible_create = st.fixed_dictionaries(
    {
        "display_name": st.text(max_size=260),
        "model_identifier": st.one_of(st.sampled_from(["gpt-4o", "gpt-4o-mini", "llama3"]), text),
    },
    optional=CREATE_FIELDS,
)
create_kwargs = st.one_of(plausible_create, _mutated(plausible_create))
plausible_update = st.fixed_dictionaries({}, optional=UPDATE_FIELDS)
update_request = st.one_of(plausible_update, _mutated(plausible_update), junk)


class _Validating:
    """A server that fails the test when a request body breaks the spec."""

    def __init__(self, schema: str, reply: httpx.Response) -> None:
        self.schema, self.reply, self.sent = schema, reply, 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.sent += 1
        body = json.loads(request.content)
        errors = schema_errors(self.schema, body)
        assert errors == [], f"sent a request that breaks {self.schema}: {errors}\n{body}"
        if request.method == "PUT":  # the LLM asked for, as the SDK checks
            llm_id = unquote(request.url.raw_path.decode().rsplit("/", 1)[1])
            return httpx.Response(200, json={**json.loads(self.reply.content), "llmId": llm_id})
        return httpx.Response(self.reply.status_code, content=self.reply.content)


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(kwargs=create_kwargs)
def test_create_sends_valid_requests_or_raises_value_or_type_error(kwargs: dict[str, Any]) -> None:
    server = _Validating(
        "LLMCreationRequest", httpx.Response(201, json=load_fixture("create_response"))
    )
    client = goodmem.Goodmem(
        "http://gm.test", "k", http_client=httpx.Client(transport=httpx.MockTransport(server))
    )
    try:
        client.llms.create(**kwargs)
    except (ValueError, TypeError):
        assert server.sent == 0
    else:
        assert server.sent == 1


@FUZZ
@given(request=update_request, llm_id=st.one_of(st.text(max_size=20), junk))
def test_update_sends_valid_requests_or_raises_value_or_type_error(
    request: Any, llm_id: Any
) -> None:
    server = _Validating("LLMUpdateRequest", httpx.Response(200, json=load_fixture("get_response")))
    client = goodmem.Goodmem(
        "http://gm.test", "k", http_client=httpx.Client(transport=httpx.MockTransport(server))
    )
    try:
        client.llms.update(id=llm_id, request=request)
    except (ValueError, TypeError):
        assert server.sent == 0
    else:
        assert server.sent == 1


@pytest.mark.parametrize(
    "body",
    [
        b'{"llmId": "x", "displayName"',
        b"<html><body>502 Bad Gateway</body></html>",
        b"",
        b"null",
        b"[]",
        b'{"llmId": 1}',
        json.dumps({**load_fixture("get_response"), "capabilities": "all"}).encode(),
        json.dumps({**load_fixture("get_response"), "supportedModalities": "TEXT"}).encode(),
        json.dumps({**load_fixture("get_response"), "credentials": ["x"]}).encode(),
        json.dumps({**load_fixture("get_response"), "clientConfig": 3}).encode(),
        b'{"llmId": "' + b"x" * 10_000_000 + b'"}',
    ],
    ids=[
        "truncated",
        "html",
        "empty",
        "null",
        "array",
        "wrong-type",
        "nested-wrong",
        "modalities",
        "credentials",
        "client-config",
        "10MB",
    ],
)
@pytest.mark.parametrize("status", [200, 502])
def test_malformed_responses_raise_goodmem_errors(body: bytes, status: int) -> None:
    def server(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=body)

    client = goodmem.Goodmem(
        "http://gm.test",
        "k",
        max_retries=0,
        http_client=httpx.Client(transport=httpx.MockTransport(server)),
    )
    with pytest.raises(goodmem.GoodmemError):
        client.llms.get(id="abc")
