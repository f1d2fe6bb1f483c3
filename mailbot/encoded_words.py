"""Non-ASCII header values written so that every space survives the round trip (SPEC §9).

Why not the `email` policy's folder: on Python 3.11 it splits a long non-ASCII Subject into
encoded-words with the space between two of them *outside* both, and RFC 2047 decoders drop
whitespace between adjacent encoded-words, so "relationer – stöd" arrives as "relationer –stöd".

- Unstructured text (Subject): ASCII words stay as written; each run of other words becomes
  encoded-words that hold every space of the run inside them, so the whitespace between two
  of them is only folding (which every decoder drops) and the whitespace between an
  encoded-word and a plain word is kept (which every decoder keeps).
- A display name is a phrase, and there decoders disagree: RFC 2047 ones (mail clients) drop
  the whitespace between adjacent encoded-words, Python's `email` keeps it. So a phrase never
  holds two adjacent encoded-words: words that are plain atoms stay as written, and each run of
  the others (non-ASCII, or with specials such as a comma) becomes one encoded-word with its
  spaces inside. That word may be longer than RFC 2047's 75 characters when a name has a long
  run of non-ASCII words; decoders accept that, where any split would lose or double a space
  in one of the two camps. Only a run too long for a header line (`_LONGEST_WORD`) is split.
"""

from __future__ import annotations

import email.charset
import email.header
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Final

_UTF8: Final = email.charset.Charset("utf-8")
# RFC 5322 atext without "=" and "?": a plain word must never look like an encoded-word.
_ATOM: Final = re.compile(r"[A-Za-z0-9!#$%&'*+/^_`{|}~-]+")
_WIDTH: Final = 78  # RFC 5322's recommended line length
_LONGEST_WORD: Final = 900  # stays under the 998-character hard limit with the name and address
LINESEP: Final = "\r\n"


@lru_cache(maxsize=256)  # a Subject repeats in nearly every reply of a run
def unstructured(name: str, text: str) -> str:
    """The folded value of an unstructured header (no `Name: `, no final line end): ASCII
    words as written (a token in the subject stays greppable and readable), each run of other
    words in encoded-words that hold their spaces, split where RFC 2047's 75 characters end."""
    if text.isascii():
        raise ValueError("only non-ASCII values are written here; ASCII folds as it is")
    if "  " in text or text != text.strip() or any(c.isspace() and c != " " for c in text):
        encoded = email.header.Header(text, _UTF8, maxlinelen=_WIDTH, header_name=name)
        return encoded.encode(linesep=LINESEP)
    words = _runs_encoded(text.split(" "), _plain_in_text, _encoded_lines)
    return fold(name, [words])


def _plain_in_text(word: str) -> bool:
    return word.isascii() and "=?" not in word


def _runs_encoded(
    words: Iterable[str],
    plain: Callable[[str], bool],
    encoded: Callable[[Sequence[str]], list[str]],
) -> list[str]:
    """The `plain` words as written, each run of the others as `encoded` makes it."""
    out: list[str] = []
    for is_plain, group in itertools.groupby(words, plain):
        run = list(group)
        out.extend(run if is_plain else encoded(run))
    return out


def _encoded_lines(run: Sequence[str]) -> list[str]:
    """Encoded-words of at most 75 characters for a run of words, their spaces inside: the
    whitespace between two of them is folding only, which decoders of unstructured text drop."""
    if not run:
        return []
    return [str(w) for w in _UTF8.header_encode_lines(" ".join(run), itertools.repeat(75))]


@lru_cache(maxsize=1024)  # the bot's own From name repeats in every reply
def phrase_words(display_name: str) -> tuple[str, ...]:
    """A display name as the words of an RFC 5322 phrase: atoms as written, each run of other
    words one encoded-word (see the module's docstring)."""
    return tuple(_runs_encoded(display_name.split(), _is_atom, _encoded_run))


def _is_atom(word: str) -> bool:
    return _ATOM.fullmatch(word) is not None


def _encoded_run(run: Sequence[str]) -> list[str]:
    if not run:
        return []
    text = " ".join(run)
    word = str(_UTF8.header_encode(text))
    if len(word) <= _LONGEST_WORD or len(run) == 1:
        return [word]
    half = len(run) // 2  # too long for one line: split, the space kept at the end of the first
    return [*_encoded_run([*run[: half - 1], run[half - 1] + " "]), *_encoded_run(run[half:])]


def address(display_name: str, addr_spec: str) -> list[str]:
    """One mailbox as words to fold: the phrase's words, then `<addr-spec>`."""
    if not display_name:
        return [addr_spec]
    return [*phrase_words(display_name), f"<{addr_spec}>"]


def fold(name: str, items: Sequence[Sequence[str]]) -> str:
    """Comma-separated items of words folded at spaces into lines of at most 78 characters
    where the words allow (no `Name: `, no final line end)."""
    lines = [""]
    room = _WIDTH - len(name) - 2
    for i, item in enumerate(items):
        for j, word in enumerate(item):
            token = word + ("," if j == len(item) - 1 and i < len(items) - 1 else "")
            current = lines[-1]
            if not current:
                lines[-1] = token
            elif len(current) + 1 + len(token) <= room:
                lines[-1] = f"{current} {token}"
            else:
                lines.append(token)
                room = _WIDTH - 1
    return (LINESEP + " ").join(lines)
