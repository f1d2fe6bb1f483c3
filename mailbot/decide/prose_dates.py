"""Whose date a date written in prose is (SPEC §6). Pure: the message as read, one participant.

Why apart from `register`: a date in the author's prose may be written for one person ("Jag
anmäler Peter Nord till den 14 september och Sofia Åberg till den 15 september") or for
everyone ("Vi vill hellre komma den 19 maj"). Applying every date to every participant booked
Sofia on Peter's seminar; so a date belongs to the people named in its clause, a date whose
clause names no one belongs to everyone, and a person named in a sentence that writes several
dates but in none of its dated clauses ("Peter och Sofia, den ena den 14 och den andra den
15 september") is asked about, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from mailbot.parsing.parsed import DateRef, Email, ParticipantBlock, ProseDate

# The writer, when they are a participant: "mig" where a clause gives a date to someone; any
# word for the writer where a sentence with several dates may be about them ("I" only as a
# capital: Swedish "i" is a preposition).
_WRITER_AS_OBJECT: Final = re.compile(r"\b(?:[Mm]ig|[Mm]e|[Mm]yself)\b")
_WRITER: Final = re.compile(r"\b(?:[Jj]ag|[Mm]ig|I|[Mm]e|[Mm]yself)\b")


def dates_for(
    email: Email, person: ParticipantBlock, people: Sequence[ParticipantBlock]
) -> tuple[DateRef, ...] | None:
    """The dates written for `person`: those of the clauses that name them; else those whose
    clause names none of `people`; None when a sentence writes several dates and names the
    person in none of its dated clauses (the reply asks which seminar)."""
    written = email.prose_dates
    if not written:
        return email.dates
    everyone = list(dict.fromkeys([*people, person]))
    tied = [d.date for d in written if _names(d.clause, person, everyone, _WRITER_AS_OBJECT)]
    if tied:
        return tuple(dict.fromkeys(tied))
    if any(_several(d) and _names(d.sentence, person, everyone, _WRITER) for d in written):
        return None
    free = [
        d.date
        for d in written
        if not any(_names(d.clause, p, everyone, _WRITER_AS_OBJECT) for p in everyone)
    ]
    return tuple(dict.fromkeys(free))


def _several(date: ProseDate) -> bool:
    """The date's sentence writes more than one date, each in a clause of its own."""
    return date.clause != date.sentence


def _names(
    text: str,
    person: ParticipantBlock,
    everyone: Sequence[ParticipantBlock],
    writer: re.Pattern[str],
) -> bool:
    """`text` names `person`: their address, their whole name, their first name when no one
    else of `everyone` has it (written with its capital), or, for the writer, "mig"."""
    folded = " ".join(text.split()).casefold()
    if person.email_key and _word(person.email_key).search(folded):
        return True
    if person.source == "sender" and writer.search(text):
        return True
    name = " ".join((person.name or "").split())
    if name and _word(name.casefold()).search(folded):
        return True
    first = name.split()[0] if name else ""
    if len(first) < 2 or sum(1 for p in everyone if _first(p) == first) != 1:
        return False
    return _word(first).search(" ".join(text.split())) is not None


def _first(person: ParticipantBlock) -> str:
    return next(iter((person.name or "").split()), "")


def _word(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")
