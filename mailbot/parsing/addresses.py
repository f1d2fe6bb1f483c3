"""Addresses: email-validator's syntax check as mailbot applies it, and addresses as people write
them (`Anna <anna@x.se>`, `mailto:`, Outlook's `anna@x.se<mailto:anna@x.se>`).

Rules of this file: pure. A domain without a dot and an encoded-word local part are refused; the
special-use test domains are allowed. Deliverability (DNS) is the shell's `deliverability.check`,
handed in as `Deliverable`, so no answer here ever depends on the network.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Final

from email_validator import (
    EmailNotValidError,
    EmailSyntaxError,
    EmailUndeliverableError,
    ValidatedEmail,
    validate_email,
)

# Why mail to a syntactically valid address cannot be delivered, or None: the shell's DNS check
# (`deliverability.check`), handed in where the config asks for it. Reading itself never does I/O.
Deliverable = Callable[[str], str | None]

_MAILTO: Final = re.compile(r"mailto:", re.IGNORECASE)
_ADDRESS_TOKEN: Final = re.compile(r"[^\s<>()\[\]{}\"',;:|]+@[^\s<>()\[\]{}\"',;:|]+")


def validated(address: str, deliverable: Deliverable | None) -> ValidatedEmail:
    """email-validator's syntax check, allowing the special-use test domains (.example, .test),
    then `deliverable` (the shell's DNS check) on the normalised address when one is given.

    `globally_deliverable=False` also lets `anna@huddinge` through; a domain without a dot is
    always a typo in practice (no one gets mail at a TLD), so it is refused here. The syntax
    check is pure and costs more than the rest of a participant, so its answers are cached;
    deliverability answers are not (they change).
    """
    outcome = _syntax_checked(address)
    if isinstance(outcome, str):
        raise EmailSyntaxError(outcome)
    refused = deliverable(outcome.normalized) if deliverable is not None else None
    if refused is not None:
        raise EmailUndeliverableError(refused)
    return outcome


@functools.lru_cache(maxsize=4096)
def _syntax_checked(address: str) -> ValidatedEmail | str:
    try:
        return _checked(address)
    except EmailNotValidError as exc:
        return str(exc)


def _checked(address: str) -> ValidatedEmail:
    result = validate_email(
        address,
        check_deliverability=False,
        test_environment=False,
        globally_deliverable=False,
    )
    if "." not in result.ascii_domain:
        raise EmailSyntaxError("The part after the @-sign is not valid. It should have a period.")
    if "=?" in result.local_part:
        # Valid by RFC 5322, but Python's `email` decodes an encoded-word it finds in an address
        # it is given, so `=?utf-8?q?=0D=0A=0D=0A?=@x.se` in a reply's To header ended the header
        # block (found by tests/test_fuzz.py). No one's address looks like this.
        raise EmailSyntaxError("The part before the @-sign looks like an encoded-word (=?…?=).")
    return result


def participant_address(text: str, deliverable: Deliverable | None) -> tuple[str, str | None]:
    """(normalised address, None), or (the text as written, why it is not an address).

    People write `Anna <anna@x.se>`, `mailto:anna@x.se` and Outlook's
    `anna@x.se<mailto:anna@x.se>`: the one address inside is what they mean.
    """
    candidates = _address_candidates(text)
    if len(candidates) > 1:
        return text, "more than one address: " + ", ".join(candidates)
    try:
        valid = validated(candidates[0] if candidates else text, deliverable)
    except EmailNotValidError as exc:
        return text, str(exc)
    return valid.normalized, None


def _address_candidates(text: str) -> list[str]:
    tokens = (t.rstrip(".") for t in _ADDRESS_TOKEN.findall(_MAILTO.sub(" ", text)))
    unique: dict[str, str] = {}
    for token in tokens:
        unique.setdefault(token.casefold(), token)
    return list(unique.values())
