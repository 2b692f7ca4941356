"""`goodmem llms list|get|create|update|delete`: one SDK call each, for people or as JSON."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ._context import EXIT_ERROR, EXIT_OK, EXIT_USAGE, CommandError, Context, debug_option
from ._output import detail, labels_text, table, to_json

if TYPE_CHECKING:
    from .._generated.models import LLMResponse

__all__ = ["add_parser", "label", "provider_api_key"]

_PROVIDERS = (
    "OPENAI, VLLM, OLLAMA, LLAMA_CPP, LITELLM_PROXY, OPEN_ROUTER, DASHSCOPE, "
    "CUSTOM_OPENAI_COMPATIBLE"
)
_MODALITIES = "TEXT, IMAGE, AUDIO, VIDEO"


def label(text: str) -> tuple[str, str]:
    """A `--label KEY=VALUE` argument as (key, value)."""
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key, value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return value


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    add_apply: Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None],
) -> None:
    """`goodmem llms` and its commands; `add_apply` adds `apply`."""
    llms = commands.add_parser(
        "llms",
        help="list, get, create, update and delete LLMs; apply a fleet file",
        description="The LLM configurations on the GoodMem server (/v1/llms).",
        allow_abbrev=False,
    )
    debug_option(llms)
    actions = llms.add_subparsers(title="commands", metavar="COMMAND", dest="llms_command")
    actions.required = True

    def command(name: str, help: str, description: str | None = None) -> argparse.ArgumentParser:
        parser = actions.add_parser(
            name, help=help, description=description or help, allow_abbrev=False
        )
        debug_option(parser)
        return parser

    listing = command("list", "list LLMs (a table; --json for the wire form)")
    listing.add_argument("--provider-type", metavar="TYPE", type=str.upper, help=_PROVIDERS)
    listing.add_argument("--owner-id", metavar="UUID", help="only LLMs of this owner")
    listing.add_argument(
        "--label",
        metavar="KEY=VALUE",
        type=label,
        action="append",
        help="only LLMs with this label (repeat: all must match)",
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array of LLMs")
    listing.set_defaults(run=_list)

    get = command("get", "show one LLM")
    get.add_argument("id", metavar="ID", help="the LLM's id")
    get.add_argument(
        "--include-credentials",
        action="store_true",
        help="show the stored credentials too (their secret is printed as REDACTED)",
    )
    get.add_argument("--json", action="store_true", help="print the LLM as JSON")
    get.set_defaults(run=_get)

    create = command(
        "create",
        "register an LLM",
        "Register an LLM. A known model identifier (gpt-4o-mini, ...) fills in the provider "
        "type, endpoint URL, context length and modalities; for another model give "
        "--provider-type (and --endpoint-url unless the provider's default fits). For nested "
        "settings (capabilities, sampling parameters, client config) use `llms apply`.",
    )
    create.add_argument("--display-name", required=True, metavar="NAME", help="name for people")
    create.add_argument(
        "--model-identifier", required=True, metavar="MODEL", help="the model's name upstream"
    )
    _fields(create)
    create.add_argument("--owner-id", metavar="UUID", help="create it for this owner")
    create.add_argument("--llm-id", metavar="UUID", help="its id (default: a random UUID)")
    create.add_argument(
        "--label", metavar="KEY=VALUE", type=label, action="append", help="a label (repeat)"
    )
    shown = create.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help="print the answer as JSON")
    shown.add_argument("-q", "--quiet", action="store_true", help="print only the new id")
    create.set_defaults(run=_create)

    update = command(
        "update",
        "change some fields of an LLM",
        "Change some fields of an LLM; the others stay. --label merges into the labels "
        "unless --replace-labels is given.",
    )
    update.add_argument("id", metavar="ID", help="the LLM's id")
    update.add_argument("--display-name", metavar="NAME", help="new name for people")
    update.add_argument("--model-identifier", metavar="MODEL", help="new model name upstream")
    _fields(update, create=False)
    update.add_argument(
        "--label",
        metavar="KEY=VALUE",
        type=label,
        action="append",
        help="set this label, keeping the others (repeat)",
    )
    update.add_argument(
        "--replace-labels",
        action="store_true",
        help="the --label values replace all labels (none given: remove every label)",
    )
    update.add_argument("--json", action="store_true", help="print the LLM as JSON")
    update.set_defaults(run=_update)

    delete = command(
        "delete",
        "delete an LLM",
        "Delete an LLM and its stored credentials. On a terminal it asks first; elsewhere "
        "(a script, CI) it needs --yes.",
    )
    delete.add_argument("id", metavar="ID", help="the LLM's id")
    delete.add_argument("-y", "--yes", action="store_true", help="delete without asking")
    delete.set_defaults(run=_delete)

    add_apply(actions)


def _fields(parser: argparse.ArgumentParser, *, create: bool = True) -> None:
    """The flags create and update share (update: the new value)."""
    if create:
        parser.add_argument("--provider-type", metavar="TYPE", type=str.upper, help=_PROVIDERS)
    parser.add_argument("--endpoint-url", metavar="URL", help="base URL of the provider's API")
    parser.add_argument(
        "--api-path",
        metavar="PATH",
        help="chat completions path (server default: /chat/completions)",
    )
    parser.add_argument("--description", metavar="TEXT")
    parser.add_argument(
        "--max-context-length", metavar="TOKENS", type=_positive_int, help="context window"
    )
    parser.add_argument(
        "--modality",
        metavar="KIND",
        type=str.upper,
        action="append",
        help=f"a supported modality (repeat): {_MODALITIES}",
    )
    parser.add_argument("--monitoring-endpoint", metavar="URL", help="health-check URL")
    secret = parser.add_mutually_exclusive_group()
    secret.add_argument(
        "--api-key-env",
        metavar="VAR",
        help="the provider's API key is in environment variable VAR (never printed)",
    )
    secret.add_argument(
        "--api-key",
        metavar="KEY",
        dest="provider_api_key",
        help="the provider's API key itself (ends up in shell history: prefer --api-key-env; "
        "GoodMem's own key is the --api-key before `llms`)",
    )


def provider_api_key(args: argparse.Namespace, context: Context) -> str | None:
    """The provider key from --api-key or --api-key-env, registered as a secret."""
    key: str | None = args.provider_api_key
    if args.api_key_env is not None:
        key = os.environ.get(args.api_key_env)
        if not key:
            state = "is empty" if key == "" else "is not set"
            raise CommandError(
                f"--api-key-env: the environment variable {args.api_key_env} {state}"
            )
    context.console.secret(key)
    return key


_SHARED = (
    "display_name",
    "model_identifier",
    "provider_type",
    "endpoint_url",
    "api_path",
    "description",
    "max_context_length",
    "monitoring_endpoint",
    "owner_id",
    "llm_id",
)


def _given(args: argparse.Namespace, context: Context) -> dict[str, Any]:
    """The create()/update() keywords the flags give (None: not given)."""
    fields = {name: getattr(args, name, None) for name in _SHARED}
    fields = {name: value for name, value in fields.items() if value is not None}
    if args.modality:
        fields["supported_modalities"] = args.modality
    key = provider_api_key(args, context)
    if key is not None:
        fields["api_key"] = key
    return fields


def _print_llm(context: Context, wire: Mapping[str, Any], as_json: bool) -> None:
    console = context.console
    if as_json:
        console.print(to_json(wire))
    else:
        for line in detail(wire):
            console.print(line)


def _list(context: Context) -> int:
    args = context.args
    params: dict[str, Any] = {}
    if args.provider_type is not None:
        params["provider_type"] = args.provider_type
    if args.owner_id is not None:
        params["owner_id"] = args.owner_id
    if args.label:
        params["label"] = dict(args.label)
    llms: list[LLMResponse] = context.client().llms.list(**params)
    if args.json:
        context.console.print(to_json([llm.to_dict() for llm in llms]))
        return EXIT_OK
    if not llms:
        context.console.note("no LLMs")
        return EXIT_OK
    rows = [
        (
            llm.llm_id,
            llm.display_name,
            str(llm.provider_type),
            llm.model_identifier,
            labels_text(llm.labels or {}),
        )
        for llm in llms
    ]
    for line in table(("ID", "DISPLAY NAME", "PROVIDER", "MODEL", "LABELS"), rows):
        context.console.print(line)
    return EXIT_OK


def _get(context: Context) -> int:
    args = context.args
    include = True if args.include_credentials else None
    llm = context.client().llms.get(args.id, include_credentials=include)
    _print_llm(context, llm.to_dict(), args.json)
    return EXIT_OK


def _create(context: Context) -> int:
    args = context.args
    params = _given(args, context)
    if args.label:
        params["labels"] = dict(args.label)
    created = context.client().llms.create(**params)
    if args.quiet:
        context.console.print(created.llm.llm_id)
    elif args.json:
        context.console.print(to_json(created.to_dict()))
    else:
        _print_llm(context, created.llm.to_dict(), False)
        for status in created.statuses or []:
            context.console.note(f"note: {status.code}: {status.message}")
    return EXIT_OK


def _update(context: Context) -> int:
    args = context.args
    fields = _given(args, context)
    if args.replace_labels:
        fields["replace_labels"] = dict(args.label or [])
    elif args.label:
        fields["merge_labels"] = dict(args.label)
    if not fields:
        raise CommandError(
            "llms update: nothing to change; give at least one field (goodmem llms update -h)",
            EXIT_USAGE,
        )
    llm = context.client().llms.update(args.id, **fields)
    _print_llm(context, llm.to_dict(), args.json)
    return EXIT_OK


def _delete(context: Context) -> int:
    args = context.args
    client = context.client()
    if not args.yes:
        if not sys.stdin.isatty():
            raise CommandError(
                "llms delete: not asking, standard input is not a terminal; pass --yes to "
                "delete without asking",
                EXIT_USAGE,
            )
        llm = client.llms.get(args.id)
        context.console.ask(f"Delete LLM {llm.llm_id} ({llm.display_name})? [y/N] ")
        answer = sys.stdin.readline().strip().lower()
        if answer not in ("y", "yes"):
            context.console.note("not deleted")
            return EXIT_ERROR
    client.llms.delete(args.id)
    context.console.print(f"deleted {args.id}")
    return EXIT_OK
