"""Delivery reports: a bounce of one of our own mails marks that participant as bouncing (§10).

Rules of this file: a report is never answered. Only a `failed` report about a participant we
know changes anything; whoever registered them (else the organiser) hears of it once, and a
second report, or a forged flood of them (they need no authentication), mails nobody again.
"""

from __future__ import annotations

from mailbot.decide.context import Context
from mailbot.model import Decision, Mail, Outcome


def _about(ctx: Context) -> tuple[str, ...]:
    """The participant addresses the report is about: by the returned Message-ID, else by the
    final recipients that are registered."""
    report = ctx.email.report
    assert report is not None
    about: tuple[str, ...] = ()
    if report.original_message_id:
        about = ctx.state.own_message(report.original_message_id) or ()
    if not about:
        about = tuple(
            r for r in report.final_recipients if ctx.state.registrations_of(r.casefold())
        )
    return about


def delivery_report(ctx: Context) -> Decision:
    report = ctx.email.report
    assert report is not None
    about = _about(ctx)
    if (report.action or "failed").lower() != "failed" or not about:
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
