"""Blocks of `Key: value` lines (SPEC §3), the tidy form some people use.

Why blocks: a blank line or a key seen again starts the next person, so a block is one
person's fields. Keys are §3's words in Swedish or English (`keys`); a value may stand on the
line below its key, as forms copied from Word often leave it. A block of phone, address and web
lines without a name is a signature, not a participant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from mailbot.reading.addresses import addresses
from mailbot.reading.found import Found, Unread
from mailbot.reading.keys import Field, key_line, split_keys
from mailbot.reading.names import split_title, title_before, turned_round
from mailbot.reading.person import person
from mailbot.reading.reasons import reason

_NAMES: Final[frozenset[Field]] = frozenset({"name", "name-and-title"})
# A field that says again what the block already says starts the next person: a second name
# in any of its forms, or a second first name.
_CLASHES: Final[dict[Field, frozenset[Field]]] = {
    "name": _NAMES | {"first-name", "last-name"},
    "name-and-title": _NAMES | {"first-name", "last-name"},
    "first-name": _NAMES | {"first-name"},
    "last-name": _NAMES | {"last-name"},
}


@dataclass
class _Block:
    fields: dict[Field, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    contact_card: bool = False


def key_blocks(lines: Sequence[str]) -> list[Found | Unread]:
    """Each block that names someone, as a Found (email None when the block gives none), or an
    Unread when its address field holds more than one address."""
    blocks: list[_Block] = [_Block()]
    pending: tuple[Field, str] | None = None  # a key whose value is on the next line
    for line in (piece for whole in lines for piece in split_keys(whole)):
        current = blocks[-1]
        if not line.strip():
            pending = None
            if current.fields or current.contact_card:
                blocks.append(_Block())
            continue
        keyed = key_line(line)
        if keyed is None:
            if pending is not None:
                _put(blocks, pending[0], line.strip(), pending[1] + "\n" + line)
            pending = None
            continue
        pending = None
        if keyed.value:
            _put(blocks, keyed.key.field, keyed.value, line)
        else:
            pending = (keyed.key.field, line)
    return [read for block in blocks if (read := _person(block)) is not None]


def _put(blocks: list[_Block], key: Field, value: str, line: str) -> None:
    """A field into the current block; a key it already has starts the next block."""
    if key in ("phone", "contact"):
        blocks[-1].contact_card = True
        blocks[-1].lines.append(line)
        return
    if _CLASHES.get(key, {key}) & blocks[-1].fields.keys():
        blocks.append(_Block())
    blocks[-1].fields[key] = value
    blocks[-1].lines.append(line)


def _name(fields: dict[Field, str]) -> tuple[str | None, str | None]:
    """(name, title written inside it): `Namn`, `Namn och titel`, or `Förnamn` + `Efternamn`."""
    if "name" in fields:
        return split_title(fields["name"])
    if "name-and-title" in fields:
        return split_title(fields["name-and-title"])
    parts = [fields[k] for k in ("first-name", "last-name") if k in fields]
    return (" ".join(parts), None) if parts else (None, None)


def _person(block: _Block) -> Found | Unread | None:
    fields = block.fields
    name, inner_title = _name(fields)
    written = fields.get("email")
    if written is None and name is not None and addresses(name):
        inline = person(name)  # `Namn: Anna Svensson <anna@x.se>`
        if inline is None:
            return Unread("key-block", "\n".join(block.lines), reason("several-addresses"))
        name, written, inner_title = inline.name, inline.email, inline.title or inner_title
    if name is None and (written is None or block.contact_card):
        return None  # an organisation line, or a signature's contact card
    email = written
    if written is not None:
        found = addresses(written)
        if len(found) > 1:
            return Unread("key-block", "\n".join(block.lines), reason("several-addresses"))
        email = found[0] if found else written
    if name is not None and email is not None:
        name, before = title_before(turned_round(name, email), email)
        inner_title = ", ".join(t for t in (before, inner_title) if t) or None
    replaces = fields.get("replaces")
    if replaces is not None and len(addresses(replaces)) == 1:
        replaces = addresses(replaces)[0]
    return Found(
        source="key-block",
        line="\n".join(block.lines),
        name=name,
        email=email,
        title=fields.get("title") or inner_title,
        organisation=fields.get("organisation"),
        seminar=fields.get("seminar"),
        replaces=replaces,
        notes=fields.get("notes"),
    )
