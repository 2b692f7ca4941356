"""How far one create() travels through goodmem: the functions it crosses, pinned.

A new layer, helper or wrapper on the hot path shows up here first. When you add one on
purpose, update the numbers and say why in the commit; when you remove one, lower them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import FrameType
from typing import Any

import httpx

import goodmem
from tests.conftest import load_fixture

PACKAGE = Path(goodmem.__file__).resolve().parent
GENERATED = (PACKAGE / "_generated").resolve()
HAND_WRITTEN = 38  # distinct functions (not comprehensions) of goodmem/ that one create() calls
GENERATED_FUNCTIONS = 23  # distinct functions of the generated package (models, builder)


def _answer(request: httpx.Request) -> httpx.Response:
    created = load_fixture("create_response")
    sent = json.loads(request.content)
    return httpx.Response(201, json={**created, "llm": {**created["llm"], "llmId": sent["llmId"]}})


def test_one_create_crosses_a_pinned_number_of_goodmem_functions() -> None:
    http = httpx.Client(transport=httpx.MockTransport(_answer))
    client = goodmem.Goodmem("http://gm.test", "k", http_client=http)
    arguments: dict[str, Any] = {
        "display_name": "x",
        "model_identifier": "gpt-4o",
        "api_key": "sk-x",
    }
    client.llms.create(**arguments)  # first call: lazy imports and caches out of the way
    hand: set[tuple[str, str]] = set()
    generated: set[tuple[str, str]] = set()

    def profile(frame: FrameType, event: str, arg: object) -> None:
        if event != "call" or frame.f_code.co_name.startswith("<"):
            return  # comprehensions: functions before Python 3.12, inlined after (PEP 709)
        where = Path(frame.f_code.co_filename).resolve()
        if GENERATED in where.parents:
            generated.add((where.name, frame.f_code.co_name))
        elif PACKAGE in where.parents:
            hand.add((where.name, frame.f_code.co_name))

    sys.setprofile(profile)
    try:
        client.llms.create(**arguments)
    finally:
        sys.setprofile(None)
    listing = "\n".join(f"  {path}: {function}" for path, function in sorted(hand))
    assert len(hand) == HAND_WRITTEN, f"create() crossed {len(hand)} functions:\n{listing}"
    assert len(generated) == GENERATED_FUNCTIONS, f"{len(generated)}: {sorted(generated)}"
