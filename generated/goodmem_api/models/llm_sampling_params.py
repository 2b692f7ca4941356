from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..types import TypedDict, model_repr, model_to_json

T = TypeVar("T", bound="LLMSamplingParams")
_LLMSAMPLINGPARAMS_FIELDS = frozenset(
    {
        "maxTokens",
        "temperature",
        "topP",
        "topK",
        "frequencyPenalty",
        "presencePenalty",
        "stopSequences",
    }
)
"""The JSON names of the fields the spec lists (the rest go to `additional_properties`)."""


@_attrs_define(kw_only=True, repr=False, on_setattr=_attrs_setters.NO_OP)
class LLMSamplingParams:
    """Default generation settings sent with each request to the model."""

    max_tokens: int | None = None
    """ Most tokens to generate (greater than 0). """
    temperature: float | None = None
    """ Sampling temperature from 0.0 (deterministic) to 2.0 (most random). """
    top_p: float | None = None
    """ Nucleus sampling threshold from 0.0 to 1.0. """
    top_k: int | None = None
    """ Sample from the k most likely tokens (greater than 0). """
    frequency_penalty: float | None = None
    """ From -2.0 to 2.0; positive values discourage repeating frequent tokens. """
    presence_penalty: float | None = None
    """ From -2.0 to 2.0; positive values encourage new topics. """
    stop_sequences: list[str] | None = None
    """ Up to 10 strings of at most 100 characters; generation stops at any of them. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """ Fields the spec doesn't list, as received (JSON values by JSON name). """
    __constraints__: ClassVar[dict[str, dict[str, Any]]] = {
        "frequency_penalty": {"maximum": 2.0, "minimum": -2.0},
        "max_tokens": {"minimum": 1.0},
        "presence_penalty": {"maximum": 2.0, "minimum": -2.0},
        "stop_sequences": {"items": {"maxLength": 100}, "maxItems": 10},
        "temperature": {"maximum": 2.0, "minimum": 0.0},
        "top_k": {"minimum": 1.0},
        "top_p": {"maximum": 1.0, "minimum": 0.0},
    }
    """ Validation limits from openapi.yaml by attribute ("" for the object itself). """

    __repr__ = model_repr
    to_json = model_to_json

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data (camelCase keys); fields that are None are left out."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if self.max_tokens is not None:
            field_dict["maxTokens"] = self.max_tokens
        if self.temperature is not None:
            field_dict["temperature"] = self.temperature
        if self.top_p is not None:
            field_dict["topP"] = self.top_p
        if self.top_k is not None:
            field_dict["topK"] = self.top_k
        if self.frequency_penalty is not None:
            field_dict["frequencyPenalty"] = self.frequency_penalty
        if self.presence_penalty is not None:
            field_dict["presencePenalty"] = self.presence_penalty
        if self.stop_sequences is not None:
            field_dict["stopSequences"] = list(self.stop_sequences)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read JSON data (camelCase keys), tolerating what a newer server may send.

        A null reads like an absent field; enum values the spec doesn't list stay plain str;
        fields it doesn't list go to `additional_properties`. Raises KeyError(<path>) for a
        missing required field and TypeError("<path>: expected <type>, got <type>") for a
        value of the wrong JSON type, the path naming where it is (`llms[3].labels`).
        """
        get = src_dict.get
        max_tokens = get("maxTokens")
        if max_tokens is not None:
            if max_tokens.__class__ is not int and (
                not isinstance(max_tokens, int) or isinstance(max_tokens, bool)
            ):
                raise TypeError(f"maxTokens: expected int, got {type(max_tokens).__name__}")

        temperature = get("temperature")
        if temperature is not None:
            if (
                temperature.__class__ is not float
                and temperature.__class__ is not int
                and (not isinstance(temperature, (int, float)) or isinstance(temperature, bool))
            ):
                raise TypeError(f"temperature: expected float, got {type(temperature).__name__}")

        top_p = get("topP")
        if top_p is not None:
            if (
                top_p.__class__ is not float
                and top_p.__class__ is not int
                and (not isinstance(top_p, (int, float)) or isinstance(top_p, bool))
            ):
                raise TypeError(f"topP: expected float, got {type(top_p).__name__}")

        top_k = get("topK")
        if top_k is not None:
            if top_k.__class__ is not int and (
                not isinstance(top_k, int) or isinstance(top_k, bool)
            ):
                raise TypeError(f"topK: expected int, got {type(top_k).__name__}")

        frequency_penalty = get("frequencyPenalty")
        if frequency_penalty is not None:
            if (
                frequency_penalty.__class__ is not float
                and frequency_penalty.__class__ is not int
                and (
                    not isinstance(frequency_penalty, (int, float))
                    or isinstance(frequency_penalty, bool)
                )
            ):
                raise TypeError(
                    f"frequencyPenalty: expected float, got {type(frequency_penalty).__name__}"
                )

        presence_penalty = get("presencePenalty")
        if presence_penalty is not None:
            if (
                presence_penalty.__class__ is not float
                and presence_penalty.__class__ is not int
                and (
                    not isinstance(presence_penalty, (int, float))
                    or isinstance(presence_penalty, bool)
                )
            ):
                raise TypeError(
                    f"presencePenalty: expected float, got {type(presence_penalty).__name__}"
                )

        stop_sequences = get("stopSequences")
        if stop_sequences is not None:
            if stop_sequences.__class__ is not list and not isinstance(
                stop_sequences, (list, tuple)
            ):
                raise TypeError(
                    f"stopSequences: expected list, got {type(stop_sequences).__name__}"
                )
            for stop_sequences_index, stop_sequences_item in enumerate(stop_sequences):
                if stop_sequences_item.__class__ is not str and not isinstance(
                    stop_sequences_item, str
                ):
                    raise TypeError(
                        f"stopSequences[{stop_sequences_index}]: expected str, got {type(stop_sequences_item).__name__}"
                    )
            stop_sequences = list(stop_sequences)

        # what the spec does not list; an empty dict (no copy) in the usual case
        d = (
            {}
            if _LLMSAMPLINGPARAMS_FIELDS.issuperset(src_dict)
            else {k: v for k, v in src_dict.items() if k not in _LLMSAMPLINGPARAMS_FIELDS}
        )
        # Built without __init__: the values are already parsed, so its converters have no work.
        result = cls.__new__(cls)
        result.max_tokens = max_tokens
        result.temperature = temperature
        result.top_p = top_p
        result.top_k = top_k
        result.frequency_penalty = frequency_penalty
        result.presence_penalty = presence_penalty
        result.stop_sequences = stop_sequences
        result.additional_properties = d
        return result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: object) -> bool:
        return key in self.additional_properties


class LLMSamplingParamsDict(TypedDict, total=False):
    """LLMSamplingParams as a plain dict: the same fields as snake_case keys, plain values
    (str for enums, dicts for nested models) accepted. For type checkers; the SDK checks
    the values when they are sent."""

    max_tokens: int | None
    """ Most tokens to generate (greater than 0). """
    temperature: float | None
    """ Sampling temperature from 0.0 (deterministic) to 2.0 (most random). """
    top_p: float | None
    """ Nucleus sampling threshold from 0.0 to 1.0. """
    top_k: int | None
    """ Sample from the k most likely tokens (greater than 0). """
    frequency_penalty: float | None
    """ From -2.0 to 2.0; positive values discourage repeating frequent tokens. """
    presence_penalty: float | None
    """ From -2.0 to 2.0; positive values encourage new topics. """
    stop_sequences: Sequence[str] | None
    """ Up to 10 strings of at most 100 characters; generation stops at any of them. """
