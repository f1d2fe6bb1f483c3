"""Our splitter (mailbot.reading.split) against quotequail and mail-parser-reply on the same
client bodies (tests/reading/split_samples.py): Outlook sv/en reply and forward, OWA, Gmail,
Apple Mail/iPhone, Thunderbird, signatures and disclaimers.

    pip install quotequail mail-parser-reply   # not dependencies of mailbot
    python benchmarks/split_compare.py [--verbose]

Per tool: *author exact* (the author's non-blank lines exactly), *missed* (an author line
lost: a participant silently dropped), *extra* (a line that is not the author's read as
theirs: a signature, a disclaimer or a quote — a quoted invitation read as a registration),
and for the forwards *from+subject* (the forwarded From and Subject given as data) and
*fwd author* (the forwarded mail's own author text exactly).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "reading"))

from split_samples import SAMPLES, Sample

from mailbot.reading.html import rendered
from mailbot.reading.split import split


@dataclass(frozen=True)
class Outcome:
    author: tuple[str, ...]
    forward_from: str | None = None
    forward_subject: str | None = None
    forward_author: tuple[str, ...] = ()


def non_blank(text: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    lines = text.split("\n") if isinstance(text, str) else text
    return tuple(line.strip() for line in lines if line.strip())


def ours(sample: Sample) -> Outcome:
    if sample.html is not None:
        page = rendered(sample.html)
        lines, start = page.lines, page.quote_start
    else:
        lines, start = tuple(sample.text.split("\n")), None
    result = split(
        lines,
        quote_start=start,
        subject=sample.subject,
        sender_name=sample.sender,
        sender_address=sample.address,
    )
    forwarded = result.forwarded
    if forwarded is None:
        return Outcome(non_blank(result.author))
    return Outcome(
        non_blank(result.author), forwarded.sender, forwarded.subject, non_blank(forwarded.author)
    )


def quotequail_outcome(sample: Sample) -> Outcome:
    import quotequail

    if sample.html is not None:
        top = quotequail.quote_html(sample.html, quote_intro_line=True)[0][1]
        author = non_blank(rendered(top).lines)
    else:
        author = non_blank(quotequail.quote(sample.text, quote_intro_line=True)[0][1])
    unwrapped = quotequail.unwrap(sample.text) or {}
    if unwrapped.get("type") != "forward":
        return Outcome(author)
    return Outcome(
        non_blank(unwrapped.get("text_top", "")),
        unwrapped.get("from"),
        unwrapped.get("subject"),
        non_blank(unwrapped.get("text", "")),
    )


_HEADER = re.compile(r"^[* ]*(from|från|subject|ämne)[* ]*:[ *\t]*(.*)$", re.I | re.M)


def mail_parser_reply_outcome(sample: Sample) -> Outcome:
    from mailparser_reply import EmailReplyParser

    message = EmailReplyParser(languages=["sv", "en"]).read(sample.text)
    replies = message.replies
    author = non_blank(replies[0].body) if replies else ()
    if len(replies) < 2 or not sample.forward_from:
        return Outcome(author)
    headers = {
        key.lower(): value.replace("*", "").strip()
        for key, value in _HEADER.findall(replies[1].headers)
    }
    return Outcome(
        author,
        headers.get("from") or headers.get("från"),
        headers.get("subject") or headers.get("ämne"),
        non_blank(replies[1].body),
    )


def score(tool: Callable[[Sample], Outcome], verbose: bool, name: str) -> dict[str, int]:
    counts = {"exact": 0, "missed": 0, "extra": 0, "fwd_headers": 0, "fwd_author": 0, "errors": 0}
    for sample in SAMPLES:
        try:
            outcome = tool(sample)
        except Exception as exc:  # a library failing on a body counts, it does not stop the run
            counts["errors"] += 1
            print(f"  {name} {sample.name}: {type(exc).__name__}: {exc}") if verbose else None
            continue
        got, want = outcome.author, sample.author
        counts["exact"] += got == want
        counts["missed"] += any(line not in got for line in want)
        counts["extra"] += any(line not in want for line in got)
        if sample.forward_from:
            counts["fwd_headers"] += (
                outcome.forward_from == sample.forward_from
                and outcome.forward_subject == sample.forward_subject
            )
            counts["fwd_author"] += outcome.forward_author == sample.forward_author
        if verbose and got != want:
            print(f"  {name} {sample.name}: got {got!r}")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    forwards = sum(1 for sample in SAMPLES if sample.forward_from)
    tools: list[tuple[str, Callable[[Sample], Outcome]]] = [("mailbot.reading.split", ours)]
    for name, module, other in (
        ("quotequail", "quotequail", quotequail_outcome),
        ("mail-parser-reply", "mailparser_reply", mail_parser_reply_outcome),
    ):
        try:
            __import__(module)
        except ImportError:
            print(f"{name}: not installed (pip install {name})")
            continue
        tools.append((name, other))
    print(f"{len(SAMPLES)} bodies, {forwards} of them forwards\n")
    columns = ("author exact", "missed", "extra", "from+subject", "fwd author", "errors")
    print(f"{'tool':24} " + " ".join(f"{column:>13}" for column in columns))
    for name, tool in tools:
        c = score(tool, args.verbose, name)
        cells = (
            f"{c['exact']}/{len(SAMPLES)}",
            c["missed"],
            c["extra"],
            f"{c['fwd_headers']}/{forwards}",
            f"{c['fwd_author']}/{forwards}",
            c["errors"],
        )
        print(f"{name:24} " + " ".join(f"{cell:>13}" for cell in cells))


if __name__ == "__main__":
    main()
