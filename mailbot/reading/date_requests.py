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
    found = [DateRequest(subject, m[0].rstrip("."), True) for m in _DATE.finditer(subject)]
    for unit in units(lines):
        if _ASKING.search(unit):
            found.extend(DateRequest(unit, m[0].rstrip(".")) for m in _DATE.finditer(unit))
    return tuple(found)
