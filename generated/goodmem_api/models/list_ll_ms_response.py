from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.llm_response import LLMResponse


T = TypeVar("T", bound="ListLLMsResponse")


@_attrs_define
class ListLLMsResponse:
    """The LLMs matching a list request."""

    llms: list[LLMResponse]
    """ The matching LLMs. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        llms = []
        for llms_item_data in self.llms:
            llms_item = llms_item_data.to_dict()
            llms.append(llms_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "llms": llms,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        llms = []
        _llms = d.pop("llms")
        for llms_item_data in _llms:
            llms_item = LLMResponse.from_dict(llms_item_data)

            llms.append(llms_item)

        list_ll_ms_response = cls(
            llms=llms,
        )

        list_ll_ms_response.additional_properties = d
        return list_ll_ms_response

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


# Imported after the class, once per process, instead of inside every to_dict/from_dict call:
# the module is already defined here, so import cycles between models are harmless.
from ..models.llm_response import LLMResponse  # noqa: E402
