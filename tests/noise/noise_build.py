"""Writes the "not a registration" corpus: `messages/*.eml`, `seed/*.eml` and `expected.toml`.

Run `python tests/noise/noise_build.py` from the repository root; the output is deterministic (a fixed
seed), so running it again changes no file. The files it writes are committed: the test reads
them and does not run this script.

seed/ holds three tidy registrations processed first, so that the bounces of someone else's mail
can name addresses the bot has booked and mailed, and the test can see that none is marked.
"""

from __future__ import annotations

import dataclasses
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import automated  # noqa: E402
import calendar_mail  # noqa: E402
import human  # noqa: E402
import reports  # noqa: E402
import spam  # noqa: E402
from noise_mime import BOT, Ids, Noise, addr, auth_results, enc, raw, received  # noqa: E402
from noise_people import INVITED, People  # noqa: E402

SEED = [
    ("Maria Öberg", "maria.oberg@huddinge.se", "Socialsekreterare", ""),
    ("Ahmed Ali", "ahmed.ali@stockholm.se", "Fältassistent", "Rinkeby-Kista stadsdelsförvaltning"),
    ("Lars Björk", "lars.bjork@regionstockholm.se", "Samordnare", ""),
]


def seed_messages(ids: Ids) -> dict[str, bytes]:
    """Tidy key-block registrations, each from the participant themself."""
    out = {}
    for n, (name, address, title, org) in enumerate(SEED, 1):
        domain = address.partition("@")[2]
        body = f"Hej,\n\nJag anmäler mig till seminariet.\n\nNamn: {name}\nE-post: {address}\nBefattning: {title}\n"
        body += f"Organisation: {org}\n" if org else ""
        headers = [
            received(ids, f"mail.{domain}", "203.0.113.5"),
            auth_results(domain, passed=True),
            ("From", addr(name, address)),
            ("To", BOT),
            ("Subject", enc("Anmälan till seminariet")),
            ("Date", "Mon, 29 Aug 2022 09:00:00 +0200"),
            ("Message-ID", f"<seed-{n}@{domain}>"),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Transfer-Encoding", "8bit"),
        ]
        out[f"{n:02d}-seed-registration.eml"] = raw(headers, body)
    return out


def is_invited(address: str) -> bool:
    """The sender's domain or a parent of it is an invited actor's (SPEC §4 step 2)."""
    domain = address.rpartition("@")[2].lower()
    return any(domain == d or domain.endswith("." + d) for d, _, _ in INVITED) or domain == "sll.se"


def corpus() -> list[Noise]:
    ids, people = Ids(20220914), People(914)
    seeded = [address for _, address, _, _ in SEED]
    groups = [
        automated.newsletters(ids, people),
        automated.notices(ids, people),
        reports.bounces(ids, people, seeded),
        automated.out_of_office(ids, people),
        automated.mailing_lists(ids, people),
        reports.read_receipts(ids, people),
        spam.spam(ids, people),
        human.test_mails(ids, people),
        human.encrypted(ids, people),
        human.mime_tests(ids, people),
        calendar_mail.calendar(ids, people),
        human.questions(ids, people),
        human.thanks(ids, people),
        human.meetings(ids, people),
        calendar_mail.attachments_only(ids, people),
        # written later (issue 9): after the others, so their files keep their numbers
        human.questions_registering_words(ids, people),
        human.encrypted_with_registering_subject(ids, people),
        human.questions_cancelling(ids, people),
    ]
    out: list[Noise] = []
    for group in groups:
        for item in group:
            n = len(out) + 1
            out.append(
                dataclasses.replace(
                    item,
                    name=f"{n:03d}-{item.kind}-{item.name}",
                    invited=is_invited(item.sender) if not item.forged else True,
                )
            )
    return out


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def expected_toml(items: list[Noise]) -> str:
    lines = [
        "# What a careful organiser expects of each message in messages/ (written by noise_build.py).",
        "# outcomes: the accepted outcomes of the whole message (never a booking);",
        "# rule: the one rule the SPEC names, where it names one; automated: no reply to anyone;",
        "# forged: the From is not the author's; trusted_pass: the organiser's MX vouches for",
        "# the From domain (with trusted_authserv_ids set, all others are ignored, unauthenticated);",
        "# bounce: a delivery report of mail the bot did not send (marks no one as bouncing).",
        "",
    ]
    for item in items:
        lines += [
            "[[message]]",
            f"file = {toml_string(item.name + '.eml')}",
            f"kind = {toml_string(item.kind)}",
            f"sender = {toml_string(item.sender)}",
            f"invited = {str(item.invited).lower()}",
            f"automated = {str(item.automated).lower()}",
            f"outcomes = [{', '.join(toml_string(o) for o in item.outcomes)}]",
            *([f"rule = {toml_string(item.rule)}"] if item.rule else []),
            f"forged = {str(item.forged).lower()}",
            f"trusted_pass = {str(item.trusted_pass).lower()}",
            f"bounce = {str(item.bounce).lower()}",
            f"imitates = {toml_string(item.imitates)}",
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    items = corpus()
    for folder in ("messages", "seed"):
        shutil.rmtree(HERE / folder, ignore_errors=True)
        (HERE / folder).mkdir()
    for item in items:
        (HERE / "messages" / f"{item.name}.eml").write_bytes(item.raw)
    for name, data in seed_messages(Ids(1)).items():
        (HERE / "seed" / name).write_bytes(data)
    (HERE / "expected.toml").write_text(expected_toml(items), encoding="utf-8")
    kinds: dict[str, int] = {}
    for item in items:
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
    print(f"{len(items)} messages: " + ", ".join(f"{k} {v}" for k, v in kinds.items()))


if __name__ == "__main__":
    main()
