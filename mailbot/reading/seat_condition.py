"""A registration asked for only if there is a free seat (SPEC §3, §5): "Anmäl mig om det finns
plats kvar, annars struntar vi i det", "i mån av plats", "if there is still room".

Why it matters: §5 waitlists whoever finds the actor's seats taken, but a writer who asks for a
seat only if there is one has said they do not want a waitlist place; booking them onto it is
booking what was not asked for. So the reading names the sentence, and the decision, which knows
the seats, asks instead of waitlisting (`decide.register`). A writer who mentions the waitlist
without refusing it ("om det finns plats, annars gärna på väntelistan") accepts it: then there is
no condition to keep, and §5 applies as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from mailbot.reading import registering
from mailbot.reading.intent import units

_I: Final = re.IGNORECASE

_ONLY_IF_SEAT: Final = re.compile(
    # "om det finns plats kvar", "om det fortfarande finns lediga platser", "ifall plats finns"
    r"\b(?=[fiosbe])(?:(?:om|ifall|förutsatt att|så länge|bara om|endast om)\s+(?:det\s+)?"
    r"(?:fortfarande\s+|ännu\s+|än\s+)?finns\s+(?:\w+\s+){0,2}?platse?r?\b"
    r"|(?:om|ifall)\s+(?:lediga\s+)?platse?r?\s+(?:finns|återstår)\b|i mån av plats\w*"
    # "if there is still room", "if any seats are left", "space permitting"
    r"|if there (?:is|are|'s|’s) (?:still )?(?:a |any )?(?:free |available |spare )?"
    r"(?:room|space|seats?|places?|spots?)\b|if (?:space|room) (?:allows|permits)\b"
    r"|if any (?:seats?|places?|spots?) (?:are |is )?(?:left|remain\w*|available)\b"
    r"|(?:space|seats?) permitting\b|subject to availability\b)",
    _I,
)
_WAITLIST: Final = re.compile(r"väntelist\w*|reservlist\w*|kölist\w*|wait(?:ing)?[ -]?list\w*", _I)
_REFUSED: Final = re.compile(r"\b(?:inte|ej|ingen|aldrig|not|no|don't|don’t|never)\b", _I)


def seat_condition(lines: Sequence[str]) -> str | None:
    """The sentence that asks for a seat only if there is one, unless the text accepts the
    waitlist; not a question about something else ("Vad händer om det finns plats kvar?")."""
    found = units(lines)
    if _ONLY_IF_SEAT.search("\n".join(found)) is None:
        return None  # most mails: one search over the text, not two a sentence
    if any(_WAITLIST.search(u) and not _REFUSED.search(u) for u in found):
        return None  # "… annars gärna på väntelistan": §5's waitlist is what they ask for
    return next(
        (u for u in found if _ONLY_IF_SEAT.search(u) and not registering.plain_question(u)),
        None,
    )
