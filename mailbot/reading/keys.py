"""The key words of SPEC §3: which field a `Key:` names, and which language it signals.

Why a table: people spell keys many ways (`E-post`, `Epost`, `e-postadress`, `Mail 2`), and the
same words head table columns and CSV files. One normalised table serves key blocks, tables and
attachments alike, and tells the reply which language the author wrote in.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

Field = Literal[
    "name",
    "first-name",
    "last-name",
    "name-and-title",
    "email",
    "organisation",
    "title",
    "seminar",
    "replaces",
    "notes",
    "phone",
    "contact",  # a contact card's other lines (address, fax, web): the sign of a signature
]
Language = Literal["sv", "en"] | None  # None: a word both languages use (`Mail`, `Seminar`)


@dataclass(frozen=True)
class Key:
    """What a key word means: the field it names and the language it is written in."""

    field: Field
    language: Language


_NOISE: Final = re.compile(r"[\s\-/.]+")
_TRAILING_NUMBER: Final = re.compile(r"\d+$")


def normalised(word: str) -> str:
    """`E-post`, `Epost`, `e post`, `Deltagare 2`, `E-mail:` → `epost`, `epost`, `epost`,
    `deltagare`, `email`: the form the table is looked up in."""
    word = word.strip().rstrip(":").strip(" *_")
    return _TRAILING_NUMBER.sub("", _NOISE.sub("", word.casefold()))


def _words(field: Field, language: Language, *words: str) -> dict[str, Key]:
    return {normalised(word): Key(field, language) for word in words}


_KEYS: Final[dict[str, Key]] = {
    **_words("name", "sv", "Namn", "Deltagare", "Deltagarens namn", "Fullständigt namn"),
    **_words("name", "sv", "För- och efternamn", "För och efternamn", "Namn på deltagare"),
    **_words("name", "sv", "Förnamn Efternamn", "Förnamn och efternamn", "Förnamn/Efternamn"),
    **_words("name", "en", "Name", "Participant", "Full name", "Participant name", "Attendee"),
    **_words("first-name", "sv", "Förnamn"),
    **_words("first-name", "en", "First name", "Given name", "Firstname"),
    **_words("last-name", "sv", "Efternamn"),
    **_words("last-name", "en", "Last name", "Surname", "Family name", "Lastname"),
    **_words("name-and-title", "sv", "Namn och titel", "Namn och befattning", "Namn/titel"),
    **_words("name-and-title", "en", "Name and title", "Name and role"),
    **_words("email", "sv", "E-post", "Epost", "E-postadress", "Mejl", "Mejladress"),
    **_words("email", "sv", "Mailadress", "E-mailadress", "Mejl-adress", "Mail-adress"),
    **_words("email", "en", "E-mail", "Email", "Email address", "E-mail address"),
    **_words("email", None, "Mail"),
    **_words("organisation", "sv", "Myndighet", "Förvaltning", "Kommun", "Stadsdel"),
    **_words("organisation", "sv", "Stadsområde", "Lokalpolisområde", "Arbetsplats", "Enhet"),
    **_words("organisation", "sv", "Stadsdelsförvaltning", "Verksamhet"),
    **_words("organisation", "en", "Organization", "Agency", "Department", "Employer"),
    **_words("organisation", None, "Organisation"),
    **_words("title", "sv", "Befattning", "Titel", "Roll", "Yrkestitel", "Funktion", "Tjänst"),
    **_words("title", "en", "Title", "Role", "Job title", "Position"),
    **_words("seminar", "sv", "Datum", "Seminarium", "Seminariedatum", "Tillfälle"),
    **_words("seminar", "en", "Date", "Session"),
    **_words("seminar", None, "Seminar"),
    **_words("replaces", "sv", "Ersätter", "Ersättare för", "I stället för", "Istället för"),
    **_words("replaces", "en", "Replaces", "Replacing", "Instead of"),
    **_words("notes", "sv", "Övrigt", "Kommentar", "Kommentarer", "Meddelande", "Specialkost"),
    **_words("notes", "en", "Notes", "Note", "Comment", "Comments", "Dietary requirements"),
    **_words("phone", "sv", "Telefon", "Tel", "Mobil", "Mobiltelefon", "Telefonnummer"),
    **_words("phone", "sv", "Mobilnummer", "Direkt", "Växel", "Vxl"),
    **_words("phone", "en", "Phone", "Mobile", "Telephone", "Cell", "Phone number"),
    **_words("contact", "sv", "Besöksadress", "Postadress", "Adress", "Webb", "Hemsida"),
    **_words("contact", "en", "Address", "Visiting address", "Web", "Website"),
    **_words("contact", None, "Fax"),
}

# `Key: value` as people write it, in plain text or after HTML (`*Namn:* Anna`, `• E-post: …`,
# `Namn : Anna`). A key is one to four words and may end in a number (`Deltagare 2`).
_KEY_LINE: Final = re.compile(
    r"[\s*_•·◦▪►\-–—]*"
    r"(?P<key>[^\W\d_][^\W_]*(?:[ \-/]{1,2}[^\W_]+){0,3})"
    r"[\s*_]*:[\s*_]*(?P<value>.*?)[\s*_,;]*"
)


def key(word: str) -> Key | None:
    """The meaning of a key word (a `Key:` or a column header), case-insensitive; else None."""
    return _KEYS.get(normalised(word))


@dataclass(frozen=True)
class KeyLine:
    """A `Key: value` line with a known key; `value` is "" when it stands on the next line."""

    key: Key
    value: str


@functools.lru_cache(maxsize=4096)  # every reader asks of the same lines
def key_line(line: str) -> KeyLine | None:
    """`Namn: Anna Svensson` → KeyLine(name, "Anna Svensson"); a line whose key is not one of
    §3's words (`Tid: 13.00`, `Hej: …`) is None."""
    match = _KEY_LINE.fullmatch(line)
    if match is None:
        return None
    known = key(match["key"])
    if known is None:
        return None
    return KeyLine(known, " ".join(match["value"].split()))


# A key inside a line, after a space or a separator: `Namn: Anna Svensson, E-post: anna@x.se`.
_INLINE_KEY: Final = re.compile(r"(?<=[\s,;|])([^\W\d_][^\W_]*(?:[ \-][^\W_]+){0,2})\s*:(?!//)")


def split_keys(line: str) -> list[str]:
    """A line holding several `Key: value` pairs, one pair a line (Outlook and forms flatten
    them: `Namn: Anna Svensson E-post: anna@x.se`); any other line as it is."""
    if key_line(line) is None:
        return [line]
    cuts = [0]
    after = line.index(":") + 1
    # A second key needs a colon of its own after the first: most key lines have none, and
    # the pattern is the costliest part of reading a key block.
    inline = _INLINE_KEY.finditer(line, after) if ":" in line[after:] else ()
    for match in inline:  # after the first key
        words = match[1].split()
        for start in range(len(words)):  # "Svensson E-post:": the key is the last word(s)
            candidate = " ".join(words[start:])
            if key(candidate) is not None:
                cuts.append(match.start(1) + len(" ".join(words[:start])) + (start > 0))
                break
    pieces = [line[a:b].strip(" ,;|") for a, b in zip(cuts, [*cuts[1:], len(line)], strict=True)]
    return [piece for piece in pieces if piece]


def awaits_value(line: str) -> bool:
    """A known key with nothing after it (`Mailadress:`): its value is on the next line."""
    keyed = key_line(line)
    return keyed is not None and not keyed.value


def key_language(words: Iterable[str]) -> Language:
    """The language the keys of a message signal: the one with more keys, else None (SPEC §3:
    English keys make the reply English)."""
    english = swedish = 0
    for word in words:
        known = key(word)
        if known is not None:
            english += known.language == "en"
            swedish += known.language == "sv"
    if english == swedish:
        return None
    return "en" if english > swedish else "sv"


def key_words(lines: Sequence[str]) -> list[str]:
    """The key word of each known `Key:` line, for `key_language`."""
    words: list[str] = []
    for line in lines:
        match = _KEY_LINE.fullmatch(line)
        if match is not None and key(match["key"]) is not None:
            words.append(match["key"])
    return words
