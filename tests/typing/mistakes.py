"""Mistakes type checkers must catch: each line marked `# wrong:` is an error for pyright and
mypy --strict, and no other line is (tests/test_typing.py checks both).

Strict in what we send, at the type level too: a misspelt key or enum value of an argument is
an error in the user's editor, before anything runs.
"""

from __future__ import annotations

from goodmem import Goodmem


def mistakes(client: Goodmem, llm_id: str) -> None:
    client.llms.update(llm_id, {"merge_lables": {"v": "2"}})  # wrong: misspelt key
    client.llms.update(llm_id, merge_lables={"v": "2"})  # wrong: misspelt keyword
    client.llms.create(display_name="x", model_identifier="m", provider_type="OPEN_AI")  # wrong
    client.llms.list(provider_type="OPEN_AI")  # wrong: not an LLMProviderType value
    client.llms.create(display_name="x", model_identifier="m", credentials={"knd": "x"})  # wrong
    client.llms.create(model_identifier="m")  # wrong: display_name is required
    client.llms.update(llm_id, supported_modalities=["SMELL"])  # wrong: not a Modality value
    client.llms.get(llm_id, include_credentials="yes")  # wrong: a bool is expected
    # right, for contrast
    client.llms.update(llm_id, {"merge_labels": {"v": "2"}})
    client.llms.create(display_name="x", model_identifier="m", provider_type="OPENAI")
