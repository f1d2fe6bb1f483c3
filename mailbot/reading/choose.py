"""One chooser over what every reader found: each person once, and a question where readers or
names disagree (SPEC §3, precision first).

Why one small function: the readers each read only their own form, but an address may still be
seen twice (a list item that also stands as a line, a table copied into the text), and a name
read without an address by one reader may be read with it by another. Which reading wins is one
rule, here, and not a habit of each reader: the first reading of an address stands (readers are
passed in the order of how sure their form is), a nameless or addressless repeat adds nothing,
and an address written with two different names, or with a name it plainly does not spell, is
asked about rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mailbot.reading.found import Found, Unread
from mailbot.reading.names import contradicts, same_name
from mailbot.reading.reasons import reason


@dataclass(frozen=True)
class Chosen:
    """The people to act on, in reading order, and what must be asked about."""

    people: tuple[Found, ...] = ()
    unread: tuple[Unread, ...] = ()


def choose(read: Iterable[Found | Unread]) -> Chosen:
    """Each address once, each name without an address once and only when no reading gives it
    an address; an address that two readings give different names, or whose local part names
    someone else (`names.contradicts`), becomes a question about that line."""
    items = list(read)
    by_address: dict[str, Found] = {}
    conflicts: dict[str, Unread] = {}
    for item in items:
        if isinstance(item, Found) and item.email:
            key = item.email.casefold()
            first = by_address.setdefault(key, item)
            if first is not item and _differ(first.name, item.name):
                why = reason("two-names", address=item.email)
                conflicts.setdefault(
                    key, Unread(item.source, item.line, why, item.name, email=item.email)
                )
    named = {_name_key(f.name) for f in by_address.values() if f.name}
    people: list[Found] = []
    unread: list[Unread] = []
    seen_names: set[str] = set()
    for item in items:
        if isinstance(item, Unread):
            _keep_unread(item, named, unread)
        elif item.email:
            _keep_addressed(item, by_address, conflicts, people, unread)
        elif item.name and _name_key(item.name) not in named | seen_names:
            seen_names.add(_name_key(item.name))
            people.append(item)
    return Chosen(tuple(people), tuple(unread))


def _keep_addressed(
    item: Found,
    by_address: dict[str, Found],
    conflicts: dict[str, Unread],
    people: list[Found],
    unread: list[Unread],
) -> None:
    assert item.email is not None
    key = item.email.casefold()
    if by_address.get(key) is not item:
        return
    if key in conflicts:
        unread.append(conflicts[key])
    elif item.name and contradicts(item.name, item.email):
        why = reason("address-not-theirs", address=item.email, name=item.name)
        unread.append(Unread(item.source, item.line, why, item.name, email=item.email))
    else:
        people.append(item)


def _keep_unread(item: Unread, named: set[str], unread: list[Unread]) -> None:
    if item.name and _name_key(item.name) in named:
        return  # another reading found this person with an address
    if any(u.line == item.line and u.name == item.name for u in unread):
        return
    unread.append(item)


def _differ(a: str | None, b: str | None) -> bool:
    """Two names, not one name written twice (one of them perhaps with a garbled letter)."""
    return bool(a and b and not same_name(a, b))


def _name_key(name: str) -> str:
    return " ".join(name.replace(",", " ").split()).casefold()
