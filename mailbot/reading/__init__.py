"""Readers of the forms people write registrations in (SPEC §3).

Each reader is a small pure function from the author's text (lines, or rows of a table) to the
people it found there, each with the reader's name and the line it came from, so that one
chooser can apply the precision-first rule and the journal can say why someone was booked.
A reader returns what it is sure of as `found.Found` and what looks like a person but cannot be
read as `found.Unread`; none of them guesses, and none validates an address (that is done once,
later, with email-validator).

People:
- `key_blocks.key_blocks(lines)`: `Key: value` blocks (values on the next line, Förnamn +
  Efternamn, `Namn och titel`, phone lines ignored).
- `lists.list_items(lines)`: numbered and bulleted items, one person each.
- `lines.separated_lines(lines)`: one person per line between separators, several
  `Name <address>` on one line.
- `tables.table(rows, source)`: HTML tables, tab-separated rows and attached spreadsheets, by
  header or by content; `tables.tab_separated(lines)` for tables pasted as text.
- `prose.prose(lines)`: names next to addresses in sentences; whatever the readers above do not
  read is left to it.

What the words ask for, and who is writing:
- `intent`: signs of registering, the sender counted or excluded, cancellations, substitutions,
  dates asking for another seminar (§6), "för kännedom".
- `registering`: which sentences register and which are questions about something else (§3's
  signs read by the sentence, not the word: "Kommer det att finnas fika?" is none).
- `organisation.organisation_evidence(subject, lines, signature)`: organisations written in the
  message, strongest first, for shared domains (§4.3).

Shared by the readers: `addresses` (the one address pattern), `keys` (§3's key words and the
language they signal), `names` (names as written and their repairs), `person` (one person from a
short piece of text).
"""
