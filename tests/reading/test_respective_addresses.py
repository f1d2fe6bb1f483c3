"""Addresses given after the names, in order (SPEC §3: an address belongs to the name written
next to it; two written together are not paired by guessing): "Deras mejladresser är a@… resp.
b@…" says the order pairs them, so it does; without "resp." or with as many names as
addresses not matching, nothing is paired.
"""

from __future__ import annotations

import pytest

from mailbot.reading.found import Found
from mailbot.reading.prose import prose, sentences


@pytest.mark.parametrize(
    "text",
    [
        "Från oss kommer Kerstin Wallin och Ahmed Farah. Deras mejladresser är "
        "kerstin.wallin@nacka.se resp. ahmed.farah@nacka.se.",
        "Kerstin Wallin och Ahmed Farah kommer, deras adresser: kerstin.wallin@nacka.se "
        "respektive ahmed.farah@nacka.se",
        "Kerstin Wallin and Ahmed Farah will attend; their email addresses are "
        "kerstin.wallin@nacka.se and ahmed.farah@nacka.se respectively.",
    ],
)
def test_respectively_pairs_the_addresses_with_the_names_in_order(text: str) -> None:
    read = prose([text])
    assert all(isinstance(r, Found) for r in read)
    assert [(r.name, r.email) for r in read if isinstance(r, Found)] == [
        ("Kerstin Wallin", "kerstin.wallin@nacka.se"),
        ("Ahmed Farah", "ahmed.farah@nacka.se"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Från oss kommer Kerstin Wallin och Ahmed Farah. Deras adresser är "
        "kerstin.wallin@nacka.se och ahmed.farah@nacka.se.",
        "Från oss kommer Kerstin Wallin, Ahmed Farah och Eva Ek. Deras adresser är "
        "kw@nacka.se resp. af@nacka.se.",
    ],
)
def test_without_respectively_or_with_a_name_too_many_nothing_is_paired(text: str) -> None:
    assert not [r for r in prose([text]) if isinstance(r, Found)]


def test_resp_is_no_end_of_a_sentence() -> None:
    assert list(sentences(["a@x.se resp. b@x.se är adresserna. Tack!"])) == [
        "a@x.se resp. b@x.se är adresserna.",
        "Tack!",
    ]
