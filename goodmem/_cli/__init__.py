"""The `goodmem` command: manage the LLMs on a GoodMem server, apply a fleet file, serve one.

`main()` is the console script's entry point (pyproject.toml `[project.scripts]`) and what
`python -m goodmem` runs. It parses the command line (argparse), runs the command, and turns
every failure into one line on stderr and an exit status (`EXIT_STATUSES`); `--debug` adds
the traceback. Nothing it prints holds a secret: see `_output.Console`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence

from .._errors import (
    APIConnectionError,
    APIError,
    APIStatusError,
    AuthenticationError,
    GoodmemError,
    PermissionDeniedError,
)
from .._version import __version__
from ._context import (
    EXIT_API_ERROR,
    EXIT_CHANGES,
    EXIT_CONNECTION_ERROR,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_STATUSES,
    EXIT_USAGE,
    CommandError,
    Context,
)
from ._output import Console

__all__ = [
    "EXIT_API_ERROR",
    "EXIT_CHANGES",
    "EXIT_CONNECTION_ERROR",
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_STATUSES",
    "EXIT_USAGE",
    "CommandError",
    "Context",
    "main",
]

_EPILOG = "exit status:\n" + "\n".join(
    f"  {code:<4} {meaning}" for code, meaning in EXIT_STATUSES.items()
)


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: global options, `llms ...` and `serve`."""
    from . import _apply, _llms

    parser = argparse.ArgumentParser(
        prog="goodmem",
        description="Manage the LLMs registered on a GoodMem server (/v1/llms), apply a\n"
        "fleet file, or run an embedded GoodMem.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help="the GoodMem server (default: $GOODMEM_BASE_URL, else http://localhost:8080)",
    )
    parser.add_argument(
        "--api-key",
        metavar="KEY",
        help="GoodMem API key (default: $GOODMEM_API_KEY, which keeps it out of shell history)",
    )
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=_positive_seconds,
        help="bound on each request attempt (default 30)",
    )
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    commands.required = True
    _llms.add_parser(commands, _apply.add_parser)
    commands.add_parser(
        "serve",
        help="run the embedded GoodMem until Ctrl-C (the flags of python -m goodmem.testing; "
        "goodmem serve --help lists them)",
        add_help=False,
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `goodmem` command with `argv` (default: sys.argv[1:]); return the exit status."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if args.command == "serve":
        return _serve(extra)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    console = Console(sys.stdout, sys.stderr)
    context = Context(args, console)
    run: Callable[[Context], int] = args.run
    try:
        return run(context)
    except KeyboardInterrupt:
        console.error("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as Python advises
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except Exception as exc:
        status, message = _describe(exc, args)
        if args.debug:
            console.traceback(exc)
        elif message.startswith("unexpected error: "):
            message += " (--debug shows the traceback)"
        console.error(message)
        return status
    finally:
        context.close()


def _describe(exc: Exception, args: argparse.Namespace) -> tuple[int, str]:
    """The exit status and the one-line message for a failure."""
    if isinstance(exc, CommandError):
        return exc.status, str(exc)
    if isinstance(exc, APIConnectionError):
        return EXIT_CONNECTION_ERROR, (
            f"{exc}; is GoodMem running there? (--base-url, $GOODMEM_BASE_URL)"
        )
    if isinstance(exc, APIStatusError):
        hint = ""
        if isinstance(exc, AuthenticationError):
            hint = "; check the API key (--api-key, $GOODMEM_API_KEY)"
        elif isinstance(exc, PermissionDeniedError) and getattr(args, "dry_run", False):
            hint = "; apply --dry-run reads stored credentials to compare them"
        return EXIT_API_ERROR, f"{exc}{hint}"
    if isinstance(exc, APIError):
        return EXIT_API_ERROR, str(exc)
    if isinstance(exc, (GoodmemError, ValueError, TypeError)):
        return EXIT_ERROR, str(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return EXIT_ERROR, f"{where}{exc.strerror or exc}"
    return EXIT_ERROR, f"unexpected error: {type(exc).__name__}: {exc}"


def _serve(argv: Sequence[str]) -> int:
    """`goodmem serve ...`: python -m goodmem.testing's main with the same arguments."""
    try:
        from ..testing.__main__ import main as serve
    except ImportError as exc:
        sys.stderr.write(f"goodmem: error: {exc}\n")
        return EXIT_ERROR
    return serve(list(argv), prog="goodmem serve")
