"""What the command line prints: tables, one LLM field by field, JSON; never a secret.

Everything goes through a `Console`, which replaces every secret it was told about (GoodMem's
API key, provider keys from flags, the environment or a fleet file) with REDACTED before a
line is written, and the stored `inlineSecret` of credentials is redacted before formatting.
"""

from __future__ import annotations

import json
import re
import traceback
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from typing import IO, Any

__all__ = ["REDACTED", "Console", "detail", "redact", "snake", "table", "to_json"]

REDACTED = "REDACTED"
"""What is printed instead of a secret."""
# Shorter values are not masked wherever they occur: "key" would turn every "monkey" into junk.
# The fields that hold secrets are redacted whatever their length (`redact`).
_MIN_MASKED = 6
_SECRET_FIELDS = frozenset({"inlineSecret", "inline_secret"})
_TIMESTAMPS = frozenset({"createdAt", "updatedAt"})


class Console:
    """Standard output and error, with every registered secret masked."""

    def __init__(self, out: IO[str], err: IO[str]) -> None:
        self._out, self._err = out, err
        self._secrets: set[str] = set()
        self._progress = False

    def secret(self, value: object) -> None:
        """Never print `value` (a string of at least a few characters) from now on."""
        if isinstance(value, str) and len(value) >= _MIN_MASKED:
            self._secrets.add(value)

    def mask(self, text: str) -> str:
        """`text` with every registered secret replaced by REDACTED."""
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, REDACTED)
        return text

    def print(self, text: str = "") -> None:
        """A line on standard output."""
        self.clear_progress()
        self._out.write(self.mask(text) + "\n")
        self._out.flush()

    def note(self, text: str) -> None:
        """A line on standard error (not data: a note, a question, an error)."""
        self.clear_progress()
        self._err.write(self.mask(text) + "\n")
        self._err.flush()

    def ask(self, question: str) -> None:
        """`question` on standard error, without a line break (the answer follows)."""
        self._err.write(self.mask(question))
        self._err.flush()

    def error(self, message: str) -> None:
        """The one line of an error: `goodmem: error: message` (line breaks escaped)."""
        one_line = " ".join(message.split("\n"))
        self.note(f"goodmem: error: {one_line}")

    def traceback(self, exc: BaseException) -> None:
        """The traceback of `exc`, masked (for --debug)."""
        self.clear_progress()
        self._err.write(self.mask("".join(traceback.format_exception(exc))))

    @property
    def interactive_errors(self) -> bool:
        """Whether standard error is a terminal (where progress is shown)."""
        isatty = getattr(self._err, "isatty", None)
        return bool(isatty and isatty())

    def progress(self, text: str) -> None:
        """A status line on standard error that the next output replaces; only on a terminal."""
        if self.interactive_errors:
            self._err.write("\r\x1b[K" + self.mask(text)[:200])
            self._err.flush()
            self._progress = True

    def clear_progress(self) -> None:
        """Erase the status line, if one is shown."""
        if self._progress:
            self._err.write("\r\x1b[K")
            self._err.flush()
            self._progress = False


def redact(value: Any) -> Any:
    """A copy of JSON-like `value` whose secret fields (`inlineSecret`) read REDACTED."""
    if isinstance(value, Mapping):
        return {
            key: REDACTED if key in _SECRET_FIELDS and item is not None else redact(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [redact(item) for item in value]
    return value


def to_json(value: Any) -> str:
    """`value` (JSON-like) as indented JSON, secret fields redacted."""
    return json.dumps(redact(value), indent=2, ensure_ascii=False)


def snake(name: str) -> str:
    """A wire (camelCase) field name as the SDK's keyword: `displayName` -> `display_name`."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _snake_keys(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {snake(str(key)): _snake_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_snake_keys(item) for item in value]
    return value


def _cell(name: str, value: Any) -> str:
    """One value of an LLM as text: labels `k=v, ...`, lists joined, nested values as JSON."""
    if name in _TIMESTAMPS and isinstance(value, int) and not isinstance(value, bool):
        moment = datetime.fromtimestamp(value / 1000, tz=timezone.utc)
        return moment.isoformat(timespec="seconds").replace("+00:00", "Z")
    if name == "labels" and isinstance(value, Mapping):
        return labels_text(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ", ".join(value)
    if isinstance(value, (Mapping, list)):
        return json.dumps(_snake_keys(value), ensure_ascii=False, separators=(", ", ": "))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def labels_text(labels: Mapping[str, Any]) -> str:
    """Labels as `k=v, k=v` in key order ("" for none)."""
    return ", ".join(f"{key}={labels[key]}" for key in sorted(labels))


def detail(wire: Mapping[str, Any]) -> list[str]:
    """An LLM's wire form (`to_dict()`) as `field: value` lines, named like create()'s keywords;
    nested settings (capabilities, credentials, ...) indented below their name, secrets
    redacted."""
    shown = redact(wire)
    width = max((len(snake(key)) for key in shown), default=0) + 1
    lines = []
    for key, value in shown.items():
        name = snake(key) + ":"
        if isinstance(value, Mapping) and value and key != "labels":
            lines.append(name)
            lines.extend(_nested(value, 1))
        else:
            lines.append(f"{name:<{width}} {_cell(key, value)}".rstrip())
    return lines


def _nested(value: Mapping[str, Any], depth: int) -> list[str]:
    lines = []
    for key, item in value.items():
        name = "  " * depth + snake(str(key)) + ":"
        if isinstance(item, Mapping) and item:
            lines.append(name)
            lines.extend(_nested(item, depth + 1))
        else:
            lines.append(f"{name} {_cell(str(key), item)}".rstrip())
    return lines


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """Rows under headers, in columns two spaces apart; the last column is not padded."""
    body = [[" ".join(str(cell).split()) for cell in row] for row in rows]
    widths = [max([len(h), *(len(row[i]) for row in body)]) for i, h in enumerate(headers)]
    lines = []
    for row in [list(headers), *body]:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        lines.append("  ".join(cells).rstrip())
    return lines
