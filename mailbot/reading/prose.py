"""People named around addresses in sentences (SPEC §3): "Jag vill anmäla mig själv och min
kollega Kalle Karlsson (kalle.karlsson@lund.se)".

Why so strict: in prose an address belongs to the name written next to it (before it, or in
parentheses after it), and to nothing else. Two addresses written together after two names
("Anna och Per (a@x.se, p@x.se)") are not paired by guessing; a name written after a word of
registering ("min kollega Kalle Karlsson") with no address next to it is asked about.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from mailbot.reading import registering
from mailbot.reading.addresses import Located, locate
from mailbot.reading.found import Found, Unread
from mailbot.reading.keys import awaits_value, key_line
from mailbot.reading.lines import people_lines
from mailbot.reading.lists import item_lines
from mailbot.reading.names import (
    PARTICLES,
    is_name_word,
    looks_like_name,
    matches_address,
    names_in,
    title_before,
    turned_round,
)
from mailbot.reading.reasons import reason
from mailbot.reading.tables import tab_runs
from mailbot.reading.titles import CONNECTORS, is_title_word

# "a@x.se resp. b@x.se" is one sentence: "resp." is an abbreviation, not its end.
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])(?<!\bresp\.)\s+(?=[^\W\d_])", re.IGNORECASE)
# What may stand between a name and its address: brackets, dashes, and a word for "address".
_BETWEEN: Final = re.compile(
    r"(?:[\s(<\[:,;–—\-]|\b(?:på|med|e-?post(?:adress)?|mejl|mail(?:adress)?|e-?mail|at|"
    r"adress(?:en)?|address)\b)*$",
    re.IGNORECASE,
)
_AFTER_NAME: Final = re.compile(r"[>)\]]?\s*\(([^()@]+)\)")
_TOGETHER: Final = re.compile(r"[\s,;/]*(?:(?:och|and|samt|&)[\s,;/]*)?", re.IGNORECASE)
# Words after which a name is someone being registered.
_CUE: Final = re.compile(
    r"\b(?=[acekimrs])(?:kollega\w*|kolleg(?:or|er)\w*|medarbetare\w*|anmäl\w*|registrer\w*|colleague\w*|"
    r"register\w*|sign(?:ing)? up|enrol\w*|i stället|istället|instead|ersätt\w*|replac\w*)\b",
    re.IGNORECASE,
)
# A sentence that gives the writer's own contact address ("Frågor? Mejla mig på …").
_SELF_CONTACT: Final = re.compile(
    r"\b(?=[cfkmnqrs])(?:mig|me|nås|reach|kontakta|contact|frågor|questions|svara|reply"
    r"|(?:min|my) (?:e-?post|e-?mail|mejl|mail|adress|address))\b",
    re.IGNORECASE,
)
_CHAIN: Final = re.compile(r"\s*(?:,|och|and|samt|&)\s*", re.IGNORECASE)
_NAME_RUN: Final = re.compile(r"[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){1,4}")


def paragraphs(lines: Sequence[str]) -> Iterator[str]:
    """Consecutive non-blank lines joined: plain-text mail wraps sentences at 72-76 columns."""
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            yield " ".join(current)
            current = []


def sentences(lines: Sequence[str]) -> Iterator[str]:
    """The sentences of the text: paragraphs split after `.`, `!` or `?` before a word."""
    for paragraph in paragraphs(lines):
        yield from (s for s in _SENTENCE_END.split(paragraph) if s.strip())


def _left_over(lines: Sequence[str]) -> list[str]:
    """The lines no structured reader reads (key lines, list items, tables, separated lines)
    blanked out, so each person is read once and a list does not run into a sentence."""
    taken = item_lines(lines) | {i for run in tab_runs(lines) for i in run}
    taken |= people_lines(lines).keys()
    taken |= {i for i in range(1, len(lines)) if awaits_value(lines[i - 1])}
    return [
        "" if i in taken or key_line(line) is not None else line for i, line in enumerate(lines)
    ]


def prose(lines: Sequence[str]) -> list[Found | Unread]:
    """People named in the author's sentences: Found for a name with its address (or an address
    alone in a sentence about registering), Unread for what cannot be paired. Lines the other
    readers read are left to them."""
    read: list[Found | Unread] = []
    previous = ""
    for sentence in sentences(_left_over(lines)):
        located = locate(sentence)
        names = _cue_names(sentence)
        read.extend(_with_addresses(sentence, located, names, previous))
        read.extend(_without_addresses(sentence, located, names))
        previous = sentence
    return read


def _groups(sentence: str, located: Sequence[Located]) -> list[list[Located]]:
    """Addresses written together ("a@x.se, p@x.se") form one group."""
    groups: list[list[Located]] = []
    for found in located:
        if groups and _TOGETHER.fullmatch(sentence[groups[-1][-1].end : found.start]):
            groups[-1].append(found)
        else:
            groups.append([found])
    return groups


def _spelled_name(names: list[tuple[int, str]], address: str) -> str | None:
    """The one name of the sentence that the address spells ("Min kollega Omar Ali kommer i
    stället, omar.ali@lund.se"); with none or several, no name."""
    spelled = {text for _, text in names if matches_address(text, address)}
    return spelled.pop() if len(spelled) == 1 else None


def _with_addresses(
    sentence: str, located: Sequence[Located], names: list[tuple[int, str]], previous: str = ""
) -> list[Found | Unread]:
    respective = _respective(sentence, located, previous)
    if respective:
        return list(respective)
    read: list[Found | Unread] = []
    boundary = 0
    for group in _groups(sentence, located):
        distinct = {g.address.casefold() for g in group}
        if len(distinct) > 1:
            read.append(Unread("prose", sentence, reason("whose-address")))
        else:
            found = group[0]
            name = _name_before(sentence[boundary : found.start], found.address)
            name = name or _name_after(sentence[group[-1].end :])
            name = name or _spelled_name(names, found.address)
            name = name or _owner(sentence[: found.start], found.address, previous)
            contact = _SELF_CONTACT.search(sentence)
            if name is not None or (_CUE.search(sentence) and not contact):
                read.append(_found(sentence, found, name))
            elif not contact or _CUE.search(sentence):  # "anmäler X, svara till …": ask
                read.append(Unread("prose", sentence, reason("address-without-name")))
        boundary = group[-1].end
    return read


def _found(sentence: str, found: Located, written: str | None) -> Found:
    """The person of an address and the name written with it, turned round and with a title
    written before it taken out as the address shows ("our Head of Unit Mark Evans (mark.evans@…)"
    → Mark Evans, Head of Unit)."""
    if written is None:
        return Found("prose", sentence, email=found.address)
    name, title = title_before(turned_round(written, found.address), found.address)
    if title is not None:
        title = _title_ending(sentence[: found.start], title)
    return Found("prose", sentence, name=name, email=found.address, title=title)


def _title_ending(text: str, title: str) -> str:
    """The whole title of which `title` is the end, as written before the name: a name run stops
    at "of", so "our Head of Unit Mark Evans" is read as "Unit Mark Evans"; the title is
    "Head of Unit"."""
    at = text.rfind(title)
    if at < 0:
        return title
    words = text[:at].split()
    while words and (
        is_title_word(words[-1])
        or (words[-1] in CONNECTORS and len(words) > 1 and is_title_word(words[-2]))
    ):
        title = f"{words.pop()} {title}"
    return title


# "Deras mejladresser är a@… resp. b@…", "Their addresses are a@… and b@… respectively"
_THEIR: Final = re.compile(
    r"\b(?:deras|their)\s+(?:e-?post\w*|mejl\w*|mail\w*|e-?mail\w*|adress\w*|address\w*)"
    r"(?:\s+(?:adress\w*|address\w*))?(?:\s+(?:är|are|blir))?\s*:?\s*$",
    re.IGNORECASE,
)
_RESPECTIVELY: Final = re.compile(r"\b(?:resp\.|respektive|respectively)", re.IGNORECASE)


def _respective(sentence: str, located: Sequence[Located], previous: str) -> tuple[Found, ...]:
    """Addresses given in order to the names written before them: "Från oss kommer Kerstin
    Wallin och Ahmed Farah. Deras mejladresser är kerstin.wallin@… resp. ahmed.farah@…".
    Only where "resp."/"respektive" says the order pairs them, and as many names as
    addresses; else nothing (and each address is read, or asked about, on its own)."""
    if len(located) < 2 or not _RESPECTIVELY.search(sentence, located[0].end):
        return ()
    their = _THEIR.search(sentence, 0, located[0].start)
    if their is None:
        return ()
    names = names_in(sentence[: their.start()]) or names_in(previous)
    if len(names) != len(located):
        return ()
    return tuple(
        Found("prose", sentence, name=name, email=found.address)
        for name, found in zip(names, located, strict=True)
    )


def _name_before(text: str, address: str) -> str | None:
    """The name that ends right before an address: `min kollega Kalle Karlsson (` → Kalle
    Karlsson; one word only when the address spells it (`Kalle (kalle@…)`)."""
    cut = _BETWEEN.search(text)
    words = text[: cut.start() if cut else len(text)].split()
    run: list[str] = []
    for word in reversed(words):
        if is_name_word(word) or (run and word in PARTICLES):
            run.insert(0, word)
            if len(run) == 5:
                break
        else:
            break
    while run and run[0] in PARTICLES:
        run.pop(0)
    name = " ".join(run)
    if looks_like_name(name) or (len(run) == 1 and matches_address(name, address)):
        return name
    return None


# "Hans adress är …", "hennes mejl:", "his email is …": the address of someone named before.
_POSSESSIVE: Final = re.compile(
    r"\b(?:hans|hennes|hens|his|her)\s+(?:e-?post\w*|mejl\w*|mail\w*|e-?mail(?:\s+address)?"
    r"|adress\w*|address)\s*(?:är|is|blir|:)?\s*$",
    re.IGNORECASE,
)


def _owner(head: str, address: str, previous: str) -> str | None:
    """Whose address "Hans adress är per@…" gives: the one person named before the pronoun
    in the sentence, else in the sentence before ("Per Sundin kommer istället för mig. Hans
    adress är …"); of several, the one the address spells. Else no one (it is asked about)."""
    pronoun = _POSSESSIVE.search(head)
    if pronoun is None:
        return None
    before = head[: pronoun.start()]
    written = names_in(before) or names_in(previous)
    if len(written) == 1:
        return written[0]
    spelled = [n for n in written if matches_address(n, address)]
    return spelled[0] if len(spelled) == 1 else None


def _name_after(text: str) -> str | None:
    """`kalle@lund.se (Kalle Karlsson)` → Kalle Karlsson."""
    match = _AFTER_NAME.match(text)
    if match and looks_like_name(match[1].strip()):
        return match[1].strip()
    return None


def _cue_names(sentence: str) -> list[tuple[int, str]]:
    """(end, name) of each name written after a word of registering, and of the names chained
    to it with "och", "," ("min kollega Lisa Berg och Omar Ali"); and of those written beside
    the writer ("jag och Kim Sjöberg", "Kim Sjöberg och jag"): people said to come."""
    names = _beside_writer(sentence)
    done = 0  # a chain of names is followed once, not again from each cue inside it
    for cue in _CUE.finditer(sentence):
        if cue.start() >= done:
            chain = _chain_after(sentence, cue.end())
            names.extend(chain)
            done = chain[-1][0] if chain else cue.end()
    return names


def _chain_after(sentence: str, position: int) -> list[tuple[int, str]]:
    """(end, name) of the name within three words after `position` and those chained to it."""
    names: list[tuple[int, str]] = []
    while (name := _next_name(sentence, position)) is not None:
        _, end, text = name
        names.append((end, text))
        chained = _CHAIN.match(sentence, end)
        if chained is None:
            break
        position = chained.end()
    return names


# "jag och Kim Sjöberg", "jag, Kim och Ola"; "Kim Sjöberg och jag", "Anna Berg, Per Lund samt
# undertecknad", "Ali Rezaei and I"
_WRITER_AND: Final = re.compile(
    r"\b(?:jag|mig(?: själv)?|myself|me|I)(?:\s+(?:och|samt|and)\b|(?=,\s))", re.IGNORECASE
)
_AND_WRITER: Final = re.compile(
    r"(?:,\s*|\s+)(?:och|samt|and)\s+(?:jag|mig|undertecknad|I|me|myself)\b", re.IGNORECASE
)
# Either of the two, as one search (`(?=…)` lists the first letters, as in `intent`).
_BESIDE: Final = re.compile(
    r"\b(?=[ojmsai])(?:(?:och|samt|and)\s+(?:jag|mig|undertecknad|I|me|myself)\b"
    r"|(?:jag|mig(?: själv)?|myself|me|I)(?:\s+(?:och|samt|and)\b|(?=,\s)))",
    re.IGNORECASE,
)
_WE_ARE: Final = re.compile(
    r"\b(?:vi (?:är|blir|kommer (?:att )?vara) (?:två|tre|fyra|fem|\d+)"
    r"|we(?: are|'re|’re| will be|'ll be|’ll be) (?:two|three|four|five|\d+)"
    r"|the (?:two|three) of us)\b",
    re.IGNORECASE,
)
_CHAIN_BEFORE: Final = re.compile(r"(?:,|\s(?:och|samt|and|&))\s*$", re.IGNORECASE)


def _beside_writer(sentence: str) -> list[tuple[int, str]]:
    """(end, name) of the names written in a row with the writer, in a sentence about coming
    or registering ("Vi blir två: jag och Kim Sjöberg"; not "Anna och jag pratade om det")."""
    if _BESIDE.search(sentence) is None:  # one cheap search for most sentences
        return []
    if not (registering.sign_in(sentence) or _WE_ARE.search(sentence)):
        return []
    names = _before_writer(sentence)
    for writer in _WRITER_AND.finditer(sentence):
        names.extend(_chain_after(sentence, writer.end()))
    return names


def _before_writer(sentence: str) -> list[tuple[int, str]]:
    """(end, name) of the names written in a row that ends with the writer."""
    names: list[tuple[int, str]] = []
    for writer in _AND_WRITER.finditer(sentence):
        end = writer.start()
        while (name := _name_ending(sentence[:end])) is not None:
            names.insert(0, (end, name))
            chained = _CHAIN_BEFORE.search(sentence, 0, end - len(name))
            if chained is None:
                break
            end = chained.start()
    return names


def _name_ending(text: str) -> str | None:
    """The longest name (two to five words) that ends `text`."""
    words = text.split()[-5:]
    if not text[-1:].strip():
        return None
    for size in range(len(words), 1, -1):
        if looks_like_name(candidate := " ".join(words[-size:])):
            return candidate
    return None


def _without_addresses(
    sentence: str, located: Sequence[Located], names: list[tuple[int, str]]
) -> list[Unread]:
    """The names after a word of registering that have no address: none next to them, and
    none elsewhere in the sentence that spells them."""
    taken = [(g.start, g.end) for g in located]
    read = [
        Unread("prose", sentence, reason("no-address"), text)
        for end, text in names
        if not _has_address_next(sentence, end, taken)
        and not any(matches_address(text, g.address) for g in located)
    ]
    return list({(u.line, u.name): u for u in read}.values())


def _next_name(sentence: str, position: int) -> tuple[int, int, str] | None:
    """The name that starts within three words after `position`."""
    words = re.finditer(r"\S+", sentence[position : position + 200])
    for count, word in enumerate(words):
        if count >= 3:
            return None
        start = position + word.start()
        match = _NAME_RUN.match(sentence, start)
        if match is not None:
            text = _longest_name(match[0])
            if text is not None:
                return start, start + len(text), text
    return None


def _longest_name(text: str) -> str | None:
    """The longest name `text` starts with; words of a title alone ("register Deputy Head of
    Section Will Jones (…)") are no one's name."""
    words = text.split()
    for size in range(len(words), 1, -1):
        candidate = " ".join(words[:size]).rstrip(".")
        if looks_like_name(candidate) and not all(map(is_title_word, candidate.split())):
            return candidate
    return None


def _has_address_next(sentence: str, end: int, taken: list[tuple[int, int]]) -> bool:
    """An address follows the name with only brackets, dashes or "e-post" between."""
    return any(start >= end and _BETWEEN.fullmatch(sentence[end:start]) for start, _ in taken)
