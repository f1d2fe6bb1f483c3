"""Properties of the whole pipeline (hypothesis): whatever arrives, in whatever order, every message
ends in a recorded outcome, nothing raises, and no actor ever has more confirmed than its seats."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailbot import pipeline
from mailbot.store import Store

from support import FIXTURES, at, make_config, raw_mail

SENDERS = [
    "karin@huddinge.se",
    "ola@socialtjansten.huddinge.se",
    "x@evil-huddinge.se",
    "leila@stockholm.se",
    "reg@tullverket.se",
    "registrator@example-shared.se",
    "mona@botkyrka.se",
    "someone@gmail.com",
    "MAILER-DAEMON@huddinge.se",
]
ORGS = [
    "",
    "Rinkeby-Kista",
    "Spånga-Tensta stadsdelsförvaltning",
    "Rinkeby-Kista och Spånga-Tensta",
    "Huddinge",
]
KEYS = [
    "Namn",
    "Name",
    "E-post",
    "Email",
    "Befattning",
    "Organisation",
    "Datum",
    "Ersätter",
    "Övrigt",
    "Mejl",
]

people = st.lists(
    st.tuples(
        st.sampled_from(["Åsa Öberg", "Per", "", "Lina Holm", "Ö"]),
        st.integers(0, 12),
        st.sampled_from(["huddinge.se", "stockholm.se", "tullverket.se", "x"]),
    ),
    max_size=6,
)


@st.composite
def messages(draw: st.DrawFn) -> tuple[bytes, dt.datetime]:
    sender = draw(st.sampled_from(SENDERS))
    lines = []
    if draw(st.booleans()):
        lines.append(f"Organisation: {draw(st.sampled_from(ORGS))}")
    for name, n, domain in draw(people):
        lines += ["", f"Namn: {name}", f"E-post: p{n}@{domain}"]
        if draw(st.integers(0, 5)) == 0:
            lines.append(f"Ersätter: p{draw(st.integers(0, 12))}@{domain}")
        if draw(st.integers(0, 5)) == 0:
            lines.append(
                f"Datum: {draw(st.sampled_from(['14 september', '15/9', '1 maj', 'snart']))}"
            )
    if draw(st.booleans()):
        lines.append(f"{draw(st.sampled_from(KEYS))}: {draw(st.text(max_size=20))}")
    subject = draw(
        st.sampled_from(["Anmälan", "Avanmälan", "Re: Anmälan", "Registration", "cancel", ""])
    )
    extra = draw(
        st.sampled_from([(), (("Auto-Submitted", "auto-replied"),), (("Precedence", "bulk"),)])
    )
    raw = raw_mail(
        sender,
        "\n".join(lines),
        subject=subject,
        display_name=draw(st.sampled_from(["", "Karin Lind"])),
        message_id=f"<{draw(st.uuids())}@t>",
        extra_headers=extra,
    )
    if draw(st.integers(0, 4)) == 0:  # damage it
        data = bytearray(raw)
        for _ in range(draw(st.integers(1, 20))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        raw = bytes(data)
    when = at("2022-09-01 10:00") + dt.timedelta(hours=draw(st.integers(0, 24 * 16)))
    return raw, when


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batch=st.lists(messages(), min_size=1, max_size=15))
def test_every_message_gets_an_outcome_and_no_actor_is_ever_overbooked(
    tmp_path_factory: pytest.TempPathFactory, batch: list[tuple[bytes, dt.datetime]]
) -> None:
    tmp = tmp_path_factory.mktemp("prop")
    config = make_config(tmp)
    with Store(config.bot.database) as store:
        for raw, when in sorted(batch, key=lambda m: m[1]):
            result = pipeline.handle(store, config, raw, when)
            assert result.status in ("handled", "already")
            if result.status == "handled":
                assert result.outcomes
        for entry in store.journal():
            assert entry["state"] == "handled" and entry["outcomes"]
        for actor in config.actors:
            for seminar in config.seminars:
                assert store.confirmed_count(actor.name, seminar.id) <= config.seats_for(actor)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_fixture_mail_always_ends_in_a_recorded_outcome(
    tmp_path_factory: pytest.TempPathFactory, seed: int
) -> None:
    rng = random.Random(seed)
    fixtures = sorted(FIXTURES.glob("*.eml"))
    raw = bytearray(rng.choice(fixtures).read_bytes())
    for _ in range(rng.randint(1, 40)):
        op = rng.randrange(3)
        pos = rng.randrange(len(raw))
        if op == 0:
            raw[pos] = rng.randrange(256)
        elif op == 1:
            del raw[pos : pos + rng.randint(1, 50)]
        else:
            raw[pos:pos] = rng.choice(
                [
                    b"\r\n",
                    b"=?utf-8?B?",
                    b"--",
                    b"\x00",
                    b"Content-Type: multipart/mixed; boundary=x\r\n",
                ]
            )
    tmp = tmp_path_factory.mktemp("mut")
    config = make_config(tmp)
    with Store(config.bot.database) as store:
        result = pipeline.handle(store, config, bytes(raw), at("2022-09-01 10:00"))
        assert result.status in ("handled", "already") and (
            result.outcomes or result.status == "already"
        )
