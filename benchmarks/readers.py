"""Cost of each text reader (mailbot/reading) on typical author texts, in microseconds.

    python benchmarks/readers.py [--n 2000]

Each reader is a pure function of the author's lines; the target (issue 9) is well under 1 ms a
reader on a typical mail. The texts are what the quote/signature splitter leaves of real-looking
mails: a numbered list from Outlook, a `Key: value` form, a mail with prose, a table pasted as
tab-separated rows, and an English mail with `Name <address>` lines.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence

from mailbot.reading import addresses, date_requests, intent, keys, names, person
from mailbot.reading.key_blocks import key_blocks
from mailbot.reading.lines import separated_lines
from mailbot.reading.lists import list_items
from mailbot.reading.organisation import organisation_evidence
from mailbot.reading.prose import prose
from mailbot.reading.tables import tab_separated

SUBJECT = "SV: Anmälan till seminariet Våld i nära relationer – Rinkeby-Kista stadsdelsförvaltning"
TEXTS = {
    "list": """Hej!

Jag anmäler följande medarbetare till seminariet den 14 september:

1. Anna Svensson, socialsekreterare, anna.svensson@stockholm.se
2. Per Persson (per.persson@stockholm.se), enhetschef
3. Lisa Berg – kurator – lisa.berg@stockholm.se
4. Omar Ali
   omar.ali@stockholm.se

Själv kan jag tyvärr inte komma.

Med vänliga hälsningar
Kim Berg""",
    "key-block": """Hej,

Namn: Anna Svensson
E-post: anna.svensson@lund.se
Befattning: kurator
Telefon: 046-123 45 67

Förnamn: Per
Efternamn: Persson
Mailadress:
per.persson@lund.se

Tack på förhand!""",
    "prose": """Hej!

Jag vill anmäla mig själv och min kollega Kalle Karlsson (kalle.karlsson@lund.se) till
seminariet. Lisa Berg kan tyvärr inte komma, Omar Ali går i stället: omar.ali@lund.se.
Vi vill hellre komma den 19 maj om det går. Vi är från lokalpolisområde Järva.

Hälsningar
Kim""",
    "table": """Hej, här är våra deltagare:

Namn\tBefattning\tE-post\tTelefon
Anna Svensson\tkurator\tanna.svensson@malmo.se\t040-11
Per Persson\tchef\tper.persson@malmo.se\t040-12
Lisa Berg\tsocionom\tlisa.berg@malmo.se\t040-13

Mvh Kim""",
    "english": """Dear organiser,

Please register the following colleagues:
Jane Doe <jane.doe@example.org>; John Smith <john.smith@example.org>
"Svensson, Anna" <anna.svensson@example.org>

I can't attend myself.

Best regards,
Kim""",
}

READERS: dict[str, Callable[[Sequence[str]], object]] = {
    "key_blocks": key_blocks,
    "list_items": list_items,
    "separated_lines": separated_lines,
    "tab_separated": tab_separated,
    "prose": prose,
    "intent (all)": lambda lines: (
        intent.signs_of_registering(SUBJECT, lines),
        intent.sender_counted(lines),
        intent.sender_excluded(lines),
        intent.we_come(lines),
        intent.cancellations(SUBJECT, lines),
        intent.substitutions(SUBJECT, lines),
        date_requests.date_requests(SUBJECT, lines),
        intent.for_information_only(SUBJECT, lines),
    ),
    "organisation": lambda lines: organisation_evidence(SUBJECT, lines, lines[-2:]),
}


# The readers keep answers about the lines of a mail for the next reader (lru_cache); they are
# emptied before every call here, so each figure is the cost of a mail seen for the first time.
CACHES = (
    addresses._located,
    keys.key_line,
    names.is_name_word,
    names._folded,
    names._spelled,
    person.person,
    intent._units,
)
READERS["all together"] = lambda lines: [r(lines) for r in list(READERS.values())[:-1]]


def measure(reader: Callable[[Sequence[str]], object], lines: Sequence[str], n: int) -> float:
    """Median CPU microseconds per call (process time: a shared machine steals wall time) over five
    rounds of n calls, caches emptied before each."""
    rounds = []
    for _ in range(5):
        spent = 0.0
        for _ in range(n):
            for cache in CACHES:
                cache.cache_clear()
            start = time.process_time()
            reader(lines)
            spent += time.process_time() - start
        rounds.append(spent / n * 1e6)
    return statistics.median(rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=500)
    n = parser.parse_args().n
    names = list(TEXTS)
    print(f"{'µs per call':<16}" + "".join(f"{name:>11}" for name in names))
    for reader_name, reader in READERS.items():
        cells = [measure(reader, TEXTS[name].splitlines(), n) for name in names]
        print(f"{reader_name:<16}" + "".join(f"{c:>11.0f}" for c in cells))


if __name__ == "__main__":
    main()
