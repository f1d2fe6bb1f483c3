"""The TLS context of every connection to a mail server, IMAP and SMTP alike (SPEC §2)."""

from __future__ import annotations

import ssl
from pathlib import Path


def tls_context(ca_file: Path | None) -> ssl.SSLContext:
    """The system's trusted CAs, plus those in `ca_file` (a private CA, a TLS-inspecting proxy):
    one function, so that `[imap] ca_file` and `[smtp] ca_file` cannot come to mean two things."""
    context = ssl.create_default_context()
    if ca_file is not None:
        context.load_verify_locations(cafile=str(ca_file))
    return context
