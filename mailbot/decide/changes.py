"""Changes by mail: cancelling, substituting, and the waitlist promotion a freed seat brings (§5).

Rules of this file: a registration may be changed by the participant, by whoever registered them,
or by anyone of the same actor, and only before its seminar starts. A substitute needs a valid
address and a name, takes the old registration's place (a seat or a waitlist place) and must not
already be registered. A freed seat goes to the first on the same actor's waitlist; that mail is a
new message, not a reply.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mailbot import actors
from mailbot.decide import booking
from mailbot.decide.context import Builder, participant_context, participant_mail, problem
from mailbot.decide.register import register_one, reject_not_invited
from mailbot.parsing.parsed import ParticipantBlock
from mailbot.state import Registration


def cancel_targets(b: Builder, resolution: actors.Resolution, targets: Sequence[str]) -> None:
    """Cancel each address (once), as far as the sender may (§5)."""
    for target in dict.fromkeys(targets):
        _cancel_one(b, resolution, target)


def substitute_all(
    b: Builder, resolution: actors.Resolution, blocks: Sequence[ParticipantBlock]
) -> None:
    """Each block with `replaces`: the new person takes the old one's place."""
    for block in blocks:
        if block.replaces_key:
            _substitute(b, resolution, block)
        elif block.email:
            _register_added(b, resolution, block)


def promote(b: Builder, actor_name: str, seminar_id: str) -> None:
    """Fill freed seats from the same actor's waitlist (§5); the mail is a new message."""
    try:
        seats = b.seats(b.config.actor(actor_name))
    except KeyError:
        return
    while b.work.confirmed(actor_name, seminar_id) < seats:
        nxt = b.work.first_waitlisted(actor_name, seminar_id)
        if nxt is None:
            return
        promoted = replace(nxt, status="confirmed", confirmed_at=b.received_at)
        b.work.put(promoted)
        b.add("promoted", "waitlist-promotion", promoted.email, "a seat was freed")
        participant_mail(b, promoted, "promoted", answers=False)


def started(b: Builder, seminar_id: str) -> bool:
    return b.config.seminar(seminar_id).has_started(b.received_at)


def _may_change(b: Builder, resolution: actors.Resolution, r: Registration) -> str | None:
    """The rule allowing `b.sender` to cancel or replace `r`, or None (§5)."""
    sender_key = b.sender.casefold()
    if sender_key == r.email_key:
        return "own-address"
    if sender_key == r.registered_by.casefold():
        return "registering-sender"
    if resolution.actor is not None and resolution.actor.name == r.actor:
        return "same-actor"
    return None


def _register_added(b: Builder, resolution: actors.Resolution, block: ParticipantBlock) -> None:
    """A new participant in a substitution message, registered as any other (while open)."""
    actor = resolution.actor
    if actor is None:
        reject_not_invited(b, block.email, "the sender is not an invited actor")
        return
    if not actor.seminar or not b.config.seminar(actor.seminar).is_on_time(b.received_at):
        b.add("rejected-closed", "deadline-passed", block.email, "registration is closed")
        b.reply("rejected-closed", context={"seminar": actor.seminar})
        return
    register_one(b, actor, block, 1)


def _not_registered(b: Builder, address: str | None, reason: str) -> None:
    b.add("needs-info", "not-registered", address, reason)
    b.needs_info(problem("not-registered", email=address))


def _closed(b: Builder, participant: str | None, seminar_id: str) -> None:
    b.add("rejected-closed", "seminar-started", participant, f"{seminar_id} has already started")
    b.reply("rejected-closed", context={"seminar": seminar_id})


def _cancel_one(b: Builder, resolution: actors.Resolution, target: str) -> None:
    regs = b.work.active(target)
    if not regs:
        _not_registered(b, target, "no registration for this address")
        return
    for r in regs:
        if b.config.find_seminar(r.seminar) is None or started(b, r.seminar):
            _closed(b, r.email, r.seminar)
            continue
        allowed = _may_change(b, resolution, r)
        if allowed is None:
            reason = "only the participant or their own organisation may cancel"
            b.add("rejected-not-allowed", "not-allowed", r.email, reason)
            b.reply_about("rejected-not-allowed", r)
            continue
        cancelled = replace(r, status="cancelled")
        b.work.put(cancelled)
        b.add("cancelled", f"cancel-{allowed}", r.email, f"was {r.status}")
        b.reply_about("cancelled", cancelled)
        if r.status == "confirmed":
            promote(b, r.actor, r.seminar)


def _substitute(b: Builder, resolution: actors.Resolution, block: ParticipantBlock) -> None:
    assert block.replaces_key is not None
    olds = [r for r in b.work.active(block.replaces_key) if r.status != "pending"]
    if not olds:
        _not_registered(b, block.replaces, "the person to replace is not registered")
        return
    old = olds[0]
    if started(b, old.seminar):
        _closed(b, block.email, old.seminar)
        return
    allowed = _may_change(b, resolution, old)
    if allowed is None:
        b.add("rejected-not-allowed", "not-allowed", block.email, f"may not replace {old.email}")
        b.reply_about("rejected-not-allowed", old)
        return
    if _substitute_incomplete(b, block):
        return
    assert block.email is not None and block.email_key is not None
    existing = b.work.registration(old.seminar, block.email_key)
    if existing is not None and existing.is_active:
        reason = f"already {existing.status} for {old.seminar}"
        b.add("duplicate", "already-registered", block.email, reason)
        b.reply_about("duplicate", existing)
        return
    _swap(b, old, block, allowed)


def _substitute_incomplete(b: Builder, block: ParticipantBlock) -> bool:
    """The substitute needs a valid address and a name; says so when one is missing."""
    bad_email = not block.email or bool(block.email_error) or block.email_key is None
    if not bad_email and (block.name or "").strip():
        return False
    what = "a valid email address" if bad_email else "a name"
    b.add("needs-info", "substitute-incomplete", block.email, f"the substitute needs {what}")
    kind = "invalid-email" if bad_email else "missing-name"
    b.needs_info(problem(kind, email=block.email, error=block.email_error))
    return True


def _swap(b: Builder, old: Registration, block: ParticipantBlock, allowed: str) -> None:
    """The substitute takes the old registration's place, seat or waitlist place as it was."""
    assert block.email is not None
    new = replace(
        old,
        email=block.email,
        name=(block.name or "").strip(),
        title=block.title or "",
        organisation=block.organisation or old.organisation,
        notes=block.notes or "",
        registered_at=b.received_at,
        registered_by=b.sender,
        language=b.language,
        confirmed_at=b.received_at if old.status == "confirmed" else None,
        bouncing=False,
        id=None,
    )
    b.work.put(replace(old, status="cancelled"))
    b.work.put(new)
    b.add("substituted", f"substitute-{allowed}", new.email, f"replaces {old.email}")
    b.add("cancelled", "substituted-by", old.email, f"replaced by {new.email}")
    booking.announce(b, new, "substituted")
    b.mail(
        "replaced",
        (old.email,),
        context={**participant_context(old, b.config), "substitute": new.name},
        about=(old.email,),
    )
