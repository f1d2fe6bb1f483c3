"""Words of job titles, Swedish and English: what may stand before a name without being part of
it ("Socialsekreterare Anna Berg", "our Head of Unit Mark Evans").

Why a vocabulary at all: a title before a name is written in capitals as often as not (at the
start of a list item, or in English title case), so case alone cannot tell "Enhetschef Eva Lind"
from "Karl Johan Berg". Swedish titles are compounds ending in a handful of heads
(`-sekreterare`, `-chef`, `-assistent`, `-handläggare`), so endings cover the many compounds no
list would; English titles are a short list of words. The vocabulary alone decides nothing: a
title is only taken out of a name where the address spells the rest (`names.title_before`).
"""

from __future__ import annotations

import functools
from typing import Final

# Heads of Swedish title compounds: a word ending in one is a title ("Fältassistent",
# "Enhetschef", "Socialsekreterare", "Kriminalinspektör").
_SWEDISH_HEADS: Final = tuple(
    """
    sekreterare chef assistent handläggare samordnare ansvarig inspektör utredare terapeut
    pedagog arbetare ledare kurator konsult strateg rådgivare sköterska direktör föreståndare
    kommissarie intendent polis aspirant biträde analytiker specialist vägledare behandlare
    handledare socionom psykolog läkare jurist ombud tjänsteman tjänsteperson fältare lärare
    rektor kriminalvårdare kontrollant officer medarbetare praktikant kanslist registrator
    administratör koordinator expert utvecklare planerare ordförande förman kontaktperson
    controller stöd skötare värd
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
# Whole words of titles: Swedish modifiers and English title words.
_TITLE_WORDS: Final = frozenset(
    """
    biträdande ställföreträdande tillförordnad tf t.f. vice senior junior förste
    head chief deputy acting principal lead assistant associate officer manager director
    coordinator co-ordinator advisor adviser inspector detective constable sergeant
    superintendent commissioner analyst specialist consultant worker social police customs
    probation prison unit team department section project programme program case youth
    family field support counsellor counselor therapist nurse psychologist investigator
    administrator secretary supervisor leader executive strategist planner liaison
    controller professor coach mentor outreach community safety prevention crime policy
    legal counsel caseworker
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
# Words that join title words inside a title ("Head of Unit", "Chef för enheten").
CONNECTORS: Final = frozenset({"of", "for", "and", "&", "för", "och", "vid", "på", "inom"})


@functools.lru_cache(maxsize=4096)
def is_title_word(word: str) -> bool:
    """A word of a job title, whatever its case: `Socialsekreterare`, `enhetschef`, `Senior`,
    `Officer`; not `Karl`, `Mark`, `Berg`."""
    folded = word.strip(",.").casefold()
    if folded in _TITLE_WORDS:
        return True
    return any(folded.endswith(head) for head in _SWEDISH_HEADS)
