"""Where a message that passed the message rules goes: a reply to the organiser, a change, a
rejection of an uninvited sender, a question about an ambiguous one, or a registration.

Rules of this file: a reply with no participant block (answering one of our mails, or with a reply
subject) is the organiser's to read; cancel and substitute intents are changes; otherwise the
sender's actor (§4) decides: none is rejected, several are asked about, one registers.
"""

from __future__ import annotations

import re

from mailbot import actors
from mailbot.decide.changes import changes
from mailbot.decide.context import Builder, Context, organiser_mail
from mailbot.decide.register import register, reject_not_invited
from mailbot.state import Case

REPLY_SUBJECT = re.compile(r"^\s*(re|sv|aw|vs|ant|antw|fwd?|vb|wg|tr)\s*:", re.IGNORECASE)


def answer(ctx: Context) -> Builder:
    """The draft decision for a message from a readable sender that no message rule stopped."""
    email = ctx.email
    assert email.sender is not None
    b = Builder(ctx)
    resolution = actors.resolve(
        email.sender.address, email.sender.domain, email.organisation, ctx.config
    )
    b.actor = resolution.actor
    if _is_reply_without_block(ctx):
        _forward_reply(b)
    elif email.intent in ("cancel", "substitute"):
        changes(b, resolution)
    elif resolution.status == "none":
        reason = f"{email.sender.domain} is not an invited actor's domain"
        reject_not_invited(b, None, reason)
    elif resolution.status == "ambiguous":
        _ambiguous(b, resolution)
    else:
        assert resolution.actor is not None
        register(b, resolution.actor)
    return b


def _is_reply_without_block(ctx: Context) -> bool:
    email = ctx.email
    if any(p.email or p.name for p in email.participants):
        return False
    answers_us = any(
        ctx.state.own_message(mid) is not None for mid in (*email.in_reply_to, *email.references)
    )
    return answers_us or bool(REPLY_SUBJECT.match(email.subject))


def _forward_reply(b: Builder) -> None:
    reason = "a reply with no participant block: for the organiser"
    b.add("forwarded", "reply-to-conversation", None, reason)
    context = {"sender": b.sender, "text": b.ctx.email.text}
    email = b.ctx.email
    case = Case(
        "unread-reply",
        actor=b.actor.name if b.actor else None,
        sender=b.sender,
        source_message_id=email.message_id,
    )
    b.mails.append(organiser_mail(b.ctx, "forward-to-organiser", context, case))


def _ambiguous(b: Builder, resolution: actors.Resolution) -> None:
    names = [a.name for a in resolution.candidates]
    written = b.ctx.email.organisation
    reason = (
        f"organisation {written!r} matches several actors" if written else "no organisation written"
    ) + f"; candidates: {', '.join(names)}"
    b.add("needs-info", resolution.rule, None, reason)
    b.reply("needs-info", context={"problems": [], "candidates": names, "organisation": written})
