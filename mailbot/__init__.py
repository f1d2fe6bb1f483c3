"""mailbot: email-driven registration for invite-only events.

The core (parsing, actors, authentication, decide, state, replies, config) takes values and
returns values; the shell (store, imap, outbox, schedule, service, cli) does the I/O.
"""

__version__ = "0.1.0"
