"""The package's shape: no import cycles, private modules, what the generated builders return."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from goodmem._generated.api.ll_ms import create_llm, delete_llm, get_llm, list_llms, update_llm
from goodmem._generated.models import LLMCreationRequest, LLMUpdateRequest

PACKAGE = Path(__file__).resolve().parent.parent / "goodmem"


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


def test_generated_request_builders_return_what_the_facade_reads() -> None:
    """goodmem/llms.py builds requests from the generator's private `_get_kwargs`.

    If a generator upgrade changes what they return, this fails: adapt `_operation` in
    goodmem/llms.py, which reads method, url, params and json only.
    """
    llm_id = "550e8400-e29b-41d4-a716-446655440000"
    create_body = LLMCreationRequest(
        display_name="x", model_identifier="m", provider_type="VLLM", endpoint_url="http://h/v1"
    )
    cases = [
        (create_llm._get_kwargs(body=create_body), "post", "/v1/llms"),
        (get_llm._get_kwargs(llm_id), "get", f"/v1/llms/{llm_id}"),
        (list_llms._get_kwargs(owner_id=llm_id), "get", "/v1/llms"),
        (update_llm._get_kwargs(llm_id, body=LLMUpdateRequest()), "put", f"/v1/llms/{llm_id}"),
        (delete_llm._get_kwargs(llm_id), "delete", f"/v1/llms/{llm_id}"),
    ]
    for kwargs, method, url in cases:
        assert set(kwargs) <= {"method", "url", "params", "json", "headers"}, kwargs
        assert (kwargs["method"], kwargs["url"]) == (method, url)
        assert set(kwargs.get("headers", {})) <= {"Content-Type"}
    assert cases[0][0]["json"] == create_body.to_dict()
    assert cases[2][0]["params"] == {"ownerId": llm_id}
    assert get_llm._get_kwargs("a/..")["url"] == "/v1/llms/a%2F.."
    assert get_llm._get_kwargs("..")["url"] == "/v1/llms/%2E%2E"
