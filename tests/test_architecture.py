"""The package's shape: no import cycles, private modules, what the generated builders return."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from goodmem._generated.api.ll_ms import create_llm, delete_llm, get_llm, list_llms, update_llm
from goodmem._generated.models import (
    ListLlmsLabel,
    LLMCreationRequest,
    LLMProviderType,
    LLMUpdateRequest,
)

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "goodmem"


def _imports(path: Path, package: str) -> set[str]:
    """The goodmem modules `path` imports at module level or lazily, resolved to full names."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
                names = [module] + [f"{module}.{alias.name}" for alias in node.names]
            else:
                names = [node.module or ""]
            found.update(n for n in names if n.startswith("goodmem"))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("goodmem"))
    return found


def _graph() -> dict[str, set[str]]:
    modules: dict[str, Path] = {}
    for path in PACKAGE.rglob("*.py"):
        if "_generated" in path.parts:
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        graph[name] = {m for m in _imports(path, package) if m in modules and m != name}
    return graph


def test_no_import_cycles_between_goodmem_modules() -> None:
    """Except package __init__ files re-exporting their children, nothing imports in a circle."""
    graph = _graph()
    for name in graph:
        if name.endswith("__init__") or name.count(".") == 0 or name == "goodmem.testing":
            continue
        stack, seen = [(name, [name])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == name:
                    pytest.fail("import cycle: " + " -> ".join([*trail, nxt]))
                if nxt not in seen and nxt not in ("goodmem", "goodmem.testing"):
                    seen.add(nxt)
                    stack.append((nxt, [*trail, nxt]))


def test_request_handling_does_not_know_the_resources() -> None:
    graph = _graph()
    assert {"goodmem._client", "goodmem.llms"}.isdisjoint(graph["goodmem._base_client"])
    assert "goodmem._client" not in graph["goodmem.llms"]


def test_generated_request_builders_describe_each_request() -> None:
    """The public `request()` builders `make gen` emits: what goodmem/llms.py sends."""
    llm_id = "550e8400-e29b-41d4-a716-446655440000"
    create_body = LLMCreationRequest(
        display_name="x", model_identifier="m", provider_type="OPENAI", endpoint_url="https://e"
    )
    label = ListLlmsLabel({"env": "prod", "a b": "c&d"})
    cases = [
        (create_llm.request(body=create_body), "POST", "/v1/llms", [], create_body.to_dict()),
        (get_llm.request(llm_id), "GET", f"/v1/llms/{llm_id}", [], None),
        (
            get_llm.request(llm_id, include_credentials=True),
            "GET",
            f"/v1/llms/{llm_id}",
            [("includeCredentials", "true")],
            None,
        ),
        (
            list_llms.request(owner_id=llm_id, provider_type=LLMProviderType.OLLAMA, label=label),
            "GET",
            "/v1/llms",
            [
                ("ownerId", llm_id),
                ("providerType", "OLLAMA"),
                ("label.env", "prod"),
                ("label.a b", "c&d"),
            ],
            None,
        ),
        (update_llm.request(llm_id, body=LLMUpdateRequest()), "PUT", f"/v1/llms/{llm_id}", [], {}),
        (delete_llm.request(llm_id), "DELETE", f"/v1/llms/{llm_id}", [], None),
    ]
    for request, method, path, params, body in cases:
        assert (request.method, request.path, request.params, request.json) == (
            method,
            path,
            params,
            body,
        )
    assert get_llm.request("a/..").path == "/v1/llms/a%2F.."
    assert get_llm.request("..").path == "/v1/llms/%2E%2E"


def test_nothing_outside_the_generated_package_uses_its_private_names() -> None:
    private = re.compile(r"\b(?:_get_kwargs|_parse_response|_build_response)\b")
    for path in (ROOT / "goodmem").glob("*.py"):
        assert not private.search(path.read_text()), path
        assert "locals()" not in path.read_text(), path
