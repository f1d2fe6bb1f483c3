"""What the author's words ask for (SPEC §3, §6): registering, the sender counted or not, a
cancellation, a substitution, another seminar's date, an attachment for information only.

Why predicates and values, not a verdict: a phrase says what it says ("Återbud – Lisa Berg",
"Anna kan inte, Per Persson går i stället"); whom it concerns among the actor's registrations,
and what to do, is the decision's business. So each function returns the phrase's line and the
names and addresses written with it, or nothing; none of them guesses.

Questions follow `registering`'s sentence rule: a cancelling or swapping phrase in a question
is an intent only when the question asks for it to be done to the writer or someone identified
("Kan ni stryka mig från listan?", "Could you cancel my registration?", "Kan Per Persson gå i
stället för Anna?"), not when it asks whether or how one could ("Kan man avboka senare?", "Hur
gör jag om jag behöver lämna återbud?", "Is it possible to cancel later if plans change?", "Går
det att byta deltagare om någon blir sjuk?"): a wrong cancellation is as bad as a wrong
booking, so what might be a question about the rules goes to the organiser as a question does
(see `asks_to` and reading/README.md).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Final

from mailbot.reading import registering
from mailbot.reading.addresses import addresses, locate
from mailbot.reading.lists import is_item
from mailbot.reading.names import PARTICLES, is_name_word, looks_like_name
from mailbot.reading.prose import sentences

_I: Final = re.IGNORECASE
# Speed (the phrase patterns run on every sentence of every mail): a leading `\b` is written
# once for all the words, and `(?=[…])` lists the words' first letters, so that at most places
# in a sentence the search fails on one test instead of trying each word. Case-insensitive
# classes fold exactly as the letters do (checked for every code point).


@dataclass(frozen=True)
class Mention:
    """A person as written with a phrase: a name, an address, or both."""

    name: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class Cancellation:
    """A request to cancel; no names and no addresses means the writer themself."""

    line: str
    names: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    of_sender: bool = False  # the phrase speaks of the writer ("jag", "mig", "I")
    in_subject: bool = False


@dataclass(frozen=True)
class Substitution:
    """One person going instead of another; either side None when the text does not say
    ("byte av deltagare" names no one)."""

    line: str
    old: Mention | None
    new: Mention | None


@dataclass(frozen=True)
class DateRequest:
    """A date written where the author asks to come (or in the subject), as written."""

    line: str
    date: str
    in_subject: bool = False


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
    if any(registering.sign_in(unit) for unit in found):
        return True
    if any(sender_counted_in(unit) for unit in found):
        return True
    if any(registering.is_question(unit) for unit in found):
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
    r"|\b(?=[acijmrs])(?:mig själv\b|jag och\b|jag kommer (?:gärna|också|med|själv)\b"
    r"|jag (?:vill )?(?:gärna )?(?:delta|deltar|komma)\b|anmäl(?:er|a|s)? (?:härmed )?mig\b"
    r"|myself\b|I(?: will| would like to|'d like to|’d like to| want to| shall| hope to)"
    r" (?:attend|come|join|participate|be there|(?:register|sign up)(?:\s+(?:myself|for|to)\b"
    r"|\s*[.!,]|$))"
    r"|(?:me|I) and my colleague|register me\b|sign me up\b|count me in\b"
    r"|I(?:'ll| will) be there\b)",
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
    if not counted or _NOT_COMING.search(unit) or _CANCEL.search(unit):
        return False
    return not registering.plain_question(unit)


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
    r"\b(?=[acdsuå])(?:avanmäl\w*|avanmal\w*|återbud\w*|aterbud\w*|avbok\w*|stryk(?:a|er|s)?\b"
    r"|cancel\w*|unregister\w*|de-?register\w*)"
)
_CANCEL: Final = re.compile(
    _CANCEL_VERB
    + r"|\b(?=[cfkuw])(?:(?:kan|kommer) (?:\w+ )?inte (?:att )?(?:kunna )?(?:komma|delta|närvara)\b"
    r"|förhinder\b|(?:can't|cannot|can’t|can not|won't|won’t|will not be able to|unable to) "
    r"(?:\w+ )?(?:attend|come|make it|participate)\b)",
    _I,
)
# What a question asks to be done when it asks to cancel ("Kan ni stryka mig?"); "kan inte
# komma" inside a question is no request ("Vad händer om jag inte kan komma?").
_CANCEL_ASKED: Final = re.compile(_CANCEL_VERB, _I)
_FIRST_PERSON: Final = re.compile(r"\b(?:jag|mig|själv|I|me|my|myself)\b", _I)


def cancellations(subject: str, lines: Sequence[str]) -> tuple[Cancellation, ...]:
    """Each sentence (and the subject) that asks to cancel, with the names and addresses written
    in it, or in the list items right below a sentence that ends in a colon ("Följande kan inte
    komma:" / "- Lisa Berg"). A sentence that says one person goes instead of another is a
    substitution instead. A question is a cancellation only when it asks for one (`asks_to`):
    "Kan ni stryka mig från listan?" is, "Kan man avboka senare?" is not."""
    found: list[Cancellation] = []
    read = units(lines)
    if _cancels(subject) and _subject_meant(subject, read):
        found.append(_cancellation(subject, in_subject=True))
    for index, unit in enumerate(read):
        if _cancels(unit) and _meant(unit, _cancels, _CANCEL_ASKED):
            below = _items_below(read, index) if unit.rstrip().endswith(":") else ()
            found.append(_cancellation(unit, in_subject=False, below=below))
    return tuple(found)


def _cancels(text: str) -> bool:
    return _CANCEL.search(text) is not None and not _is_substitution(text)


def _items_below(read: Sequence[str], index: int) -> tuple[str, ...]:
    items: list[str] = []
    for unit in read[index + 1 :]:
        if not is_item(unit):
            break
        items.append(unit)
    return tuple(items)


def _cancellation(text: str, *, in_subject: bool, below: Sequence[str] = ()) -> Cancellation:
    without_phrase = _CANCEL.sub(" , ", text)
    names = list(names_in(without_phrase))
    written = addresses(text)
    for item in below:
        names.extend(names_in(_ITEM_MARK.sub("", item)))
        written.extend(addresses(item))
    return Cancellation(
        line="\n".join([text, *below]),
        names=tuple(dict.fromkeys(names)),
        addresses=tuple(dict.fromkeys(written)),
        of_sender=_FIRST_PERSON.search(without_phrase) is not None and not below,
        in_subject=in_subject,
    )


_ITEM_MARK: Final = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|[a-z]\)|\S)\s+")
_TOKEN: Final = re.compile(r"[^\s,;:()<>\[\]\"–—!?/]+")
_SUBJECT_PREFIX: Final = re.compile(r"^(?:\s*(?:re|sv|vb|fw|fwd|vs|aw|ang)\s*:\s*)+", _I)
_VERB_AFTER: Final = re.compile(
    r"\s+(?:kan|kommer|har|får|ska|går|can|cannot|can't|will|won't|is|has)\b", _I
)


def names_in(text: str) -> tuple[str, ...]:
    """The names written in a phrase: runs of two to five name words, and a single given name
    where a verb follows it ("Lisa kan inte") or it stands alone ("Återbud: Lisa")."""
    text = _without_addresses(_SUBJECT_PREFIX.sub("", text))
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for match in _TOKEN.finditer(text):
        word = match.group().rstrip(".")
        joined = bool(current) and text[current[-1].end() : match.start()].isspace()
        if is_name_word(word) or (joined and word in PARTICLES):
            if not joined:
                runs.append(current)
                current = []
            current.append(match)
            if word != match.group() and len(word) > 1:  # a full stop ends the sentence
                runs.append(current)
                current = []
        else:
            runs.append(current)
            current = []
    runs.append(current)
    found = [name for run in runs if (name := _run_name(text, run)) is not None]
    return tuple(dict.fromkeys(found))


def _run_name(text: str, run: list[re.Match[str]]) -> str | None:
    while run and run[-1].group() in PARTICLES:
        run = run[:-1]
    if not run:
        return None
    name = " ".join(m.group().rstrip(".") if len(m.group()) > 2 else m.group() for m in run)
    if looks_like_name(name):
        return name
    if len(run) > 1:
        return None
    after = text[run[0].end() :]
    alone = not (text[: run[0].start()] + after).strip(" ,.;:!?-–—")
    return name if alone or _VERB_AFTER.match(after) else None


def _without_addresses(text: str) -> str:
    """The text with addresses blanked (their local parts are not names)."""
    for found in reversed(locate(text)):
        text = text[: found.start] + " , " + text[found.end :]
    return text


# ---------------------------------------------------------------------------- substituting

# new … <verb> … old: "Per ersätter Anna", "Per går i stället för Anna", "Per instead of Anna".
_NEW_FOR_OLD: Final = re.compile(
    r"\b(?=[acdegikrsw])(?:ersätter|replaces|will replace|is replacing|substitutes for"
    r"|(?:(?:går|gå|kommer|komma|deltar|delta|will go|will come|will attend|goes|comes|attends"
    r"|go|come|attend) )?"
    r"(?:i stället för|istället för|instead of|in place of))\b",
    _I,
)
# old … <verb> … new: "Lisa ersätts av Omar", "Anna byts ut mot Per", "Y is replaced by X".
_OLD_BY_NEW: Final = re.compile(
    r"\b(?=[beiw])(?:ersätts (?:av|med)|byts ut mot|byts mot"
    r"|(?:is|will be|is being) replaced (?:by|with))\b",
    _I,
)
# "Anna kan inte, Per Persson går i stället: per.persson@lund.se"
_GOES_INSTEAD: Final = re.compile(
    r"\b(?=[acdgikwå])(?:går|gå|kommer|deltar|åker|will go|will come|will attend|goes|go|comes"
    r"|attends"
    r"|is coming)"
    r" (?:i stället|istället|instead)\b",
    _I,
)
_CANNOT: Final = re.compile(
    r"\b(?=[chikw])(?:(?:kan|kommer) (?:\w+ )?inte\b|har (?:fått )?förhinder\b"
    r"|(?:can't|cannot|can’t|won't|can not|is unable to|will not)\b)",
    _I,
)
_CHANGE_ONLY: Final = re.compile(
    r"\b(?=[bces])(?:byte av (?:deltagare|person)\b|byta deltagare\b|ersättare\b"
    r"|(?:change|substitution) of (?:participant|attendee)s?\b|substitut\w*\b)",
    _I,
)


def substitutions(subject: str, lines: Sequence[str]) -> tuple[Substitution, ...]:
    """Each sentence that says one person goes instead of another, with who replaces whom as
    written; "byte av deltagare" alone (in the text or the subject) is a Substitution that names
    no one. A question is one only when it asks for the swap (`asks_to`): "Kan Per Persson gå i
    stället för Anna?" is, "Går det att byta deltagare om någon blir sjuk?" is not."""
    read = units(lines)
    found: list[Substitution] = []
    if _swaps(subject) and _subject_meant(subject, read):
        found.extend(s for s in [_substitution(subject)] if s is not None)
    for unit in read:
        if _swaps(unit) and _meant(unit, _swaps, _SWAP_ASKED):
            asked = _LEADING_MODAL.sub("", unit) if registering.is_question(unit) else unit
            found.extend(replace(s, line=unit) for s in [_substitution(asked)] if s is not None)
    return tuple(found)


# "Could Jane Doe attend instead of …?": the modal that opens a question is no part of a name.
_LEADING_MODAL: Final = re.compile(
    r"^\W*(?:kan|kunde|skulle|får|could|can|may|might|would)\s+(?=\S)", _I
)


def _swaps(text: str) -> bool:
    return _is_substitution(text) or _CHANGE_ONLY.search(text) is not None


def _is_substitution(text: str) -> bool:
    return bool(_NEW_FOR_OLD.search(text) or _OLD_BY_NEW.search(text) or _GOES_INSTEAD.search(text))


def _substitution(text: str) -> Substitution | None:
    if match := _NEW_FOR_OLD.search(text):
        return Substitution(text, _leading(text[match.end() :]), _trailing(text[: match.start()]))
    if match := _OLD_BY_NEW.search(text):
        return Substitution(text, _trailing(text[: match.start()]), _leading(text[match.end() :]))
    if match := _GOES_INSTEAD.search(text):
        new = _trailing(text[: match.start()])
        after = _leading(text[match.end() :])
        if new is not None and new.address is None and after is not None and after.name is None:
            new = Mention(new.name, after.address)
        cannot = _CANNOT.search(text[: match.start()])
        old = None if cannot is None else _trailing(text[: cannot.start()])
        return Substitution(text, old, new)
    if _CHANGE_ONLY.search(text):
        return Substitution(text, None, None)
    return None


_SWAP_ASKED: Final = re.compile(
    "|".join(p.pattern for p in (_NEW_FOR_OLD, _OLD_BY_NEW, _GOES_INSTEAD, _CHANGE_ONLY)), _I
)


_EDGE: Final = " \t,;:()<>[]\"'–—-."
_LEAD_WORDS: Final = re.compile(r"^(?:min kollega|my colleague|kollegan|colleague)\s+", _I)


def _trailing(text: str) -> Mention | None:
    """The person written last in `text` (the one a following verb is about)."""
    text = text.rstrip(_EDGE)
    found = locate(text)
    address = None
    if found and not text[found[-1].end :].strip(_EDGE):
        address = found[-1].address
        text = text[: found[-1].start].rstrip(_EDGE)
    names = names_in(text.split(",")[-1] if address is None else text)
    name = names[-1] if names and text.rstrip(_EDGE).endswith(names[-1]) else None
    return None if name is None and address is None else Mention(name, address)


def _leading(text: str) -> Mention | None:
    """The person written first in `text` (the one a preceding verb is about)."""
    text = _LEAD_WORDS.sub("", text.lstrip(_EDGE))
    found = locate(text)
    if found and not text[: found[0].start].strip(_EDGE):
        after = text[found[0].end :]
        names = names_in(after[: after.find(")") + 1]) if after.lstrip(" >").startswith("(") else ()
        return Mention(names[0] if names else None, found[0].address)
    names = names_in(re.split(r"[,.;!?]| och | and ", text, maxsplit=1)[0])
    if not names or not text.startswith(names[0].split()[0]):
        return None
    rest = text[text.find(names[0]) + len(names[0]) :]
    address = (
        found[0].address if found and not rest[: rest.find(found[0].address)].strip(_EDGE) else None
    )
    return Mention(names[0], address)


# ---------------------------------------------------------------------------- questions

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
    `registering.asks_for` (a modal or "går det bra att" before the verb, the writer or someone
    named: "Kan ni stryka mig från listan?", "Could you cancel my registration?", "Kan jag
    avanmäla mig?", "Kan Per Persson gå i stället för Anna?"), and not about a case that may
    come or whether it is still allowed ("om jag blir sjuk", "if plans change", "senare",
    "still"), nor asking advice ("Ska jag avboka?"), nor what anyone may do ("Kan man stryka
    mig?", "Can one cancel?"). What a question asks that is not this goes
    where a question goes (the organiser), never to a cancellation."""
    asked = _HEDGE.sub(" ", registering.asked(unit))
    if _HYPOTHETICAL.search(asked) or _ADVICE.search(asked):
        return False
    return registering.asks_for(unit, verb)


def _meant(unit: str, phrase: Callable[[str], bool], verb: re.Pattern[str]) -> bool:
    """A sentence with the phrase means it: a statement does; a question does when what it says
    before it asks does ("Jag kan inte komma, kan ni skicka materialet?") or it asks for it."""
    if not registering.is_question(unit):
        return True
    return _says(registering.statement_before(unit), phrase) or asks_to(unit, verb)


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


def _subject_meant(subject: str, read: Sequence[str]) -> bool:
    """The subject is read as a title: not when it asks ("Avbokning?", "Fråga om avbokning"),
    nor when the author's text asks about cancelling or swapping without asking for it
    ("Avbokning" over "Kan man avboka senare?", "Substitution" over "can I still swap a
    colleague in later?": the subject is that question's title)."""
    if registering.is_question(subject):
        return False
    return not any(registering.is_question(u) and _asks_about_changes(u) for u in read)


_CHANGE_WORD: Final = re.compile(
    r"\b(?:byt\w*|swap\w*|ersätt\w*|replac\w*|substitut\w*|switch\w*)\b", _I
)


def _asks_about_changes(unit: str) -> bool:
    """A question about cancelling or swapping that asks for neither to be done."""
    if not (_CANCEL.search(unit) or _swaps(unit) or _CHANGE_WORD.search(unit)):
        return False
    cancels = _cancels(unit) and _meant(unit, _cancels, _CANCEL_ASKED)
    return not cancels and not (_swaps(unit) and _meant(unit, _swaps, _SWAP_ASKED))


# ---------------------------------------------------------------------------- dates (§6)

_MONTH: Final = (
    r"(?:januari|january|jan|februari|february|feb|mars|march|mar|april|apr|maj|may|juni|june"
    r"|jun|juli|july|jul|augusti|august|aug|september|sept|sep|oktober|october|okt|oct"
    r"|november|nov|december|dec)"
)
_DATE: Final = re.compile(
    r"(?<![\w/.-])(?=[\dadfjmnost])(?:\d{4}-\d{1,2}-\d{1,2}"
    rf"|(?:the )?\d{{1,2}}(?::e|:a|st|nd|rd|th)?\.? (?:of )?{_MONTH}\b\.?(?: \d{{4}})?"
    rf"|{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? \d{{4}})?"
    r"|\d{1,2}/\d{1,2}(?![\d/]))",
    _I,
)
_ASKING: Final = re.compile(
    r"\b(?=[abcdfghijkmoprsvö])(?:hellre|föredrar|föredra|i stället|istället|byta|flytta|annat"
    r"|annan|andra|komma|kommer"
    r"|delta|deltar|gå|går|anmäla|anmäler|vill|önskar|rather|prefer|instead|another|other"
    r"|switch|move|attend|come|join|register)\b",
    _I,
)


def date_requests(subject: str, lines: Sequence[str]) -> tuple[DateRequest, ...]:
    """Dates written in the subject, and in sentences about coming ("vi vill hellre komma den
    19 maj", "15/9", "the 15th of September"), as written; which seminar a date is, is for the
    decision to tell."""
    found = [DateRequest(subject, m[0].rstrip("."), True) for m in _DATE.finditer(subject)]
    for unit in units(lines):
        if _ASKING.search(unit):
            found.extend(DateRequest(unit, m[0].rstrip(".")) for m in _DATE.finditer(unit))
    return tuple(found)


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
