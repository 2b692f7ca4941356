from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..types import TypedDict, model_repr, model_to_json, nested_error

if TYPE_CHECKING:
    from typing_extensions import Required

    from ..models.good_mem_status import GoodMemStatus, GoodMemStatusDict
    from ..models.llm_response import LLMResponse, LLMResponseDict


T = TypeVar("T", bound="CreateLLMResponse")
_CREATELLMRESPONSE_FIELDS = frozenset({"llm", "statuses"})
"""The JSON names of the fields the spec lists (the rest go to `additional_properties`)."""


@_attrs_define(kw_only=True, repr=False, on_setattr=_attrs_setters.NO_OP)
class CreateLLMResponse:
    """The created LLM and any informational statuses from the server."""

    llm: LLMResponse
    """ An LLM configuration as stored by the server. """
    statuses: list[GoodMemStatus] | None = None
    """ Notes about work done during creation, such as capability inference. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """ Fields the spec doesn't list, as received (JSON values by JSON name). """

    __repr__ = model_repr
    to_json = model_to_json

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data (camelCase keys); fields that are None are left out."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict["llm"] = self.llm.to_dict()
        if self.statuses is not None:
            field_dict["statuses"] = [item.to_dict() for item in self.statuses]
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
        llm = src_dict["llm"]
        if llm.__class__ is not dict and not isinstance(llm, Mapping):
            raise TypeError(f"llm: expected dict, got {type(llm).__name__}")
        try:
            llm = LLMResponse.from_dict(llm)
        except (TypeError, KeyError) as error:
            raise nested_error(error, "llm") from None

        statuses = get("statuses")
        if statuses is not None:
            if statuses.__class__ is not list and not isinstance(statuses, (list, tuple)):
                raise TypeError(f"statuses: expected list, got {type(statuses).__name__}")
            statuses_items: list[GoodMemStatus] = []
            for statuses_item in statuses:
                if statuses_item.__class__ is not dict and not isinstance(statuses_item, Mapping):
                    raise TypeError(
                        f"statuses[{len(statuses_items)}]: expected dict, got {type(statuses_item).__name__}"
                    )
                try:
                    statuses_items.append(GoodMemStatus.from_dict(statuses_item))
                except (TypeError, KeyError) as error:
                    raise nested_error(error, f"statuses[{len(statuses_items)}]") from None
            statuses = statuses_items

        # what the spec does not list; an empty dict (no copy) in the usual case
        d = (
            {}
            if _CREATELLMRESPONSE_FIELDS.issuperset(src_dict)
            else {k: v for k, v in src_dict.items() if k not in _CREATELLMRESPONSE_FIELDS}
        )
        # Built without __init__: the values are already parsed, so its converters have no work.
        result = cls.__new__(cls)
        result.llm = llm
        result.statuses = statuses
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


class CreateLLMResponseDict(TypedDict, total=False):
    """CreateLLMResponse as a plain dict: the same fields as snake_case keys, plain values
    (str for enums, dicts for nested models) accepted. For type checkers; the SDK checks
    the values when they are sent."""

    llm: Required[LLMResponse | LLMResponseDict]
    """ An LLM configuration as stored by the server. """
    statuses: Sequence[GoodMemStatus | GoodMemStatusDict] | None
    """ Notes about work done during creation, such as capability inference. """


# Imported after the class, once per process, instead of inside every to_dict/from_dict call:
# the module is already defined here, so import cycles between models are harmless.
from ..models.good_mem_status import GoodMemStatus, GoodMemStatusDict  # noqa: E402
from ..models.llm_response import LLMResponse, LLMResponseDict  # noqa: E402
