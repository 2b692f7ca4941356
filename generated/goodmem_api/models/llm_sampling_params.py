from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LLMSamplingParams")


@_attrs_define
class LLMSamplingParams:
    """Default generation settings sent with each request to the model."""

    max_tokens: int | Unset = UNSET
    """ Most tokens to generate (greater than 0). """
    temperature: float | Unset = UNSET
    """ Sampling temperature from 0.0 (deterministic) to 2.0 (most random). """
    top_p: float | Unset = UNSET
    """ Nucleus sampling threshold from 0.0 to 1.0. """
    top_k: int | Unset = UNSET
    """ Sample from the k most likely tokens (greater than 0). """
    frequency_penalty: float | Unset = UNSET
    """ From -2.0 to 2.0; positive values discourage repeating frequent tokens. """
    presence_penalty: float | Unset = UNSET
    """ From -2.0 to 2.0; positive values encourage new topics. """
    stop_sequences: list[str] | Unset = UNSET
    """ Up to 10 strings of at most 100 characters; generation stops at any of them. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
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

    def to_dict(self) -> dict[str, Any]:
        max_tokens = self.max_tokens

        temperature = self.temperature

        top_p = self.top_p

        top_k = self.top_k

        frequency_penalty = self.frequency_penalty

        presence_penalty = self.presence_penalty

        stop_sequences: list[str] | Unset = UNSET
        if not isinstance(self.stop_sequences, Unset):
            stop_sequences = self.stop_sequences

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if max_tokens is not UNSET:
            field_dict["maxTokens"] = max_tokens
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if top_p is not UNSET:
            field_dict["topP"] = top_p
        if top_k is not UNSET:
            field_dict["topK"] = top_k
        if frequency_penalty is not UNSET:
            field_dict["frequencyPenalty"] = frequency_penalty
        if presence_penalty is not UNSET:
            field_dict["presencePenalty"] = presence_penalty
        if stop_sequences is not UNSET:
            field_dict["stopSequences"] = stop_sequences

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        max_tokens = d.pop("maxTokens", UNSET)
        if max_tokens is not UNSET and (
            not isinstance(max_tokens, int) or isinstance(max_tokens, bool)
        ):
            raise TypeError(f"maxTokens: expected int, got {type(max_tokens).__name__}")

        temperature = d.pop("temperature", UNSET)
        if temperature is not UNSET and (
            not isinstance(temperature, (int, float)) or isinstance(temperature, bool)
        ):
            raise TypeError(f"temperature: expected float, got {type(temperature).__name__}")

        top_p = d.pop("topP", UNSET)
        if top_p is not UNSET and (not isinstance(top_p, (int, float)) or isinstance(top_p, bool)):
            raise TypeError(f"topP: expected float, got {type(top_p).__name__}")

        top_k = d.pop("topK", UNSET)
        if top_k is not UNSET and (not isinstance(top_k, int) or isinstance(top_k, bool)):
            raise TypeError(f"topK: expected int, got {type(top_k).__name__}")

        frequency_penalty = d.pop("frequencyPenalty", UNSET)
        if frequency_penalty is not UNSET and (
            not isinstance(frequency_penalty, (int, float)) or isinstance(frequency_penalty, bool)
        ):
            raise TypeError(
                f"frequencyPenalty: expected float, got {type(frequency_penalty).__name__}"
            )

        presence_penalty = d.pop("presencePenalty", UNSET)
        if presence_penalty is not UNSET and (
            not isinstance(presence_penalty, (int, float)) or isinstance(presence_penalty, bool)
        ):
            raise TypeError(
                f"presencePenalty: expected float, got {type(presence_penalty).__name__}"
            )

        stop_sequences = cast(list[str], d.pop("stopSequences", UNSET))

        llm_sampling_params = cls(
            max_tokens=max_tokens,
            temperature=temperature,
            top_p=top_p,
            top_k=top_k,
            frequency_penalty=frequency_penalty,
            presence_penalty=presence_penalty,
            stop_sequences=stop_sequences,
        )

        llm_sampling_params.additional_properties = d
        return llm_sampling_params

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
