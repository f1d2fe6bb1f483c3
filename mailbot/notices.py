"""Notices to the organiser from the service: a mail refused for good is recorded together with
the organiser's notice; a client secret or certificate about to expire is mailed once a day."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence

from mailbot import oauth, replies, template_files
from mailbot.config import Config
from mailbot.model import Alert, Mail, MailKind, OutboxItem
from mailbot.store import OutboxEntry, Store
from mailbot.tokens import TokenError

log = logging.getLogger("mailbot.service")

EXPIRY_ALERT: MailKind = "alert-credential-expiry"


class FailureNotices:
    """The store as `outbox.drain` sees it, plus §12's "5xx recorded as failed and reported".

    A mail refused for good (or accepted for some recipients and refused for others, which the
    outbox records as sent: it is not tried again) is recorded, and in the same transaction a
    `delivery-failed` mail to the organiser is queued, so no crash can record one without the
    other. A refused mail that was to the organiser (a notice among them) tells no one: that
    would be a loop.
    """

    def __init__(self, store: Store, config: Config) -> None:
        self._store = store
        self._config = config

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """`drain` records a round's results in one transaction (one commit)."""
        return self._store.transaction()

    def due_outbox(self, now: dt.datetime, limit: int) -> list[OutboxItem]:
        return self._store.outbox.due_outbox(now, limit)

    def mark_retry(self, item_id: int, error: str, next_attempt_at: dt.datetime) -> None:
        self._store.outbox.mark_retry(item_id, error, next_attempt_at)

    def mark_sent(self, item_id: int, at: dt.datetime, refused: Mapping[str, str]) -> None:
        if not refused:
            self._store.outbox.mark_sent(item_id, at, refused)
            return
        error = "; ".join(f"{address}: {reply}" for address, reply in refused.items())
        self._record(
            item_id, at, error, refused, lambda: self._store.outbox.mark_sent(item_id, at, refused)
        )

    def mark_failed(self, item_id: int, error: str, at: dt.datetime) -> None:
        self._record(
            item_id, at, error, {}, lambda: self._store.outbox.mark_failed(item_id, error, at)
        )

    def mark_partial(
        self,
        item_id: int,
        at: dt.datetime,
        remaining: Sequence[str],
        refused: Mapping[str, str],
        error: str,
        next_attempt_at: dt.datetime,
    ) -> None:
        """Some recipients refused for now (retried alone): told only of those refused for good."""

        def record() -> None:
            self._store.outbox.mark_partial(item_id, at, remaining, refused, error, next_attempt_at)

        if not refused:
            record()
            return
        text = "; ".join(f"{address}: {reply}" for address, reply in refused.items())
        self._record(item_id, at, text, refused, record)

    def _record(
        self,
        item_id: int,
        at: dt.datetime,
        error: str,
        refused: Mapping[str, str],
        record: Callable[[], None],
    ) -> None:
        entry = self._store.outbox.entry(item_id)
        notice = self._notice(entry, error, refused, at) if entry and self._tells(entry) else None
        with self._store.transaction():
            record()
            if notice is not None and entry is not None:
                self._store.outbox.queue(
                    [notice],
                    at,
                    source=entry.source_message,
                    organiser=self._config.organiser.address,
                )
        log.warning(
            "outbox %s (%s) %s; %s",
            item_id,
            entry.kind if entry else "?",
            "refused for some recipients" if refused else "refused for good",
            "the organiser is told" if notice else "no notice",
        )

    def _tells(self, entry: OutboxEntry) -> bool:
        organiser = self._config.organiser.address.casefold()
        recipients = {a.casefold() for a in entry.to + entry.cc}
        return entry.kind != "delivery-failed" and organiser not in recipients

    def _notice(
        self, entry: OutboxEntry, error: str, refused: Mapping[str, str], at: dt.datetime
    ) -> replies.Rendered | None:
        """Rendered before the transaction: a broken template costs the notice, not the record."""
        mail = Mail(
            "delivery-failed",
            (self._config.organiser.address,),
            language=self._config.bot.language,
            answers=False,
            context={
                "subject": entry.subject,
                "to": list(entry.to),
                "cc": list(entry.cc),
                "failed_kind": entry.kind,
                "message_id": entry.message_id,
                "error": error[:500],
                "refused": sorted(refused),  # delivered to the others; empty: to nobody
            },
            about=entry.to + entry.cc,
        )
        try:
            templates = template_files.environment(self._config.bot.templates)
            return replies.render(mail, self._config, at, templates=templates)
        except Exception as e:
            log.error("could not render the delivery-failed notice: %s", e)
            return None


def expiry_warnings(config: Config) -> list[str]:
    """A client secret or certificate that expires within 30 days (real time: `--now` moves
    the event's clock, not the certificate's)."""
    try:
        return oauth.expiry_warnings(config.oauth2, dt.datetime.now(dt.UTC))
    except TokenError as e:  # unreadable: the provider says so at the first login
        log.debug("expiry not checked: %s", e)
        return []


def warn_of_expiry(store: Store, config: Config, now: dt.datetime) -> bool:
    """Log each expiry warning at start, and mail them to the organiser at most once a day
    (SPEC §2), since a log line is not what reaches whoever must make a new secret. True when
    a mail was queued."""
    warnings = expiry_warnings(config)
    for warning in warnings:
        log.warning("%s", warning)
    alert = Alert(EXPIRY_ALERT, "oauth2", now.date())
    if not warnings or store.alerted(alert.kind, alert.key, alert.day):
        return False
    organiser = config.organiser.address
    context = {"warnings": warnings}
    mail = Mail(EXPIRY_ALERT, (organiser,), config.bot.language, answers=False, context=context)
    try:
        templates = template_files.environment(config.bot.templates)
        rendered = replies.render(mail, config, now, templates=templates)
    except Exception as e:  # a broken template costs the notice, not the start
        log.error("could not render the %s notice: %s", EXPIRY_ALERT, e)
        return False
    with store.transaction():
        store.outbox.queue([rendered], now, source=None, organiser=organiser)
        store.registrations.record_alert(alert)
    return True
