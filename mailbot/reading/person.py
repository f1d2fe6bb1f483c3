"""One person from a short piece of text: a list item, a line, a segment of a line.

Why its own module: lists, separated lines and prose segments all hold "a name, an address and
maybe a title, in any order, between separators". Reading that once keeps the readers agreeing.
What is not just a person (a sentence, two addresses) is refused, so that a sentence goes to the
prose reader instead of being read as a name.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from mailbot.reading.addresses import Located, addresses, locate, without_addresses
from mailbot.reading.keys import key_line
from mailbot.reading.names import (
    is_name_word,
    looks_like_name,
    matches_address,
    split_title,
    title_before,
    turned_round,
)


@dataclass(frozen=True)
class Person:
    """What a piece of text says about one person; email as written, None when not given."""

    name: str | None
    email: str | None
    title: str | None = None


_PART_SEPARATOR: Final = re.compile(r"\s*(?:[;,\t|()\[\]<>]|\s[-–—/]\s|^[-–—]\s|\s[-–—]$)\s*")
_STRIP: Final = " \"'`*_:.–—-"
# Words that make a piece of text a sentence rather than a name or a title.
_PROSE_WORDS: Final = frozenset(
    """
    jag vi mig oss min mina vår våra kommer kommer vill ska skulle anmäla anmäler anmäl är
    och som också även gärna kan inte går deltar delta hon han hennes hans mejl mail nedan i
    me my our we will would like to is are also too please can't cannot attend come register
    she he her his and who the skicka send kontakta contact svara reply ring call mejla
    maila läs read besök visit frågor questions info information här here yes ja nej no both
    båda us blir tre två three two hej hi hello dear ersätter ersätts ersätta replaces
    replaced replacing
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
# `Bcc: x@y.se`, `Kontakt: x@y.se`: a key line (of a key no reader knows), not a person.
_UNKNOWN_KEY: Final = re.compile(r"\s*[^\W\d_][\w-]{0,20}\s*:\s*\S+@")
_QUOTED: Final = re.compile(r'"([^"]+)"')
_SPACES: Final = re.compile(r"[ \u00a0]+")
_PHONE: Final = re.compile(r"\+?[\d][\d\s\-/()]{5,}\d")
_LAST_FIRST: Final = re.compile(r"([^\W\d_][\w'’-]*),\s*([^\W\d_][\w'’-]*(?:\s[^\W\d_][\w'’-]*)?)")


def _parts(text: str) -> list[str]:
    """The pieces between separators, keys (`Namn:`) and phone numbers taken out."""
    parts: list[str] = []
    for raw in _PART_SEPARATOR.split(text):
        part = raw.strip(_STRIP)
        if not part or _PHONE.fullmatch(part):
            continue
        keyed = key_line(part + ("" if ":" in part else ":"))
        if keyed is not None and ":" in raw:
            if keyed.key.field in ("phone", "contact", "email") or not keyed.value:
                continue
            part = keyed.value
        parts.append(part)
    return parts


def _is_prose(part: str) -> bool:
    words = [w.strip(".,!?:").casefold() for w in part.split()]
    return len(words) > 6 or ":" in part or any(w in _PROSE_WORDS for w in words)


def _name_and_title(part: str, email: str | None) -> tuple[str, str | None]:
    """The name a part holds and the title written inside it, before it or after it
    (`Socialsekreterare Anna Berg` with `anna.berg@…`), turned round as the address shows."""
    name, after = split_title(part)
    if email is None:
        return name, after
    name, before = title_before(turned_round(name, email), email)
    return name, ", ".join(t for t in (before, after) if t) or None


def _name_index(parts: list[str], email: str | None) -> int | None:
    """Which part is the name: the one the address spells, else the first name-looking one."""
    candidates = [i for i, p in enumerate(parts) if looks_like_name(_name_and_title(p, email)[0])]
    if email is not None:
        spelled = [i for i in candidates if matches_address(parts[i], email)]
        if spelled:
            return spelled[0]
        single = [i for i, p in enumerate(parts) if is_name_word(p) and matches_address(p, email)]
        if not candidates and single:
            return single[0]
    return candidates[0] if candidates else None


def _title_first(last_first: re.Match[str], email: str | None) -> bool:
    """`Gruppchef, Jörgen Hägg` with `jorgen.hagg@…`: the address spells the whole name after
    the comma and not the word before it, so that word is a title, not a surname."""
    return (
        email is not None
        and len(last_first[2].split()) >= 2
        and matches_address(last_first[2], email)
        and not matches_address(last_first[1], email)
    )


@functools.lru_cache(maxsize=1024)  # the line and prose readers ask of the same lines
def person(text: str) -> Person | None:
    """`Anna Svensson <anna@x.se>`, `anna@x.se; Anna Svensson; kurator`,
    `"Svensson, Anna" <anna.svensson@x.se>` → one Person. None when the text holds two
    addresses, reads as a sentence, or names no one."""
    found = addresses(text)
    if len(found) > 1 or _UNKNOWN_KEY.match(text):
        return None
    email = found[0] if found else None
    rest = _SPACES.sub(" ", without_addresses(text)).strip(" ")
    display = _QUOTED.fullmatch(rest.strip(_STRIP[1:] + "<>();,\t"))
    inner = display[1].strip() if display else rest.strip(_STRIP + "<>();,\t")
    last_first = _LAST_FIRST.fullmatch(inner)
    if last_first is not None and not _title_first(last_first, email):
        written = f"{last_first[1]}, {last_first[2]}"
        return Person(turned_round(written, email) if email else written, email)
    if display is not None:  # `"Anna Svensson, kurator" <anna@x.se>`: the quotes hold a name
        rest = inner
    parts = _parts(rest)
    if any(_is_prose(p) for p in parts):
        return None
    index = _name_index(parts, email)
    if index is None and email is None:
        return None
    name: str | None = None
    title: str | None = None
    titles = parts
    if index is not None:
        name, title = _name_and_title(parts[index], email)
        titles = parts[:index] + parts[index + 1 :]
    all_titles = [t for t in [title, *titles] if t]
    return Person(name, email, ", ".join(all_titles) or None)


_SEGMENT_END: Final = re.compile(r"[;,\t]")
_CLOSERS: Final = ">)]\"' "


def _cuts(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Where one person ends and the next begins, for text holding several addresses.

    Names written before their address (`Anna <a@x.se>, Per <p@x.se>`) end at the first
    separator after the address; addresses written first (`a@x.se (Anna); p@x.se (Per)`) end at
    the last separator before the next address. Which order the text uses is seen at the start:
    text before the first address means names come first.
    """
    names_first = bool(text[: spans[0][0]].strip(_STRIP + "<(\t;,"))
    cuts: list[int] = []
    for (_, end), (next_start, _) in itertools.pairwise(spans):
        between = text[end:next_start]
        if names_first:
            separator = _SEGMENT_END.search(between)
            offset = separator.end() if separator else len(between) - len(between.lstrip(_CLOSERS))
        else:
            separators = list(_SEGMENT_END.finditer(between))
            offset = separators[-1].end() if separators else len(between)
        cuts.append(end + offset)
    return cuts


def _distinct(found: Sequence[Located]) -> list[tuple[int, int]]:
    """Spans of distinct addresses (Outlook's `a@x.se<mailto:a@x.se>` is one)."""
    seen: set[str] = set()
    spans: list[tuple[int, int]] = []
    for located in found:
        if located.address.casefold() not in seen:
            seen.add(located.address.casefold())
            spans.append((located.start, located.end))
    return spans


def people(text: str) -> list[Person] | None:
    """Several people on one line (`Anna <a@x.se>; Per <p@x.se>`), or the one person of
    `person`; None when some piece cannot be read as a person, so nothing is paired wrongly."""
    located = _distinct(locate(text))
    if len(located) <= 1:
        one = person(text)
        return None if one is None else [one]
    cuts = _cuts(text, located)
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    read = [person(piece) for piece in pieces]
    if any(p is None or p.email is None for p in read):
        return None
    return [p for p in read if p is not None]
