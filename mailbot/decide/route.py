"""Where a message that passed the message rules goes: a change, a registration, a question, the
organiser, or a rejection of an uninvited sender (SPEC §3, §4, §10).

Rules of this file: the sender's actor is resolved first, with the organisations the message
writes (§4.3); then `who` works out whom the message is about. A message about no one is no
registration: a reply is the organiser's to read (whole), a fresh mail from an invited sender
goes to the organiser unanswered, and one from anyone else is ignored unless it asks to register
(no backscatter). A forward of a same-actor colleague's request registers what the forwarded
part says (§3), the forwarder in Cc. Otherwise cancellations and substitutions are made, the
people read are registered, and what could not be read is asked about in the same reply.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import replace

from mailbot import actors
from mailbot.decide import ambiguous
from mailbot.decide.changes import cancel_targets, substitute_all
from mailbot.decide.context import Builder, Context, Inbound, organiser_mail, problem
from mailbot.decide.register import register, reject_not_invited
from mailbot.decide.who import Who, who
from mailbot.parsing.parsed import Email, Sender
from mailbot.reading.message import AUTO_REPLY_SUBJECT, organisations_written
from mailbot.state import Case, OpenCase

REPLY_SUBJECT = re.compile(r"^\s*(re|sv|aw|vs|ant|antw)\s*:", re.IGNORECASE)
FORWARD_SUBJECT = re.compile(r"^\s*(?:re\s*:\s*)?(fwd?|vb|wg|tr|vs)\s*:", re.IGNORECASE)


def answer(ctx: Context) -> Builder:
    """The draft decision for a message from a readable sender that no message rule stopped."""
    email = ctx.email
    assert email.sender is not None
    forwarded = _colleagues_forward(ctx)
    if forwarded is not None:
        return _answer_forward(ctx, forwarded)
    b = Builder(ctx)
    resolution = resolve(ctx)
    b.actor = resolution.actor
    fresh = not is_reply(ctx)
    plan = who(ctx, resolution.actor, fresh=fresh)
    if resolution.status == "none" and plan.cancel and not (plan.book or plan.swaps):
        _act(b, resolution, plan)  # §5: a participant may cancel from their own address
    elif resolution.status == "none":
        _not_invited(b)
    elif plan.empty and (case := ambiguous.answered(ctx)) is not None:
        _answers_case(b, resolution, case)
    elif plan.empty:
        _about_no_one(b, fresh=fresh, known=tuple(plan.known))
    elif resolution.status == "ambiguous" and (plan.book or plan.sender_without_name):
        ambiguous.open_case(b, resolution, plan.book, sender_unnamed=plan.sender_without_name)
    else:
        _act(b, resolution, plan)
    return b


def resolve(ctx: Context) -> actors.Resolution:
    """§4: by address, by domain, then by the organisations written, strongest first; the first
    piece of evidence that names one actor decides, and one that names two is a tie."""
    email = ctx.email
    assert email.sender is not None
    return _resolve(email.sender, ctx)


def _resolve(sender: Sender, ctx: Context) -> actors.Resolution:
    first = actors.resolve(sender.address, sender.domain, None, ctx.config)
    if first.status != "ambiguous":
        return first
    tried: set[str] = set()
    for written in itertools.chain(ctx.email.organisations, _said(ctx.email)):
        if written in tried:
            continue
        tried.add(written)
        found = actors.resolve(sender.address, sender.domain, written, ctx.config)
        if found.status == "actor" or found.rule == "shared-domain-tie":
            return found
    return first


def _said(email: Email) -> Iterator[str]:
    """The organisations the text names beyond its keys, read only when the keys did not
    decide: reading them is the costliest part of a decision (a quarter of it in a burst)."""
    assert email.sender is not None
    yield from organisations_written(
        email.subject, email.text.split("\n"), email.signature, email.sender.display_name
    )


def is_reply(ctx: Context) -> bool:
    """§10: it answers one of the bot's mails, or its subject says it is a reply (an
    auto-reply's "Autosvar:", "Automatic reply:" too: it answers a mail, whatever it lacks)."""
    email = ctx.email
    answers_us = any(
        ctx.state.own_message(mid) is not None for mid in (*email.in_reply_to, *email.references)
    )
    subject = email.subject
    return answers_us or bool(REPLY_SUBJECT.match(subject) or AUTO_REPLY_SUBJECT.match(subject))


class RefusedFile(dict[str, object]):
    """One refused attachment for the organiser's alert: a mapping (file, reason code,
    figures) that the shipped templates word in their language, and, printed whole, the
    "file: why" line it was before reasons had codes, so that an organiser's own
    `alert-attachment` template that prints `{{ why }}` reads as it did."""

    def __str__(self) -> str:
        return f"{self['filename']}: {self['why']}"


def _act(b: Builder, resolution: actors.Resolution, plan: Who) -> None:
    if plan.cancel:
        cancel_targets(b, resolution, plan.cancel)
    if plan.swaps:
        substitute_all(b, resolution, plan.swaps)
    for address, reason in plan.ask_reasons:  # §11: a question about an address names it
        b.add("needs-info", "could-not-read", address, reason)
    b.problems.extend(plan.asks)
    if b.ctx.email.refused:  # §3: over a limit, the organiser sees why
        refused = [RefusedFile(filename=r.filename, **r.why.details()) for r in b.ctx.email.refused]
        context = {"sender": b.sender, "refused": refused}
        b.mails.append(organiser_mail(b.ctx, "alert-attachment", context))
    if plan.book or plan.sender_without_name:
        assert resolution.actor is not None
        register(b, resolution.actor, plan.book, sender_without_name=plan.sender_without_name)
        ambiguous.settle_by_sender(b, resolution.actor, plan.book)
    b.send_problems()


def _not_invited(b: Builder) -> None:
    """§4: the not-invited reply only to a mail that asks to register; anything else from an
    uninvited sender (spam, newsletters, notices, perhaps forged) is ignored unanswered."""
    email = b.ctx.email
    assert email.sender is not None
    if email.registering or any(p.source == "key-block" for p in email.participants):
        reject_not_invited(b, None, f"{email.sender.domain} is not an invited actor's domain")
    else:
        reason = "not a registration, from a sender who is not invited"
        b.add("ignored", "not-a-registration", None, reason)


def _about_no_one(b: Builder, *, fresh: bool, known: tuple[str, ...] = ()) -> None:
    """Nothing to act on: the organiser reads it (a question, a thank-you, a reply, a note
    about people who are booked already: `known`)."""
    email = b.ctx.email
    if email.names_people and not known:
        b.add("needs-info", "no-participant-read", None, "names people, but none could be read")
        b.reply("needs-info", context={"problems": [problem("no-participant-read")]})
        return
    if known:
        rule, reason = "about-registered-people", f"about {', '.join(known)}, registered already"
    elif fresh and email.forward is None and not FORWARD_SUBJECT.match(email.subject):
        rule, reason = "not-a-registration", "no participant and no sign of registering"
    else:
        rule, reason = "reply-to-conversation", "a reply or forward with nothing to act on"
    b.add("forwarded", rule, None, reason)
    text = email.whole_text or email.text
    # A case the organiser may answer (§14): with participant blocks, or NEJ.
    case = Case(
        "unread-reply",
        actor=b.actor.name if b.actor else None,
        sender=b.sender,
        source_message_id=email.message_id,
    )
    b.mails.append(
        organiser_mail(b.ctx, "forward-to-organiser", {"sender": b.sender, "text": text}, case)
    )


def _answers_case(b: Builder, resolution: actors.Resolution, case: OpenCase) -> None:
    """A reply to the question about an ambiguous organisation that names no one (§4.3): when
    it names one of the candidates, the case's people are registered for it; else it is asked
    again (the organiser already has the case)."""
    actor = resolution.actor
    if actor is not None and actor.name in ambiguous.candidates(case.case):
        ambiguous.sender_names(b, case, actor)
        b.send_problems()
        return
    names = list(ambiguous.candidates(case.case))
    written = b.ctx.email.organisation
    reason = f"the answer names no single one of {', '.join(names)}"
    b.add("needs-info", "shared-domain-no-match", None, reason)
    b.reply("needs-info", context={"problems": [], "candidates": names, "organisation": written})


# --------------------------------------------------------------------------- forwards


def _colleagues_forward(ctx: Context) -> Inbound | None:
    """§3: the forwarder's own text names no complete participant and points below (or names
    people without addresses), and the forwarded part's author is of the forwarder's actor:
    the forwarded part is read as if its author had sent it."""
    email = ctx.email
    forward = email.forward
    if forward is None or forward.sender is None or email.sender is None:
        return None
    if any(p.email and not p.email_error for p in email.participants):
        return None
    if email.sender_counted or email.we_come:
        return None
    if not (email.points_below or email.unclear):
        return None
    if not (forward.participants or forward.unclear or forward.sender_counted):
        return None
    mine = resolve(ctx)
    theirs = _resolve(forward.sender, ctx)
    if mine.actor is None or theirs.actor is None or mine.actor != theirs.actor:
        return None
    read = replace(
        email,
        sender=forward.sender,
        participants=forward.participants,
        unclear=forward.unclear,
        names_people=forward.names_people,
        sender_counted=forward.sender_counted,
        sender_excluded=forward.sender_excluded,
        cancels=(),
        swaps=(),
        forward=None,
        in_reply_to=(),
        references=(),
    )
    return replace(ctx.inbound, email=read)


def _answer_forward(ctx: Context, inbound: Inbound) -> Builder:
    """Decide the forwarded part as its author's mail; the forwarder is the one answered."""
    inner = replace(ctx, inbound=inbound)
    b = answer(inner)
    forwarder = ctx.email.sender
    assert forwarder is not None
    b.mails = [
        m if forwarder.address in (*m.to, *m.cc) or _to_organiser(ctx, m.to) else
        replace(m, cc=(*m.cc, forwarder.address))
        for m in b.mails
    ]  # fmt: skip
    return b


def _to_organiser(ctx: Context, to: tuple[str, ...]) -> bool:
    return to == (ctx.config.organiser.address,)
