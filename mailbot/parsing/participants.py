"""What the readers found, as the decision sees it: addresses validated once, dates read, the
phrases of cancelling and substituting turned into values of `parsed` (SPEC §3, §6).

Why here and not in the readers: the readers keep addresses as written and never decide whether
one is good; `email-validator` runs once, in one place, with the deliverability check the
configuration asks for. Pure.
"""

from __future__ import annotations

import email.utils
from collections.abc import Sequence

from mailbot.parsing.addresses import Deliverable, participant_address
from mailbot.parsing.dates import date_ref
from mailbot.parsing.parsed import (
    Cancel,
    DateRef,
    Forward,
    Mention,
    ParticipantBlock,
    ProseDate,
    Sender,
    Swap,
    Unclear,
)
from mailbot.reading import date_requests, intent
from mailbot.reading.found import Found, Unread
from mailbot.reading.message import ForwardedPart, People


def block(found: Found, deliverable: Deliverable | None) -> ParticipantBlock:
    """One person found, with the address validated (a bad one keeps its text and why)."""
    address, error = (None, None)
    if found.email:
        address, error = participant_address(found.email, deliverable)
    replaces = found.replaces
    if replaces is not None:
        replaces = participant_address(replaces, deliverable)[0]
    return ParticipantBlock(
        name=found.name,
        email=address,
        email_error=error,
        organisation=found.organisation,
        title=found.title,
        seminar=found.seminar,
        seminar_date=date_ref(found.seminar) if found.seminar else None,
        replaces=replaces,
        notes=found.notes,
        source=found.source,
        line=found.line,
    )


def blocks(
    people: Sequence[Found], deliverable: Deliverable | None
) -> tuple[ParticipantBlock, ...]:
    return tuple(block(f, deliverable) for f in people)


def unclear(unread: Sequence[Unread]) -> tuple[Unclear, ...]:
    """The questions; one about an address names it as the journal writes addresses."""
    return tuple(
        Unclear(
            u.source,
            u.line,
            u.why,
            u.name,
            (participant_address(u.email, None)[0] or u.email) if u.email else None,
        )
        for u in unread
    )


def cancels(
    found: Sequence[intent.Cancellation],
    deliverable: Deliverable | None,
    opening: str | None = None,
) -> tuple[Cancel, ...]:
    """`opening` is the text's first sentence (with its greeting): a phrase there, or in the
    subject, is about the blocks below it when it names no one ("Avanmälan:" / `Namn: …`)."""
    return tuple(
        Cancel(
            c.line,
            c.names,
            tuple(_address(a, deliverable) for a in c.addresses),
            c.of_sender,
            c.in_subject,
            opening is not None and c.line.startswith(opening),
            c.of_other,
        )
        for c in found
    )


def swaps(
    found: Sequence[intent.Substitution], deliverable: Deliverable | None
) -> tuple[Swap, ...]:
    return tuple(
        Swap(s.line, _mention(s.old, deliverable), _mention(s.new, deliverable)) for s in found
    )


def dates(found: Sequence[date_requests.DateRequest]) -> tuple[DateRef, ...]:
    read = (date_ref(d.date) for d in found)
    return tuple(dict.fromkeys(d for d in read if d is not None))


def prose_dates(found: Sequence[date_requests.DateRequest]) -> tuple[ProseDate, ...]:
    read = (
        ProseDate(ref, d.line, d.clause or d.line)
        for d in found
        if (ref := date_ref(d.date)) is not None
    )
    return tuple(dict.fromkeys(read))


def forward(part: ForwardedPart | None, deliverable: Deliverable | None) -> Forward | None:
    """The forwarded mail's author as a sender (None when its From line holds no address) and
    whom its own text names."""
    if part is None:
        return None
    people: People = part.people
    return Forward(
        sender=_sender(part.sender, deliverable),
        participants=blocks(people.people, deliverable),
        unclear=unclear(people.unread),
        names_people=people.names_people,
        sender_counted=people.sender_counted is not None or people.we_come is not None,
        sender_excluded=people.sender_excluded is not None,
    )


def _sender(written: str | None, deliverable: Deliverable | None) -> Sender | None:
    if not written:
        return None
    name, address = email.utils.parseaddr(written.replace("[mailto:", "<").replace("]", ">"))
    if not address:
        return None
    normalised, error = participant_address(address, deliverable)
    if error:
        return None
    domain = normalised.rpartition("@")[2].lower()
    return Sender(normalised, name.strip(), domain)


def _mention(found: intent.Mention | None, deliverable: Deliverable | None) -> Mention | None:
    if found is None:
        return None
    address = _address(found.address, deliverable) if found.address else None
    return Mention(found.name, address)


def _address(text: str, deliverable: Deliverable | None) -> str:
    address, error = participant_address(text, deliverable)
    return text if error else address
