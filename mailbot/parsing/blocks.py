"""Participant blocks: `Key: value` lines, Swedish or English, and the seminar dates in them (§3).

Rules of this file: a blank line or a key seen again starts the next block; a block names someone
by name or address; a contact card without a name is the sender's signature, and a lone
`Organisation:` line only says who is writing. A date is read as people write it, or not at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from mailbot.parsing.addresses import Deliverable, participant_address
from mailbot.parsing.parsed import DateRef, ParticipantBlock

_Field = Literal["name", "email", "organisation", "title", "seminar", "replaces", "notes"]
_Lang = Literal["sv", "en"] | None

_KEY_LINE: Final = re.compile(
    r"[\s*_•·◦▪►\-–—]*"
    r"(?P<key>[^\W\d_][^\W_]*(?:[ \-/][^\W_]+){0,3})"
    r"[\s*_]*:[\s*_]*(?P<value>.*?)[\s*_]*"
)
_KEY_NOISE: Final = re.compile(r"[\s\-/]+")
_TRAILING_NUMBER: Final = re.compile(r"\d+$")
_VALUE_TRAILER: Final = re.compile(r"[\s,;]+$")


def _synonyms(field: _Field, lang: _Lang, *keys: str) -> dict[str, tuple[_Field, _Lang]]:
    return {_normalised_key(key): (field, lang) for key in keys}


def _normalised_key(key: str) -> str:
    """`E-post`, `Epost`, `e post`, `Deltagare 2` → `epost`, `epost`, `epost`, `deltagare`."""
    return _TRAILING_NUMBER.sub("", _KEY_NOISE.sub("", key.casefold()))


# SPEC §3's keys, plus the few spellings people really use; None = shared by both languages.
_KEYS: Final[dict[str, tuple[_Field, _Lang]]] = {
    **_synonyms("name", "sv", "Namn", "Deltagare", "Fullständigt namn", "För- och efternamn"),
    **_synonyms("name", "en", "Name", "Participant", "Full name"),
    **_synonyms("email", "sv", "E-post", "Epost", "E-postadress", "Mejl", "Mejladress"),
    **_synonyms("email", "sv", "Mailadress", "E-mailadress"),
    **_synonyms("email", "en", "E-mail", "Email", "Email address", "E-mail address"),
    **_synonyms("email", None, "Mail"),
    **_synonyms("organisation", "sv", "Myndighet", "Förvaltning", "Kommun"),
    **_synonyms("organisation", "en", "Organization"),
    **_synonyms("organisation", None, "Organisation"),
    **_synonyms("title", "sv", "Befattning", "Titel", "Roll", "Yrkestitel"),
    **_synonyms("title", "en", "Title", "Role", "Job title"),
    **_synonyms("seminar", "sv", "Datum", "Seminarium", "Seminariedatum"),
    **_synonyms("seminar", "en", "Date"),
    **_synonyms("seminar", None, "Seminar"),
    **_synonyms("replaces", "sv", "Ersätter"),
    **_synonyms("replaces", "en", "Replaces"),
    **_synonyms("notes", "sv", "Övrigt", "Kommentar", "Kommentarer"),
    **_synonyms("notes", "en", "Notes", "Note", "Comment", "Comments"),
}
# Lines of a contact card ("Tel: …", "E-post: …" under a name): the sender's own signature.
_CONTACT_KEYS: Final = frozenset(
    _normalised_key(key)
    for key in (
        "Tel",
        "Telefon",
        "Mobil",
        "Mobiltelefon",
        "Direkt",
        "Växel",
        "Vxl",
        "Fax",
        "Phone",
        "Mobile",
        "Webb",
        "Web",
        "Hemsida",
        "Besöksadress",
        "Postadress",
        "Adress",
        "Address",
    )
)


@dataclass(frozen=True, slots=True)
class Found:
    """What the `Key: value` blocks of a message say."""

    participants: tuple[ParticipantBlock, ...]
    organisation: str | None
    english_keys: int
    swedish_keys: int


@dataclass(slots=True)
class _Block:
    fields: dict[_Field, str] = field(default_factory=dict)
    contact_card: bool = False


def participant_field(line: str) -> tuple[_Field, _Lang, str] | None:
    """(field, language of the key, value) for a known `Key: value` line, else None."""
    match = _KEY_LINE.fullmatch(line)
    if match is None:
        return None
    known = _KEYS.get(_normalised_key(match["key"]))
    if known is None:
        return None
    return known[0], known[1], _VALUE_TRAILER.sub("", match["value"])


def _is_contact_line(line: str) -> bool:
    match = _KEY_LINE.fullmatch(line)
    return match is not None and _normalised_key(match["key"]) in _CONTACT_KEYS


def find_blocks(lines: Sequence[str], deliverable: Deliverable | None) -> Found:
    """Blocks of `Key: value` lines; a blank line or a key seen again starts the next block."""
    blocks: list[_Block] = [_Block()]
    english = swedish = 0
    for line in lines:
        current = blocks[-1]
        if not line:
            if current.fields or current.contact_card:
                blocks.append(_Block())
            continue
        known = participant_field(line)
        if known is None:
            current.contact_card = current.contact_card or _is_contact_line(line)
            continue
        key_field, lang, value = known
        if not value:
            continue
        english += lang == "en"
        swedish += lang == "sv"
        if key_field in current.fields:
            current = _Block()
            blocks.append(current)
        current.fields[key_field] = " ".join(value.split())
    organisation = next(
        (b.fields["organisation"] for b in blocks if "organisation" in b.fields), None
    )
    participants = tuple(_participant(b.fields, deliverable) for b in blocks if _is_participant(b))
    return Found(participants, organisation, english, swedish)


def _is_participant(block: _Block) -> bool:
    """A block names someone by name or address; a contact card without a name is a signature,
    and a lone `Organisation:` line only says who is writing."""
    if "name" in block.fields:
        return True
    return "email" in block.fields and not block.contact_card


def _participant(fields: dict[_Field, str], deliverable: Deliverable | None) -> ParticipantBlock:
    address, error = (None, None)
    if "email" in fields:
        address, error = participant_address(fields["email"], deliverable)
    replaces = fields.get("replaces")
    if replaces is not None:
        replaces = participant_address(replaces, deliverable)[0]
    seminar = fields.get("seminar")
    return ParticipantBlock(
        name=fields.get("name"),
        email=address,
        email_error=error,
        organisation=fields.get("organisation"),
        title=fields.get("title"),
        seminar=seminar,
        seminar_date=date_ref(seminar) if seminar else None,
        replaces=replaces,
        notes=fields.get("notes"),
    )


# --------------------------------------------------------------------------------------------
# Seminar dates
# --------------------------------------------------------------------------------------------

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
