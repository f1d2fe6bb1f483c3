"""One message through mailbot: store raw → parse → decide → render → commit (SPEC §12).

The service layer: the only place that calls the core and the store together. `process`, `run` and
`demo` all go through `handle()`, so the command line and the live service cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from mailbot import parsing, replies
from mailbot.config import Config
from mailbot.decide import Decision, Inbound, Mail, Outcome, decide
from mailbot.store import Store, StoredMessage

log = logging.getLogger("mailbot.pipeline")

MAX_ATTEMPTS = 3
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_MESSAGE_ID = re.compile(rb"^message-id:[ \t]*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Handled:
    """What became of one message, for the caller to print or log."""

    key: str
    status: Literal["handled", "already", "retry", "set-aside"]
    outcomes: tuple[Outcome, ...] = ()
    sender: str | None = None
    message: int | None = None
    error: str | None = None


def header_block(raw: bytes) -> bytes:
    match = _HEADER_END.search(raw)
    return raw[: match.end()] if match else raw


def quick_message_id(raw: bytes) -> str | None:
    """The Message-ID, read from the header block without a full parse (the raw is kept first)."""
    match = _MESSAGE_ID.search(header_block(raw)[:200_000])
    return match.group(1).decode("ascii", "replace") if match else None


def handle(
    store: Store,
    config: Config,
    raw: bytes,
    received_at: dt.datetime,
    *,
    now: dt.datetime | None = None,
    source: tuple[str, int, int] | None = None,
    size: int | None = None,
) -> Handled:
    """Handle one message once. Never raises on message content; storage errors do raise."""
    now = now or received_at
    size = len(raw) if size is None else size
    key = parsing.message_key(raw, quick_message_id(raw))
    stored = store.find_message(key)
    if stored is not None and stored.state != "received":
        return Handled(key, "already", message=stored.id)
    headers_only = size > config.security.max_message_bytes
    if headers_only:
        raw = header_block(raw)
    if stored is None:
        stored = store.save_raw(
            key,
            raw,
            received_at,
            size=size,
            message_id=quick_message_id(raw),
            headers_only=headers_only,
            source=source,
        )
    return decide_stored(store, config, stored, raw, received_at, now, size)


def decide_stored(
    store: Store,
    config: Config,
    stored: StoredMessage,
    raw: bytes,
    received_at: dt.datetime,
    now: dt.datetime,
    size: int,
) -> Handled:
    """Decide a message whose raw bytes are already stored; retried after a crash or error."""
    try:
        email = replace(
            parsing.read(raw, check_deliverability=config.bot.check_deliverability), size=size
        )
        with store.transaction():
            decision = decide(Inbound(email, received_at), store, config, now)
            commit(store, config, stored.id, decision, email, received_at, now)
    except Exception as e:
        log.exception("message %s failed", stored.id)
        return _failed(store, config, stored, f"{type(e).__name__}: {e}", received_at, now)
    sender = email.sender.address if email.sender else None
    return Handled(stored.key, "handled", decision.outcomes, sender, stored.id)


def commit(
    store: Store,
    config: Config,
    message: int,
    decision: Decision,
    email: parsing.Email | None,
    received_at: dt.datetime,
    now: dt.datetime,
    state: str = "handled",
    error: str | None = None,
) -> None:
    rendered = [
        replies.render(m, config, now, parent=email if m.answers else None) for m in decision.mails
    ]
    store.record(
        message,
        outcomes=decision.outcomes,
        registrations=decision.registrations,
        mails=rendered,
        alerts=decision.alerts,
        bouncing=decision.bouncing,
        actor=decision.actor,
        language=decision.language,
        state=state,
        now=now,
        caused_at=received_at,
        sender_key=email.sender.key if email and email.sender else None,
        organiser=config.organiser.address,
        error=error,
        sender=email.sender.address if email and email.sender else None,
        subject=email.subject if email else None,
        scheduled=decision.scheduled,
    )
    with_subject = [(m.kind, m.to) for m in decision.mails]
    log.info(
        "message %s: %s; mails: %s",
        message,
        ", ".join(f"{o.outcome}({o.rule})" for o in decision.outcomes),
        ", ".join(kind for kind, _ in with_subject) or "none",
    )


def _failed(
    store: Store,
    config: Config,
    stored: StoredMessage,
    error: str,
    received_at: dt.datetime,
    now: dt.datetime,
) -> Handled:
    """Count the failure; after MAX_ATTEMPTS set the message aside and tell the organiser."""
    if not store.note_failure(stored.id, error, MAX_ATTEMPTS):
        return Handled(stored.key, "retry", error=error, message=stored.id)
    outcome = Outcome("ignored", "set-aside", None, f"failed {MAX_ATTEMPTS} times: {error}")
    alert = Mail(
        "alert-failed",
        (config.organiser.address,),
        language=config.bot.language,
        answers=False,
        context={"sender": "?", "subject": stored.key, "reason": error},
    )
    decision = Decision(outcomes=(outcome,), mails=(alert,), language=config.bot.language)
    try:
        with store.transaction():
            commit(store, config, stored.id, decision, None, received_at, now, "failed", error)
    except Exception:
        log.exception("could not queue the set-aside alert for message %s", stored.id)
        with store.transaction():
            commit(
                store,
                config,
                stored.id,
                replace(decision, mails=()),
                None,
                received_at,
                now,
                "failed",
                error,
            )
    return Handled(stored.key, "set-aside", (outcome,), error=error, message=stored.id)


Clock = Callable[[], dt.datetime]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def run_command(
    store: Store,
    config: Config,
    command: str,
    make: Callable[[Store], Decision],
    now: dt.datetime,
) -> Decision:
    """Run an organiser command as a journal entry of its own, decided and committed at once.

    The journal then shows who promoted whom and why, as it does for messages (§5, §11).
    """
    import uuid

    key = f"command:{uuid.uuid4()}"
    with store.transaction():
        decision = make(store)
        if not decision.outcomes:
            return decision
        stored = store.save_raw(
            key, command.encode(), now, size=0, sender=config.organiser.address, subject=command
        )
        commit(store, config, stored.id, decision, None, now, now)
    return decision
