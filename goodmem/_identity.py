"""When two LLM configurations are the same LLM, as the server decides it for duplicates.

The documentation says a create answers 409 when "the owner already has an LLM with the same
providerType, canonicalized endpointUrl, apiPath, modelIdentifier and credentials". These
functions spell out "canonicalized" and "same credentials" once, for `ensure()` and the
create read-back; the embedded GoodMem (goodmem.testing) uses them for its duplicate rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

__all__ = ["DEFAULT_GCP_SCOPE", "DEFAULT_HEADER_NAME", "canonical_url", "effective_credentials"]

DEFAULT_HEADER_NAME = "Authorization"
"""The header an API key goes in when `headerName` is not given."""
DEFAULT_GCP_SCOPE = "https://www.googleapis.com/auth/cloud-platform"
"""The OAuth scope GCP ADC credentials use when `scopes` is empty or not given."""
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """`url` as compared for duplicates: lower-case scheme and host, no default port, no
    trailing slash (`http://ONE:80/v1/` and `http://one/v1` are the same endpoint)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # not a URL a server would store; compare it as it is
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        host = f"{userinfo}@{host}"
    return urlunsplit((scheme, host, parts.path.rstrip("/"), parts.query, ""))


def effective_credentials(credentials: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Credentials (JSON, camelCase) as the server uses them: the documented defaults filled in.

    An API key goes in `headerName` (default Authorization; header names compare without
    case) after `prefix` (default none); GCP ADC uses `scopes` as a set (empty or missing: the
    cloud-platform scope). Operator `labels` do not change how GoodMem authenticates, so they
    are left out. Equal results mean the same credentials.
    """
    if credentials is None:
        return None
    effective = {name: value for name, value in credentials.items() if name != "labels"}
    api_key = credentials.get("apiKey")
    if isinstance(api_key, Mapping):
        effective["apiKey"] = {
            **api_key,
            "headerName": (api_key.get("headerName") or DEFAULT_HEADER_NAME).lower(),
            "prefix": api_key.get("prefix") or "",
        }
    gcp_adc = credentials.get("gcpAdc")
    if isinstance(gcp_adc, Mapping):
        effective["gcpAdc"] = {
            **gcp_adc,
            "scopes": sorted(set(gcp_adc.get("scopes") or [DEFAULT_GCP_SCOPE])),
        }
    return effective
