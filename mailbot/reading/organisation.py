"""Which organisation a message says its sender belongs to (SPEC §4.3), for shared domains.

Why candidates, not an answer: `polisen.se` or a city's domain is shared by many invited actors,
and the message says which one in an `Organisation:` line, the subject ("Anmälan från
Rinkeby-Kista stadsdelsförvaltning"), the signature, or a sentence ("från lokalpolisområde
Järva"). This module lists what is written there, strongest first; matching it to an actor's
name or alias (and calling a tie a tie) stays with `actors`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from mailbot.reading.addresses import locate
from mailbot.reading.keys import key_line
from mailbot.reading.prose import sentences

Where = Literal["key", "subject", "signature", "prose"]
_I: Final = re.IGNORECASE


@dataclass(frozen=True)
class Evidence:
    """An organisation as written, where it was written, and the line it came from."""

    text: str
    where: Where
    line: str


# Words that name an organisation, also inside Swedish compounds (socialförvaltningen).
_STEMS: Final = (
    r"förvaltning|kommun|stad(?:en)?\b|region|polis|socialtjänst|myndighet|stadsdel|stadsområde"
    r"|nämnd|skola|skolan|landsting|länsstyrelse|enhet|sjukhus|vårdcentral|police|municipality"
    r"|council|department|agency|county|city\b"
)
_ORG_WORD: Final = rf"(?i:[\w-]*(?:{_STEMS})[\w-]*)"
# Searched first: the phrase pattern costs ~10 µs a character, the stems alone a fraction.
_HAS_STEM: Final = re.compile(_STEMS, re.IGNORECASE)
_CAP: Final = r"[A-ZÅÄÖÉÜ][\w-]*"
_ORG_PHRASE: Final = re.compile(
    rf"(?:{_CAP}\s+){{0,3}}\b{_ORG_WORD}(?:\s+(?:i\s+|in\s+|of\s+)?{_CAP}){{0,3}}"
)
# Capitalised words that open a subject or a sentence but name no organisation.
_OPENERS: Final = frozenset(
    """
    anmälan anmälningar anmäler återbud avanmälan registration register jag vi hej från till
    på ang angående seminarium seminariet inbjudan re sv vb fw fwd i we our from hi hello
    the
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
_AFTER_PREPOSITION: Final = re.compile(
    r"\b(?:på|från|vid|inom|hos|at|from|with|of)\s+((?:[\w-]+\s*){1,5})", _I
)
_PHRASE_END: Final = re.compile(
    r"\s+(?:och|som|men|samt|vill|ska|har|kommer|and|who|but|will|would|has|have|is|to|till)\b.*",
    _I,
)
_SUBJECT_PREFIX: Final = re.compile(r"^(?:\s*(?:re|sv|vb|fw|fwd|vs|aw)\s*:\s*)+", _I)
_NOT_ORGANISATION: Final = re.compile(
    r"^(?:med vänlig\w* hälsning\w*|vänlig\w* hälsning\w*|hälsning\w*|mvh|bästa hälsningar"
    r"|best regards|kind regards|regards|best|thanks|thank you|tack|cheers)[,.!]?$"
    r"|https?://|www\.|\d{3} ?\d{2}\b|^\+?[\d\s()/-]{6,}$",
    _I,
)


_NOT_ORGANISATION_START: Final = re.compile(
    r"/|(?:skickat från|sent from|get outlook|hämta outlook|med vänlig\w* hälsning\w*"
    r"|vänlig\w* hälsning\w*|hälsningar|mvh|best regards|kind regards|regards|thanks|tack)\b",
    _I,
)


def organisation_evidence(
    subject: str,
    lines: Sequence[str],
    signature: Sequence[str] = (),
    sender_name: str | None = None,
) -> tuple[Evidence, ...]:
    """Organisations written in the message, strongest first: `Organisation:`-like keys in the
    author's text, then the subject, then the signature, then sentences (SPEC §4.3)."""
    found: list[Evidence] = []
    for line in lines:
        keyed = key_line(line)
        if keyed is not None and keyed.key.field == "organisation" and keyed.value:
            found.append(Evidence(keyed.value, "key", line))
    found.extend(_in_subject(subject))
    found.extend(_in_signature(signature, sender_name))
    for sentence in sentences(["" if key_line(line) else line for line in lines]):
        found.extend(Evidence(text, "prose", sentence) for text in _phrases(sentence))
    unique: dict[str, Evidence] = {}
    for evidence in found:
        unique.setdefault(evidence.text.casefold(), evidence)
    return tuple(unique.values())


def _phrases(text: str) -> list[str]:
    """Organisation phrases in a sentence: a phrase around an organisation word ("Polisen
    Järva", "Rinkeby-Kista stadsdelsförvaltning"), and what follows "på/från/vid" when it is
    capitalised or holds such a word."""
    phrases: list[str] = []
    if _HAS_STEM.search(text):
        phrases = [_without_openers(m[0].strip()) for m in _ORG_PHRASE.finditer(text)]
    for match in _AFTER_PREPOSITION.finditer(text):
        phrase = _PHRASE_END.sub("", match[1]).strip(" ,.;:!?")
        if phrase and (phrase[0].isupper() or _HAS_STEM.search(phrase)):
            phrases.append(phrase)
    return [p for p in phrases if p and not locate(p)]


def _without_openers(phrase: str) -> str:
    words = phrase.split()
    while len(words) > 1 and words[0].casefold() in _OPENERS:
        words.pop(0)
    return " ".join(words)


def _in_subject(subject: str) -> list[Evidence]:
    cleaned = _SUBJECT_PREFIX.sub("", subject).strip()
    if not cleaned:
        return []
    return [Evidence(text, "subject", subject) for text in [*_phrases(cleaned), cleaned]]


def _in_signature(signature: Sequence[str], sender_name: str | None) -> list[Evidence]:
    """Signature lines that may name an organisation: not a greeting, the sender's name, a
    phone number, an address or a web link; lines with an organisation word first."""
    kept: list[str] = []
    own_names = {word.casefold() for word in (sender_name or "").replace(",", " ").split()}
    for raw in signature:
        line = raw.strip(" \t-–—|*_")
        if not line or locate(line) or _NOT_ORGANISATION.search(line):
            continue
        keyed = key_line(line)
        if keyed is not None and keyed.key.field in ("phone", "contact", "email"):
            continue
        if sender_name and line.casefold() == sender_name.casefold():
            continue
        if _NOT_ORGANISATION_START.match(line) or line.casefold() in own_names:
            continue  # "Skickat från min iPhone", "/Eva", "Hälsningar Per", "Eva" alone
        kept.append(line)
    strong = [line for line in kept if _HAS_STEM.search(line)]
    ordered = strong + [line for line in kept if line not in strong]
    return [Evidence(line, "signature", line) for line in ordered]
