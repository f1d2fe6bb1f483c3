"""The writer written in a row of people (SPEC §3: "jag och …", "Jag själv"): "…, samordnare Bo
Ek (…) samt jag själv", "Vi blir två: jag och Kim Sjöberg", "Kim Sjöberg och jag kommer". The
writer counts, and a name beside them with no address anywhere is asked about, never dropped.
"""

from __future__ import annotations

import pytest

from mailbot.reading.found import Unread
from mailbot.reading.intent import sender_counted
from mailbot.reading.prose import prose


@pytest.mark.parametrize(
    "text",
    [
        "Följande personer från oss deltar: enhetschef Lena Ström (lena.strom@tyreso.se), "
        "samordnare Bo Ek (bo.ek@tyreso.se) samt jag själv.",
        "Från oss kommer Anna Berg (anna.berg@lund.se) och jag.",
        "Anna Berg och jag kommer gärna.",
        "Deltar gör Anna Berg, Per Lund samt undertecknad.",
        "Anna Berg (anna.berg@lund.se) and I will attend.",
        "Jag kommer!",
        "Jag kommer.",
        "I'm coming!",
    ],
)
def test_the_writer_last_in_a_row_of_people_or_coming_in_a_whole_sentence_is_counted(
    text: str,
) -> None:
    assert sender_counted([text]) == text


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg och jag pratade om seminariet i går.",
        "Anna Berg och jag kommer att höra av oss om fakturan.",
        "Skicka fakturan till Anna och mig.",
        "Anna Berg och jag kan tyvärr inte komma.",
        "Kan Anna Berg och jag parkera i garaget?",
        "Jag kommer inte.",
        "Jag kommer att höra av mig.",
    ],
)
def test_the_writer_beside_others_in_a_sentence_not_about_coming_is_not_counted(
    text: str,
) -> None:
    assert sender_counted([text]) is None


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Vi kommer att vara två: jag och Kim Sjöberg.", ["Kim Sjöberg"]),
        ("Kim Sjöberg och jag kommer gärna.", ["Kim Sjöberg"]),
        ("Vi blir tre: jag, Kim Sjöberg och Ola Berg.", ["Kim Sjöberg", "Ola Berg"]),
        ("Deltar gör Anna Berg, Per Lund samt undertecknad.", ["Anna Berg", "Per Lund"]),
        ("Myself and Ali Rezaei would like to attend.", ["Ali Rezaei"]),
    ],
)
def test_a_name_beside_the_writer_with_no_address_is_asked_about(
    text: str, names: list[str]
) -> None:
    read = prose([text])
    assert all(isinstance(r, Unread) and str(r.why) == "no address" for r in read)
    assert [r.name for r in read] == names


def test_a_name_beside_the_writer_with_its_address_is_read_once() -> None:
    (found,) = prose(["Anna Berg (anna.berg@lund.se) och jag kommer."])
    assert (found.name, found.email) == ("Anna Berg", "anna.berg@lund.se")


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg och jag pratade om seminariet i går.",
        "Jag och Kim Sjöberg har läst inbjudan med stort intresse.",
    ],
)
def test_a_name_beside_the_writer_in_a_sentence_not_about_coming_is_no_participant(
    text: str,
) -> None:
    assert prose([text]) == []
