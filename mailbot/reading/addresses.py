"""The one pattern every reader uses to see an address in text.

Why one pattern: readers disagreeing about what an address is would book one person twice or
not at all. The pattern finds what *looks like* an address as people write it (in `<…>`,
`(…)`, after `mailto:`, at the end of a sentence); it does not judge it. Whether it is a good
address is email-validator's job, later and in one place, so a typo such as `anna@lund,se`
still reaches the reply that asks about it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Final

# Characters that end an address token: space, brackets, quotes and the separators people put
# between people (`;`, `,`, `|`, tab). `:` ends it too, so `mailto:anna@x.se` and
# `E-post:anna@x.se` yield the address alone.
_STOP: Final = r"\s<>()\[\]{}\"'`,;:|\u00a0"
# A token starts only where a run of token characters starts, and is taken whole (possessive):
# without both, a long line with no `@` costs quadratic time (each start rescans the rest).
ADDRESS: Final = re.compile(rf"(?<![^{_STOP}@])[^{_STOP}@]++@[^{_STOP}@]++")
# Punctuation that ends a sentence or marks bold/italic (`*anna@x.se*`), never an address's end.
_TRAILING: Final = ".*_!?»«”“’‘-–—"
_LEADING: Final = "*_»«”“’‘"


@dataclass(frozen=True)
class Located:
    """An address and where it stands in the text (end excludes trailing punctuation)."""

    address: str
    start: int
    end: int


def locate(text: str) -> tuple[Located, ...]:
    """Every address-looking token in `text`, in order, with its position."""
    return _located(text)


# Every reader looks at the same lines of one mail: the answers are kept for the next reader.
@functools.lru_cache(maxsize=2048)
def _located(text: str) -> tuple[Located, ...]:
    found: list[Located] = []
    for match in ADDRESS.finditer(text):
        token = match[0]
        stripped = token.lstrip(_LEADING)
        start = match.start() + len(token) - len(stripped)
        address = stripped.rstrip(_TRAILING)
        local, _, domain = address.partition("@")
        if local and domain:
            found.append(Located(address, start, start + len(address)))
    return tuple(found)


def addresses(text: str) -> list[str]:
    """The distinct addresses in `text`, in order; Outlook's `anna@x.se<mailto:anna@x.se>`
    and a case-only repeat count once (the first spelling is kept)."""
    unique: dict[str, str] = {}
    for located in locate(text):
        unique.setdefault(located.address.casefold(), located.address)
    return list(unique.values())


def is_address(text: str) -> bool:
    """The whole text is one address, give or take `<>`, `mailto:` and surrounding space."""
    cleaned = text.strip().removeprefix("mailto:").strip("<> \t")
    found = locate(cleaned)
    return len(found) == 1 and found[0].address == cleaned


def without_addresses(text: str) -> str:
    """The text with every address (and an Outlook `<mailto:…>` after it) blanked out, so that
    what stands around an address can be read as a name or a title."""
    text = re.sub(r"<\s*mailto:[^>]*>", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"mailto:", " ", text, flags=re.IGNORECASE)
    for located in reversed(locate(text)):
        text = text[: located.start] + " " + text[located.end :]
    return text
