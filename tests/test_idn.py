"""SPEC §4: domains are compared in one form (IDNA A-labels, case-folded), whether a header
writes them as `xn--…` or in Unicode; a look-alike with a Cyrillic letter stays a stranger."""

from __future__ import annotations

from pathlib import Path

import idna
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailbot import actors, authentication, pipeline
from mailbot.config import Config, ConfigError
from mailbot.domains import address_key, domain_key, idna_key
from mailbot.store import Store

from support import SMALL_CONFIG, at, make_config

TRUSTED = "mx.lansstyrelsen.example"
ON_TIME = at("2022-09-01 10:00")
TABY_A = "xn--tby-qla.se"  # täby.se
HOMOGLYPH = "hudding\u0435.se"  # a Cyrillic е at the end of huddinge

IDN_ACTOR = """
[[actors]]
name = "Täby kommun"
kind = "kommun"
domains = ["Täby.SE"]
addresses = ["registrator@ÖREBRO.se"]
seminar = "2022-09-14"
"""


def idn_config(tmp_path: Path) -> Config:
    text = SMALL_CONFIG.replace(
        "[security]\n", f'[security]\ntrusted_authserv_ids = ["{TRUSTED}"]\n'
    )
    return make_config(tmp_path, text + IDN_ACTOR)


def test_unicode_punycode_and_case_are_one_domain() -> None:
    assert domain_key("Täby.SE") == domain_key("täby.se") == domain_key("XN--TBY-QLA.se.")
    assert domain_key("täby.se") == TABY_A
    assert address_key("Karin.Lind@TÄBY.se") == f"karin.lind@{TABY_A}"


def test_a_cyrillic_look_alike_is_another_domain() -> None:
    assert domain_key(HOMOGLYPH).startswith("xn--")
    assert domain_key(HOMOGLYPH) != domain_key("huddinge.se")
    assert not actors.domain_matches(HOMOGLYPH, "huddinge.se")


def test_a_name_that_is_no_idn_is_kept_case_folded_not_raised_on() -> None:
    assert domain_key("_DMARC.Huddinge.se") == "_dmarc.huddinge.se"


@given(st.from_regex(r"[a-zåäöü]{1,12}(\.[a-zåäöü]{1,12}){0,2}\.(se|org|рф)", fullmatch=True))
def test_the_key_is_the_same_for_either_form_and_is_stable(name: str) -> None:
    key = domain_key(name)
    assert domain_key(key) == key == domain_key(name.upper())
    assert domain_key(idna.decode(key)) == key


# An ASCII name is answered without `idna` (so that `mailbot status` does not import it): the
# answer must be the one `idna` gives, for names valid and not, `xn--` labels, any character.
ASCII_LABEL = st.one_of(
    st.from_regex(r"(xn--)?[A-Za-z0-9-]{0,20}", fullmatch=True),
    st.text(st.characters(max_codepoint=127), max_size=8),
    st.sampled_from(["xn--tby-qla", "XN--TBY-QLA", "xn--", "xn--a", "xn---", "_dmarc", "a" * 64]),
)


@given(st.lists(ASCII_LABEL, min_size=1, max_size=5).map(".".join))
def test_an_ascii_name_has_the_key_idna_gives_it(name: str) -> None:
    stripped = name.strip().rstrip(".")
    assert domain_key(name) == (idna_key(stripped) if stripped else "")


@pytest.mark.parametrize("char", [chr(c) for c in range(128)])
def test_every_ascii_character_has_the_key_idna_gives_it(char: str) -> None:
    for name in (f"a{char}b.se", f"{char}.se", f"se.{char}"):
        stripped = name.strip().rstrip(".")
        assert domain_key(name) == (idna_key(stripped) if stripped else "")


def test_config_keeps_actor_domains_and_addresses_comparable(tmp_path: Path) -> None:
    cfg = idn_config(tmp_path)
    taby = cfg.actor("Täby kommun")
    assert taby.domains == (TABY_A,)
    found = actors.resolve("registrator@xn--rebro-iua.se", "xn--rebro-iua.se", None, cfg)
    assert (found.status, found.actor) == ("actor", taby)


def test_a_listed_address_in_the_other_form_is_a_duplicate(tmp_path: Path) -> None:
    text = (
        SMALL_CONFIG
        + IDN_ACTOR
        + IDN_ACTOR.replace("Täby kommun", "Other").replace("ÖREBRO", "xn--rebro-iua")
    )
    with pytest.raises(ConfigError, match="already listed"):
        make_config(tmp_path, text)


@pytest.mark.parametrize("domain", [TABY_A, "täby.se", "TÄBY.SE", "sub.xn--tby-qla.se"])
def test_a_sender_in_either_form_resolves_to_the_actor(tmp_path: Path, domain: str) -> None:
    found = actors.resolve(f"karin@{domain}", domain, None, idn_config(tmp_path))
    assert found.rule == "actor-by-domain" and found.actor is not None
    assert found.actor.name == "Täby kommun"


@pytest.mark.parametrize(
    "from_domain, header_from",
    [(TABY_A, "täby.se"), ("täby.se", TABY_A), ("Täby.se", "mail.XN--TBY-QLA.SE")],
)
def test_dmarc_pass_for_either_form_authenticates_the_other(
    from_domain: str, header_from: str
) -> None:
    header = f"{TRUSTED}; dmarc=pass header.from={header_from}"
    verdict = authentication.check((header,), from_domain, (TRUSTED,))
    assert verdict.verdict == "pass", verdict.reason
    dkim = f"{TRUSTED}; dkim=pass header.d={header_from}"
    assert authentication.check((dkim,), from_domain, (TRUSTED,)).verdict == "pass"


def delivered(from_: str, result: str, message_id: str) -> bytes:
    head = (
        f"Authentication-Results: {result}\r\n"
        f"From: {from_}\r\nTo: anmalan@example.org\r\nSubject: Anmälan\r\n"
        "Date: Thu, 01 Sep 2022 10:00:00 +0200\r\n"
        f"Message-ID: {message_id}\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    )
    body = "Hej!\r\n\r\nNamn: Åsa Öberg\r\nE-post: asa.oberg@example.org\r\n\r\nMvh Karin\r\n"
    return (head + body).encode()


@pytest.mark.parametrize(
    "from_, header_from",
    [
        (f"Karin <karin@{TABY_A}>", "täby.se"),
        ("Karin <karin@täby.se>", TABY_A),  # RFC 6532: the From header in UTF-8
    ],
    ids=["xn-- From, Unicode header.from", "Unicode From, xn-- header.from"],
)
def test_an_idn_sender_authenticates_and_books(
    tmp_path: Path, from_: str, header_from: str
) -> None:
    cfg = idn_config(tmp_path)
    raw = delivered(from_, f"{TRUSTED}; dmarc=pass header.from={header_from}", "<idn-1@x>")
    with Store(cfg.bot.database) as store:
        res = pipeline.handle(store, cfg, raw, ON_TIME)
    assert [o.outcome for o in res.outcomes] == ["confirmed"], res.outcomes


def test_a_homoglyph_of_an_invited_domain_is_not_invited(tmp_path: Path) -> None:
    cfg = idn_config(tmp_path)
    lookalike = domain_key(HOMOGLYPH)
    result = f"{TRUSTED}; dmarc=pass header.from={lookalike}"  # it authenticates for itself
    raw = delivered(f"Karin <karin@{lookalike}>", result, "<idn-2@x>")
    with Store(cfg.bot.database) as store:
        res = pipeline.handle(store, cfg, raw, ON_TIME)
    assert [(o.outcome, o.rule) for o in res.outcomes] == [("rejected-not-invited", "not-invited")]
