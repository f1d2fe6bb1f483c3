"""Confirmation tokens: an unauthenticated message held until its From address answers (§4.4).

Rules of this file: a token is answered only by a message from the very address it was mailed to,
before it expires, and only once; the store keeps the token's SHA-256, never the token. A held
message's sender hears at most one token mail a day (while it is unanswered), and that mail says
nothing of the registration beyond that one was received: the From address may be forged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from mailbot import actors
from mailbot.decide.context import Builder, Context
from mailbot.model import Alert, Decision, Hold, Outcome

# How long a mailed token can be answered, and how it is written in the mail: a prefix makes it
# findable in a subject among other words, and `token_urlsafe(16)` gives the 22 characters.
CONFIRM_VALID = dt.timedelta(days=7)
CONFIRM_PREFIX = "MB-"
_TOKEN = re.compile(r"(?<![A-Za-z0-9_-])MB-([A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])")


def token_hash(token: str) -> str:
    """What the store keeps of a token: a database copy must not be a way to confirm."""
    return hashlib.sha256(token.encode()).hexdigest()


def answered_token(ctx: Context) -> str | None:
    """The sender's key when this message carries an unused, unexpired token mailed to this very
    From address (in the subject or the author's text); None otherwise, and then it is an
    ordinary message."""
    sender = ctx.email.sender
    if sender is None:
        return None
    for found in _TOKEN.finditer(f"{ctx.email.subject}\n{ctx.email.text}"):
        held = ctx.state.held_token(token_hash(found.group(1)))
        if (
            held is not None
            and not held.used
            and held.sender_key == sender.key
            and ctx.inbound.received_at <= held.expires_at
        ):
            return sender.key
    return None


def sender_confirmed(ctx: Context, sender_key: str) -> Decision:
    """A message that only answers a token: nothing to decide but the release of the held ones."""
    reason = "the sender answered the confirmation token: their held messages are decided now"
    return Decision(
        outcomes=(Outcome("ignored", "sender-confirmed", None, reason),),
        language=ctx.language,
        release=sender_key,
    )


def hold(ctx: Context, reason: str) -> Builder:
    """`unauthenticated = "confirm"`: keep the message and mail its From address a token, once a
    day per sender (while that token is unanswered), as Mailman confirms a subscription. The reply
    cap applies to the token mail as to any reply, so this is a draft, not yet a decision."""
    sender = ctx.email.sender
    assert sender is not None
    b = Builder(ctx)
    b.actor = actors.resolve(
        sender.address, sender.domain, ctx.email.organisation, ctx.config
    ).actor
    day = ctx.local_day
    expires = ctx.inbound.received_at + CONFIRM_VALID
    token = ctx.inbound.token
    mail_now = token is not None and not ctx.state.alerted("confirm-sender", sender.key, day)
    b.add(
        "needs-info",
        "confirm-sender",
        None,
        f"{reason}; held until the sender answers "
        + ("the confirmation mailed now" if mail_now else "the confirmation already mailed"),
    )
    b.hold = Hold(sender.key, None, expires)
    if mail_now:
        assert token is not None
        b.reply(
            "confirm-sender",
            context={"token": CONFIRM_PREFIX + token, "expires": expires.isoformat()},
        )
        b.hold = Hold(sender.key, token_hash(token), expires)
        b.alerts.append(Alert("confirm-sender", sender.key, day))
    return b
