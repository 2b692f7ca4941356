from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.good_mem_status import GoodMemStatus
    from ..models.llm_response import LLMResponse


T = TypeVar("T", bound="CreateLLMResponse")


@_attrs_define
class CreateLLMResponse:
    """The created LLM and any informational statuses from the server."""

    llm: LLMResponse
    """ An LLM configuration as stored by the server. """
    statuses: list[GoodMemStatus] | Unset = UNSET
    """ Notes about work done during creation, such as capability inference. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        llm = self.llm.to_dict()

        statuses: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.statuses, Unset):
            statuses = []
            for statuses_item_data in self.statuses:
                statuses_item = statuses_item_data.to_dict()
                statuses.append(statuses_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "llm": llm,
            }
        )
        if statuses is not UNSET:
            field_dict["statuses"] = statuses

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        llm = LLMResponse.from_dict(d.pop("llm"))

        _statuses = d.pop("statuses", UNSET)
        statuses: list[GoodMemStatus] | Unset = UNSET
        if _statuses is not UNSET:
            statuses = []
            for statuses_item_data in _statuses:
                statuses_item = GoodMemStatus.from_dict(statuses_item_data)

                statuses.append(statuses_item)

        create_llm_response = cls(
            llm=llm,
            statuses=statuses,
        )

        create_llm_response.additional_properties = d
        return create_llm_response

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
from ..models.good_mem_status import GoodMemStatus  # noqa: E402
from ..models.llm_response import LLMResponse  # noqa: E402
