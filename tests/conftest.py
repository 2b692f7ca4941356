"""Shared fixtures: the documented example payloads and the parsed OpenAPI spec."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_fixture(name: str) -> Any:
    """One of the documented example payloads in tests/fixtures/, freshly parsed."""
    return json.loads((FIXTURES / f"{name}.json").read_text())


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the SDK's backoff delays instead of sleeping; the list of delays asked for."""
    import goodmem._base_client as client_module

    delays: list[float] = []

    async def async_sleep(seconds: float) -> None:
        delays.append(seconds)

    monkeypatch.setattr(client_module, "_sleep", delays.append)
    monkeypatch.setattr(client_module, "_async_sleep", async_sleep)
    return delays


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    """openapi.yaml as a dict."""
    return yaml.safe_load((ROOT / "openapi.yaml").read_text())
