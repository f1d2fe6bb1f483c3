"""Mutations of real mail for fuzzing the pipeline (tests/test_fuzz.py, benchmarks/fuzz.py).

A corpus of well-formed messages (tests/fixtures) is bent the ways real damage and real attacks
bend mail: byte flips, splices of two messages, duplicated header fields, corrupted, missing or
re-nested MIME boundaries, truncation, and insertions of the tokens parsers trip over
(encoded-word fragments, NUL, bare CR, a stray multipart header, a very long line).
Every mutation takes a `random.Random`, so a run is reproduced from its seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"

_HEADER_LINE = re.compile(rb"^[!-9;-~]+:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*\r?\n", re.M)
_BOUNDARY = re.compile(rb'boundary="?([^";\r\n]+)"?', re.I)

INTERESTING = (
    b"\r\n",
    b"\r",
    b"\n\n",
    b"\x00",
    b"=?utf-8?B?",
    b"=?utf-8?Q?=0D=0ABcc:_x@evil.example?=",
    b"=?x-unknown?Q?=E5=FF?=",
    b"--",
    b"Content-Type: multipart/mixed; boundary=x\r\n",
    b"Content-Type: message/rfc822\r\n\r\n",
    b"Content-Transfer-Encoding: base64\r\n",
    b"From: other@huddinge.se\r\n",
    b"Namn: Eva Ek\r\nE-post: eva.ek@huddinge.se\r\n",
    b"\xff\xfe",
    b"\xed\xa0\x80",  # an encoded surrogate: not UTF-8
    b"A" * 2000,
)


# The registration corpus of issue 9: lists, tables, prose, forwards and attached .xlsx/.csv as
# the clients build them, so the mutations reach every reader and the spreadsheet reader too.
READING_CORPUS = Path(__file__).resolve().parent / "corpus" / "fixtures"


def corpus() -> list[bytes]:
    files = sorted(FIXTURES.glob("*.eml")) + sorted(READING_CORPUS.glob("*.eml"))
    return [f.read_bytes() for f in files]


def flip_bytes(rng: random.Random, raw: bytearray, _: Sequence[bytes]) -> None:
    for _flip in range(rng.randint(1, 8)):
        if raw:
            raw[rng.randrange(len(raw))] = rng.randrange(256)


def delete_span(rng: random.Random, raw: bytearray, _: Sequence[bytes]) -> None:
    if raw:
        start = rng.randrange(len(raw))
        del raw[start : start + rng.randint(1, 200)]


def insert_token(rng: random.Random, raw: bytearray, _: Sequence[bytes]) -> None:
    pos = rng.randrange(len(raw) + 1)
    raw[pos:pos] = rng.choice(INTERESTING)


def splice(rng: random.Random, raw: bytearray, others: Sequence[bytes]) -> None:
    """The head of this message and the tail of another (a header block meets a foreign body)."""
    other = rng.choice(others)
    cut, at = rng.randrange(len(raw) + 1), rng.randrange(len(other) + 1)
    raw[cut:] = other[at:]


def duplicate_header(rng: random.Random, raw: bytearray, _: Sequence[bytes]) -> None:
    head_end = raw.find(b"\r\n\r\n")
    head = bytes(raw[: head_end + 2 if head_end >= 0 else len(raw)])
    lines = list(_HEADER_LINE.finditer(head))
    if not lines:
        return
    line = rng.choice(lines)
    copies = line.group() * rng.choice((1, 2, 5, 50))
    pos = rng.choice((line.start(), line.end(), 0))
    raw[pos:pos] = copies


def corrupt_boundary(rng: random.Random, raw: bytearray, _: Sequence[bytes]) -> None:
    """Change, drop or repeat one boundary line, or declare the boundary again one level down."""
    found = _BOUNDARY.search(raw)
    if found is None:
        return
    boundary = b"--" + found.group(1)
    hits = [m.start() for m in re.finditer(re.escape(boundary), raw)]
    if not hits:
        return
    at = rng.choice(hits)
    end = raw.find(b"\n", at)
    end = len(raw) if end < 0 else end + 1
    choice = rng.randrange(5)
    if choice == 0:
        del raw[at:end]  # a missing boundary (or the closing one)
    elif choice == 1:
        raw[at + 2 : at + 3] = bytes([rng.randrange(33, 127)])  # one character off
    elif choice == 2:
        raw[at:at] = raw[at:end] * rng.randint(2, 30)  # empty parts
    elif choice == 3:
        nested = b'Content-Type: multipart/mixed; boundary="' + found.group(1) + b'"\r\n\r\n'
        raw[end:end] = nested * rng.randint(1, 30)  # the same boundary nested again
    else:
        raw[at:end] = boundary + b"--\r\n"  # closed early


def truncate(rng: random.Random, raw: bytearray, _: Sequence[bytes]) -> None:
    del raw[rng.randrange(len(raw) + 1) :]


MUTATIONS: tuple[Callable[[random.Random, bytearray, Sequence[bytes]], None], ...] = (
    flip_bytes,
    delete_span,
    insert_token,
    splice,
    duplicate_header,
    corrupt_boundary,
    truncate,
)


def mutate(rng: random.Random, messages: Sequence[bytes]) -> bytes:
    """One fixture, bent by one to six mutations."""
    raw = bytearray(rng.choice(messages))
    for _ in range(rng.randint(1, 6)):
        rng.choice(MUTATIONS)(rng, raw, messages)
    return bytes(raw)
