"""The organiser's mail (SPEC §14): an answer to a case, and commands, with one results reply.

Rules of this file: only reached for authenticated mail from the organiser or a delegate (the
message rule `organiser`). A mail that answers one of the bot's mails about a case (found by
`In-Reply-To`/`References`, never the subject) and starts with an answer word or participant
blocks settles that case (an unclear organisation's also by its name on the first line, see
`ambiguous`); every other line is a command. Each command's outcomes name the
organiser and the line, so the journal says who did what; cancelling and moving go through the
same functions as the command line (`organiser.cancel`, `organiser.move`), so participants are
told the same. Nothing here deletes: the worst a command does is cancel a booking.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mailbot import actors
from mailbot.config import Actor
from mailbot.decide import ambiguous, organiser
from mailbot.decide.changes import promote, started
from mailbot.decide.commands import Command, Commands, parse
from mailbot.decide.context import Builder, Context, finish, participant_mail
from mailbot.decide.register import register_one
from mailbot.model import Decision
from mailbot.parsing.parsed import ParticipantBlock, Sender
from mailbot.state import OpenCase, Registration

NOT_DONE = ("needs-info", "rejected-full", "rejected-not-allowed", "duplicate", "rejected-closed")


def organiser_decision(ctx: Context) -> Decision:
    """Everything one organiser mail asks, done in order, and one results reply to it."""
    b = Builder(ctx, command=True)
    read = parse(ctx.email.subject, ctx.email.text)
    results: list[dict[str, Any]] = []
    settled: list[tuple[str, str]] = []
    rest, naming = _answer_if_any(b, read, results, settled)
    for command in rest:
        results.append(_step(b, command.line, lambda c=command: _run(b, c)))
    blocks_answer = not read.commands and bool(ctx.email.participants)
    if read.not_understood is not None and not (blocks_answer or naming):  # a greeting above
        b.add("ignored", "organiser-not-understood", None, _by(b, read.not_understood))
        results.append(_item(read.not_understood, "not-understood", note="stopped"))
    if not results:
        b.add("ignored", "organiser-nothing", None, _by(b, "no command and no answer to a case"))
    b.reply("organiser-results", context={"results": results, "help": _wants_help(read, results)})
    b.settled += settled
    return finish(b)


def _answer_if_any(
    b: Builder, read: Commands, results: list[dict[str, Any]], settled: list[tuple[str, str]]
) -> tuple[tuple[Command, ...], bool]:
    """Settle the case this mail answers, when it starts with an answer; the other commands,
    and whether the first line that is no command was the answer (an organisation's name)."""
    first = read.commands[0] if read.commands else None
    case = _case(b)
    naming = _naming(b, read, case)
    answering = (
        naming
        or (first is not None and first.verb in ("yes", "no"))
        or (first is None and bool(b.ctx.email.participants))
    )
    if not answering:
        return read.commands, False
    line = first.line if first else "(participant blocks)"
    if naming:
        assert read.not_understood is not None
        line = read.not_understood
        first = None
    if case is None:
        b.add("ignored", "organiser-no-case", None, _by(b, f"{line}: answers no case"))
        results.append(_item(line, "not-understood", note="no-case"))
    elif case.settled is not None:
        reason = f"{line}: the case was already settled ({case.settled})"
        b.add("ignored", "case-settled", None, _by(b, reason))
        results.append(_item(line, "ignored", note="settled", settled=case.settled))
    else:
        verb = "actor" if naming else first.verb if first else "blocks"
        item = _step(b, line, lambda: _settle(b, case, verb, line))
        results.append(item)
        if item["status"] != "not-understood":
            settled.append((case.message_id, line))
    return (read.commands[1:] if first or naming else read.commands), naming


def _naming(b: Builder, read: Commands, case: OpenCase | None) -> bool:
    """An answer to an ambiguous organisation is the organisation's name on the first line
    ("Polisen Region Syd", "Organisation: …", "JA Polisen Region Syd", or `JA` above it);
    participant blocks below it are an answer of their own (each with its `Organisation:`)."""
    if case is None or case.case.kind != "ambiguous" or read.not_understood is None:
        return False
    if b.ctx.email.participants:
        return False
    return not read.commands or (len(read.commands) == 1 and read.commands[0].verb == "yes")


def _case(b: Builder) -> OpenCase | None:
    email = b.ctx.email
    for message_id in (*email.in_reply_to, *reversed(email.references)):
        found = b.ctx.state.case(message_id)
        if found is not None:
            return found
    return None


def _step(b: Builder, line: str, action: Any) -> dict[str, Any]:
    """Run one command; its outcomes name the organiser and the line (the journal's entry)."""
    start = len(b.outcomes)
    item: dict[str, Any] = action()
    done = b.outcomes[start:]
    for i in range(start, len(b.outcomes)):
        o = b.outcomes[i]
        b.outcomes[i] = replace(o, reason=_by(b, line + (f": {o.reason}" if o.reason else "")))
    item.setdefault("line", line)
    item.setdefault("status", "not-done" if any(o.outcome in NOT_DONE for o in done) else "done")
    item["outcomes"] = [  # what happened to whom; the journal has the rest
        {"outcome": o.outcome, "participant": o.participant, "reason": o.reason}
        for o in done
        if o.participant is not None or o.outcome == "needs-info"
    ]
    return item


def _item(line: str, status: str, **more: Any) -> dict[str, Any]:
    return {"line": line, "status": status, "outcomes": [], **more}


def _by(b: Builder, text: str) -> str:
    return f"{text} (by {b.sender})"


def _wants_help(read: Commands, results: list[dict[str, Any]]) -> bool:
    asked = any(c.verb == "help" for c in read.commands)
    return asked or not results or any(r["status"] == "not-understood" for r in results)


# --------------------------------------------------------------------------- answers to a case


def _settle(b: Builder, open_case: OpenCase, verb: str, line: str) -> dict[str, Any]:
    case = open_case.case
    if verb == "blocks":
        return _register_for_case(b, open_case)
    if case.kind == "ambiguous":
        return _settle_ambiguous(b, open_case, verb, line)
    if verb == "no":
        if case.kind == "seminar-request":
            for address in case.participants:
                _decline(b, address, case.seminar or "")
        else:
            b.add("ignored", "case-closed", None, "closed without action")
        return {}
    if case.kind == "seminar-request" and case.seminar:
        for address in case.participants:
            organiser.move(b, address.casefold(), case.seminar)
        return {}
    b.add("ignored", "organiser-not-understood", None, "nothing was asked to say yes to")
    return {"status": "not-understood", "note": "nothing-to-accept"}


def _settle_ambiguous(b: Builder, open_case: OpenCase, verb: str, line: str) -> dict[str, Any]:
    """An ambiguous organisation: the actor named registers the case's people for it; `NEJ`
    books nobody and tells the sender; a bare `JA` names no one and settles nothing."""
    if verb == "no":
        ambiguous.decline(b, open_case)
        return {}
    actor = actors.named(line, b.config) if verb == "actor" else None
    if actor is None:
        reason = "name one organisation: " + ", ".join(ambiguous.candidates(open_case.case))
        b.add("ignored", "organiser-not-understood", None, reason)
        return {"status": "not-understood", "note": "name-actor"}
    ambiguous.register_case(b, open_case.case, actor)
    return {}


def _decline(b: Builder, address: str, seminar: str) -> None:
    """NEJ: the request is closed and the participant told; a booking they had stands."""
    r = b.work.registration(seminar, address.casefold())
    if r is None or r.status != "pending":
        b.add("ignored", "request-declined", address, "no pending request for that seminar")
        return
    closed = replace(r, status="cancelled")
    b.work.put(closed)
    b.add("cancelled", "request-declined", r.email, f"the request for {seminar} was declined")
    participant_mail(b, closed, "request-declined", answers=False, calendar=False)


def _register_for_case(b: Builder, open_case: OpenCase) -> dict[str, Any]:
    """Participant blocks in answer: registered for the case's actor, as if the case's sender
    had written them (their registering sender, their copies). A case with no actor (a sender
    of no invited organisation, or of several) takes each block's `Organisation:`."""
    case = open_case.case
    sender = case.sender or b.sender
    domain = sender.rpartition("@")[2].lower()
    email = replace(b.ctx.email, sender=Sender(sender, "", domain), organisation=None)
    sub = Builder(replace(b.ctx, inbound=replace(b.ctx.inbound, email=email)))
    sub.work = b.work
    sub.seat_overrides = b.seat_overrides
    for i, block in enumerate(b.ctx.email.participants, start=1):
        actor = _actor(b, case.actor) or actors.named(block.organisation or "", b.config)
        if actor is None:
            reason = "the case has no organisation and the block names none: add Organisation:"
            b.add("needs-info", "unknown-actor", block.email or block.name, reason)
        else:
            register_one(sub, actor, block, i)
    sub.send_problems()
    b.outcomes += sub.outcomes
    b.mails += [replace(m, answers=False) for m in sub.mails]  # new mails, not replies to her
    return {}


def _actor(b: Builder, name: str | None) -> Actor | None:
    try:
        return b.config.actor(name) if name else None
    except KeyError:
        return None


# --------------------------------------------------------------------------- commands


def _run(b: Builder, c: Command) -> dict[str, Any]:
    if c.verb == "status":
        b.add("forwarded", "organiser-status", None, "seats per actor mailed")
        waiting = [
            {
                "kind": c.case.kind,
                "participants": list(c.case.participants),
                "seminar": c.case.seminar,
                "sender": c.case.sender,
                "actor": c.case.actor,
            }
            for c in b.ctx.state.open_cases()
        ]
        return {"seats": seat_table(b), "waiting": waiting}
    if c.verb == "list":
        return _list(b, c.seminar)
    if c.verb == "move" and c.email and c.seminar:
        organiser.move(b, c.email.casefold(), c.seminar)
        return {}
    if c.verb == "cancel" and c.email:
        organiser.cancel(b, c.email.casefold(), None)
        return {}
    if c.verb == "seats" and c.actor is not None and c.seats is not None:
        return _seats(b, c.actor, c.seats)
    if c.verb == "book":
        return _book_all(b)
    if c.verb == "help":
        b.add("forwarded", "organiser-help", None, "the commands mailed")
        return {}
    b.add("ignored", "organiser-not-understood", None, "an answer word answers a case only")
    return {"status": "not-understood", "note": "answer-word"}


def seat_table(b: Builder) -> list[dict[str, Any]]:
    """Seats per actor (used / free / waitlisted / pending), seminar by seminar."""
    rows = []
    for seminar in b.config.seminars:
        people = b.ctx.state.participants(seminar.id)
        for actor in (a for a in b.config.actors if a.seminar == seminar.id):
            seats, used = b.seats(actor), b.work.confirmed(actor.name, seminar.id)
            mine = [r for r in people if r.actor == actor.name]
            rows.append(
                {
                    "seminar": seminar.id,
                    "actor": actor.name,
                    "seats": seats,
                    "used": used,
                    "free": max(seats - used, 0),
                    "waitlisted": sum(1 for r in mine if r.status == "waitlisted"),
                    "pending": sum(1 for r in mine if r.status == "pending"),
                }
            )
    return rows


def _list(b: Builder, seminar: str | None) -> dict[str, Any]:
    if seminar is not None and b.config.find_seminar(seminar) is None:
        b.add("needs-info", "unknown-seminar", None, f"no seminar {seminar!r}")
        return {}
    chosen = [s.id for s in b.config.seminars if seminar in (None, s.id)]
    people = [r for s in chosen for r in b.ctx.state.participants(s) if r.status != "cancelled"]
    b.add("forwarded", "organiser-list", None, f"{len(people)} participants mailed")
    return {"participants": [_row(r) for r in people]}


def _row(r: Registration) -> dict[str, str]:
    return {
        "name": r.name,
        "email": r.email,
        "actor": r.actor,
        "seminar": r.seminar,
        "status": r.status,
        "organisation": r.organisation,
    }


def _seats(b: Builder, name: str, seats: int) -> dict[str, Any]:
    """`PLATSER`: raising promotes from the waitlist; lowering cancels no one (it only stops
    new bookings while more than that many are confirmed)."""
    actor = actors.named(name, b.config)
    if actor is None:
        b.add("needs-info", "unknown-actor", None, f"no single actor is named {name!r}")
        return {}
    before = b.seats(actor)
    b.seat_overrides[actor.name] = seats
    b.add("forwarded", "organiser-seats", None, f"{actor.name}: {before} → {seats} seats")
    if seats > before:  # on every seminar the actor has people on (the organiser moves some)
        for seminar in b.config.seminars:
            if not started(b, seminar.id):
                promote(b, actor.name, seminar.id)
    return {}


def _book_all(b: Builder) -> dict[str, Any]:
    blocks = b.ctx.email.participants
    if not blocks:
        b.add("needs-info", "missing-participants", None, "BOKA with no participant block")
    for block in blocks:
        _book(b, block)
    return {}


def _book(b: Builder, block: ParticipantBlock) -> None:
    """`BOKA`: on the actor's behalf, past its seats and the deadline if need be (said so)."""
    actor = actors.named(block.organisation or "", b.config)
    who = block.email or block.name
    if actor is None:
        reason = f"Organisation: {block.organisation!r} names no single actor"
        b.add("needs-info", "unknown-actor", who, reason)
        return
    if not block.email or block.email_error or not (block.name or "").strip():
        b.add("needs-info", "missing-name-or-email", who, block.email_error or "name and e-mail")
        return
    seminar = b.config.seminar(actor.seminar)
    existing = b.work.registration(seminar.id, block.email.casefold())
    if existing is not None and existing.is_active:
        b.add("duplicate", "already-registered", block.email, f"already {existing.status}")
        return
    past = []
    if b.work.confirmed(actor.name, seminar.id) >= b.seats(actor):
        past.append(f"past {actor.name}'s {b.seats(actor)} seats")
    if not seminar.is_on_time(b.received_at):
        past.append("past the deadline")
    booked = Registration(
        seminar=seminar.id,
        email=block.email,
        name=(block.name or "").strip(),
        actor=actor.name,
        status="confirmed",
        registered_at=b.received_at,
        registered_by=b.sender,
        title=block.title or "",
        organisation=block.organisation or "",
        notes=block.notes or "",
        language=b.language,
        confirmed_at=b.received_at,
    )
    b.work.put(booked)
    b.add("confirmed", "organiser-book", booked.email, "; ".join(past) or None)
    participant_mail(b, booked, "confirmed", answers=False, cc=False)
