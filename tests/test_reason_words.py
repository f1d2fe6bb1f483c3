"""SPEC §3 last point, §9: every reason a reply gives is worded in the reply's language.

The reading code names a reason by code with its figures (`mailbot.reading.reasons`); each
language's `_reasons.txt.j2` words it. The journal keeps the English sentence (`str(reason)`).
"""

from __future__ import annotations

import email
import email.policy
import re
import string
from email.message import EmailMessage
from pathlib import Path
from typing import Any, get_args

import jinja2
import pytest

from mailbot import parsing, template_files
from mailbot.config import Config
from mailbot.decide import Inbound, decide
from mailbot.decide.context import problem
from mailbot.model import Decision, Mail
from mailbot.parsing.addresses import participant_address
from mailbot.reading.attachments import Limits, Refused, read_spreadsheet
from mailbot.reading.reasons import JOURNAL, Code, Reason, reason
from mailbot.state import MemoryState

from support import BOT, at, make_config, raw_mail, render

ON_TIME = at("2022-09-01 10:00")
SENDER = "karin.lind@huddinge.se"
TEMPLATES = Path(__file__).parent.parent / "mailbot" / "templates"
CODES: tuple[str, ...] = tuple(c for part in get_args(Code) for c in get_args(part))
LANGUAGES = ("sv", "en")
# Every problem kind the shipped template words (its `p.kind == "…"` branches).
KINDS = tuple(
    dict.fromkeys(
        re.findall(r'p\.kind == "([a-z-]+)"', (TEMPLATES / "sv" / "_problems.txt.j2").read_text())
    )
)
_SAMPLE: dict[str, Any] = {
    "address": "per.persson@exempel.se",
    "name": "Per Persson",
    "lines": 400,
    "mib": 5,
    "parts": 500,
    "ratio": 150,
    "error": "KeyError",
    "sheet": "Blad1",
    "cell": "XFD1048576",
    "rows": 2000,
    "columns": 60,
    "chars": 2000,
    "seconds": 5.0,
}


def sample(code: str) -> Reason:
    """The reason `code` with a figure for each of its fields."""
    fields = [f for _, f, _, _ in string.Formatter().parse(JOURNAL[code]) if f]
    return reason(code, **{f: _SAMPLE[f] for f in fields})  # type: ignore[arg-type]


def english_parts(code: str) -> list[str]:
    """The English sentence's own words (between its figures), long enough to be telling."""
    parts = re.split(r"\{[^}]*\}", JOURNAL[code])
    return [p.strip(" ;:,.()'") for p in parts if len(p.strip(" ;:,.()'")) >= 8]


def environment() -> jinja2.Environment:
    return template_files.environment(None)


def words(language: str, item: dict[str, Any], technical: bool = False) -> str:
    macro = (
        f'{{% from "{language}/_reasons.txt.j2" import reason %}}{{{{ reason(p, {technical}) }}}}'
    )
    return environment().from_string(macro).render(p=item)


def problems_text(language: str, item: dict[str, Any]) -> str:
    template = environment().get_template(f"{language}/_problems.txt.j2")
    return template.render(problems=[item], events=[])


def body_of(mail: Mail, config: Config) -> str:
    rendered = render(mail, config, ON_TIME)
    msg = email.message_from_bytes(rendered.raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    part = msg.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def run(config: Config, raw: bytes) -> Decision:
    return decide(Inbound(parsing.read(raw), ON_TIME), MemoryState(), config, ON_TIME)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


# --------------------------------------------------------------------------- the words, code by code


def test_every_reason_code_has_a_sentence_in_the_journal() -> None:
    assert set(CODES) == set(JOURNAL)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", CODES)
def test_every_reason_code_is_worded_in_both_languages(code: str, language: str) -> None:
    said = words(language, sample(code).details())
    assert said.strip()
    for field, figure in sample(code).figures:
        shown = f"{figure:g}" if isinstance(figure, float) else str(figure)
        assert field == "error" or shown in said, field  # the error's name: the organiser's


@pytest.mark.parametrize("code", CODES)
def test_no_english_reason_shows_in_a_swedish_reason(code: str) -> None:
    said = words("sv", sample(code).details(), technical=True)
    assert str(sample(code)) not in said
    for part in english_parts(code):
        assert part not in said, part


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_problem_kind_with_every_reason_reads_in_the_reply_language(
    kind: str, code: str, language: str
) -> None:
    item = problem(
        kind,
        line="Per Persson",
        name="Per Persson",
        filename="lista.xlsx",
        **sample(code).details(),
    )
    text = problems_text(language, item)
    assert text.strip()
    if language == "sv":
        for part in english_parts(code):
            assert part not in text, part
    if kind in ("unread", "attachment-refused"):
        assert words(language, item) in text


def test_a_missing_reason_code_fails_the_rendering_rather_than_showing_nothing() -> None:
    item = {"reason": "no-such-code", "figures": {}, "why": "no such code"}
    with pytest.raises(jinja2.UndefinedError):
        words("sv", item)


def test_a_question_saved_before_reasons_had_codes_still_shows_its_reason() -> None:
    item = problem("unread", line="Per Persson", why="no address")
    assert "(no address)" in problems_text("sv", item)


# --------------------------------------------------------------------------- the reading code


def test_a_reason_reads_in_the_journal_as_the_english_sentence_with_its_figures() -> None:
    assert str(reason("too-many-rows", rows=2000)) == "the list has more than 2000 rows"
    assert str(reason("too-slow", seconds=5.0)) == "reading it took longer than 5 seconds"


def test_a_refused_list_carries_the_limit_it_passed_and_its_figure() -> None:
    data = "".join(f"P{i};p{i}@x.se\n" for i in range(30)).encode()
    refused = read_spreadsheet("lista.csv", data, Limits(max_rows=20))
    assert refused == Refused("lista.csv", reason("too-many-rows", rows=20))


def test_the_details_of_a_reason_keep_the_english_for_the_journal_and_the_code_for_the_reply() -> (
    None
):
    assert reason("far-cell", sheet="Blad1", cell="XFD9", rows=1, columns=2).details() == {
        "reason": "far-cell",
        "figures": {"sheet": "Blad1", "cell": "XFD9", "rows": 1, "columns": 2},
        "why": "the sheet 'Blad1' reaches cell XFD9, past the 1 rows and 2 columns read; please "
        "send only the list",
    }


# --------------------------------------------------------------------------- whole replies


def _with_file(body: str, name: str, data: bytes, maintype: str, subtype: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Karin Lind <{SENDER}>"
    msg["To"] = BOT
    msg["Subject"] = "Anmälan"
    msg["Message-ID"] = "<file@huddinge.se>"
    msg.set_content(body)
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def test_a_swedish_writers_ods_list_is_refused_in_swedish_and_journalled_in_english(
    config: Config,
) -> None:
    raw = _with_file(
        "Hej,\n\nAnmäler enligt bifogad lista.\n",
        "lista.ods",
        b"PK\x03\x04x",
        "application",
        "vnd.oasis.opendocument.spreadsheet",
    )
    d = run(config, raw)
    (reply,) = [m for m in d.mails if m.kind in ("needs-info", "summary")]
    text = body_of(reply, config)
    assert "En bifogad fil (lista.ods) kunde inte läsas: vi läser bara listor" in text
    assert "only .xlsx" not in text
    assert any("only .xlsx and .csv" in (o.reason or "") for o in d.outcomes)


def test_the_organisers_alert_names_the_file_the_limit_and_the_figure_in_swedish(
    config: Config,
) -> None:
    raw = _with_file(
        "Hej,\n\nAnmäler enligt bifogad lista.\n", "lista.pdf", b"%PDF-1.4\n", "application", "pdf"
    )
    d = run(config, raw)
    (alert,) = [m for m in d.mails if m.kind == "alert-attachment"]
    text = body_of(alert, config)
    assert "lista.pdf: vi läser bara listor som Excel-fil (.xlsx) eller .csv" in text
    assert "only .xlsx" not in text


def test_a_name_without_an_address_in_a_swedish_reply_says_so_in_swedish(config: Config) -> None:
    d = run(
        config,
        raw_mail(
            SENDER,
            "Hej,\n\nVi anmäler:\n- Per Ström\n- Lisa Berg\n",
            subject="Anmälan",
            display_name="Karin Lind",
        ),
    )
    (reply,) = [m for m in d.mails if m.kind in ("needs-info", "summary")]
    text = body_of(reply, config)
    assert "kunde inte läsas (ingen e-postadress)" in text
    assert "no address" not in text
    assert any("(no address)" in (o.reason or "") for o in d.outcomes)


def test_an_english_writers_reply_words_the_reason_in_english(config: Config) -> None:
    body = "Hello,\n\nWe register:\n- Per Strom\n- Lisa Berg\n"
    d = run(config, raw_mail(SENDER, body, subject="Registration", display_name="Karin Lind"))
    (reply,) = [m for m in d.mails if m.kind in ("needs-info", "summary")]
    assert reply.language == "en"
    assert "could not be read (no email address)" in body_of(reply, config)


def test_the_time_limit_is_worded_with_its_seconds_in_both_languages() -> None:
    item = reason("too-slow", seconds=5.0).details()
    assert words("sv", item) == "det tog längre än 5 sekunder att läsa filen"
    assert words("en", item) == "reading the file took longer than 5 seconds"


def test_the_organiser_sees_the_name_of_an_error_the_writer_is_spared() -> None:
    item = reason("unreadable", error="KeyError").details()
    assert "KeyError" not in words("sv", item)
    assert words("sv", item, technical=True) == "filen gick inte att öppna (KeyError)"


# --------------------------------------------------------------------------- an address's fault

_BAD_ADDRESSES = {
    "anna.andersson.huddinge.se": "adressen saknar @",
    "@huddinge.se": "det står inget före @",
    "anna@huddinge": "delen efter @ saknar punkt",
    "anna..andersson@huddinge.se": "två punkter står i rad",
    "anna@-x.se": "ett bindestreck står på fel plats",
    "anna@huddinge.se@x.se": "adressen innehåller tecken som inte är tillåtna",
}


@pytest.mark.parametrize(("address", "fault"), _BAD_ADDRESSES.items())
def test_an_invalid_address_in_a_swedish_reply_says_what_is_wrong_in_swedish(
    address: str, fault: str
) -> None:
    written, error = participant_address(address, None)
    assert error, written
    item = problem("invalid-email", email=address, name="Anna Andersson", error=error)
    text = problems_text("sv", item)
    assert f"är inte en giltig e-postadress ({fault})" in text
    assert error not in text
    assert error in problems_text("en", item)


def test_an_address_fault_without_swedish_words_is_left_out_rather_than_shown_in_english() -> None:
    item = problem("invalid-email", email="x@[::1]", error="Some new message of the library.")
    text = problems_text("sv", item)
    assert "är inte en giltig e-postadress. Skriv adressen" in text
    assert "library" not in text


def test_an_organisers_own_alert_template_that_prints_each_refusal_whole_reads_as_before(
    config: Config,
) -> None:
    # The alert's template before reasons had codes printed each item as "file: why"; an
    # organiser's copy of it in her templates folder must not start printing a dict.
    raw = _with_file(
        "Hej,\n\nAnmäler enligt bifogad lista.\n", "lista.pdf", b"%PDF-1.4\n", "application", "pdf"
    )
    (alert,) = [m for m in run(config, raw).mails if m.kind == "alert-attachment"]
    old_template = jinja2.Template("{% for why in refused %}  - {{ why }}\n{% endfor %}")
    assert old_template.render(refused=alert.context["refused"]) == (
        "  - lista.pdf: only .xlsx and .csv lists are read\n"
    )
