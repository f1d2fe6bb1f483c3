"""A date written where the author asks to come, or in the subject (SPEC §6), as written.

Why apart from the other phrases: which seminar a date is, is the decision's business (it
knows the seminars); reading only says where a date stands in a sentence about coming ("vi
vill hellre komma den 19 maj", "15/9", "the 15th of September").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from mailbot.reading.intent import units

_I: Final = re.IGNORECASE


@dataclass(frozen=True)
class DateRequest:
    """A date written where the author asks to come (or in the subject), as written."""

    line: str
    date: str
    in_subject: bool = False
    # The part of the sentence the date stands in: the whole sentence when it writes one date,
    # else the clause ("… Peter Nord till den 14 september" | "Sofia Åberg till den 15
    # september"), so that the decision can tell whose date it is.
    clause: str = ""


_MONTH: Final = (
    r"(?:januari|january|jan|februari|february|feb|mars|march|mar|april|apr|maj|may|juni|june"
    r"|jun|juli|july|jul|augusti|august|aug|september|sept|sep|oktober|october|okt|oct"
    r"|november|nov|december|dec)"
)
_DATE: Final = re.compile(
    r"(?<![\w/.-])(?=[\dadfjmnost])(?:\d{4}-\d{1,2}-\d{1,2}"
    rf"|(?:the )?\d{{1,2}}(?::e|:a|st|nd|rd|th)?\.? (?:of )?{_MONTH}\b\.?(?: \d{{4}})?"
    rf"|{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? \d{{4}})?"
    r"|\d{1,2}/\d{1,2}(?![\d/]))",
    _I,
)
_ASKING: Final = re.compile(
    r"\b(?=[abcdfghijkmoprsvö])(?:hellre|föredrar|föredra|i stället|istället|byta|flytta|annat"
    r"|annan|andra|komma|kommer"
    r"|delta|deltar|gå|går|anmäla|anmäler|vill|önskar|rather|prefer|instead|another|other"
    r"|switch|move|attend|come|join|register)\b",
    _I,
)


def date_requests(subject: str, lines: Sequence[str]) -> tuple[DateRequest, ...]:
    """Dates written in the subject, and in sentences about coming ("vi vill hellre komma den
    19 maj", "15/9", "the 15th of September"), as written; which seminar a date is, is for the
    decision to tell."""
    found = [DateRequest(subject, m[0].rstrip("."), True, subject) for m in _DATE.finditer(subject)]
    for unit in units(lines):
        if _ASKING.search(unit):
            found.extend(
                DateRequest(unit, date, clause=clause) for clause, date in _dates_by_clause(unit)
            )
    return tuple(found)


# Where one clause of a sentence ends and the next begins; "och"/"and" may also join two
# names ("Peter och Sofia till den 15 september"), so a clause with no date of its own that
# ends there belongs to the next one.
_BOUNDARY: Final = re.compile(r"(,\s+|;\s*|\s+(?:och|and|samt|medan|while|men|but)\s+)", _I)
_JOINING: Final = re.compile(r"\s+(?:och|and|samt)\s+", _I)


def _dates_by_clause(unit: str) -> list[tuple[str, str]]:
    """(clause, date) for each date of a sentence. A sentence with one date (however often
    written) is one clause; with several, each date keeps the clause it stands in."""
    dates = [m[0].rstrip(".") for m in _DATE.finditer(unit)]
    if len({d.casefold() for d in dates}) < 2:
        return [(unit, d) for d in dates]
    found: list[tuple[str, str]] = []
    for clause in _clauses(unit):
        found.extend((clause, m[0].rstrip(".")) for m in _DATE.finditer(clause))
    return found


def _clauses(unit: str) -> list[str]:
    """The sentence cut at its clause boundaries; a piece with no date that is joined to the
    next by "och"/"and" is kept with it."""
    parts = _BOUNDARY.split(unit)
    clauses: list[str] = []
    pending = ""
    for i in range(0, len(parts), 2):
        piece = pending + parts[i]
        joiner = parts[i + 1] if i + 1 < len(parts) else ""
        if joiner and _JOINING.fullmatch(joiner) and not _DATE.search(parts[i]):
            pending = piece + joiner
            continue
        clauses.append(piece.strip())
        pending = ""
    return clauses
