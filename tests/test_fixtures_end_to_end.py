"""Every fixture through the whole pipeline with the shipped example config (SPEC §3–§11).

Each row: the fixture, the fixtures processed before it (the state it needs), and the outcomes it
must end with, as (outcome, rule, participant). Run in a fresh database each, at a time before the
deadline unless the row says otherwise.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from mailbot import config as config_mod
from mailbot import pipeline
from mailbot.model import Outcome
from mailbot.store import Store

from support import FIXTURES, REPO, at, present

ON_TIME = at("2022-09-01 10:00")
TRUSTED = "mx.lansstyrelsen.example"

CASES: list[tuple[str, tuple[str, ...], list[tuple[str, str, str | None]]]] = [
    ("register-one-plain", (), [("confirmed", "register/key-block", "maria.oberg@huddinge.se")]),
    (
        "register-outlook-html-only",
        (),
        [
            ("confirmed", "register/key-block", "fatima.hassan@botkyrka.se"),
            ("confirmed", "register/key-block", "asa.kallstrom@botkyrka.se"),
        ],
    ),
    (
        "register-qp-iso-8859-1",
        (),
        [("confirmed", "register/key-block", "asa.kallstrom@botkyrka.se")],
    ),
    (
        "register-base64-utf8",
        (),
        [("confirmed", "register/key-block", "bjorn.stahl@regionstockholm.se")],
    ),
    (
        "register-windows-1252-aao",
        (),
        [("confirmed", "register/key-block", "jorgen.hagg@tullverket.se")],
    ),
    (
        "register-encoded-word-headers",
        (),
        [("confirmed", "register/key-block", "asa.oberg@huddinge.se")],
    ),
    (
        "register-five-participants-huddinge",
        (),
        [
            *[("confirmed", "register/key-block", None)] * 4,
            ("waitlisted", "waitlist/key-block", None),
        ],
    ),
    (
        "register-english-keys",
        (),
        [("confirmed", "register/key-block", "david.wilson@regionstockholm.se")],
    ),
    (
        "register-with-signature",
        (),
        [("confirmed", "register/key-block", "kristina.angqvist@polisen.se")],
    ),
    (
        "register-quoted-reply-outlook-sv",
        (),
        [("confirmed", "register/key-block", "ahmed.ali@stockholm.se")],
    ),
    (
        "register-quoted-gmail-en",
        (),
        [("confirmed", "register/key-block", "emma.johansson@kriminalvarden.se")],
    ),
    (
        "register-apple-mail-quoted-sv",
        (),
        [("confirmed", "register/key-block", "linnea.gronberg@stockholm.se")],
    ),
    (
        "register-table-keys-html",
        (),
        [("confirmed", "register/table", "kristina.angqvist@polisen.se")],
    ),
    (
        "register-bold-keys-html",
        (),
        [
            ("confirmed", "register/key-block", "ahmed.ali@stockholm.se"),
            ("confirmed", "register/key-block", "linnea.gronberg@stockholm.se"),
        ],
    ),
    (
        "nested-multipart-with-attachment",
        (),
        [("confirmed", "register/key-block", "lena.sjostrom@huddinge.se")],
    ),
    (
        "shared-domain-rinkeby-kista",
        (),
        [
            ("confirmed", "register/key-block", "ahmed.ali@stockholm.se"),
            ("confirmed", "register/key-block", "linnea.gronberg@stockholm.se"),
        ],
    ),
    (
        "shared-domain-police-jarva",
        (),
        [
            ("confirmed", "register/key-block", "kristina.angqvist@polisen.se"),
            ("confirmed", "register/key-block", "mikael.sjogren@polisen.se"),
        ],
    ),
    ("shared-domain-ambiguous", (), [("needs-info", "shared-domain-no-match", None)]),
    (
        "subdomain-sender",
        (),
        [("confirmed", "register/key-block", "erik.hakansson@socialtjansten.huddinge.se")],
    ),
    ("lookalike-domain-evil-huddinge", (), [("rejected-not-invited", "not-invited", None)]),
    ("lookalike-domain-huddinge-se-evil-com", (), [("rejected-not-invited", "not-invited", None)]),
    ("display-name-domain-trick", (), [("rejected-not-invited", "not-invited", None)]),
    ("not-invited-gmail", (), [("rejected-not-invited", "not-invited", None)]),
    (
        "duplicate-participant-twice",
        (),
        [("confirmed", "register/key-block", "Maria.Oberg@huddinge.se")],
    ),
    (
        "invalid-participant-email",
        (),
        [
            ("needs-info", "invalid-email", "jonas.larka@botkyrka"),
            ("needs-info", "invalid-email", "fatima.hassan(at)botkyrka.se"),
            ("confirmed", "register/key-block", "asa.kallstrom@botkyrka.se"),
        ],
    ),
    ("other-seminar-requested", (), [("forwarded", "other-seminar", "lena.sjostrom@huddinge.se")]),
    (
        "self-registration-no-block",
        (),
        [("confirmed", "register/sender", "karin.ek@tullverket.se")],
    ),
    ("self-registration-no-display-name", (), [("needs-info", "missing-name", None)]),
    (
        "self-registration-contact-signature",
        (),
        [("confirmed", "register/sender", "lars.bjork@regionstockholm.se")],
    ),
    ("forwarded-registration", (), [("forwarded", "reply-to-conversation", None)]),
    ("forwarded-registration-outlook-sv", (), [("forwarded", "reply-to-conversation", None)]),
    ("reply-to-bot-sv", (), [("forwarded", "reply-to-conversation", None)]),
    ("reply-re-subject-no-block", (), [("forwarded", "reply-to-conversation", None)]),
    (
        "cancel-by-subject",
        ("register-one-plain",),
        [("cancelled", "cancel-registering-sender", "maria.oberg@huddinge.se")],
    ),
    (
        "cancel-by-first-line",
        ("outlook-long-message-id",),
        [("cancelled", "cancel-registering-sender", "johan.akesson@huddinge.se")],
    ),
    (
        "cancel-english-first-line",
        ("register-quoted-gmail-en",),
        [("cancelled", "cancel-own-address", "emma.johansson@kriminalvarden.se")],
    ),
    (
        "cancel-own-no-block",
        ("self-registration-no-block",),
        [("cancelled", "cancel-own-address", "karin.ek@tullverket.se")],
    ),
    ("cancel-by-subject", (), [("needs-info", "not-registered", "maria.oberg@huddinge.se")]),
    (
        "substitute-ersatter",
        ("register-one-plain",),
        [
            ("substituted", "substitute-registering-sender", None),
            ("cancelled", "substituted-by", "maria.oberg@huddinge.se"),
        ],
    ),
    # The fixture returns a Message-ID the bot never sent (its own ids are random): §10 as
    # amended calls that backscatter; the bounce of the real confirmation is tested below.
    ("bounce-dsn-of-confirmation", ("register-one-plain",), [("ignored", "backscatter", None)]),
    ("bounce-dsn-exchange-headers-only", (), [("ignored", "backscatter", None)]),
    ("no-reply-auto-submitted", (), [("ignored", "auto-submitted", None)]),
    ("no-reply-precedence-bulk", (), [("ignored", "precedence", None)]),
    ("no-reply-list-header", (), [("ignored", "list-header", None)]),
    ("no-reply-x-auto-response-suppress", (), [("ignored", "auto-response-suppress", None)]),
    ("no-reply-return-path-empty", (), [("ignored", "empty-return-path", None)]),
    ("no-reply-mailer-daemon", (), [("ignored", "empty-return-path", None)]),
    ("no-reply-noreply-sender", (), [("ignored", "system-sender", None)]),
    ("no-reply-own-address", (), [("ignored", "own-address", None)]),
    ("out-of-office-exchange-sv", (), [("ignored", "auto-submitted", None)]),
    ("out-of-office-exchange-en", (), [("ignored", "auto-submitted", None)]),
    ("garbage-bytes", (), [("ignored", "no-sender", None)]),
    ("no-from-header", (), [("ignored", "no-sender", None)]),
    ("bad-base64", (), [("confirmed", "register/key-block", "sofia.backstrom@huddinge.se")]),
    (
        "unknown-charset",
        (),
        [("confirmed", "register/key-block", "bjorn.stahl@regionstockholm.se")],
    ),
    (
        "unknown-charset-latin1-bytes",
        (),
        [("confirmed", "register/key-block", "jorgen.hagg@tullverket.se")],
    ),
    ("header-injection-name", (), [("confirmed", "register/key-block", "eva.ek@huddinge.se")]),
    (
        "outlook-long-message-id",
        (),
        [("confirmed", "register/key-block", "johan.akesson@huddinge.se")],
    ),
    (
        "outlook-bracket-message-id",
        (),
        [("confirmed", "register/key-block", "jorgen.hagg@tullverket.se")],
    ),
    (
        "register-lf-line-endings",
        (),
        [("confirmed", "register/key-block", "jorgen.hagg@tullverket.se")],
    ),
]


@pytest.fixture
def event(tmp_path: Path) -> config_mod.Config:
    shutil.copy(REPO / "mailbot" / "examples" / "config.toml", tmp_path / "config.toml")
    shutil.copytree(REPO / "mailbot" / "templates", tmp_path / "templates")
    return config_mod.load(tmp_path / "config.toml", {})


def outcomes_of(
    config: config_mod.Config, name: str, before: tuple[str, ...], when: dt.datetime = ON_TIME
) -> tuple[tuple[Outcome, ...], Store]:
    with Store(config.bot.database) as store:
        for setup in before:
            pipeline.handle(store, config, (FIXTURES / f"{setup}.eml").read_bytes(), when)
        result = pipeline.handle(store, config, (FIXTURES / f"{name}.eml").read_bytes(), when)
        assert result.status == "handled", result
        return result.outcomes, store


@pytest.mark.parametrize(
    ("name", "before", "expected"),
    CASES,
    ids=[f"{c[0]}{'-after-' + '-'.join(c[1]) if c[1] else ''}" for c in CASES],
)
def test_fixture_ends_in_the_outcomes_the_spec_gives(
    event: config_mod.Config,
    name: str,
    before: tuple[str, ...],
    expected: list[tuple[str, str, str | None]],
) -> None:
    outcomes, _ = outcomes_of(event, name, before)
    got = [
        (o.outcome, o.rule, o.participant if e[2] is not None else None)
        for o, e in zip(outcomes, expected, strict=False)
    ]
    assert got == expected and len(outcomes) == len(expected)


def test_the_fixtures_cover_at_least_forty_real_messages() -> None:
    assert len({c[0] for c in CASES}) >= 40
    assert len(list(FIXTURES.glob("*.eml"))) >= 40


def test_the_deadline_edge_fixture_is_on_time_at_23_59_59_and_closed_at_midnight(
    event: config_mod.Config,
) -> None:
    on_time, _ = outcomes_of(event, "deadline-edge", (), at("2022-09-04 23:59:59"))
    assert on_time[0].outcome == "confirmed"


def test_the_deadline_edge_fixture_one_second_later_is_closed(event: config_mod.Config) -> None:
    late, _ = outcomes_of(event, "deadline-edge", (), at("2022-09-05 00:00:00"))
    assert [(o.outcome, o.rule) for o in late] == [("rejected-closed", "deadline-passed")]


def test_a_bounce_marks_the_participant_address_as_bouncing(event: config_mod.Config) -> None:
    """The report returns the confirmation the bot really queued (its Message-ID put in)."""
    with Store(event.bot.database) as store:
        pipeline.handle(store, event, (FIXTURES / "register-one-plain.eml").read_bytes(), ON_TIME)
        (sent,) = [r for r in store.outbox.rows() if r.kind == "confirmed"]
        report = (FIXTURES / "bounce-dsn-of-confirmation.eml").read_bytes()
        report = report.replace(
            b"<mailbot-reply-0001@lansstyrelsen.example>", sent.message_id.encode()
        )
        result = pipeline.handle(store, event, report, ON_TIME)
        assert [(o.outcome, o.rule, o.participant) for o in result.outcomes] == [
            ("ignored", "delivery-report", "maria.oberg@huddinge.se")
        ]
        assert present(store.registration("2022-09-14", "maria.oberg@huddinge.se")).bouncing


def test_a_bounce_of_mail_the_bot_did_not_send_marks_no_one_as_bouncing(
    event: config_mod.Config,
) -> None:
    with Store(event.bot.database) as store:
        pipeline.handle(store, event, (FIXTURES / "register-one-plain.eml").read_bytes(), ON_TIME)
        report = (FIXTURES / "bounce-dsn-of-confirmation.eml").read_bytes()
        pipeline.handle(store, event, report, ON_TIME)
        assert not present(store.registration("2022-09-14", "maria.oberg@huddinge.se")).bouncing


@pytest.fixture
def strict(event: config_mod.Config) -> config_mod.Config:
    return dataclasses.replace(
        event, security=dataclasses.replace(event.security, trusted_authserv_ids=(TRUSTED,))
    )


def test_a_genuine_dmarc_pass_from_the_trusted_server_books(strict: config_mod.Config) -> None:
    outcomes, _ = outcomes_of(strict, "auth-results-dmarc-pass", ())
    assert outcomes[0].outcome == "confirmed"


def test_a_microsoft_365_header_without_authserv_id_is_never_a_pass(
    strict: config_mod.Config,
) -> None:
    outcomes, _ = outcomes_of(strict, "auth-results-m365-no-authserv-id", ())
    assert [(o.outcome, o.rule) for o in outcomes] == [("ignored", "unauthenticated")]
