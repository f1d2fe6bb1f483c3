"""What one message's text says, read by every reader at once (SPEC §3, §4.3, §6, §10).

Why one place: the readers each know one form, `split` knows whose text is whose, and the
chooser knows which reading wins; putting them together in one order, once, is what makes "the
same person found by two readers is booked once" and "only the author's own text names
participants" true for every message. Pure: rendered lines and attached bytes in, values out.

Order: the body is split into the author's text, signature, disclaimer, quote and forward
(`split`, given the sender so their own closing block is known); the author's HTML tables are
read as tables and their tab-joined lines taken out of the text, so no row is read twice; then
key blocks, tables, tab-separated runs, lists, separated lines, prose and attached spreadsheets,
and the chooser. A forwarded mail's own author text is read the same way, for the decision to
use when §3's forward rule applies.

Which "for information" rule: `attachments.is_to_be_read` (one named attachment, and a sentence
that points to another list still lets it be read), not `intent.for_information_only` (the whole
mail), because "Anmäler enligt bifogad lista. Inbjudan för kännedom till chefen." must still
read the list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from mailbot.reading import attachments, doubts, intent, registering, swaps, tables
from mailbot.reading.addresses import locate
from mailbot.reading.choose import Chosen, choose
from mailbot.reading.date_requests import DateRequest, date_requests
from mailbot.reading.found import OTHERS_UNNAMED, Found, Unread
from mailbot.reading.html import Rendered
from mailbot.reading.key_blocks import key_blocks
from mailbot.reading.keys import key_line
from mailbot.reading.lines import separated_lines
from mailbot.reading.lists import list_items
from mailbot.reading.organisation import organisation_evidence
from mailbot.reading.prose import prose
from mailbot.reading.reasons import reason
from mailbot.reading.seat_condition import seat_condition
from mailbot.reading.split import Forwarded, split

MAX_ATTACHMENTS: Final = 10  # files looked at in one message; the rest are not read
# The text read for people, at most: no one writes a registration longer than this, and some
# readers' phrases cost more than linear time on one endless sentence. What is cut is asked
# about, never silently dropped.
MAX_LINES: Final = 2000
MAX_CHARS: Final = 100_000


@dataclass(frozen=True)
class File:
    """An attached file as sent (decoded from base64 or quoted-printable)."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class People:
    """Whom one author's text names: the chosen people, the questions, and whether the text
    holds a list, a table or an attached list at all (then no one read is no self-registration)."""

    people: tuple[Found, ...] = ()
    unread: tuple[Unread, ...] = ()
    names_people: bool = False
    sender_counted: str | None = None
    sender_excluded: str | None = None
    registering: bool = False
    we_come: str | None = None  # "Vi kommer gärna", and no one named: the writer is one of "vi"


@dataclass(frozen=True)
class ForwardedPart:
    """A forwarded mail: who wrote it (the From line as written) and whom its text names."""

    sender: str | None
    subject: str | None
    people: People


@dataclass(frozen=True)
class Text:
    """Everything the decision needs from one message's text."""

    author: tuple[str, ...]
    signature: tuple[str, ...]
    people: People
    refused: tuple[attachments.Refused, ...] = ()
    cancellations: tuple[intent.Cancellation, ...] = ()
    substitutions: tuple[intent.Substitution, ...] = ()
    date_requests: tuple[DateRequest, ...] = ()
    organisation_keys: tuple[str, ...] = ()  # written as keys (`Organisation: …`)
    opening: str | None = None  # the first sentence, with its greeting
    points_below: bool = False
    forwarded: ForwardedPart | None = None
    seat_condition: str | None = None  # "Anmäl mig om det finns plats kvar" (no waitlist)


def read_text(
    body: Rendered,
    subject: str,
    *,
    sender_name: str | None,
    sender_address: str | None,
    files: Sequence[File] = (),
) -> Text:
    """The author's text of `body` and what it says; `files` are the message's attachments."""
    lines, cut = _bounded(body.lines)
    parts = split(
        lines,
        quote_start=body.quote_start,
        subject=subject,
        sender_name=sender_name,
        sender_address=sender_address,
    )
    author = list(parts.author)
    own_tables = _own_tables(body, author)
    text = "\n".join([subject, *author])
    sheets, refused, not_read = _sheets(files, text)
    people = _people(subject, author, own_tables, sheets)
    if not_read and not (sheets or refused):
        refused = _list_not_read(not_read, text, people)
    if cut is not None:
        why = reason("text-too-long", lines=len(lines))
        people = replace(people, unread=(*people.unread, Unread("prose", cut, why)))
    # A reply's or a forward's subject is someone else's (the invitation's, with all its
    # dates): it says nothing of the date the author asks for, nor of whom they work for.
    own_subject = subject_of_author(subject)
    # A key's value is data ("Övrigt: cancel if full"), not a request; `Ersätter:` is read
    # with its block.
    phrases = ["" if key_line(line) else line for line in author]
    return Text(
        author=parts.author,
        signature=parts.signature,
        people=people,
        refused=refused,
        cancellations=intent.cancellations(subject, phrases),
        substitutions=intent.substitutions(subject, phrases, sender_address),
        opening=_opening(intent.units(phrases)),
        date_requests=date_requests(own_subject, author),
        organisation_keys=tuple(
            keyed.value
            for line in author
            if (keyed := key_line(line)) is not None
            and keyed.key.field == "organisation"
            and keyed.value
        ),
        points_below=any(_BELOW.search(line) for line in author),
        forwarded=_forwarded(parts.forwarded),
        seat_condition=seat_condition(phrases),
    )


_NOT_OWN_SUBJECT: Final = re.compile(
    r"^\s*(?:re|sv|aw|vs|ant|antw|fwd?|vb|wg|tr)\s*:", re.IGNORECASE
)
_BELOW: Final = re.compile(
    r"\b(?=[abens])(?:(?:se|enligt|nedan|nedanstående|nedanst|below|see below|as follows)\b"
    r".{0,20}\b(?:nedan|below)\b|nedan\b|below\b)",
    re.IGNORECASE,
)


_GREETING: Final = re.compile(
    r"(?:hej|hejsan|hallå|hello|hi|hey|dear|tjena|tja|goddag|god (?:morgon|middag|eftermiddag"
    r"|kväll|dag)|good (?:morning|afternoon|evening|day))\b[^.?]{0,30}$",
    re.IGNORECASE,
)


def subject_of_author(subject: str) -> str:
    """The subject as the author's own words: "" for a reply's or a forward's, which is
    someone else's (the invitation's, with all its dates and its organiser)."""
    return "" if _NOT_OWN_SUBJECT.match(subject) else subject


def organisations_written(
    subject: str, author: Sequence[str], signature: Sequence[str], sender_name: str | None
) -> tuple[str, ...]:
    """§4.3's evidence, strongest first; asked for only when the sender's domain is shared
    (it is the costliest reading of a mail, and most senders need none)."""
    found = organisation_evidence(subject_of_author(subject), author, signature, sender_name)
    return tuple(e.text for e in found)


def _bounded(lines: Sequence[str]) -> tuple[Sequence[str], str | None]:
    """At most MAX_LINES lines and MAX_CHARS characters, and the first line cut, if any."""
    total = 0
    for index, line in enumerate(lines[:MAX_LINES]):
        total += len(line) + 1
        if total > MAX_CHARS:
            return lines[:index], line[:200]
    if len(lines) > MAX_LINES:
        return lines[:MAX_LINES], lines[MAX_LINES][:200]
    return lines, None


def _opening(units: Sequence[str]) -> str | None:
    """The first sentence that says something: a greeting alone ("Hej Therese,") is not it."""
    for unit in units[:2]:
        if not _GREETING.match(unit.strip()):
            return unit
    return None


# Why a person named beside a change that may not happen is asked about, not booked.
DOUBTED: Final = reason("doubted")


def doubted_asked(read: list[Found | Unread], doubted: Sequence[str]) -> list[Found | Unread]:
    """ "Om jag blir sjuk tar Jon Berg (jon.berg@…) min plats": Jon is not booked now, he is
    asked about; the sentence was dropped from the swaps (`doubts`), not his address."""
    if not doubted:
        return read
    return [
        Unread(r.source, r.line, DOUBTED, name=r.name, email=r.email)
        if isinstance(r, Found) and any(r.line in u or u in r.line for u in doubted)
        else r
        for r in read
    ]


def _people(
    subject: str,
    author: list[str],
    own_tables: Sequence[Sequence[Sequence[str]]],
    sheets: Sequence[Sequence[Sequence[str]]],
) -> People:
    read, chosen, registers = _read_people(subject, author, own_tables, sheets)
    in_subject = _written_in_subject(subject)
    if in_subject and not (chosen.people or chosen.unread or own_tables or sheets):
        # The subject is read only when the text itself names no one (a registration written
        # in the subject alone); beside a text that names people it is a title.
        author = [*in_subject, *author]
        read, chosen, registers = _read_people(subject, author, own_tables, sheets)
    unread = chosen.unread
    we = None
    if not (chosen.people or unread or own_tables or sheets):
        # "Kan jag anmäla mig och en kollega?": the sender may count, the colleague is asked
        # for; "Vi kommer gärna" counts the writer (`decide.who`) and asks who "vi" are
        said = intent.we_come(author)
        # "Vi är två till … som vill komma. Hur gör vi?": asked who, the writer not counted
        we = None if said is not None and intent.asks_how_after(author, said) else said
        unnamed = next((u for u in intent.units(author) if registering.others_unnamed(u)), said)
        if unnamed is not None:
            unread = (Unread("prose", unnamed, OTHERS_UNNAMED),)
    return People(
        people=chosen.people,
        unread=unread,
        names_people=bool(read) or bool(own_tables) or bool(sheets),
        sender_counted=intent.sender_counted(author),
        sender_excluded=intent.sender_excluded(author),
        registering=registers,
        we_come=we,
    )


def _read_people(
    subject: str,
    author: list[str],
    own_tables: Sequence[Sequence[Sequence[str]]],
    sheets: Sequence[Sequence[Sequence[str]]],
) -> tuple[list[Found | Unread], Chosen, bool]:
    """Everyone each reader finds in the author's text, tables and sheets, what `choose`
    keeps of them, and whether the text registers anyone."""
    read: list[Found | Unread] = list(key_blocks(author))
    for rows in own_tables:
        read.extend(tables.table(rows))
    read.extend(tables.tab_separated(author))
    read.extend(list_items(author))
    # A sentence that asks about something else names no participant ("Kan Anna Berg,
    # anna.berg@…, vara moderator?"): the organiser answers it (`registering`).
    read.extend(r for r in separated_lines(author) if not registering.plain_question(r.line))
    registers = intent.signs_of_registering(_subject_said(subject), author)
    read.extend(
        r
        for r in prose(author)
        if not registering.plain_question(r.line) and registered_in_prose(r, registers, author)
    )
    read = doubted_asked(read, intent.doubted(author))
    for rows in sheets:
        read.extend(tables.table(rows, source="attachment"))
    chosen: Chosen = choose(r for r in read if not _data_line(r))
    return read, chosen, registers


def _written_in_subject(subject: str) -> list[str]:
    """The subject as a line of the author's text when it names someone with an address
    ("Anmälan: Sara Lind, sara.lind@haninge.se" over an empty body or "Skickat från min
    iPhone"): what the author wrote there is as much theirs as the body, and SPEC §3 counts the
    sender only when no one else is named. Not a reply's or a forward's subject (someone
    else's words), nor an auto-reply's; a subject without an address is read as a title."""
    own = _subject_said(subject_of_author(subject))
    return [own, ""] if own.strip() and locate(own) else []


# Words after which a person in a sentence is registered or swapped, not merely mentioned.
_REGISTERED: Final = re.compile(
    r"\b(?:anmäl\w*|registrer\w*|register\w*|sign(?:ing)? up|enrol\w*|i stället|istället"
    r"|instead|ersätt(?:er|s|a|ande)\b|replac\w*|i (?:mitt|hennes|hans) ställe|tar (?:min|hennes"
    r"|hans) plats|in (?:my|her|his) place|takes? (?:my|her|his) place"
    # the person comes: "Från oss kommer Elin Sjögren (…)", "Per Nord deltar också"
    r"|(?:kommer|komma|deltar|delta|deltaga|närvarar|medverkar)\b(?!\s+(?:att|ihåg|överens"
    r"|tillbaka)\b)|(?:attends?|attending|coming|joins?|joining)\b)",
    re.IGNORECASE,
)
# A role a person in a sentence is given that is no seat: whom to contact or call, in the
# writer's absence or with questions ("Vid brådskande ärenden kontakta min kollega Per Nord, …").
# Titles (ansvarig, assistent, ersättare) are no such role: "Jag anmäler vår ansvarige Per …".
_OTHER_ROLE: Final = re.compile(
    r"\b(?:kontakta\w*|kontaktperson\w*|kontakt\b|contact\w*|vid frågor|frågor\b|questions\b"
    r"|frånvar\w*|in my absence|while I(?:'m| am) away|brådskande|urgent\w*|nås\b|reach\b"
    r"|vänd (?:dig|er) till|hänvisa\w*|refer\w*|ring (?:till )?(?:min|mig|oss|vår|henne|honom)\b"
    r"|call (?:me|my|our|her|him)\b)",
    re.IGNORECASE,
)


def registered_in_prose(
    read: Found | Unread, text_registers: bool, author: Sequence[str] = ()
) -> bool:
    """SPEC §3: a person written in a sentence is a participant only when the text registers
    them: the sentence registers (or swaps) someone, or the mail as a whole is a registration,
    and the sentence does not give the person another role ("kontakta min kollega Per Nord",
    "vid frågor: …"). An out-of-office that names a colleague for urgent matters, a thank-you
    whose closing names a deputy, register no one. When the address was read from a later
    sentence ("… Per Nord kommer i stället för henne. Hans adress är …"), the lines of
    `author` that write the name are asked too."""
    lines = [read.line]
    if read.name and read.name not in read.line:
        lines.extend(line for line in author if read.name in line)
    return any(_registers_in(read, line, text_registers) for line in lines)


def _registers_in(read: Found | Unread, line: str, text_registers: bool) -> bool:
    at = min((line.find(w) for w in (read.name, read.email) if w and w in line), default=-1)
    at = len(line) if at < 0 else at
    role = max((m.end() for m in _OTHER_ROLE.finditer(line, 0, at)), default=None)
    if role is not None and not _REGISTERED.search(line, role, at):
        return False
    if text_registers or registering.sign_in(line) or _REGISTERED.search(line):
        return True
    return swaps.is_substitution(line) or doubts.SPLIT_SWAP.search(line) is not None


# An auto-reply's subject ("Autosvar: …", "Automatic reply: …", "Frånvaromeddelande"): the rest
# is the subject of the mail it answers (often the invitation's, "anmälan" and all), not a
# word of its writer's.
AUTO_REPLY_SUBJECT: Final = re.compile(
    r"^\s*(?:autosvar|automatiskt svar|automatic reply|auto[- ]?reply|autoresponse|out of (?:the )?"
    r"office(?: reply| autoreply| notification)?|frånvaro(?:meddelande|besked)?|frånvarande"
    r"|abwesenheitsnotiz|automatische antwort|réponse automatique|absence)\s*(?::|$)",
    re.IGNORECASE,
)


def _subject_said(subject: str) -> str:
    return "" if AUTO_REPLY_SUBJECT.match(subject) else subject


# `Bcc: x@y.se`, `Kontakt: x@y.se` alone on a line: data under a key no reader knows, no person.
_KEYED_ADDRESS: Final = re.compile(r"\s*[^\W\d_][\w-]{0,20}\s*:\s*\S+@\S+\s*")


def _data_line(read: Found | Unread) -> bool:
    return (
        isinstance(read, Unread) and read.name is None and bool(_KEYED_ADDRESS.fullmatch(read.line))
    )


def _own_tables(body: Rendered, author: list[str]) -> list[tuple[tuple[str, ...], ...]]:
    """The HTML tables that stand in the author's text; their lines are blanked in `author`
    (in place) so the tab-separated reader does not read them a second time."""
    found: list[tuple[tuple[str, ...], ...]] = []
    for table in body.tables:
        rows = [line.strip() for line in body.lines[table.line : table.end] if line.strip()]
        positions = [i for i, line in enumerate(author) if line in rows]
        if rows and len(positions) >= len(set(rows)):
            found.append(tuple(tuple(row) for row in table.rows))
            for i in positions:
                author[i] = ""
    return found


def _sheets(
    files: Sequence[File], text: str
) -> tuple[list[tuple[tuple[str, ...], ...]], tuple[attachments.Refused, ...], tuple[File, ...]]:
    """The attached spreadsheets' rows, the spreadsheets refused, and the other files (a PDF,
    a Word file, a photo) that no reader reads, unless the text calls them for information."""
    sheets: list[tuple[tuple[str, ...], ...]] = []
    refused: list[attachments.Refused] = []
    others: list[File] = []
    for file in files[:MAX_ATTACHMENTS]:
        if not attachments.is_to_be_read(file.filename, file.content_type, text):
            kind = attachments.spreadsheet_kind(file.filename, file.content_type)
            if kind is None and not attachments.is_for_information(file.filename, text):
                others.append(file)
            continue
        read = attachments.read_spreadsheet(
            file.filename, file.data, content_type=file.content_type
        )
        if isinstance(read, attachments.Refused):
            refused.append(read)
        else:
            sheets.extend(sheet.rows for sheet in read)
    return sheets, tuple(refused), tuple(others)


def _list_not_read(
    files: Sequence[File], text: str, people: People
) -> tuple[attachments.Refused, ...]:
    """SPEC §3: "Bifogar anmälan för våra deltagare" over a Word file, a PDF or a photo holds an
    attached list that cannot be read: a question (the reply says so and how to write the
    people), never a self-registration of the sender. A file the text does not call the list
    (the agenda, a logo, a vCard beside "Jag anmäler mig") is no one's list."""
    read_any = bool(people.people or people.unread)
    if not attachments.points_to_attached_list(text, people_read=read_any):
        return ()
    return tuple(attachments.unread_list(f.filename, f.content_type) for f in files)


def _forwarded(forwarded: Forwarded | None) -> ForwardedPart | None:
    if forwarded is None:
        return None
    subject = forwarded.subject or ""
    author = list(forwarded.author)
    return ForwardedPart(forwarded.sender, forwarded.subject, _people(subject, author, (), ()))
