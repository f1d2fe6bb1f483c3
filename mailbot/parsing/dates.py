"""Seminar dates as people write them in a `Datum:` line, Swedish or English (SPEC §3).

Rules of this file: a date is read as people write it, or not at all; named months before
numbers, and `9/14` read the American way round only because 14 is no month.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from mailbot.parsing.parsed import DateRef

_MONTHS: Final[dict[str, int]] = {
    **dict.fromkeys(("januari", "january", "jan"), 1),
    **dict.fromkeys(("februari", "february", "feb"), 2),
    **dict.fromkeys(("mars", "march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("maj", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("augusti", "august", "aug"), 8),
    **dict.fromkeys(("september", "sept", "sep"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("december", "dec"), 12),
}
_MONTH: Final = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO_DATE: Final = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DAY_MONTH: Final = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th|:e|:a)?\.?\s*(?:of\s+)?({_MONTH})\b\.?(?:,?\s*(\d{{4}}))?",
    re.IGNORECASE,
)
_MONTH_DAY: Final = re.compile(
    rf"\b({_MONTH})\b\.?\s*(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s*(\d{{4}}))?", re.IGNORECASE
)
_NUMERIC_DATE: Final = re.compile(
    r"(?<![\d.:/])(\d{1,2})\s*[/.]\s*(\d{1,2})(?![\d:])(?:\.?\s*[-/.\s]\s*(\d{4}|\d{2})(?!\d))?"
)


def date_ref(text: str) -> DateRef | None:
    """A date as people write it in a `Datum:` line (SPEC §3), Swedish or English; else None.

    Named months are tried before numbers so that "14 september kl. 13.00" is not 13 October.
    """
    for match in _ISO_DATE.finditer(text):
        found = _valid_date(int(match[3]), int(match[2]), match[1])
        if found:
            return found
    for match in _DAY_MONTH.finditer(text):
        found = _valid_date(int(match[1]), _MONTHS[match[2].lower()], match[3])
        if found:
            return found
    for match in _MONTH_DAY.finditer(text):
        found = _valid_date(int(match[2]), _MONTHS[match[1].lower()], match[3])
        if found:
            return found
    for match in _NUMERIC_DATE.finditer(text):
        day, month = int(match[1]), int(match[2])
        if month > 12 >= day:  # 9/14: written the American way
            day, month = month, day
        found = _valid_date(day, month, match[3])
        if found:
            return found
    return None


def _valid_date(day: int, month: int, year_text: str | None) -> DateRef | None:
    year = None if year_text is None else int(year_text)
    if year is not None and year < 100:
        year += 2000
    try:
        dt.date(2000 if year is None else year, month, day)  # 2000: 29 February is a date
    except ValueError:
        return None
    return DateRef(month=month, day=day, year=year)
