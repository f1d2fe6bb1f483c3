"""The feed parser finds the same parts with `parsing.boundaries` as with a compiled pattern per
multipart: the same lines are boundaries, with the same end marker, spaces and line ending."""

from __future__ import annotations

import email
import email.feedparser
import email.policy
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot import parsing  # noqa: F401  (installs the matcher, as reading a mail does)
from mailbot.parsing import boundaries


def stdlib_pattern(separator: str) -> str:
    """The pattern as `email.feedparser` writes it for a multipart's boundary."""
    return (
        "(?P<sep>" + re.escape(separator) + r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$"
    )


def same_match(real: re.Match[str] | None, ours: re.Match[str] | None) -> bool:
    if real is None or ours is None:
        return real is ours
    return all(real.group(g) == ours.group(g) for g in ("end", "ws", "linesep"))


BOUNDARY_TEXT = st.text(
    alphabet=st.sampled_from(list("aZ09'()+_,-./:=? \\$^*[]{}|\t\r\n")) | st.characters(),
    min_size=0,
    max_size=70,
)
TAIL = st.sampled_from(["-", "--", " ", "\t", "\r", "\n", "\r\n", "x", "é", ""])


@settings(max_examples=400)
@given(boundary=BOUNDARY_TEXT, tail=st.lists(TAIL, max_size=5), cut=st.integers(0, 80))
def test_a_line_is_a_boundary_exactly_when_the_stdlib_pattern_says_so(
    boundary: str, tail: list[str], cut: int
) -> None:
    separator = "--" + boundary
    pattern = stdlib_pattern(separator)
    real = re.compile(pattern)
    ours = boundaries.compile_pattern(pattern)
    assert isinstance(ours, boundaries.BoundaryLine)
    whole = separator + "".join(tail)
    for line in (whole, whole[:cut], whole[cut:], "x" + whole, separator[:-1] + "\n"):
        assert same_match(real.match(line), ours.match(line)), (pattern, line)


@given(pattern=st.text(max_size=60), flags=st.sampled_from([0, re.IGNORECASE, re.MULTILINE]))
def test_any_other_pattern_is_compiled_by_re(pattern: str, flags: int) -> None:
    try:
        expected: Any = re.compile(pattern, flags)
    except re.error:
        with pytest.raises(re.error):
            boundaries.compile_pattern(pattern, flags)
        return
    assert boundaries.compile_pattern(pattern, flags) == expected


def test_a_boundary_pattern_with_flags_or_escaped_otherwise_is_compiled_by_re() -> None:
    pattern = stdlib_pattern("--abc")
    assert isinstance(boundaries.compile_pattern(pattern, re.IGNORECASE), re.Pattern)
    unescaped = pattern.replace(r"\-\-abc", "--a.c")  # "." would be any character
    assert isinstance(boundaries.compile_pattern(unescaped), re.Pattern)


def test_this_pythons_feed_parser_hands_its_boundary_patterns_to_the_matcher(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[object] = []
    installed = vars(email.feedparser)["re"]
    compile_pattern = installed.compile

    def recording(pattern: str, flags: int = 0) -> object:
        made.append(compile_pattern(pattern, flags))
        return made[-1]

    monkeypatch.setattr(installed, "compile", recording)
    raw = (
        b"From: a@example.org\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/alternative; boundary="=_b.1(x)"\r\n\r\n'
        b"preamble\r\n--=_b.1(x)\r\nContent-Type: text/plain\r\n\r\nhej\r\n"
        b"--=_b.1(x) \t\r\nContent-Type: text/html\r\n\r\n<p>hej</p>\r\n--=_b.1(x)--\r\nepilogue\r\n"
    )
    msg = email.message_from_bytes(raw, policy=email.policy.default)

    assert [type(m) for m in made] == [boundaries.BoundaryLine]
    assert [p.get_content() for p in msg.iter_parts()] == ["hej", "<p>hej</p>"]
    assert (msg.preamble, msg.epilogue, msg.defects) == ("preamble", "epilogue\r\n", [])
