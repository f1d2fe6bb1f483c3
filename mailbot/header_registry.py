"""The `email` header registry, making each header class once instead of at every header.

Why: `email.headerregistry.HeaderRegistry.__getitem__` builds a new class with `type()` each
time a header object is made (parsing a Subject, a MIME Content-Type, folding a reply's From):
3.5 % of all the CPU of `mailbot run` in a burst went to building the same few classes again
(py-spy, benchmarks/README.md). The class depends only on the registered class and the base
class, and header classes keep no state of their own (each header is an instance), so one class
per pair gives the same header objects; the cache is bounded by the registry's ~20 classes.
"""

from __future__ import annotations

import functools
from email.headerregistry import BaseHeader, HeaderRegistry


class ClassOnceRegistry(HeaderRegistry):
    """A `HeaderRegistry` (same registry, same classes) that reuses the class it made."""

    def __getitem__(self, name: str) -> type[BaseHeader]:
        cls = self.registry.get(name.lower(), self.default_class)
        return _header_class(cls, self.base_class)


@functools.lru_cache(maxsize=64)
def _header_class(cls: type, base_class: type) -> type[BaseHeader]:
    return type("_" + cls.__name__, (cls, base_class), {})
