"""The feed parser's boundary lines, matched without compiling a pattern for every multipart.

`email.feedparser` finds the parts of a multipart by compiling, for each one, the pattern
`"(?P<sep>" + re.escape("--" + boundary) + _TAIL_SOURCE` (below) and matching every line
against it. Every boundary is new (clients make them unique), so `re`'s cache never hits and
each multipart pays a full compile: ~0.1 ms, the largest single item of the
feed parser and half of it for an Outlook mail (cProfile of `benchmarks/core.py`). The parser
has no hook for it short of copying `_parsegen`, so `install()` gives the module a `re` whose
`compile` recognises that one pattern, *exactly as the stdlib writes it*, and returns a matcher
that does the same with no new pattern: the line starts with the separator (a literal, which is
all `re.escape` makes of it), and the rest of the line is matched by the stdlib's own tail of
that pattern, compiled once. Anything else, and that pattern with flags or any other text (a
Python whose feed parser writes it differently), goes to `re.compile` unchanged.

The feed parser reads of a match only whether there is one, `group('end')` and
`group('linesep')`; those (and `ws`) are the same as the real pattern's, which
`tests/test_boundaries.py` checks on generated boundaries and lines, against the real compile.
"""

from __future__ import annotations

import email.feedparser
import re
from types import ModuleType
from typing import Any

_HEAD = "(?P<sep>"
_TAIL_SOURCE = r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$"
_TAIL = re.compile(_TAIL_SOURCE[1:])
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


class BoundaryLine:
    """What the compiled boundary pattern is to the feed parser: a `match(line)`."""

    __slots__ = ("separator",)

    def __init__(self, separator: str) -> None:
        self.separator = separator

    def match(self, line: str) -> re.Match[str] | None:
        """A match, with the pattern's `end`, `ws` and `linesep` groups, or None."""
        if not line.startswith(self.separator):
            return None
        return _TAIL.match(line, len(self.separator))


def separator_of(pattern: str) -> str | None:
    """The separator a boundary pattern was made for, if `pattern` is exactly
    `_HEAD + re.escape(separator) + _TAIL_SOURCE`; None for any other pattern."""
    if not (pattern.startswith(_HEAD) and pattern.endswith(_TAIL_SOURCE)):
        return None
    escaped = pattern[len(_HEAD) : -len(_TAIL_SOURCE)]
    separator = _ESCAPED.sub(r"\1", escaped)
    return separator if re.escape(separator) == escaped else None


def compile_pattern(pattern: str, flags: int = 0) -> BoundaryLine | re.Pattern[str]:
    """`re.compile`, but a boundary pattern of the feed parser is a `BoundaryLine`."""
    separator = separator_of(pattern) if flags == 0 and isinstance(pattern, str) else None
    if separator is None:
        return re.compile(pattern, flags)
    return BoundaryLine(separator)


class _FeedParserRe(ModuleType):
    """The `re` module as the feed parser sees it: everything is `re`'s but `compile`."""

    def __init__(self) -> None:
        super().__init__("re", re.__doc__)
        self.compile = compile_pattern

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)


def install() -> None:
    """Give `email.feedparser` the `re` above (idempotent; nothing else sees it)."""
    namespace = vars(email.feedparser)  # its `import re` is not exported: typeshed omits it
    if not isinstance(namespace["re"], _FeedParserRe):
        namespace["re"] = _FeedParserRe()
