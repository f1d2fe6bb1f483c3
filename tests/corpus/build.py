"""Writes the registration corpus: the `.eml` fixtures, their attachments and `expected.toml`.

Run `python tests/corpus/build.py` from the repository root (needs XlsxWriter, in the `test`
extra). The output is deterministic: the same source writes the same bytes, so a diff of the
fixtures shows exactly what a change to a case did. Each case (in the `cases_*.py` modules)
says what its author typed, which client sent it, and what a careful human organiser expects
afterwards; this module turns that into files.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import cases_adversary  # noqa: E402
import cases_attachments  # noqa: E402
import cases_blind  # noqa: E402
import cases_blind2  # noqa: E402
import cases_changes  # noqa: E402
import cases_fixA  # noqa: E402
import cases_fixB  # noqa: E402
import cases_fixC  # noqa: E402
import cases_fixD  # noqa: E402
import cases_fresh  # noqa: E402
import cases_gaps3  # noqa: E402
import cases_keyblocks  # noqa: E402
import cases_keys  # noqa: E402
import cases_lines  # noqa: E402
import cases_lists  # noqa: E402
import cases_organisations  # noqa: E402
import cases_people  # noqa: E402
import cases_questions  # noqa: E402
import cases_tables  # noqa: E402
import cases_threads  # noqa: E402
import cases_wording  # noqa: E402
import clients  # noqa: E402
from expect import Case  # noqa: E402

FIXTURES = HERE / "fixtures"


def render(case: Case) -> bytes:
    kind, _, variant = case.client.partition(":")
    if kind == "outlook":
        if variant == "html-only":
            return clients.outlook(case.mail, html_only=True)
        if variant == "plain-text":
            return clients.outlook(case.mail, typed=True)
        if variant == "meeting-response":
            return clients.outlook_meeting_response(case.mail, case.extra["ics"])
        if variant == "read-receipt":
            return clients.read_receipt(case.mail, case.extra["read_by"])
        return clients.outlook(case.mail, charset=variant or "windows-1252")
    if kind == "owa":
        return clients.owa(case.mail)
    if kind == "gmail":
        return clients.gmail(case.mail)
    if kind == "apple":
        return clients.apple(case.mail)
    if kind == "iphone":
        return clients.apple(case.mail, iphone=True)
    if kind == "thunderbird":
        return clients.thunderbird(case.mail)
    if kind == "webmail":
        return clients.html_br(case.mail)
    raise ValueError(f"unknown client {case.client}")


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _inline(d: dict[str, str | None]) -> str:
    return (
        "{ "
        + ", ".join(
            f"{k} = {_toml_str(v) if v is not None else _toml_str('')}" for k, v in d.items()
        )
        + " }"
    )


def expected_toml(cases: list[Case]) -> str:
    out = [
        "# What a careful human organiser expects of each fixture in fixtures/ (written by build.py).",
        "# See README.md for the format; judge.py reads it.",
        "",
    ]
    for c in cases:
        lang = c.mail.lang
        out += [
            "[[case]]",
            f"name = {_toml_str(c.name)}",
            f"client = {_toml_str(c.client)}",
            f"form = {_toml_str(c.form)}",
            f"language = {_toml_str(lang)}",
            f"received = {_toml_str(c.arrived())}",
            f"setup = [{', '.join(_toml_str(s) for s in c.setup)}]",
            f"ask = {'true' if c.ask else 'false'}",
        ]
        if c.reply_to:
            out.append(f"reply_to = {_toml_str(c.reply_to)}")
        if c.note:
            out.append(f"note = {_toml_str(c.note)}")
        out.append("outcomes = [")
        out += [f"  {_inline({'outcome': o, 'participant': p})}," for o, p in c.outcomes]
        out.append("]")
        out.append("bookings = [")
        out += [f"  {_inline(dict(bk.row()))}," for bk in c.bookings]
        out += ["]", ""]
    return "\n".join(out)


def all_cases() -> list[Case]:
    cases = [
        *cases_keyblocks.CASES,
        *cases_keys.CASES,
        *cases_lists.CASES,
        *cases_lines.CASES,
        *cases_tables.CASES,
        *cases_attachments.CASES,
        *cases_people.CASES,
        *cases_questions.CASES,
        *cases_threads.CASES,
        *cases_changes.CASES,
        *cases_organisations.CASES,
        *cases_wording.CASES,
        *cases_fresh.CASES,
        *cases_adversary.CASES,
        *cases_gaps3.CASES,
        *cases_blind.CASES,
        *cases_fixA.CASES,
        *cases_fixB.CASES,
        *cases_blind2.CASES,
        *cases_fixC.CASES,
        *cases_fixD.CASES,
    ]
    names = [c.name for c in cases]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise SystemExit(f"duplicate case names: {sorted(dupes)}")
    known = set(names)
    for c in cases:
        for s in c.setup:
            if s not in known:
                raise SystemExit(f"{c.name}: unknown setup {s}")
    return cases


def main() -> None:
    cases = all_cases()
    FIXTURES.mkdir(exist_ok=True)
    for old in FIXTURES.iterdir():
        old.unlink()
    for c in cases:
        (FIXTURES / f"{c.name}.eml").write_bytes(render(c))
        for a in c.mail.attachments:
            if a.filename.endswith((".xlsx", ".csv")):
                (FIXTURES / f"{c.name}--{a.filename}").write_bytes(a.data)
    (HERE / "expected.toml").write_text(expected_toml(cases), encoding="utf-8")
    print(f"{len(cases)} fixtures written to {FIXTURES}")


if __name__ == "__main__":
    main()
