"""mailbot.outbox against a real SMTP server on loopback (aiosmtpd), plus its pure parts.

The store here is a small in-memory `OutboxStore`: the protocol is the contract, and this
file checks that `drain` keeps to it (marks once per try, same bytes on every try).
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pytest

from mailbot import config, outbox
from mailbot.model import OutboxItem

from servers import REJECTED, CertFiles, SmtpSink, free_port, sample_message

T0 = dt.datetime(2022, 9, 1, 12, 0, tzinfo=dt.UTC)
BOT = "anmalan@example.org"


# --------------------------------------------------------------------------- an in-memory store


@dataclass
class Row:
    item: OutboxItem
    next_attempt_at: dt.datetime
    status: str = "queued"
    error: str = ""
    refused: Mapping[str, str] = field(default_factory=dict)
    done_at: dt.datetime | None = None


class MemoryOutbox:
    """The `OutboxStore` protocol over a dict; `attempts` counts tries as the real store does."""

    def __init__(self) -> None:
        self.rows: dict[int, Row] = {}

    def queue(self, *rcpts: str, at: dt.datetime = T0, attempts: int = 0) -> OutboxItem:
        number = len(self.rows) + 1
        raw = sample_message(number, sender=BOT)
        message_id = raw.split(b"Message-ID: ")[1].split(b"\r\n")[0].decode()
        item = OutboxItem(number, message_id, BOT, rcpts or ("someone@example.org",), raw, attempts)
        self.rows[number] = Row(item, at)
        return item

    def due_outbox(self, now: dt.datetime, limit: int) -> list[OutboxItem]:
        due = [
            r.item for r in self.rows.values() if r.status == "queued" and r.next_attempt_at <= now
        ]
        return due[:limit]

    def _tried(self, item_id: int, **changes: object) -> None:
        row = self.rows[item_id]
        row.item = dataclasses.replace(row.item, attempts=row.item.attempts + 1)
        for name, value in changes.items():
            setattr(row, name, value)

    def mark_sent(self, item_id: int, at: dt.datetime, refused: Mapping[str, str]) -> None:
        self._tried(item_id, status="sent", done_at=at, refused=dict(refused))

    def mark_retry(self, item_id: int, error: str, next_attempt_at: dt.datetime) -> None:
        self._tried(item_id, error=error, next_attempt_at=next_attempt_at)

    def mark_failed(self, item_id: int, error: str, at: dt.datetime) -> None:
        self._tried(item_id, status="failed", error=error, done_at=at)

    def mark_partial(
        self,
        item_id: int,
        at: dt.datetime,
        remaining: Sequence[str],
        refused: Mapping[str, str],
        error: str,
        next_attempt_at: dt.datetime,
    ) -> None:
        row = self.rows[item_id]
        row.item = dataclasses.replace(row.item, rcpts=tuple(remaining))
        self._tried(item_id, error=error, next_attempt_at=next_attempt_at, refused=dict(refused))


def drain(store: MemoryOutbox, sender: outbox.Sender, at: dt.datetime = T0) -> outbox.DrainStats:
    async def run() -> outbox.DrainStats:
        try:
            return await outbox.drain(store, sender, clock=lambda: at)
        finally:
            await sender.close()

    return asyncio.run(run())


# --------------------------------------------------------------------------- sending


@pytest.mark.servers
def test_one_reused_connection_sends_every_due_item_byte_for_byte(smtp_sink: SmtpSink) -> None:
    store = MemoryOutbox()
    items = [store.queue(f"p{n}@example.org") for n in range(20)]
    sender = outbox.Sender(smtp_sink.settings())

    stats = drain(store, sender)

    assert stats == outbox.DrainStats(sent=20)
    assert sender.connections == 1
    assert [m.data for m in smtp_sink.received] == [i.raw for i in items]
    assert [m.rcpt_tos for m in smtp_sink.received] == [i.rcpts for i in items]
    assert all(r.status == "sent" and r.done_at == T0 for r in store.rows.values())


@pytest.mark.servers
def test_a_451_is_retried_after_a_backoff_and_delivered_once_with_the_same_bytes(
    smtp_sink: SmtpSink,
) -> None:
    store = MemoryOutbox()
    item = store.queue()
    smtp_sink.fail_next_data(1)  # 451 4.3.0 try later

    first = drain(store, outbox.Sender(smtp_sink.settings()))
    row = store.rows[item.id]
    assert first == outbox.DrainStats(retried=1)
    assert "451" in row.error
    assert T0 + dt.timedelta(seconds=54) <= row.next_attempt_at <= T0 + dt.timedelta(seconds=66)

    too_early = drain(store, outbox.Sender(smtp_sink.settings()), at=T0 + dt.timedelta(seconds=30))
    later = drain(store, outbox.Sender(smtp_sink.settings()), at=T0 + dt.timedelta(minutes=2))

    assert too_early == outbox.DrainStats()
    assert later == outbox.DrainStats(sent=1)
    assert [m.data for m in smtp_sink.received] == [item.raw]  # once, same Message-ID
    assert item.message_id.encode() in smtp_sink.received[0].data
    assert store.rows[item.id].item.attempts == 2


@pytest.mark.servers
def test_a_recipient_refused_with_550_is_recorded_failed(smtp_sink: SmtpSink) -> None:
    store = MemoryOutbox()
    item = store.queue("nobody@example.org")
    smtp_sink.refuse_recipient("nobody@example.org")

    assert drain(store, outbox.Sender(smtp_sink.settings())) == outbox.DrainStats(failed=1)
    row = store.rows[item.id]
    assert row.status == "failed" and "550 5.1.1" in row.error
    assert smtp_sink.received == []


@pytest.mark.servers
def test_one_refused_recipient_of_two_is_sent_with_the_refusal_recorded(
    smtp_sink: SmtpSink,
) -> None:
    store = MemoryOutbox()
    item = store.queue("participant@example.org", "nobody@example.org")
    smtp_sink.refuse_recipient("nobody@example.org")

    assert drain(store, outbox.Sender(smtp_sink.settings())) == outbox.DrainStats(sent=1)
    assert store.rows[item.id].refused == {"nobody@example.org": "550 5.1.1 no such user"}
    assert [m.rcpt_tos for m in smtp_sink.received] == [("participant@example.org",)]


@pytest.mark.servers
def test_a_5xx_after_data_fails_and_the_connection_goes_on_to_the_next(
    smtp_sink: SmtpSink,
) -> None:
    store = MemoryOutbox()
    rejected, accepted = store.queue(), store.queue()
    smtp_sink.fail_next_data(1, REJECTED)
    sender = outbox.Sender(smtp_sink.settings())

    assert drain(store, sender) == outbox.DrainStats(sent=1, failed=1)
    assert "554 5.6.0" in store.rows[rejected.id].error
    assert [m.data for m in smtp_sink.received] == [accepted.raw]
    assert sender.connections == 1


@pytest.mark.servers
def test_an_unreachable_server_means_retry() -> None:
    store = MemoryOutbox()
    item = store.queue()
    nowhere = config.Smtp(host="127.0.0.1", port=free_port(), tls="none")

    assert drain(store, outbox.Sender(nowhere)) == outbox.DrainStats(retried=1)
    assert "connect" in store.rows[item.id].error.lower()


@pytest.mark.servers
def test_a_timeout_after_the_final_dot_is_retried_on_a_fresh_connection(
    smtp_sink: SmtpSink,
) -> None:
    store = MemoryOutbox()
    slow, fine = store.queue(), store.queue()
    smtp_sink.stall_next_data(2.0)
    sender = outbox.Sender(smtp_sink.settings(), timeout_s=0.5)

    assert drain(store, sender) == outbox.DrainStats(sent=1, retried=1)
    assert "Timeout" in store.rows[slow.id].error
    assert store.rows[fine.id].status == "sent"
    assert sender.connections == 2  # the timed-out connection was not reused


@pytest.mark.servers
def test_a_connection_the_server_closed_is_reopened_without_losing_the_message(
    smtp_sink: SmtpSink,
) -> None:
    store = MemoryOutbox()
    first = store.queue()
    sender = outbox.Sender(smtp_sink.settings())

    async def run() -> list[outbox.Result]:
        results = [await sender.send(first)]
        smtp_sink.stop()  # the server goes away (or drops the idle connection) ...
        smtp_sink.start()  # ... and is back on the same port
        results.append(await sender.send(store.queue()))
        await sender.close()
        return results

    results = asyncio.run(run())
    assert [r.status for r in results] == ["sent", "sent"]
    assert sender.connections == 2


# --------------------------------------------------------------------------- configuration errors


@pytest.mark.servers
def test_a_refused_login_raises_smtp_config_error_and_leaves_the_item_due() -> None:
    store = MemoryOutbox()
    item = store.queue()
    with SmtpSink(username="bot", password="right") as sink:
        with pytest.raises(outbox.SmtpConfigError, match="refused the login"):
            drain(store, outbox.Sender(sink.settings(), "wrong"))
        assert store.rows[item.id].item.attempts == 0 and store.rows[item.id].status == "queued"
        assert drain(store, outbox.Sender(sink.settings(), "right")) == outbox.DrainStats(sent=1)


@pytest.mark.servers
def test_starttls_is_never_skipped_when_the_server_does_not_offer_it(smtp_sink: SmtpSink) -> None:
    store = MemoryOutbox()
    store.queue()
    settings = dataclasses.replace(smtp_sink.settings(), tls="starttls")

    with pytest.raises(outbox.SmtpConfigError, match="STARTTLS"):
        drain(store, outbox.Sender(settings))
    assert smtp_sink.received == []


@pytest.mark.servers
@pytest.mark.parametrize("tls", ["starttls", "implicit"])
def test_tls_with_a_verified_certificate_sends_and_an_untrusted_one_is_a_config_error(
    tls: config.TlsMode, test_cert: CertFiles
) -> None:
    store = MemoryOutbox()
    store.queue()
    with SmtpSink(tls=tls, cert=test_cert) as sink:
        with pytest.raises(outbox.SmtpConfigError, match="certificate"):
            drain(store, outbox.Sender(sink.settings()))  # system CAs: not trusted
        trusted = outbox.Sender(sink.settings(), tls_context=test_cert.client_context())
        assert drain(store, trusted) == outbox.DrainStats(sent=1)
        assert len(sink.received) == 1


def test_plaintext_to_a_remote_host_is_refused() -> None:
    with pytest.raises(outbox.SmtpConfigError):
        outbox.Sender(config.Smtp(host="smtp.example.org", port=25, tls="none"))


# --------------------------------------------------------------------------- backoff and giving up


def test_backoff_grows_like_an_mta_from_a_minute_to_six_hours() -> None:
    minutes = [outbox.backoff(n, rng=lambda: 0.5).total_seconds() / 60 for n in range(1, 12)]
    assert minutes == [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360]


def test_backoff_jitter_stays_within_ten_percent() -> None:
    assert outbox.backoff(3, rng=lambda: 0.0) == dt.timedelta(minutes=4) * 0.9
    assert outbox.backoff(3, rng=lambda: 1.0) == dt.timedelta(minutes=4) * 1.1


def test_the_outbox_gives_up_after_about_two_days() -> None:
    assert not outbox.gives_up(15)  # about 44.5 hours of waiting
    assert outbox.gives_up(16)  # about 50.5 hours


@pytest.mark.servers
def test_a_temporary_failure_after_two_days_of_tries_is_recorded_failed(
    smtp_sink: SmtpSink,
) -> None:
    store = MemoryOutbox()
    item = store.queue(attempts=15)
    smtp_sink.fail_next_data(1)

    assert drain(store, outbox.Sender(smtp_sink.settings())) == outbox.DrainStats(failed=1)
    assert store.rows[item.id].error.startswith("gave up after 16 tries")


def test_classification_of_smtp_errors() -> None:
    from aiosmtplib import (
        SMTPDataError,
        SMTPRecipientRefused,
        SMTPRecipientsRefused,
        SMTPSenderRefused,
        SMTPServerDisconnected,
    )

    def status(error: Exception) -> str:
        return outbox.classify(error).status

    mixed = SMTPRecipientsRefused(
        [SMTPRecipientRefused(550, "no", "a@x.org"), SMTPRecipientRefused(450, "later", "b@x.org")]
    )
    assert status(SMTPDataError(451, "later")) == "retry"
    assert status(SMTPDataError(552, "mailbox full")) == "retry"
    assert status(SMTPDataError(554, "no")) == "failed"
    assert status(SMTPSenderRefused(553, "no", BOT)) == "failed"
    assert status(SMTPSenderRefused(421, "busy", BOT)) == "retry"
    assert status(mixed) == "retry"
    assert status(SMTPServerDisconnected("gone")) == "retry"
    assert status(TimeoutError()) == "retry"
