"""The registration decision: (message, state, clock) → outcomes, new registrations, mails to send.

Rules of this file: it reads nothing but its arguments and writes nothing at all. Message-level
rules are a table, checked in order, first hit wins (as Mailman's chains do); what is left is
decided per participant. Every outcome names the rule that chose it, so the journal explains itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from mailbot import actors, authentication
from mailbot.config import Actor, Config, Seminar
from mailbot.model import Alert, Decision, Hold, Mail, Outcome, OutcomeKind
from mailbot.parsing import Email, ParticipantBlock
from mailbot.state import Registration, State


@dataclass(frozen=True)
class Inbound:
    """A message to decide on, with what the shell knows about its arrival.

    The shell also hands in what a pure function cannot make itself: a fresh random `token`
    (used only if the message is held for confirmation), and whether the raw bytes are over a
    size or MIME limit (`limit`, found by `limits.check` before the parse).
    """

    email: Email
    received_at: dt.datetime  # the server's arrival time (INTERNALDATE), never `Date:`
    limit: str | None = None  # why the raw message is over a header/MIME limit
    token: str | None = None  # a fresh one-time token, e.g. secrets.token_urlsafe(16)
    sender_confirmed: bool = False  # the From address answered a token: authenticated by that


# --------------------------------------------------------------------------- message rules

SYSTEM_SENDER = re.compile(
    r"^(mailer-daemon|postmaster|listserv|majordomo|no-?reply|do-?not-?reply|bounces?"
    r"|.*-request|owner-.*|.*-bounces?)$",
    re.IGNORECASE,
)
REPLY_SUBJECT = re.compile(r"^\s*(re|sv|aw|vs|ant|antw|fwd?|vb|wg|tr)\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class Context:
    inbound: Inbound
    config: Config
    state: State
    now: dt.datetime

    @property
    def email(self) -> Email:
        return self.inbound.email


@dataclass(frozen=True)
class Rule:
    """A named predicate: returns the reason when it hits, else None."""

    name: str
    outcome: OutcomeKind
    check: Callable[[Context], str | None]


def _too_large(c: Context) -> str | None:
    limit = c.config.security.max_message_bytes
    return f"{c.email.size} bytes is over the limit of {limit}" if c.email.size > limit else None


def _over_limit(c: Context) -> str | None:
    return c.inbound.limit


def _no_sender(c: Context) -> str | None:
    if c.email.sender is None:
        return "no readable From address" + (
            f" ({c.email.problems[0]})" if c.email.problems else ""
        )
    return None


def _own_address(c: Context) -> str | None:
    sender = c.email.sender
    if sender and sender.key == c.config.bot.address.casefold():
        return "sent by the bot's own address"
    return None


def _auto_submitted(c: Context) -> str | None:
    value = (c.email.auto_submitted or "").strip().lower()
    return f"Auto-Submitted: {value}" if value and not value.startswith("no") else None


def _precedence(c: Context) -> str | None:
    value = (c.email.precedence or "").strip().lower()
    return f"Precedence: {value}" if value in ("bulk", "junk", "list") else None


def _list_header(c: Context) -> str | None:
    return "a List-* header (mailing list traffic)" if c.email.has_list_headers else None


def _suppress(c: Context) -> str | None:
    words = {w.strip().lower() for w in (c.email.x_auto_response_suppress or "").split(",")}
    hit = words & {"all", "oof"}
    return f"X-Auto-Response-Suppress: {', '.join(sorted(hit))}" if hit else None


def _empty_return_path(c: Context) -> str | None:
    value = c.email.return_path
    return (
        "Return-Path: <> (a bounce or auto-reply)"
        if value is not None and value.strip() in ("<>", "")
        else None
    )


def _system_sender(c: Context) -> str | None:
    sender = c.email.sender
    if sender and SYSTEM_SENDER.match(sender.address.rpartition("@")[0]):
        return f"system sender {sender.address}"
    return None


def _unauthenticated(c: Context) -> str | None:
    trusted = c.config.security.trusted_authserv_ids
    sender = c.email.sender
    if not trusted or sender is None or c.inbound.sender_confirmed:
        return None
    verdict = authentication.check(c.email.authentication_results, sender.domain, trusted)
    return (
        None
        if verdict.verdict == "pass"
        else f"unauthenticated ({verdict.verdict}): {verdict.reason}"
    )


# Order matters: size and hostile MIME first (such a message is not read further), then delivery
# reports (handled separately, just before `no-sender`: a bounce marks an address), then the
# sender and loop rules, all before anything that could send mail. A confirmation token is looked
# for just before `unauthenticated`: after the loop rules, so an auto-reply that echoes the
# subject never confirms anything.
MESSAGE_RULES: tuple[Rule, ...] = (
    Rule("too-large", "ignored", _too_large),
    Rule("over-limit", "ignored", _over_limit),
    Rule("no-sender", "ignored", _no_sender),
    Rule("own-address", "ignored", _own_address),
    Rule("auto-submitted", "ignored", _auto_submitted),
    Rule("precedence", "ignored", _precedence),
    Rule("list-header", "ignored", _list_header),
    Rule("auto-response-suppress", "ignored", _suppress),
    Rule("empty-return-path", "ignored", _empty_return_path),
    Rule("system-sender", "ignored", _system_sender),
    Rule("unauthenticated", "ignored", _unauthenticated),
)


# --------------------------------------------------------------------------- the working state


class _Working:
    """The state as this message has changed it so far: later participants see earlier ones."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.changed: dict[tuple[str, str], Registration] = {}

    def registration(self, seminar: str, email_key: str) -> Registration | None:
        return self.changed.get((seminar, email_key)) or self.state.registration(seminar, email_key)

    def registrations_of(self, email_key: str) -> list[Registration]:
        stored = {(r.seminar, r.email_key): r for r in self.state.registrations_of(email_key)}
        stored.update({k: r for k, r in self.changed.items() if k[1] == email_key})
        return list(stored.values())

    def confirmed(self, actor: str, seminar: str) -> int:
        count = self.state.confirmed_count(actor, seminar)
        for (sem, key), new in self.changed.items():
            if sem != seminar:
                continue
            old = self.state.registration(sem, key)
            count += (new.actor == actor and new.status == "confirmed") - (
                old is not None and old.actor == actor and old.status == "confirmed"
            )
        return count

    def first_waitlisted(self, actor: str, seminar: str) -> Registration | None:
        for r in self.state.waitlist(actor, seminar):
            current = self.changed.get((r.seminar, r.email_key), r)
            if current.status == "waitlisted":
                return current
        new = [
            r
            for (sem, _), r in self.changed.items()
            if sem == seminar and r.actor == actor and r.status == "waitlisted"
        ]
        return min(new, key=lambda r: r.registered_at) if new else None

    def put(self, registration: Registration) -> None:
        self.changed[(registration.seminar, registration.email_key)] = registration


@dataclass
class _Builder:
    """Collects what one decision produces, in the order it happens."""

    ctx: Context
    language: str
    actor: Actor | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    mails: list[Mail] = field(default_factory=list)
    work: _Working | None = None

    def add(
        self, outcome: OutcomeKind, rule: str, participant: str | None, reason: str | None
    ) -> Outcome:
        o = Outcome(outcome, rule, participant, reason)
        self.outcomes.append(o)
        return o

    def mail(self, kind: str, to: tuple[str, ...], **kw: Any) -> None:
        kw.setdefault("language", self.language)
        self.mails.append(Mail(kind, to, **kw))

    @property
    def sender(self) -> str:
        assert self.ctx.email.sender is not None
        return self.ctx.email.sender.address


# --------------------------------------------------------------------------- entry point


def decide(inbound: Inbound, state: State, config: Config, now: dt.datetime) -> Decision:
    """Decide what happens to one inbound message. Pure; never raises on message content."""
    ctx = Context(inbound, config, state, now)
    email = inbound.email
    language = email.language or config.bot.language
    release: str | None = None
    for rule in MESSAGE_RULES:
        if rule.name == "no-sender" and email.report is not None:
            # A delivery report comes from a system sender with loop headers, by nature; it is
            # never answered, but a bounce of our own mail changes state, so it is read first.
            return _delivery_report(ctx, language)
        if rule.name == "unauthenticated":
            release = _answered_token(ctx)
            if release is not None:
                ctx = replace(ctx, inbound=replace(inbound, sender_confirmed=True))
                if not any(p.email or p.name for p in email.participants):
                    return _sender_confirmed(release, language)
        reason = rule.check(ctx)
        if reason is not None:
            if rule.name == "unauthenticated" and config.security.unauthenticated == "confirm":
                return _hold(ctx, reason, language)
            return _ignored(ctx, rule.name, reason, language)

    assert email.sender is not None
    b = _Builder(ctx, language, work=_Working(state))
    resolution = actors.resolve(
        email.sender.address, email.sender.domain, email.organisation, config
    )
    b.actor = resolution.actor

    if _is_reply_without_block(ctx):
        _forward_reply(b)
    elif email.intent in ("cancel", "substitute"):
        _changes(b, resolution)
    elif resolution.status == "none":
        b.add(
            "rejected-not-invited",
            "not-invited",
            None,
            f"{email.sender.domain} is not an invited actor's domain",
        )
        b.mail("rejected-not-invited", (b.sender,))
    elif resolution.status == "ambiguous":
        _ambiguous(b, resolution)
    else:
        assert resolution.actor is not None
        _register(b, resolution.actor, resolution.rule)
    return replace(_finish(b), release=release)


# Rules whose ignored messages the organiser hears of, at most once per sender per day.
ALERTS: Mapping[str, str] = {
    "unauthenticated": "alert-unauthenticated",
    "over-limit": "alert-limit",
}
# And at most this many alerts of one kind a day in all: forged senders are free to invent, and
# the organiser's mailbox must not be the thing a flood of them fills (the journal has them all).
MAX_ALERTS_PER_DAY = 20
UNKNOWN_SENDER = "(no readable From address)"


def _local_day(ctx: Context) -> dt.date:
    return ctx.inbound.received_at.astimezone(ctx.config.seminars[0].starts.tzinfo).date()


def _ignored(ctx: Context, rule: str, reason: str, language: str) -> Decision:
    alerts: tuple[Alert, ...] = ()
    mails: tuple[Mail, ...] = ()
    sender = ctx.email.sender
    kind = ALERTS.get(rule)
    if kind is not None and (sender is not None or rule == "over-limit"):
        key = sender.key if sender is not None else UNKNOWN_SENDER
        day = _local_day(ctx)
        sent_today = ctx.state.alerts_on(rule, day)
        if sent_today < MAX_ALERTS_PER_DAY and not ctx.state.alerted(rule, key, day):
            alerts = (Alert(rule, key, day),)
            context = {
                "sender": sender.address if sender is not None else UNKNOWN_SENDER,
                "reason": reason,
                "last_today": sent_today + 1 == MAX_ALERTS_PER_DAY,
            }
            mails = (_organiser_mail(ctx, kind, context),)
    return Decision(
        outcomes=(Outcome("ignored", rule, None, reason),),
        mails=mails,
        alerts=alerts,
        language=language,
    )


# --------------------------------------------------------------------------- confirmation tokens

# How long a mailed token can be answered, and how it is written in the mail: a prefix makes it
# findable in a subject among other words, and `token_urlsafe(16)` gives the 22 characters.
CONFIRM_VALID = dt.timedelta(days=7)
CONFIRM_PREFIX = "MB-"
_TOKEN = re.compile(r"(?<![A-Za-z0-9_-])MB-([A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])")


def token_hash(token: str) -> str:
    """What the store keeps of a token: a database copy must not be a way to confirm."""
    return hashlib.sha256(token.encode()).hexdigest()


def _answered_token(ctx: Context) -> str | None:
    """The sender's key when this message carries an unused, unexpired token mailed to this very
    From address (in the subject or the author's text); None otherwise, and then it is an
    ordinary message."""
    sender = ctx.email.sender
    if sender is None:
        return None
    for found in _TOKEN.finditer(f"{ctx.email.subject}\n{ctx.email.text}"):
        held = ctx.state.held_token(token_hash(found.group(1)))
        if (
            held is not None
            and not held.used
            and held.sender_key == sender.key
            and ctx.inbound.received_at <= held.expires_at
        ):
            return sender.key
    return None


def _sender_confirmed(sender_key: str, language: str) -> Decision:
    reason = "the sender answered the confirmation token: their held messages are decided now"
    return Decision(
        outcomes=(Outcome("ignored", "sender-confirmed", None, reason),),
        language=language,
        release=sender_key,
    )


def _hold(ctx: Context, reason: str, language: str) -> Decision:
    """`unauthenticated = "confirm"`: keep the message and mail its From address a token, once a
    day per sender (while that token is unanswered), as Mailman confirms a subscription.

    The From address may be forged, so the mail says nothing of the registration beyond that one
    was received, and the reply cap applies to it as to any reply."""
    sender = ctx.email.sender
    assert sender is not None
    b = _Builder(ctx, language, work=_Working(ctx.state))
    b.actor = actors.resolve(
        sender.address, sender.domain, ctx.email.organisation, ctx.config
    ).actor
    day = _local_day(ctx)
    expires = ctx.inbound.received_at + CONFIRM_VALID
    token = ctx.inbound.token
    mail_now = token is not None and not ctx.state.alerted("confirm-sender", sender.key, day)
    b.add(
        "needs-info",
        "confirm-sender",
        None,
        f"{reason}; held until the sender answers "
        + ("the confirmation mailed now" if mail_now else "the confirmation already mailed"),
    )
    if mail_now:
        assert token is not None
        b.mail(
            "confirm-sender",
            (sender.address,),
            context={"token": CONFIRM_PREFIX + token, "expires": expires.isoformat()},
        )
    decision = _finish(b)
    mailed = any(m.kind == "confirm-sender" for m in decision.mails)
    alerts = decision.alerts + ((Alert("confirm-sender", sender.key, day),) if mailed else ())
    hold = Hold(sender.key, token_hash(token) if mailed and token else None, expires)
    return replace(decision, registrations=(), alerts=alerts, hold=hold)


def _organiser_mail(ctx: Context, kind: str, context: Mapping[str, Any]) -> Mail:
    return Mail(
        kind,
        (ctx.config.organiser.address,),
        language=ctx.config.bot.language,
        answers=False,
        context={"subject": ctx.email.subject, **context},
    )


def _finish(b: _Builder) -> Decision:
    """Apply the reply cap (§10): state changes stand, mail to a chatty sender is held back."""
    ctx = b.ctx
    mails = list(b.mails)
    alerts: list[Alert] = []
    sender = ctx.email.sender
    assert sender is not None
    limit = ctx.config.security.max_replies_per_sender_per_hour
    already = ctx.state.replies_since(sender.key, ctx.inbound.received_at - dt.timedelta(hours=1))
    to_sender = [m for m in mails if m.to != (ctx.config.organiser.address,)]
    if to_sender and already + len(to_sender) > limit:
        mails = [m for m in mails if m.to == (ctx.config.organiser.address,)]
        reason = f"{already} mails to this sender in the last hour (limit {limit}): no reply sent"
        b.add("ignored", "reply-cap", None, reason)
        day = ctx.inbound.received_at.date()
        if not ctx.state.alerted("reply-cap", sender.key, day):
            alerts.append(Alert("reply-cap", sender.key, day))
            mails.append(
                _organiser_mail(
                    ctx, "alert-reply-cap", {"sender": sender.address, "reason": reason}
                )
            )
    work = b.work
    return Decision(
        outcomes=tuple(b.outcomes),
        registrations=tuple(work.changed.values()) if work else (),
        mails=tuple(mails),
        alerts=tuple(alerts),
        actor=b.actor.name if b.actor else None,
        language=b.language,
    )


# --------------------------------------------------------------------------- replies and reports


def _is_reply_without_block(ctx: Context) -> bool:
    email = ctx.email
    if any(p.email or p.name for p in email.participants):
        return False
    answers_us = any(
        ctx.state.own_message(mid) is not None for mid in (*email.in_reply_to, *email.references)
    )
    return answers_us or bool(REPLY_SUBJECT.match(email.subject))


def _forward_reply(b: _Builder) -> None:
    b.add(
        "forwarded",
        "reply-to-conversation",
        None,
        "a reply with no participant block: for the organiser",
    )
    b.mails.append(
        _organiser_mail(
            b.ctx, "forward-to-organiser", {"sender": b.sender, "text": b.ctx.email.text}
        )
    )


def _delivery_report(ctx: Context, language: str) -> Decision:
    """A bounce of one of our own mails marks that participant's address as bouncing (§10)."""
    report = ctx.email.report
    assert report is not None
    about: tuple[str, ...] = ()
    if report.original_message_id:
        about = ctx.state.own_message(report.original_message_id) or ()
    if not about:
        about = tuple(
            r for r in report.final_recipients if ctx.state.registrations_of(r.casefold())
        )
    if (report.action or "failed").lower() != "failed" or not about:
        reason = f"delivery report (action {report.action or 'unknown'}) about no known participant"
        return Decision(
            outcomes=(Outcome("ignored", "delivery-report", None, reason),), language=language
        )
    outcomes = tuple(
        Outcome("ignored", "delivery-report", addr, "delivery failed: address marked as bouncing")
        for addr in about
    )
    mails: list[Mail] = []
    for addr in about:
        regs = ctx.state.registrations_of(addr.casefold())
        if regs and all(r.bouncing for r in regs):
            # Already marked and told: a second report (or a forged flood of them, which needs
            # no authentication to send) mails nobody again.
            continue
        registered_by = regs[0].registered_by if regs else None
        to = (
            registered_by if registered_by and registered_by.casefold() != addr.casefold() else None
        )
        mails.append(
            Mail(
                "bounce-notice",
                (to or ctx.config.organiser.address,),
                language=regs[0].language if regs else ctx.config.bot.language,
                answers=False,
                context={"participant": addr, "name": regs[0].name if regs else addr},
            )
        )
    return Decision(outcomes=outcomes, mails=tuple(mails), language=language, bouncing=about)


def _ambiguous(b: _Builder, resolution: actors.Resolution) -> None:
    names = [a.name for a in resolution.candidates]
    written = b.ctx.email.organisation
    reason = (
        f"organisation {written!r} matches several actors" if written else "no organisation written"
    ) + f"; candidates: {', '.join(names)}"
    b.add("needs-info", resolution.rule, None, reason)
    b.mail(
        "needs-info",
        (b.sender,),
        context={"problems": [], "candidates": names, "organisation": written},
    )


# --------------------------------------------------------------------------- registering


def _seminar_for(
    b: _Builder, actor: Actor, block: ParticipantBlock
) -> tuple[Seminar | None, str | None]:
    """The seminar a block asks for: the actor's own unless `Datum:` names another (§6)."""
    own = b.ctx.config.seminar(actor.seminar)
    if block.seminar is None:
        return own, None
    for s in b.ctx.config.seminars:
        if s.id == block.seminar.strip():
            return s, None
    if block.seminar_date is None:
        return None, f"the date {block.seminar!r} is not a date mailbot can read"
    if block.seminar_date.matches(own.starts.date()):
        return own, None
    for s in b.ctx.config.seminars:
        if block.seminar_date.matches(s.starts.date()):
            return s, None
    return None, f"there is no seminar on {block.seminar!r}"


def _self_block(b: _Builder) -> ParticipantBlock | None:
    """No block at all: the sender registers themself (§3), if we know their name."""
    sender = b.ctx.email.sender
    assert sender is not None
    if not sender.display_name.strip():
        return None
    return ParticipantBlock(
        name=sender.display_name.strip(),
        email=sender.address,
        organisation=b.ctx.email.organisation,
    )


def _register(b: _Builder, actor: Actor, actor_rule: str) -> None:
    ctx = b.ctx
    own = ctx.config.seminar(actor.seminar)
    if not own.is_on_time(ctx.inbound.received_at):
        b.add(
            "rejected-closed",
            "deadline-passed",
            None,
            f"received after the deadline {own.deadline.isoformat()}",
        )
        b.mail("rejected-closed", (b.sender,), context={"seminar": own.id})
        return
    blocks = ctx.email.participants
    if not blocks:
        block = _self_block(b)
        if block is None:
            b.add("needs-info", "missing-name", None, "no participant block and no name in From")
            b.mail("needs-info", (b.sender,), context={"problems": [_problem("missing-name")]})
            return
        blocks = (block,)
    problems: list[dict[str, Any]] = []
    for i, block in enumerate(blocks, start=1):
        _register_one(b, actor, block, i, problems)
    if problems:
        b.mail("needs-info", (b.sender,), context={"problems": problems})


def _register_one(
    b: _Builder, actor: Actor, block: ParticipantBlock, index: int, problems: list[dict[str, Any]]
) -> None:
    ctx, work = b.ctx, b.work
    assert work is not None
    if not block.email:
        b.add(
            "needs-info",
            "missing-email",
            None,
            f"participant {index} ({block.name or '?'}) has no email address",
        )
        problems.append(_problem("missing-email", index=index, name=block.name))
        return
    if block.email_error or block.email_key is None:
        b.add("needs-info", "invalid-email", block.email, block.email_error)
        problems.append(
            _problem("invalid-email", index=index, email=block.email, error=block.email_error)
        )
        return
    if not (block.name or "").strip():
        b.add("needs-info", "missing-name", block.email, f"participant {index} has no name")
        problems.append(_problem("missing-name", index=index, email=block.email))
        return
    seminar, problem = _seminar_for(b, actor, block)
    if seminar is None:
        b.add("needs-info", "unknown-seminar", block.email, problem)
        problems.append(
            _problem("unknown-seminar", index=index, email=block.email, seminar=block.seminar)
        )
        return
    existing = work.registration(seminar.id, block.email_key)
    if existing is not None and existing.is_active:
        b.add(
            "duplicate",
            "already-registered",
            block.email,
            f"already {existing.status} for {seminar.id}",
        )
        b.mail("duplicate", (b.sender,), context=_participant_context(existing, ctx.config))
        return
    base = Registration(
        seminar=seminar.id,
        email=block.email,
        name=(block.name or "").strip(),
        actor=actor.name,
        status="pending",
        registered_at=ctx.inbound.received_at,
        registered_by=b.sender,
        title=block.title or "",
        organisation=block.organisation or ctx.email.organisation or "",
        notes=block.notes or "",
        language=b.language,
    )
    if seminar.id != actor.seminar:
        work.put(base)
        b.add(
            "forwarded",
            "other-seminar",
            block.email,
            f"asks for {seminar.id}; the actor is invited to {actor.seminar}",
        )
        b.mail("forwarded", (b.sender,), context=_participant_context(base, ctx.config))
        b.mails.append(
            _organiser_mail(ctx, "forward-seminar-request", _participant_context(base, ctx.config))
        )
        return
    if work.confirmed(actor.name, seminar.id) < ctx.config.seats_for(actor):
        confirmed = replace(base, status="confirmed", confirmed_at=ctx.inbound.received_at)
        work.put(confirmed)
        b.add("confirmed", "seat-free", block.email, None)
        _confirmation(b, confirmed, "confirmed")
    elif seminar.waitlist:
        work.put(replace(base, status="waitlisted"))
        b.add(
            "waitlisted",
            "actor-full-waitlist",
            block.email,
            f"{actor.name} has used all {ctx.config.seats_for(actor)} seats",
        )
        b.mail("waitlisted", (b.sender,), context=_participant_context(base, ctx.config))
    else:
        b.add(
            "rejected-full",
            "actor-full",
            block.email,
            f"{actor.name} has used all {ctx.config.seats_for(actor)} seats",
        )
        b.mail("rejected-full", (b.sender,), context=_participant_context(base, ctx.config))


def _problem(kind: str, **details: Any) -> dict[str, Any]:
    """A needs-info item; every key present so templates can test any of them."""
    return {
        "kind": kind,
        "index": None,
        "name": None,
        "email": None,
        "error": None,
        "seminar": None,
    } | details


def _participant_context(r: Registration, config: Config) -> dict[str, Any]:
    return {
        "participant": {
            "name": r.name,
            "email": r.email,
            "title": r.title,
            "organisation": r.organisation,
        },
        "seminar": r.seminar,
        "actor": r.actor,
        "status": r.status,
        "registered_by": r.registered_by,
    }


def _confirmation(b: _Builder, r: Registration, kind: str, answers: bool = True) -> None:
    """Confirmations go to the participant, the registering sender in Cc when different (§9)."""
    cc = () if r.registered_by.casefold() == r.email_key else (r.registered_by,)
    b.mails.append(
        Mail(
            kind,
            (r.email,),
            language=r.language,
            cc=cc,
            answers=answers,
            context=_participant_context(r, b.ctx.config),
            calendar=(r.seminar, r.email, r.name),
            about=(r.email,),
        )
    )


# --------------------------------------------------------------------------- cancel and substitute


def _may_change(b: _Builder, resolution: actors.Resolution, r: Registration) -> str | None:
    """The rule allowing `b.sender` to cancel or replace `r`, or None (§5)."""
    sender_key = b.sender.casefold()
    if sender_key == r.email_key:
        return "own-address"
    if sender_key == r.registered_by.casefold():
        return "registering-sender"
    if resolution.actor is not None and resolution.actor.name == r.actor:
        return "same-actor"
    return None


def _changes(b: _Builder, resolution: actors.Resolution) -> None:
    email = b.ctx.email
    if email.intent == "cancel":
        targets = [p.email_key or (p.email or "") for p in email.participants if p.email] or [
            b.sender.casefold()
        ]
        for target in targets:
            _cancel_one(b, resolution, target)
        return
    for block in email.participants:
        if block.replaces_key:
            _substitute(b, resolution, block)
        elif block.email:
            if resolution.actor is None:
                b.add(
                    "rejected-not-invited",
                    "not-invited",
                    block.email,
                    "the sender is not an invited actor",
                )
                b.mail("rejected-not-invited", (b.sender,))
                continue
            if not resolution.actor.seminar or not b.ctx.config.seminar(
                resolution.actor.seminar
            ).is_on_time(b.ctx.inbound.received_at):
                b.add("rejected-closed", "deadline-passed", block.email, "registration is closed")
                b.mail(
                    "rejected-closed", (b.sender,), context={"seminar": resolution.actor.seminar}
                )
                continue
            problems: list[dict[str, Any]] = []
            _register_one(b, resolution.actor, block, 1, problems)
            if problems:
                b.mail("needs-info", (b.sender,), context={"problems": problems})


def _active(work: _Working, email_key: str) -> list[Registration]:
    return [r for r in work.registrations_of(email_key) if r.is_active]


def _started(b: _Builder, seminar_id: str) -> bool:
    return b.ctx.config.seminar(seminar_id).has_started(b.ctx.inbound.received_at)


def _cancel_one(b: _Builder, resolution: actors.Resolution, target: str) -> None:
    work = b.work
    assert work is not None
    regs = _active(work, target)
    if not regs:
        b.add("needs-info", "not-registered", target, "no registration for this address")
        b.mail(
            "needs-info",
            (b.sender,),
            context={"problems": [_problem("not-registered", email=target)]},
        )
        return
    for r in regs:
        if b.ctx.config.find_seminar(r.seminar) is None or _started(b, r.seminar):
            b.add("rejected-closed", "seminar-started", r.email, f"{r.seminar} has already started")
            b.mail("rejected-closed", (b.sender,), context={"seminar": r.seminar})
            continue
        allowed = _may_change(b, resolution, r)
        if allowed is None:
            b.add(
                "rejected-not-allowed",
                "not-allowed",
                r.email,
                "only the participant or their own organisation may cancel",
            )
            b.mail(
                "rejected-not-allowed", (b.sender,), context=_participant_context(r, b.ctx.config)
            )
            continue
        cancelled = replace(r, status="cancelled")
        work.put(cancelled)
        b.add("cancelled", f"cancel-{allowed}", r.email, f"was {r.status}")
        b.mail("cancelled", (b.sender,), context=_participant_context(cancelled, b.ctx.config))
        if r.status == "confirmed":
            _promote(b, r.actor, r.seminar)


def _promote(b: _Builder, actor_name: str, seminar_id: str) -> None:
    """Fill a freed seat from the same actor's waitlist (§5); the mail is a new message."""
    work = b.work
    assert work is not None
    try:
        seats = b.ctx.config.seats_for(b.ctx.config.actor(actor_name))
    except KeyError:
        return
    while work.confirmed(actor_name, seminar_id) < seats:
        nxt = work.first_waitlisted(actor_name, seminar_id)
        if nxt is None:
            return
        promoted = replace(nxt, status="confirmed", confirmed_at=b.ctx.inbound.received_at)
        work.put(promoted)
        b.add("promoted", "waitlist-promotion", promoted.email, "a seat was freed")
        _confirmation(b, promoted, "promoted", answers=False)


def _substitute(b: _Builder, resolution: actors.Resolution, block: ParticipantBlock) -> None:
    work = b.work
    assert work is not None and block.replaces_key is not None
    old_regs = [
        r for r in _active(work, block.replaces_key) if r.status in ("confirmed", "waitlisted")
    ]
    if not old_regs:
        b.add(
            "needs-info",
            "not-registered",
            block.replaces,
            "the person to replace is not registered",
        )
        b.mail(
            "needs-info",
            (b.sender,),
            context={"problems": [_problem("not-registered", email=block.replaces)]},
        )
        return
    old = old_regs[0]
    if _started(b, old.seminar):
        b.add(
            "rejected-closed", "seminar-started", block.email, f"{old.seminar} has already started"
        )
        b.mail("rejected-closed", (b.sender,), context={"seminar": old.seminar})
        return
    allowed = _may_change(b, resolution, old)
    if allowed is None:
        b.add("rejected-not-allowed", "not-allowed", block.email, f"may not replace {old.email}")
        b.mail("rejected-not-allowed", (b.sender,), context=_participant_context(old, b.ctx.config))
        return
    if (
        not block.email
        or block.email_error
        or block.email_key is None
        or not (block.name or "").strip()
    ):
        bad_email = not block.email or block.email_error
        what = "a valid email address" if bad_email else "a name"
        b.add("needs-info", "substitute-incomplete", block.email, f"the substitute needs {what}")
        kind = "invalid-email" if bad_email else "missing-name"
        problem = _problem(kind, email=block.email, error=block.email_error)
        b.mail("needs-info", (b.sender,), context={"problems": [problem]})
        return
    existing = work.registration(old.seminar, block.email_key)
    if existing is not None and existing.is_active:
        b.add(
            "duplicate",
            "already-registered",
            block.email,
            f"already {existing.status} for {old.seminar}",
        )
        b.mail("duplicate", (b.sender,), context=_participant_context(existing, b.ctx.config))
        return
    new = replace(
        old,
        email=block.email,
        name=(block.name or "").strip(),
        title=block.title or "",
        organisation=block.organisation or old.organisation,
        notes=block.notes or "",
        registered_at=b.ctx.inbound.received_at,
        registered_by=b.sender,
        language=b.language,
        confirmed_at=b.ctx.inbound.received_at if old.status == "confirmed" else None,
        bouncing=False,
        id=None,
    )
    work.put(replace(old, status="cancelled"))
    work.put(new)
    b.add("substituted", f"substitute-{allowed}", new.email, f"replaces {old.email}")
    b.add("cancelled", "substituted-by", old.email, f"replaced by {new.email}")
    if new.status == "confirmed":
        _confirmation(b, new, "substituted")
    else:
        b.mail("waitlisted", (b.sender,), context=_participant_context(new, b.ctx.config))
    b.mail(
        "replaced",
        (old.email,),
        language=old.language,
        context={**_participant_context(old, b.ctx.config), "substitute": new.name},
        about=(old.email,),
    )


# --------------------------------------------------------------------------- organiser commands


def organiser_cancel(
    email_key: str, seminar: str | None, state: State, config: Config, now: dt.datetime
) -> Decision:
    """`mailbot cancel EMAIL`: the organiser may cancel anyone, at any time before the start."""
    b = _command_builder(state, config, now)
    assert b.work is not None
    regs = [r for r in _active(b.work, email_key) if seminar in (None, r.seminar)]
    if not regs:
        b.add("needs-info", "not-registered", email_key, "no active registration for this address")
        return _command_decision(b)
    for r in regs:
        cancelled = replace(r, status="cancelled")
        b.work.put(cancelled)
        b.add("cancelled", "organiser-cancel", r.email, f"was {r.status}")
        cc = () if r.registered_by.casefold() == r.email_key else (r.registered_by,)
        b.mails.append(
            Mail(
                "cancelled",
                (r.email,),
                r.language,
                cc=cc,
                answers=False,
                context=_participant_context(cancelled, config),
                about=(r.email,),
            )
        )
        if (
            r.status == "confirmed"
            and config.find_seminar(r.seminar)
            and not _started(b, r.seminar)
        ):
            _promote(b, r.actor, r.seminar)
    return _command_decision(b)


def organiser_move(
    email_key: str, seminar_id: str, state: State, config: Config, now: dt.datetime
) -> Decision:
    """`mailbot move EMAIL --seminar ID`: book a pending or registered person on another seminar,
    within their actor's seats there; the seat they leave goes to their actor's waitlist."""
    b = _command_builder(state, config, now)
    work = b.work
    assert work is not None
    target = config.find_seminar(seminar_id)
    if target is None:
        b.add("needs-info", "unknown-seminar", email_key, f"no seminar {seminar_id!r}")
        return _command_decision(b)
    regs = _active(work, email_key)
    if not regs:
        b.add("needs-info", "not-registered", email_key, "no pending or active registration")
        return _command_decision(b)
    current = next((r for r in regs if r.seminar == seminar_id and r.status == "pending"), None)
    current = current or next((r for r in regs if r.status == "pending"), None) or regs[0]
    if current.seminar == seminar_id and current.status in ("confirmed", "waitlisted"):
        b.add(
            "duplicate",
            "already-registered",
            current.email,
            f"already {current.status} for {seminar_id}",
        )
        return _command_decision(b)
    try:
        actor = config.actor(current.actor)
    except KeyError:
        b.add(
            "needs-info",
            "unknown-actor",
            current.email,
            f"actor {current.actor!r} is no longer in the config",
        )
        return _command_decision(b)
    if current.seminar != seminar_id:
        work.put(replace(current, status="cancelled"))
        if current.status == "confirmed" and not _started(b, current.seminar):
            _promote(b, current.actor, current.seminar)
    base = replace(current, seminar=seminar_id, id=None, confirmed_at=None)
    if work.confirmed(actor.name, seminar_id) < config.seats_for(actor):
        booked = replace(base, status="confirmed", confirmed_at=now)
        work.put(booked)
        b.add("confirmed", "organiser-move", booked.email, f"moved to {seminar_id}")
        _confirmation(b, booked, "confirmed", answers=False)
    elif target.waitlist:
        waiting = replace(base, status="waitlisted", registered_at=now)
        work.put(waiting)
        b.add(
            "waitlisted", "organiser-move", waiting.email, f"{actor.name} is full on {seminar_id}"
        )
        b.mails.append(
            Mail(
                "waitlisted",
                (waiting.email,),
                waiting.language,
                answers=False,
                context=_participant_context(waiting, config),
                about=(waiting.email,),
            )
        )
    else:
        b.add(
            "rejected-full",
            "organiser-move",
            current.email,
            f"{actor.name} is full on {seminar_id}",
        )
    return _command_decision(b)


def fill_freed_seats(state: State, config: Config, now: dt.datetime) -> Decision:
    """Promote from waitlists wherever seats are free, e.g. after seats were raised in config."""
    b = _command_builder(state, config, now)
    for actor in config.actors:
        for seminar in config.seminars:
            if not _started(b, seminar.id):
                _promote(b, actor.name, seminar.id)
    return _command_decision(b)


def _command_builder(state: State, config: Config, now: dt.datetime) -> _Builder:
    email = Email(message_id=None, sender=None, subject="")
    ctx = Context(Inbound(email, now), config, state, now)
    return _Builder(ctx, config.bot.language, work=_Working(state))


def _command_decision(b: _Builder) -> Decision:
    work = b.work
    return Decision(
        outcomes=tuple(b.outcomes),
        registrations=tuple(work.changed.values()) if work else (),
        mails=tuple(b.mails),
        language=b.language,
    )
