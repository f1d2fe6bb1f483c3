"""The IMAP side's three failures, and the translation of imapclient's, imaplib's and the
socket's exceptions into them: what a caller does next depends only on which one it got.

- `ConnectionLost` (and `SessionEnded`, a `* BYE`): reconnect and resume from the last UID.
- `AuthenticationFailed`: a human must fix the password or the app's consent; retrying only
  locks the account.
- `ImapError`: anything else the server refused.
"""

from __future__ import annotations

import contextlib
import ssl
from collections.abc import Iterator

from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError


class ImapError(Exception):
    """The IMAP server refused a command, or lacks something mailbot needs."""


class ConnectionLost(ImapError):
    """The connection broke (or never came up); reconnect and resume from the last UID."""


class SessionEnded(ConnectionLost):
    """The server ended the session with `* BYE` (shutting down, a kick, an expired token)."""


class AuthenticationFailed(ImapError):
    """The server rejected the username or password; retrying will not help."""


@contextlib.contextmanager
def translated(what: str) -> Iterator[None]:
    """Turn imapclient's, imaplib's and the socket's exceptions into this module's three."""
    try:
        yield
    except ImapError:
        raise
    except LoginError as e:
        raise login_failure(what, e) from e
    except IMAPClientAbortError as e:  # imaplib's "abort": the connection is unusable
        raise ConnectionLost(f"{what}: {e}") from e
    except ssl.SSLCertVerificationError as e:  # not transient: a wrong name or a forged server
        raise ImapError(f"{what}: the server's TLS certificate is not valid: {e}") from e
    except (OSError, EOFError) as e:  # refused, reset, timed out, TLS errors
        raise ConnectionLost(f"{what}: {e or type(e).__name__}") from e
    except IMAPClientError as e:
        if b"* BYE" in str(e).encode():  # e.g. "Unexpected IDLE response: b'* BYE ...'"
            raise SessionEnded(f"{what}: {e}") from e
        raise ImapError(f"{what}: {e}") from e


def login_failure(what: str, error: Exception) -> ImapError:
    """imapclient reports every failure during LOGIN as LoginError, a dropped line included."""
    text = str(error)
    transient = ("[UNAVAILABLE]", "socket error", "EOF", "Temporary")
    if any(word in text for word in transient):
        return ConnectionLost(f"{what}: {text}")
    return AuthenticationFailed(f"{what}: {text}")
