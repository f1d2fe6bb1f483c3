"""Scheduled work (SPEC §7 deadline report, §8 reminders), tested as a pure function of values."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import email
import email.policy
import io
from pathlib import Path

import pytest

from mailbot import due, timetable
from mailbot.config import Config
from mailbot.model import Decision, Mail
from mailbot.state import MemoryState

from support import ORGANISER, SMALL_CONFIG, STOCKHOLM, at, booking, make_config, present, render

SEMINAR = "2022-09-14"  # starts 13:00 on 14 Sep; reminders P7D (7 Sep 13:00) and P1D (13 Sep 13:00)
P7D = at("2022-09-07 13:00")
P1D = at("2022-09-13 13:00")
STARTS = at("2022-09-14 13:00")
DEADLINE = at("2022-09-04 23:59:59")


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def look(config: Config, state: MemoryState, now: dt.datetime) -> Decision:
    """One look at `now`, applied to the state as the store records it."""
    decision = due.due(config, state, now)
    state.scheduled.update(decision.scheduled)
    return decision


def reminded(decision: Decision) -> list[str]:
    return sorted(m.to[0] for m in decision.mails if m.kind == "reminder")


def reminder_mails(decision: Decision) -> list[Mail]:
    return [m for m in decision.mails if m.kind == "reminder"]


def reports(decision: Decision) -> list[str]:
    return [m.context["seminar"] for m in decision.mails if m.kind == "deadline-report"]


def parse(mail_bytes: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(mail_bytes, policy=email.policy.default)


# --------------------------------------------------------------------------- deadline report


def test_deadline_report_is_due_only_after_the_deadline(config: Config) -> None:
    state = MemoryState([booking("asa@huddinge.se")])
    assert reports(look(config, state, DEADLINE)) == []  # at the deadline is still on time
    assert reports(look(config, state, DEADLINE + dt.timedelta(seconds=1))) == [
        "2022-09-14",
        "2022-09-15",
    ]


def test_deadline_report_is_sent_once(config: Config) -> None:
    state = MemoryState([booking("asa@huddinge.se")])
    first = look(config, state, at("2022-09-05 08:00"))
    assert len(reports(first)) == 2
    assert ("deadline-report", SEMINAR, "2022-09-04T21:59:59+00:00") in first.scheduled
    assert reports(look(config, state, at("2022-09-05 08:00"))) == []
    assert reports(look(config, state, at("2022-09-10 08:00"))) == []


def test_deadline_report_goes_to_the_organiser_as_a_new_message(config: Config) -> None:
    (report, *_) = look(config, MemoryState(), at("2022-09-05 00:00")).mails
    assert report.kind == "deadline-report" and report.to == (ORGANISER,)
    assert report.answers is False and report.language == "sv"


def test_deadline_report_is_not_sent_after_the_seminar_has_ended(config: Config) -> None:
    state = MemoryState([booking("asa@huddinge.se")])
    assert reports(look(config, state, at("2022-09-20 08:00"))) == []


def csv_rows(data: bytes, delimiter: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_report_csv_is_utf8_with_a_bom_and_reads_back_with_swedish_letters(config: Config) -> None:
    state = MemoryState(
        [
            booking(
                "asa.oberg@huddinge.se",
                name="Åsa Öberg",
                title="Socialdirektör",
                organisation="Huddinge kommun, Äldreförvaltningen",
            )
        ]
    )
    (report, _) = look(config, state, at("2022-09-05 00:00")).mails
    (filename, mime, data), (xlsx_name, _, _) = report.attachments  # §7: the .xlsx beside it
    assert filename == "deltagare-2022-09-14.csv" and mime == "text/csv"
    assert xlsx_name == "deltagare-2022-09-14.xlsx"
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel looks for
    header, row = csv_rows(data)
    assert header == [
        "Namn",
        "Befattning",
        "Organisation",
        "Aktör",
        "E-post",
        "Status",
        "Anmäld",
        "Anmäld av",
    ]
    assert row == [
        "Åsa Öberg",
        "Socialdirektör",
        "Huddinge kommun, Äldreförvaltningen",
        "Huddinge kommun",
        "asa.oberg@huddinge.se",
        "bekräftad",
        "2022-09-01 10:00",
        "karin.lind@huddinge.se",
    ]


def test_report_csv_has_one_row_per_person_in_every_status_confirmed_first(config: Config) -> None:
    state = MemoryState(
        [
            booking("c@huddinge.se", "cancelled", registered_at=at("2022-09-01 09:00")),
            booking("w@huddinge.se", "waitlisted", registered_at=at("2022-09-02 09:00")),
            booking("p@botkyrka.se", "pending", actor="Botkyrka kommun"),
            booking("k@huddinge.se", registered_at=at("2022-09-03 09:00")),
            booking("other@botkyrka.se", seminar="2022-09-15", actor="Botkyrka kommun"),
        ]
    )
    (report, _) = look(config, state, at("2022-09-05 00:00")).mails
    rows = csv_rows(report.attachments[0][2])[1:]
    assert [(r[4], r[5]) for r in rows] == [
        ("k@huddinge.se", "bekräftad"),
        ("w@huddinge.se", "väntelista"),
        ("p@botkyrka.se", "väntar på beslut"),
        ("c@huddinge.se", "avanmäld"),
    ]


def test_report_registration_time_is_local_time_of_the_seminar(config: Config) -> None:
    utc = dt.datetime(2022, 9, 1, 21, 30, tzinfo=dt.UTC)  # 23:30 in Stockholm (CEST)
    state = MemoryState([booking("asa@huddinge.se", registered_at=utc)])
    (report, _) = look(config, state, at("2022-09-05 00:00")).mails
    assert csv_rows(report.attachments[0][2])[1][6] == "2022-09-01 23:30"


def test_report_csv_neutralises_cells_that_look_like_formulas(config: Config) -> None:
    state = MemoryState(
        [booking("x@huddinge.se", name='=HYPERLINK("http://evil.example")', title="+46 8 123")]
    )
    (report, _) = look(config, state, at("2022-09-05 00:00")).mails
    row = csv_rows(report.attachments[0][2])[1]
    assert row[0] == '\'=HYPERLINK("http://evil.example")' and row[1] == "'+46 8 123"


def test_report_csv_in_english_uses_commas_and_english_headers(config: Config) -> None:
    config = dataclasses.replace(config, bot=dataclasses.replace(config.bot, language="en"))
    (report, _) = look(
        config, MemoryState([booking("a@huddinge.se")]), at("2022-09-05 00:00")
    ).mails
    assert report.attachments[0][0] == "participants-2022-09-14.csv"
    header, row = csv_rows(report.attachments[0][2], delimiter=",")
    assert header[0] == "Name" and row[5] == "confirmed"


def test_report_body_summarises_seats_waitlist_and_requests(config: Config) -> None:
    people = [
        booking(f"p{i}@huddinge.se", registered_at=at(f"2022-09-01 10:0{i}")) for i in range(4)
    ]
    people += [
        booking(
            "w1@huddinge.se",
            "waitlisted",
            name="Wilma Väntare",
            registered_at=at("2022-09-02 10:00"),
        ),
        booking("w2@huddinge.se", "waitlisted", registered_at=at("2022-09-02 11:00")),
        booking("t1@tullverket.se", actor="Tullverket"),
        booking("bo@botkyrka.se", "pending", name="Bo Önskar", actor="Botkyrka kommun"),
        booking("ann@huddinge.se", "pending", name="Ann Annan", seminar="2022-09-15"),
    ]
    (report, _) = look(config, MemoryState(people), at("2022-09-05 00:00")).mails
    summary = {a["name"]: a for a in report.context["actors"]}
    assert summary["Huddinge kommun"] | {} == {
        "name": "Huddinge kommun",
        "invited": True,
        "seats": 4,
        "used": 4,
        "free": 0,
        "waitlisted": 2,
    }
    assert (summary["Tullverket"]["used"], summary["Tullverket"]["free"]) == (1, 2)
    rendered = render(report, config, at("2022-09-05 00:00"))
    body = present(parse(rendered.raw).get_body(("plain",))).get_content()
    assert "Huddinge kommun: 4 av 4 platser använda, 0 lediga, 2 på väntelistan" in body
    assert "Tullverket: 1 av 3 platser använda, 2 lediga" in body
    assert "1. Wilma Väntare <w1@huddinge.se>, Huddinge kommun" in body
    assert "Bo Önskar <bo@botkyrka.se>, Botkyrka kommun" in body
    assert "mailbot move bo@botkyrka.se --seminar 2022-09-14" in body
    assert "Ann Annan <ann@huddinge.se>, Huddinge kommun: önskar 2022-09-15" in body
    assert rendered.subject.startswith("Deltagarlista efter sista anmälningsdag: Öppna drogscener")


def test_rendered_report_carries_the_csv_bytes_unchanged(config: Config) -> None:
    state = MemoryState([booking("asa@huddinge.se", name="Åsa Öberg")])
    (report, _) = look(config, state, at("2022-09-05 00:00")).mails
    message = parse(render(report, config, at("2022-09-05 00:00")).raw)
    assert message["Auto-Submitted"] == "auto-generated" and message["In-Reply-To"] is None
    (part,) = [
        p for p in message.iter_attachments() if p.get_filename() == "deltagare-2022-09-14.csv"
    ]
    assert part.get_content_type() == "text/csv"
    assert part.get_payload(decode=True) == report.attachments[0][2]


# --------------------------------------------------------------------------- reminders


def test_nothing_is_reminded_before_the_first_reminder_time(config: Config) -> None:
    state = MemoryState([booking("asa@huddinge.se")])
    assert reminded(look(config, state, P7D - dt.timedelta(seconds=1))) == []


def test_participant_confirmed_before_a_reminder_gets_it_once(config: Config) -> None:
    state = MemoryState([booking("asa@huddinge.se")])
    first = look(config, state, P7D)
    assert reminded(first) == ["asa@huddinge.se"]
    assert ("reminder", SEMINAR, "asa@huddinge.se:P7D") in first.scheduled
    assert reminded(look(config, state, P7D)) == []  # the same instant again
    assert reminded(look(config, state, P7D + dt.timedelta(hours=5))) == []
    assert reminded(look(config, state, P1D)) == ["asa@huddinge.se"]  # the next reminder
    assert reminded(look(config, state, P1D + dt.timedelta(hours=1))) == []


def test_registration_after_a_reminder_time_skips_that_reminder(config: Config) -> None:
    state = MemoryState([booking("late@huddinge.se", registered_at=P7D + dt.timedelta(minutes=1))])
    assert reminded(look(config, state, P7D + dt.timedelta(hours=1))) == []
    assert reminded(look(config, state, P1D)) == ["late@huddinge.se"]


def test_confirmed_exactly_at_the_reminder_time_gets_it(config: Config) -> None:
    state = MemoryState([booking("edge@huddinge.se", registered_at=P7D)])
    assert reminded(look(config, state, P7D)) == ["edge@huddinge.se"]


def test_bot_down_across_two_reminder_times_sends_one_catch_up(config: Config) -> None:
    state = MemoryState([booking("asa@huddinge.se")])
    catch_up = look(config, state, P1D + dt.timedelta(hours=2))
    (mail,) = reminder_mails(catch_up)
    assert mail.context["reminder"] == "P1D"
    assert reminded(look(config, state, P1D + dt.timedelta(hours=3))) == []


def test_a_later_reminder_sent_covers_an_earlier_one(config: Config) -> None:
    state = MemoryState([booking("asa@huddinge.se")])
    state.scheduled.add(("reminder", SEMINAR, "asa@huddinge.se:P1D"))
    assert reminded(look(config, state, P7D)) == []


def test_waitlisted_pending_and_cancelled_people_get_no_reminder(config: Config) -> None:
    state = MemoryState(
        [
            booking("w@huddinge.se", "waitlisted"),
            booking("p@botkyrka.se", "pending", actor="Botkyrka kommun"),
            booking("c@huddinge.se", "cancelled", confirmed_at=at("2022-09-01 10:00")),
            booking("k@huddinge.se"),
        ]
    )
    assert reminded(look(config, state, P7D)) == ["k@huddinge.se"]


def test_participant_cancelled_before_the_reminder_gets_none(config: Config) -> None:
    state = MemoryState([booking("asa@huddinge.se")])
    assert reminded(look(config, state, P7D)) == ["asa@huddinge.se"]
    state.upsert([dataclasses.replace(state.registrations[0], status="cancelled")])
    assert reminded(look(config, state, P1D)) == []


def test_promoted_before_the_reminder_gets_it_and_promoted_after_waits(config: Config) -> None:
    state = MemoryState(
        [
            booking(
                "early@huddinge.se",
                registered_at=at("2022-09-01 10:00"),
                confirmed_at=at("2022-09-06 09:00"),
            ),
            booking(
                "later@huddinge.se",
                registered_at=at("2022-09-01 10:00"),
                confirmed_at=at("2022-09-08 09:00"),
            ),
        ]
    )
    assert reminded(look(config, state, P7D)) == ["early@huddinge.se"]
    assert reminded(look(config, state, P1D)) == ["early@huddinge.se", "later@huddinge.se"]


def test_substitute_confirmed_before_the_reminder_gets_it(config: Config) -> None:
    state = MemoryState(
        [
            booking("old@huddinge.se", "cancelled"),
            booking("new@huddinge.se", registered_at=at("2022-09-12 08:00")),
        ]
    )
    assert reminded(look(config, state, P1D)) == ["new@huddinge.se"]


@pytest.mark.parametrize("now", [STARTS, STARTS + dt.timedelta(minutes=1), at("2022-09-20 10:00")])
def test_nothing_is_reminded_at_or_after_the_seminar_start(
    config: Config, now: dt.datetime
) -> None:
    state = MemoryState([booking("asa@huddinge.se")])
    assert reminded(look(config, state, now)) == []


def test_each_seminar_reminds_its_own_participants(config: Config) -> None:
    state = MemoryState(
        [
            booking("a@huddinge.se"),
            booking("b@botkyrka.se", seminar="2022-09-15", actor="Botkyrka kommun"),
        ]
    )
    assert reminded(look(config, state, P1D)) == ["a@huddinge.se"]
    assert reminded(look(config, state, at("2022-09-14 13:00"))) == ["b@botkyrka.se"]


def test_reminder_mail_is_a_new_message_to_the_participant_with_the_calendar(
    config: Config,
) -> None:
    state = MemoryState([booking("asa@huddinge.se", name="Åsa Öberg")])
    (mail,) = reminder_mails(look(config, state, P7D))
    assert mail.to == ("asa@huddinge.se",) and mail.cc == () and mail.answers is False
    assert mail.calendar == (SEMINAR, "asa@huddinge.se", "Åsa Öberg")
    assert mail.about == ("asa@huddinge.se",)
    message = parse(render(mail, config, P7D).raw)
    assert message["Auto-Submitted"] == "auto-generated" and message["In-Reply-To"] is None
    assert message["Subject"].startswith("Påminnelse: Öppna drogscener")
    body = present(message.get_body(("plain",))).get_content()
    assert "Kom i god tid och ta med giltig legitimation!" in body
    assert "Regeringsgatan 66" in body and "13.00" in body and "14 september 2022" in body
    assert "Avanmälan" in body and "Ersätter: asa@huddinge.se" in body
    assert [p.get_content_type() for p in message.iter_attachments()] == ["text/calendar"]


def test_reminder_is_in_the_language_of_the_registration(config: Config) -> None:
    state = MemoryState([booking("ann@huddinge.se", language="en")])
    (mail,) = reminder_mails(look(config, state, P7D))
    message = parse(render(mail, config, P7D).raw)
    assert message["Subject"].startswith("Reminder: ")
    assert (
        "arrive in good time and bring valid ID"
        in present(message.get_body(("plain",))).get_content()
    )


def test_bouncing_address_is_still_tried_with_the_registering_sender_in_cc(config: Config) -> None:
    state = MemoryState([booking("typo@huddinge.se", bouncing=True)])
    (mail,) = reminder_mails(look(config, state, P7D))
    assert mail.to == ("typo@huddinge.se",) and mail.cc == ("karin.lind@huddinge.se",)


DST_CONFIG = (
    SMALL_CONFIG.replace("2022-09-14", "2022-10-31")
    .replace("2022-09-15", "2022-11-01")
    .replace("2022-09-04T23:59:59", "2022-10-20T23:59:59")
)


def test_reminder_after_a_dst_switch_is_at_the_same_wall_clock_time(tmp_path: Path) -> None:
    # Summer time ends at 03:00 on 30 Oct 2022: 13:00 on 31 Oct minus P1D is 13:00 on 30 Oct,
    # which is 12:00 UTC (+01:00), not 11:00 UTC as 24 hours on the UTC clock would give.
    config = make_config(tmp_path, DST_CONFIG)
    seminar = config.seminar("2022-10-31")
    p1d = next(r for r in seminar.reminders if r.label == "P1D")
    assert p1d.due_at(seminar.starts).astimezone(dt.UTC) == dt.datetime(
        2022, 10, 30, 12, 0, tzinfo=dt.UTC
    )
    state = MemoryState([booking("asa@huddinge.se", seminar="2022-10-31")])
    state.scheduled.add(("reminder", "2022-10-31", "asa@huddinge.se:P7D"))
    assert reminded(look(config, state, dt.datetime(2022, 10, 30, 11, 0, tzinfo=dt.UTC))) == []
    assert reminded(look(config, state, dt.datetime(2022, 10, 30, 11, 59, tzinfo=dt.UTC))) == []
    assert reminded(look(config, state, dt.datetime(2022, 10, 30, 12, 0, tzinfo=dt.UTC))) == [
        "asa@huddinge.se"
    ]


def test_p7d_before_a_seminar_in_winter_time_is_counted_in_summer_time(tmp_path: Path) -> None:
    config = make_config(tmp_path, DST_CONFIG)
    seminar = config.seminar("2022-11-01")  # P1D only
    seminar = dataclasses.replace(seminar, reminders=config.seminar("2022-10-31").reminders)
    p7d = next(r for r in seminar.reminders if r.label == "P7D")
    assert p7d.due_at(seminar.starts).isoformat() == "2022-10-25T13:00:00+02:00"


# --------------------------------------------------------------------------- wake-ups


def test_next_wakeups_are_the_future_deadline_and_reminder_instants(config: Config) -> None:
    wakeups = timetable.next_wakeups(config, at("2022-09-01 10:00"))
    assert wakeups == [
        (at("2022-09-05 00:00"), "deadline report 2022-09-14"),
        (at("2022-09-05 00:00"), "deadline report 2022-09-15"),
        (P7D, "reminder P7D 2022-09-14"),
        (P1D, "reminder P1D 2022-09-14"),
        (at("2022-09-14 13:00"), "reminder P1D 2022-09-15"),
    ]
    assert all(str(w.tzinfo) == "Europe/Stockholm" for w, _ in wakeups)


def test_next_wakeups_leave_out_what_has_passed(config: Config) -> None:
    assert timetable.next_wakeups(config, P7D) == [
        (P1D, "reminder P1D 2022-09-14"),
        (at("2022-09-14 13:00"), "reminder P1D 2022-09-15"),
    ]
    assert timetable.next_wakeups(config, at("2022-09-15 13:00")) == []


def test_every_wakeup_finds_its_work_due(config: Config) -> None:
    state = MemoryState(
        [
            booking("a@huddinge.se"),
            booking("b@botkyrka.se", seminar="2022-09-15", actor="Botkyrka kommun"),
        ]
    )
    queued = 0
    for instant, _ in timetable.next_wakeups(config, at("2022-09-01 10:00")):
        queued += len(look(config, state, instant).mails)
    assert queued == 2 + 2 + 1  # two reports, a's P7D and P1D, b's P1D


def test_instants_in_the_repeated_hour_of_a_dst_switch_compare_as_instants(tmp_path: Path) -> None:
    # 02:00–03:00 happens twice on 30 Oct 2022. PT12H before 14:30 is the first 02:30 (CEST,
    # 00:30 UTC); the second 02:15 (CET, 01:15 UTC) is after it, though its wall time is earlier.
    text = DST_CONFIG.replace(
        "starts = 2022-10-31T13:00:00\nends = 2022-10-31T16:30:00",
        "starts = 2022-10-30T14:30:00\nends = 2022-10-30T16:30:00",
    ).replace('reminders = ["P7D", "P1D"]', 'reminders = ["PT12H"]')
    config = make_config(tmp_path, text)
    assert config.seminar("2022-10-31").starts.hour == 14
    state = MemoryState([booking("asa@huddinge.se", seminar="2022-10-31")])
    second_0215 = dt.datetime(2022, 10, 30, 1, 15, tzinfo=dt.UTC).astimezone(STOCKHOLM)
    assert (second_0215.hour, second_0215.minute, second_0215.fold) == (2, 15, 1)
    assert reminded(look(config, state, second_0215)) == ["asa@huddinge.se"]
