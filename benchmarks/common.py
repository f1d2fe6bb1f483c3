"""What the benchmarks share: realistic registration mail, a config, a timed SMTP sink, RSS, stats.

Not part of mailbot. The mail is generated here (deterministic for a seed): Swedish text in
quoted-printable or 8-bit, Outlook-style multipart/alternative, the received-header clutter of
real mail, one to three participants, shared-domain actors that must name their organisation,
senders that are not invited, and registrations that arrive after the deadline.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import platform
import quopri
import random
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # the test servers (tests/servers.py)

from mailbot import config as config_mod  # noqa: E402

import servers as testservers  # noqa: E402

MAILBOT = str(Path(sys.executable).with_name("mailbot"))
STOCKHOLM = dt.timezone(dt.timedelta(hours=2))
ON_TIME = dt.datetime(2022, 8, 29, 10, 0, tzinfo=STOCKHOLM)
LATE = dt.datetime(2022, 9, 5, 9, 0, tzinfo=STOCKHOLM)
IMAP_PASSWORD_ENV = "MAILBOT_BENCH_IMAP_PASSWORD"

FIRST = [
    "Åsa",
    "Per",
    "Maja",
    "Jonas",
    "Lina",
    "Karin",
    "Erik",
    "Björn",
    "Märta",
    "Göran",
    "Sofia",
    "Leila",
    "Ahmed",
    "Ingrid",
    "Lars",
    "Anna",
    "Mikael",
    "Elin",
    "Hanna",
    "Oskar",
    "Sara",
    "Fredrik",
    "Ulla",
    "Östen",
    "Jörgen",
    "Therese",
    "Zeynep",
    "Mohammed",
    "Kerstin",
    "Nils",
]
LAST = [
    "Öberg",
    "Ström",
    "Äng",
    "Berg",
    "Holm",
    "Lindström",
    "Sandberg",
    "Haddad",
    "Nilsson",
    "Johansson",
    "Åberg",
    "Söderberg",
    "Lundqvist",
    "Ekström",
    "Hägglund",
    "Wästerlund",
    "Björk",
    "Mäkinen",
    "Karlsson",
    "Yilmaz",
    "Ali",
    "Forsberg",
    "Sjöö",
]
TITLES = (
    "Socialdirektör",
    "Avdelningschef",
    "Enhetschef, individ- och familjeomsorg",
    "Samordnare",
    "Utredare",
    "Kommunpolis",
    "Fältassistent",
    "Socialsekreterare",
    "Områdespolis",
    "Säkerhetssamordnare",
    "Preventionssamordnare",
)
OUTSIDERS = ("gmail.com", "hotmail.se", "evil-huddinge.se", "outlook.com", "telia.com")


@dataclasses.dataclass(frozen=True)
class Message:
    raw: bytes
    received_at: dt.datetime
    message_id: str
    kind: str  # register | not-invited | late
    actor: str | None
    participants: int


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in ".-"))


def repo_config() -> config_mod.Config:
    return config_mod.load(REPO / "mailbot" / "examples" / "config.toml", environ={})


def _encoded_word(text: str) -> str:
    if text.isascii():
        return text
    body = quopri.encodestring(text.encode(), header=True).decode()
    return f"=?utf-8?q?{body}?="


def _qp(text: str, charset: str) -> str:
    return quopri.encodestring(text.replace("\n", "\r\n").encode(charset)).decode()


def _html(text: str) -> str:
    paras = "".join(
        f"<p class=MsoNormal>{p.replace(chr(10), '<br>')}</p>\r\n" for p in text.split("\n\n")
    )
    return (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        "<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:Calibri} --></style>"
        f'</head><body lang=SV link="#0563C1"><div class=WordSection1>\r\n{paras}</div>'
        "</body></html>"
    )


def _clutter(rng: random.Random, domain: str, n: int) -> str:
    """The Received/DKIM/ARC lines real mail carries: most of a message's header bytes."""
    relay = f"mail{rng.randint(1, 9)}.{domain}"
    stamp = f"Mon, 29 Aug 2022 10:00:0{n % 10} +0200"
    sig = "".join(
        rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        for _ in range(344)
    )
    return (
        f"Received: from {relay} ([192.0.2.{n % 250 + 1}])\r\n"
        f"\tby mx.lansstyrelsen.example (Postfix) with ESMTPS id 4M{n:08X}\r\n"
        f"\tfor <anmalan@lansstyrelsen.example>; {stamp}\r\n"
        f"Received: from EXCH{n % 7:02d}.{domain} (10.1.2.{n % 200}) by {relay}\r\n"
        f"\t(10.1.2.1) with Microsoft SMTP Server id 15.2.1118.9; {stamp}\r\n"
        "Authentication-Results: mx.lansstyrelsen.example; dkim=pass (2048-bit key)\r\n"
        f"\theader.d={domain} header.i=@{domain}; spf=pass smtp.mailfrom={domain};\r\n"
        f"\tdmarc=pass (p=quarantine) header.from={domain}\r\n"
        f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={domain}; s=selector1;\r\n"
        "\th=From:Date:Subject:Message-ID:Content-Type:MIME-Version;\r\n"
        f"\tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n\tb={sig[:76]}\r\n"
        f"\t {sig[76:152]}\r\n\t {sig[152:228]}\r\n\t {sig[228:]}\r\n"
        "Thread-Topic: =?utf-8?q?Anm=C3=A4lan?=\r\nThread-Index: AdjtWx3kVqD0ZfB2Sg+Q==\r\n"
        "X-MS-Has-Attach:\r\nX-MS-TNEF-Correlator:\r\nContent-Language: sv-SE\r\n"
    )


_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def seminar_day(cfg: config_mod.Config, actor: config_mod.Actor) -> str:
    """The day of the actor's own seminar as people write it ("14 september"). A date that is
    another seminar's is a question for the organiser (SPEC §6), not a tidy registration."""
    starts = cfg.seminar(actor.seminar).starts
    return f"{starts.day} {_MONTHS[starts.month - 1]}"


def generate(
    n: int, seed: int = 1, cfg: config_mod.Config | None = None, *, single: bool = False
) -> list[Message]:
    """`n` registration mails for the actors of the repo's config.toml (deterministic);
    `single`: each an on-time registration of one person (one reply each)."""
    cfg = cfg or repo_config()
    rng = random.Random(seed)
    run = f"{seed}-{os.getpid()}-{time.time_ns()}"
    shared = Counter(d for a in cfg.actors for d in a.domains)
    out = []
    for i in range(n):
        roll = rng.random()
        kind = "not-invited" if roll < 0.06 else "late" if roll < 0.10 else "register"
        kind = "register" if single else kind
        actor = rng.choice(cfg.actors)
        domain = rng.choice(OUTSIDERS) if kind == "not-invited" else actor.domains[0]
        count = 1 if rng.random() < 0.8 or single else rng.choice((2, 2, 3))
        people = []
        for j in range(count):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            address = f"{ascii_fold(first)}.{ascii_fold(last)}.{i}x{j}@{domain}"
            people.append((f"{first} {last}", address, rng.choice(TITLES)))
        if count == 1 and rng.random() < 0.6:
            sender_name, sender = people[0][0], people[0][1]
        else:
            sender_name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            sender = f"samordnare.{i}@{domain}"
        lines = ["Hej!", ""]
        day = seminar_day(cfg, actor)
        if count > 1:
            lines.append("Här kommer vår anmälan till seminariet om öppna drogscener.")
        elif sender == people[0][1]:
            lines.append(f"Jag vill gärna anmäla mig till seminariet den {day}.")
        else:  # "anmäla mig" here would count the coordinator in too (§3)
            lines.append(f"Jag vill anmäla en kollega till seminariet den {day}.")
        lines.append("")
        if shared[actor.domains[0]] > 1 and kind != "not-invited":
            lines += [f"Organisation: {rng.choice((actor.name, *actor.aliases))}", ""]
        for name, address, title in people:
            lines += [f"Namn: {name}", f"E-post: {address}", f"Befattning: {title}", ""]
        lines += ["Vänliga hälsningar", sender_name, "-- ", sender_name, actor.name]
        lines += ["Tel: 08-123 456 78", f"Besöksadress: Storgatan {i % 90 + 1}, Stockholm"]
        text = "\n".join(lines) + "\n"
        message_id = f"<bench-{run}-{i}@{domain}>"
        subject = rng.choice(
            (
                f"Anmälan öppna drogscener {day}",
                "Anmälan seminarium",
                "Anmälan till seminariet",
            )
        )
        head = (
            _clutter(rng, domain, i)
            + f"From: {_encoded_word(sender_name)} <{sender}>\r\n"
            + "To: =?utf-8?q?L=C3=A4nsstyrelsen_Stockholm_=E2=80=93_anm=C3=A4lan?="
            " <anmalan@lansstyrelsen.example>\r\n"
            + f"Subject: {_encoded_word(subject)}\r\n"
            + "Date: Mon, 29 Aug 2022 09:15:00 +0200\r\n"
            + f"Message-ID: {message_id}\r\nMIME-Version: 1.0\r\n"
        )
        style = rng.random()
        if style < 0.45:  # Outlook: multipart/alternative, both parts quoted-printable
            boundary = f"_000_{i:08d}EXCH_"
            body = (
                f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n'
                f'--{boundary}\r\nContent-Type: text/plain; charset="utf-8"\r\n'
                "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                f"{_qp(text, 'utf-8')}\r\n--{boundary}\r\n"
                'Content-Type: text/html; charset="utf-8"\r\n'
                "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                f"{_qp(_html(text), 'utf-8')}\r\n--{boundary}--\r\n"
            )
        elif style < 0.8:  # Swedish webmail: iso-8859-1, quoted-printable
            body = (
                "Content-Type: text/plain; charset=iso-8859-1; format=flowed\r\n"
                "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + _qp(text, "iso-8859-1")
            )
        else:
            body = (
                "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + text.replace("\n", "\r\n")
            )
        out.append(
            Message(
                raw=(head + body).encode(),
                received_at=LATE if kind == "late" else ON_TIME,
                message_id=message_id,
                kind=kind,
                actor=None if kind == "not-invited" else actor.name,
                participants=count,
            )
        )
    return out


def seats_for_half(messages: Sequence[Message]) -> dict[str, int]:
    """Seats per actor so that about half of the on-time participants get one, half wait."""
    wanting: Counter[str] = Counter()
    for m in messages:
        if m.kind == "register" and m.actor:
            wanting[m.actor] += m.participants
    return {actor: max(1, count // 2) for actor, count in wanting.items()}


# --------------------------------------------------------------------------- the config


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str | Path):
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    raise TypeError(value)


def write_config(
    directory: Path,
    *,
    imap: config_mod.Imap,
    smtp_port: int,
    seats: dict[str, int] | None = None,
) -> Path:
    """config.toml for a benchmark: the repo's event and actors, these servers, a fresh database."""
    cfg = repo_config()
    seats = seats or {}
    out = [
        "[bot]",
        f"address = {_toml(cfg.bot.address)}",
        f"display_name = {_toml(cfg.bot.display_name)}",
        'language = "sv"',
        "check_deliverability = false",
        f"database = {_toml(directory / 'mailbot.sqlite3')}",
        f"templates = {_toml(REPO / 'mailbot' / 'templates')}",
        "",
        "[organiser]",
        f"name = {_toml(cfg.organiser.name)}",
        f"title = {_toml(cfg.organiser.title)}",
        f"address = {_toml(cfg.organiser.address)}",
        "",
        "[imap]",
        f"host = {_toml(imap.host)}",
        f"port = {imap.port}",
        'tls = "none"',
        f"username = {_toml(imap.username)}",
        f"password_env = {_toml(IMAP_PASSWORD_ENV)}",
        f"folder = {_toml(imap.folder)}",
        f"done_folder = {_toml(imap.done_folder)}",
        f"idle = {_toml(imap.idle)}",
        f"poll_seconds = {imap.poll_seconds}",
        "",
        "[smtp]",
        f'host = "{testservers.LOOPBACK}"',
        f"port = {smtp_port}",
        'tls = "none"',
        "",
        "[security]",
        "max_replies_per_sender_per_hour = 10",
        "",
    ]
    for s in cfg.seminars:
        out += [
            "[[seminars]]",
            f"id = {_toml(s.id)}",
            f"title = {_toml(s.title)}",
            f"starts = {_toml(s.starts)}",
            f"ends = {_toml(s.ends)}",
            f"timezone = {_toml(s.timezone)}",
            f"location = {_toml(s.location)}",
            f"deadline = {_toml(s.deadline.astimezone(s.starts.tzinfo))}",
            f"reminders = {_toml([r.label for r in s.reminders])}",
            f"waitlist = {_toml(s.waitlist)}",
            "",
        ]
    out += ["[seats]", *(f"{k} = {v}" for k, v in cfg.seats.items()), ""]
    for a in cfg.actors:
        out += [
            "[[actors]]",
            f"name = {_toml(a.name)}",
            f"kind = {_toml(a.kind)}",
            f"domains = {_toml(a.domains)}",
            f"aliases = {_toml(a.aliases)}",
            f"seminar = {_toml(a.seminar)}",
        ]
        if a.name in seats or a.seats is not None:
            out.append(f"seats = {seats.get(a.name, a.seats)}")
        out.append("")
    path = directory / "config.toml"
    path.write_text("\n".join(out), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the SMTP sink

_SINK_SCRIPT = r"""
import re, sys, threading, time
sys.path.insert(0, sys.argv[2])
import servers as testservers

IN_REPLY_TO = re.compile(rb"^In-Reply-To:\s*(<[^>\r\n]*>)", re.I | re.M)

class TimedSink(testservers.SmtpSink):
    # Keeps the acceptance time and In-Reply-To of each message, not its bytes.
    def _record(self, message):
        head = message.data.split(b"\r\n\r\n", 1)[0]
        found = IN_REPLY_TO.search(head)
        with self._lock:
            self.times.append(time.monotonic())
            self.parents.append(found.group(1).decode() if found else "")

sink = TimedSink(port=int(sys.argv[1]))
sink.times, sink.parents = [], []
sink.start()
print("ready", flush=True)
for line in sys.stdin:
    command = line.strip()
    with sink._lock:
        if command == "count":
            print(len(sink.times), sink.times[-1] if sink.times else 0.0, flush=True)
        elif command == "dump":
            print(repr(list(zip(sink.times, sink.parents))), flush=True)
        elif command == "reset":
            sink.times.clear(); sink.parents.clear()
            print("ok", flush=True)
sink.stop()
"""


class SinkProcess:
    """testservers.SmtpSink in a process of its own, so that its CPU (aiosmtpd parses every
    line in Python) is not taken from the client measured, nor shared through one GIL with it.
    Records when each message was accepted (CLOCK_MONOTONIC: the same clock in every process)."""

    def __init__(self) -> None:
        self.port = testservers.free_port()
        self.host = testservers.LOOPBACK
        self._proc = subprocess.Popen(
            [sys.executable, "-c", _SINK_SCRIPT, str(self.port), str(REPO / "tests")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._ask_line() == "ready"

    def _ask_line(self, command: str | None = None) -> str:
        assert self._proc.stdin and self._proc.stdout
        if command is not None:
            self._proc.stdin.write(command + "\n")
            self._proc.stdin.flush()
        return self._proc.stdout.readline().strip()

    def count(self) -> tuple[int, float]:
        n, last = self._ask_line("count").split()
        return int(n), float(last)

    def dump(self) -> list[tuple[float, str]]:
        import ast

        return list(ast.literal_eval(self._ask_line("dump")))

    def reset(self) -> None:
        self._ask_line("reset")

    def close(self) -> None:
        if self._proc.stdin:
            with contextlib.suppress(OSError):
                self._proc.stdin.close()
        try:
            self._proc.wait(10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()

    def __enter__(self) -> SinkProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --------------------------------------------------------------------------- servers, mailbot


def fresh_dovecot() -> testservers.Dovecot:
    server = testservers.Dovecot()
    server.start()
    return server


def deliver(server: testservers.ImapServer, messages: Sequence[Message]) -> None:
    """APPEND in arrival order, each run of equal arrival times as one batch (MULTIAPPEND)."""
    with testservers.ImapPeer.to(server) as peer:
        start = 0
        while start < len(messages):
            end = start
            while end < len(messages) and messages[end].received_at == messages[start].received_at:
                end += 1
            chunk = [m.raw for m in messages[start:end]]
            peer.append(chunk, internal_date=messages[start].received_at)
            start = end


def start_mailbot(
    config_path: Path, password: str, *, log: Path | None = None
) -> subprocess.Popen[bytes]:
    env = {**os.environ, IMAP_PASSWORD_ENV: password, "PYTHONUNBUFFERED": "1"}
    out = log.open("wb") if log else subprocess.DEVNULL
    # BENCH_WRAP="py-spy record -o profile.svg --" profiles the service (not for timing).
    wrap = os.environ.get("BENCH_WRAP", "").split()
    return subprocess.Popen(
        [*wrap, MAILBOT, "run", "--config", str(config_path)],
        cwd=config_path.parent,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=out,
        stderr=subprocess.STDOUT,
    )


def stop(process: subprocess.Popen[bytes], timeout_s: float = 10.0) -> int:
    """SIGTERM (a clean stop), then SIGKILL if it does not go."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


def process_tree(pid: int) -> list[int]:
    """pid and its descendants (a service may start a worker process)."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
    return found


def proc_status_kb(pid: int, field: str) -> int:
    """A `kB` field of /proc/<pid>/status (VmHWM: peak RSS, VmRSS: now); 0 if gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process and its children so far (/proc/<pid>/stat)."""
    total = 0
    for p in process_tree(pid):
        with contextlib.suppress(OSError), open(f"/proc/{p}/stat") as f:
            fields = f.read().rpartition(")")[2].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def load_average() -> float:
    return os.getloadavg()[0]


def peak_rss_mb(pid: int) -> float:
    """Peak RSS (VmHWM) of the process and its children, summed, in MB (10^6 bytes)."""
    return sum(proc_status_kb(p, "VmHWM") for p in process_tree(pid)) * 1024 / 1e6


def database_progress(db: Path) -> tuple[int, int, int]:
    """(messages decided, replies still queued, replies sent), read from mailbot's database."""
    import sqlite3

    if not db.exists():
        return 0, 0, 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            decided = conn.execute(
                "SELECT COUNT(*) FROM messages WHERE state != 'received'"
            ).fetchone()[0]
            rows = dict(conn.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status"))
        finally:
            conn.close()
    except sqlite3.Error:
        return 0, 0, 0
    return int(decided), int(rows.get("queued", 0)), int(rows.get("sent", 0))


def outbox_mails(db: Path) -> list[tuple[str, list[str], bytes]]:
    """(mail_from, recipients, bytes) of every reply mailbot queued: the raw benchmark resends
    exactly these."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [
            (r[0], json.loads(r[1]) + json.loads(r[2]), bytes(r[3]))
            for r in conn.execute("SELECT mail_from, to_json, cc_json, raw FROM outbox ORDER BY id")
        ]
    finally:
        conn.close()


# --------------------------------------------------------------------------- reporting


def machine() -> str:
    model = ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as f:
        model = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), "")
    return (
        f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {os.cpu_count()} cores"
        f" ({model or platform.machine()}); Python {platform.python_version()}"
        f" ({sys.executable}); {platform.system()} {platform.release()}"
    )


def summary(values: Sequence[float], unit: str = "", digits: int = 2) -> str:
    """median [min–max] (±half-spread % of the median)."""
    if not values:
        return "n/a"
    med = statistics.median(values)
    lo, hi = min(values), max(values)
    spread = f" ±{(hi - lo) / 2 / med * 100:.0f} %" if med and len(values) > 1 else ""
    return f"{med:.{digits}f}{unit} [{lo:.{digits}f}–{hi:.{digits}f}]{spread}"


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


@contextlib.contextmanager
def timed() -> Iterator[list[float]]:
    box: list[float] = []
    start = time.perf_counter()
    try:
        yield box
    finally:
        box.append(time.perf_counter() - start)


# --------------------------------------------------------------------------- one mailbot run


@dataclasses.dataclass
class MailbotRun:
    seconds: float  # spawn → the last reply accepted by the sink
    first_reply_s: float  # spawn → the first reply accepted (start-up included)
    replies: int
    peak_rss_mb: float
    cpu_s: float  # the service's own CPU time (user + system): less sensitive to other load
    load: float  # the 1-minute load average when it finished (2 cores: above ~3, others run)
    rss_samples_mb: list[float]
    exit_code: int
    outcomes: dict[str, int]


def run_mailbot_until_done(
    directory: Path,
    server: testservers.Dovecot,
    sink: SinkProcess,
    expected_messages: int,
    *,
    seats: dict[str, int] | None = None,
    timeout_s: float = 900.0,
    poll_s: float = 0.1,
) -> MailbotRun:
    """Start `mailbot run` on these servers and wait until every message is decided, no reply
    is left queued and the sink holds every reply; then read its peak RSS and stop it."""
    sink.reset()
    imap = server.settings(idle=True)
    path = write_config(directory, imap=imap, smtp_port=sink.port, seats=seats)
    db = directory / "mailbot.sqlite3"
    start = time.monotonic()
    process = start_mailbot(path, server.password, log=directory / "mailbot.log")
    samples: list[float] = []
    peak = cpu = 0.0
    try:
        deadline = start + timeout_s
        while True:
            time.sleep(poll_s)
            if process.poll() is not None:
                raise RuntimeError(
                    f"mailbot exited with {process.returncode}:\n"
                    + (directory / "mailbot.log").read_text(errors="replace")[-3000:]
                )
            samples.append(sum(proc_status_kb(p, "VmRSS") for p in process_tree(process.pid)) / 1e3)
            decided, queued, sent = database_progress(db)
            received, _ = sink.count()
            if decided >= expected_messages and queued == 0 and received >= sent > 0:
                break
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"after {timeout_s:.0f} s: {decided}/{expected_messages} decided, "
                    f"{queued} queued, {received}/{sent} received"
                )
        peak = peak_rss_mb(process.pid)
        cpu = cpu_seconds(process.pid)
    finally:
        code = stop(process)
    times = [t for t, _ in sink.dump()]
    return MailbotRun(
        seconds=max(times) - start,
        first_reply_s=min(times) - start,
        replies=len(times),
        peak_rss_mb=peak,
        cpu_s=cpu,
        load=load_average(),
        rss_samples_mb=samples,
        exit_code=code,
        outcomes=outcome_counts(db),
    )


def outcome_counts(db: Path) -> dict[str, int]:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT outcome, COUNT(*) FROM outcomes GROUP BY outcome"))
    finally:
        conn.close()
