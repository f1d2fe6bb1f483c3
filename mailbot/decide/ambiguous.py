"""An ambiguous organisation (SPEC §4.3, §14): the sender is asked and the organiser is told, and
whichever of them answers first settles it, once.

Why both: the sender knows which organisation they are, but may not answer for days; the organiser
often knows at a glance (she sent the invitation) and should not need a shell to say so. So one
message opens one case, recorded twice over: under the Message-ID of the organiser's mail (her
reply finds it, §14) and under that of the question mailed to the sender (their reply finds it).

Rules of this file:
- The case keeps what the message asked (the people read, the dates its prose wrote, the
  organisation it wrote, when it arrived), so either answer registers the message as it was
  written, for the actor named, as if its sender had written the organisation in it: the seats
  and the deadline are those of that moment, as any registration's.
- The first answer settles the case and closes the other path: a later answer is told the case
  was settled (the organiser) or is read as any other reply (the sender). Nobody is booked twice:
  a person of the case who is already booked on any seminar (the sender wrote again meanwhile) is
  a duplicate, not a second booking.
- The sender settles it only with an actor of the case's candidates (those sharing the domain);
  the organiser may name any invited actor (she decides who is invited).
- `NEJ` closes the case: nobody of it is booked and the sender is told so in a new mail.
- A reply from the sender that names people registers those people (it is a new registration),
  and the people of the first mail it leaves out are asked about, not booked; one that only
  names the organisation registers the people of the case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, replace
from typing import Any

from mailbot import actors
from mailbot.config import Actor
from mailbot.decide.context import Builder, Context, organiser_mail, problem
from mailbot.decide.register import register
from mailbot.parsing.parsed import DateRef, ParticipantBlock, ProseDate, Sender
from mailbot.state import Case, OpenCase


def open_case(
    b: Builder, resolution: actors.Resolution, book: list[ParticipantBlock], *, sender_unnamed: bool
) -> None:
    """Ask the sender which organisation they are, and tell the organiser, who may answer."""
    email = b.ctx.email
    names = [a.name for a in resolution.candidates]
    written = email.organisation
    reason = (
        f"organisation {written!r} matches several actors" if written else "no organisation written"
    ) + f"; candidates: {', '.join(names)}; the organiser is asked too"
    b.add("needs-info", resolution.rule, None, reason)
    b.reply(
        "needs-info",
        context={"problems": [], "candidates": names, "organisation": written},
        asks_for_case=True,
    )
    case = Case(
        "ambiguous",
        participants=tuple(p.email for p in book if p.email),
        sender=b.sender,
        source_message_id=email.message_id,
        details={
            "people": [asdict(p) for p in book],
            "dates": [[d.month, d.day, d.year] for d in email.dates],
            "prose_dates": [
                [d.date.month, d.date.day, d.date.year, d.sentence, d.clause]
                for d in email.prose_dates
            ],
            "organisation": written,
            "received_at": b.received_at.isoformat(),
            "candidates": names,
            "sender_unnamed": sender_unnamed,
        },
    )
    people = [{"name": p.name, "email": p.email, "title": p.title} for p in book]
    context = {
        "sender": b.sender,
        "candidates": names,
        "organisation": written,
        "people": people,
        "sender_unnamed": sender_unnamed,
    }
    b.mails.append(organiser_mail(b.ctx, "forward-ambiguous", context, case))
    superseded = answered(b.ctx)
    if superseded is not None:  # a reply as unclear as the first: this case replaces that one
        b.settled.append((superseded.message_id, f"{b.sender}: {email.subject}"))


def answered(ctx: Context) -> OpenCase | None:
    """The open ambiguous case whose question to the sender this message answers (found by
    `In-Reply-To`/`References`, never the subject), if any."""
    email = ctx.email
    for message_id in (*email.in_reply_to, *reversed(email.references)):
        found = ctx.state.case_asked(message_id)
        if found is not None and found.settled is None and found.case.kind == "ambiguous":
            return found
    return None


def sender_names(b: Builder, open_case: OpenCase, actor: Actor) -> None:
    """The sender's answer names one of the case's actors: the case's people are registered for
    it, and the case is settled (the organiser's later answer is told so)."""
    register_case(b, open_case.case, actor)
    b.settled.append((open_case.message_id, f"{b.sender}: {actor.name}"))


def settle_by_sender(b: Builder, actor: Actor, booked: list[ParticipantBlock]) -> None:
    """A registration from a sender whose ambiguous case waits: when it answers that case's
    question, or books one of that case's people, the case is settled by it (the sender wrote
    again, with the organisation), so the organiser's answer cannot book anyone a second time."""
    sender = b.ctx.email.sender
    assert sender is not None
    keys = {p.email_key for p in booked if p.email_key}
    linked = answered(b.ctx)
    for open_case in b.ctx.state.open_cases():
        case = open_case.case
        if case.kind != "ambiguous" or actor.name not in candidates(case):
            continue
        ours = (case.sender or "").casefold() == sender.key
        mine = {a.casefold() for a in case.participants} & keys
        if open_case == linked or (ours and mine):
            b.settled.append((open_case.message_id, f"{b.sender}: {actor.name}"))
        if open_case == linked:
            _left_out(b, case, keys)


def _left_out(b: Builder, case: Case, booked: set[str]) -> None:
    """People of the first mail that its answer does not name again are asked about, not
    booked: the answer may have left them out on purpose (precision first)."""
    for person in _people(case):
        if person.email_key and person.email_key not in booked:
            reason = "in the first mail, not in its answer: not registered"
            b.add("needs-info", "left-out", person.email, reason)
            b.needs_info(problem("left-out", name=person.name, email=person.email))


def register_case(b: Builder, case: Case, actor: Actor) -> None:
    """Register the case's people for `actor` as if its sender had written the organisation in
    the message, at the time it came; anyone already booked on any seminar is a duplicate."""
    sub = _as_sent(b, case)
    fresh: list[ParticipantBlock] = []
    for block in _people(case):
        active = sub.work.active(block.email_key) if block.email_key else []
        if active:
            where = ", ".join(f"{r.status} for {r.seminar} ({r.actor})" for r in active)
            sub.add("duplicate", "already-registered", block.email, f"already {where}")
        else:
            fresh.append(block)
    unnamed = bool(case.details.get("sender_unnamed"))
    if fresh or unnamed:
        register(sub, actor, fresh, sender_without_name=unnamed)
    sub.send_problems()
    b.outcomes += sub.outcomes
    if b.command:  # the organiser's mail: the sender and the people get new mails, not replies
        b.mails += [replace(m, answers=False) for m in sub.mails]
    else:
        b.mails += sub.mails
        b.actor = actor


def _as_sent(b: Builder, case: Case) -> Builder:
    """A builder for the case's message as its sender wrote it: their address, its dates and
    organisation, its arrival time; the state as this decision has changed it so far."""
    ctx = b.ctx
    sender = case.sender or b.sender
    written = replace(
        ctx.email,
        sender=Sender(sender, "", sender.rpartition("@")[2].lower()),
        dates=_dates(case),
        prose_dates=_prose_dates(case),
        organisation=case.details.get("organisation") or ctx.email.organisation,
    )
    arrival = _received_at(case) or ctx.inbound.received_at
    sub = Builder(replace(ctx, inbound=replace(ctx.inbound, email=written, received_at=arrival)))
    sub.work = b.work
    sub.seat_overrides = b.seat_overrides
    return sub


def decline(b: Builder, open_case: OpenCase) -> None:
    """`NEJ`: nobody of the case is booked; the sender is told in a new mail."""
    case = open_case.case
    for address in case.participants or (None,):
        b.add("ignored", "registration-declined", address, "the organiser declined it")
    if case.sender:
        people = [{"name": p.name, "email": p.email} for p in _people(case)]
        context = {"people": people, "sender_unnamed": case.details.get("sender_unnamed")}
        b.mail(
            "registration-declined",
            (case.sender,),
            answers=False,
            context=context,
            language=b.config.bot.language,
        )


# --------------------------------------------------------------------------- what a case keeps


def candidates(case: Case) -> tuple[str, ...]:
    """The actors that share the sender's domain, as the case recorded them."""
    return tuple(case.details.get("candidates", ()))


def _people(case: Case) -> list[ParticipantBlock]:
    return [_block(dict(p)) for p in case.details.get("people", ())]


def _block(fields: dict[str, Any]) -> ParticipantBlock:
    date = fields.pop("seminar_date", None)
    return ParticipantBlock(**fields, seminar_date=DateRef(**date) if date else None)


def _dates(case: Case) -> tuple[DateRef, ...]:
    return tuple(DateRef(*d) for d in case.details.get("dates", ()))


def _prose_dates(case: Case) -> tuple[ProseDate, ...]:
    """Where each date stood (`prose_dates`): whose it is is decided as for a fresh mail."""
    found = case.details.get("prose_dates", ())
    return tuple(ProseDate(DateRef(m, d, y), line, clause) for m, d, y, line, clause in found)


def _received_at(case: Case) -> dt.datetime | None:
    at = case.details.get("received_at")
    return dt.datetime.fromisoformat(at) if at else None
