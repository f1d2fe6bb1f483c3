"""Every text reader on hostile and arbitrary text: no exception, bounded time, no invented
address, the same answer twice (issue 9: the fuzz guarantees cover the new readers)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot.reading import date_requests, intent
from mailbot.reading.found import Found
from mailbot.reading.key_blocks import key_blocks
from mailbot.reading.lines import separated_lines
from mailbot.reading.lists import list_items
from mailbot.reading.organisation import organisation_evidence
from mailbot.reading.prose import prose
from mailbot.reading.tables import tab_separated, table

READERS: dict[str, Callable[[Sequence[str]], object]] = {
    "key blocks": key_blocks,
    "lists": list_items,
    "lines": separated_lines,
    "tab-separated tables": tab_separated,
    "tables": lambda lines: table([line.split("\t") for line in lines]),
    "prose": prose,
    "cancellations": lambda lines: intent.cancellations(lines[0][:200] if lines else "", lines),
    "substitutions": lambda lines: intent.substitutions("", lines),
    "dates": lambda lines: date_requests.date_requests("", lines),
    "sender counted": intent.sender_counted,
    "sender excluded": intent.sender_excluded,
    "we come": intent.we_come,
    "unsubscribes": lambda lines: [intent.unsubscribes(line) for line in lines],
    "signs of registering": lambda lines: intent.signs_of_registering("", lines),
    "organisation": lambda lines: organisation_evidence("", lines, lines[-5:]),
}
PEOPLE_READERS = ("key blocks", "lists", "lines", "tab-separated tables", "tables", "prose")

# Inputs that made a first version take seconds to minutes (quadratic scans); each must now be
# read in well under a second.
HOSTILE = {
    "a long line of spaces": [" " * 20000],
    "a long line of dots": ["." * 20000],
    "a long line of digits": ["1" * 20000],
    "a long run of slashes and digits": ["1/2/" * 5000],
    "a long run of at signs": ["@" * 20000],
    "thousands of addresses on one line": ["a@b.se " * 3000],
    "thousands of comma-separated addresses": ["a@b.se, " * 3000],
    "thousands of colleagues without addresses": ["min kollega Anna Svensson och " * 1000],
    "thousands of capitalised words": ["Anna " * 5000],
    "thousands of organisation words": ["Polisen " * 5000],
    "thousands of key words": ["Namn:" * 5000],
    "thousands of open brackets": ["(" * 10000],
    "thousands of tabs on two lines": ["\t" * 10000, "\t" * 10000],
    "thousands of name lines": ["Anna Svensson"] * 5000,
    "thousands of list items": ["- Anna Svensson, anna@lund.se"] * 3000,
    "thousands of 'vi' and 'we'": ["vi we vi kommer " * 2500],
    "thousands of negations": ["har inte inte ingen möjlighet " * 2000],
    "thousands of removals of mailing lists": ["ta bort mig från er e-postlista " * 2000],
}


@pytest.mark.parametrize("reader", list(READERS))
@pytest.mark.parametrize("hostile", list(HOSTILE))
def test_every_reader_reads_hostile_text_in_bounded_time(reader: str, hostile: str) -> None:
    start = time.process_time()
    READERS[reader](HOSTILE[hostile])
    assert time.process_time() - start < 2.0


_text = st.text(
    alphabet=st.sampled_from(
        list("Anna Svensson per@lund.se <>()[];,:\t-•1.\n'\"ÅÄÖåäö och kollega Namn E-post")
    ),
    max_size=400,
)


@settings(max_examples=150, deadline=None)
@given(st.one_of(_text, st.text(max_size=300)))
def test_no_reader_raises_or_invents_an_address_and_each_answers_the_same_twice(text: str) -> None:
    lines = text.splitlines()
    for name, reader in READERS.items():
        first = reader(lines)
        assert first == reader(lines), name
        if name in PEOPLE_READERS:
            assert isinstance(first, list)
            for read in first:
                assert read.line
                if isinstance(read, Found) and read.email is not None:
                    assert read.email in text, name
