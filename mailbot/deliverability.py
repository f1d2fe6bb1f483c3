"""Whether mail to an address can be delivered at all: its domain's MX (or A) records, over DNS.

Shell side of `bot.check_deliverability` (SPEC §3): `parsing.read` stays pure and takes this as
its `deliverable` argument where the config asks for it. DNS answers change, so none is cached.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email


def check(address: str) -> str | None:
    """Why mail to `address` (already syntax-checked) cannot be delivered, or None."""
    try:
        validate_email(
            address,
            check_deliverability=True,
            test_environment=False,
            globally_deliverable=False,
        )
    except EmailNotValidError as exc:
        return str(exc)
    return None
