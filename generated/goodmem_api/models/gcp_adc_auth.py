from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GcpAdcAuth")


@_attrs_define
class GcpAdcAuth:
    """Authenticate with Google Cloud Application Default Credentials."""

    scopes: list[str] | Unset = UNSET
    """ OAuth scopes to request. """
    quota_project_id: str | Unset = UNSET
    """ Google Cloud project billed for quota. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scopes: list[str] | Unset = UNSET
        if not isinstance(self.scopes, Unset):
            scopes = self.scopes

        quota_project_id = self.quota_project_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if scopes is not UNSET:
            field_dict["scopes"] = scopes
        if quota_project_id is not UNSET:
            field_dict["quotaProjectId"] = quota_project_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        scopes = cast(list[str], d.pop("scopes", UNSET))

        quota_project_id = d.pop("quotaProjectId", UNSET)
        if quota_project_id is not UNSET and (not isinstance(quota_project_id, str)):
            raise TypeError(f"quotaProjectId: expected str, got {type(quota_project_id).__name__}")

        gcp_adc_auth = cls(
            scopes=scopes,
            quota_project_id=quota_project_id,
        )

        gcp_adc_auth.additional_properties = d
        return gcp_adc_auth

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
