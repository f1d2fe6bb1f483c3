"""What a question asks (SPEC §3): which sentences are questions, what a question says before
it asks, and whether it asks for something to be done to someone identified.

Why a module of its own: registering, cancelling and swapping all follow the same sentence
rule, and a careful organiser reads a question the same way whatever it is about. "Kan jag
anmäla mig?", "Kan ni stryka mig från listan?" and "Kan Per Persson gå i stället för Anna?"
are requests put politely, as Swedish and English write them; "Hur anmäler man sig?", "Kan man
avboka senare?" and "Går det att byta deltagare om någon blir sjuk?" ask about the rules, and
the organiser answers them. `registering` asks `asks_for` of registering verbs, `intent` asks
`meant` (through `asks_to`) of cancelling and swapping phrases; see reading/README.md.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from typing import Final

from mailbot.reading.addresses import locate
from mailbot.reading.names import looks_like_name

_I: Final = re.IGNORECASE

_GREETING: Final = re.compile(
    r"^\s*(?:hej|hejsan|hallå|hello|hi|hey|dear|god (?:morgon|dag|eftermiddag)"
    r"|good (?:morning|afternoon|day))\b[^,!.?:]{0,30}[,!.:]\s*",
    _I,
)
# "Jag undrar om …", "I wonder whether …": an indirect question; the clause after it is asked.
_WONDER: Final = re.compile(
    r"\b(?:undrar|undra|funderar|wonder(?:ing)?|vill (?:gärna )?veta|would like to know"
    r"|want(?:ed)? to know|fråga (?:om|angående)|question (?:about|regarding))\b"
    r"(?:\s+(?:bara|också|just|also))?(?:\s+(?:om|if|whether))?\s*",
    _I,
)
INTERROGATIVE: Final = re.compile(
    r"^\W*(?:och|men|and|but|så|so)?\s*(?:hur|när|var|vart|varifrån|vilken|vilket|vilka|vad"
    r"|varför|vem|vems|how|when|where|what|which|who|whom|whose|why)\b",
    _I,
)
NEGATION: Final = re.compile(r"\b(?:inte|ej|aldrig|not|never|can't|cannot|won't)\b", _I)


@functools.lru_cache(maxsize=1024)  # asked of each unit by several readers of one mail
def is_question(unit: str) -> bool:
    """A sentence that asks: it ends in "?", or it says the writer wonders ("Jag undrar om
    …", "I wonder whether …")."""
    text = unit.rstrip(" \"'”»")
    return text.endswith("?") or _WONDER.search(unit) is not None


_CLAUSE_BREAK: Final = re.compile(r"[,;:]\s|\s[–—-]\s")


def statement_before(unit: str) -> str:
    """What a question says before it asks: "Jag anmäler Anna Berg (anna.berg@…), finns det
    vegetarisk mat?" and "Jag kommer gärna och undrar om det finns parkering" register; "Jag
    kan inte komma, kan ni skicka materialet?" says "Jag kan inte komma"; "" when it says
    nothing first."""
    text = _GREETING.sub("", unit, count=1)
    wonder = _WONDER.search(text)
    if wonder is not None:
        return text[: wonder.start()]
    breaks = list(_CLAUSE_BREAK.finditer(text))
    head = text[: breaks[-1].start()] if breaks else ""
    return "" if INTERROGATIVE.match(head) else head  # "How do I register, and …?" asks


def asked(unit: str) -> str:
    """What a question asks: its greeting taken off, an indirect question's own clause ("Jag
    undrar om ni kan stryka mig" asks "ni kan stryka mig")."""
    text = _GREETING.sub("", unit, count=1)
    wonder = _WONDER.search(text)
    return text[wonder.end() :] if wonder else text


# ---------------------------------------------------------------------------- a request

# The writer, or someone in particular, as the one the request is about.
_PERSON: Final = re.compile(
    r"\b(?:jag|vi|mig|oss|min|mina|mitt|vår|våra|vårt|(?-i:I)|we|me|us|my|our|myself|ourselves"
    r"|kollega\w*|kolleg(?:or|er)\w*|medarbetare\w*|colleagues?)\b",
    _I,
)
_MODAL: Final = re.compile(
    r"\b(?:kan|kunde|får|fick|skulle|vill|ska|går det(?: bra)?(?: att)?"
    r"|är det (?:möjligt|ok|okej|okey|okay|lugnt) att|finns det möjlighet (?:att|för)"
    r"|can|could|may|might|would|will you|is it possible to|is it (?:ok|okay|alright|fine)"
    r" (?:if|to)|do you have room)\b",
    _I,
)
_WORD: Final = re.compile(r"[^\W\d_][\w'’-]*")


def _names_someone(text: str) -> bool:
    """The writer ("jag", "mig", "we"), a colleague, an address, or a name written (the
    first word of the text aside: a sentence starts with a capital)."""
    if locate(text) or _PERSON.search(text):
        return True
    words = _WORD.findall(text)
    return any(looks_like_name(f"{a} {b}") for a, b in itertools.pairwise(words[1:]))


@functools.lru_cache(maxsize=1024)
def asks_for(unit: str, verb: re.Pattern[str]) -> bool:
    """A question that asks for `verb` to be done, for the writer or someone named: a modal or
    "går det (bra) att" before the verb, not negated, and a person ("jag", "mig", "min
    kollega", a name, an address) on either side of the verb ("Kan ni stryka mig?", "Could you
    cancel my registration?"). Not one that asks how, when, where or who, nor an impersonal one
    ("Kan man avboka?", "Går det att anmäla sig?"). A modal negated before the verb is passed
    over for the next one ("Anna kan inte, kan Per gå i stället?" asks with its second "kan").
    Swedish "i" (in) is no "I": "Går det att anmäla sig i förväg?" names no one."""
    text = asked(unit)
    if INTERROGATIVE.match(text):
        return False
    for modal in _MODAL.finditer(text):
        found = verb.search(text, modal.end())
        if found is None:
            return False
        if not NEGATION.search(text[modal.start() : found.start()]):
            before, after = text[: found.start()], text[found.start() :]
            return _names_someone(before) or _names_someone(after)
    return False


# ---------------------------------------------------------------------------- cancel, swap

# Said in passing, a request stays one: "Kan ni stryka mig om det går?", "if possible".
_HEDGE: Final = re.compile(
    r"\b(?:om|if)\s+(?:möjligt|possible|det (?:går|är möjligt|är ok\w*)(?: bra)?|ni kan"
    r"|you (?:can|could|would|don't mind|do not mind)|that(?:'s| is) (?:ok\w*|fine|possible)"
    r"|it(?:'s| is) (?:possible|ok\w*|not too late))\b",
    _I,
)
# A case that may come, or whether it is still allowed: the question asks what the rules are.
_HYPOTHETICAL: Final = re.compile(
    r"\b(?:ifall|i fall att|i så fall|senare|längre fram|i framtiden|fortfarande|vid behov"
    r"|i efterhand|efteråt|if|in case|whether|later|afterwards|in the future|still|eventually"
    r"|should (?:plans|something))\b"
    r"|\bom (?:jag|vi|man|någon|något|nåt|ni|du|hon|han|hen|de|dom|det|planerna|barnen)\b"
    # "om Anna Berg blir sjuk" (if), not "seminariet om våld i nära relationer" (about)
    r"|\bom\s+(?:\S+\s+){0,4}?(?:blir|får|skulle|kan|kommer|inte|är|har|behöver|måste|vill"
    r"|ska|ändras)\b",
    _I,
)
# Asking for advice, not for it to be done: "Ska jag avboka?", "Do I need to cancel?"; or
# asking what anyone may do ("Kan man stryka mig …?", "Can one cancel …?"): about the rules.
_ADVICE: Final = re.compile(
    r"\b(?:ska|bör|måste|behöver) (?:jag|vi|man)\b|\b(?:should|must|do|shall) (?:I|we|one)\b"
    r"|\b(?:need|have) to\b|\b(?:man|one|anyone|anybody)\b",
    _I,
)


def asks_to(unit: str, verb: re.Pattern[str]) -> bool:
    """A question that asks for a cancellation or a swap to be done, as a request put politely:
    `asks_for` (a modal or "går det bra att" before the verb, the writer or someone named: "Kan
    ni stryka mig från listan?", "Could you cancel my registration?", "Kan jag avanmäla mig?",
    "Kan Per Persson gå i stället för Anna?"), and not about a case that may come or whether it
    is still allowed ("om jag blir sjuk", "if plans change", "senare", "still"), nor asking
    advice ("Ska jag avboka?"), nor what anyone may do ("Kan man stryka mig?", "Can one
    cancel?"). What a question asks that is not this goes where a question goes (the
    organiser), never to a cancellation."""
    text = _HEDGE.sub(" ", asked(unit))
    if _HYPOTHETICAL.search(text) or _ADVICE.search(text):
        return False
    return asks_for(unit, verb)


def meant(unit: str, phrase: Callable[[str], bool], verb: re.Pattern[str]) -> bool:
    """A sentence with the phrase means it: a statement does; a question does when what it says
    before it asks does ("Jag kan inte komma, kan ni skicka materialet?") or it asks for it."""
    if not is_question(unit):
        return True
    return _says(statement_before(unit), phrase) or asks_to(unit, verb)


# A clause that opens as a yes/no question does ("Måste man avanmäla sig skriftligt, eller …?")
# is part of the question, not a statement before it; "Kan tyvärr inte komma, …" (the subject
# left out, as a quick mail writes it) is a statement.
_ASKS_FIRST: Final = re.compile(
    r"^\W*(?:kan|kunde|får|fick|skulle|vill|ska|måste|bör|behöver|går|gick|är|finns|blir|har"
    r"|kommer|can|could|may|might|would|will|shall|should|must|is|are|do|does|did|have|has)\b",
    _I,
)
_NEGATED: Final = re.compile(r"\b(?:inte|ej|not|can't|cannot|can’t|won't|won’t|unable)\b", _I)


def _says(head: str, phrase: Callable[[str], bool]) -> bool:
    if not head or not phrase(head):
        return False
    return _ASKS_FIRST.match(head) is None or _NEGATED.search(head) is not None
