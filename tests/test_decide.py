"""The registration decision (SPEC §4–§6, §10, §11), tested as a pure function of values."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from mailbot.config import Config
from mailbot.decide import Inbound, decide
from mailbot.model import Decision
from mailbot.parsing import BounceReport, Email, ParticipantBlock
from mailbot.state import MemoryState

from support import ORGANISER, at, date, email, make_config, person, present

ON_TIME = at("2022-09-01 10:00")


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def run(
    config: Config, state: MemoryState, message: Email, received: dt.datetime = ON_TIME
) -> Decision:
    """Decide and apply to the in-memory state, as the store would."""
    decision = decide(Inbound(message, received), state, config, received)
    state.upsert(decision.registrations)
    for mail in decision.mails:
        if mail.to != (ORGANISER,):
            state.sent.append((present(message.sender).key, received))
    return decision


def kinds(decision: Decision) -> list[str]:
    return [o.outcome for o in decision.outcomes]


def five_people(domain: str = "huddinge.se") -> tuple[ParticipantBlock, ...]:
    return tuple(person(f"Person {i}", f"p{i}@{domain}") for i in range(1, 6))


# --------------------------------------------------------------------------- seats


def test_participant_of_an_invited_actor_is_confirmed(config: Config) -> None:
    d = run(
        config, MemoryState(), email(participants=(person("Åsa Öberg", "asa.oberg@huddinge.se"),))
    )
    assert kinds(d) == ["confirmed"]
    assert d.outcomes[0].participant == "asa.oberg@huddinge.se"
    assert d.actor == "Huddinge kommun"


def test_fifth_participant_of_a_four_seat_actor_is_waitlisted(config: Config) -> None:
    d = run(config, MemoryState(), email(participants=five_people()))
    assert kinds(d) == ["confirmed"] * 4 + ["waitlisted"]
    assert d.outcomes[4].participant == "p5@huddinge.se"


def test_seats_are_taken_in_the_order_participants_stand_across_messages(config: Config) -> None:
    state = MemoryState()
    run(config, state, email(participants=five_people()[:3]))
    d = run(
        config,
        state,
        email(
            message_id="<m2@x>",
            participants=(person("A", "a@huddinge.se"), person("B", "b@huddinge.se")),
        ),
    )
    assert kinds(d) == ["confirmed", "waitlisted"]
    assert state.confirmed_count("Huddinge kommun", "2022-09-14") == 4


def test_seats_of_an_actor_override_the_kind_default(config: Config) -> None:
    people = tuple(person(f"T{i}", f"t{i}@tullverket.se") for i in range(4))
    d = run(config, MemoryState(), email(sender="reg@tullverket.se", participants=people))
    assert kinds(d) == ["confirmed"] * 3 + ["waitlisted"]


def test_full_actor_is_rejected_when_the_seminar_has_no_waitlist(config: Config) -> None:
    config = dataclasses.replace(
        config, seminars=tuple(dataclasses.replace(s, waitlist=False) for s in config.seminars)
    )
    d = run(config, MemoryState(), email(participants=five_people()))
    assert kinds(d)[-1] == "rejected-full"


def test_same_address_again_is_a_duplicate_found_case_insensitively(config: Config) -> None:
    state = MemoryState()
    run(config, state, email(participants=(person("Åsa", "Asa.Oberg@huddinge.se"),)))
    d = run(
        config,
        state,
        email(message_id="<m2@x>", participants=(person("Åsa", "asa.oberg@HUDDINGE.se"),)),
    )
    assert kinds(d) == ["duplicate"]
    assert state.confirmed_count("Huddinge kommun", "2022-09-14") == 1


def test_confirmation_goes_to_the_participant_with_the_sender_in_cc(config: Config) -> None:
    d = run(config, MemoryState(), email(participants=(person("Åsa", "asa@huddinge.se"),)))
    (mail,) = d.mails
    assert mail.kind == "confirmed" and mail.to == ("asa@huddinge.se",)
    assert mail.cc == ("karin.lind@huddinge.se",)
    assert mail.calendar == ("2022-09-14", "asa@huddinge.se", "Åsa")


def test_waitlist_reply_goes_to_the_sender(config: Config) -> None:
    """§9 as amended: about several people, the waitlist is told in the sender's one summary."""
    d = run(config, MemoryState(), email(participants=five_people()))
    assert d.mails[-1].kind == "summary" and d.mails[-1].to == ("karin.lind@huddinge.se",)
    waiting = d.mails[-1].context["groups"]["waiting"]
    assert [e["email"] for e in waiting] == ["p5@huddinge.se"]
    assert "waitlisted" not in [m.kind for m in d.mails]


# --------------------------------------------------------------------------- who may register


def test_sender_outside_every_invited_domain_is_rejected_as_not_invited(config: Config) -> None:
    d = run(
        config,
        MemoryState(),
        email(sender="someone@gmail.com", participants=five_people("gmail.com")[:1]),
    )
    assert kinds(d) == ["rejected-not-invited"]
    assert d.outcomes[0].participant is None
    assert d.registrations == ()


@pytest.mark.parametrize("domain", ["evil-huddinge.se", "huddinge.se.evil.com", "xhuddinge.se"])
def test_lookalike_domains_are_not_invited(config: Config, domain: str) -> None:
    d = run(
        config, MemoryState(), email(sender=f"karin@{domain}", participants=five_people(domain)[:1])
    )
    assert kinds(d) == ["rejected-not-invited"]


def test_subdomain_of_an_invited_domain_belongs_to_that_actor(config: Config) -> None:
    d = run(
        config,
        MemoryState(),
        email(sender="karin@socialtjansten.huddinge.se", participants=five_people()[:1]),
    )
    assert kinds(d) == ["confirmed"] and d.actor == "Huddinge kommun"


def test_exact_address_of_an_actor_wins_over_its_domain(config: Config) -> None:
    d = run(
        config,
        MemoryState(),
        email(
            sender="registrator@example-shared.se",
            participants=five_people("example-shared.se")[:1],
        ),
    )
    assert d.actor == "Tullverket"


def test_shared_domain_is_told_apart_by_the_organisation_written(config: Config) -> None:
    people = (
        person("Leila", "leila@stockholm.se", organisation="Rinkeby-Kista stadsdelsförvaltning"),
    )
    d = run(
        config,
        MemoryState(),
        email(
            sender="k@stockholm.se",
            participants=people,
            organisation="Rinkeby-Kista stadsdelsförvaltning",
        ),
    )
    assert d.actor == "Rinkeby-Kista stadsdelsförvaltning" and kinds(d) == ["confirmed"]


def test_organisation_matches_whatever_its_case_accents_and_punctuation(config: Config) -> None:
    d = run(
        config,
        MemoryState(),
        email(
            sender="k@stockholm.se",
            participants=(person("Leila", "leila@stockholm.se"),),
            organisation="SPANGA TENSTA sdf",
        ),
    )
    assert d.actor == "Spånga-Tensta stadsdelsförvaltning"


def test_shared_domain_without_an_organisation_needs_info_listing_the_candidates(
    config: Config,
) -> None:
    d = run(
        config,
        MemoryState(),
        email(sender="k@stockholm.se", participants=(person("Leila", "leila@stockholm.se"),)),
    )
    assert kinds(d) == ["needs-info"]
    assert d.outcomes[0].participant is None
    assert "Rinkeby-Kista" in (d.outcomes[0].reason or "") and "Spånga-Tensta" in (
        d.outcomes[0].reason or ""
    )
    assert d.registrations == ()


def test_organisation_naming_two_actors_equally_needs_info(config: Config) -> None:
    d = run(
        config,
        MemoryState(),
        email(
            sender="k@stockholm.se",
            participants=(person("L", "l@stockholm.se"),),
            organisation="Rinkeby-Kista och Spånga-Tensta",
        ),
    )
    assert kinds(d) == ["needs-info"] and d.outcomes[0].rule == "shared-domain-tie"


def test_longest_matching_alias_wins(config: Config) -> None:
    d = run(
        config,
        MemoryState(),
        email(
            sender="k@stockholm.se",
            participants=(person("L", "l@stockholm.se"),),
            organisation="Rinkeby-Kista sdf",
        ),
    )
    assert d.actor == "Rinkeby-Kista stadsdelsförvaltning"


# --------------------------------------------------------------------------- deadline (§7)


def test_registration_received_at_the_deadline_second_is_on_time(config: Config) -> None:
    d = run(config, MemoryState(), email(participants=five_people()[:1]), at("2022-09-04 23:59:59"))
    assert kinds(d) == ["confirmed"]


def test_registration_received_one_second_after_the_deadline_is_closed(config: Config) -> None:
    d = run(config, MemoryState(), email(participants=five_people()[:1]), at("2022-09-05 00:00:00"))
    assert kinds(d) == ["rejected-closed"]
    assert d.mails[0].kind == "rejected-closed"


# --------------------------------------------------------------------------- cancel and substitute (§5)


def test_cancelling_frees_the_seat_and_promotes_the_first_waitlisted(config: Config) -> None:
    state = MemoryState()
    run(config, state, email(participants=(*five_people(), person("P6", "p6@huddinge.se"))))
    d = run(
        config,
        state,
        email(
            message_id="<c@x>",
            subject="Avanmälan",
            intent="cancel",
            participants=(person(None, "p2@huddinge.se"),),
        ),
        at("2022-09-06 09:00"),
    )
    assert kinds(d) == ["cancelled", "promoted"]
    assert d.outcomes[1].participant == "p5@huddinge.se"
    promotion = next(m for m in d.mails if m.kind == "promoted")
    assert (
        promotion.answers is False
        and promotion.to == ("p5@huddinge.se",)
        and promotion.cc == ("karin.lind@huddinge.se",)
    )
    assert present(state.registration("2022-09-14", "p6@huddinge.se")).status == "waitlisted"


def test_cancellation_without_a_block_cancels_the_senders_own_registration(config: Config) -> None:
    state = MemoryState()
    run(config, state, email(sender="asa@huddinge.se", display_name="Åsa Öberg"))
    d = run(config, state, email(sender="asa@huddinge.se", message_id="<c@x>", intent="cancel"))
    assert kinds(d) == ["cancelled"]


def test_cancellation_from_another_actor_is_not_allowed(config: Config) -> None:
    state = MemoryState()
    run(config, state, email(participants=five_people()[:1]))
    d = run(
        config,
        state,
        email(
            sender="x@botkyrka.se",
            message_id="<c@x>",
            intent="cancel",
            participants=(person(None, "p1@huddinge.se"),),
        ),
    )
    assert kinds(d) == ["rejected-not-allowed"]
    assert present(state.registration("2022-09-14", "p1@huddinge.se")).status == "confirmed"


def test_cancelling_an_address_that_is_not_registered_needs_info(config: Config) -> None:
    d = run(
        config,
        MemoryState(),
        email(intent="cancel", participants=(person(None, "nobody@huddinge.se"),)),
    )
    assert kinds(d) == ["needs-info"] and d.outcomes[0].rule == "not-registered"


def test_substitute_takes_the_seat_of_a_full_actor_after_the_deadline(config: Config) -> None:
    state = MemoryState()
    run(config, state, email(participants=five_people()))
    sub = person("Ny Person", "ny@huddinge.se", replaces="p1@huddinge.se")
    d = run(
        config,
        state,
        email(message_id="<s@x>", intent="substitute", participants=(sub,)),
        at("2022-09-10 12:00"),
    )
    assert kinds(d) == ["substituted", "cancelled"]
    assert present(state.registration("2022-09-14", "ny@huddinge.se")).status == "confirmed"
    assert present(state.registration("2022-09-14", "p1@huddinge.se")).status == "cancelled"
    assert state.confirmed_count("Huddinge kommun", "2022-09-14") == 4
    assert {m.kind for m in d.mails} == {"substituted", "replaced"}


def test_substitution_after_the_seminar_started_is_closed(config: Config) -> None:
    state = MemoryState()
    run(config, state, email(participants=five_people()[:1]))
    sub = person("Ny", "ny@huddinge.se", replaces="p1@huddinge.se")
    d = run(
        config,
        state,
        email(message_id="<s@x>", intent="substitute", participants=(sub,)),
        at("2022-09-14 13:00"),
    )
    assert kinds(d) == ["rejected-closed"]


# --------------------------------------------------------------------------- seminars (§6)


def test_block_asking_for_another_seminar_is_forwarded_and_pending(config: Config) -> None:
    d = run(
        config,
        MemoryState(),
        email(
            participants=(
                person("Åsa", "asa@huddinge.se", seminar="15 september", seminar_date=date(9, 15)),
            )
        ),
    )
    assert kinds(d) == ["forwarded"]
    assert d.registrations[0].status == "pending" and d.registrations[0].seminar == "2022-09-15"
    assert {m.kind for m in d.mails} == {"forwarded", "forward-seminar-request"}


def test_block_naming_the_actors_own_seminar_is_booked(config: Config) -> None:
    d = run(
        config,
        MemoryState(),
        email(
            participants=(
                person("Åsa", "asa@huddinge.se", seminar="14/9", seminar_date=date(9, 14)),
            )
        ),
    )
    assert kinds(d) == ["confirmed"]


def test_block_naming_a_date_with_no_seminar_needs_info(config: Config) -> None:
    d = run(
        config,
        MemoryState(),
        email(
            participants=(
                person("Åsa", "asa@huddinge.se", seminar="1 maj", seminar_date=date(5, 1)),
            )
        ),
    )
    assert kinds(d) == ["needs-info"]


# --------------------------------------------------------------------------- §3 self-registration


def test_message_without_a_block_registers_the_sender_by_display_name(config: Config) -> None:
    d = run(config, MemoryState(), email(sender="asa@huddinge.se", display_name="Åsa Öberg"))
    assert kinds(d) == ["confirmed"] and d.registrations[0].name == "Åsa Öberg"


def test_message_without_a_block_or_display_name_asks_for_the_name(config: Config) -> None:
    d = run(config, MemoryState(), email(sender="asa@huddinge.se", display_name=""))
    assert kinds(d) == ["needs-info"] and d.outcomes[0].rule == "missing-name"


def test_invalid_participant_address_needs_info_and_books_nothing(config: Config) -> None:
    bad = person("Åsa", "asa@@huddinge", email_error="The email address is not valid.")
    d = run(config, MemoryState(), email(participants=(bad,)))
    assert kinds(d) == ["needs-info"] and d.registrations == ()


# --------------------------------------------------------------------------- §10 no reply


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("auto_submitted", "auto-replied", "auto-submitted"),
        ("precedence", "bulk", "precedence"),
        ("precedence", "junk", "precedence"),
        ("precedence", "list", "precedence"),
        ("has_list_headers", True, "list-header"),
        ("x_auto_response_suppress", "OOF, AutoReply", "auto-response-suppress"),
        ("x_auto_response_suppress", "All", "auto-response-suppress"),
        ("return_path", "<>", "empty-return-path"),
    ],
)
def test_loop_headers_are_recorded_and_never_answered(
    config: Config, field: str, value: str | bool, rule: str
) -> None:
    header: dict[str, Any] = {field: value}
    d = run(config, MemoryState(), email(participants=five_people()[:1], **header))
    assert [(o.outcome, o.rule) for o in d.outcomes] == [("ignored", rule)]
    assert d.mails == () and d.registrations == ()


def test_auto_submitted_no_is_answered(config: Config) -> None:
    d = run(config, MemoryState(), email(participants=five_people()[:1], auto_submitted="no"))
    assert kinds(d) == ["confirmed"]


def test_missing_return_path_is_not_an_empty_one(config: Config) -> None:
    d = run(config, MemoryState(), email(participants=five_people()[:1], return_path=None))
    assert kinds(d) == ["confirmed"]


@pytest.mark.parametrize(
    "sender",
    [
        "MAILER-DAEMON@huddinge.se",
        "postmaster@huddinge.se",
        "noreply@huddinge.se",
        "no-reply@huddinge.se",
        "list-request@huddinge.se",
        "owner-list@huddinge.se",
        "anmalan@lansstyrelsen.example",
    ],
)
def test_system_senders_and_the_bot_itself_are_never_answered(config: Config, sender: str) -> None:
    d = run(config, MemoryState(), email(sender=sender, participants=five_people()[:1]))
    assert kinds(d) == ["ignored"] and d.mails == ()


def test_reply_to_one_of_the_bots_mails_without_a_block_is_forwarded(config: Config) -> None:
    state = MemoryState(own_messages={"<bot-1@lansstyrelsen.example>": ("asa@huddinge.se",)})
    d = run(config, state, email(subject="Tack!", in_reply_to=("<bot-1@lansstyrelsen.example>",)))
    assert kinds(d) == ["forwarded"] and [m.to for m in d.mails] == [(ORGANISER,)]


@pytest.mark.parametrize(
    "subject", ["Re: Seminariet", "SV: Bekräftelse", "Sv: fråga", "AW: Anmeldung"]
)
def test_reply_subject_without_a_block_is_forwarded_not_self_registered(
    config: Config, subject: str
) -> None:
    d = run(config, MemoryState(), email(subject=subject))
    assert kinds(d) == ["forwarded"] and d.registrations == ()


def test_sender_over_the_reply_cap_gets_no_more_replies_but_keeps_the_bookings(
    config: Config,
) -> None:
    state = MemoryState()
    for i in range(12):
        d = run(
            config,
            state,
            email(message_id=f"<m{i}@x>", participants=(person("P", f"p{i}@huddinge.se"),)),
        )
    assert ("ignored", "reply-cap") in [(o.outcome, o.rule) for o in d.outcomes]
    assert all(m.to == (ORGANISER,) for m in d.mails)
    assert len([r for r in state.registrations if r.status in ("confirmed", "waitlisted")]) == 12


def test_bounce_of_a_confirmation_marks_the_address_and_tells_the_sender(config: Config) -> None:
    state = MemoryState()
    run(config, state, email(participants=(person("Åsa", "asa@huddinge.se"),)))
    state.own_messages["<c1@lansstyrelsen.example>"] = ("asa@huddinge.se",)
    report = BounceReport("<c1@lansstyrelsen.example>", ("asa@huddinge.se",), "failed")
    d = decide(
        Inbound(email(sender="mailer@huddinge.se", message_id="<b@x>", report=report), ON_TIME),
        state,
        config,
        ON_TIME,
    )
    assert d.bouncing == ("asa@huddinge.se",)
    assert d.mails[0].kind == "bounce-notice" and d.mails[0].to == ("karin.lind@huddinge.se",)


# --------------------------------------------------------------------------- §4.4 authentication


TRUSTED = "mx.lansstyrelsen.example"


@pytest.fixture
def strict(config: Config) -> Config:
    return dataclasses.replace(
        config, security=dataclasses.replace(config.security, trusted_authserv_ids=(TRUSTED,))
    )


@pytest.mark.parametrize(
    "headers",
    [
        (),
        (f"{TRUSTED}; dmarc=fail header.from=huddinge.se",),
        ("other.example; dmarc=pass header.from=huddinge.se",),
        (
            "spf=pass (sender IP is 1.2.3.4) smtp.mailfrom=huddinge.se; dmarc=pass header.from=huddinge.se",
        ),
        (
            f"{TRUSTED}; dkim=pass header.d=evil.example",
            f"{TRUSTED}; dmarc=pass header.from=huddinge.se",
        ),
    ],
    ids=["none", "trusted-fail", "untrusted-pass", "m365-unparseable", "forged-below"],
)
def test_unauthenticated_sender_books_nothing_and_gets_no_reply(
    strict: Config, headers: tuple[str, ...]
) -> None:
    d = run(
        strict, MemoryState(), email(participants=five_people()[:1], authentication_results=headers)
    )
    assert [(o.outcome, o.rule) for o in d.outcomes] == [("ignored", "unauthenticated")]
    assert d.registrations == ()
    assert all(m.to == (ORGANISER,) for m in d.mails)


@pytest.mark.parametrize(
    "header",
    [
        f"{TRUSTED}; dmarc=pass header.from=huddinge.se",
        f"{TRUSTED}; dkim=pass header.d=mail.huddinge.se",
    ],
)
def test_authenticated_sender_is_booked(strict: Config, header: str) -> None:
    d = run(
        strict,
        MemoryState(),
        email(participants=five_people()[:1], authentication_results=(header,)),
    )
    assert kinds(d) == ["confirmed"]


def test_organiser_is_told_of_an_unauthenticated_sender_once_a_day(strict: Config) -> None:
    state = MemoryState()
    first = run(strict, state, email(participants=five_people()[:1]))
    state.alerts.update((a.kind, a.key, a.day) for a in first.alerts)
    second = run(strict, state, email(message_id="<m2@x>", participants=five_people()[:1]))
    assert [m.kind for m in first.mails] == ["alert-unauthenticated"] and second.mails == ()
