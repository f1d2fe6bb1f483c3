"""A sender address that is a function mailbox, not a person (SPEC §3, §4): `registrator@`,
`socialtjansten@`, `frivard.stockholm@`, shown as "Registrator Nacka kommun" or
"Socialtjänsten Huddinge". Pure: the message as read and the configuration.

Why: §3 counts "the sender" when the text says "anmäla mig", and takes their name from the From
display name. From a shared mailbox the "jag" is the person who signed the mail, not the mailbox:
booking `registrator@nacka.se` as "Registrator Nacka kommun" books no one who comes, and the
person who does never hears. So the writer is the signer, and their address is the one their
signature writes with their name; with none, "a name with no address anywhere is not booked:
the reply asks for that person's address". A mailbox is told from a person by its display
name: an organisation's or a function's words (or an invited actor's name) and no person's
name, unless the address spells a person (`anna.berg@` for "Berg Anna (Socialtjänsten)").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from mailbot.actors import alias_keys, normalise
from mailbot.config import Config
from mailbot.parsing.addresses import participant_address
from mailbot.parsing.parsed import Email
from mailbot.reading.addresses import addresses
from mailbot.reading.names import looks_like_name, matches_address

# Words of an organisation or a function, as display names of shared mailboxes show them.
_FUNCTION_WORDS: Final = frozenset(
    """
    kommun kommuns stad staden stads region regionen registrator registratur registraturen
    kansli kansliet sekretariat sekretariatet diarium diariet nämnd nämnden myndighet
    förvaltning förvaltningen stadsdelsförvaltning stadsdelsförvaltningen enhet enheten avdelning
    avdelningen brevlåda funktionsbrevlåda reception receptionen expedition expeditionen info
    information kontaktcenter kundtjänst servicecenter mottagning mottagningen socialtjänst
    socialtjänsten frivård frivården kriminalvården polisen tullverket länsstyrelsen
    registry secretariat office department unit council municipality administration services
    noreply
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
_ASIDE: Final = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_PERSON_PART: Final = re.compile(r"\s*(?:,|;|\s[-–—|/]\s)\s*")
_CLOSING: Final = re.compile(
    r"^(?:med\s+vänlig(?:a)?\s+hälsning(?:ar)?|vänlig(?:a)?\s+hälsning(?:ar)?|hälsningar"
    r"|mvh|vh|kind\s+regards|best\s+regards|regards|best|cheers|/)[\s,.!]*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Writer:
    """Who wrote from a shared mailbox: the signer's name (None: unsigned) and their own
    address as their signature writes it (None: not written)."""

    name: str | None
    address: str | None


def writer_of_shared_mailbox(email: Email, config: Config) -> Writer | None:
    """The person behind a function mailbox's "jag"; None when the sender is a person."""
    sender = email.sender
    if sender is None or not _is_function_mailbox(sender.display_name, sender.address, config):
        return None
    name = _signer(email.signature, sender.display_name, config)
    if name is None:
        return Writer(None, None)
    if _spells(name, sender.address):
        return Writer(name, sender.address)  # "Nacka kommun" <lars.dahl@…> signed Lars Dahl
    own = {
        valid.casefold(): valid
        for line in email.signature
        for a in addresses(line)
        if a.casefold() != sender.address.casefold() and matches_address(name, a)
        for valid, error in (participant_address(a, None),)
        if error is None
    }
    return Writer(name, next(iter(own.values())) if len(own) == 1 else None)


def _is_function_mailbox(display_name: str, address: str, config: Config) -> bool:
    """The display name names an organisation or a function, and neither it nor the address
    names a person."""
    shown = " ".join(_ASIDE.sub(" ", display_name.strip().strip('"')).split())
    if not shown or _spells(shown, address):
        return False
    first = _PERSON_PART.split(shown, maxsplit=1)[0]
    if looks_like_name(first) and not _functional(first, config):
        return False
    return _functional(shown, config)


def _functional(text: str, config: Config) -> bool:
    words = normalise(text).split()
    if any(w.casefold() in _FUNCTION_WORDS for w in text.replace(",", " ").split()):
        return True
    folded = f" {' '.join(words)} "
    return any(f" {key} " in folded for key in alias_keys(config))


def _spells(name: str, address: str) -> bool:
    """The address's local part holds two words of the name (`anna.berg@` for "Berg Anna,
    Socialtjänsten"): a person's own address, whatever else the display name shows."""
    tokens = {t for t in normalise(address.partition("@")[0]).split() if len(t) > 1}
    return len(tokens & set(normalise(name).split())) >= 2


def _signer(signature: Sequence[str], display_name: str, config: Config) -> str | None:
    """The first line of the signature that is a person's name (after "Mvh" on the same line),
    not the mailbox's own name."""
    shown = normalise(display_name)
    for line in signature:
        text = " ".join(_CLOSING.sub("", line.strip()).split())
        person = looks_like_name(text, max_words=4) and not _functional(text, config)
        if person and normalise(text) != shown:
            return text
    return None
