"""Hostile mail through `pipeline.handle` (SPEC §3 "never crash", §9 header safety, §12).

Each message ends in a recorded outcome, one message over a limit never holds up the next, and
no queued reply carries a header that came from the message (read from the outbox's raw bytes).
What is bounded here is a hang (`HANG_SECONDS`, a pytest-timeout: a parse gone quadratic on
megabytes takes hours); how long each takes is `benchmarks/hostile_mime.py`'s figure, not a
test's, since a machine at load 9 says nothing about speed. Run with `-s` to see the timings.
"""

from __future__ import annotations

import base64
import sys
import time
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from functools import partial
from pathlib import Path

import pytest

from mailbot import pipeline
from mailbot.config import Config
from mailbot.store import Store

from support import BOT, FIXTURES, ORGANISER, at, make_config, present

sys.path.insert(0, str(Path(__file__).resolve().parent / "reading"))

from spreadsheet_files import laughing_xlsx, ratio_bomb, xlsx_with_openpyxl, zip_bomb

NOW = at("2022-09-01 10:00")
HANG_SECONDS = 120  # only a hang fails: the 4 MB body takes 6–7 s at load 11 (5 s flaked)
SENDER = "Karin Lind <karin.lind@huddinge.se>"

# Every header a reply may carry (replies.render); anything else came from somewhere it should not.
REPLY_HEADERS = {
    "from",
    "to",
    "cc",
    "subject",
    "date",
    "message-id",
    "in-reply-to",
    "references",
    "auto-submitted",
    "x-auto-response-suppress",
    "content-language",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
}


def head(*fields: tuple[str, str], content_type: str = "text/plain; charset=utf-8") -> bytes:
    lines = [
        ("From", SENDER),
        ("To", BOT),
        ("Date", "Thu, 01 Sep 2022 10:00:00 +0200"),
        *fields,
        ("MIME-Version", "1.0"),
        ("Content-Type", content_type),
    ]
    return "".join(f"{k}: {v}\r\n" for k, v in lines).encode()


BLOCK = b"Namn: Eva Ek\r\nE-post: eva.ek@huddinge.se\r\n"


def deep_multipart(depth: int, linesep: bytes = b"\r\n") -> bytes:
    out = [head(("Subject", "deep"), ("Message-ID", f"<deep-{depth}@x>")).rstrip(b"\r\n")]
    out[0] = out[0].replace(b"text/plain; charset=utf-8", b'multipart/mixed; boundary="b0"')
    out.append(b"")
    for i in range(depth):
        out.append(b"--b%d" % i)
        if i + 1 < depth:
            out += [b'Content-Type: multipart/mixed; boundary="b%d"' % (i + 1), b""]
    out += [b"Content-Type: text/plain", b"", BLOCK.rstrip(b"\r\n")]
    out += [b"--b%d--" % i for i in reversed(range(depth))]
    return linesep.join(out) + linesep


def deep_rfc822(depth: int) -> bytes:
    inner = b"From: x@huddinge.se\r\nContent-Type: text/plain\r\n\r\n" + BLOCK
    for _ in range(depth):
        inner = b"Content-Type: message/rfc822\r\n\r\n" + inner
    return (
        head(
            ("Subject", "nested messages"),
            ("Message-ID", "<rfc822@x>"),
            content_type="message/rfc822",
        )
        + b"\r\n"
        + inner.split(b"\r\n\r\n", 1)[1]
    )


def many_parts(n: int) -> bytes:
    parts = b"".join(b"--b\r\nContent-Type: text/plain\r\n\r\npart %d\r\n" % i for i in range(n))
    return (
        head(
            ("Subject", "many"),
            ("Message-ID", f"<many-{n}@x>"),
            content_type='multipart/mixed; boundary="b"',
        )
        + b"\r\n"
        + parts
        + b"--b--\r\n"
    )


def big_header(megabytes: int) -> bytes:
    filler = b"".join(b"X-Filler-%d: %s\r\n" % (i, b"a" * 990) for i in range(megabytes * 1000))
    return head(("Subject", "big header"), ("Message-ID", "<bighead@x>")) + filler + b"\r\n" + BLOCK


def one_huge_header_line() -> bytes:
    return head(("Subject", "x" * 5_000_000), ("Message-ID", "<bigline@x>")) + b"\r\n" + BLOCK


def many_small_fields() -> bytes:
    fields = b"".join(b"X-A%d: b\r\n" % i for i in range(10_000))
    return head(("Subject", "fields"), ("Message-ID", "<fields@x>")) + fields + b"\r\n" + BLOCK


def bad_base64() -> bytes:
    body = base64.encodebytes(b"Namn: Eva Ek\nE-post: eva.ek@huddinge.se\n")
    body = body[:20] + b"!!*\x00==\r\n===" + body[20:] + b"\r\n@@@@"
    return (
        head(("Subject", "b64"), ("Message-ID", "<b64@x>"), ("Content-Transfer-Encoding", "base64"))
        + b"\r\n"
        + body
    )


def invalid_charset() -> bytes:
    return (
        head(
            ("Subject", "=?x-unknown-Æ?Q?Anm=E4lan?="),
            ("Message-ID", "<cs@x>"),
            content_type='text/plain; charset="utf-8\'; DROP TABLE"',
        )
        + b"\r\nNamn: Eva \xe5\xe4\xf6 Ek\r\nE-post: eva.ek@huddinge.se\r\n"
    )


def nul_in_header() -> bytes:
    return (
        head(
            ("Subject", "Anm\x00\u00e4lan"), ("Message-ID", "<nul@x>"), ("X-Nul", "a\x00b")
        ).replace(b"Karin Lind", b"Karin\x00Lind")
        + b"\r\n"
        + BLOCK
    )


def injection_in_name() -> bytes:
    # The name carries encoded line breaks (QP CR LF, a Unicode line separator, NEL) with a
    # header after each; the reply names the participant in To: and in the body.
    body = (
        "Namn: Eva Ek=0D=0ABcc: victim@evil.example\r\n"
        "E-post: eva.ek@huddinge.se\r\n\r\n"
        "Namn: Per =E2=80=A8X-Injected: yes\r\nE-post: per.strom@huddinge.se\r\n\r\n"
        "Namn: Olle =C2=85Bcc: another@evil.example\r\nE-post: olle@huddinge.se\r\n"
    )
    return (
        head(
            ("Subject", "Anmälan"),
            ("Message-ID", "<inject-name@x>"),
            ("Content-Transfer-Encoding", "quoted-printable"),
        )
        + b"\r\n"
        + body.encode()
    )


def injection_in_subject() -> bytes:
    # A reply to a fresh message does not echo the subject, but the organiser's alerts and
    # forwards do: this one is a reply with no block (forwarded, §10), so the subject travels.
    return (
        head(
            ("Subject", "=?utf-8?q?SV:_Anm=C3=A4lan=0D=0ABcc:_victim@evil.example=0D=0A=0D=0Ab?="),
            ("Message-ID", "<inject-subject@x>"),
        )
        + b"\r\nHej, en fr\xc3\xa5ga bara.\r\n"
    )


def literal_encoded_word_in_name() -> bytes:
    # Literal text that looks like an RFC 2047 encoded-word: Python's `email` decodes it when the
    # reply's To header is set from the name, and wrote the CR LF it decoded (found by fuzzing).
    word = "=?utf-8?q?Eva=0D=0ABcc:_victim@evil.example?="
    body = f"Namn: {word}\r\nE-post: eva.ek@huddinge.se\r\n\r\nNamn: {word}\r\nE-post: eva.ek@huddinge.se\r\n"
    return head(("Subject", "Anmälan"), ("Message-ID", "<literal-ew@x>")) + b"\r\n" + body.encode()


def literal_encoded_word_in_subject() -> bytes:
    # Encoded twice: read once, the subject is the literal encoded-word, which the organiser's
    # "forwarded" mail puts in its own Subject.
    inner = "SV: =?utf-8?q?Fraga=0D=0ABcc:_victim@evil.example?="
    outer = "=?utf-8?b?" + base64.b64encode(inner.encode()).decode() + "?="
    return (
        head(("Subject", outer), ("Message-ID", "<literal-ew-subject@x>"))
        + b"\r\nHej, en fr\xc3\xa5ga bara.\r\n"
    )


def encoded_word_as_participant_address() -> bytes:
    # Valid by RFC 5322 and email-validator; `email` decoded it inside the reply's To header.
    body = "Namn: Eva Ek\r\nE-post: =?utf-8?q?x=0D=0A=0D=0Abody?=@huddinge.se\r\n"
    return head(("Subject", "Anmälan"), ("Message-ID", "<ew-addr@x>")) + b"\r\n" + body.encode()


def encoded_word_as_sender_address() -> bytes:
    raw = head(("Subject", "Anmälan"), ("Message-ID", "<ew-sender@x>")) + b"\r\n" + BLOCK
    return raw.replace(b"karin.lind@", b"=?utf-8?q?=0D=0ABcc=3A=20x=40y?=@")


def encoded_surrogate_in_name() -> bytes:
    body = "Namn: Åsa =?utf-8?q?=ED=A0=80?=\r\nE-post: asa@huddinge.se\r\n"
    return (
        head(("Subject", "Anmälan"), ("Message-ID", "<ew-surrogate@x>")) + b"\r\n" + body.encode()
    )


def injection_in_from_name() -> bytes:
    # A colon inside the encoded-word makes the From field read as two addresses: ambiguous,
    # so it is ignored rather than answered (the fixture below has the well-encoded variant).
    return (
        head(("Subject", "Anmälan"), ("Message-ID", "<inject-from@x>")).replace(
            b"Karin Lind", b"=?utf-8?q?Karin=0D=0ABcc:_x@evil.example?="
        )
        + b"\r\n"
        + BLOCK
    )


def large_plain_body() -> bytes:
    line = b"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\r\n"
    return (
        head(("Subject", "big body"), ("Message-ID", "<bigbody@x>"))
        + b"\r\n"
        + BLOCK
        + line * 55_000
    )


CASES: dict[str, tuple[Callable[[], bytes], str | None]] = {
    # name: (message, the rule that must decide it; None = any recorded outcome)
    "a 1,000-deep multipart": (lambda: deep_multipart(1000), "over-limit"),
    "a 1,000-deep multipart with bare CR line ends": (
        lambda: deep_multipart(1000, b"\r"),
        "over-limit",
    ),
    "a 21-deep multipart (one over the limit)": (lambda: deep_multipart(21), "over-limit"),
    "1,000 nested message/rfc822": (lambda: deep_rfc822(1000), "over-limit"),
    "10,000 parts": (lambda: many_parts(10_000), "over-limit"),
    "a 5 MB header block": (lambda: big_header(5), "over-limit"),
    "one 5 MB header line": (one_huge_header_line, "over-limit"),
    "10,000 short header fields": (many_small_fields, None),
    "bad base64": (bad_base64, None),
    "bad base64 (fixture)": (lambda: (FIXTURES / "bad-base64.eml").read_bytes(), None),
    "an invalid charset": (invalid_charset, None),
    "an unknown charset (fixture)": (
        lambda: (FIXTURES / "unknown-charset-latin1-bytes.eml").read_bytes(),
        None,
    ),
    "a NUL in a header": (nul_in_header, None),
    "header injection in a participant name": (injection_in_name, None),
    "header injection in the subject": (injection_in_subject, None),
    "header injection in the From name": (injection_in_from_name, "no-sender"),
    "a literal encoded-word with CR LF in a participant name": (literal_encoded_word_in_name, None),
    "a literal encoded-word with CR LF in a forwarded subject": (
        literal_encoded_word_in_subject,
        None,
    ),
    "an encoded surrogate in a participant name": (encoded_surrogate_in_name, None),
    "an encoded-word as a participant's address": (encoded_word_as_participant_address, None),
    "an encoded-word as the sender's address": (encoded_word_as_sender_address, "no-sender"),
    "header injection (fixture)": (
        lambda: (FIXTURES / "header-injection-name.eml").read_bytes(),
        None,
    ),
    "a 4 MB plain-text body": (large_plain_body, None),
}


def with_laughing_attachment(part: str) -> bytes:
    """A registration with a list whose `part` carries a billion laughs."""
    return with_attachment("lista.xlsx", laughing_xlsx()[part])


def with_attachment(filename: str, data: bytes) -> bytes:
    """A registration that points to an attached list (SPEC §3: attachments within limits)."""
    msg = EmailMessage()
    msg["From"] = SENDER
    msg["To"] = BOT
    msg["Subject"] = "Anmälan"
    msg["Message-ID"] = f"<attached-{len(data)}-{filename}@huddinge.se>"
    msg.set_content("Hej,\n\nAnmäler enligt bifogad lista.\n")
    msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=filename)
    return msg.as_bytes()


# Attached spreadsheets made to break the reader: each is refused, the message still decided.
CASES.update(
    {
        "an attached zip bomb (200 MiB of zeros)": (
            lambda: with_attachment("lista.xlsx", zip_bomb()),
            None,
        ),
        "an attached ratio bomb": (lambda: with_attachment("lista.xlsx", ratio_bomb()), None),
        **{
            f"an attached billion laughs in {part}": (
                partial(with_laughing_attachment, part),
                None,
            )
            for part in laughing_xlsx()
        },
        "an attached sheet with one cell at XFD1048576": (
            lambda: with_attachment(
                "lista.xlsx", xlsx_with_openpyxl([["Namn", "E-post"]], far="XFD1048576")
            ),
            None,
        ),
        "an attached CSV of a million empty lines": (
            lambda: with_attachment("lista.csv", b";\r\n" * 1_000_000),
            None,
        ),
    }
)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def reply_headers(raw: bytes) -> list[tuple[str, str]]:
    """The header fields of a queued reply, unfolded, as the bytes say."""
    block = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    fields: list[tuple[str, str]] = []
    for line in block.split("\r\n"):
        if line[:1] in (" ", "\t"):
            name, value = fields[-1]
            fields[-1] = (name, value + line)
        else:
            name, _, value = line.partition(":")
            fields.append((name.lower(), value))
    return fields


def assert_no_injected_header(store: Store) -> None:
    for (raw,) in store.conn.execute("SELECT raw FROM outbox"):
        raw = bytes(raw)
        header = raw.split(b"\r\n\r\n", 1)[0]
        assert b"\x00" not in header and b"\r\r" not in header
        assert all(b == 0x0A and header[i - 1] == 0x0D for i, b in enumerate(header) if b == 0x0A)
        names = [name for name, _ in reply_headers(raw)]
        assert set(names) <= REPLY_HEADERS, names
        # All of them, too: a header block ended early by an injected empty line looks clean.
        optional = {"cc", "in-reply-to", "references", "content-transfer-encoding"}
        assert set(names) >= REPLY_HEADERS - optional, names
        assert names.count("to") == 1 and "bcc" not in names


@pytest.mark.timeout(HANG_SECONDS)
@pytest.mark.parametrize("name", CASES.keys())
def test_hostile_message_ends_in_a_recorded_outcome_without_hanging(
    store_for: tuple[Config, Store], name: str
) -> None:
    config, store = store_for
    make, rule = CASES[name]
    raw = make()
    started = time.perf_counter()
    result = pipeline.handle(store, config, raw, NOW)
    elapsed = time.perf_counter() - started
    print(
        f"\n{name}: {len(raw):,} bytes → {elapsed * 1000:.1f} ms, {[(o.outcome, o.rule) for o in result.outcomes]}"
    )
    assert result.status == "handled" and result.outcomes
    (entry,) = store.journal()
    assert entry["state"] == "handled" and entry["outcomes"]
    if rule is not None:
        assert [(o["outcome"], o["rule"]) for o in entry["outcomes"]] == [("ignored", rule)]
    if rule == "over-limit":
        assert "security.max_" in entry["outcomes"][0]["reason"]
    if rule is None and ("injection" in name or "encoded" in name):
        assert store.outbox.counts(), "a reply was queued, so its headers were checked"
    assert_no_injected_header(store)


@pytest.fixture
def store_for(config: Config) -> Iterator[tuple[Config, Store]]:
    with Store(config.bot.database) as s:
        yield config, s


def test_injected_names_reach_no_header_and_the_people_are_still_booked(
    store_for: tuple[Config, Store],
) -> None:
    config, store = store_for
    pipeline.handle(store, config, injection_in_name(), NOW)
    names = {r.email: r.name for r in store.participants()}
    assert set(names) == {"eva.ek@huddinge.se", "per.strom@huddinge.se", "olle@huddinge.se"}
    assert all("\r" not in n and "\n" not in n and "Bcc" not in n for n in names.values())
    assert_no_injected_header(store)


def test_over_limit_message_alerts_the_organiser_once_per_sender_per_day(
    store_for: tuple[Config, Store],
) -> None:
    config, store = store_for
    for depth in (1000, 500, 300):
        raw = deep_multipart(depth).replace(b"<deep-", b"<again-")
        pipeline.handle(store, config, raw.replace(b"again-", b"again-%d-" % depth), NOW)
    alerts = store.conn.execute("SELECT kind, to_json, subject FROM outbox").fetchall()
    assert [(a[0], a[1]) for a in alerts] == [("alert-limit", f'["{ORGANISER}"]')]
    assert "karin.lind@huddinge.se" in alerts[0][2]
    assert len(store.journal()) == 3


def test_a_hostile_message_does_not_hold_up_the_next_one(store_for: tuple[Config, Store]) -> None:
    config, store = store_for
    pipeline.handle(store, config, many_parts(10_000), NOW)
    ok = head(("Subject", "Anmälan"), ("Message-ID", "<next@x>")) + b"\r\n" + BLOCK
    result = pipeline.handle(store, config, ok, NOW)
    assert [o.outcome for o in result.outcomes] == ["confirmed"]


def test_oversized_message_records_the_size_the_server_gave(
    store_for: tuple[Config, Store],
) -> None:
    """The IMAP side passes RFC822.SIZE and may fetch only the header block (§10)."""
    config, store = store_for
    limit = config.security.max_message_bytes
    headers = head(("Subject", "huge"), ("Message-ID", "<huge@x>")) + b"\r\n"
    result = pipeline.handle(store, config, headers, NOW, size=limit + 1)
    assert [(o.outcome, o.rule) for o in result.outcomes] == [("ignored", "too-large")]
    (entry,) = store.journal()
    assert entry["size"] == limit + 1
    assert store.messages.raw(entry["id"]) == headers
    # Decided again after a crash from the stored (headers-only) copy: still too large.
    stored = present(store.messages.find_message("<huge@x>"))
    store.conn.execute("UPDATE messages SET state = 'received' WHERE id = ?", (stored.id,))
    stored = present(store.messages.find_message("<huge@x>"))
    again = pipeline.decide_stored(
        store, config, stored, store.messages.raw(stored.id), NOW, NOW, 0
    )
    assert [o.rule for o in again.outcomes] == ["too-large"]


def test_oversized_message_with_a_huge_header_block_stores_at_most_the_header_limit(
    store_for: tuple[Config, Store],
) -> None:
    config, store = store_for
    raw = big_header(12)
    result = pipeline.handle(store, config, raw, NOW)
    assert result.outcomes[0].rule == "too-large"
    assert len(store.messages.raw(present(result.message))) <= config.security.max_header_bytes
