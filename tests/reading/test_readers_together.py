"""The readers side by side on whole author texts: each person is read once, by the reader of
the form it is written in, so that the journal names the right form (SPEC §3, last points)."""

from __future__ import annotations

import pytest

from mailbot.reading.found import Found, Unread
from mailbot.reading.key_blocks import key_blocks
from mailbot.reading.lines import separated_lines
from mailbot.reading.lists import list_items
from mailbot.reading.prose import prose
from mailbot.reading.tables import tab_separated


def read_all(text: str) -> list[tuple[str, str | None, str | None]]:
    lines = text.splitlines()
    found: list[Found | Unread] = []
    for reader in (key_blocks, list_items, separated_lines, tab_separated, prose):
        found.extend(reader(lines))
    return [(r.source, r.name, r.email if isinstance(r, Found) else str(r.why)) for r in found]


MAILS = {
    "an outlook mail with a form, a list, a line, a table and a sentence": (
        """Hej!

Namn: Anna Svensson
Mailadress:
anna.svensson@lund.se

1. Per Persson, kurator, per.persson@lund.se
2) Lisa Berg
   lisa.berg@lund.se

Omar Ali <omar.ali@lund.se>; Fatima Said <fatima.said@lund.se>

Namn\tE-post
Åsa Öberg\tasa.oberg@lund.se

Och min kollega Kalle Karlsson (kalle.karlsson@lund.se) vill
också komma. Jag själv kan tyvärr inte.""",
        [
            ("key-block", "Anna Svensson", "anna.svensson@lund.se"),
            ("list", "Per Persson", "per.persson@lund.se"),
            ("list", "Lisa Berg", "lisa.berg@lund.se"),
            ("line", "Omar Ali", "omar.ali@lund.se"),
            ("line", "Fatima Said", "fatima.said@lund.se"),
            ("table", "Åsa Öberg", "asa.oberg@lund.se"),
            ("prose", "Kalle Karlsson", "kalle.karlsson@lund.se"),
        ],
    ),
    "an english mail with address-book lines": (
        """Dear organiser,

Please register the following colleagues:
Jane Doe <jane.doe@example.org>; John Smith <john.smith@example.org>
"Doe, Jim" <jim.doe@example.org>

I can't attend myself.""",
        [
            ("line", "Jane Doe", "jane.doe@example.org"),
            ("line", "John Smith", "john.smith@example.org"),
            ("line", "Jim Doe", "jim.doe@example.org"),
        ],
    ),
    "a gmail plain part with bold keys": (
        """Hej,

*Namn:* Per Persson
*E-post:* per.persson@malmo.se
*Befattning:* socionom

Tack!""",
        [("key-block", "Per Persson", "per.persson@malmo.se")],
    ),
    "a list with a colleague whose address is missing": (
        """Vi anmäler:
- Anna Svensson, anna@lund.se
- Kalle Karlsson""",
        [("list", "Anna Svensson", "anna@lund.se"), ("list", "Kalle Karlsson", "no address")],
    ),
}


@pytest.mark.parametrize("mail", list(MAILS))
def test_each_person_is_read_once_by_the_reader_of_its_form(mail: str) -> None:
    text, expected = MAILS[mail]
    assert read_all(text) == expected


MORE = {
    "outlook bullets followed by non-breaking spaces": (
        "Vi är två som vill delta:\n\n·\xa0\xa0\xa0\xa0\xa0\xa0\xa0 Anna Svensson, anna.svensson@huddinge.se\n"
        "·\xa0\xa0\xa0\xa0\xa0\xa0\xa0 Per Persson, per.persson@huddinge.se",
        [
            ("list", "Anna Svensson", "anna.svensson@huddinge.se"),
            ("list", "Per Persson", "per.persson@huddinge.se"),
        ],
    ),
    "a numbered list with tabs is a list, not a table": (
        "1.       Anna Svensson\t\tanna.svensson@lund.se\n2.       Per Persson\t\tper.persson@lund.se",
        [
            ("list", "Anna Svensson", "anna.svensson@lund.se"),
            ("list", "Per Persson", "per.persson@lund.se"),
        ],
    ),
    "a colleague whose address stands at the end of the sentence": (
        "Återbud från mig. Min kollega Omar Ali kommer i stället, omar.ali@lund.se",
        [("prose", "Omar Ali", "omar.ali@lund.se")],
    ),
    "surname-first names in prose turned round by their addresses": (
        "Anmäler Svensson Anna anna.svensson@polisen.se och Persson Johan johan.persson@polisen.se",
        [
            ("prose", "Anna Svensson", "anna.svensson@polisen.se"),
            ("prose", "Johan Persson", "johan.persson@polisen.se"),
        ],
    ),
    "an address in the same sentence that spells someone else is not given to the name": (
        "Jag anmäler Kalle Karlsson, svara gärna till kim.berg@lund.se",
        [("prose", None, "an address without a name"), ("prose", "Kalle Karlsson", "no address")],
    ),
}


@pytest.mark.parametrize("mail", list(MORE))
def test_real_mail_quirks_are_read_by_the_right_reader(mail: str) -> None:
    text, expected = MORE[mail]
    assert read_all(text) == expected


def test_a_sentence_before_a_name_and_address_is_read_as_prose_not_as_a_title() -> None:
    assert read_all("Yes, both of us: Tom Hill tom.hill@york.gov.uk") == [
        ("prose", "Tom Hill", "tom.hill@york.gov.uk")
    ]
