"""Did-you-mean hints for names and values the caller misspelt."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

__all__ = ["did_you_mean"]

_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def did_you_mean(given: object, valid: Iterable[str]) -> str:
    """`" (did you mean 'x'?)"` for the valid name `given` most likely stands for, else "".

    First the same name up to case, `_` and `-` (`displayName` or `DISPLAY-NAME` for
    `display_name`, `openai` for `OPENAI`), else the closest spelling (difflib ratio >= 0.6
    on those folded forms, so `dispaly_name` finds `display_name`). For names and enum values
    of the API, where every option is a different thing: not for model names, where a close
    name is often another real model.
    """
    if not isinstance(given, str):
        return ""
    names = list(valid)
    folded = {_fold(name): name for name in names}
    guess = folded.get(_fold(given))
    if guess is None:
        close = difflib.get_close_matches(_fold(given), list(folded), n=1, cutoff=0.6)
        guess = folded[close[0]] if close else None
    return f" (did you mean {guess!r}?)" if guess is not None and guess != given else ""


def _fold(name: str) -> str:
    return _CAMEL_HUMP.sub("_", name).replace("-", "_").replace("_", "").casefold()
