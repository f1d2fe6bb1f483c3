"""The message rules added by issue 9 (SPEC §4, §10 as amended), each named as its sentence.

Decisions are pure functions of values (the first half); the header facts are read from raw
bytes by `parsing.read` (the second half), so a rule and what feeds it are both shown.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailbot import parsing
from mailbot.config import Config
from mailbot.decide import Inbound, decide
from mailbot.decide.rules import MESSAGE_RULES
from mailbot.model import Decision
from mailbot.parsing import BounceReport, Email
from mailbot.reading import intent
from mailbot.state import MemoryState

from support import at, email, make_config, person

ON_TIME = at("2022-09-01 10:00")
OURS = "<c1@lansstyrelsen.example>"


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def decided(
    config: Config, state: MemoryState, message: Email, when: dt.datetime = ON_TIME
) -> Decision:
    return decide(Inbound(message, when), state, config, when)


def rules_of(d: Decision) -> list[tuple[str, str]]:
    return [(o.outcome, o.rule) for o in d.outcomes]


def test_the_new_rules_are_named_entries_of_the_message_rule_table() -> None:
    names = [r.name for r in MESSAGE_RULES]
    assert names.index("backscatter") < names.index("delivery-report")
    assert names.index("unauthenticated") < names.index("not-a-registration")
    assert names.index("not-a-registration") < names.index("participants")


# --------------------------------------------------------------------------- §10 list headers


@pytest.mark.parametrize("header", ["Mailing-List", "X-Mailing-List", "X-Loop", "List-Id"])
def test_the_older_list_headers_count_as_list_headers(header: str, config: Config) -> None:
    raw = (
        "From: Karin Lind <karin.lind@huddinge.se>\r\n"
        "To: anmalan@lansstyrelsen.example\r\n"
        "Subject: Anmälan\r\n"
        "Message-ID: <list@huddinge.se>\r\n"
        f"{header}: contact seminarier-help@lists.huddinge.se; run by ezmlm\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Namn: Åsa Öberg\r\nE-post: asa@huddinge.se\r\n"
    ).encode()
    message = parsing.read(raw)
    assert message.has_list_headers
    d = decided(config, MemoryState(), message)
    assert rules_of(d) == [("ignored", "list-header")] and d.mails == ()


def test_a_header_that_merely_mentions_a_list_is_no_list_header() -> None:
    raw = (
        b"From: karin.lind@huddinge.se\r\nSubject: x\r\nX-Listed: yes\r\n"
        b"Mailing-Address: Storgatan 1\r\n\r\nHej\r\n"
    )
    assert not parsing.read(raw).has_list_headers


# --------------------------------------------------------------------------- §10 backscatter


def _report(state: MemoryState, config: Config, report: BounceReport) -> Decision:
    message = email(sender="MAILER-DAEMON@mx.huddinge.se", message_id="<b@x>", report=report)
    return decided(config, state, message)


def _with_booking(config: Config, mailed_at: dt.datetime | None = ON_TIME) -> MemoryState:
    state = MemoryState()
    d = decided(config, state, email(participants=(person("Åsa Öberg", "asa@huddinge.se"),)))
    state.upsert(d.registrations)
    state.own_messages[OURS] = ("asa@huddinge.se",)
    if mailed_at is not None:
        state.mailed.append(("asa@huddinge.se", mailed_at))
    return state


def test_a_bounce_of_one_of_the_bots_replies_marks_that_participant_as_bouncing(
    config: Config,
) -> None:
    report = BounceReport(OURS, ("asa@huddinge.se",), "failed", returns_headers=True)
    d = _report(_with_booking(config), config, report)
    assert d.bouncing == ("asa@huddinge.se",)


def test_a_report_about_mail_the_bot_did_not_send_is_ignored_as_backscatter(config: Config) -> None:
    """The returned headers name a Message-ID that is not ours: a participant's address was
    forged on spam; the report must not mark them as bouncing."""
    report = BounceReport("<spam@spamhost.example>", ("asa@huddinge.se",), "failed", True)
    d = _report(_with_booking(config), config, report)
    assert rules_of(d) == [("ignored", "backscatter")]
    assert d.bouncing == () and d.mails == ()


def test_a_report_whose_returned_headers_have_no_message_id_is_backscatter(config: Config) -> None:
    report = BounceReport(None, ("asa@huddinge.se",), "failed", returns_headers=True)
    d = _report(_with_booking(config), config, report)
    assert rules_of(d) == [("ignored", "backscatter")] and d.bouncing == ()


def test_final_recipient_counts_only_when_no_headers_are_returned_and_the_bot_mailed_it_this_week(
    config: Config,
) -> None:
    report = BounceReport(None, ("asa@huddinge.se",), "failed", returns_headers=False)
    d = _report(_with_booking(config, ON_TIME - dt.timedelta(days=6)), config, report)
    assert d.bouncing == ("asa@huddinge.se",)


def test_final_recipient_the_bot_has_not_mailed_for_a_week_is_backscatter(config: Config) -> None:
    report = BounceReport(None, ("asa@huddinge.se",), "failed", returns_headers=False)
    d = _report(_with_booking(config, ON_TIME - dt.timedelta(days=8)), config, report)
    assert rules_of(d) == [("ignored", "backscatter")] and d.bouncing == ()


def test_a_report_of_our_own_mail_about_no_participant_is_no_backscatter(config: Config) -> None:
    state = _with_booking(config)
    state.own_messages["<note@lansstyrelsen.example>"] = ()
    report = BounceReport("<note@lansstyrelsen.example>", ("karin.lind@huddinge.se",), "failed")
    d = _report(state, config, report)
    assert rules_of(d) == [("ignored", "delivery-report")] and d.bouncing == ()


def test_a_read_receipt_of_one_of_the_bots_replies_marks_no_one_as_bouncing_and_tells_no_one(
    config: Config,
) -> None:
    """§10: only a delivery report of a failure marks an address; a read receipt ("Läst:")
    proves the confirmation arrived. It names the participant as its Final-Recipient and
    returns no headers, which for a bounce would be enough to mark her."""
    for returned in (None, OURS):
        report = BounceReport(
            returned, ("asa@huddinge.se",), None, report_type="disposition-notification"
        )
        d = _report(_with_booking(config), config, report)
        assert rules_of(d) == [("ignored", "read-receipt")]
        assert d.bouncing == () and d.mails == ()


def test_a_read_receipt_of_mail_the_bot_did_not_send_is_ignored_as_a_read_receipt(
    config: Config,
) -> None:
    report = BounceReport(
        "<someone-else@spamhost.example>",
        ("asa@huddinge.se",),
        None,
        True,
        "disposition-notification",
    )
    d = _report(_with_booking(config), config, report)
    assert rules_of(d) == [("ignored", "read-receipt")] and d.bouncing == () and d.mails == ()


# --------------------------------------------------------------------------- §4 not invited


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Your invoice 2022-0831 is overdue", "Please pay within 3 days: http://x.example/pay"),
        ("Nyhetsbrev september", "Läs om höstens nyheter i vårt nyhetsbrev."),
        ("Verify your mailbox", "Your mailbox is full. Click here to verify your password."),
        ("Hej", ""),
        ("Seminarium", "Finns det plats kvar?"),
        ("Anmälan", "Hej! Finns det parkering vid lokalen?"),
        ("Fråga", "Kommer det att finnas fika under eftermiddagen?"),
    ],
)
def test_anything_else_from_an_uninvited_sender_is_ignored_with_no_reply(
    config: Config, subject: str, text: str
) -> None:
    message = email(sender="info@spamhost.example", subject=subject, text=text)
    d = decided(config, MemoryState(), message)
    assert rules_of(d) == [("ignored", "not-a-registration")]
    assert d.mails == () and d.registrations == ()


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Anmälan till seminariet", ""),
        ("Fråga", "Jag vill gärna delta den 14 september."),
        ("Seminar", "Can I register two colleagues?"),
        ("Seminarium", "Finns det plats kvar för mig?"),
        ("Fråga", "Kan jag anmäla mig och en kollega?"),
    ],
)
def test_the_not_invited_reply_goes_only_to_a_message_that_shows_a_sign_of_registering(
    config: Config, subject: str, text: str
) -> None:
    message = email(sender="anna@lookalike-huddinge.se", subject=subject, text=text)
    d = decided(config, MemoryState(), message)
    assert [o.outcome for o in d.outcomes] == ["rejected-not-invited"]
    assert [m.to for m in d.mails] == [("anna@lookalike-huddinge.se",)]


def test_an_uninvited_sender_who_registers_people_is_told_they_are_not_invited(
    config: Config,
) -> None:
    raw = (
        "From: Anna Ek <anna@lookalike.se>\r\nTo: anmalan@lansstyrelsen.example\r\n"
        "Subject: Anmälan\r\nMessage-ID: <named@lookalike.se>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Namn: Bo Ek\r\nE-post: bo@lookalike.se\r\n"
    ).encode()
    d = decided(config, MemoryState(), parsing.read(raw))
    assert [o.outcome for o in d.outcomes] == ["rejected-not-invited"]


def test_an_uninvited_sender_who_names_participants_without_a_sign_word_is_told_too(
    config: Config,
) -> None:
    """§3: a message that names participants is a registration, whatever words it uses."""
    raw = (
        "From: Anna Ek <anna@lookalike.se>\r\nTo: anmalan@lansstyrelsen.example\r\n"
        "Subject: Seminariet\r\nMessage-ID: <card@lookalike.se>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Jag vill också gå på seminariet.\r\n\r\nNamn: Anna Ek\r\nE-post: anna@lookalike.se\r\n"
    ).encode()
    d = decided(config, MemoryState(), parsing.read(raw))
    assert [o.outcome for o in d.outcomes] == ["rejected-not-invited"]


def test_a_participant_cancelling_from_an_uninvited_address_is_not_ignored(config: Config) -> None:
    state = MemoryState()
    d = decided(config, state, email(participants=(person("Åsa Öberg", "asa@gmail.com"),)))
    state.upsert(d.registrations)
    raw = (
        "From: Åsa Öberg <asa@gmail.com>\r\nTo: anmalan@lansstyrelsen.example\r\n"
        "Subject: Återbud\r\nMessage-ID: <cancel@gmail.com>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Hej, jag måste tyvärr lämna återbud.\r\n"
    ).encode()
    d = decided(config, state, parsing.read(raw))
    assert [o.outcome for o in d.outcomes] == ["cancelled"]


# --------------------------------------------------------------------------- property


WORDS = st.sampled_from(
    [
        "Hej",
        "faktura",
        "förfallen",
        "betala",
        "lösenord",
        "verify",
        "your",
        "account",
        "nyhetsbrev",
        "anmälan",
        "delta",
        "seminariet",
        "attend",
        "register",
        "Tack",
        "klicka",
        "här",
        "plats",
        "offert",
        "rabatt",
    ]
)
TEXT = st.lists(WORDS, max_size=12).map(" ".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=TEXT, text=TEXT, domain=st.sampled_from(["spamhost.example", "evil-huddinge.se"]))
def test_an_uninvited_sender_is_answered_only_when_the_message_asks_to_register(
    tmp_path_factory: pytest.TempPathFactory, subject: str, text: str, domain: str
) -> None:
    config = make_config(tmp_path_factory.mktemp("c"))
    message = email(sender=f"x@{domain}", subject=subject, text=text)
    d = decided(config, MemoryState(), message)
    asks = intent.signs_of_registering(subject, text.splitlines())
    assert bool(d.mails) == asks
    assert [o.outcome for o in d.outcomes] == (["rejected-not-invited"] if asks else ["ignored"])
    assert d.registrations == ()
