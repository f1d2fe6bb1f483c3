"""Delivery reports: a bounce of one of our own mails marks that participant as bouncing (§10).

Rules of this file: a report is never answered. Only a `failed` delivery report (a delivery
status notification, or a non-standard bounce that does not say its type) about mail the bot sent,
to a participant we know, changes anything; whoever registered them (else the organiser) hears
of it once, and a second report, or a forged flood of them (they need no authentication), mails
nobody again. A report about anyone else's mail is backscatter (spam sent in our name, or with a
participant's address forged): it is ignored and marks no one. A read receipt (`report-type=
disposition-notification`, "Läst:", "Read:") is a report too, but it says the mail arrived and was
opened: it is ignored, marks no one and tells no one, whoever's mail it is about.
"""

from __future__ import annotations

import datetime as dt

from mailbot.decide.context import Context
from mailbot.model import Decision, Mail, Outcome

# How long after the bot wrote to an address a report that returns no headers may be about it.
RECENTLY_MAILED = dt.timedelta(days=7)


def _about(ctx: Context) -> tuple[str, ...]:
    """The participant addresses the report is about: the ones our mail with the returned
    Message-ID was about. Only a report that returns no headers at all is matched by its
    Final-Recipients, and then only those the bot wrote to in the last 7 days."""
    report = ctx.email.report
    assert report is not None
    if report.returns_headers or report.original_message_id:
        mid = report.original_message_id
        return (ctx.state.own_message(mid) or ()) if mid else ()
    since = ctx.inbound.received_at - RECENTLY_MAILED
    return tuple(
        r
        for r in report.final_recipients
        if ctx.state.registrations_of(r.casefold()) and ctx.state.mailed_since(r.casefold(), since)
    )


def backscatter(ctx: Context) -> str | None:
    """Why a delivery report is about mail the bot did not send, or None when it is about ours."""
    report = ctx.email.report
    if report is None or report.read_receipt:
        return None  # a read receipt is ignored as one (`delivery_report`), ours or not
    if report.returns_headers or report.original_message_id:
        mid = report.original_message_id
        if mid and ctx.state.own_message(mid) is not None:
            return None
        return f"a delivery report of mail the bot did not send ({mid or 'no Message-ID'})"
    if _about(ctx):
        return None
    return "a delivery report that returns no headers, about no one the bot mailed this week"


def delivery_report(ctx: Context) -> Decision:
    """A report about our own mail (the `backscatter` rule has let only those through)."""
    report = ctx.email.report
    assert report is not None
    if report.read_receipt:
        reason = "a read receipt (disposition notification): the mail arrived, nothing bounced"
        return Decision(
            outcomes=(Outcome("ignored", "read-receipt", None, reason),), language=ctx.language
        )
    about = _about(ctx)
    if not about or (report.action or "failed").lower() != "failed":
        reason = f"delivery report (action {report.action or 'unknown'}) about no known participant"
        return Decision(
            outcomes=(Outcome("ignored", "delivery-report", None, reason),),
            language=ctx.language,
        )
    outcomes = tuple(
        Outcome("ignored", "delivery-report", addr, "delivery failed: address marked as bouncing")
        for addr in about
    )
    mails = tuple(m for m in (_bounce_notice(ctx, addr) for addr in about) if m is not None)
    return Decision(outcomes=outcomes, mails=mails, language=ctx.language, bouncing=about)


def _bounce_notice(ctx: Context, addr: str) -> Mail | None:
    regs = ctx.state.registrations_of(addr.casefold())
    if regs and all(r.bouncing for r in regs):
        return None  # already marked and told
    registered_by = regs[0].registered_by if regs else None
    to = registered_by if registered_by and registered_by.casefold() != addr.casefold() else None
    return Mail(
        "bounce-notice",
        (to or ctx.config.organiser.address,),
        language=regs[0].language if regs else ctx.config.bot.language,
        answers=False,
        context={"participant": addr, "name": regs[0].name if regs else addr},
    )
