"""Griffe extension for the docs: class attributes that are functions at run time become methods.

`goodmem.llms` writes each operation once and builds the methods of `LLMs` and `AsyncLLMs` from
it (`create = _sync(_create)`). Griffe's static analysis sees such a member as an attribute
without a docstring; this extension replaces it with what griffe's inspector finds on the
imported class: the method's real signature, docstring and `async` label. mkdocs.yml loads it
for the API reference, and tests/test_docs_site.py to check those objects for docstrings.
"""

from __future__ import annotations

import importlib
import inspect
from functools import cache
from typing import Any

import griffe


@cache
def _inspected(module: str) -> griffe.Module:
    return griffe.inspect(module)


class RuntimeMethods(griffe.Extension):
    """Document `name = make_method(...)` class attributes as the methods they are at run time."""

    def on_class(self, *, cls: griffe.Class, **kwargs: Any) -> None:
        """Swap each public attribute of `cls` whose run-time value is a function for a method."""
        names = [
            name
            for name, member in cls.members.items()
            if not name.startswith("_") and not member.is_alias and member.is_attribute
        ]
        if not names or cls.parent is not cls.module:  # top-level classes only
            return
        runtime = getattr(importlib.import_module(cls.module.path), cls.name, None)
        methods = [name for name in names if inspect.isfunction(getattr(runtime, name, None))]
        if not methods:
            return
        inspected = _inspected(cls.module.path)[cls.name]
        for name in methods:
            method = inspected.members[name]
            if inspect.iscoroutinefunction(getattr(runtime, name)):
                method.labels.add("async")  # the inspector misses it on such methods
            cls.set_member(name, method)
