"""Personal data (GDPR): delete a seminar's participants, and gather all about one address.

The SQL side of `mailbot.privacy`: which rows name a person, and deleting them so that no byte is
left in the files (`secure_delete`, then `compact`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mailbot.store.database import Database, from_iso, iso
from mailbot.store.journal import Journal, purged_key
from mailbot.store.registrations import Registrations


@dataclass(frozen=True)
class _Found:
    """What a purge deletes: message ids (emptied to skeletons), outbox ids, address keys."""

    registrations: int
    messages: set[int]
    outbox: set[int]
    keys: set[str]


class PersonalData:
    """Purge and export over the whole database."""

    def __init__(self, db: Database, journal: Journal, registrations: Registrations) -> None:
        self.conn = db.conn
        self.transaction = db.transaction
        self._journal = journal
        self._registrations = registrations

    def purge_seminar(
        self,
        seminar: str,
        *,
        actors: Sequence[str],
        report_files: Sequence[str],
        keep: Sequence[str],
        marker: tuple[str, str, str] | None,
        now: dt.datetime,
    ) -> dict[str, int]:
        """Delete what is stored about one seminar's participants, in one transaction.

        Participants are the seminar's registrations (any status); with them go their
        registering senders' addresses. Messages about them — from the seminar's `actors`,
        sent by one of those addresses, naming a participant in an outcome, or holding a
        participant's address in their raw bytes — keep a skeleton row (time, size, actor,
        state, outcome kinds and rules) so the journal still counts them; their bytes, sender,
        subject, Message-ID, error text and outcome participants and reasons go. Outbox rows
        caused by those messages or addressed to or about those people go, and so does the
        seminar's deadline report (found by its attachment's file name, `report_files`) and every
        daily digest (each carries all seminars' lists). Alerts
        keyed by those addresses, held tokens, and reminder markers (keyed by address) go.
        Addresses in `keep` (the organiser, the bot) are never treated as a participant's.
        `marker`, when given, is recorded as done scheduled work (a retention purge runs once).

        Deleted bytes are overwritten (`secure_delete`); `compact()` then clears the WAL.
        """
        kept = {k.casefold() for k in keep}
        with self.transaction():
            found = self._about(seminar, actors, report_files, kept)
            counts = self._erase(seminar, found, actors)
            if marker is not None:
                self.conn.execute(
                    "INSERT OR IGNORE INTO scheduled (kind, seminar, key, done_at)"
                    " VALUES (?,?,?,?)",
                    (*marker, iso(now)),
                )
        return counts

    def _about(
        self, seminar: str, actors: Sequence[str], report_files: Sequence[str], kept: set[str]
    ) -> _Found:
        """What names one seminar's participants: the rows `purge_seminar` deletes or empties."""
        regs = self.conn.execute(
            "SELECT email_key, registered_by, message FROM registrations WHERE seminar = ?",
            (seminar,),
        ).fetchall()
        people = {r[0] for r in regs} - kept
        addresses = (people | {r[1].casefold() for r in regs}) - kept
        needles = [a.encode("utf-8") for a in people]
        ids = {int(r[2]) for r in regs if r[2] is not None}
        ids |= self._messages_about(people, addresses, actors, needles)
        reports = [f.encode("utf-8") for f in report_files]
        outbox: set[int] = set()
        for oid, source, to, cc, about, kind, raw in self.conn.execute(
            "SELECT id, source_message, to_json, cc_json, about_json, kind, raw FROM outbox"
        ):
            named = {a.casefold() for a in json.loads(to) + json.loads(cc) + json.loads(about)}
            data = bytes(raw)
            if (
                source in ids
                or named & addresses
                or (kind == "deadline-report" and any(f in data for f in reports))
                or kind == "digest"  # every seminar's list is attached to each digest
                or any(n in data.lower() for n in needles)
            ):
                outbox.add(int(oid))
        senders = {
            r[0].casefold()
            for r in self.conn.execute(
                "SELECT sender FROM messages WHERE sender IS NOT NULL AND id IN"
                " (SELECT value FROM json_each(?))",
                (json.dumps(sorted(ids)),),
            )
        } - kept
        return _Found(len(regs), ids, outbox, addresses | senders)

    def _messages_about(
        self, people: set[str], addresses: set[str], actors: Sequence[str], needles: list[bytes]
    ) -> set[int]:
        """Messages from the seminar's actors, sent by or naming one of its people."""
        ids: set[int] = set()
        if actors:
            marks = ",".join("?" * len(actors))
            ids |= {
                int(r[0])
                for r in self.conn.execute(
                    f"SELECT id FROM messages WHERE actor IN ({marks})", tuple(actors)
                )
            }
        for message, participant in self.conn.execute(
            "SELECT message, participant FROM outcomes WHERE participant IS NOT NULL"
        ):
            if participant.casefold() in people:
                ids.add(int(message))
        for message, sender in self.conn.execute(
            "SELECT id, sender FROM messages WHERE sender IS NOT NULL"
        ):
            if sender.casefold() in addresses:
                ids.add(int(message))
        if needles:
            for message, raw in self.conn.execute(
                "SELECT id, raw FROM messages WHERE raw IS NOT NULL"
            ):
                low = bytes(raw).lower()
                if any(n in low for n in needles):
                    ids.add(int(message))
        return ids

    def _erase(self, seminar: str, found: _Found, actors: Sequence[str]) -> dict[str, int]:
        """Delete the rows found, and empty the journal's skeleton rows of what names anyone."""
        id_list = json.dumps(sorted(found.messages))
        key_list = json.dumps(sorted(found.keys))
        counts = {
            "registrations": found.registrations,
            "messages": len(found.messages),
            "outbox": len(found.outbox),
        }
        self.conn.execute(
            "DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(found.outbox)),),
        )
        counts["held"] = self.conn.execute(
            "DELETE FROM held WHERE message IN (SELECT value FROM json_each(?))"
            " OR sender_key IN (SELECT value FROM json_each(?))",
            (id_list, key_list),
        ).rowcount
        self.conn.execute("DELETE FROM registrations WHERE seminar = ?", (seminar,))
        self.conn.execute(
            "UPDATE outcomes SET participant = NULL, reason = NULL"
            " WHERE message IN (SELECT value FROM json_each(?))",
            (id_list,),
        )
        self.conn.executemany(
            "UPDATE messages SET raw = NULL, sender = NULL, subject = NULL, message_id = NULL,"
            " error = NULL, message_key = ? WHERE id = ? AND message_key NOT LIKE 'purged:%'",
            [
                (purged_key(key), message)
                for message, key in self.conn.execute(
                    "SELECT id, message_key FROM messages"
                    " WHERE id IN (SELECT value FROM json_each(?))",
                    (id_list,),
                ).fetchall()
            ],
        )
        counts["alerts"] = self.conn.execute(
            "DELETE FROM alerts WHERE key IN (SELECT value FROM json_each(?))", (key_list,)
        ).rowcount
        counts["reminders"] = self.conn.execute(
            "DELETE FROM scheduled WHERE seminar = ? AND kind = 'reminder'", (seminar,)
        ).rowcount
        # The organiser's cases (§14) name participants and the sender who wrote about them; an
        # unclear organisation's (§4.3) also those of this seminar's actors it might have been.
        counts["cases"] = self.conn.execute(
            "DELETE FROM cases WHERE seminar = ? OR lower(sender) IN (SELECT value FROM"
            " json_each(?)) OR EXISTS (SELECT 1 FROM json_each(cases.participants_json) p"
            " WHERE lower(p.value) IN (SELECT value FROM json_each(?)))"
            " OR EXISTS (SELECT 1 FROM json_each(cases.details_json, '$.candidates') c"
            " WHERE c.value IN (SELECT value FROM json_each(?)))",
            (seminar, key_list, key_list, json.dumps(list(actors))),
        ).rowcount
        return counts

    def compact(self) -> bool:
        """Leave no deleted byte in the database files: copy the WAL into the database and
        truncate it, rebuild the database without free pages (its scratch copy in memory, not
        in a temp file), truncate the WAL again. False when a reader kept the WAL from being
        truncated (it is then cleared by the next checkpoint)."""
        first = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        self.conn.execute("PRAGMA temp_store = MEMORY")
        try:
            self.conn.execute("VACUUM")
        finally:
            self.conn.execute("PRAGMA temp_store = DEFAULT")
        second = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return not (first[0] or second[0])

    def person_data(self, email_key: str) -> dict[str, Any]:
        """Everything stored about one address (right of access): registrations, the journal
        entries that name it (as sender, in an outcome or in the subject of an organiser
        command), outbox rows to or about it (metadata and subject, not the bytes), held
        messages, alerts, reminder markers and the organiser's cases. Matching is
        case-insensitive."""
        key = email_key.casefold()
        registrations = [
            r
            for r in self._registrations.participants()
            if r.email_key == key or r.registered_by.casefold() == key
        ]
        journal = self._journal_of(key)
        outbox = self._outbox_of(key)
        held = [
            {
                "message": r[0],
                "held_at": from_iso(r[1]),
                "expires_at": from_iso(r[2]),
                "released_at": from_iso(r[3]),
                "token_mailed": bool(r[4]),
            }
            for r in self.conn.execute(
                "SELECT message, held_at, expires_at, released_at, token_hash IS NOT NULL"
                " FROM held WHERE sender_key = ? ORDER BY message",
                (key,),
            )
        ]
        alerts = [
            {"kind": r[0], "day": r[1]}
            for r in self.conn.execute(
                "SELECT kind, day FROM alerts WHERE key = ? ORDER BY day, kind", (key,)
            )
        ]
        reminders = [
            {"seminar": r[0], "key": r[1], "done_at": from_iso(r[2])}
            for r in self.conn.execute(
                "SELECT seminar, key, done_at FROM scheduled WHERE kind = 'reminder'"
                " AND key LIKE ? ESCAPE '\\' ORDER BY done_at",
                (_like_prefix(key) + ":%",),
            )
        ]
        cases = [
            {"kind": r[0], "seminar": r[1], "opened_at": r[2], "settled": r[3]}
            for r in self.conn.execute(
                "SELECT kind, seminar, opened_at, settled FROM cases WHERE lower(sender) = ?"
                " OR EXISTS (SELECT 1 FROM json_each(cases.participants_json) p"
                " WHERE lower(p.value) = ?) ORDER BY opened_at",
                (key, key),
            )
        ]
        return {
            "registrations": registrations,
            "messages": journal,
            "outbox": outbox,
            "held": held,
            "alerts": alerts,
            "reminders": reminders,
            "cases": cases,  # what waited or waits for the organiser about them (§14)
        }

    def _journal_of(self, key: str) -> list[dict[str, Any]]:
        """Journal entries naming `key` (sender, outcome, an organiser command's subject), with
        only the outcomes about `key` or about no one."""
        mentioned: set[int] = set()
        for message, participant in self.conn.execute(
            "SELECT message, participant FROM outcomes WHERE participant IS NOT NULL"
        ):
            if participant.casefold() == key:
                mentioned.add(int(message))
        for message, sender, subject in self.conn.execute(
            "SELECT id, sender, subject FROM messages"
        ):
            if (sender or "").casefold() == key or key in (subject or "").casefold():
                mentioned.add(int(message))
        return [
            {
                **{k: e[k] for k in ("id", "message_id", "sender", "subject", "received_at")},
                **{k: e[k] for k in ("state", "actor", "size")},
                "outcomes": [
                    o
                    for o in e["outcomes"]
                    if o["participant"] is None or o["participant"].casefold() == key
                ],
            }
            for e in self._journal.entries()
            if e["id"] in mentioned
        ]

    def _outbox_of(self, key: str) -> list[dict[str, Any]]:
        """Outbox rows to or about `key`: metadata and subject, not the bytes."""
        outbox = []
        for row in self.conn.execute(
            "SELECT id, message_id, kind, source_message, to_json, cc_json, about_json, subject,"
            " status, created_at, sent_at, attempts, last_error FROM outbox ORDER BY id"
        ):
            to, cc, about = json.loads(row[4]), json.loads(row[5]), json.loads(row[6])
            if key in {a.casefold() for a in to + cc + about}:
                outbox.append(
                    {
                        "id": row[0],
                        "message_id": row[1],
                        "kind": row[2],
                        "source_message": row[3],
                        "to": to,
                        "cc": cc,
                        "about": about,
                        "subject": row[7],
                        "status": row[8],
                        "created_at": from_iso(row[9]),
                        "sent_at": from_iso(row[10]),
                        "attempts": row[11],
                        "last_error": row[12],
                    }
                )
        return outbox


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
