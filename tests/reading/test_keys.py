"""The key vocabulary of SPEC §3 (reading.keys)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailbot.reading.keys import Field, Key, Language, key, key_language, key_line, key_words

SWEDISH_AND_ENGLISH: list[tuple[str, Field, Language]] = [
    ("Namn", "name", "sv"),
    ("Deltagare 2", "name", "sv"),
    ("Name", "name", "en"),
    ("Participant", "name", "en"),
    ("Förnamn", "first-name", "sv"),
    ("First name", "first-name", "en"),
    ("Efternamn", "last-name", "sv"),
    ("Surname", "last-name", "en"),
    ("Namn och titel", "name-and-title", "sv"),
    ("E-post", "email", "sv"),
    ("Epost", "email", "sv"),
    ("E-postadress", "email", "sv"),
    ("Mejl", "email", "sv"),
    ("Mailadress", "email", "sv"),
    ("Mail", "email", None),
    ("E-mail", "email", "en"),
    ("Email", "email", "en"),
    ("Organisation", "organisation", None),
    ("Organization", "organisation", "en"),
    ("Myndighet", "organisation", "sv"),
    ("Förvaltning", "organisation", "sv"),
    ("Kommun", "organisation", "sv"),
    ("Stadsdel", "organisation", "sv"),
    ("Stadsområde", "organisation", "sv"),
    ("Lokalpolisområde", "organisation", "sv"),
    ("Befattning", "title", "sv"),
    ("Titel", "title", "sv"),
    ("Roll", "title", "sv"),
    ("Funktion", "title", "sv"),
    ("Title", "title", "en"),
    ("Role", "title", "en"),
    ("Datum", "seminar", "sv"),
    ("Seminarium", "seminar", "sv"),
    ("Seminar", "seminar", None),
    ("Date", "seminar", "en"),
    ("Ersätter", "replaces", "sv"),
    ("Replaces", "replaces", "en"),
    ("Övrigt", "notes", "sv"),
    ("Kommentar", "notes", "sv"),
    ("Notes", "notes", "en"),
    ("Comment", "notes", "en"),
    ("Telefon", "phone", "sv"),
    ("Tel", "phone", "sv"),
    ("Mobil", "phone", "sv"),
    ("Phone", "phone", "en"),
]


@pytest.mark.parametrize(("word", "field", "language"), SWEDISH_AND_ENGLISH)
def test_each_key_of_the_spec_names_its_field_and_language(
    word: str, field: Field, language: Language
) -> None:
    assert key(word) == Key(field, language)


@pytest.mark.parametrize(("word", "field", "language"), SWEDISH_AND_ENGLISH)
def test_keys_are_case_insensitive(word: str, field: str, language: str | None) -> None:
    assert key(word.upper()) == key(word.lower()) == key(word)


@pytest.mark.parametrize("word", ["Tid", "Plats", "Hej", "Adressat", ""])
def test_a_word_that_is_no_key_of_the_spec_is_not_a_key(word: str) -> None:
    assert key(word) is None


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("Namn: Anna Svensson", "name", "Anna Svensson"),
        ("*E-post:* anna@lund.se", "email", "anna@lund.se"),
        ("• Mejl : anna@lund.se ;", "email", "anna@lund.se"),
        ("För- och efternamn: Anna Svensson", "name", "Anna Svensson"),
        ("E-mail address:", "email", ""),
        ("Namn och titel: Anna Svensson, kurator", "name-and-title", "Anna Svensson, kurator"),
    ],
    ids=[
        "a plain key line",
        "gmail bold around the key",
        "a bullet before the key and a separator after the value",
        "a key of several words with a hyphen",
        "a key whose value stands on the next line",
        "name and title in one value",
    ],
)
def test_a_key_line_gives_its_field_and_value(line: str, field: str, value: str) -> None:
    read = key_line(line)
    assert read is not None
    assert (read.key.field, read.value) == (field, value)


@pytest.mark.parametrize(
    "line", ["Tid: 13.00", "Hej Anna: välkommen", "Mötet börjar kl 9", "http://x.se"]
)
def test_a_line_with_an_unknown_key_is_no_key_line(line: str) -> None:
    assert key_line(line) is None


def test_english_keys_outnumbering_swedish_ones_signal_english() -> None:
    lines = ["Name: Jane Doe", "Email: jane@x.org", "Mail: x", "Namn: Anna"]
    assert key_language(key_words(lines)) == "en"
    assert key_language(key_words(["Namn: Anna", "E-post: a@x.se"])) == "sv"
    assert key_language(key_words(["Mail: a@x.se", "Seminar: 14/9"])) is None


@given(st.text(max_size=80))
def test_reading_a_key_line_never_raises_and_trims_the_value(line: str) -> None:
    read = key_line(line)
    if read is not None:
        assert read.value == " ".join(read.value.split())
