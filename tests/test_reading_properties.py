"""Properties of reading (hypothesis; SPEC §3, §10), observed through the pipeline, not its insides.

1. Whoever is booked was named by the author: their address stands in the author's own text (or
   they are the sender, registering themself) — never only in a quoted mail, the signature, or
   the organiser's invitation quoted below. (The quoted mails are by someone of another actor, so
   §3's rule for a forwarded colleague's registration does not apply.)
2. A sender whose own text says they do not come ("själv kan jag inte delta", "I won't attend
   myself") is never booked, whatever else the mail holds.
3. A sender who names other people and says nothing of coming themself is not booked (§3: a mail
   that names people is never a self-registration of the sender).
4. Reading is deterministic: the same bytes in two fresh databases end in the same outcomes and
   the same bookings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailbot import pipeline
from mailbot.store import Store

from support import FIXTURES, REPO, at, make_config, raw_mail

ON_TIME = at("2022-09-01 10:00")
SENDER = ("Karin Lind", "karin.lind@huddinge.se")
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NAMES = ["Åsa Öberg", "Per Persson", "Fatima Hassan", "Lina Holm", "Jörgen Hägg", "Omar Ali"]


def _person(index: int, tag: str) -> tuple[str, str]:
    """A colleague at the sender's actor; `tag` keeps authors', quotes' and signatures' apart."""
    name = NAMES[index % len(NAMES)]
    local = name.casefold().replace(" ", ".").translate(str.maketrans("åäöé", "aaoe"))
    return name, f"{local}.{tag}{index}@huddinge.se"


def _people_as(form: str, people: list[tuple[str, str]]) -> str:
    """People written in one of the forms §3 reads."""
    if form == "blocks":
        return "\n\n".join(f"Namn: {n}\nE-post: {a}" for n, a in people)
    if form == "angle":
        return "\n".join(f"{n} <{a}>" for n, a in people)
    if form == "bullets":
        return "\n".join(f"- {n}, {a}" for n, a in people)
    if form == "numbered":
        return "\n".join(f"{i}. {n}; {a}; socialsekreterare" for i, (n, a) in enumerate(people, 1))
    return "Jag vill anmäla " + " och ".join(f"{n} ({a})" for n, a in people) + "."


FORMS = st.sampled_from(["blocks", "angle", "bullets", "numbered", "prose"])


def _quote(style: str, people: list[tuple[str, str]], form: str) -> str:
    """Someone else's mail quoted below the author's text."""
    listed = _people_as(form, people)
    if style == "outlook":
        return (
            "Från: Lena Sjöström <lena.sjostrom@botkyrka.se>\nSkickat: den 30 augusti 2022 14:02\n"
            f"Till: {SENDER[1]}\nÄmne: Anmälan\n\nHej Karin, kan du anmäla oss?\n\n{listed}\n"
        )
    if style == "gmail":
        quoted = "\n".join(f"> {line}" for line in f"Hej!\n\n{listed}".split("\n"))
        return f"Den tis 30 aug. 2022 kl 14:02 skrev Lena Sjöström <lena.sjostrom@botkyrka.se>:\n{quoted}\n"
    return (
        "-----Ursprungligt meddelande-----\nFrån: Lena Sjöström\nSkickat: 30 augusti 2022\n"
        f"Ämne: Deltagare\n\n{listed}\n"
    )


INVITATION = (
    "Från: Therese Travis <therese.travis@lansstyrelsen.example>\nSkickat: den 15 augusti 2022 09:00\n"
    "Ämne: Inbjudan: Öppna drogscener – 14 september\n\n"
    "Välkommen på seminarium. Anmäl er till anmalan@lansstyrelsen.example senast 4 september.\n"
    "Skriv så här:\n\nNamn: Anna Exempel\nE-post: anna.exempel@huddinge.se\n"
)


def _signature(extra: str | None) -> str:
    lines = ["-- ", SENDER[0], "Samordnare", "Huddinge kommun", "Tel: 08-535 312 00", SENDER[1]]
    if extra:
        lines.append(f"Vid frånvaro: {extra}")
    return "\n".join(lines)


def _booked(raw: bytes, tmp: Path) -> tuple[list[Any], list[Any]]:
    """The outcomes of one message in a fresh database, and the bookings it left."""
    config = make_config(tmp)
    with Store(config.bot.database) as store:
        result = pipeline.handle(store, config, raw, ON_TIME)
        return list(result.outcomes), list(store.participants())


@st.composite
def mail_with_quotes(draw: st.DrawFn) -> tuple[bytes, set[str]]:
    """A mail whose author names some people (maybe none) above quotes, a signature and more."""
    authors = [_person(i, "a") for i in range(draw(st.integers(0, 3)))]
    text = ["Hej,", ""]
    if draw(st.booleans()):
        text.append(
            draw(st.sampled_from(["Jag anmäler mig.", "Här kommer våra namn.", "Se nedan."]))
        )
    if authors:
        text += ["", _people_as(draw(FORMS), authors)]
    others = [_person(i, "q") for i in range(draw(st.integers(1, 3)))]
    below = [_signature(_person(9, "s")[1] if draw(st.booleans()) else None)]
    below.append(
        _quote(draw(st.sampled_from(["outlook", "gmail", "original"])), others, draw(FORMS))
    )
    if draw(st.booleans()):
        below.append(INVITATION)
    subject = draw(st.sampled_from(["SV: Anmälan", "Anmälan", "Re: Inbjudan", "VB: Deltagare"]))
    body = "\n".join(text) + "\n\n" + "\n\n".join(below)
    raw = raw_mail(
        SENDER[1], body, subject=subject, display_name=SENDER[0], message_id="<q@huddinge.se>"
    )
    return raw, {a.casefold() for _, a in authors}


@SETTINGS
@given(mail=mail_with_quotes())
def test_a_booked_address_always_stands_in_the_authors_own_text(
    tmp_path_factory: pytest.TempPathFactory, mail: tuple[bytes, set[str]]
) -> None:
    raw, authors = mail
    _, booked = _booked(raw, tmp_path_factory.mktemp("quote"))
    allowed = authors | {SENDER[1]}
    assert {r.email.casefold() for r in booked} <= allowed


NOT_COMING = [
    "Själv kan jag inte delta, men jag anmäler mina kollegor:",
    "Själv kommer jag inte, men följande personer kommer:",
    "Jag anmäler mina kollegor (jag själv kan tyvärr inte delta).",
    "I won't attend myself, but please register my colleagues:",
    "I can't attend myself. My colleagues:",
    "Jag kan tyvärr inte komma själv.",
]


@st.composite
def sender_not_coming(draw: st.DrawFn) -> bytes:
    colleagues = [_person(i, "c") for i in range(draw(st.integers(0, 4)))]
    phrase = draw(st.sampled_from(NOT_COMING))
    body = f"Hej!\n\n{phrase}\n\n"
    if colleagues:
        body += _people_as(draw(FORMS), colleagues) + "\n\n"
    body += f"Med vänlig hälsning\n{SENDER[0]}\nHuddinge kommun\n"
    subject = draw(
        st.sampled_from(["Anmälan", "Anmälan till seminariet 14 september", "Registration"])
    )
    return raw_mail(
        SENDER[1], body, subject=subject, display_name=SENDER[0], message_id="<n@huddinge.se>"
    )


@SETTINGS
@given(raw=sender_not_coming())
def test_the_sender_is_never_booked_when_their_text_says_they_will_not_come(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes
) -> None:
    _, booked = _booked(raw, tmp_path_factory.mktemp("notcoming"))
    assert SENDER[1] not in {r.email.casefold() for r in booked}


@st.composite
def sender_names_others(draw: st.DrawFn) -> bytes:
    """A fresh mail that lists colleagues in any form and says nothing of the sender coming."""
    colleagues = [_person(i, "o") for i in range(draw(st.integers(1, 4)))]
    opening = draw(st.sampled_from(["Hej!", "Hej,\n\nHär kommer våra deltagare:", "Hello,", ""]))
    body = f"{opening}\n\n{_people_as(draw(FORMS), colleagues)}\n\n"
    if draw(st.booleans()):
        body += _signature(None) + "\n"
    subject = draw(
        st.sampled_from(["Anmälan", "Anmälan till seminariet", "Registration", "Deltagare"])
    )
    return raw_mail(
        SENDER[1], body, subject=subject, display_name=SENDER[0], message_id="<o@huddinge.se>"
    )


@SETTINGS
@given(raw=sender_names_others())
def test_a_sender_who_names_others_and_not_themself_is_not_booked(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes
) -> None:
    _, booked = _booked(raw, tmp_path_factory.mktemp("others"))
    assert SENDER[1] not in {r.email.casefold() for r in booked}


CORPUS = sorted(FIXTURES.glob("*.eml")) + sorted(
    (REPO / "tests" / "noise" / "messages").glob("*.eml")
)


@st.composite
def any_mail(draw: st.DrawFn) -> bytes:
    """A fixture, a noise message, or one of the mails the properties above write."""
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(st.sampled_from(CORPUS)).read_bytes()
    if choice == 1:
        return draw(mail_with_quotes())[0]
    if choice == 2:
        return draw(sender_names_others())
    return draw(sender_not_coming())


def _summary(outcomes: list[Any], booked: list[Any]) -> tuple[Any, ...]:
    return (
        [(o.outcome, o.rule, o.participant, o.reason) for o in outcomes],
        sorted((r.email, r.name, r.status, r.seminar, r.actor) for r in booked),
    )


@SETTINGS
@given(raw=any_mail())
def test_reading_is_deterministic_the_same_bytes_give_the_same_outcome(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes
) -> None:
    first = _booked(raw, tmp_path_factory.mktemp("once"))
    second = _booked(raw, tmp_path_factory.mktemp("twice"))
    assert _summary(*first) == _summary(*second)


def test_the_corpus_for_determinism_holds_fixtures_and_noise() -> None:
    assert len(CORPUS) >= 300
