"""`goodmem llms apply -f FILE`: make the server's LLMs what a fleet file says.

The file (JSON, or YAML with PyYAML installed) holds `llms:`, a list of entries with
create()'s keyword names, and optionally `fleet: NAME`. `${VAR}` in a value is replaced by
the environment variable VAR (`$${` is a literal `${`). Every entry is checked before
anything is sent; then each is `ensure()`d, or with --dry-run planned by reading only
(`goodmem.llms._plan_steps`). A named fleet labels its LLMs `goodmem-fleet=NAME`, and
--prune deletes the LLMs carrying that label which no entry is any more: nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._config import call_options
from .._ensure import drive
from .._identity import canonical_url, effective_credentials
from .._params import LLMCreateParams
from .._suggest import did_you_mean
from .._types import RequestOptions
from ._context import EXIT_CHANGES, EXIT_OK, CommandError, Context, debug_option
from ._output import table, to_json

__all__ = ["FLEET_LABEL", "add_parser", "expand", "load_fleet"]

FLEET_LABEL = "goodmem-fleet"
"""The label that marks an LLM as applied from the fleet it names: `goodmem-fleet=NAME`."""
_FLEET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,62}")
_TOP_LEVEL = ("fleet", "llms")
# the keys an entry takes: create()'s keywords, without the per-call request options
_ENTRY_KEYS = sorted(
    set(LLMCreateParams.__required_keys__ | LLMCreateParams.__optional_keys__)
    - set(RequestOptions.__optional_keys__)
)
_VARIABLE = re.compile(r"\$(\$?)\{([^}]*)\}")
_VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PAST = {"created": "created", "updated": "updated", "unchanged": "unchanged", "deleted": "deleted"}
_FUTURE = {
    "created": "would create",
    "updated": "would update",
    "unchanged": "unchanged",
    "deleted": "would delete",
}


def add_parser(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`goodmem llms apply`."""
    parser = actions.add_parser(
        "apply",
        help="make the LLMs what a fleet file says (create, update, prune)",
        description="Make the server's LLMs what FILE says: each entry of its `llms:` list "
        "(create()'s keyword names) is created, or the LLM with the same identity is updated "
        "to match. ${VAR} in a value is the environment variable VAR; a missing one is an "
        "error. With a top-level `fleet: NAME`, every LLM applied is labelled "
        f"{FLEET_LABEL}=NAME, and --prune deletes the LLMs with that label that are no "
        "longer in the file (never any other). Nothing is asked: the file is the intent.",
        epilog="exit status: 0 done (or planned), 5 with --exit-code when something changed "
        "or would change; errors as for every goodmem command (goodmem -h)",
        allow_abbrev=False,
    )
    debug_option(parser)
    parser.add_argument(
        "-f",
        "--file",
        required=True,
        metavar="FILE",
        help="the fleet file: .json, .yaml or .yml (YAML needs PyYAML); - reads stdin",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show the plan, change nothing (reads only)"
    )
    parser.add_argument(
        "--prune",
        action="store_true",
        help=f"delete the fleet's LLMs ({FLEET_LABEL}=NAME) that the file no longer lists",
    )
    parser.add_argument(
        "--exit-code",
        action="store_true",
        help=f"exit {EXIT_CHANGES} when something changed (with --dry-run: would change); for CI",
    )
    parser.add_argument("--json", action="store_true", help="print the plan or result as JSON")
    parser.set_defaults(run=run)


# --- the file -----------------------------------------------------------------------------------


def load_fleet(path: str) -> tuple[str, Any]:
    """The name to show for `path` and its parsed content: JSON, or YAML (by the suffix;
    for stdin or another suffix, JSON when it starts with `{`)."""
    if path == "-":
        name, text = "<stdin>", sys.stdin.read()
    else:
        name, text = path, Path(path).read_text(encoding="utf-8")
    suffix = Path(path).suffix.lower()
    as_json = suffix == ".json" or (suffix not in (".yaml", ".yml") and text.lstrip()[:1] == "{")
    if as_json:
        try:
            return name, json.loads(text)
        except json.JSONDecodeError as exc:  # the message names no content, only where
            raise CommandError(
                f"{name}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}"
            ) from None
    try:
        import yaml
    except ImportError:
        raise CommandError(
            f"{name}: reading YAML needs PyYAML: pip install 'goodmem-llm-registry[yaml]' "
            "(or write the file as JSON)"
        ) from None
    try:
        return name, yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:  # problem and position, not the snippet (a secret?)
        mark = exc.problem_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark is not None else name
        raise CommandError(f"{where}: invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise CommandError(f"{name}: invalid YAML: {type(exc).__name__}") from None


def expand(value: Any, where: str) -> Any:
    """`value` with `${VAR}` in its strings replaced from the environment (`$${` stays `${`)."""
    if isinstance(value, str):

        def variable(match: re.Match[str]) -> str:
            escaped, name = match.group(1), match.group(2)
            if escaped:
                return "${" + name + "}"
            if not _VARIABLE_NAME.fullmatch(name):
                raise CommandError(f"{where}: ${{{name}}} is not a variable name")
            found = os.environ.get(name)
            if found is None:
                raise CommandError(f"{where}: the environment variable {name} is not set")
            return found

        return _VARIABLE.sub(variable, value)
    if isinstance(value, Mapping):
        return {key: expand(item, where) for key, item in value.items()}
    if isinstance(value, list):
        return [expand(item, where) for item in value]
    return value


@dataclass
class Entry:
    """One entry of the file, checked: create()'s keywords, and where it is for messages."""

    number: int
    where: str
    params: dict[str, Any]
    identity: object


def _fleet(document: Any, source: str) -> tuple[str | None, list[Any]]:
    """The fleet name (None when not named) and the raw entries."""
    if not isinstance(document, Mapping):
        raise CommandError(
            f"{source}: expected a mapping with an `llms:` list, got {type(document).__name__}"
        )
    for key in document:
        if key not in _TOP_LEVEL:
            raise CommandError(
                f"{source}: unknown top-level key {key!r}{did_you_mean(key, _TOP_LEVEL)} "
                "(expected fleet, llms)"
            )
    if "llms" not in document:
        raise CommandError(f"{source}: no top-level `llms:` list")
    entries = document["llms"]
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise CommandError(f"{source}: `llms` must be a list, got {type(entries).__name__}")
    fleet = document.get("fleet")
    if fleet is not None and not (isinstance(fleet, str) and _FLEET_NAME.fullmatch(fleet)):
        raise CommandError(
            f"{source}: `fleet` must be a name of letters, digits, '.', '_' and '-' "
            f"(at most 63, starting with a letter or digit), got {fleet!r}"
        )
    return fleet, entries


def _entry(number: int, raw: Any, source: str, fleet: str | None, context: Context) -> Entry:
    """Entry `number` of the file, expanded and checked as create() checks its keywords."""
    from ..llms import _create_fields

    where = f"{source}: entry {number}"
    if not isinstance(raw, Mapping):
        raise CommandError(f"{where}: expected a mapping of create() keywords, got {raw!r:.40}")
    name = raw.get("display_name")
    if isinstance(name, str):
        where += f" ({name!r:.80})"
    for key in raw:
        if key not in _ENTRY_KEYS:
            raise CommandError(
                f"{where}: unknown key {key!r}{did_you_mean(key, _ENTRY_KEYS)} (the keys are "
                "create()'s keywords: display_name, model_identifier, provider_type, ...)"
            )
    params: dict[str, Any] = expand(raw, where)
    _secrets(params, context)
    if fleet is not None:
        labels = params.get("labels")
        if labels is None:
            labels = {}
        if isinstance(labels, Mapping):
            mine = labels.get(FLEET_LABEL, fleet)
            if mine != fleet:
                raise CommandError(
                    f"{where}: the label {FLEET_LABEL} is set by apply (to the fleet name "
                    f"{fleet!r}), not {mine!r}"
                )
            params["labels"] = {**labels, FLEET_LABEL: fleet}
    try:
        checked = dict(params)
        wanted = _create_fields(checked, call_options(checked))
    except (TypeError, ValueError) as exc:
        raise CommandError(f"{where}: {exc}") from None
    return Entry(number, where, params, _identity(wanted))


def _secrets(params: Mapping[str, Any], context: Context) -> None:
    """Tell the console never to print the entry's secrets."""
    context.console.secret(params.get("api_key"))

    def walk(value: Any) -> None:
        if isinstance(value, Mapping):
            for key, item in value.items():
                if key in ("inline_secret", "inlineSecret"):
                    context.console.secret(item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(params.get("credentials"))


def _identity(wanted: Mapping[str, Any]) -> object:
    """What makes two entries the same LLM: its id, or the server's duplicate rule."""
    if wanted.get("llm_id") is not None:
        return ("llm_id", wanted["llm_id"])
    credentials = wanted.get("credentials")
    effective = effective_credentials(None if credentials is None else credentials.to_dict())
    return (
        wanted.get("owner_id"),
        str(wanted["provider_type"]),
        canonical_url(wanted["endpoint_url"]),
        wanted.get("api_path"),
        wanted["model_identifier"],
        json.dumps(effective, sort_keys=True),
    )


def _check_distinct(entries: Sequence[Entry]) -> None:
    seen: dict[object, Entry] = {}
    for entry in entries:
        first = seen.setdefault(entry.identity, entry)
        if first is not entry:
            raise CommandError(
                f"{entry.where}: the same LLM as entry {first.number} (same llm_id, or same "
                "owner, provider type, endpoint URL, API path, model identifier and "
                "credentials); one entry per LLM"
            )


# --- applying -----------------------------------------------------------------------------------


@dataclass
class Row:
    """What was (or would be) done to one LLM."""

    action: str
    llm_id: str | None
    display_name: str
    changed: tuple[str, ...] = ()
    entry: int | None = None


@dataclass
class Outcome:
    """The rows of a run, and whether it got to the end."""

    fleet: str | None
    dry_run: bool
    rows: list[Row] = field(default_factory=list)
    complete: bool = False


def run(context: Context) -> int:
    """`goodmem llms apply`."""
    args = context.args
    source, document = load_fleet(args.file)
    fleet, raw_entries = _fleet(document, source)
    if args.prune and fleet is None:
        raise CommandError(
            f"{source}: --prune needs a fleet name, so that only this file's LLMs can be "
            f"deleted: add a top-level `fleet: NAME` (its LLMs are labelled {FLEET_LABEL}=NAME)"
        )
    entries = [
        _entry(number, raw, source, fleet, context)
        for number, raw in enumerate(raw_entries, start=1)
    ]
    _check_distinct(entries)
    outcome = Outcome(fleet, args.dry_run)
    try:
        _apply(context, entries, outcome)
        outcome.complete = True
    finally:
        _report(context, outcome)
    changed = any(row.action != "unchanged" for row in outcome.rows)
    return EXIT_CHANGES if args.exit_code and changed else EXIT_OK


def _apply(context: Context, entries: Sequence[Entry], outcome: Outcome) -> None:
    from ..llms import _plan_steps

    args, console = context.args, context.console
    client = context.client()
    total = len(entries)
    for entry in entries:
        verb = "planning" if args.dry_run else "applying"
        console.progress(f"{verb} {entry.number}/{total}: {entry.params.get('display_name')}")
        if args.dry_run:
            action, stored, changed = drive(_plan_steps(entry.params), client._send)
            llm_id = None if stored is None else stored.llm_id
            name = str(entry.params.get("display_name"))
        else:
            result = client.llms.ensure(**entry.params)
            action, changed = result.action, result.changed
            llm_id, name = result.llm.llm_id, result.llm.display_name
        outcome.rows.append(Row(action, llm_id, name, changed, entry.number))
    if args.prune:
        assert outcome.fleet is not None
        kept = {row.llm_id for row in outcome.rows}
        console.progress(f"listing the LLMs of fleet {outcome.fleet}")
        listed = client.llms.list(label={FLEET_LABEL: outcome.fleet})
        # checked here too: a server that ignored the filter must not get everything deleted
        mine = [
            llm
            for llm in listed
            if llm.labels is not None
            and llm.labels.get(FLEET_LABEL) == outcome.fleet
            and llm.llm_id not in kept
        ]
        for number, llm in enumerate(mine, start=1):
            if not args.dry_run:
                console.progress(f"deleting {number}/{len(mine)}: {llm.display_name}")
                client.llms.delete(llm.llm_id)
            outcome.rows.append(Row("deleted", llm.llm_id, llm.display_name))
    console.clear_progress()


def _report(context: Context, outcome: Outcome) -> None:
    """The plan or result: a table and a summary, or JSON (also after a failure: so far)."""
    console = context.console
    counts = {action: 0 for action in _PAST}
    for row in outcome.rows:
        counts[row.action] += 1
    if context.args.json:
        console.print(
            to_json(
                {
                    "fleet": outcome.fleet,
                    "dryRun": outcome.dry_run,
                    "complete": outcome.complete,
                    "results": [
                        {
                            "action": row.action,
                            "llmId": row.llm_id,
                            "displayName": row.display_name,
                            "changed": list(row.changed),
                            "entry": row.entry,
                        }
                        for row in outcome.rows
                    ],
                    "summary": counts,
                }
            )
        )
        return
    words = _FUTURE if outcome.dry_run else _PAST
    rows = [
        (words[row.action], row.llm_id or "-", row.display_name, ", ".join(row.changed))
        for row in outcome.rows
    ]
    if rows:
        for line in table(("ACTION", "ID", "DISPLAY NAME", "CHANGED"), rows):
            console.print(line)
    if outcome.dry_run:
        summary = (
            f"dry run, nothing changed: {counts['created']} to create, {counts['updated']} "
            f"to update, {counts['unchanged']} unchanged, {counts['deleted']} to delete"
        )
    else:
        summary = (
            f"{counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['deleted']} deleted"
        )
    if not outcome.complete:
        summary += "; stopped by the error below"
    console.print(summary)
