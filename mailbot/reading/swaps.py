"""Who goes instead of whom, as a sentence writes it (SPEC §3, *substitute*): "Per ersätter
Anna", "Lisa ersätts av Omar", "Anna kan inte, Per Persson går i stället: per@…", "Sara Ek går
i mitt ställe", "byte av deltagare" naming no one.

Why a module of its own: what a swap sentence says (the two people, in the order Swedish and
English put them) is one idea, apart from which sentences of a mail mean a swap at all
(questions, doubts, the subject as a title), which `intent.substitutions` decides. Like
`intent`, it returns the phrase's people as written, or nothing; whom they are among the
actor's registrations is the decision's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from mailbot.reading.addresses import locate
from mailbot.reading.names import names_in

_I: Final = re.IGNORECASE


@dataclass(frozen=True)
class Mention:
    """A person as written with a phrase: a name, an address, or both."""

    name: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class Substitution:
    """One person going instead of another; either side None when the text does not say
    ("byte av deltagare" names no one)."""

    line: str
    old: Mention | None
    new: Mention | None


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
    r"\b(?=[acdgikwåt])(?:(?:går|gå|kommer|deltar|åker|will go|will come|will attend|goes|go"
    r"|comes|attends|is coming) (?:i stället|istället|instead|(?P<mine>i (?:mitt|vårt) ställe"
    r"|in my (?:place|stead)))|(?P<seat>(?:tar|ta|takes|take|will take|is taking) (?:över )?"
    r"(?:min|my) (?:plats|place)))\b",
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


def is_swap(text: str) -> bool:
    return is_substitution(text) or _CHANGE_ONLY.search(text) is not None


def is_substitution(text: str) -> bool:
    return bool(_NEW_FOR_OLD.search(text) or _OLD_BY_NEW.search(text) or _GOES_INSTEAD.search(text))


def substitution(text: str, writer: str | None = None) -> Substitution | None:
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
        if match["mine"] or match["seat"]:  # "Sara Ek går i mitt ställe": the writer's seat
            old = None if writer is None else Mention(None, writer)
        return Substitution(text, old, new)
    if match := _CHANGE_ONLY.search(text):
        to = _CHANGED_TO.match(text, match.end())  # "byta deltagare till Per Persson, per@…"
        return Substitution(text, None, None if to is None else _leading(text[to.end() :]))
    return None


_CHANGED_TO: Final = re.compile(r"\s+(?:till|mot|to|with|for)\s+", _I)


SWAP_ASKED: Final = re.compile(
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
