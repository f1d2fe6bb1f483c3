"""People's names as written, and the few repairs SPEC §3 allows.

Why so little: a name is kept as written, because the organiser and the participant know how it
is spelled and the bot does not. Three repairs only: a title written inside the name goes to the
title; a display name in "Efternamn Förnamn" order is turned round when the address shows the
other order; and the greeting form ("Hej Anna") is the first given name. `names_in` finds the
names written with a cancelling or swapping phrase ("Återbud – Lisa Berg", "Omar kan inte").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

from mailbot.reading.addresses import locate
from mailbot.reading.titles import CONNECTORS, is_title_word

# Words that begin with a capital in a sentence or a signature but are never part of a name.
_NOT_NAME_WORDS: Final = frozenset(
    """
    jag vi du ni han hon de min mina mitt vår våra vårt hej hejsan hallå tjena med mvh
    vänliga vänlig bästa hälsningar hälsning tack och eller samt även också från till på i
    för av om kollega kollegan kollegor kolleger anmälan anmäler anmäla anmälning återbud
    avanmälan seminarium seminariet datum namn titel befattning kommun stad region polisen
    förvaltning nej ja ok okej se nedan bifogar bifogat bifogad hälsar gärna kan kommer vill
    ska skulle i me my our we you he she they his her the a an and or also from to at of for
    with by in on hi hello dear thanks thank regards best kind sincerely cheers please
    registration register participant participants name email mail e-post epost telefon tel
    mobil phone mobile attached attachment below see yes no monday tuesday wednesday
    thursday friday måndag tisdag onsdag torsdag fredag lördag söndag tyvärr dessvärre
    unfortunately sorry det detta den denna nu då men sadly regret hon han dom det this that
    there here avanmälan avbokning avboka stryk cancel cancellation unregister byte
    ersättare vänligen snälla kindly härmed hereby angående regarding ang re sv vb fw fwd
    följande nedanstående dessa these following alla all båda both ingen ingen none vi
    själv själva myself ourselves
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
# Words that stand where a person or a thing does without naming one: indefinite, interrogative
# and demonstrative pronouns and quantifiers, Swedish and English. At the head of a sentence
# they are capitalised and often followed by a verb ("Något har kommit emellan", "Someone has
# to pull out"), which is how a lone given name is written too ("Lisa kan inte"); they are
# never one, so a cancellation is not asked about a person called "Något". (Not the words that
# are names too: Inga, Ena, Annan, Andra, Sig.)
PRONOUNS: Final = frozenset(
    """
    något någon några nåt nån ingen inget ingenting allt alla allting varje varenda vardera
    varannan båda bägge annat många få flera fler somliga vissa man en ett vem vems vad vilken
    vilket vilka den det de dem dessa denna detta sådan sådant sådana själv hen mig dig oss er
    something someone somebody somewhere anything anyone anybody nothing nobody noone none
    everything everyone everybody each every either neither another other others several
    many few most some any all both one ones who whom whose what which whatever whoever it
    its they them their this that these those such
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
# Lower-case words that stand inside names (Anna von Platen, Per af Klercker, Ludwig van Dijk).
PARTICLES: Final = frozenset(
    """
    von af av de van der den la le du di da del della bin ibn al el zu ten ter
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
_HONORIFICS: Final = frozenset(
    """
    dr dr. prof prof. mr mr. mrs mrs. ms ms. fru herr
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
_NAME_WORD: Final = re.compile(r"[^\W\d_](?:[^\W\d_]|['’])*(?:-[^\W\d_](?:[^\W\d_]|['’])*)*")
_INITIAL: Final = re.compile(r"[^\W\d_]\.(?:-?[^\W\d_]\.)?")
_TITLE_SEPARATOR: Final = re.compile(r"\s*(?:,|;|\s[-–—|/]\s|\()\s*")
_LOCAL_SPLIT: Final = re.compile(r"[._\-+]+")


@functools.lru_cache(maxsize=4096)
def is_name_word(word: str) -> bool:
    """A word that can stand in a name: capitalised letters (hyphens and apostrophes allowed,
    `ANNA` too), or an initial (`A.`), and not a word of greeting or prose."""
    if _INITIAL.fullmatch(word):
        return True
    if not _NAME_WORD.fullmatch(word) or not word[0].isupper():
        return False
    folded = word.casefold()
    return folded not in _NOT_NAME_WORDS and folded not in PRONOUNS


def looks_like_name(text: str, *, min_words: int = 2, max_words: int = 5) -> bool:
    """Two to five name words (particles inside allowed): `Anna Svensson`, `Per af Klercker`,
    `Lars-Erik O'Brien`; not `Med vänliga hälsningar`, not `Hej Anna`."""
    words = text.split()
    if not min_words <= len(words) <= max_words:
        return False
    if not is_name_word(words[0]) or not is_name_word(words[-1]):
        return False
    return all(is_name_word(w) or w in PARTICLES for w in words[1:-1])


def split_title(text: str) -> tuple[str, str | None]:
    """`Anna Svensson, socialsekreterare` → (`Anna Svensson`, `socialsekreterare`).

    A title follows the name after a comma, a dash or in parentheses, or is written in lower
    case after it (`Anna Svensson socialsekreterare`: Swedish titles are not capitalised). A
    single word before a comma is a surname (`Persson, Johan`), not a name with a title.
    """
    text = " ".join(text.split())
    parts = _TITLE_SEPARATOR.split(text, maxsplit=1)
    if len(parts) == 2:
        name, title = parts[0], parts[1].strip(" )")
        if title and len(name.split()) >= 2 and looks_like_name(name, min_words=2):
            return name, title
    words = text.split()
    for index, word in enumerate(words):
        if index >= 2 and word[:1].islower() and word not in PARTICLES:
            if looks_like_name(" ".join(words[:index])):
                return " ".join(words[:index]), " ".join(words[index:])
            break
    return text, None


@functools.lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=4096)
def _spelled(text: str) -> tuple[str, ...]:
    """The ways a name word is written in an address: `Åsa Öberg` → asa/oberg, aasa/oeberg."""
    folded = text.casefold()
    german = folded.replace("å", "aa").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return tuple(dict.fromkeys((_folded(text), _folded(german))))


def _tokens(words: list[str]) -> list[str]:
    return [t for w in words for t in _LOCAL_SPLIT.split(w.strip(",")) if t]


def _same(words: list[str], local_tokens: list[str]) -> bool:
    tokens = _tokens(words)
    if len(tokens) != len(local_tokens):
        return False
    return all(local in _spelled(t) for t, local in zip(tokens, local_tokens, strict=True))


def turned_round(name: str, address: str) -> str:
    """ "Persson Johan" (or "Persson, Johan") with `johan.persson@…` → "Johan Persson".

    Turned only when the address's local part spells the name in the other order and not in the
    written one: without that evidence "Persson Johan" may well be how the person is named.
    """
    local = address.partition("@")[0]
    local_tokens = [t for t in _LOCAL_SPLIT.split(_folded(local)) if t and not t.isdigit()]
    words = name.replace(",", " ").split()
    if len(words) < 2 or not local_tokens or _same(words, local_tokens):
        return name
    for cut in range(1, len(words)):
        rotated = words[cut:] + words[:cut]
        if _same(rotated, local_tokens):
            return " ".join(rotated)
    return name


def title_before(name: str, address: str) -> tuple[str, str | None]:
    """`Socialsekreterare Anna Berg` with `anna.berg@…` → (`Anna Berg`, `Socialsekreterare`);
    `Senior Customs Officer Lina Berg` with `lina.berg@…` → (`Lina Berg`, `Senior Customs
    Officer`).

    Taken apart only when both say so: the words before are all title words (lower case, or
    words of titles, joined by "of"/"för"), and the address's local part spells exactly the
    words after them (in either order) and not the whole. Without that evidence (`ab@…`,
    `info@…`) the name is kept as written: "Karl Johan Berg" with `johan.berg@…` stays whole,
    because "Karl" is no title word.
    """
    local = address.partition("@")[0]
    local_tokens = [t for t in _LOCAL_SPLIT.split(_folded(local)) if t and not t.isdigit()]
    words = name.split()
    if len(words) < 3 or not local_tokens or _same(words, local_tokens):
        return name, None
    for cut in range(1, len(words) - 1):
        lead, rest = words[:cut], words[cut:]
        if not _is_title(lead) or not is_name_word(rest[0]):
            continue
        turned = turned_round(" ".join(rest), address)
        if _same(turned.split(), local_tokens):
            return turned, " ".join(lead)
    return name, None


def _is_title(words: list[str]) -> bool:
    """Title words, joined (not begun or ended) by connectors: "Head of Unit", "enhetschef"."""
    if words[0] in CONNECTORS or words[-1] in CONNECTORS:
        return False
    return all(
        w in CONNECTORS or is_title_word(w) or (w[:1].islower() and w not in PARTICLES)
        for w in words
    )


def matches_address(name: str, address: str) -> bool:
    """Some word of the name is spelled in the address's local part (`anna.s@…` for Anna
    Svensson): the evidence that an address belongs to this name rather than another."""
    local = _folded(address.partition("@")[0])
    local_tokens = set(_LOCAL_SPLIT.split(local))
    for word in _tokens(name.split()):
        if REPLACEMENT in word:
            if _garbled_spelled(word, local_tokens):
                return True
        elif len(word) >= 2 and any(s in local_tokens for s in _spelled(word)):
            return True
    return False


REPLACEMENT: Final = "\ufffd"  # what a decoder writes for bytes it could not read
_REPLACEMENTS: Final = re.compile("\ufffd+")


@functools.lru_cache(maxsize=1024)
def _garbled(word: str) -> re.Pattern[str] | None:
    """A name word with replacement characters as a pattern: each run of them stands for one
    to two letters per character (`J\ufffdrgen` is `jorgen` or `joergen` in an address, and a
    UTF-8 `ö` read as ASCII leaves two). None when fewer than two letters are left to compare:
    such a word is no evidence either way."""
    pieces = _REPLACEMENTS.split(word)
    if sum(len(p) for p in pieces) < 2:
        return None
    runs = _REPLACEMENTS.findall(word)
    pattern = re.escape(_folded(pieces[0]))
    for run, piece in zip(runs, pieces[1:], strict=True):
        pattern += f"[^\\W\\d_]{{1,{2 * len(run)}}}" + re.escape(_folded(piece))
    return re.compile(pattern)


def _garbled_spelled(word: str, local_tokens: set[str]) -> bool:
    pattern = _garbled(word)
    return pattern is not None and any(pattern.fullmatch(t) for t in local_tokens)


def same_name(a: str, b: str) -> bool:
    """Two writings of one name (case and spacing aside); a replacement character stands for
    the letters the other writing has there ("J\ufffdrgen Persson" is "Jörgen Persson"), so a
    name read twice, once garbled, is not taken for two people."""
    key_a, key_b = (" ".join(n.replace(",", " ").split()).casefold() for n in (a, b))
    if key_a == key_b:
        return True
    for garbled, clean in ((key_a, key_b), (key_b, key_a)):
        if REPLACEMENT in garbled and REPLACEMENT not in clean:
            pattern = "".join(
                f"[^\\W\\d_]{{1,{2 * len(p)}}}" if p.startswith(REPLACEMENT) else re.escape(p)
                for p in re.split("(\ufffd+)", garbled)
                if p
            )
            if re.fullmatch(pattern, clean):
                return True
    return False


def contradicts(name: str, address: str) -> bool:
    """The address spells someone else: its local part is a first.last-like pair of words of
    which none is a word of the name (`Anna Svensson` with `per.persson@…`). Such a pairing is
    worth a question (the chooser decides); `as@…`, `anna.s2@…` and `info@…` contradict nothing.

    A name with replacement characters (bytes a decoder could not read) is compared too, its
    garbled letters as wildcards: "J\ufffdrgen Persson" with `jorgen.persson@…` matches, with
    `per.andersson@…` it is asked about, and a name with no readable word is no evidence for
    its address at all. Trusting such a name because it cannot be read whole would book
    whatever address stood next to it."""
    local = _folded(address.partition("@")[0])
    words = [t for t in _LOCAL_SPLIT.split(local) if len(t) >= 2 and t.isalpha()]
    return len(words) >= 2 and len(name.split()) >= 2 and not matches_address(name, address)


def greeting_name(name: str) -> str:
    """The name to greet with: "Anna" for "Anna Svensson", "Svensson, Anna" and "Dr. Anna
    Svensson"; a name that starts with an initial is greeted whole ("A. Svensson")."""
    if "," in name:
        last, _, first = name.partition(",")
        if first.strip() and len(last.split()) == 1:
            name = first
    words = [w for w in name.split() if w.casefold() not in _HONORIFICS]
    if not words:
        return name.strip()
    if _INITIAL.fullmatch(words[0]):
        return " ".join(words)
    return words[0]


# ---------------------------------------------------------------------------- names in a phrase

_TOKEN: Final = re.compile(r"[^\s,;:()<>\[\]\"–—!?/]+")
_SUBJECT_PREFIX: Final = re.compile(r"^(?:\s*(?:re|sv|vb|fw|fwd|vs|aw|ang)\s*:\s*)+", re.I)
_VERB_AFTER: Final = re.compile(
    r"\s+(?:kan|kommer|har|får|ska|går|can|cannot|can't|will|won't|is|has)\b", re.I
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


def one_named(
    text: str, before: str = "", *, besides: str | None = None
) -> tuple[str, str | None] | None:
    """The one person `text` names (other than `besides`), or, when it names no one else, the
    one `before` names: whom a pronoun after `text` stands for ("Lisa Berg har fått förhinder,
    hon …"; "Lisa Berg kan inte. Karin ersätter henne."). With the address written there that
    spells the name, if one does. None when two people could be meant."""
    for where in (text, before):
        names = [n for n in names_in(where) if n != besides]
        if len(names) > 1:
            return None
        if names:
            spelled = [f.address for f in locate(where) if matches_address(names[0], f.address)]
            return names[0], spelled[0] if len(spelled) == 1 else None
    return None


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
