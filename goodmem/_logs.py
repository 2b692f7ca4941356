"""GOODMEM_LOG: switch on the `goodmem` logger from the environment, like OPENAI_LOG.

`GOODMEM_LOG=info` logs one line per HTTP attempt (method, path, status or error, duration)
and every retry; `GOODMEM_LOG=debug` adds the response size and request id. Records go to
stderr. Unset (the default), the SDK configures no logging at all. No record ever carries
headers, bodies, query strings or keys.
"""

from __future__ import annotations

import logging
import os
import warnings

__all__ = ["setup_logging"]

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
_FORMAT = "[%(asctime)s %(name)s %(levelname)s] %(message)s"


def setup_logging() -> None:
    """Configure the `goodmem` logger from $GOODMEM_LOG (debug or info); otherwise do nothing."""
    value = os.environ.get("GOODMEM_LOG", "").strip().lower()
    if not value:
        return
    level = _LEVELS.get(value)
    if level is None:
        warnings.warn(
            f"GOODMEM_LOG: expected 'debug' or 'info', got {value!r}; logging stays off",
            stacklevel=2,
        )
        return
    logger = logging.getLogger("goodmem")
    if not any(getattr(h, "_goodmem_env", False) for h in logger.handlers):
        handler = logging.StreamHandler()  # stderr
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler._goodmem_env = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(level)
