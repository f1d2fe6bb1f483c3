"""What the author's words ask for (SPEC §3, §6): registering, the sender counted or not, a
cancellation, a substitution, another seminar's date, an attachment for information only.

Why predicates and values, not a verdict: a phrase says what it says ("Återbud – Lisa Berg",
"Anna kan inte, Per Persson går i stället"); whom it concerns among the actor's registrations,
and what to do, is the decision's business. So each function returns the phrase's line and the
names and addresses written with it, or nothing; none of them guesses. What a swap sentence
says (who instead of whom) is read by `swaps`, the names written with a phrase by
`names.names_in`; this module decides which sentences of the mail mean what.

Questions follow `registering`'s sentence rule: a cancelling or swapping phrase in a question
is an intent only when the question asks for it to be done to the writer or someone identified
("Kan ni stryka mig från listan?", "Could you cancel my registration?", "Kan Per Persson gå i
stället för Anna?"), not when it asks whether or how one could ("Kan man avboka senare?", "Hur
gör jag om jag behöver lämna återbud?", "Is it possible to cancel later if plans change?", "Går
det att byta deltagare om någon blir sjuk?"): a wrong cancellation is as bad as a wrong
booking, so what might be a question about the rules goes to the organiser as a question does
(see `questions.asks_to` and reading/README.md).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from mailbot.reading import doubts, questions, registering, swaps
from mailbot.reading.addresses import addresses
from mailbot.reading.lists import is_item
from mailbot.reading.names import is_name_word, names_in
from mailbot.reading.prose import sentences

# Re-exported: callers name the values of a substitution as `intent.Mention`/`Substitution`.
from mailbot.reading.swaps import Mention as Mention
from mailbot.reading.swaps import Substitution as Substitution

_I: Final = re.IGNORECASE
# Speed (the phrase patterns run on every sentence of every mail): a leading `\b` is written
# once for all the words, and `(?=[…])` lists the words' first letters, so that at most places
# in a sentence the search fails on one test instead of trying each word. Case-insensitive
# classes fold exactly as the letters do (checked for every code point).


@dataclass(frozen=True)
class Cancellation:
    """A request to cancel; no names and no addresses means the writer themself."""

    line: str
    names: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    of_sender: bool = False  # the phrase speaks of the writer ("jag", "mig", "I")
    in_subject: bool = False
    of_other: bool = False  # and of someone it does not name ("min kollega", "hon", "she")


def units(lines: Sequence[str]) -> tuple[str, ...]:
    """The author's sentences (wrapped lines joined), with each list item a unit of its own."""
    return _units(tuple(lines))


@functools.lru_cache(maxsize=64)  # each phrase reader asks for the units of the same mail
def _units(lines: tuple[str, ...]) -> tuple[str, ...]:
    found: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if is_item(line) or not line.strip():
            found.extend(sentences(block))
            block = []
            if line.strip():
                found.append(line.strip())
        else:
            block.append(line)
    return tuple(found)


# ---------------------------------------------------------------------------- registering


def signs_of_registering(subject: str, lines: Sequence[str]) -> bool:
    """SPEC §3's sign of registering, read by the sentence (`registering`): a statement that
    registers or says the writer comes, a question that asks to be registered, or the subject
    when the author's text is no question about something else. "Kommer det att finnas fika?"
    and "Här kommer rapporten" are none."""
    found = units(lines)
    if any(registering.sign_in(unit) and not unsubscribes(unit) for unit in found):
        return True
    if any(sender_counted_in(unit) for unit in found):
        return True
    if any(questions.is_question(unit) for unit in found):
        return False  # the text asks something else: the subject is its title
    return registering.sign_in_subject(subject)


def without_plain_questions(lines: Sequence[str]) -> tuple[str, ...]:
    """The author's units that are not questions about something else, one to a paragraph:
    what a question asks of the organiser is read for no one (see `registering`)."""
    kept: list[str] = []
    for unit in units(lines):
        if not registering.plain_question(unit):
            kept.extend((unit, ""))
    return tuple(kept)


# ---------------------------------------------------------------------------- the sender

_SENDER_COUNTED: Final = re.compile(
    r"^\W*jag själv\W*$"
    # "Jag kommer!" alone, "I'm coming!": the whole sentence is the answer
    r"|^\W*(?:jag kommer|I(?:'m|’m| am) coming|I(?:'ll|’ll| will) come)\s*[.!]*\s*$"
    r"|\b(?=[acijmrs])(?:mig själv\b|jag och\b|jag kommer (?:gärna|också|med|själv)\b"
    r"|jag (?:vill )?(?:gärna )?(?:delta|deltar|komma)\b|anmäl(?:er|a|s)? (?:härmed )?mig\b"
    r"|myself\b|I(?: will| would like to|'d like to|’d like to| want to| shall| hope to)"
    r" (?:attend|come|join|participate|be there|(?:register|sign up)(?:\s+(?:myself|for|to)\b"
    r"|\s*[.!,]|$))"
    r"|(?:me|I) and my colleague|register me\b|sign me up\b|count me in\b|räkna med mig\b"
    r"|jag (?:skulle |vill )?(?:gärna |väldigt gärna )?(?:vilja )?vara med\b"
    r"|I(?:'ll| will) be there\b)"
    # the writer last in a row of people: "…, Bo Ek (…) samt jag själv.", "Anna och jag
    # kommer", "samt undertecknad"
    r"|\b(?=[ops])(?:och|samt|plus) (?:jag(?: själv)?(?=\s*[.!]?\s*$)|(?:jag|mig) själv\b"
    r"|undertecknad\b|jag (?:kommer(?! att (?!delta|komma|närvara))|deltar|vill (?:gärna )?"
    r"(?:komma|delta))\b)|\band I (?:will|would like to|'d like to|’d like to|shall|hope to)"
    r" (?:attend|come|join|participate|be there)\b",
    _I,
)
_NOT_COMING: Final = re.compile(
    r"\b(?=[eijmns])(?:själv (?:kan|kommer|har) jag (?:\w+ )?inte\b"
    r"|jag själv (?:kan|kommer) (?:\w+ )?inte\b"
    r"|jag (?:kan|kommer) (?:\w+ )?inte (?:\w+ )?(?:komma|delta|närvara)? ?själv\b"
    r"|(?:inte|ej) mig själv\b|not (?:me|myself)\b"
    r"|I (?:can't|cannot|can’t|won't|won’t|will not|am not) (?:\w+ )?"
    r"(?:attend(?:ing)?|come|coming|join(?:ing)?|make it)\b"
    r"[^.!?]*\bmyself\b|myself,? I (?:can't|cannot|can’t|won't|won’t|will not)\b)",
    _I,
)
# The writer registers others: they do not come unless another sentence counts them in
# ("Jag anmäler mina kollegor" alone excludes; "… två kollegor och mig själv" does not).
_OTHERS: Final = re.compile(
    r"\b(?=[ij])(?:jag (?:vill )?anmäl(?:er|a) (?:härmed )?"
    r"(?:mina|två|tre|fyra|fem|följande|nedanstående)\b"
    r"|I (?:am|'m) registering (?:my|the following|two|three) colleagues\b)",
    _I,
)


def sender_counted(lines: Sequence[str]) -> str | None:
    """The sentence that counts the writer in ("mig själv", "jag och …", "Jag själv" as a list
    item, "Jag kommer gärna", "anmäler mig", "I will attend myself"); None when none does or
    the same sentence says they do not come."""
    return next((unit for unit in units(lines) if sender_counted_in(unit)), None)


@functools.lru_cache(maxsize=1024)  # asked of each unit two or three times a mail
def sender_counted_in(unit: str) -> bool:
    """One sentence counts the writer in, and is no question about something else ("Får jag
    och min kollega parkera i garaget?" counts no one)."""
    counted = _SENDER_COUNTED.search(unit)
    if not counted or _NOT_COMING.search(unit) or _cancel_phrase(unit):
        return False
    if registering.undecided(unit, counted.start()):
        return False  # "Jag vet inte om jag vill delta än"
    return not registering.plain_question(unit)


# "We" come: the writer and others the sentence does not name ("Vi kommer gärna", "Vi kommer
# båda", "Anmäl oss", "We'd both like to come"); not "vi kommer (gärna) att …", "we'll come back".
_WE_COME: Final = re.compile(
    r"\b(?=[abcdkprsvwr])(?:vi(?: [\w-]+){0,3}? (?:kommer|komma|deltar|delta|deltaga|närvarar"
    r"|medverkar|vara med)\b(?! (?:(?:gärna|nog|säkert|också|även) )?(?:att|från|ifrån"
    r"|tillbaka|överens|ihåg|in|ut|fram|förbi)\b)"
    r"|(?:kommer|deltar) vi (?:gärna|båda|alla|med)\b|anmäl(?:a|er|s)? (?:härmed )?oss\b"
    r"|vi (?:är|blir) (?:två|tre|fyra|fem|\d+)\b|plats(?:er)? (?:för|åt|till) oss\b"
    r"|we(?:'d|’d|'ll|’ll|'re|’re)?(?: [\w'’]+){0,3}? (?:come|coming|attend|attending|join"
    r"|joining|participate|participating|be there)\b(?! (?:back|by|over|from|up)\b)"
    r"|(?:register|sign|count|book) us\b|both of us\b|the (?:two|three) of us\b"
    r"|räkna med oss\b)",
    _I,
)


# Every form of _WE_COME holds one of these words: most sentences fail on this one cheap test.
_WE: Final = re.compile(r"\b(?:vi|we|oss|us)\b", _I)


def we_come(lines: Sequence[str]) -> str | None:
    """The sentence that says "we" come ("Vi kommer gärna", "We'd both like to come"): the
    writer is one of them, and the others are people it does not name. Not said in a question
    about something else, nor negated ("Vi kan tyvärr inte komma")."""
    for unit in units(lines):
        if _WE.search(unit) is None or _WE_COME.search(unit) is None or _cancel_phrase(unit):
            continue
        if not registering.plain_question(unit) and not questions.NEGATION.search(unit):
            return unit
    return None


# "Hur gör vi?", "Hur anmäler jag mig?", "How do we register?", "What should I do?": the writer
# asks how to register, so what was said before is a wish, not a registration of anyone yet.
_HOW_TO: Final = re.compile(
    r"^\W*(?:och|men|and|but|så|so)?\s*(?:"
    r"(?:hur|vad) (?:gör|ska|skall|bör) (?:vi|jag)(?: (?:göra|då|nu|sen|sedan))*\s*\?"
    r"|hur (?:gör|ska|skall|kan) (?:vi|jag) (?:för att |göra för att )?(?:anmäla|registrera)"
    r"|hur (?:anmäler|registrerar) (?:vi|jag)\b"
    r"|how (?:do|should|can|would) (?:we|I) (?:register|sign up|enrol|book|do (?:it|that|this)"
    r"|go about (?:it|this|that))\b|what (?:do|should) (?:we|I) do(?: now| then)?\s*\?)",
    _I,
)


def asks_how_after(lines: Sequence[str], said: str) -> bool:
    """The sentence after `said` asks how to go about it ("Vi är två till som vill komma. Hur
    gör vi?"): the writer does not yet know how to register, so "vi" has registered no one."""
    found = units(lines)
    at = next((i for i, unit in enumerate(found) if said in unit), None)
    if at is None or at + 1 >= len(found):
        return False
    following = found[at + 1]
    return questions.is_question(following) and _HOW_TO.search(following) is not None


def sender_excluded(lines: Sequence[str]) -> str | None:
    """The sentence that says the writer does not come ("själv kan jag inte", "själv kommer jag
    inte", "I can't attend myself"), or registers only others ("jag anmäler mina kollegor")
    when no sentence counts the writer in."""
    found = [unit for unit in units(lines) if not registering.plain_question(unit)]
    not_coming = next((unit for unit in found if _NOT_COMING.search(unit)), None)
    if not_coming is not None or sender_counted(lines) is not None:
        return not_coming
    return next((unit for unit in found if _OTHERS.search(unit)), None)


# ---------------------------------------------------------------------------- cancelling

_CANCEL_VERB: Final = (
    r"\b(?=[acdprstuwå])(?:avanmäl\w*|avanmal\w*|återbud\w*|aterbud\w*|avbok\w*"
    r"|stryk(?:a|er|s)?\b|cancel\w*|unregister\w*|de-?register\w*|withdraw\w*"
    # "ta bort mig / min anmälan / Anna Berg", "remove me / my registration", "take me off"
    r"|(?:ta|tar|plocka|plockar) bort(?= (?:(?:mig|oss|anmälan\w*)\b|(?:min|mitt|mina|vår|våra"
    r"|hans|hennes|hens|dennes|deras) (?:anmälan|registrering|plats|namn|deltagande)\b"
    r"|(?-i:[A-ZÅÄÖ][a-zåäöéü]+ [A-ZÅÄÖ][a-zåäöéü]+)|(?-i:[A-ZÅÄÖ][a-zåäöéü]+) (?:från|ur) "
    r"(?:(?:deltagar|anmälnings|gäst)?listan|seminariet|anmälan)\b))"
    r"|remov(?:e|ing)(?= (?:(?:me|us)\b|(?:my|our|his|her|their) (?:registration|name|booking"
    r"|place|seat|participation)\b|(?-i:[A-Z][a-zåäöéü]+ [A-Z])|(?-i:[A-Z][a-zåäöéü]+) from the "
    r"(?:participant |attendee |guest )?list\b))"
    r"|(?:take|strike|cross) (?:me|us) off\b"
    r"|(?:drar|dra|drog|dragit) tillbaka (?:\w+ )?anmälan\b|återkalla\w* (?:\w+ )?anmälan\b)"
)
# Saying that one does not come: "kan inte komma", "har tyvärr inte möjlighet att delta",
# "hinner inte delta", "deltar inte", "är förhindrad", "won't be attending". Each also keeps the
# sentence from being a sign of registering or counting the writer in (its verb is one).
_NOT_ATTENDING: Final = (
    r"\b(?=[abcdfhijkmnpsuwå'’])(?:(?:måste|får|behöver) (?:\w+ )?avstå\b"
    r"|ställ\w* in (?:mitt|vårt) deltagande\b|(?:pull|drop)(?:ing)? out\b"
    r"|jag kommer (?:\w+ )?inte (?=(?:i ?morgon|idag|i dag|på (?:\w+dag|seminariet)|dit|ändå)\b)"
    r"|(?:kan|kommer) (?:\w+ )?inte (?:längre |heller )?(?:att )?"
    r"(?:kunna )?(?:komma|delta|närvara|medverka|vara med)\b"
    r"|(?:(?:har|hade|får|fick) (?:\w+ )?(?:inte|ej|ingen) (?:\w+ )?(?:möjlighet|chans|tid)"
    r"|(?:ingen|inte) (?:möjlighet|chans) för mig) (?:att )?"
    r"(?:komma|delta|deltaga|närvara|medverka|vara med)\b"
    r"|hinner (?:\w+ )?(?:inte|ej) (?:\w+ )?(?:komma|delta|närvara|medverka|vara med)\b"
    r"|(?:deltar|närvarar|medverkar) (?:\w+ )?(?:inte|ej)\b|förhinder\b|förhindrad\w*"
    r"|(?:can't|cannot|can’t|can not|can no longer|won't|won’t|will not be able to|unable to) "
    r"(?:\w+ )?(?:attend|come|make it|participate|join)\b"
    r"|(?:won't|won’t|will not|wouldn't|wouldn’t|would not) be (?:\w+ )?(?:attending|coming"
    r"|joining|participating|there|able to (?:\w+ )?(?:attend|come|join|make it|participate))\b"
    r"|(?:am|'m|’m|are|'re|’re) (?:\w+ )?not (?:\w+ )?(?:attending|coming|joining"
    r"|participating|able to (?:attend|come|join|make it|participate))\b)"
)
# The writer's own "kommer inte" about the seminar, with the writer as the subject: "jag"
# heading a clause joined by "och" ("Jag har blivit sjuk och kommer inte imorgon"), or dropped
# as Swedish drops it at the head of a sentence ("Har blivit sjuk och kommer inte imorgon",
# "Kommer tyvärr inte imorgon"). "X kommer inte idag" alone is said of reports and parcels
# too ("Rapporten kommer inte idag"), so no other subject may stand between: not a noun, not
# a pronoun, not a clause opened by "att", "som", "om" ("Jag tror att materialet är försenat
# och kommer inte idag").
_OWN_CLAUSE: Final = (
    r"(?:(?!\b(?:att|som|där|när|om|ifall|eftersom|men|den|det|han|hon|hen|de|vi|ni|du)\b)"
    r"[^.!?;:])*?"
)
_OWN_ABSENCE: Final = (
    r"(?:^\W*(?:(?:hej|hejsan|hallå)\b[^,!.?:]{0,30}[,!.:]\s*)?(?:(?:tyvärr|dessvärre|så|men"
    r"|nej)\W+)?(?:(?:har|hade|är|var|blev|ligger|sitter|måste|fick|behöver)\b"
    + _OWN_CLAUSE
    + r"\boch\s+)?|\bjag\b"
    + _OWN_CLAUSE
    + r"\boch\s+)kommer (?:\w+ )?inte (?=(?:i ?morgon|idag|i dag|på (?:\w+dag|seminariet)|dit"
    r"|ändå)\b)"
)
# Subordinate word order, the subject before "inte": "Jag vill meddela att min kollega inte
# kan komma", "… att Lisa Berg tyvärr inte kan delta", "eftersom jag inte kommer att kunna
# närvara". Only after "att"/"eftersom": "de som inte kan komma" is no one in particular, and
# "om X inte kan komma" is a case that may come (`doubts`).
_SUBORDINATE: Final = (
    r"\b(?:att|eftersom)\s+(?P<who>(?:(?!(?:att|eftersom)\s)[\w-]+\s+){1,6}?)"
    r"(?:(?:tyvärr|dessvärre|alltså)\s+)?"
    r"(?:inte|ej)\s+(?:längre\s+)?(?:kan\s+|kommer\s+(?:att\s+)?(?:kunna\s+)?"
    r"|har\s+möjlighet\s+att\s+|hinner\s+)(?:komma|delta|deltaga|närvara|medverka|vara\s+med)\b"
)
_CANCEL: Final = re.compile(
    _CANCEL_VERB + "|" + _NOT_ATTENDING + "|" + _OWN_ABSENCE + "|" + _SUBORDINATE, _I
)
_CANCEL_WORDS: Final = re.compile(_CANCEL_VERB + "|" + _NOT_ATTENDING, _I)
_OWN_OR_SUBORDINATE: Final = re.compile(_OWN_ABSENCE + "|" + _SUBORDINATE, _I)


def _cancel_phrase(text: str) -> re.Match[str] | None:
    """The first cancelling phrase of `text`, as `_CANCEL.search` finds it. Why not that: it
    runs on every sentence of every mail, and the writer's own "kommer inte" and the
    subordinate "inte kan komma" cost as much again at every place in a sentence; both hold
    "inte" or "ej", so their pattern runs only on the sentences that do."""
    found = _CANCEL_WORDS.search(text)
    lowered = text.lower()
    if "inte" not in lowered and " ej" not in lowered:  # not "hej"
        return found
    own = _OWN_OR_SUBORDINATE.search(text)
    return own if own is not None and (found is None or own.start() < found.start()) else found


_NOT_ATTENDING_ONLY: Final = re.compile(
    _NOT_ATTENDING + "|" + _OWN_ABSENCE + "|" + _SUBORDINATE, _I
)
_OWN_ABSENCE_IN: Final = re.compile(_OWN_ABSENCE, _I)
_SUBORDINATE_IN: Final = re.compile(_SUBORDINATE, _I)
# "Ta bort Anna från listan", "Stryk Anna från deltagarlistan", "Remove Anna from the list": a
# given name alone, taken off the seminar's list (not cc, not a mailing list): matched among
# the actor's registrations by the decision, as "Anna kan inte" is.
_FIRST_NAME_OFF: Final = re.compile(
    r"\b(?:(?:ta|tar|plocka|plockar) bort|stryk(?:a|er)?|remov(?:e|ing)) (?P<name>(?-i:[A-ZÅÄÖ]"
    r"[a-zåäöéü]+)) (?=(?:från|ur|from|off) (?:the )?(?:participant |attendee |guest )?"
    r"(?:(?:deltagar|anmälnings|gäst)?listan|seminariet|anmälan|list)\b)",
    _I,
)
# A mailing list, not the seminar's list: "ta bort mig från er utskickslista", "unsubscribe me
# from your newsletter" asks the organiser to stop mailing, and cancels no booking (README).
_MAILING: Final = re.compile(
    r"\b(?=[adekmnpsuy])(?:(?:e-?post|mejl|mail|mailing|utskicks|sänd|distributions|kontakt)"
    r"-?list\w*|nyhetsbrev\w*|utskick\w*|(?:av)?prenumer\w*|e-?mail ?lists?|mailings?\b"
    r"|distribution ?lists?|newsletters?|unsubscrib\w*|subscri\w*|(?:er|era|ert|your) list\w*"
    r"|e-?mails? from you)",
    _I,
)
# What a question asks to be done when it asks to cancel ("Kan ni stryka mig?"); "kan inte
# komma" inside a question is no request ("Vad händer om jag inte kan komma?").
_CANCEL_ASKED: Final = re.compile(_CANCEL_VERB, _I)
_FIRST_PERSON: Final = re.compile(
    r"\b(?:jag|mig|själv|I|me|my|myself|min (?:anmälan|plats|registrering)|mitt deltagande)\b", _I
)
# Someone the phrase does not name: "Min kollega kan inte komma", "Hon har fått förhinder",
# "Vi kan inte komma" (who are "vi"?), "Någon från vår enhet kan inte komma", "Someone from our
# unit has to pull out", "En av oss kan inte".
_OTHER_PERSON: Final = re.compile(
    r"\b(?:(?:min|mina|vår|våra|en|my|our|a) (?:\w+ )?(?:kolleg\w*|medarbetare|chef|colleagues?"
    r"|manager)|kollegan|hon|han|hen|she|he|vi|we|någon|några|nån|someone|somebody"
    r"|(?:en|ett|ingen|två|one|none|two) (?:av|of) (?:oss|us|dem|them|mina|våra|my|our))\b",
    _I,
)


def cancellations(subject: str, lines: Sequence[str]) -> tuple[Cancellation, ...]:
    """Each sentence (and the subject) that asks to cancel, with the names and addresses written
    in it, or in the list items right below a sentence that ends in a colon ("Följande kan inte
    komma:" / "- Lisa Berg"). A sentence that says one person goes instead of another is a
    substitution instead. A question is a cancellation only when it asks for one
    (`questions.asks_to`): "Kan ni stryka mig från listan?" is, "Kan man avboka senare?" is
    not."""
    found: list[Cancellation] = []
    read = units(lines)
    if _cancels(subject) and _subject_meant(subject, read):
        found.append(_cancellation(subject, in_subject=True))
    for index, unit in enumerate(read):
        if _cancels(unit) and questions.meant(unit, _cancels, _CANCEL_ASKED) and not _doubted(unit):
            below = _items_below(read, index) if unit.rstrip().endswith(":") else ()
            found.append(_cancellation(unit, in_subject=False, below=below))
    return tuple(found)


def doubted(lines: Sequence[str]) -> tuple[str, ...]:
    """The sentences whose cancelling or swapping phrase is not to act on (`doubts`)."""
    return tuple(u for u in units(lines) if _doubted(u))


def _doubted(unit: str) -> bool:
    """A negation, a condition, another event or the writer's coming speaks against acting."""
    phrase = _cancel_phrase(unit) or swaps.SWAP_ASKED.search(unit) or doubts.SPLIT_SWAP.search(unit)
    return phrase is not None and doubts.doubt(unit, phrase) is not None


def _cancels(text: str) -> bool:
    if _cancel_phrase(text) is None or swaps.is_substitution(text):
        return False
    return not unsubscribes(text) or _NOT_ATTENDING_ONLY.search(text) is not None


def unsubscribes(text: str) -> bool:
    """A sentence that asks to be taken off a mailing list ("ta bort mig från er
    utskickslista", "unsubscribe me from your newsletter"): no cancellation of a seat, and
    no sign of registering ("I never registered for it")."""
    return _MAILING.search(text) is not None and (
        _cancel_phrase(text) is not None or _OPT_OUT.search(text) is not None
    )


_OPT_OUT: Final = re.compile(
    r"\b(?:unsubscrib\w*|avprenumer\w*|avregistrer\w*|avsluta\w*|sluta (?:få|skicka)"
    r"|stop (?:sending|receiving)|opt(?:ing)? out)",
    _I,
)


def _items_below(read: Sequence[str], index: int) -> tuple[str, ...]:
    items: list[str] = []
    for unit in read[index + 1 :]:
        if not is_item(unit):
            break
        items.append(unit)
    return tuple(items)


def _cancellation(text: str, *, in_subject: bool, below: Sequence[str] = ()) -> Cancellation:
    without_phrase = _CANCEL.sub(" , ", text)
    if _NOT_COMING.search(text) and _CANCEL_ASKED.search(text) is None:
        # "I will not be attending myself, but please register: Helena Björk <…>": the writer
        # says they do not come; the people in the same sentence are the ones registered.
        return Cancellation(line=text, of_sender=True, in_subject=in_subject)
    names, of_writer, unnamed = _whom(text, without_phrase)
    written = addresses(text)
    for item in below:
        names.extend(names_in(_ITEM_MARK.sub("", item)))
        written.extend(addresses(item))
    return Cancellation(
        line="\n".join([text, *below]),
        names=tuple(dict.fromkeys(names)),
        addresses=tuple(dict.fromkeys(written)),
        of_sender=not below and of_writer,
        in_subject=in_subject,
        of_other=not (names or written) and unnamed,
    )


def _whom(text: str, without_phrase: str) -> tuple[list[str], bool, bool]:
    """Whom a cancelling sentence is about: the names written with it, whether it speaks of the
    writer, and whether of someone it does not name ("min kollega", "hon", "någon").

    In subordinate order ("Jag vill meddela att min kollega inte kan komma") the clause's
    subject is whom it is about, whoever the main clause names: "Jag vill meddela …" is no
    cancellation of the writer, and "Tråkigt att ni inte kan komma" is about someone not
    named. A lone word left of the main clause ("Synd , .") is then no given name."""
    off = [m["name"] for m in _FIRST_NAME_OFF.finditer(text) if is_name_word(m["name"])]
    clause = _SUBORDINATE_IN.search(text)
    if clause is None:
        names = [*names_in(without_phrase), *off]
        return names, _of_writer(text, without_phrase), bool(_OTHER_PERSON.search(without_phrase))
    whole = [n for n in names_in(without_phrase) if " " in n]
    of_writer = _FIRST_PERSON.search(clause["who"]) is not None
    return [*whole, *names_in(clause["who"]), *off], of_writer, not of_writer


def _of_writer(text: str, without_phrase: str) -> bool:
    """The phrase speaks of the writer, beside it or inside it ("Tyvärr hinner jag inte"), or
    with the writer as its dropped subject ("Har blivit sjuk och kommer inte imorgon")."""
    if _FIRST_PERSON.search(without_phrase) or _OWN_ABSENCE_IN.search(text):
        return True
    return any(_FIRST_PERSON.search(m.group()) for m in _CANCEL.finditer(text))


_ITEM_MARK: Final = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|[a-z]\)|\S)\s+")


# ---------------------------------------------------------------------------- substituting


def substitutions(
    subject: str, lines: Sequence[str], writer: str | None = None
) -> tuple[swaps.Substitution, ...]:
    """Each sentence that says one person goes instead of another, with who replaces whom as
    written ("i mitt ställe", "takes my place": the `writer`'s address, when known); "byte av
    deltagare" alone (in the text or the subject) is a Substitution that names no one. A
    question is one only when it asks for the swap (`questions.asks_to`): "Kan Per Persson gå
    i stället för Anna?" is, "Går det att byta deltagare om någon blir sjuk?" is not."""
    read = units(lines)
    found: list[swaps.Substitution] = []
    if swaps.is_swap(subject) and _subject_meant(subject, read):
        found.extend(s for s in [swaps.substitution(subject)] if s is not None)
    for index, unit in enumerate(read):
        if (
            swaps.is_swap(unit)
            and questions.meant(unit, swaps.is_swap, swaps.SWAP_ASKED)
            and not _doubted(unit)
        ):
            asked = _LEADING_MODAL.sub("", unit) if questions.is_question(unit) else unit
            before = read[index - 1] if index else ""  # "Hon ersätts av …": whom "hon" is
            read_swap = swaps.substitution(asked, writer, before)
            found.extend(replace(s, line=unit) for s in [read_swap] if s is not None)
    if any(s.old or s.new for s in found):
        # "Kan vi byta deltagare? Anna kan inte, Per går i stället": the named swap answers
        # the question; it is no second, unnamed substitution to ask about.
        return tuple(s for s in found if s.old or s.new)
    return tuple(found)


# "Could Jane Doe attend instead of …?": the modal that opens a question is no part of a name.
_LEADING_MODAL: Final = re.compile(
    r"^\W*(?:kan|kunde|skulle|får|could|can|may|might|would)\s+(?=\S)", _I
)


# ---------------------------------------------------------------------------- the subject


def _subject_meant(subject: str, read: Sequence[str]) -> bool:
    """The subject is read as a title: not when it asks ("Avbokning?", "Fråga om avbokning"),
    nor when the author's text asks about cancelling or swapping without asking for it
    ("Avbokning" over "Kan man avboka senare?", "Substitution" over "can I still swap a
    colleague in later?": the subject is that question's title)."""
    if questions.is_question(subject):
        return False
    return not any(questions.is_question(u) and _asks_about_changes(u) for u in read)


_CHANGE_WORD: Final = re.compile(
    r"\b(?:byt\w*|swap\w*|ersätt\w*|replac\w*|substitut\w*|switch\w*|ta(?:s|r)? bort|remov\w*"
    r"|withdraw\w*)\b",
    _I,
)


def _asks_about_changes(unit: str) -> bool:
    """A question about cancelling or swapping that asks for neither to be done."""
    if not (_cancel_phrase(unit) or swaps.is_swap(unit) or _CHANGE_WORD.search(unit)):
        return False
    cancels = _cancels(unit) and questions.meant(unit, _cancels, _CANCEL_ASKED)
    return not cancels and not (
        swaps.is_swap(unit) and questions.meant(unit, swaps.is_swap, swaps.SWAP_ASKED)
    )


# ---------------------------------------------------------------------------- attachments

_FOR_INFORMATION: Final = re.compile(
    r"\bför (?:din |er )?kännedom\b|\btill (?:din |er )?kännedom\b|\bendast för information\b"
    r"|\bFYI\b|\bfor your information\b|\bfor information only\b|\bfor info(?:rmation)?\b",
    _I,
)


def for_information_only(subject: str, lines: Sequence[str]) -> str | None:
    """The sentence that says an attachment is for information only ("för kännedom"), so its
    list of names is not a registration (SPEC §3)."""
    return next((t for t in [subject, *units(lines)] if _FOR_INFORMATION.search(t)), None)
