"""Why something was not read, as a stable code and its figures, never as a sentence.

SPEC §3, §9: a needs-info reply is in the writer's language, so the reading code cannot word
its reasons: it names them (`Reason.code`) with the figures a reader needs (which limit, how
many rows, which cell), and each language's templates word them
(`templates/{sv,en}/_reasons.txt.j2`). `str(reason)` is the English sentence the journal and
`mailbot status` keep, for the operator; it is never shown to a writer.

Pure: values only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal

# A line that names someone but could not be read as a participant (`found.Unread`).
UnreadCode = Literal[
    "no-address",
    "several-addresses",
    "whose-address",
    "address-without-name",
    "others-unnamed",
    "doubted",
    "two-names",
    "address-not-theirs",
    "text-too-long",
]
# An attachment that was not read (`attachments.Refused`).
RefusedCode = Literal[
    "too-large",
    "unzips-too-large",
    "too-many-parts",
    "zip-bomb",
    "xml-bomb",
    "damaged",
    "unreadable",
    "far-cell",
    "too-many-rows",
    "too-many-columns",
    "long-cell",
    "too-slow",
    "other-spreadsheet",
    "not-a-spreadsheet",
]
# A name in a cancellation or substitution that is not one registration (`decide.who`).
MatchCode = Literal["matches-no-one", "matches-several"]
Code = UnreadCode | RefusedCode | MatchCode

Figure = str | int | float

# The journal's words (English, for the operator), with the figures by name.
JOURNAL: Final[dict[str, str]] = {
    "no-address": "no address",
    "several-addresses": "more than one address",
    "whose-address": "cannot tell whose address is whose",
    "address-without-name": "an address without a name",
    "others-unnamed": "others are said to come, but not named",
    "doubted": "named with a change that is not certain (a condition, a negation)",
    "two-names": "{address} is written with two names",
    "address-not-theirs": "the address {address} does not look like {name}'s",
    "text-too-long": "the text is too long: only its first {lines} lines were read",
    "too-large": "the file is larger than {mib} MiB",
    "unzips-too-large": "the file unpacks to more than {mib} MiB",
    "too-many-parts": "the file holds more than {parts} parts",
    "zip-bomb": "a part of the file is compressed more than {ratio} times (a zip bomb)",
    "xml-bomb": "the file declares XML entities that expand without end (an XML bomb)",
    "damaged": "the file is damaged or not a spreadsheet (BadZipFile)",
    "unreadable": "the file could not be read ({error})",
    "far-cell": "the sheet {sheet!r} reaches cell {cell}, past the {rows} rows and {columns} "
    "columns read; please send only the list",
    "too-many-rows": "the list has more than {rows} rows",
    "too-many-columns": "the list has more than {columns} columns",
    "long-cell": "a cell holds more than {chars} characters",
    "too-slow": "reading it took longer than {seconds:g} seconds",
    "other-spreadsheet": "only .xlsx and .csv lists are read; please send it as one of those",
    "not-a-spreadsheet": "only .xlsx and .csv lists are read",
    "matches-no-one": "matches no one registered",
    "matches-several": "matches several registered people",
}


@dataclass(frozen=True)
class Reason:
    """A reason by its code, with its figures as (name, value) pairs (hashable, ordered)."""

    code: Code
    figures: tuple[tuple[str, Figure], ...] = ()

    def __str__(self) -> str:
        """The journal's English sentence."""
        return JOURNAL[self.code].format(**dict(self.figures))

    def details(self) -> dict[str, Any]:
        """What a needs-info item or an organiser's alert carries: the code and figures for
        the templates to word, and the English sentence for the journal (`why`)."""
        return {"reason": self.code, "figures": dict(self.figures), "why": str(self)}


def reason(code: Code, **figures: Figure) -> Reason:
    """`reason("too-many-rows", rows=2000)`."""
    return Reason(code, tuple(figures.items()))
