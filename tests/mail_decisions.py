"""Deciding real mail bytes against a state held in memory: Karin Lind of Huddinge writes, and
has (in `registered`) booked herself and Anna Berg. Shared by the tests of what free-text
changes and questions do (`test_decide_cancel_questions`, `test_decide_wording`).
"""

from __future__ import annotations

from mailbot import parsing
from mailbot.config import Config
from mailbot.decide import Inbound, decide
from mailbot.model import Decision
from mailbot.state import MemoryState

from support import at, raw_mail

ON_TIME = at("2022-09-01 10:00")
SENDER = "karin.lind@huddinge.se"
ANNA = "anna.berg@huddinge.se"


def run(config: Config, state: MemoryState, raw: bytes) -> Decision:
    """Decide `raw` on time and keep what it changed in `state`."""
    decision = decide(Inbound(parsing.read(raw), ON_TIME), state, config, ON_TIME)
    state.upsert(decision.registrations)
    return decision


def mail(body: str, subject: str = "Seminariet", sender: str = SENDER, n: int = 1) -> bytes:
    """A plain-text mail from Karin Lind (or `sender`), Message-ID `<m{n}@x>`."""
    return raw_mail(
        sender, body, subject=subject, message_id=f"<m{n}@x>", display_name="Karin Lind"
    )


def outcomes(d: Decision) -> list[tuple[str, str | None]]:
    return [(o.outcome, o.participant) for o in d.outcomes]


def registered(config: Config) -> MemoryState:
    """Karin Lind has registered herself and Anna Berg."""
    state = MemoryState()
    body = (
        "Hej,\n\nVi anmäler oss till seminariet:\n\n"
        f"Namn: Karin Lind\nE-post: {SENDER}\n\nNamn: Anna Berg\nE-post: {ANNA}\n"
    )
    d = run(config, state, mail(body, subject="Anmälan", n=0))
    assert sorted(outcomes(d)) == [("confirmed", ANNA), ("confirmed", SENDER)]
    return state


def statuses(state: MemoryState) -> dict[str, str]:
    return {r.email: r.status for r in state.registrations}
