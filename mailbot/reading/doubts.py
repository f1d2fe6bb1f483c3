"""Why a sentence that holds a cancelling or swapping phrase is not one to act on (SPEC §3,
precision first): the phrase is there, but a careful organiser would cancel or swap no one.

Found in review of the phrases "ta bort mig", "drar tillbaka min anmälan", "deltar inte",
"hinner inte delta", "är förhindrad", "won't be attending", "tar min plats" (issue 9): each
cancelled its writer in sentences like these, where it is

- negated: "Jag har inte för avsikt att dra tillbaka min anmälan", "there is no need to
  remove me from the list";
- said of a case that may come: "Om jag inte hinner delta meddelar jag er", "If it turns out I
  won't be attending, …", "I may be needed in court. If so, Jon will take my place";
- said of another event, or of part of it: "Jag deltar inte i förmiddagens nätverksmöte",
  "I won't be attending the lunch", "hinner inte delta hela eftermiddagen";
- said beside the writer's coming: "…, men vi ses på seminariet", "…, but I will be there as
  booked" (the not-coming is about something or someone else);
- about a role, not a seat: "ta bort mig som kontaktperson", "remove me from cc".

The caller drops such a sentence from the cancellations and substitutions: the mail then goes
where a mail with nothing to act on goes (the organiser, or a question to the sender), never
to a cancellation. This may miss a real cancellation written this way; the organiser reads it.
"""

from __future__ import annotations

import re
from typing import Final

_I: Final = re.IGNORECASE

# A cancelling verb right after a negation, with only such words between as keep it negated:
# "inte för avsikt att dra tillbaka", "behöver inte stryka", "no need to remove", "don't cancel".
_NEGATED_VERB: Final = re.compile(
    r"\b(?:inte|ej|aldrig|ingen anledning|no need|not|never|don't|don’t|do not|doesn't"
    r"|doesn’t|didn't|didn’t)\b(?:\s+(?:för|avsikt|tänkt|planerat|behöver|behov|att|ska|skall"
    r"|vill|tänker|längre|alls|ni|du|någon|to|need|needs|want|intend|plan|going|have|you"
    r"|anyone|please|any|longer|more|for|me|längre)){0,4}\s+(?:avanmäl\w*|avbok\w*|stryk\w*"
    r"|ta bort|tar bort|dra tillbaka|drar tillbaka|återkalla\w*|cancel\w*|remov\w*|withdraw\w*"
    r"|unregister\w*|take me off)\b",
    _I,
)
# A case that may come: "Om jag inte hinner …", "Ifall hon är förhindrad", "If it turns out I
# won't …", "In case I can't …", "Skulle jag inte kunna komma, …", "If so, …", "I så fall";
# not the "om" of an indirect question ("Jag undrar om ni kan stryka mig", "I wonder if …").
_CONDITION: Final = re.compile(
    r"(?:(?<!undrar )(?<!undra )(?<!fråga )(?<!frågar )(?<!kolla )(?<!se )(?<!vet )"
    r"(?<!wonder )(?<!wondering )(?<!ask )(?<!asking )(?<!see )(?<!check )(?<!know )"
    r"\b(?:om|ifall|if|in case|in the event that)\s+(?:det\s+)?(?:jag|vi|hon|han|hen|min"
    r"|någon|det|i|we|she|he|my|it|something|anything|you|ni|du)\b|^\W*(?:skulle|should)\s"
    r"|\b(?:if so|in that case|i så fall|isåfall|om så är fallet|annars|otherwise)\b)",
    _I,
)
# Another event, or part of one, right after the phrase: "deltar inte i förmiddagens
# nätverksmöte", "won't be attending the lunch", "kan inte komma på vårt avstämningsmöte",
# "hinner inte delta hela eftermiddagen", "can't stay for the whole afternoon".
_OTHER_EVENT: Final = re.compile(
    r"^\W*(?:[\w’']+\s+)?(?:(?:i|på|vid|till|från|at|in|on|for|from|the|our|vårt|vår)\s+)"
    r"(?:[\w’']+\s+){0,2}?[\w’']*(?:möte[nt]?|mötena|lunch\w*|middag\w*|fika\w*|passet|pass"
    r"|träff\w*|mingel\w*|förmiddag\w*|meeting|meetings|dinner|session|reception|workshop"
    r"|networking|breakfast|frukost\w*|studiebesök\w*)\b"
    r"|^\W*(?:[\w’']+\s+){0,2}?(?:hela|the whole|the entire|all of|the full|hela tiden)\b",
    _I,
)
# The writer still comes, later in the same sentence: "…, men vi ses på seminariet", "…, men
# som anmäld kommer jag den 14:e", "…, but I'll be there for the seminar", "as booked".
_STILL_COMING: Final = re.compile(r"\b(?:men|but)\b(?P<rest>.*)", _I | re.DOTALL)
_COMING: Final = re.compile(
    r"\b(?:kommer jag|jag kommer|kommer på|ses|som planerat|som anmäld|som vanligt|I'll be"
    r"|I’ll be|I will be|I'm coming|I’m coming|I will come|I'll come|I’ll come|as planned"
    r"|as booked|see you)\b",
    _I,
)
_NEGATION: Final = re.compile(
    r"\b(?:inte|ej|aldrig|not|never|can't|cannot|won't|can’t|won’t)\b", _I
)
# A role or a copy, not a seat: "ta bort mig som kontaktperson", "remove me from cc", "Ta bort
# Anna Lindqvist från cc" (whoever is taken off: the writer, a name, an address).
_ROLE: Final = re.compile(
    r"\b(?:ta|tar|plocka|plockar) bort (?:[\w.@-]+ ){1,3}?(?:som|ur|från) (?:\w+ )?(?:kontakt\w*"
    r"|samordnare|cc|kopia\w*|sändlist\w*|mejltråd\w*)\b"
    r"|\bremov\w* (?:[\w.@-]+ ){1,3}?(?:as|from) (?:the )?(?:contact\w*|coordinator|cc|copy"
    r"|thread|loop)\b",
    _I,
)


# A swap split by Swedish word order after a condition: "Om jag blir sjuk tar Jon Berg (…) min
# plats" (the verb comes first, the person between it and "min plats").
SPLIT_SWAP: Final = re.compile(
    r"\b(?:tar|går|kommer|takes|goes)\b.{1,80}?\b(?:min plats|i mitt ställe|my place)\b", _I
)
# A negation right before a swap ("kan inte gå i mitt ställe"), or a sentence that opens with
# "Ingen"/"No one" ("Ingen kollega kan gå i mitt ställe").
_NEGATED_BEFORE: Final = re.compile(
    r"\b(?:inte|ej|aldrig|not|never|can't|can’t|cannot|won't|won’t)\s+(?:[\w’']+\s+)?$"
    r"|^\W*(?:ingen|inget|no one|nobody|none)\b",
    _I,
)


def doubt(unit: str, phrase: re.Match[str]) -> str | None:
    """Why the sentence `unit` is not a cancellation (or swap) to act on although `phrase`
    (its cancelling or swapping phrase) is in it; None when nothing speaks against it."""
    if _NEGATED_VERB.search(unit):
        return "the cancelling verb is negated"
    if _NEGATED_BEFORE.search(unit[: phrase.start()]):
        return "the phrase is negated"
    if _CONDITION.search(unit[: phrase.start()]) or _CONDITION.match(unit):
        return "said of a case that may come"
    if _OTHER_EVENT.search(unit[phrase.end() :]):
        return "said of another event, or of part of it"
    if (still := _STILL_COMING.search(unit, phrase.end())) is not None:
        rest = still["rest"]
        if _COMING.search(rest) and not _NEGATION.search(rest):
            return "the writer says they come"
    if _ROLE.search(unit):
        return "about a role or a copy, not a seat"
    return None
