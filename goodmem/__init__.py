"""Python SDK for GoodMem's LLM registry (`/v1/llms`).

    from goodmem import Goodmem

    with Goodmem(base_url="http://localhost:8080", api_key="gm_...") as client:
        created = client.llms.create(
            display_name="Doc LLM", model_identifier="gpt-4o-mini", api_key="sk-..."
        )

Models live in `goodmem.types` (imported on first use: `goodmem.types.LLMResponse` works after
`import goodmem`); every exception derives from `goodmem.GoodmemError`.
"""

from typing import TYPE_CHECKING

from ._client import AsyncGoodmem, Goodmem
from ._config import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
)
from ._ensure import EnsureAction, EnsureResult
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseTooLargeError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientStateError,
    ConflictError,
    GoodmemError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._logs import setup_logging as _setup_logging
from ._registry import (
    ModelInfo,
    ModelRegistration,
    default_endpoint_url,
    known_models,
    lookup_model,
    register_model,
    requires_api_key,
    unregister_model,
)
from ._response import APIResponse
from ._types import NOT_GIVEN, ClientOptions, NotGiven, RequestOptions
from ._version import __version__

if TYPE_CHECKING:
    from . import types as types

_setup_logging()


def __getattr__(name: str) -> object:
    """`goodmem.types`, imported when first used (it loads the generated models and attrs)."""
    if name == "types":
        import importlib

        return importlib.import_module(".types", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseTooLargeError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncGoodmem",
    "AuthenticationError",
    "BadRequestError",
    "ClientOptions",
    "ClientStateError",
    "ConflictError",
    "EnsureAction",
    "EnsureResult",
    "Goodmem",
    "GoodmemError",
    "InternalServerError",
    "ModelInfo",
    "ModelRegistration",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestOptions",
    "UnprocessableEntityError",
    "__version__",
    "default_endpoint_url",
    "known_models",
    "lookup_model",
    "register_model",
    "requires_api_key",
    "unregister_model",
]
