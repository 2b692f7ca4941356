"""What the commands share: the exit statuses, CommandError, the Context they run with."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from .._types import NOT_GIVEN, NotGiven
from ._output import Console

if TYPE_CHECKING:
    from .._client import Goodmem

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
    "debug_option",
]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_API_ERROR = 3
EXIT_CONNECTION_ERROR = 4
EXIT_CHANGES = 5
EXIT_INTERRUPTED = 130
EXIT_STATUSES = {
    EXIT_OK: "success",
    EXIT_ERROR: "invalid input (a value, a fleet file, a missing variable), or not done",
    EXIT_USAGE: "usage error: the command line",
    EXIT_API_ERROR: "the server answered with an error (4xx, 5xx) or an unusable answer",
    EXIT_CONNECTION_ERROR: "no answer from the server (connection refused, timeout, ...)",
    EXIT_CHANGES: "apply --exit-code: the apply changed, or would change, something",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
}
"""The exit statuses of `goodmem`, and what each means."""


class CommandError(Exception):
    """A failure the command reports in one line, with its exit status (default 1)."""

    def __init__(self, message: str, status: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.status = status


class Context:
    """What a command runs with: the parsed arguments, the console, and a client made once."""

    def __init__(self, args: argparse.Namespace, console: Console) -> None:
        self.args = args
        self.console = console
        self._client: Goodmem | None = None

    def client(self) -> Goodmem:
        """The client for --base-url/--api-key (else $GOODMEM_BASE_URL/$GOODMEM_API_KEY)."""
        if self._client is None:
            from .._client import Goodmem

            args = self.args
            self.console.secret(args.api_key)
            self.console.secret(os.environ.get("GOODMEM_API_KEY"))
            if args.api_key is None and not os.environ.get("GOODMEM_API_KEY"):
                raise CommandError(
                    "no GoodMem API key: set $GOODMEM_API_KEY or pass --api-key KEY "
                    "(before the command, e.g. goodmem --api-key KEY llms list)"
                )
            timeout: float | NotGiven = NOT_GIVEN if args.timeout is None else args.timeout
            try:
                self._client = Goodmem(
                    base_url=args.base_url, api_key=args.api_key, timeout=timeout
                )
            except (ValueError, TypeError) as exc:
                message = str(exc)
                if message.startswith("base_url:"):
                    message = "--base-url:" + message[len("base_url:") :]
                elif message.startswith("api_key:"):
                    message = "--api-key:" + message[len("api_key:") :]
                raise CommandError(message) from exc
        return self._client

    def close(self) -> None:
        """Close the client, if one was made."""
        if self._client is not None:
            self._client.close()


def debug_option(parser: argparse.ArgumentParser) -> None:
    """--debug after a command too (`goodmem llms list --debug`)."""
    parser.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
