"""Forged senders through the whole pipeline (SPEC §4.4, §10): real raw messages, a real store.

A message is delivered the way the receiving mail server hands it over: the server's own
`Received` and `Authentication-Results` fields on top, then whatever the sender wrote — which may
include `Authentication-Results` fields of its own, forged with the trusted authserv-id. None of
the forgeries may book a seat or make the bot write to the (possibly forged) From address; the
organiser hears of an unauthenticated sender at most once per sender per day. Genuine passes book.

The second half is `security.unauthenticated = "confirm"`: the message is held and the From
address gets one mail with a one-time token; answering it decides the held message for real.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypedDict

import pytest

from mailbot import pipeline
from mailbot.config import Config
from mailbot.decide import MAX_ALERTS_PER_DAY, token_hash
from mailbot.store import MIGRATIONS, SCHEMA_VERSION, Store

from support import BOT, FIXTURES, ORGANISER, SMALL_CONFIG, at, make_config

TRUSTED = "mx.lansstyrelsen.example"
ON_TIME = at("2022-09-01 10:00")
PARTICIPANT = "asa.oberg@huddinge.se"


def strict_config(tmp_path: Path, *extra: str) -> Config:
    """The small test event with the provider's authserv-id trusted (and more [security] keys)."""
    text = SMALL_CONFIG.replace(
        "[security]\n",
        "[security]\n"
        + f'trusted_authserv_ids = ["{TRUSTED}"]\n'
        + "".join(line + "\n" for line in extra),
    )
    return make_config(tmp_path, text)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return strict_config(tmp_path)


@pytest.fixture
def store(config: Config) -> Iterator[Store]:
    with Store(config.bot.database) as s:
        yield s


_count = 0


def delivered(
    from_: str,
    *,
    results: tuple[str, ...] = (),
    written: tuple[tuple[str, str], ...] = (),
    subject: str = "Anmälan",
    body: str = f"Hej!\n\nNamn: Åsa Öberg\nE-post: {PARTICIPANT}\n\nMvh Karin\n",
    message_id: str | None = None,
) -> bytes:
    """A message as the receiving server stores it: its `results` on top (topmost first), then
    the sender's own header fields (`written`, which may forge more results), then the body."""
    global _count
    _count += 1
    top = [
        ("Return-Path", "<bounce@sender.example>"),
        *(("Authentication-Results", r) for r in results),
        ("Received", f"from mail.sender.example by {TRUSTED} (Postfix); 1 Sep 2022 10:00:00"),
    ]
    own = [
        *written,
        ("From", from_),
        ("To", BOT),
        ("Subject", subject),
        ("Date", "Thu, 01 Sep 2022 10:00:00 +0200"),
        ("Message-ID", message_id or f"<spoof-{_count}@sender.example>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    head = "".join(f"{k}: {v}\r\n" for k, v in top + own)
    return head.encode() + b"\r\n" + body.replace("\n", "\r\n").encode()


class Queued(TypedDict):
    kind: str
    to: list[str]
    cc: list[str]
    raw: bytes


def outbox(store: Store) -> list[Queued]:
    """Every queued mail: kind, recipients, and bytes."""
    rows = store.conn.execute("SELECT kind, to_json, cc_json, raw FROM outbox ORDER BY id")
    return [
        Queued(kind=r[0], to=json.loads(r[1]), cc=json.loads(r[2]), raw=bytes(r[3])) for r in rows
    ]


def text(mail: Queued) -> str:
    """The plain-text body of a queued mail, decoded."""
    msg = email.message_from_bytes(mail["raw"], policy=email.policy.default)
    body = msg.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def booked(store: Store) -> list[str]:
    return [r.email for r in store.participants() if r.status != "cancelled"]


def assert_nothing_booked_and_no_backscatter(
    store: Store, result: pipeline.Handled, sender: str
) -> None:
    assert result.status == "handled"
    assert booked(store) == []
    for mail in outbox(store):
        assert mail["to"] == [ORGANISER], mail["kind"]
        assert sender.casefold() not in [a.casefold() for a in mail["cc"]]


# --------------------------------------------------------------------------- the matrix

FORGED_FROM = "Karin Lind <karin.lind@huddinge.se>"

UNAUTHENTICATED = {
    "forged From, no Authentication-Results at all": dict(from_=FORGED_FROM),
    "a forged trusted header below the trusted one": dict(
        from_=FORGED_FROM,
        results=(f"{TRUSTED}; dmarc=fail (p=none) header.from=huddinge.se",),
        written=(("Authentication-Results", f"{TRUSTED}; dmarc=pass header.from=huddinge.se"),),
    ),
    "the trusted server's header is not there, only a forged one below a foreign id": dict(
        from_=FORGED_FROM,
        results=("mx.sender.example; dmarc=pass header.from=huddinge.se",),
    ),
    "trusted dmarc=fail": dict(
        from_=FORGED_FROM, results=(f"{TRUSTED}; dmarc=fail header.from=huddinge.se",)
    ),
    "trusted dmarc=fail beats a relaxed-aligned dkim=pass": dict(
        from_=FORGED_FROM,
        results=(
            f"{TRUSTED}; dkim=pass header.d=mail.huddinge.se; dmarc=fail header.from=huddinge.se",
        ),
    ),
    "untrusted authserv-id saying pass": dict(
        from_=FORGED_FROM, results=("mx.evil.example; dmarc=pass header.from=huddinge.se",)
    ),
    "trusted header that does not parse, a well-formed forged one below": dict(
        from_=FORGED_FROM,
        results=(f"{TRUSTED}; dmarc=fail header.from=huddinge.se; what ;; is this",),
        written=(("Authentication-Results", f"{TRUSTED}; dmarc=pass header.from=huddinge.se"),),
    ),
    "unparseable Microsoft 365 header (no authserv-id) saying pass": dict(
        from_=FORGED_FROM,
        results=(
            "spf=pass (sender IP is 40.107.20.101) smtp.mailfrom=huddinge.se; dkim=pass "
            "(signature was verified) header.d=huddinge.se;dmarc=pass action=none "
            "header.from=huddinge.se;compauth=pass reason=100",
        ),
    ),
    "dkim=pass for an unaligned domain": dict(
        from_=FORGED_FROM, results=(f"{TRUSTED}; dkim=pass header.d=evil.example",)
    ),
    "dkim=pass for a look-alike that contains the domain": dict(
        from_=FORGED_FROM, results=(f"{TRUSTED}; dkim=pass header.d=huddinge.se.evil.com",)
    ),
    "dmarc=pass for another domain than From": dict(
        from_=FORGED_FROM, results=(f"{TRUSTED}; dmarc=pass header.from=evil.example",)
    ),
    "spf=pass alone (not DMARC, not DKIM)": dict(
        from_=FORGED_FROM, results=(f"{TRUSTED}; spf=pass smtp.mailfrom=huddinge.se",)
    ),
    "look-alike From with a forged pass for the real domain": dict(
        from_="Huddinge kommun <karin@evil-huddinge.se>",
        results=(f"{TRUSTED}; dmarc=pass header.from=huddinge.se",),
    ),
    "display name that is the invited domain": dict(
        from_='"huddinge.se" <x@evil.example>',
        results=(f"{TRUSTED}; dmarc=pass header.from=huddinge.se",),
    ),
    "display name that is an invited address": dict(
        from_='"karin.lind@huddinge.se" <x@evil.example>',
        results=(f"{TRUSTED}; dmarc=pass header.from=huddinge.se",),
    ),
    "Reply-To an invited address does not make From one": dict(
        from_="x@evil.example",
        results=(f"{TRUSTED}; dmarc=pass header.from=huddinge.se",),
        written=(("Reply-To", "karin.lind@huddinge.se"),),
    ),
}


@pytest.mark.parametrize("case", UNAUTHENTICATED.values(), ids=UNAUTHENTICATED.keys())
def test_forged_or_unauthenticated_sender_books_nothing_and_gets_no_reply(
    store: Store, config: Config, case: dict[str, Any]
) -> None:
    raw = delivered(**case)
    result = pipeline.handle(store, config, raw, ON_TIME)
    assert [(o.outcome, o.rule) for o in result.outcomes] == [("ignored", "unauthenticated")]
    assert_nothing_booked_and_no_backscatter(store, result, result.sender or "")
    assert [m["kind"] for m in outbox(store)] == ["alert-unauthenticated"]


@pytest.mark.parametrize(
    "from_",
    [
        "A <a@huddinge.se>, B <b@evil.example>",  # which one did the server authenticate?
        "Karin <karin.lind@huddinge.se>",  # with a second From field below
    ],
    ids=["two addresses in From", "two From fields"],
)
def test_ambiguous_sender_is_never_answered(store: Store, config: Config, from_: str) -> None:
    written = (("From", "x@evil.example"),) if "," not in from_ else ()
    raw = delivered(
        from_,
        results=(f"{TRUSTED}; dmarc=pass header.from=huddinge.se",),
        written=written,
    )
    result = pipeline.handle(store, config, raw, ON_TIME)
    assert [(o.outcome, o.rule) for o in result.outcomes] == [("ignored", "no-sender")]
    assert booked(store) == [] and outbox(store) == []


@pytest.mark.parametrize(
    "from_, result",
    [
        ("Karin <karin@evil-huddinge.se>", f"{TRUSTED}; dmarc=pass header.from=evil-huddinge.se"),
        (
            '"anna.lindqvist@huddinge.se" <anna@huddinge.se.evil.com>',
            f"{TRUSTED}; dmarc=pass header.from=huddinge.se.evil.com",
        ),
        ('"huddinge.se" <x@evil.example>', f"{TRUSTED}; dkim=pass header.d=evil.example"),
    ],
    ids=["evil-huddinge.se", "huddinge.se.evil.com", "display-name trick"],
)
def test_lookalike_that_authenticates_for_itself_gets_the_polite_not_invited_reply(
    store: Store, config: Config, from_: str, result: str
) -> None:
    res = pipeline.handle(store, config, delivered(from_, results=(result,)), ON_TIME)
    assert [(o.outcome, o.rule) for o in res.outcomes] == [("rejected-not-invited", "not-invited")]
    assert booked(store) == []
    assert [(m["kind"], m["to"]) for m in outbox(store)] == [("rejected-not-invited", [res.sender])]


GENUINE = {
    "dmarc=pass": (
        "Karin <karin.lind@huddinge.se>",
        f"{TRUSTED}; dmarc=pass header.from=huddinge.se",
    ),
    "dmarc=pass, upper case": (
        "Karin <Karin.Lind@HUDDINGE.SE>",
        f"{TRUSTED.upper()}; DMARC=PASS header.from=HUDDINGE.SE",
    ),
    "aligned dkim=pass": (
        "Karin <karin.lind@huddinge.se>",
        f"{TRUSTED}; dkim=pass header.d=huddinge.se",
    ),
    "relaxed alignment: dkim by a subdomain": (
        "Karin <karin.lind@huddinge.se>",
        f"{TRUSTED}; dkim=pass header.d=mail.huddinge.se",
    ),
    "relaxed alignment: From on a subdomain": (
        "Erik <erik@socialtjansten.huddinge.se>",
        f"{TRUSTED}; dmarc=pass header.from=socialtjansten.huddinge.se",
    ),
    "dmarc=none (no policy) with an aligned dkim=pass": (
        "Karin <karin.lind@huddinge.se>",
        f"{TRUSTED}; dmarc=none header.from=huddinge.se; dkim=pass header.d=huddinge.se",
    ),
    "with a version after the authserv-id and a comment": (
        "Karin <karin.lind@huddinge.se>",
        f"{TRUSTED} 1; dmarc=pass (p=reject dis=none) header.from=huddinge.se",
    ),
}


@pytest.mark.parametrize("from_, result", GENUINE.values(), ids=GENUINE.keys())
def test_genuine_pass_books_the_seat(store: Store, config: Config, from_: str, result: str) -> None:
    res = pipeline.handle(store, config, delivered(from_, results=(result,)), ON_TIME)
    assert [o.outcome for o in res.outcomes] == ["confirmed"]
    assert booked(store) == [PARTICIPANT]


def test_genuine_fixture_with_a_forged_header_below_books(store: Store, config: Config) -> None:
    raw = (FIXTURES / "auth-results-dmarc-pass.eml").read_bytes()
    res = pipeline.handle(store, config, raw, ON_TIME)
    assert [(o.outcome, o.participant) for o in res.outcomes] == [
        ("confirmed", "erik.hakansson@huddinge.se")
    ]


def test_microsoft_365_fixture_is_unauthenticated(store: Store, config: Config) -> None:
    raw = (FIXTURES / "auth-results-m365-no-authserv-id.eml").read_bytes()
    res = pipeline.handle(store, config, raw, ON_TIME)
    assert [o.rule for o in res.outcomes] == ["unauthenticated"]
    assert booked(store) == []


def test_organiser_is_told_at_most_once_per_sender_per_day(store: Store, config: Config) -> None:
    def forged(sender: str, when: dt.datetime) -> pipeline.Handled:
        return pipeline.handle(store, config, delivered(f"X <{sender}>"), when)

    for i in range(3):
        forged("karin.lind@huddinge.se", ON_TIME + dt.timedelta(hours=i))
    forged("KARIN.LIND@huddinge.se", ON_TIME + dt.timedelta(hours=4))  # same sender
    forged("per@huddinge.se", ON_TIME)
    forged("karin.lind@huddinge.se", ON_TIME + dt.timedelta(days=1))
    alerts = [m for m in outbox(store) if m["kind"] == "alert-unauthenticated"]
    assert len(alerts) == 3  # karin day 1, per day 1, karin day 2
    assert all(m["to"] == [ORGANISER] for m in alerts)
    assert len(store.journal()) == 6  # every message is still recorded


def test_a_flood_of_invented_senders_alerts_the_organiser_a_bounded_number_of_times(
    store: Store, config: Config
) -> None:
    for i in range(MAX_ALERTS_PER_DAY + 15):
        pipeline.handle(store, config, delivered(f"X <forger{i}@huddinge.se>"), ON_TIME)
    alerts = [m for m in outbox(store) if m["kind"] == "alert-unauthenticated"]
    assert len(alerts) == MAX_ALERTS_PER_DAY
    limit_reached = "Gränsen för sådana meddelanden i dag är nådd"  # the organiser reads sv
    assert limit_reached not in text(alerts[0]) and limit_reached in text(alerts[-1])


def test_without_trusted_ids_the_from_header_is_believed(tmp_path: Path) -> None:
    config = make_config(tmp_path)  # the documented default: a warning at start
    assert any("trusted_authserv_ids is empty" in w for w in config.warnings)
    with Store(config.bot.database) as store:
        res = pipeline.handle(store, config, delivered(FORGED_FROM), ON_TIME)
    assert [o.outcome for o in res.outcomes] == ["confirmed"]


def test_a_forged_bounce_flood_mails_the_registering_sender_once(
    store: Store, config: Config
) -> None:
    ok = f"{TRUSTED}; dmarc=pass header.from=huddinge.se"
    pipeline.handle(store, config, delivered(FORGED_FROM, results=(ok,)), ON_TIME)
    for i in range(5):
        dsn = (
            f"From: MAILER-DAEMON@evil.example\r\nTo: {BOT}\r\nSubject: Undelivered\r\n"
            f"Message-ID: <dsn{i}@evil.example>\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
            "--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n"
            "--b\r\nContent-Type: message/delivery-status\r\n\r\n"
            f"Reporting-MTA: dns; evil.example\r\n\r\nFinal-Recipient: rfc822; {PARTICIPANT}\r\n"
            "Action: failed\r\nStatus: 5.1.1\r\n--b--\r\n"
        ).encode()
        pipeline.handle(store, config, dsn, ON_TIME + dt.timedelta(minutes=i + 1))
    notices = [m for m in outbox(store) if m["kind"] == "bounce-notice"]
    assert len(notices) == 1 and notices[0]["to"] == ["karin.lind@huddinge.se"]


# --------------------------------------------------------------------------- confirm mode


@pytest.fixture
def confirming(tmp_path: Path) -> Iterator[tuple[Config, Store]]:
    config = strict_config(tmp_path, 'unauthenticated = "confirm"')
    with Store(config.bot.database) as s:
        yield config, s


TOKEN = re.compile(rb"MB-[A-Za-z0-9_-]{22}")


def token_in(mail: Queued) -> str:
    found = TOKEN.search(mail["raw"])
    assert found, "the confirmation mail carries its token"
    return found.group().decode()


def answer(
    token: str, *, sender: str = FORGED_FROM, written: tuple[tuple[str, str], ...] = ()
) -> bytes:
    return delivered(
        sender,
        subject=f"SV: Bekräfta din anmälan ({token})",
        body="Det var jag.\n",
        written=written,
    )


def test_unauthenticated_message_is_held_and_the_from_address_gets_one_token(
    confirming: tuple[Config, Store],
) -> None:
    config, store = confirming
    raw = delivered(FORGED_FROM, message_id="<held-1@huddinge.se>")
    res = pipeline.handle(store, config, raw, ON_TIME)
    assert [(o.outcome, o.rule) for o in res.outcomes] == [("needs-info", "confirm-sender")]
    assert booked(store) == []
    (mail,) = outbox(store)
    assert mail["kind"] == "confirm-sender" and mail["to"] == ["karin.lind@huddinge.se"]
    head = mail["raw"].split(b"\r\n\r\n")[0]
    assert b"In-Reply-To: <held-1@huddinge.se>" in head
    assert b"Auto-Submitted: auto-replied" in head
    assert TOKEN.search(head)  # in the subject, so a plain reply carries it back
    assert "Åsa".encode() not in mail["raw"]  # nothing of the (maybe forged) message echoed
    token = token_in(mail)
    # Only a digest of the token is kept with the held message.
    (row,) = store.conn.execute("SELECT token_hash, sender_key FROM held").fetchall()
    assert tuple(row) == (token_hash(token[3:]), "karin.lind@huddinge.se")


def test_answering_the_token_decides_the_held_messages_with_their_own_received_time(
    confirming: tuple[Config, Store],
) -> None:
    config, store = confirming
    before_deadline = at("2022-09-04 23:00")
    first = delivered(FORGED_FROM, message_id="<held-1@huddinge.se>")
    second = delivered(
        FORGED_FROM, body="Namn: Per Ström\nE-post: per.strom@huddinge.se\n", message_id="<h2@x>"
    )
    pipeline.handle(store, config, first, before_deadline)
    pipeline.handle(store, config, second, before_deadline + dt.timedelta(minutes=5))
    assert [m["kind"] for m in outbox(store)] == ["confirm-sender"]  # one mail a day
    token = token_in(outbox(store)[0])

    after_deadline = at("2022-09-05 09:00")
    res = pipeline.handle(store, config, answer(token), after_deadline)
    assert [(o.outcome, o.rule) for o in res.outcomes] == [("ignored", "sender-confirmed")]
    assert [[o.outcome for o in h.outcomes] for h in res.released] == [["confirmed"], ["confirmed"]]
    assert sorted(booked(store)) == [PARTICIPANT, "per.strom@huddinge.se"]
    asa = store.registration("2022-09-14", PARTICIPANT)
    assert asa is not None
    assert asa.registered_at == before_deadline  # the original arrival decides the deadline
    confirmation = next(m for m in outbox(store) if m["kind"] == "confirmed")
    assert b"In-Reply-To: <held-1@huddinge.se>" in confirmation["raw"]
    journal = {e["message_id"]: e for e in store.journal()}
    assert [o["outcome"] for o in journal["<held-1@huddinge.se>"]["outcomes"]] == ["confirmed"]

    # One-time: the same token again is an ordinary (unauthenticated) message, held again.
    again = pipeline.handle(store, config, answer(token), after_deadline + dt.timedelta(hours=1))
    assert [o.rule for o in again.outcomes] == ["confirm-sender"] and again.released == ()


@pytest.mark.parametrize(
    "how",
    ["another sender", "expired", "unknown token", "out-of-office echo"],
)
def test_a_token_that_does_not_fit_is_an_ordinary_message(
    confirming: tuple[Config, Store], how: str
) -> None:
    config, store = confirming
    pipeline.handle(store, config, delivered(FORGED_FROM), ON_TIME)
    token = token_in(outbox(store)[0])
    when = ON_TIME + dt.timedelta(hours=1)
    if how == "another sender":
        raw = answer(token, sender="Per <per@huddinge.se>")
    elif how == "expired":
        raw, when = answer(token), ON_TIME + dt.timedelta(days=8)
    elif how == "unknown token":
        raw = answer("MB-" + "A" * 22)
    else:
        raw = answer(token, written=(("Auto-Submitted", "auto-replied"),))
    res = pipeline.handle(store, config, raw, when)
    assert res.released == ()
    assert res.outcomes[0].rule != "sender-confirmed"
    assert booked(store) == []


def test_after_a_confirmation_the_next_held_message_gets_a_new_token_the_same_day(
    confirming: tuple[Config, Store],
) -> None:
    config, store = confirming
    pipeline.handle(store, config, delivered(FORGED_FROM), ON_TIME)
    pipeline.handle(store, config, answer(token_in(outbox(store)[0])), ON_TIME)
    later = delivered(FORGED_FROM, body="Namn: Per Ström\nE-post: per.strom@huddinge.se\n")
    pipeline.handle(store, config, later, ON_TIME + dt.timedelta(hours=2))
    tokens = [token_in(m) for m in outbox(store) if m["kind"] == "confirm-sender"]
    assert len(tokens) == 2 and tokens[0] != tokens[1]


def test_an_answer_that_registers_more_people_is_decided_too(
    confirming: tuple[Config, Store],
) -> None:
    config, store = confirming
    pipeline.handle(store, config, delivered(FORGED_FROM), ON_TIME)
    token = token_in(outbox(store)[0])
    raw = delivered(
        FORGED_FROM,
        subject=f"SV: Bekräfta din anmälan ({token})",
        body="Och en till:\n\nNamn: Per Ström\nE-post: per.strom@huddinge.se\n",
    )
    res = pipeline.handle(store, config, raw, ON_TIME + dt.timedelta(hours=1))
    assert [o.outcome for o in res.outcomes] == ["confirmed"]
    assert [[o.outcome for o in h.outcomes] for h in res.released] == [["confirmed"]]
    assert sorted(booked(store)) == [PARTICIPANT, "per.strom@huddinge.se"]


def test_a_forged_flood_mails_the_victim_one_token_a_day(confirming: tuple[Config, Store]) -> None:
    config, store = confirming
    for i in range(10):
        pipeline.handle(store, config, delivered(FORGED_FROM), ON_TIME + dt.timedelta(minutes=i))
    pipeline.handle(store, config, delivered(FORGED_FROM), ON_TIME + dt.timedelta(days=1))
    assert [m["kind"] for m in outbox(store)] == ["confirm-sender", "confirm-sender"]
    assert booked(store) == []


def test_a_genuine_pass_is_not_held_in_confirm_mode(confirming: tuple[Config, Store]) -> None:
    config, store = confirming
    ok = f"{TRUSTED}; dmarc=pass header.from=huddinge.se"
    res = pipeline.handle(store, config, delivered(FORGED_FROM, results=(ok,)), ON_TIME)
    assert [o.outcome for o in res.outcomes] == ["confirmed"]


# --------------------------------------------------------------------------- schema upgrade


def test_a_version_1_database_is_upgraded_with_its_data_kept(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("PRAGMA user_version=1")
    conn.execute(
        "INSERT INTO messages (message_key, received_at, size, state) VALUES"
        " ('<old@x>', '2022-09-01T08:00:00.000000+00:00', 10, 'handled')"
    )
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        old = store.messages.find_message("<old@x>")
        assert old is not None and old.state == "handled"
        assert store.conn.execute("SELECT COUNT(*) FROM held").fetchone()[0] == 0
        assert store.held_token("nope") is None
