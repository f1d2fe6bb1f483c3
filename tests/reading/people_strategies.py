"""Hypothesis strategies for the reader tests: names and addresses as people have them.

Names are drawn from real first and last names (Swedish and English, with å, ä, ö, hyphens and
particles), not from random letters: a random "Aaa She" is prose, not a name, and would test
the generator instead of the readers.
"""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

FIRST = [
    "Anna",
    "Per",
    "Lisa",
    "Omar",
    "Åsa",
    "Jane",
    "John",
    "Karl-Erik",
    "Fatima",
    "Örjan",
    "Maria",
    "Ali",
]
LAST = [
    "Svensson",
    "Persson",
    "Berg",
    "Ali",
    "Öberg",
    "Doe",
    "Smith",
    "af Klercker",
    "Nilsson",
    "Ekström",
]


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum() or c == "-")


@st.composite
def person(draw: st.DrawFn) -> tuple[str, str]:
    """(name, address) with the address spelling the name, and a number to keep it unique."""
    first, last = draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST))
    number = draw(st.integers(min_value=1, max_value=99))
    domain = draw(st.sampled_from(["lund.se", "polisen.se", "malmo.se", "example.org"]))
    return (
        f"{first} {last}",
        f"{_plain(first)}.{_plain(last).replace('af', '').strip()}{number}@{domain}",
    )


def people(min_size: int = 1, max_size: int = 6) -> st.SearchStrategy[list[tuple[str, str]]]:
    return st.lists(
        person(), min_size=min_size, max_size=max_size, unique_by=lambda p: p[1].casefold()
    )
