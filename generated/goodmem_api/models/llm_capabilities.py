from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..types import TypedDict, model_repr, model_to_json

T = TypeVar("T", bound="LLMCapabilities")
_LLMCAPABILITIES_FIELDS = frozenset(
    {
        "supportsChat",
        "supportsCompletion",
        "supportsFunctionCalling",
        "supportsSystemMessages",
        "supportsStreaming",
        "supportsSamplingParameters",
    }
)
"""The JSON names of the fields the spec lists (the rest go to `additional_properties`)."""


@_attrs_define(kw_only=True, repr=False, on_setattr=_attrs_setters.NO_OP)
class LLMCapabilities:
    """The features an LLM service supports."""

    supports_chat: bool | None = None
    """ Chat completions with message roles. """
    supports_completion: bool | None = None
    """ Raw text completion of a prompt. """
    supports_function_calling: bool | None = None
    """ Function / tool calling with structured results. """
    supports_system_messages: bool | None = None
    """ System prompts that set the model's behaviour. """
    supports_streaming: bool | None = None
    """ Token streaming while generating. """
    supports_sampling_parameters: bool | None = None
    """ Sampling controls such as temperature, top_p and top_k. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """ Fields the spec doesn't list, as received (JSON values by JSON name). """

    __repr__ = model_repr
    to_json = model_to_json

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data (camelCase keys); fields that are None are left out."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if self.supports_chat is not None:
            field_dict["supportsChat"] = self.supports_chat
        if self.supports_completion is not None:
            field_dict["supportsCompletion"] = self.supports_completion
        if self.supports_function_calling is not None:
            field_dict["supportsFunctionCalling"] = self.supports_function_calling
        if self.supports_system_messages is not None:
            field_dict["supportsSystemMessages"] = self.supports_system_messages
        if self.supports_streaming is not None:
            field_dict["supportsStreaming"] = self.supports_streaming
        if self.supports_sampling_parameters is not None:
            field_dict["supportsSamplingParameters"] = self.supports_sampling_parameters
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
        supports_chat = get("supportsChat")
        if supports_chat is not None:
            if supports_chat.__class__ is not bool and not isinstance(supports_chat, bool):
                raise TypeError(f"supportsChat: expected bool, got {type(supports_chat).__name__}")

        supports_completion = get("supportsCompletion")
        if supports_completion is not None:
            if supports_completion.__class__ is not bool and not isinstance(
                supports_completion, bool
            ):
                raise TypeError(
                    f"supportsCompletion: expected bool, got {type(supports_completion).__name__}"
                )

        supports_function_calling = get("supportsFunctionCalling")
        if supports_function_calling is not None:
            if supports_function_calling.__class__ is not bool and not isinstance(
                supports_function_calling, bool
            ):
                raise TypeError(
                    f"supportsFunctionCalling: expected bool, got {type(supports_function_calling).__name__}"
                )

        supports_system_messages = get("supportsSystemMessages")
        if supports_system_messages is not None:
            if supports_system_messages.__class__ is not bool and not isinstance(
                supports_system_messages, bool
            ):
                raise TypeError(
                    f"supportsSystemMessages: expected bool, got {type(supports_system_messages).__name__}"
                )

        supports_streaming = get("supportsStreaming")
        if supports_streaming is not None:
            if supports_streaming.__class__ is not bool and not isinstance(
                supports_streaming, bool
            ):
                raise TypeError(
                    f"supportsStreaming: expected bool, got {type(supports_streaming).__name__}"
                )

        supports_sampling_parameters = get("supportsSamplingParameters")
        if supports_sampling_parameters is not None:
            if supports_sampling_parameters.__class__ is not bool and not isinstance(
                supports_sampling_parameters, bool
            ):
                raise TypeError(
                    f"supportsSamplingParameters: expected bool, got {type(supports_sampling_parameters).__name__}"
                )

        # what the spec does not list; an empty dict (no copy) in the usual case
        d = (
            {}
            if _LLMCAPABILITIES_FIELDS.issuperset(src_dict)
            else {k: v for k, v in src_dict.items() if k not in _LLMCAPABILITIES_FIELDS}
        )
        # Built without __init__: the values are already parsed, so its converters have no work.
        result = cls.__new__(cls)
        result.supports_chat = supports_chat
        result.supports_completion = supports_completion
        result.supports_function_calling = supports_function_calling
        result.supports_system_messages = supports_system_messages
        result.supports_streaming = supports_streaming
        result.supports_sampling_parameters = supports_sampling_parameters
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


class LLMCapabilitiesDict(TypedDict, total=False):
    """LLMCapabilities as a plain dict: the same fields as snake_case keys, plain values
    (str for enums, dicts for nested models) accepted. For type checkers; the SDK checks
    the values when they are sent."""

    supports_chat: bool | None
    """ Chat completions with message roles. """
    supports_completion: bool | None
    """ Raw text completion of a prompt. """
    supports_function_calling: bool | None
    """ Function / tool calling with structured results. """
    supports_system_messages: bool | None
    """ System prompts that set the model's behaviour. """
    supports_streaming: bool | None
    """ Token streaming while generating. """
    supports_sampling_parameters: bool | None
    """ Sampling controls such as temperature, top_p and top_k. """
