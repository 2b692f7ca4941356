"""Requests whose URL cannot be built fail before sending, naming the argument at fault."""

from __future__ import annotations

import pytest

from tests.facade.conftest import Harness


def test_overlong_id_names_the_id(gm: Harness) -> None:
    with pytest.raises(ValueError, match=r"^id: too long for a URL \(70,000 characters"):
        gm.call("get", id="a" * 70_000)
    with pytest.raises(ValueError, match=r"^id: too long"):
        gm.call("delete", id="/" * 30_000)  # percent-encoded: 90,000 characters
    assert gm.recorder.requests == []


def test_overlong_label_value_names_the_query_parameter(gm: Harness) -> None:
    with pytest.raises(ValueError, match=r"^query parameter 'label.env' is 1,000,000 characters"):
        gm.call("list", label={"env": "x" * 1_000_000})
    assert gm.recorder.requests == []


def test_overlong_extra_query_names_it(gm: Harness) -> None:
    with pytest.raises(ValueError, match=r"^query parameter 'trace' is 70,000 characters"):
        gm.call("list", extra_query={"trace": "t" * 70_000})
    assert gm.recorder.requests == []
