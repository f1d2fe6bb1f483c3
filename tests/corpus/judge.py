"""Runs corpus fixtures through the real pipeline and judges each as a careful organiser would.

`run(case)` processes a fixture (after its setup fixtures) with `mailbot process` in a temporary
folder, through the CLI's own `main` (the same code path as the command line, without a
subprocess per call), and reads back `mailbot participants --format json`, `mailbot messages
--format json` and the replies written with `--outbox`. `classify(case, observed)` is pure: it
compares what happened with `expected.toml` and says

- *exact*: the bookings (address, name, status, actor, seminar), the outcomes of the message and
  the reply language are what the table expects, and the bot asked exactly where it should;
- *asked*: not exact, but the bot asked (`needs-info` to the sender, or `forwarded` to the
  organiser) and nobody was booked, cancelled or left out wrongly;
- *wrong*: someone booked or cancelled who was not meant, someone meant silently missed
  (neither booked nor asked about), no question where a human would have to answer, or any other
  difference (a name, a status, a seminar, a reply language, an outcome) without a question.

`judge_all()` runs every case, in parallel processes when asked.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import tempfile
import tomllib
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FIXTURES = HERE / "fixtures"
EXPECTED = HERE / "expected.toml"
CONFIG = HERE / "config.toml"
CONFIRMATION_PLACEHOLDER = b"<confirmation-of-reply-to@corpus.invalid>"
ASKING = ("needs-info", "forwarded")
BOOKED = ("confirmed", "waitlisted", "pending")


@dataclass(frozen=True)
class Booking:
    email: str
    name: str
    status: str
    actor: str
    seminar: str


@dataclass(frozen=True)
class Case:
    name: str
    client: str
    form: str
    language: str
    received: str
    setup: tuple[str, ...]
    ask: bool
    outcomes: tuple[tuple[str, str | None], ...]
    bookings: tuple[Booking, ...]
    reply_to: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Observed:
    """What the pipeline did: the participant list, this message's outcomes, reply languages."""

    bookings: tuple[Booking, ...]
    outcomes: tuple[tuple[str, str | None], ...]
    reply_languages: tuple[str, ...]
    error: str | None = None


@dataclass(frozen=True)
class Verdict:
    name: str
    form: str
    kind: str  # exact | asked | wrong
    reasons: tuple[str, ...]


def load(path: Path = EXPECTED) -> list[Case]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Case(
            name=c["name"],
            client=c["client"],
            form=c["form"],
            language=c["language"],
            received=c["received"],
            setup=tuple(c["setup"]),
            ask=c["ask"],
            outcomes=tuple((o["outcome"], o["participant"] or None) for o in c["outcomes"]),
            bookings=tuple(Booking(**bk) for bk in c["bookings"]),
            reply_to=c.get("reply_to"),
            note=c.get("note", ""),
        )
        for c in data["case"]
    ]


# --------------------------------------------------------------------------- running


def _mailbot(*argv: str) -> tuple[int, str]:
    from mailbot import cli

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = cli.main(list(argv))
    return code, out.getvalue()


def _write_config(folder: Path) -> Path:
    text = CONFIG.read_text(encoding="utf-8")
    templates = json.dumps(str(REPO / "mailbot" / "templates"))
    text = text.replace(
        'database = "mailbot.sqlite3"', f'database = "mailbot.sqlite3"\ntemplates = {templates}', 1
    )
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _message_id(raw: bytes) -> str | None:
    match = re.search(rb"^Message-ID:\s*(<[^>\r\n]+>)", raw, re.MULTILINE | re.IGNORECASE)
    return match.group(1).decode() if match else None


def _confirmation_id(messages: list[dict[str, Any]], to: str) -> str | None:
    for m in messages:
        for r in m.get("replies", []):
            if r.get("kind") in ("confirmed", "promoted", "substituted") and to in r.get("to", []):
                return str(r.get("message_id"))
    return None


def _reply_languages(outbox: Path, organiser: str) -> tuple[str, ...]:
    langs: list[str] = []
    for f in sorted(outbox.glob("*.eml")) if outbox.exists() else []:
        msg = message_from_bytes(f.read_bytes(), policy=default_policy)
        if organiser in str(msg.get("To", "")):
            continue
        langs.append(str(msg.get("Content-Language", "")).strip())
    return tuple(langs)


def run(case: Case, cases: dict[str, Case]) -> Observed:
    """Process the case's setup fixtures, then the fixture, in a fresh folder; read back."""
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
        folder = Path(tmp)
        config = str(_write_config(folder))
        for n, name in enumerate(case.setup):
            setup = cases[name]
            code, _ = _mailbot(
                "process", "--config", config, "--now", setup.received,
                "--outbox", str(folder / f"setup-{n}"), str(FIXTURES / f"{name}.eml"),
            )  # fmt: skip
            if code != 0:
                return Observed((), (), (), f"setup {name}: mailbot process exited {code}")
        raw = (FIXTURES / f"{case.name}.eml").read_bytes()
        if case.reply_to:
            _, listing = _mailbot("messages", "--config", config, "--format", "json")
            confirmation = _confirmation_id(json.loads(listing), case.reply_to)
            if confirmation is None:
                return Observed((), (), (), f"setup sent no confirmation to {case.reply_to}")
            raw = raw.replace(CONFIRMATION_PLACEHOLDER, confirmation.encode())
        fixture = folder / f"{case.name}.eml"
        fixture.write_bytes(raw)
        outbox = folder / "outbox"
        code, _ = _mailbot(
            "process", "--config", config, "--now", case.received, "--outbox", str(outbox),
            str(fixture),
        )  # fmt: skip
        if code != 0:
            return Observed((), (), (), f"mailbot process exited {code}")
        _, participants = _mailbot("participants", "--config", config, "--format", "json")
        _, messages = _mailbot("messages", "--config", config, "--format", "json")
        mid = _message_id(raw)
        entry = next((m for m in json.loads(messages) if m["message_id"] == mid), None)
        if entry is None:
            return Observed((), (), (), "the fixture is not in the journal")
        bookings = tuple(
            Booking(p["email"], p["name"], p["status"], p["actor"], p["seminar"])
            for p in json.loads(participants)
        )
        outcomes = tuple((o["outcome"], o["participant"]) for o in entry["outcomes"])
        error = entry.get("error") if entry.get("state") == "failed" else None
        organiser = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["organiser"]["address"]
        return Observed(bookings, outcomes, _reply_languages(outbox, organiser), error)


# --------------------------------------------------------------------------- judging


def _key(email: str | None) -> str:
    return (email or "").casefold()


def _name(name: str) -> str:
    return " ".join(name.split()).casefold()


def _booking_reasons(case: Case, got: Observed, asked: bool) -> tuple[list[str], list[str]]:
    """(harmful, soft) differences between the expected and the observed participant lists."""
    harmful: list[str] = []
    soft: list[str] = []
    want = {_key(b.email): b for b in case.bookings}
    have = {_key(b.email): b for b in got.bookings}
    for k, b in have.items():
        if k not in want and b.status in BOOKED:
            harmful.append(f"booked {b.email} ({b.status}) who was not meant")
    for k, w in want.items():
        h = have.get(k)
        if h is None:
            if w.status == "cancelled":
                harmful.append(f"{w.email} is not in the list at all")
            elif asked:
                soft.append(f"{w.email} not booked (asked instead)")
            else:
                harmful.append(f"{w.email} silently missed: neither booked nor asked about")
            continue
        if h.status != w.status:
            if h.status == "cancelled":
                harmful.append(f"cancelled {w.email} who was not meant")
            elif w.status == "cancelled" and asked:
                soft.append(f"{w.email} not cancelled (asked instead)")
            elif w.status == "cancelled":
                harmful.append(f"{w.email} not cancelled, and nothing asked")
            else:
                harmful.append(f"{w.email} is {h.status}, expected {w.status}")
        if (h.actor, h.seminar) != (w.actor, w.seminar):
            harmful.append(
                f"{w.email} booked for {h.actor} / {h.seminar}, expected {w.actor} / {w.seminar}"
            )
        if _name(h.name) != _name(w.name):
            harmful.append(f"{w.email} named {h.name!r}, expected {w.name!r}")
    return harmful, soft


def _outcome_counter(outcomes: Iterable[tuple[str, str | None]]) -> Counter[tuple[str, str]]:
    # How a question is split into outcomes is the bot's business: count needs-info once.
    counter: Counter[tuple[str, str]] = Counter()
    for outcome, participant in outcomes:
        if outcome == "needs-info":
            counter[("needs-info", "")] = 1
        else:
            counter[(outcome, _key(participant))] += 1
    return counter


def classify(case: Case, got: Observed) -> Verdict:
    """Exact, asked or wrong, with the reasons; a pure function of the table and the result."""
    if got.error:
        return Verdict(case.name, case.form, "wrong", (f"failed: {got.error}",))
    asked = any(o in ASKING for o, _ in got.outcomes)
    harmful, soft = _booking_reasons(case, got, asked)
    want, have = _outcome_counter(case.outcomes), _outcome_counter(got.outcomes)
    for (outcome, who), n in (want - have).items():
        soft.append(
            f"expected outcome {outcome} {who or '(message)'}" + (f" x{n}" if n > 1 else "")
        )
    for (outcome, who), n in (have - want).items():
        line = f"unexpected outcome {outcome} {who or '(message)'}" + (f" x{n}" if n > 1 else "")
        if outcome == "cancelled" or (outcome in BOOKED and not any(who in h for h in harmful)):
            harmful.append(line)
        else:
            soft.append(line)
    if case.ask and not asked:
        harmful.append("no question where a human organiser would have to ask")
    if not case.ask and ("needs-info", "") in have and ("needs-info", "") not in want:
        soft.append("asked where the table expects no question")
    wrong_lang = sorted({lang for lang in got.reply_languages if lang and lang != case.language})
    if wrong_lang:
        soft.append(f"replied in {', '.join(wrong_lang)}, expected {case.language}")
    if not harmful and not soft:
        return Verdict(case.name, case.form, "exact", ())
    if not harmful and asked:
        return Verdict(case.name, case.form, "asked", tuple(soft))
    return Verdict(case.name, case.form, "wrong", tuple(harmful + soft))


def _judge_one(name: str) -> Verdict:
    cases = {c.name: c for c in load()}
    case = cases[name]
    return classify(case, run(case, cases))


def judge_all(names: Iterable[str] | None = None, processes: int | None = None) -> list[Verdict]:
    """Judge the named cases (all by default), in `processes` worker processes."""
    selected = list(names) if names is not None else [c.name for c in load()]
    workers = processes or min(4, os.cpu_count() or 1)
    if workers <= 1:
        return [_judge_one(n) for n in selected]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_judge_one, selected, chunksize=4))
