"""Reading the organiser's mail as commands and answers (SPEC §14): a pure parser of lines.

Rules of this file: a command is one line, Swedish or English (`FLYTTA`/`MOVE`, …), in the subject
or at the top of the author's own text (quotes and signature already gone). Reading the body stops
at the first line that is not a command, which is kept to be quoted back as not understood; a
subject that is not a command is ignored (it is most often "Re: …" of the bot's mail). `BOKA`
ends the reading: what follows are participant blocks. The one-word answers to a case (`JA`,
`OK`, `FLYTTA`, `NEJ`) are commands too; which of them applies is the decision's business.
A line is a command only when its arguments have the right shape (an address where one belongs,
a number of seats), so prose that happens to start with "Lista" is not obeyed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Verb = Literal["yes", "no", "status", "list", "move", "cancel", "seats", "book", "help"]

VERBS: dict[str, Verb] = {
    "ja": "yes",
    "ok": "yes",
    "okej": "yes",
    "yes": "yes",
    "nej": "no",
    "no": "no",
    "status": "status",
    "lista": "list",
    "list": "list",
    "flytta": "move",
    "move": "move",
    "avboka": "cancel",
    "cancel": "cancel",
    "platser": "seats",
    "seats": "seats",
    "boka": "book",
    "book": "book",
    "hjälp": "help",
    "hjalp": "help",
    "help": "help",
}
_REPLY_PREFIX = re.compile(r"^\s*((re|sv|aw|vs|ant|antw|fwd?|vb|wg|tr)\s*:\s*)+", re.IGNORECASE)
_ADDRESS = re.compile(r"^<?([^\s<>@]+@[^\s<>@]+\.[^\s<>@]+?)>?[.,;]?$")
_POLITE = {"tack", "gärna", "thanks", "please", "tack!", "gärna!", "thanks!"}


@dataclass(frozen=True)
class Command:
    """One command line: the verb, its arguments (an address, a seminar, an actor, a number),
    and the line as written, for the results."""

    verb: Verb
    line: str
    email: str | None = None
    seminar: str | None = None
    actor: str | None = None
    seats: int | None = None


@dataclass(frozen=True)
class Commands:
    """What a mail asks: its commands in order, and the first line that was not one."""

    commands: tuple[Command, ...] = ()
    not_understood: str | None = None


def parse(subject: str, text: str) -> Commands:
    """The commands of an organiser's mail: the subject's (if it is one), then the body's."""
    commands: list[Command] = []
    from_subject = read_line(_REPLY_PREFIX.sub("", subject))
    if from_subject is not None:
        commands.append(from_subject)
    if from_subject is not None and from_subject.verb == "book":
        return Commands(tuple(commands))
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        command = read_line(line)
        if command is None:
            return Commands(tuple(commands), line)
        if from_subject is not None and len(commands) == 1 and _same(command, from_subject):
            continue  # the subject said it already: "STATUS" in both is one STATUS
        commands.append(command)
        if command.verb == "book":
            break
    return Commands(tuple(commands))


def read_line(line: str) -> Command | None:
    """One line as a command, or None when it is not one (wrong word or wrong arguments)."""
    words = line.strip().split()
    if not words:
        return None
    verb = VERBS.get(words[0].casefold().rstrip(".,:;!"))
    if verb is None:
        return None
    args = words[1:]
    line = " ".join(words)
    if verb in ("yes", "no"):
        return Command(verb, line) if _polite(args) else None
    if verb in ("status", "help", "book"):
        return None if args else Command(verb, line)
    if verb == "list":
        return Command(verb, line, seminar=args[0]) if len(args) == 1 else _bare(verb, line, args)
    if verb == "move":
        if not args:
            return Command("yes", line)  # a bare FLYTTA answers a case: do what was asked
        return _move(line, args)
    if verb == "cancel":
        address = _address(args[0]) if len(args) == 1 else None
        return Command(verb, line, email=address) if address else None
    return _seats(line, args)


def _same(a: Command, b: Command) -> bool:
    return a.line.casefold() == b.line.casefold()


def _bare(verb: Verb, line: str, args: list[str]) -> Command | None:
    return None if args else Command(verb, line)


def _polite(args: list[str]) -> bool:
    """`JA`, `Ja tack`, `OK!`: an answer word alone or with a word of courtesy, nothing more."""
    return all(a.casefold().strip(".,!") in {w.strip("!") for w in _POLITE} for a in args)


def _move(line: str, args: list[str]) -> Command | None:
    if len(args) != 2:
        return None
    address = _address(args[0])
    return Command("move", line, email=address, seminar=args[1]) if address else None


def _seats(line: str, args: list[str]) -> Command | None:
    if len(args) < 2 or not args[-1].isdigit():
        return None
    return Command("seats", line, actor=" ".join(args[:-1]), seats=int(args[-1]))


def _address(word: str) -> str | None:
    match = _ADDRESS.match(word.strip())
    return match.group(1) if match else None
