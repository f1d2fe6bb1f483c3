"""Whom a message is about: the people to book, the registrations to cancel or replace, and what
must be asked (SPEC §3, §10). Pure: the message as read, the state, the sender's actor.

Why a plan before any rule runs: one mail may cancel Anna, put Per in her place and register
Kalle; the sender may count, or may have written that they do not come. Working out who is who
first, in one place, is what keeps the per-participant rules simple and makes precision first
one rule: a name that matches no one or several is asked about, never guessed; an address that
is cancelled or replaced is not also booked; the organiser's and the bot's own addresses are
never participants; the sender is booked only when the text says so or, in a fresh mail that
shows a sign of registering, when no one else is named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from mailbot.config import Actor
from mailbot.decide.context import Context, problem
from mailbot.decide.shared_mailbox import Writer, writer_of_shared_mailbox
from mailbot.parsing.parsed import Cancel, Email, Mention, ParticipantBlock, Swap, Unclear
from mailbot.reading.addresses import addresses
from mailbot.reading.found import OTHERS_UNNAMED
from mailbot.reading.names import turned_round
from mailbot.reading.reasons import reason
from mailbot.state import Registration

_ASIDE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_UNIT_AFTER = re.compile(r"\s[-–—|/]\s")


@dataclass
class Who:
    """What the message asks for, person by person; `asks` are needs-info items."""

    book: list[ParticipantBlock] = field(default_factory=list)
    cancel: list[str] = field(default_factory=list)  # address keys
    swaps: list[ParticipantBlock] = field(default_factory=list)  # blocks with `replaces`
    asks: list[dict[str, Any]] = field(default_factory=list)
    # (the address a question is about, if any; why): one needs-info outcome each
    ask_reasons: list[tuple[str | None, str]] = field(default_factory=list)
    sender_without_name: bool = False
    # newcomers of a swap that could not be made (whom they replace is asked): not booked
    unsettled: set[str] = field(default_factory=set)
    # names read without an address that are the actor's registered people ("Mats är vegan")
    known: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.book or self.cancel or self.swaps or self.asks or self.sender_without_name)

    def ask(self, kind: str, said: str, **details: Any) -> None:
        self.asks.append(problem(kind, **details))
        self.ask_reasons.append((details.get("email"), said))


def who(ctx: Context, actor: Actor | None, *, fresh: bool) -> Who:
    """The plan for one message from a sender whose actor is `actor` (None: not resolved)."""
    email = ctx.email
    plan = Who()
    registrations = _Registered(ctx, actor)
    swaps, cancels = _paired(email)
    for swap in swaps:
        _swap(plan, swap, email, registrations)
    plan.swaps.extend(p for p in email.participants if p.replaces)
    for cancel in cancels:
        _cancel(plan, cancel, ctx, registrations)
    _participants(plan, ctx)
    _sender(plan, ctx, fresh=fresh)
    acted_on = {*plan.cancel, *(b.replaces.casefold() for b in plan.swaps if b.replaces)}
    for unclear in email.unclear:
        if unclear.why == OTHERS_UNNAMED and email.we_come and _answered_participants(ctx):
            continue  # "Tack, vi kommer båda två!" to a confirmation: they are booked already
        written = {a.casefold() for a in addresses(unclear.line)}
        if written and written <= acted_on:
            continue  # "Avboka lisa.berg@…": the address was the cancellation's, not a person
        if _written_about(unclear) and _registered_as(unclear.name, registrations):
            plan.known.append(unclear.name or "")
            continue  # "Glömde skriva att Mats Hellström är vegan": booked already, not asked
        plan.ask(
            "unread", f"could not read: {unclear.line[:80]!r} ({unclear.why})",
            line=unclear.line, name=unclear.name, email=unclear.email, **unclear.why.details(),
        )  # fmt: skip
    for refused in email.refused:
        said = f"attachment not read: {refused.filename}: {refused.why}"
        plan.ask("attachment-refused", said, filename=refused.filename, **refused.why.details())
    return plan


def _paired(email: Email) -> tuple[list[Swap], list[Cancel]]:
    """Substitutions made whole: "Mats cannot attend. Oskar Lind (…) will attend instead." is
    one substitution written as a cancellation and a half substitution. A half is completed
    only when exactly one person is cancelled (or exactly one is read) to complete it with; a
    bare "byte av deltagare" adds nothing when the text says more, and is a question when not."""
    cancels = list(email.cancels)
    named = [c for c in cancels if len(c.names) + len(c.addresses) == 1 and not c.of_sender]
    whole = [s for s in email.swaps if s.old is not None or s.new is not None]
    bare = [s for s in email.swaps if s.old is None and s.new is None]
    if not whole and bare and not any(p.replaces for p in email.participants):
        free = [p for p in email.participants if p.email]
        if len(named) == 1 and len(free) == 1:
            whole = [Swap(bare[0].line, None, Mention(free[0].name, free[0].email))]
        elif not (named or free):
            whole = bare[:1]
    replaced = {p.replaces_key for p in email.participants if p.replaces_key}
    whole = [
        s for s in whole
        if not (s.old and s.old.address and s.old.address.casefold() in replaced)
    ]  # fmt: skip
    swaps: list[Swap] = []
    for s in whole:
        if s.old is None and len(named) == 1:
            c = named.pop()
            cancels.remove(c)
            old = Mention(c.names[0] if c.names else None, c.addresses[0] if c.addresses else None)
            s = Swap(s.line, old, s.new)
        swaps.append(s)
    return swaps, [c for c in cancels if not _said_of_replaced(c, swaps)]


def _said_of_replaced(cancel: Cancel, swaps: list[Swap]) -> bool:
    """ "Lisa Berg kan inte komma. Karin ersätter henne.": the first sentence says why Lisa is
    replaced; it is the substitution's other half, not a cancellation of its own."""
    olds = [s.old for s in swaps if s.old is not None and s.new is not None]
    names = {" ".join(o.name.split()).casefold() for o in olds if o.name}
    written = {o.address.casefold() for o in olds if o.address}
    said = [" ".join(n.split()).casefold() for n in cancel.names]
    return (
        bool(said or cancel.addresses)
        and all(n in names for n in said)
        and all(a.casefold() in written for a in cancel.addresses)
    )


class _Registered:
    """The actor's active registrations, read the first time a name must be matched.

    Why lazily: most messages cancel or replace no one by name, and reading the registrations for
    every message made a burst quadratic (each message read all that came before it)."""

    def __init__(self, ctx: Context, actor: Actor | None) -> None:
        self._ctx = ctx
        self._actor = actor
        self._found: list[Registration] | None = None

    def __call__(self) -> list[Registration]:
        if self._found is None:
            self._found = self._read()
        return self._found

    def _read(self) -> list[Registration]:
        if self._actor is None:
            return []
        seminars = {seminar.id for seminar in self._ctx.config.seminars}
        return [
            r
            for r in self._ctx.state.registrations_by(self._actor.name)
            if r.seminar in seminars and r.is_active
        ]


def _written_about(unclear: Unclear) -> bool:
    """A name in a sentence, read without an address: perhaps someone written about. (A name
    in a list or a table is someone put forward to register, and is asked about.)"""
    return unclear.source == "prose" and unclear.why.code == "no-address"


def _registered_as(name: str | None, registrations: _Registered) -> bool:
    """A whole name (two words or more) that is exactly one of the actor's registrations: a
    person written about, not one to be asked for an address."""
    if not name or len(name.split()) < 2:
        return False
    return len({r.email_key for r in _by_name(name, registrations())}) == 1


def _by_name(name: str, registrations: list[Registration]) -> list[Registration]:
    """Registrations whose name is `name` (case and spacing aside), or whose first name is the
    one word written ("Anna kan inte")."""
    key = " ".join(name.split()).casefold()
    whole = [r for r in registrations if " ".join(r.name.split()).casefold() == key]
    if whole or " " in key:
        return whole
    return [r for r in registrations if r.name.split()[:1] and r.name.split()[0].casefold() == key]


def _target(plan: Who, mention: Mention, line: str, registrations: _Registered) -> str | None:
    """The address a cancellation or substitution means, or None after asking."""
    if mention.address:
        return mention.address.casefold()
    if not mention.name:
        return None
    found = {r.email_key for r in _by_name(mention.name, registrations())}
    if len(found) == 1:
        return found.pop()
    why = reason("matches-several" if found else "matches-no-one")
    said = f"{mention.name!r} {why}"
    plan.ask("name-not-matched", said, name=mention.name, line=line, **why.details())
    return None


def _cancel(plan: Who, cancel: Cancel, ctx: Context, registrations: _Registered) -> None:
    email = ctx.email
    if cancel.addresses or cancel.names:
        for address in cancel.addresses:
            plan.cancel.append(address.casefold())
        for name in cancel.names:
            written = _written_with(name, email)  # "Avanmälan: Maria Öberg" above her block
            target = written or _target(plan, Mention(name=name), cancel.line, registrations)
            if target is not None:
                plan.cancel.append(target)
        return
    if any(c.names or c.addresses for c in email.cancels):
        return  # "Please cancel his registration": about the one named in another sentence
    if email.swaps or any(p.replaces for p in email.participants):
        return  # "Maria kan inte, Sofia tar hennes plats": the substitution's half
    if (cancel.in_subject or cancel.opening) and not cancel.of_sender and email.participants:
        # "Avanmälan" above `Namn:`/`E-post:` blocks: the blocks say whom
        plan.cancel.extend(p.email_key for p in email.participants if p.email_key)
        return
    answered = _answered_participants(ctx)
    if answered:
        plan.cancel.extend(a.casefold() for a in answered)
        return
    if cancel.of_other:  # "Min kollega kan inte komma": which one? never the sender
        plan.ask("cancel-unclear", "a cancellation that does not say whom", line=cancel.line)
        return
    if not (cancel.of_sender or cancel.in_subject or cancel.opening):
        return  # "Återbud kommer senare om det behövs": a word in passing, about no one
    if not (email.participants or email.unclear or email.swaps):
        assert email.sender is not None
        plan.cancel.append(email.sender.key)
    # Else a "cannot come" said of the writer above a list of others: they are not counted.


def _written_with(name: str, email: Email) -> str | None:
    """The address of a participant read with this name in the same mail, if exactly one."""
    key = " ".join(name.split()).casefold()
    found = {
        p.email_key
        for p in email.participants
        if p.email_key and " ".join((p.name or "").split()).casefold() == key
    }
    return found.pop() if len(found) == 1 else None


def _answered_participants(ctx: Context) -> tuple[str, ...]:
    for mid in ctx.email.in_reply_to:
        about = ctx.state.own_message(mid)
        if about:
            return about
    return ()


def _swap(plan: Who, swap: Swap, email: Email, registrations: _Registered) -> None:
    """One person instead of another. When whom the newcomer replaces is asked about, the
    newcomer is not booked either: a seat of their own is not what the writer asked for."""
    new = None if swap.new is None else _new_person(swap.new, email)
    if swap.old is None or swap.new is None:
        plan.ask("substitute-unclear", "a substitution that does not say whom", line=swap.line)
        plan.unsettled.update({new.email_key} if new is not None and new.email_key else set())
        return
    old = _target(plan, swap.old, swap.line, registrations)
    if old is None:
        plan.unsettled.update({new.email_key} if new is not None and new.email_key else set())
        return
    if new is None:
        reason = f"the substitute {swap.new.name or ''} has no address"
        plan.ask("missing-email", reason, name=swap.new.name, line=swap.line)
        return
    plan.swaps.append(ParticipantBlock(**{**new.__dict__, "replaces": old, "source": "prose"}))


def _new_person(mention: Mention, email: Email) -> ParticipantBlock | None:
    """The substitute: as written with the phrase, or the participant read with that name."""
    key = " ".join((mention.name or "").split()).casefold()
    for p in email.participants:
        if (mention.address and p.email_key == mention.address.casefold()) or (
            key and " ".join((p.name or "").split()).casefold() == key and p.email
        ):
            return p if p.name else replace(p, name=mention.name)
    if mention.address:
        return ParticipantBlock(name=mention.name, email=mention.address, line="")
    return None


def _participants(plan: Who, ctx: Context) -> None:
    """The people read, less those cancelled or replaced here, the substitutes, and the
    organiser's and the bot's own addresses."""
    config = ctx.config
    skip = {config.organiser.address.casefold(), config.bot.address.casefold(), *plan.cancel}
    skip |= {s.replaces.casefold() for s in plan.swaps if s.replaces}
    skip |= {s.email_key for s in plan.swaps if s.email_key} | plan.unsettled
    for p in ctx.email.participants:
        if p.replaces:
            continue
        if p.email_key is not None and p.email_key in skip:
            continue
        if p.email is None and p.name:
            plan.ask("missing-email", f"{p.name} has no address", name=p.name, line=p.line)
            continue
        plan.book.append(p)


def _sender(plan: Who, ctx: Context, *, fresh: bool) -> None:
    """SPEC §3: counted when the text says so; in a fresh mail with a sign of registering, when
    no one else is named and nothing is said of who comes; never when excluded."""
    email = ctx.email
    # "Vi kommer gärna" counts the writer, but not in an answer to a confirmation: the
    # coordinator in its Cc is one of no "vi", and the participant is booked already.
    counted = email.sender_counted or (email.we_come and not _answered_participants(ctx))
    if email.sender_excluded or (email.cancels and not counted):
        return
    named = bool(email.participants or email.unclear or email.swaps or email.names_people)
    named = named or (email.forward is not None and email.forward.names_people)
    implicit = fresh and email.registering and not named and not email.refused
    if not (counted or implicit) or (not counted and _booked_already(ctx)):
        # "Jag kommer som planerat, finns det material?" from a participant already booked:
        # no new registration ("registration closed" would alarm them); the organiser reads it.
        return
    shared = writer_of_shared_mailbox(email, ctx.config)
    if shared is not None:
        _shared_writer(plan, shared, ctx)
        return
    block = _sender_block(ctx)
    if block is None:
        plan.sender_without_name = True
    elif all(p.email_key != block.email_key for p in plan.book):
        plan.book.insert(0, block)


def _shared_writer(plan: Who, writer: Writer, ctx: Context) -> None:
    """ "Jag vill anmäla mig" from a function mailbox: the one who signed comes, not the
    mailbox; booked with the address their signature gives them, else asked for it (§3)."""
    mailbox = ctx.email.sender.address if ctx.email.sender else ""
    if writer.name and writer.address:
        block = ParticipantBlock(
            name=writer.name,
            email=writer.address,
            organisation=ctx.email.organisation,
            source="sender",
        )
        if all(p.email_key != block.email_key for p in plan.book):
            plan.book.insert(0, block)
        return
    said = f"the writer signs {writer.name or '(no name)'} from the shared mailbox {mailbox}"
    plan.ask("missing-email", said + "; their own address is not written", name=writer.name)


def _booked_already(ctx: Context) -> bool:
    """The sender holds an active booking: a mere sign of registering does not book them again."""
    sender = ctx.email.sender
    key = sender.address.casefold() if sender is not None else ""
    return any(r.is_active for r in ctx.state.registrations_of(key))


def _sender_block(ctx: Context) -> ParticipantBlock | None:
    sender = ctx.email.sender
    assert sender is not None
    # "Berg Anna (Socialtjänsten)", "Anna Berg - Huddinge kommun": the unit an address book
    # adds is no part of the name
    shown = _ASIDE.sub(" ", sender.display_name.strip().strip('"'))
    name = " ".join(_UNIT_AFTER.split(shown, maxsplit=1)[0].split())
    if len(name.split()) < 2:
        return None
    return ParticipantBlock(
        name=turned_round(name, sender.address),
        email=sender.address,
        organisation=ctx.email.organisation,
        source="sender",
    )
