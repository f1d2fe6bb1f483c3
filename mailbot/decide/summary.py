"""The coordinator's reply: the whole picture of a message about several people, in one mail (§9).

Why a rule over the draft rather than one more mail per participant: the per-participant rules
tell each outcome where it happens (a confirmation to the participant, a waitlist note or a
question to the sender). A coordinator who registered six colleagues then had to piece the
result together from Cc copies and separate notes. This module reads the finished draft and
folds the sender's separate notes (waiting, duplicate, full, not allowed, for the organiser,
cancelled, the questions) into one `summary` mail that lists who was booked, who waits, who was
not booked and why, and what could not be read, each question quoting its line. Mails to the
participants themselves (confirmations with their calendar file) stay as they are.

Rules of this file: pure, reads only the draft and the message; names come from the mails'
own participant context, then the working state, then the message's blocks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

from mailbot.decide.context import Builder
from mailbot.model import Mail, Outcome
from mailbot.reading.names import turned_round

# The sender's own notes that the summary stands in for.
FOLDED: Final = frozenset(
    {
        "waitlisted",
        "duplicate",
        "rejected-full",
        "rejected-not-allowed",
        "rejected-closed",
        "forwarded",
        "needs-info",
        "cancelled",
    }
)
# How the summary groups outcomes (the templates word each group and each outcome).
GROUPS: Final[Mapping[str, str]] = {
    "confirmed": "booked",
    "substituted": "booked",
    "promoted": "booked",
    "waitlisted": "waiting",
    "forwarded": "forwarded",
    "cancelled": "cancelled",
    "duplicate": "not_booked",
    "rejected-full": "not_booked",
    "rejected-not-allowed": "not_booked",
    "rejected-closed": "not_booked",
    "rejected-not-invited": "not_booked",
}


def about_several(b: Builder) -> str | None:
    """Why the draft needs a summary: it concerns two people or more (a question about someone
    unnamed counts as one), and either books two or more or has notes for the sender."""
    people = {o.participant.casefold() for o in b.outcomes if o.participant}
    notes = _to_sender(b)
    count = len(people) + sum(1 for p in _problems(notes) if not p.get("email"))
    booked = {
        o.participant.casefold()
        for o in b.outcomes
        if o.participant and GROUPS.get(o.outcome) == "booked"
    }
    if count < 2 or not (notes or len(booked) >= 2):
        return None  # one person, or a substitution told in its own two mails
    return f"the message concerns {count} people: one summary to the sender"


def summarise(b: Builder) -> None:
    """Replace the sender's separate notes with one `summary` mail (see the module docstring)."""
    notes = _to_sender(b)
    problems = _problems(notes)
    candidates = next((m.context["candidates"] for m in notes if m.context.get("candidates")), None)
    entries = _entries(b, b.outcomes)  # before the notes go: their context names people
    b.mails = [m for m in b.mails if m not in notes]
    groups: dict[str, list[dict[str, Any]]] = {
        group: [] for group in dict.fromkeys(GROUPS.values())
    }
    for entry in entries:
        groups[GROUPS[entry["outcome"]]].append(entry)
    context = {
        "greeting": greeting_name(b),
        "actor": b.actor.name if b.actor else None,
        "seminar": b.actor.seminar if b.actor else None,
        "groups": groups,
        "problems": problems,
        "candidates": candidates or [],
        "count": len(entries) + sum(1 for p in problems if not p.get("email")),
    }
    # The question of an unclear organisation, folded in: the sender's answer to the summary
    # settles the organiser's case as an answer to the question would (decide.ambiguous).
    b.reply("summary", context=context, asks_for_case=any(m.asks_for_case for m in notes))


def greeting_name(b: Builder) -> str | None:
    """The sender's name as it should be read: an "Efternamn Förnamn" display name turned round
    when the address spells the other order; None when there is no name to greet."""
    sender = b.ctx.email.sender
    if sender is None or not sender.display_name.strip():
        return None
    name = " ".join(sender.display_name.split())
    return turned_round(name, sender.address)


def _to_sender(b: Builder) -> list[Mail]:
    sender = b.ctx.email.sender
    if sender is None:
        return []
    return [m for m in b.mails if m.kind in FOLDED and m.to == (sender.address,) and not m.cc]


def _problems(mails: Iterable[Mail]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for m in mails:
        if m.kind == "needs-info":
            found.extend(dict(p) for p in m.context.get("problems", ()))
    return found


def _entries(b: Builder, outcomes: Iterable[Outcome]) -> list[dict[str, Any]]:
    """One entry per participant, in the order of the message, with their last outcome that a
    group holds (a needs-info outcome is told among the problems instead)."""
    last: dict[str, Outcome] = {}
    for o in outcomes:
        if o.participant and o.outcome in GROUPS:
            last.pop(o.participant.casefold(), None)
            last[o.participant.casefold()] = o
    names = _names(b)
    return [
        {
            "email": o.participant,
            "name": names.get(key, ""),
            "outcome": o.outcome,
            "seminar": _seminar_of(b, key),
        }
        for key, o in last.items()
    ]


def _names(b: Builder) -> dict[str, str]:
    names: dict[str, str] = {}
    for block in b.ctx.email.participants:
        if block.email and block.name:
            names[block.email.casefold()] = block.name
    for r in b.work.changed.values():
        if r.name:
            names[r.email_key] = r.name
    for m in b.mails:
        participant = m.context.get("participant")
        if (
            isinstance(participant, Mapping)
            and participant.get("email")
            and participant.get("name")
        ):
            names[str(participant["email"]).casefold()] = str(participant["name"])
    return names


def _seminar_of(b: Builder, key: str) -> str | None:
    return next((r.seminar for (_, k), r in b.work.changed.items() if k == key), None)
