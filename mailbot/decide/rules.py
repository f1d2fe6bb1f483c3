"""The message rules: one ordered table, first hit wins, as Mailman's chains do.

Rules of this file: every rule is a named predicate over the message in context that returns its
reason when it hits, paired with the action taken then. `run` walks the table knowing no rule by
name. `arrival` rules run until the message is decided (size and hostile MIME first, then delivery
reports, the sender and loop rules, a confirmation token, authentication, and finally the
participants); `reply` rules then check the drafted replies (the reply cap). An action either
finishes the decision (`final`), drafts one (`draft`), or lets the next rule look (`ctx` changed).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from mailbot import actors, authentication
from mailbot.decide import holds, reports, route, summary
from mailbot.decide import organiser_mail as organiser_mail_rules
from mailbot.decide.context import Builder, Context, finish, organiser_mail
from mailbot.model import Alert, Decision, Mail, MailKind, Outcome
from mailbot.state import Case

SYSTEM_SENDER = re.compile(
    r"^(mailer-daemon|postmaster|listserv|majordomo|no-?reply|do-?not-?reply|bounces?"
    r"|.*-request|owner-.*|.*-bounces?)$",
    re.IGNORECASE,
)

# Rules whose ignored messages the organiser hears of, at most once per sender per day.
ALERTS: Mapping[str, MailKind] = {
    "unauthenticated": "alert-unauthenticated",
    "over-limit": "alert-limit",
}
# And at most this many alerts of one kind a day in all: forged senders are free to invent, and
# the organiser's mailbox must not be the thing a flood of them fills (the journal has them all).
MAX_ALERTS_PER_DAY = 20
UNKNOWN_SENDER = "(no readable From address)"


@dataclass(frozen=True)
class Verdict:
    """The chain's running value: the context, and the draft or the decision once there is one."""

    ctx: Context
    draft: Builder | None = None
    final: Decision | None = None

    def decision(self) -> Decision:
        if self.final is not None:
            return self.final
        assert self.draft is not None, "the participants rule always decides"
        return finish(self.draft)


@dataclass(frozen=True)
class Rule:
    """A named predicate (`check` returns the reason when it hits, else None) and its action."""

    name: str
    stage: Literal["arrival", "reply"]
    check: Callable[[Verdict], str | None]
    action: Callable[[Verdict, str, str], Verdict]


def run(rules: tuple[Rule, ...], verdict: Verdict) -> Decision:
    """Walk the table: each rule of the current stage is checked until one finishes it."""
    for rule in rules:
        if verdict.final is not None:
            break
        if (rule.stage == "reply") != (verdict.draft is not None):
            continue
        reason = rule.check(verdict)
        if reason is not None:
            verdict = rule.action(verdict, rule.name, reason)
    return verdict.decision()


# --------------------------------------------------------------------------- checks


def _too_large(v: Verdict) -> str | None:
    limit = v.ctx.config.security.max_message_bytes
    size = v.ctx.email.size
    return f"{size} bytes is over the limit of {limit}" if size > limit else None


def _over_limit(v: Verdict) -> str | None:
    return v.ctx.inbound.limit


def _delivery_report(v: Verdict) -> str | None:
    # A delivery report comes from a system sender with loop headers, by nature; it is never
    # answered, but a bounce of our own mail changes state, so it is read before those rules.
    return "a delivery report" if v.ctx.email.report is not None else None


def _backscatter(v: Verdict) -> str | None:
    # Before the loop rules too: a bounce of someone else's mail must not reach the bounce rule.
    return reports.backscatter(v.ctx)


def _no_sender(v: Verdict) -> str | None:
    email = v.ctx.email
    if email.sender is None:
        return "no readable From address" + (f" ({email.problems[0]})" if email.problems else "")
    return None


def _own_address(v: Verdict) -> str | None:
    sender = v.ctx.email.sender
    if sender and sender.key == v.ctx.config.bot.address.casefold():
        return "sent by the bot's own address"
    return None


def _auto_submitted(v: Verdict) -> str | None:
    value = (v.ctx.email.auto_submitted or "").strip().lower()
    return f"Auto-Submitted: {value}" if value and not value.startswith("no") else None


def _precedence(v: Verdict) -> str | None:
    value = (v.ctx.email.precedence or "").strip().lower()
    return f"Precedence: {value}" if value in ("bulk", "junk", "list") else None


def _list_header(v: Verdict) -> str | None:
    if v.ctx.email.has_list_headers:
        return "a list header (List-*, Mailing-List, X-Mailing-List or X-Loop)"
    return None


def _suppress(v: Verdict) -> str | None:
    words = {w.strip().lower() for w in (v.ctx.email.x_auto_response_suppress or "").split(",")}
    hit = words & {"all", "oof"}
    return f"X-Auto-Response-Suppress: {', '.join(sorted(hit))}" if hit else None


def _empty_return_path(v: Verdict) -> str | None:
    value = v.ctx.email.return_path
    if value is not None and value.strip() in ("<>", ""):
        return "Return-Path: <> (a bounce or auto-reply)"
    return None


def _system_sender(v: Verdict) -> str | None:
    sender = v.ctx.email.sender
    if sender and SYSTEM_SENDER.match(sender.address.rpartition("@")[0]):
        return f"system sender {sender.address}"
    return None


def _answered_token(v: Verdict) -> str | None:
    # After the loop rules, so an auto-reply that echoes the subject never confirms anything.
    return holds.answered_token(v.ctx)


def _unauthenticated(v: Verdict) -> str | None:
    c = v.ctx
    trusted = c.config.security.trusted_authserv_ids
    sender = c.email.sender
    if not trusted or sender is None or c.inbound.sender_confirmed:
        return None
    verdict = authentication.check(c.email.authentication_results, sender.domain, trusted)
    if verdict.verdict == "pass":
        return None
    return f"unauthenticated ({verdict.verdict}): {verdict.reason}"


def _organiser(v: Verdict) -> str | None:
    """Mail from the organiser or a delegate, with a trusted pass for its domain (§14): a
    confirmation token is not enough, and with no trusted authserv-id nothing is obeyed."""
    c = v.ctx
    trusted = c.config.security.trusted_authserv_ids
    sender = c.email.sender
    organiser = c.config.organiser
    acting = {a.casefold() for a in (organiser.address, *organiser.delegates)}
    if not trusted or sender is None or sender.key not in acting:
        return None
    verdict = authentication.check(c.email.authentication_results, sender.domain, trusted)
    return (
        f"authenticated mail from the organiser {sender.address}"
        if verdict.verdict == "pass"
        else None
    )


def _not_a_registration(v: Verdict) -> str | None:
    """§4: from an uninvited sender, only a message that asks to register gets the not-invited
    reply; anything else (spam, newsletters, notices) may have a forged From, so no reply."""
    ctx = v.ctx
    email = ctx.email
    sender = email.sender
    assert sender is not None  # the no-sender rule came first
    resolution = actors.resolve(sender.address, sender.domain, email.organisation, ctx.config)
    if resolution.status != "none":
        return None
    if email.intent != "register" or email.participants:
        # A change (a participant may cancel from their own address, §5); or people named,
        # which §3 makes a registration whatever words it uses ("Jag vill också gå på …").
        return None
    if any(ctx.state.own_message(m) is not None for m in (*email.in_reply_to, *email.references)):
        return None  # an answer to our own mail: the organiser reads it
    if email.registering:  # read once, by the sentence (reading.registering)
        return None
    return f"{sender.domain} is not invited and the message shows no sign of registering"


def _always(v: Verdict) -> str | None:
    return "the message passed the message rules"


def _reply_cap(v: Verdict) -> str | None:
    """Over the cap of replies to one sender an hour (§10): state changes stand, mail is held."""
    assert v.draft is not None
    ctx = v.ctx
    sender = ctx.email.sender
    assert sender is not None
    limit = ctx.config.security.max_replies_per_sender_per_hour
    already = ctx.state.replies_since(sender.key, ctx.inbound.received_at - dt.timedelta(hours=1))
    to_sender = [m for m in v.draft.mails if not _to_organiser(ctx, m)]
    if to_sender and already + len(to_sender) > limit:
        return f"{already} mails to this sender in the last hour (limit {limit}): no reply sent"
    return None


def _about_several(v: Verdict) -> str | None:
    assert v.draft is not None
    return summary.about_several(v.draft)


def _to_organiser(ctx: Context, mail: Mail) -> bool:
    return mail.to == (ctx.config.organiser.address,)


# --------------------------------------------------------------------------- actions


def _ignore(v: Verdict, rule: str, reason: str) -> Verdict:
    """Ignored, not answered; the organiser hears of the rules in `ALERTS`, within limits."""
    ctx = v.ctx
    alerts: tuple[Alert, ...] = ()
    mails: tuple[Mail, ...] = ()
    sender = ctx.email.sender
    kind = ALERTS.get(rule)
    if kind is not None and (sender is not None or rule == "over-limit"):
        key = sender.key if sender is not None else UNKNOWN_SENDER
        day = ctx.local_day
        sent_today = ctx.state.alerts_on(rule, day)
        if sent_today < MAX_ALERTS_PER_DAY and not ctx.state.alerted(rule, key, day):
            alerts = (Alert(rule, key, day),)
            context = {
                "sender": sender.address if sender is not None else UNKNOWN_SENDER,
                "reason": reason,
                "last_today": sent_today + 1 == MAX_ALERTS_PER_DAY,
            }
            mails = (organiser_mail(ctx, kind, context, _case(ctx, rule)),)
    outcome = Outcome("ignored", rule, None, reason)
    decision = Decision(outcomes=(outcome,), mails=mails, alerts=alerts, language=ctx.language)
    return replace(v, final=decision)


def _case(ctx: Context, rule: str) -> Case | None:
    """An unauthenticated sender waits for the organiser, who may register its people (§14)."""
    sender = ctx.email.sender
    if rule != "unauthenticated" or sender is None:
        return None
    found = actors.resolve(sender.address, sender.domain, ctx.email.organisation, ctx.config)
    return Case(
        "unauthenticated",
        actor=found.actor.name if found.actor else None,
        sender=sender.address,
        source_message_id=ctx.email.message_id,
    )


def _report(v: Verdict, rule: str, reason: str) -> Verdict:
    return replace(v, final=reports.delivery_report(v.ctx))


def _sender_confirmed(v: Verdict, rule: str, sender_key: str) -> Verdict:
    """The sender answered a token: they count as authenticated, and their held messages are
    released; a message that carries no participant is only that answer."""
    inbound = replace(v.ctx.inbound, sender_confirmed=True)
    ctx = replace(v.ctx, inbound=inbound, release=sender_key)
    if not any(p.email or p.name for p in ctx.email.participants):
        return replace(v, ctx=ctx, final=holds.sender_confirmed(ctx, sender_key))
    return replace(v, ctx=ctx)


def _ignore_or_hold(v: Verdict, rule: str, reason: str) -> Verdict:
    if v.ctx.config.security.unauthenticated == "confirm":
        return replace(v, draft=holds.hold(v.ctx, reason))
    return _ignore(v, rule, reason)


def _obey_organiser(v: Verdict, rule: str, reason: str) -> Verdict:
    return replace(v, final=organiser_mail_rules.organiser_decision(v.ctx))


def _decide_participants(v: Verdict, rule: str, reason: str) -> Verdict:
    return replace(v, draft=route.answer(v.ctx))


def _summarise(v: Verdict, rule: str, reason: str) -> Verdict:
    assert v.draft is not None
    summary.summarise(v.draft)
    return v


def _hold_back_replies(v: Verdict, rule: str, reason: str) -> Verdict:
    """Keep only the organiser's mails; tell the organiser once a day per sender."""
    b = v.draft
    assert b is not None
    ctx = v.ctx
    b.mails = [m for m in b.mails if _to_organiser(ctx, m)]
    b.add("ignored", rule, None, reason)
    sender = ctx.email.sender
    assert sender is not None
    day = ctx.inbound.received_at.date()
    if not ctx.state.alerted(rule, sender.key, day):
        b.alerts.append(Alert(rule, sender.key, day))
        b.mails.append(
            organiser_mail(ctx, "alert-reply-cap", {"sender": sender.address, "reason": reason})
        )
    return v


MESSAGE_RULES: tuple[Rule, ...] = (
    Rule("too-large", "arrival", _too_large, _ignore),
    Rule("over-limit", "arrival", _over_limit, _ignore),
    Rule("backscatter", "arrival", _backscatter, _ignore),
    Rule("delivery-report", "arrival", _delivery_report, _report),
    Rule("no-sender", "arrival", _no_sender, _ignore),
    Rule("own-address", "arrival", _own_address, _ignore),
    Rule("auto-submitted", "arrival", _auto_submitted, _ignore),
    Rule("precedence", "arrival", _precedence, _ignore),
    Rule("list-header", "arrival", _list_header, _ignore),
    Rule("auto-response-suppress", "arrival", _suppress, _ignore),
    Rule("empty-return-path", "arrival", _empty_return_path, _ignore),
    Rule("system-sender", "arrival", _system_sender, _ignore),
    Rule("sender-confirmed", "arrival", _answered_token, _sender_confirmed),
    Rule("unauthenticated", "arrival", _unauthenticated, _ignore_or_hold),
    Rule("organiser", "arrival", _organiser, _obey_organiser),
    Rule("not-a-registration", "arrival", _not_a_registration, _ignore),
    Rule("participants", "arrival", _always, _decide_participants),
    Rule("coordinator-summary", "reply", _about_several, _summarise),
    Rule("reply-cap", "reply", _reply_cap, _hold_back_replies),
)
