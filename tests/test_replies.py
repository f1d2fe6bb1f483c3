"""Replies as bytes on the wire (SPEC §9): threading, loop headers, calendar, no injection."""

from __future__ import annotations

import datetime as dt
import email
import email.headerregistry
import email.policy
from pathlib import Path

import icalendar
import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot import replies, template_files
from mailbot.config import Config
from mailbot.model import OUTCOME_KINDS, Mail

from support import at, make_config, present, render
from support import email as parsed

NOW = at("2022-09-01 10:00")
OUTLOOK_ID = "<AM0PR09MB1234567890ABCDEF1234567890ABCDEF@AM0PR09MB1234.eurprd09.prod.outlook.com>"


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def confirmation(name: str = "Åsa Öberg", addr: str = "asa@huddinge.se") -> Mail:
    participant = {"name": name, "email": addr, "title": "Chef", "organisation": "Huddinge kommun"}
    return Mail(
        "confirmed",
        (addr,),
        "sv",
        cc=("karin@huddinge.se",),
        context={
            "participant": participant,
            "seminar": "2022-09-14",
            "actor": "Huddinge kommun",
            "status": "confirmed",
            "registered_by": "karin@huddinge.se",
        },
        calendar=("2022-09-14", addr, name),
    )


def wire(rendered: replies.Rendered) -> email.message.EmailMessage:
    return email.message_from_bytes(rendered.raw, policy=email.policy.default)


def test_reply_threads_with_long_outlook_ids_written_verbatim(config: Config) -> None:
    parent = parsed(message_id=OUTLOOK_ID, references=("<a@b.example>",))
    out = render(confirmation(), config, NOW, parent=parent)
    assert f"In-Reply-To: {OUTLOOK_ID}".encode() in out.raw
    assert b"=?" not in out.raw.split(b"\r\n\r\n")[0].split(b"References:")[1].split(b"\r\nAuto")[0]
    msg = wire(out)
    assert msg["References"].split() == ["<a@b.example>", OUTLOOK_ID]


def test_reply_carries_the_loop_headers_and_a_fixed_message_id(config: Config) -> None:
    out = render(
        confirmation(), config, NOW, parent=parsed(), msgid="<fixed@lansstyrelsen.example>"
    )
    msg = wire(out)
    assert msg["Auto-Submitted"] == "auto-replied"
    assert msg["X-Auto-Response-Suppress"] == "All"
    assert msg["Message-ID"] == "<fixed@lansstyrelsen.example>" == out.message_id


def test_mail_the_bot_starts_itself_is_auto_generated(config: Config) -> None:
    mail = confirmation()
    out = render(Mail(**{**mail.__dict__, "answers": False}), config, NOW)
    msg = wire(out)
    assert msg["Auto-Submitted"] == "auto-generated" and msg["In-Reply-To"] is None


def test_confirmation_goes_to_the_participant_with_cc_and_names_the_organiser(
    config: Config,
) -> None:
    msg = wire(render(confirmation(), config, NOW, parent=parsed()))
    assert msg["To"].addresses[0].addr_spec == "asa@huddinge.se"
    assert msg["Cc"].addresses[0].addr_spec == "karin@huddinge.se"
    body = present(msg.get_body(("plain",))).get_content()
    assert "Therese Travis" in body and "therese.travis@lansstyrelsen.example" in body
    assert "giltig legitimation" in body


def test_confirmation_carries_a_calendar_file_of_the_seminar(config: Config) -> None:
    msg = wire(render(confirmation(), config, NOW, parent=parsed()))
    (ics,) = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    data = ics.get_payload(decode=True)
    assert isinstance(data, bytes)
    cal = icalendar.Calendar.from_ical(data)
    (event,) = cal.walk("VEVENT")
    assert event.decoded("dtstart") == at("2022-09-14 13:00")
    assert event.decoded("dtend") == at("2022-09-14 16:30")
    assert "Regeringsgatan 66" in str(event["location"])


def test_reply_never_quotes_or_attaches_the_original(config: Config) -> None:
    parent = parsed(text="HEMLIG TEXT FRÅN AVSÄNDAREN")
    msg = wire(render(confirmation(), config, NOW, parent=parent))
    assert "HEMLIG" not in msg.as_string()
    assert not [p for p in msg.walk() if p.get_content_type() == "message/rfc822"]


def test_names_and_subjects_cannot_inject_headers(config: Config) -> None:
    evil = "Åsa\r\nBcc: victim@evil.example\r\nX-Evil: 1"
    parent = parsed(subject="Hej\r\nBcc: victim@evil.example")
    out = render(confirmation(name=evil), config, NOW, parent=parent)
    head = out.raw.split(b"\r\n\r\n", 1)[0]
    assert b"\r\nBcc:" not in head and b"\r\nX-Evil" not in head
    msg = wire(out)
    assert msg["Bcc"] is None and msg["X-Evil"] is None


def test_english_reply_uses_the_english_template(config: Config) -> None:
    mail = Mail(**{**confirmation().__dict__, "language": "en"})
    msg = wire(render(mail, config, NOW, parent=parsed()))
    assert msg["Subject"].startswith("Confirmation:")
    assert "bring valid ID" in present(msg.get_body(("plain",))).get_content()


def test_every_shipped_template_exists_in_both_languages_and_compiles(config: Config) -> None:
    assert replies.check_templates(config, template_files.environment(config.bot.templates)) == []


def test_a_template_missing_from_the_sites_folder_falls_back_to_the_shipped_one(
    config: Config, tmp_path: Path
) -> None:
    (tmp_path / "templates" / "en" / "waitlisted.txt.j2").unlink()
    env = template_files.environment(config.bot.templates)
    assert replies.check_templates(config, env) == []
    shipped_file = env.get_template("en/waitlisted.txt.j2").filename
    assert shipped_file is not None and "templates" in shipped_file
    assert not shipped_file.startswith(str(tmp_path))


def test_a_broken_template_of_the_site_is_reported_by_its_file(
    config: Config, tmp_path: Path
) -> None:
    broken = tmp_path / "templates" / "en" / "waitlisted.txt.j2"
    broken.write_text("{% block subject %}Waitlisted{% endblock %}{% if %}", encoding="utf-8")
    problems = replies.check_templates(config, template_files.environment(config.bot.templates))
    assert len(problems) == 1 and problems[0].startswith(f"{broken}:1: ")


def test_render_uses_the_templates_it_is_given_and_reads_no_file(config: Config) -> None:
    given = jinja2.Environment(
        loader=jinja2.DictLoader(
            {
                "sv/confirmed.txt.j2": "{% block subject %}Välkommen{% endblock %}"
                "{% block body %}Hej {{ participant.name }}, från en annan mall.{% endblock %}"
            }
        ),
        undefined=jinja2.StrictUndefined,
    )

    msg = wire(replies.render(confirmation(), config, NOW, templates=given))

    assert msg["Subject"] == "Välkommen"
    assert "Hej Åsa Öberg, från en annan mall." in present(msg.get_body(("plain",))).get_content()


def test_every_outcome_but_ignored_is_told_by_a_template_of_its_own_name() -> None:
    told = [kind for kind in OUTCOME_KINDS if kind != "ignored"]

    assert set(told) <= set(replies.KINDS)
    assert "ignored" not in replies.KINDS
    assert len(set(replies.KINDS)) == len(replies.KINDS)


@settings(max_examples=300, deadline=None)
@given(
    uid=st.text(min_size=1, max_size=120),
    description=st.text(max_size=200),
    stamp=st.datetimes(
        min_value=dt.datetime(1970, 1, 2),
        max_value=dt.datetime(2100, 1, 1),
        timezones=st.just(dt.UTC),
    ),
)
def test_a_participants_calendar_lines_are_what_a_whole_icalendar_event_writes(
    uid: str, description: str, stamp: dt.datetime
) -> None:
    """Escaping, folding at 75 octets (inside a multi-byte character too) and the order."""
    assert replies._own_lines(uid, stamp, description) == replies._own_lines_by_event(
        uid, stamp, description
    )


_ATEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/^_`{|}~-"


@settings(max_examples=500, deadline=None)
@given(
    names=st.lists(
        st.one_of(
            st.just(""),
            st.text(alphabet=_ATEXT + " ", max_size=70),
            st.sampled_from(["Anna Berg", "Per-Olof O'Neill", "Ann  Berg", " Ann", "Ann "]),
        ),
        min_size=1,
        max_size=3,
    ),
    local=st.from_regex(
        r"[a-zA-Z0-9!#$%&'*+/^_`{|}~-]{1,12}(\.[a-z0-9-]{1,8}){0,2}", fullmatch=True
    ),
)
def test_a_plain_named_address_is_written_as_the_policy_would_fold_it(
    names: list[str], local: str
) -> None:
    """The To and Cc fields skip the header registry's fold when it would change nothing."""
    addresses = [
        email.headerregistry.Address(display_name=name, username=local, domain="kommun.example.se")
        for name in names
    ]
    try:
        text = ", ".join(str(a) for a in addresses)
    except Exception:
        return
    for field in ("To", "Cc"):
        stored = replies.POLICY.header_store_parse(field, addresses)[1]
        expected = replies.POLICY.header_factory(field, text).fold(policy=replies.POLICY)
        assert replies.POLICY.fold(field, stored) == expected
