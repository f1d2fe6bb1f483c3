"""The corpus itself (`tests/corpus/`): its table is complete, its fixtures are what `build.py`
writes, and the judge calls a wrong booking wrong. These hold today, unlike `test_corpus.py`."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))

import build  # noqa: E402
import expect  # noqa: E402
import judge  # noqa: E402

CASES = judge.load()
BY_NAME = {c.name: c for c in CASES}
FORMS = {"key-block", "list", "line", "table", "attachment", "prose", "sender", "none"}
HUDDINGE = "Huddinge kommun"


def booking(email: str, name: str, status: str = "confirmed") -> judge.Booking:
    return judge.Booking(email, name, status, HUDDINGE, "2022-09-14")


LISA = booking("lisa.berg@huddinge.se", "Lisa Berg")
ANNA = booking("anna.lindqvist@huddinge.se", "Anna Lindqvist")
MARIA = booking("maria.lundgren@huddinge.se", "Maria Lundgren")
TWO = BY_NAME["kb-outlook-two-blocks-huddinge"]


def observed(
    *bookings: judge.Booking,
    outcomes: Iterable[tuple[str, str | None]] = (),
    languages: Iterable[str] = ("sv",),
) -> judge.Observed:
    return judge.Observed(tuple(bookings), tuple(outcomes), tuple(languages))


def test_the_corpus_holds_over_110_fixtures_each_with_one_entry() -> None:
    files = sorted(p.stem for p in judge.FIXTURES.glob("*.eml"))
    assert len(CASES) >= 110
    assert files == sorted(BY_NAME)


def test_every_entry_names_a_known_form_language_and_setup() -> None:
    for case in CASES:
        assert case.form in FORMS, case.name
        assert case.language in ("sv", "en"), case.name
        assert all(s in BY_NAME for s in case.setup), case.name
        assert case.ask == any(o == "needs-info" for o, _ in case.outcomes), case.name


def test_setup_mail_arrives_before_the_mail_that_depends_on_it() -> None:
    for case in CASES:
        for name in case.setup:
            before = dt.datetime.fromisoformat(BY_NAME[name].received)
            assert before < dt.datetime.fromisoformat(case.received), case.name


def test_the_corpus_covers_every_form_in_swedish_and_english() -> None:
    covered = {(c.form, c.language) for c in CASES}
    for form in FORMS - {"none"}:
        assert (form, "sv") in covered and (form, "en") in covered, form


@pytest.mark.parametrize("case", build.all_cases(), ids=lambda c: c.name)
def test_each_fixture_is_what_build_py_writes(case: expect.Case) -> None:
    assert (build.FIXTURES / f"{case.name}.eml").read_bytes() == build.render(case)


def test_the_table_is_what_build_py_writes() -> None:
    expected = build.expected_toml(build.all_cases())
    assert (CORPUS / "expected.toml").read_text(encoding="utf-8") == expected


def test_the_expected_bookings_and_outcomes_judge_exact() -> None:
    got = observed(LISA, ANNA, outcomes=[("confirmed", LISA.email), ("confirmed", ANNA.email)])
    assert judge.classify(TWO, got).kind == "exact"


def test_the_sender_booked_in_place_of_the_listed_people_is_wrong() -> None:
    verdict = judge.classify(TWO, observed(MARIA, outcomes=[("confirmed", MARIA.email)]))
    assert verdict.kind == "wrong"
    assert any("maria.lundgren@huddinge.se" in r and "not meant" in r for r in verdict.reasons)
    assert any("silently missed" in r for r in verdict.reasons)


def test_asking_about_people_meant_without_booking_anyone_wrong_is_asked() -> None:
    verdict = judge.classify(TWO, observed(outcomes=[("needs-info", None)]))
    assert verdict.kind == "asked"


def test_asking_while_booking_the_sender_is_still_wrong() -> None:
    got = observed(MARIA, outcomes=[("confirmed", MARIA.email), ("needs-info", None)])
    assert judge.classify(TWO, got).kind == "wrong"


def test_no_question_where_the_table_says_a_human_must_ask_is_wrong() -> None:
    case = BY_NAME["shared-police-nowhere-asks"]
    assert judge.classify(case, observed(outcomes=[("ignored", None)])).kind == "wrong"
    assert judge.classify(case, observed(outcomes=[("needs-info", None)])).kind == "exact"


def test_cancelling_someone_not_meant_is_wrong() -> None:
    case = BY_NAME["cancel-aterbud-name-in-subject-huddinge"]
    wrong = observed(LISA, booking(ANNA.email, ANNA.name, "cancelled"),
                     outcomes=[("cancelled", ANNA.email)])  # fmt: skip
    right = observed(booking(LISA.email, LISA.name, "cancelled"), ANNA,
                     outcomes=[("cancelled", LISA.email)])  # fmt: skip
    assert judge.classify(case, wrong).kind == "wrong"
    assert judge.classify(case, right).kind == "exact"


def test_a_name_left_in_efternamn_fornamn_order_or_a_reply_in_the_wrong_language_is_not_exact() -> (
    None
):
    case = BY_NAME["sender-efternamn-fornamn-display-name-huddinge"]
    turned = booking("johan.persson@huddinge.se", "Persson Johan")
    assert (
        judge.classify(case, observed(turned, outcomes=[("confirmed", turned.email)])).kind
        == "wrong"
    )
    english = BY_NAME["sender-english-id-like-to-attend-kriminalvarden"]
    oliver = judge.Booking(
        "oliver.grant@kriminalvarden.se",
        "Oliver Grant",
        "confirmed",
        "Kriminalvården",
        "2022-09-14",
    )
    got = observed(oliver, outcomes=[("confirmed", oliver.email)], languages=("sv",))
    assert "replied in sv, expected en" in judge.classify(english, got).reasons


def test_the_judge_runs_a_fixture_through_mailbot_process_with_its_setup() -> None:
    case = BY_NAME["subst-when-actor-full-haninge"]
    got = judge.run(case, BY_NAME)
    assert got.error is None
    assert ("substituted", "sven.ny@haninge.se") in got.outcomes
    assert len(got.bookings) == 6


def test_a_reply_fixture_is_threaded_to_the_confirmation_its_setup_sent() -> None:
    case = BY_NAME["reply-tack-to-confirmation-forwarded"]
    got = judge.run(case, BY_NAME)
    assert got.error is None and got.outcomes == (("forwarded", None),)


@pytest.mark.parametrize("case", build.all_cases(), ids=lambda c: c.name)
def test_each_fixture_parses_with_its_text_and_attachments_intact(case: expect.Case) -> None:
    raw = (build.FIXTURES / f"{case.name}.eml").read_bytes()
    msg = message_from_bytes(raw, policy=default_policy)
    assert not msg.defects and all(not part.defects for part in msg.walk())
    body = msg.get_body(("html", "plain"))
    assert body is not None and body.get_content().strip()
    got = {
        part.get_filename(): part.get_payload(decode=True)
        for part in msg.iter_attachments()
        if part.get_content_type() != "message/disposition-notification"  # a report's own part
    }
    assert got == {a.filename: a.data for a in case.mail.attachments}
