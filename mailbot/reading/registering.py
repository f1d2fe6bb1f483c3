"""Which sentences ask to register (SPEC §3's "signs of registering"), and which are questions
about something else.

Why not any word of §3's list: those words have other senses, and people use them. "Kommer det
att finnas fika?", "Här kommer rapporten", "Hur tar man sig till platsen?", "Skickas
deltagarlistan ut?", "will the attendance list be published?" each hold one, and none asks for a
seat. Read literally, each would book its sender (the worst failure, §3). A careful organiser
reads the sentence, not the word, so a sign here is a sentence that says the writer (or someone
named) wants to come:

- a statement (a sentence that is no question) with a registering word in its registering
  sense: any form of anmäl-, registrer-/register, delta/deltar/deltagande, attend,
  participate, sign up, enrol; komma/kommer only said of the writer ("jag kommer gärna",
  "vi vill komma", not "kommer att", "kommer från", "här kommer"); plats only as a seat
  ("boka en plats", "plats för mig", not "platsen" the venue). Not the words about the
  registration process or the list ("anmälningsblankett", "deltagarlista", "attendance list",
  "registration form"), nor "anmäla ärendet till polisen" (to report), nor past participation
  ("deltog förra året").
- a question that asks to be registered: a request put as a question, as Swedish politeness
  writes it ("Kan jag anmäla mig och en kollega?", "Går det bra att anmäla Anna Berg,
  anna.berg@…?", "Finns det plats för oss?", "Can I still sign up?"): a modal or "går det att"
  with a registering verb, about the writer or someone named, or a seat asked for someone.
  A question about the event or about how registering works ("Hur anmäler man sig?", "När är
  sista dag?", "Går det fortfarande att anmäla sig?", "Är jag anmäld?") is no request: the
  organiser answers it, the bot does not book on it.
- the subject, read as a title: the same words as a statement, unless the author's text is a
  question about something else (then the subject is that question's title: "Anmälan" over
  "Finns det parkering?" is a question for the organiser).

Choice (written here and in reading/README.md): a mail whose author text is only questions that
ask no registration is a question for the organiser: it books no one (not the sender, not a
person named in the question: "Kan Anna Berg, anna.berg@…, vara moderator?"), an invited
sender's goes to the organiser (`forwarded`) and an uninvited one's is ignored unanswered (§4).
A question that asks to register is a registration, as §3's list and the organiser would read
it; the people it names are booked, and a "kollega" it does not name is asked about as in any
registration.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import Final

from mailbot.reading.addresses import locate
from mailbot.reading.names import looks_like_name
from mailbot.reading.questions import (
    INTERROGATIVE,
    NEGATION,
    asked,
    asks_for,
    is_question,
    statement_before,
)

_I: Final = re.IGNORECASE

# ---------------------------------------------------------------------------- the words

# komma/kommer said of the writer, not "kommer att" (will), "kommer från" (comes from),
# "kommer ihåg" (remembers), "kommer förbi" (drops by) …
_NOT_COMING_SENSE: Final = (
    r"(?!\s+(?:att|från|ifrån|tillbaka|åt|ihåg|överens|fram|in|ut|upp|ner|hem|bort|igen|iväg"
    r"|förbi|över|undan|med (?:en|ett|några|lite|fler|mer|synpunkter|frågor|förslag|svar)\b))"
)
_WRITER_COMES: Final = re.compile(
    r"\b(?:jag|vi)\b((?:\s+[\w-]+){0,3}?)\s+(?:kommer|komma)\b"
    + _NOT_COMING_SENSE
    + r"|\b(?:kommer|komma)\s+(?:jag|vi)\b(?!(?:\s+[\w-]+)?\s+att\b)"
    + _NOT_COMING_SENSE
    + r"|^\W*(?:kommer|komma) gärna\b"
    r"|\b(?:I|we)(?:['’](?:d|ll|m|re))?\b((?:\s+[\w'’-]+){0,3}?)\s+(?:come|coming)\b"
    r"(?!\s+(?:back|by|over|from|up|down|across|in|out|to (?:you|your|see)))"
    r"|\bI(?:'ll| will) be there\b|\bcount (?:me|us) in\b",
    _I,
)
# "Jag tror att hon kommer": someone else comes, not the writer.
_SOMEONE_ELSE: Final = re.compile(
    r"\b(?:hon|han|hen|de|dom|den|det|ni|du|man|någon|ingen|alla|she|he|they|it|you|someone)\b",
    _I,
)

_SEAT: Final = re.compile(
    r"\b(?:boka|bokar|reservera|reserverar|önskar|vill ha|få|ha kvar)\s+(?:\w+\s+){0,2}?"
    r"plats(?:er)?\b"
    r"|\bplats(?:er)?\s+(?:kvar\s+)?(?:för|till|åt)\s+(?:mig|oss|min|mina|vår|våra|en till"
    r"|en kollega|\d+|två|tre|fyra|fem|ytterligare|[^\W\d_]+ [^\W\d_]+)"
    r"|\b(?:book|reserve|save)\s+(?:me\s+|us\s+)?(?:a|one|two|\d+)\s+(?:place|seat|spot)s?\b"
    r"|\b(?:room|a place|places|a seat|seats|space|a spot)\s+(?:left\s+)?for\s+"
    r"(?:me|us|my|our|one more|two|three|\d+)\b",
    _I,
)
# anmäl-, registrer-, delta, attend … in their registering sense (see the module's docstring).
_WORDS: Final = re.compile(
    r"\banm[äa]l(?!nings)\w*|\bregistrer(?!ings)\w*|\bregistrering\b|\bregistr?ation\b"
    r"|\bregister(?:ed|ing|s)?\b|\bdelta(?:r|ga|ger|nde)?\b|\battend(?:s|ing)?\b"
    r"|\b(?:my|our) attendance\b|\bparticipat(?:e|es|ing)\b|\b(?:my|our) participation\b"
    r"|\bsign(?:ing|ed)?(?:\s+(?:me|us|them|him|her))?[ -]?up\b|\benrol\w*",
    _I,
)
_OTHER_SENSE: Final = re.compile(
    r"\banmäl\w*\s+(?:\w+\s+)?(?:ärendet|händelsen|brottet|skadan|felet|incidenten|detta|det här"
    r"|saken|till polisen|till socialtjänsten|hos polisen)\b"
    r"|\b(?:ert|ditt|era|dina|ert aktiva)\s+deltagande\b|\btack för (?:\w+\s+)?deltagande"
    r"|\bregistration (?:form|link|page|number|deadline|fee)\b"
    r"|\bregistered (?:office|trademark|charity|company|in)\b"
    # an existing registration being corrected: "Rättelse anmälan", "Liten rättelse till vår
    # anmälan: Jonas efternamn stavas …", "fel i min anmälan" (the organiser makes it)
    r"|\b(?:rättelse|rättning|korrigering|fel|felaktigheter|felstavning|stavfel)\w*\s+"
    r"(?:(?:till|av|i|på|om|angående|gällande|vår|min|er|den|tidigare)\s+){0,3}"
    r"(?:anmälan|anmälningen|registreringen)\b"
    r"|\bcorrection\s+(?:to|of|in)\s+(?:(?:my|our|the)\s+)?registration\b",
    _I,
)
# The writer does not know yet whether they come: "Jag vet inte om jag kan komma än", "Jag är
# osäker på om jag kan delta", "I'm not sure if I can attend". Not "Jag undrar om jag kan
# anmäla mig", which is Swedish politeness for a request.
_UNDECIDED: Final = re.compile(
    r"\b(?:vet (?:inte|ej)(?: \w+)? (?:om|ifall|huruvida)|osäker (?:på )?(?:om|ifall|huruvida)"
    r"|inte (?:säker|klart|bestämt) (?:på )?(?:om|ifall|huruvida)|oklart (?:om|ifall|huruvida)"
    r"|(?:not|un)\s?sure (?:yet )?(?:if|whether)|(?:don't|don’t|do not) (?:yet )?know (?:yet )?"
    r"(?:if|whether)|undecided (?:if|whether|about))\b",
    _I,
)

_VERB: Final = re.compile(
    r"\b(?:anmäla|anmäl|anmala|registrera|registrering|boka in|delta|deltaga|vara med"
    r"|register|sign (?:me |us |\w+ )?up|attend|join|participate|enrol\w*)\b"
    r"|\b(?:komma|come)\b" + _NOT_COMING_SENSE,
    _I,
)
_WORD: Final = re.compile(r"[^\W\d_][\w'’-]*")


@functools.lru_cache(maxsize=512)
def asks_to_register(unit: str) -> bool:
    """A question that asks for a registration: "Kan jag anmäla mig?", "Går det bra att anmäla
    Anna Berg, anna.berg@…?", "Finns det plats för oss?", "Can we still sign up?". Not one that
    asks how, when, where or who ("Hur anmäler man sig?"), nor one about something else."""
    text = asked(unit)
    if INTERROGATIVE.match(text):
        return False
    return _SEAT.search(text) is not None or asks_for(unit, _VERB)


@functools.lru_cache(maxsize=512)
def states_registering(unit: str) -> bool:
    """A statement (or a subject) that registers: a registering word in its registering sense,
    the writer saying they come, or a seat asked for."""
    if _SEAT.search(unit):
        return True
    for match in _WRITER_COMES.finditer(unit):
        between = next((g for g in match.groups() if g), "")
        if undecided(unit, match.start()):
            continue  # "Jag vet inte om jag kan komma än"
        if not NEGATION.search(between) and not _SOMEONE_ELSE.search(between):
            return True
    words = [
        m
        for m in _WORDS.finditer(unit)
        if not _negated(unit, m.start()) and not undecided(unit, m.start())
    ]
    if not words:
        return False
    other = [m.span() for m in _OTHER_SENSE.finditer(unit)]
    return any(not any(s <= w.start() < e for s, e in other) for w in words)


_CLAUSE: Final = re.compile(r"[,;:.!?(]|\s[–—-]\s|\s(?:men|but|och|and|utan)\s", _I)


def _negated(unit: str, at: int) -> bool:
    """A negation earlier in the word's clause: "Jag har aldrig anmält mig", "I never
    registered", "har inte möjlighet att delta" say no one comes."""
    start = max((m.end() for m in _CLAUSE.finditer(unit, 0, at)), default=0)
    return NEGATION.search(unit, start, at) is not None


def undecided(unit: str, at: int) -> bool:
    """The writer says they do not know yet, earlier in the clause of the word at `at`
    ("Jag vet inte om jag kan komma", "I'm not sure if I can attend"): no sign, no count."""
    start = max((m.end() for m in _CLAUSE.finditer(unit, 0, at)), default=0)
    return _UNDECIDED.search(unit, start, at) is not None


def plain_question(unit: str) -> bool:
    """A question that asks for no registration and says none before it asks: the organiser
    answers it, nothing is read from it (no sign of registering, no participant, not the
    sender counted)."""
    return is_question(unit) and not sign_in(unit)


def sign_in(unit: str) -> bool:
    """One sentence of the author's text is a sign of registering: a statement that registers,
    a question that asks to, or a question after a statement that does ("Jag kommer gärna,
    finns det parkering?")."""
    if is_question(unit):
        return asks_to_register(unit) or states_registering(statement_before(unit))
    return states_registering(unit)


def sign_in_subject(subject: str) -> bool:
    """The subject read as a title: "Anmälan", "Registration – 14 September", "Jag kommer!";
    a subject that asks ("Anmälan?", "Fråga om anmälan") is read as a question."""
    return sign_in(subject) if subject.strip() else False


# ---------------------------------------------------------------------------- others, unnamed

_OTHERS_UNNAMED: Final = re.compile(
    r"\b(?:en|min|två|tre|fyra|fem|några|ett par|flera|ytterligare en?)\s+(?:\w+\s+)?"
    r"(?:kollega|kollegor|kolleger|medarbetare|person(?:er)?)\b"
    r"|\b(?:båda två|vi två|vi tre|vi båda|oss två|oss tre|oss båda)\b"
    r"|\b(?:a|my|two|three|four|some|a few|another)\s+(?:\w+\s+)?(?:colleagues?|people|persons)\b"
    r"|\b(?:both of us|the two of us|the three of us)\b",
    _I,
)


def others_unnamed(unit: str) -> bool:
    """A sentence that registers and says others come without naming them ("Kan jag anmäla mig
    och en kollega?", "Vi kommer gärna båda två", "I'd like to register two colleagues"): a
    careful organiser books whom the text names and asks who the others are."""
    match = _OTHERS_UNNAMED.search(unit)
    if match is None or not sign_in(unit):
        return False
    after = unit[match.end() :]
    words = _WORD.findall(after)
    return not (
        locate(after) or any(looks_like_name(f"{a} {b}") for a, b in itertools.pairwise(words))
    )
