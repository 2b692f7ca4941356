from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LLMCapabilities")


@_attrs_define
class LLMCapabilities:
    """The features an LLM service supports."""

    supports_chat: bool | Unset = UNSET
    """ Chat completions with message roles. """
    supports_completion: bool | Unset = UNSET
    """ Raw text completion of a prompt. """
    supports_function_calling: bool | Unset = UNSET
    """ Function / tool calling with structured results. """
    supports_system_messages: bool | Unset = UNSET
    """ System prompts that set the model's behaviour. """
    supports_streaming: bool | Unset = UNSET
    """ Token streaming while generating. """
    supports_sampling_parameters: bool | Unset = UNSET
    """ Sampling controls such as temperature, top_p and top_k. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        supports_chat = self.supports_chat

        supports_completion = self.supports_completion

        supports_function_calling = self.supports_function_calling

        supports_system_messages = self.supports_system_messages

        supports_streaming = self.supports_streaming

        supports_sampling_parameters = self.supports_sampling_parameters

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if supports_chat is not UNSET:
            field_dict["supportsChat"] = supports_chat
        if supports_completion is not UNSET:
            field_dict["supportsCompletion"] = supports_completion
        if supports_function_calling is not UNSET:
            field_dict["supportsFunctionCalling"] = supports_function_calling
        if supports_system_messages is not UNSET:
            field_dict["supportsSystemMessages"] = supports_system_messages
        if supports_streaming is not UNSET:
            field_dict["supportsStreaming"] = supports_streaming
        if supports_sampling_parameters is not UNSET:
            field_dict["supportsSamplingParameters"] = supports_sampling_parameters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        supports_chat = d.pop("supportsChat", UNSET)
        if supports_chat is not UNSET and (not isinstance(supports_chat, bool)):
            raise TypeError(f"supportsChat: expected bool, got {type(supports_chat).__name__}")

        supports_completion = d.pop("supportsCompletion", UNSET)
        if supports_completion is not UNSET and (not isinstance(supports_completion, bool)):
            raise TypeError(
                f"supportsCompletion: expected bool, got {type(supports_completion).__name__}"
            )

        supports_function_calling = d.pop("supportsFunctionCalling", UNSET)
        if supports_function_calling is not UNSET and (
            not isinstance(supports_function_calling, bool)
        ):
            raise TypeError(
                f"supportsFunctionCalling: expected bool, got {type(supports_function_calling).__name__}"
            )

        supports_system_messages = d.pop("supportsSystemMessages", UNSET)
        if supports_system_messages is not UNSET and (
            not isinstance(supports_system_messages, bool)
        ):
            raise TypeError(
                f"supportsSystemMessages: expected bool, got {type(supports_system_messages).__name__}"
            )

        supports_streaming = d.pop("supportsStreaming", UNSET)
        if supports_streaming is not UNSET and (not isinstance(supports_streaming, bool)):
            raise TypeError(
                f"supportsStreaming: expected bool, got {type(supports_streaming).__name__}"
            )

        supports_sampling_parameters = d.pop("supportsSamplingParameters", UNSET)
        if supports_sampling_parameters is not UNSET and (
            not isinstance(supports_sampling_parameters, bool)
        ):
            raise TypeError(
                f"supportsSamplingParameters: expected bool, got {type(supports_sampling_parameters).__name__}"
            )

        llm_capabilities = cls(
            supports_chat=supports_chat,
            supports_completion=supports_completion,
            supports_function_calling=supports_function_calling,
            supports_system_messages=supports_system_messages,
            supports_streaming=supports_streaming,
            supports_sampling_parameters=supports_sampling_parameters,
        )

        llm_capabilities.additional_properties = d
        return llm_capabilities

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
