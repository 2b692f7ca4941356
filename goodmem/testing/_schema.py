"""Request validation for the embedded GoodMem: one table of the openapi.yaml constraints.

The table mirrors components/schemas of openapi.yaml (tests check it against the spec). It is
stricter in one way: nested request objects reject unknown keys, so a misspelled field
(`max_tokens` for `maxTokens`) fails loudly instead of being dropped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "CREATE_REQUEST",
    "CREDENTIAL_KINDS",
    "MODALITIES",
    "PROVIDER_TYPES",
    "UPDATE_REQUEST",
    "UUID_RE",
    "Invalid",
    "Schema",
    "validate",
]

INT32_MAX = 2**31 - 1
UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")

PROVIDER_TYPES = (
    "OPENAI",
    "LITELLM_PROXY",
    "OPEN_ROUTER",
    "VLLM",
    "OLLAMA",
    "LLAMA_CPP",
    "CUSTOM_OPENAI_COMPATIBLE",
)
MODALITIES = ("TEXT", "IMAGE", "AUDIO", "VIDEO")
CREDENTIAL_KINDS = ("CREDENTIAL_KIND_API_KEY", "CREDENTIAL_KIND_GCP_ADC")

JsonType = Literal["string", "integer", "number", "boolean", "array", "object"]


class Invalid(Exception):
    """A request value breaks a constraint; `field` is its dotted path, `reason` what is wrong."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class Schema:
    """One node of the constraint table, named after the OpenAPI keywords it stands for.

    For objects, `additional` is False (unknown keys rejected), True (free-form) or the schema
    of every value (a map).
    """

    type: JsonType
    nullable: bool = False
    min_length: int | None = None
    max_length: int | None = None
    pattern: re.Pattern[str] | None = None
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    items: Schema | None = None
    max_items: int | None = None
    properties: Mapping[str, Schema] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    additional: bool | Schema = False
    max_properties: int | None = None


def _int32(minimum: int | None = 1, *, nullable: bool = False) -> Schema:
    return Schema("integer", minimum=minimum, maximum=INT32_MAX, nullable=nullable)


def _str(
    *, nullable: bool = False, min_length: int | None = None, max_length: int | None = None
) -> Schema:
    return Schema("string", nullable=nullable, min_length=min_length, max_length=max_length)


_UUID = Schema("string", pattern=UUID_RE)
_LABELS = Schema("object", additional=Schema("string"), max_properties=20)
_FREE_FORM = Schema("object", additional=True)
_MODALITY_LIST = Schema("array", items=Schema("string", enum=MODALITIES))

_CAPABILITIES = Schema(
    "object",
    properties={
        name: Schema("boolean")
        for name in (
            "supportsChat",
            "supportsCompletion",
            "supportsFunctionCalling",
            "supportsSystemMessages",
            "supportsStreaming",
            "supportsSamplingParameters",
        )
    },
)
CAPABILITY_FLAGS = tuple(_CAPABILITIES.properties)

_SAMPLING = Schema(
    "object",
    properties={
        "maxTokens": _int32(),
        "temperature": Schema("number", minimum=0, maximum=2),
        "topP": Schema("number", minimum=0, maximum=1),
        "topK": _int32(),
        "frequencyPenalty": Schema("number", minimum=-2, maximum=2),
        "presencePenalty": Schema("number", minimum=-2, maximum=2),
        "stopSequences": Schema("array", items=_str(max_length=100), max_items=10),
    },
)

_CREDENTIALS = Schema(
    "object",
    properties={
        "kind": Schema("string", enum=CREDENTIAL_KINDS),
        "apiKey": Schema(
            "object",
            properties={
                "inlineSecret": _str(),
                "secretRef": Schema("object", properties={"uri": _str()}, required=("uri",)),
                "headerName": _str(),
                "prefix": _str(),
            },
        ),
        "gcpAdc": Schema(
            "object",
            properties={
                "scopes": Schema("array", items=_str()),
                "quotaProjectId": _str(),
            },
        ),
        "labels": _LABELS,
    },
)

CREATE_REQUEST = Schema(
    "object",
    required=("displayName", "modelIdentifier"),
    properties={
        "displayName": _str(min_length=1, max_length=255),
        "description": _str(),
        "providerType": Schema("string", enum=PROVIDER_TYPES),
        "endpointUrl": _str(),
        "apiPath": _str(),
        "modelIdentifier": _str(min_length=1),
        "supportedModalities": _MODALITY_LIST,
        "credentials": _CREDENTIALS,
        "labels": _LABELS,
        "version": _str(),
        "monitoringEndpoint": _str(),
        "capabilities": _CAPABILITIES,
        "defaultSamplingParams": _SAMPLING,
        "maxContextLength": _int32(),
        "clientConfig": _FREE_FORM,
        "ownerId": _UUID,
        "llmId": _UUID,
    },
)
"""LLMCreationRequest."""

UPDATE_REQUEST = Schema(
    "object",
    properties={
        "displayName": _str(nullable=True, min_length=1, max_length=255),
        "description": _str(nullable=True),
        "endpointUrl": _str(nullable=True),
        "apiPath": _str(nullable=True),
        "modelIdentifier": _str(nullable=True, min_length=1),
        "supportedModalities": Schema("array", nullable=True, items=_MODALITY_LIST.items),
        "credentials": _CREDENTIALS,
        "version": _str(nullable=True),
        "monitoringEndpoint": _str(nullable=True),
        "capabilities": _CAPABILITIES,
        "defaultSamplingParams": _SAMPLING,
        "maxContextLength": _int32(nullable=True),
        "clientConfig": _FREE_FORM,
        "replaceLabels": _LABELS,
        "mergeLabels": _LABELS,
    },
)
"""LLMUpdateRequest. Object-valued fields are not nullable: OpenAPI 3.0 ignores `nullable`
next to `$ref`, so `"credentials": null` is not a valid LLMUpdateRequest."""

_ARTICLE = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "array": "an array",
    "object": "an object",
}


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _has_type(value: Any, json_type: JsonType) -> bool:
    if json_type == "string":
        return isinstance(value, str)
    if json_type == "boolean":
        return isinstance(value, bool)
    if json_type == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if json_type == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if json_type == "array":
        return isinstance(value, list)
    return isinstance(value, dict)


def _length_reason(schema: Schema) -> str:
    low, high = schema.min_length, schema.max_length
    if low is not None and high is not None:
        return f"must be {low} to {high} characters"
    if high is not None:
        return f"must be at most {high} characters"
    return "must not be empty" if low == 1 else f"must be at least {low} characters"


def _range_reason(schema: Schema) -> str:
    low, high = schema.minimum, schema.maximum
    if low is not None and high is not None:
        return f"must be between {_fmt(low)} and {_fmt(high)}"
    if low is not None:
        return f"must be at least {_fmt(low)}"
    return f"must be at most {_fmt(high)}" if high is not None else "is out of range"


def validate(value: Any, schema: Schema, path: str) -> None:
    """Raise Invalid for the first way `value` breaks `schema`; `path` names the value."""
    if value is None:
        if schema.nullable:
            return
        raise Invalid(path, f"must be {_ARTICLE[schema.type]}, not null")
    if not _has_type(value, schema.type):
        raise Invalid(path, f"must be {_ARTICLE[schema.type]}")
    if isinstance(value, str):
        _validate_string(value, schema, path)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        _validate_number(value, schema, path)
    elif isinstance(value, list):
        if schema.max_items is not None and len(value) > schema.max_items:
            raise Invalid(path, f"must have at most {schema.max_items} items")
        if schema.items is not None:
            for index, item in enumerate(value):
                validate(item, schema.items, f"{path}[{index}]")
    elif isinstance(value, dict):
        _validate_object(value, schema, path)


def _validate_string(value: str, schema: Schema, path: str) -> None:
    if schema.enum is not None and value not in schema.enum:
        raise Invalid(path, "must be one of " + ", ".join(schema.enum))
    if (schema.min_length is not None and len(value) < schema.min_length) or (
        schema.max_length is not None and len(value) > schema.max_length
    ):
        raise Invalid(path, _length_reason(schema))
    if schema.pattern is not None and not schema.pattern.fullmatch(value):
        raise Invalid(path, "must be a UUID" if schema.pattern is UUID_RE else "has a bad format")


def _validate_number(value: float, schema: Schema, path: str) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise Invalid(path, "must be a finite number")
    if (schema.minimum is not None and value < schema.minimum) or (
        schema.maximum is not None and value > schema.maximum
    ):
        raise Invalid(path, _range_reason(schema))


def _validate_object(value: dict[str, Any], schema: Schema, path: str) -> None:
    def child(key: str) -> str:
        return f"{path}.{key}" if path else key

    if schema.max_properties is not None and len(value) > schema.max_properties:
        raise Invalid(path, f"must have at most {schema.max_properties} entries")
    for key in schema.required:
        if key not in value:
            raise Invalid(child(key), "is required")
    for key, item in value.items():
        sub = schema.properties.get(key)
        if sub is not None:
            validate(item, sub, child(key))
        elif isinstance(schema.additional, Schema):
            validate(item, schema.additional, child(key))
        elif not schema.additional:
            raise Invalid(child(key), "unknown field")
