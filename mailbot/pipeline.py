"""One message through mailbot: store raw → parse → decide → render → commit (SPEC §12).

The service layer: the only place that calls the core and the store together. `process`, `run` and
`demo` all go through `handle()`, so the command line and the live service cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from mailbot import deliverability, limits, parsing, replies, template_files
from mailbot.config import Config
from mailbot.decide import Inbound, decide
from mailbot.model import Decision, Mail, Outcome
from mailbot.store import Store, storage_problem
from mailbot.store.journal import StoredMessage

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
    # Held messages of this sender decided now, because this message answered their token.
    released: tuple[Handled, ...] = ()


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
    kept = _keep(store, config, Incoming(raw, received_at, source, size))
    if isinstance(kept, Handled):
        return kept
    return decide_stored(
        store, config, kept.stored, kept.raw, received_at, now or received_at, kept.size
    )


@dataclass(frozen=True)
class Incoming:
    """A message as the transport hands it over: its bytes, the server's arrival time, where
    it was found (folder, UIDVALIDITY, UID) and its size there (its bytes may be the header
    only, when it is too large)."""

    raw: bytes
    received_at: dt.datetime
    source: tuple[str, int, int] | None = None
    size: int | None = None


def handle_batch(
    store: Store, config: Config, items: Sequence[Incoming], *, now: dt.datetime
) -> list[Handled]:
    """`handle()` for several messages in arrival order, with two commits in all instead of
    two each: a commit is an fsync, which was a third of the time per message in a burst
    (benchmarks/README.md). SPEC §12 holds for each message: every raw is stored and committed
    before any is parsed; each decision, its state and its replies are one savepoint of the
    second transaction, so one that fails rolls back alone (and is counted as in `handle`);
    the caller marks the messages done only after this returns.
    """
    with store.transaction():
        kept = [_keep(store, config, item) for item in items]
    # Parsed before the write lock is taken: the other writers (the outbox) wait less.
    parsed = [
        _read_guarded(k.raw, config, max(k.size, k.stored.size or 0))
        if isinstance(k, _Kept)
        else None
        for k in kept
    ]
    results: list[Handled] = []
    decided: set[int] = set()
    with store.transaction():
        for item, k, read in zip(items, kept, parsed, strict=True):
            if isinstance(k, Handled):
                results.append(k)
                continue
            if k.stored.id in decided:  # the same message twice in one batch: as `handle` would
                again = _keep(store, config, item)
                if isinstance(again, Handled):
                    results.append(again)
                    continue
            decided.add(k.stored.id)
            results.append(
                decide_stored(
                    store, config, k.stored, k.raw, item.received_at, now, k.size, parsed=read
                )
            )
    return results


@dataclass(frozen=True)
class _Kept:
    stored: StoredMessage
    raw: bytes
    size: int


def _keep(store: Store, config: Config, item: Incoming) -> Handled | _Kept:
    """Store the raw bytes first (§12); "already" when the message was decided before."""
    raw = item.raw
    size = len(raw) if item.size is None else item.size
    found_id = quick_message_id(raw)
    key = parsing.message_key(raw, found_id)
    stored = store.messages.find_message(key)
    if stored is not None and stored.state != "received":
        return Handled(key, "already", message=stored.id)
    headers_only = size > config.security.max_message_bytes
    if headers_only:
        raw = header_block(raw)[: config.security.max_header_bytes]
    if stored is None:
        stored = store.messages.save_raw(
            key,
            raw,
            item.received_at,
            size=size,
            message_id=quick_message_id(raw) if headers_only else found_id,
            headers_only=headers_only,
            source=item.source,
            # Looked up above in this write transaction (`handle_batch`): nobody else can have
            # stored it since. Outside one (`handle`), `save_raw` looks again under its lock.
            absent=store.conn.in_transaction,
        )
    return _Kept(stored, raw, size)


def decide_stored(
    store: Store,
    config: Config,
    stored: StoredMessage,
    raw: bytes,
    received_at: dt.datetime,
    now: dt.datetime,
    size: int,
    *,
    parsed: _Parsed | None = None,
) -> Handled:
    """Decide a message whose raw bytes are already stored; retried after a crash or error.

    Hostile structure is looked for in the raw bytes first (`limits.check`, milliseconds); a
    message over a limit is read only as a few of its header fields, never parsed whole.
    `parsed` is what `_read_guarded` made of it already (outside any transaction).
    """
    size = max(size, stored.size or 0)  # a headers-only copy (too large) stays too large
    try:
        if isinstance(parsed, Exception):
            raise parsed
        email, limit = parsed or _read(raw, config, size)
        with store.transaction():
            # Under the write lock: another process (a second service, a cron `run --once`)
            # may have decided it since it was kept; deciding it again would double its effects.
            if store.messages.state_of(stored.id) != "received":
                return Handled(stored.key, "already", message=stored.id)
            inbound = Inbound(email, received_at, limit=limit, token=secrets.token_urlsafe(16))
            decision = decide(inbound, store, config, now)
            commit(store, config, stored.id, decision, email, received_at, now)
            released = (
                _release(store, config, decision.release, received_at, now)
                if decision.release
                else ()
            )
    except Exception as e:
        if storage_problem(e) is not None:
            raise  # the database, not the message: it waits in the inbox (§12), uncounted
        # The error text can quote the message (an address, a name): the journal keeps it,
        # the log above DEBUG does not (SECURITY.md, personal data).
        log.error("message %s failed: %s (traceback at DEBUG level)", stored.id, type(e).__name__)
        log.debug("message %s failed", stored.id, exc_info=True)
        return _failed(store, config, stored, f"{type(e).__name__}: {e}", received_at, now)
    sender = email.sender.address if email.sender else None
    return Handled(stored.key, "handled", decision.outcomes, sender, stored.id, released=released)


_Parsed = tuple[parsing.Email, str | None] | Exception


def _read_guarded(raw: bytes, config: Config, size: int) -> _Parsed:
    try:
        return _read(raw, config, size)
    except Exception as e:  # handled as `decide_stored` handles it, inside its guard
        return e


def _read(raw: bytes, config: Config, size: int) -> tuple[parsing.Email, str | None]:
    """The parsed message and why it is over a header/MIME limit (then only its skeleton)."""
    limit = limits.check(raw, config.security)
    if limit is not None:
        raw = limits.skeleton(raw, config.security.max_header_bytes)
    deliverable = deliverability.check if config.bot.check_deliverability else None
    email = parsing.read(raw, deliverable=deliverable)
    return (email if email.size == size else replace(email, size=size)), limit


def _release(
    store: Store, config: Config, sender_key: str, at: dt.datetime, now: dt.datetime
) -> tuple[Handled, ...]:
    """Decide a confirmed sender's held messages for real, each with its own received time
    (the deadline is judged as of when it arrived), in the transaction of the confirmation."""
    held = store.messages.held_messages(sender_key, at)
    results = []
    for stored, raw, received_at in held:
        email, limit = _read(raw, config, max(len(raw), stored.size or 0))
        inbound = Inbound(email, received_at, limit=limit, sender_confirmed=True)
        decision = decide(inbound, store, config, now)
        commit(store, config, stored.id, decision, email, received_at, now)
        sender = email.sender.address if email.sender else None
        results.append(Handled(stored.key, "handled", decision.outcomes, sender, stored.id))
    store.messages.release_held(sender_key, [stored.id for stored, _, _ in held], now)
    return tuple(results)


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
    templates = template_files.environment(config.bot.templates)
    rendered = [
        replies.render(m, config, now, parent=email if m.answers else None, templates=templates)
        for m in decision.mails
    ]
    store.messages.record(
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
    opened = []
    for mail, done in zip(decision.mails, rendered, strict=True):
        if mail.case is not None:
            store.cases.open(done.message_id, mail.case, now)
            opened.append(done.message_id)
    for mail, done in zip(decision.mails, rendered, strict=True):
        if mail.asks_for_case and len(opened) == 1:  # the sender's question, the case's twin
            store.cases.ask(opened[0], done.message_id)
    store.cases.settle(decision.settled, now)
    store.cases.set_seats(decision.seats, now)
    if decision.hold is not None:
        store.messages.hold(
            message,
            sender_key=decision.hold.sender_key,
            token_hash=decision.hold.token_hash,
            now=now,
            expires_at=decision.hold.expires_at,
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
    if not store.messages.note_failure(stored.id, error, MAX_ATTEMPTS):
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
    except Exception as e:
        log.error(
            "could not queue the set-aside alert for message %s: %s", stored.id, type(e).__name__
        )
        log.debug("set-aside alert for message %s", stored.id, exc_info=True)
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
    with store.transaction():
        decision = make(store)
        if decision.outcomes:
            record_entry(store, config, "command", command, decision, now)
    return decision


def record_entry(
    store: Store,
    config: Config,
    kind: str,
    subject: str,
    decision: Decision,
    now: dt.datetime,
    *,
    sender: str | None = None,
) -> int:
    """Journal what was not a message (an organiser command, a scheduled look, a purge) as an
    entry of its own, and commit its decision with it; the entry's id.

    Every change to registrations and every queued mail then has a journal entry that caused it,
    as the counts of §11 and `mailbot messages` expect. Call inside `store.transaction()`.
    `sender` defaults to the organiser (who runs the commands).
    """
    stored = store.messages.save_raw(
        f"{kind}:{uuid.uuid4()}",
        subject.encode(),
        now,
        size=0,
        sender=sender or config.organiser.address,
        subject=subject,
    )
    commit(store, config, stored.id, decision, None, now, now)
    return stored.id
