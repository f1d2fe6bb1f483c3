"""How long one registration waits for its answer, with `mailbot run` idling.

    python benchmarks/latency.py [--n 200] [--poll-n 20] [--server dovecot|pymap]

A real `mailbot run` (IDLE on) waits on a private Dovecot (or pymap); registrations are
APPENDed one at a time, 0.3–0.5 s apart, and each is timed from the end of its APPEND to the
sink's acceptance of its reply (matched by In-Reply-To). Dovecot tells IDLE clients about new
mail only up to ~0.5 s after it arrives (NOTES.md), so mailbot talks to the server through a
small TCP proxy that notes when the server's `* n EXISTS` for each message passed: from there
to the reply is mailbot's own part. The same delay is also measured with a plain imapclient
IDLE connection and no mailbot. pymap notifies at once (`--server pymap`).

Then again with IDLE off, polling every 2 s (`--poll-n` messages): the wait is then mostly the
poll interval.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import random
import re
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import common
import imapclient

import servers as testservers


class IdleWatcher:
    """A plain IDLE client: when did the server report the k-th new message (k = 1, 2, …)?

    It follows the folder's size through EXISTS and EXPUNGE (mailbot moves each message away),
    so the k-th message to arrive is the k-th one reported, whatever the batching."""

    def __init__(self, server: testservers.ImapServer, folder: str = "INBOX") -> None:
        self.client = imapclient.IMAPClient(server.host, server.port, ssl=False, timeout=30)
        testservers.nodelay(self.client)
        self.client.login(server.username, server.password)
        info = self.client.select_folder(folder)
        self._count = int(info[b"EXISTS"])
        self.seen: list[float] = []  # when the k-th new message was reported
        self.error = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self.client.idle()
        self._thread.start()

    def _watch(self) -> None:
        try:
            while not self._stop.is_set():
                responses = self.client.idle_check(timeout=0.2)
                now = time.monotonic()
                for response in responses:
                    self._note(response, now)
        except Exception as e:  # imapclient's idle_check cannot read all of pymap's IDLE output
            self.error = f"{type(e).__name__}: {e}"

    def _note(self, response: Any, now: float) -> None:
        if not (isinstance(response, tuple) and len(response) >= 2):
            return
        number, kind = response[0], response[1]
        if kind == b"EXISTS" and isinstance(number, int):
            self.seen += [now] * max(0, number - self._count)
            self._count = number
        elif kind == b"EXPUNGE":
            self._count -= 1

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        try:
            self.client.idle_done()
            self.client.logout()
        except Exception:  # a benchmark's watcher: the server may be gone already
            pass


class ExistsProxy:
    """A TCP proxy between mailbot and the IMAP server that notes when the server tells mailbot
    about each new message: the `* n EXISTS` lines (followed through `* n EXPUNGE`, literals
    skipped) in the server's stream, whichever command or IDLE they come with."""

    _LINE = re.compile(rb"\* (\d+) (EXISTS|EXPUNGE)")
    _LITERAL = re.compile(rb"\{(\d+)\}$")

    def __init__(self, host: str, port: int) -> None:
        self.upstream = (host, port)
        self.port = testservers.free_port()
        self.seen: list[float] = []  # when the k-th new message was told to mailbot
        self._loop = asyncio.new_event_loop()
        ready = threading.Event()
        self._thread = threading.Thread(target=self._main, args=(ready,), daemon=True)
        self._thread.start()
        ready.wait(5)

    def _main(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._client, testservers.LOOPBACK, self.port)
        )
        ready.set()
        self._loop.run_forever()
        server.close()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        for w in (writer, up_writer):
            w.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        await asyncio.gather(
            self._pipe(reader, up_writer, None), self._pipe(up_reader, writer, _Scanner(self))
        )

    @staticmethod
    async def _pipe(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter, scanner: _Scanner | None
    ) -> None:
        try:
            while data := await reader.read(65536):
                if scanner is not None:
                    scanner.feed(data, time.monotonic())
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)


class _Scanner:
    """Follows one connection's mailbox size through the server's lines."""

    def __init__(self, proxy: ExistsProxy) -> None:
        self.proxy = proxy
        self.buffer = b""
        self.skip = 0
        self.count: int | None = None  # set by the SELECT's EXISTS

    def feed(self, data: bytes, now: float) -> None:
        self.buffer += data
        while True:
            if self.skip:
                taken = min(self.skip, len(self.buffer))
                self.buffer, self.skip = self.buffer[taken:], self.skip - taken
                if self.skip:
                    return
            end = self.buffer.find(b"\r\n")
            if end < 0:
                return
            line, self.buffer = self.buffer[:end], self.buffer[end + 2 :]
            literal = ExistsProxy._LITERAL.search(line)
            if literal:
                self.skip = int(literal.group(1))
                continue
            found = ExistsProxy._LINE.fullmatch(line)
            if found and found.group(2) == b"EXISTS":
                number = int(found.group(1))
                if self.count is not None and number > self.count:
                    self.proxy.seen += [now] * (number - self.count)
                self.count = number
            elif found and self.count is not None:
                self.count -= 1


def start_server(kind: str) -> testservers.Dovecot | testservers.Pymap:
    server = testservers.Dovecot() if kind == "dovecot" else testservers.Pymap()
    server.start()
    return server


def wait_caught_up(db: Path, timeout_s: float = 30.0) -> None:
    import sqlite3

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if db.exists():
            try:
                conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
                try:
                    row = conn.execute("SELECT 1 FROM health WHERE key = 'last_poll'").fetchone()
                finally:
                    conn.close()
                if row:
                    return
            except sqlite3.Error:
                pass
        time.sleep(0.05)
    raise TimeoutError("mailbot did not finish its first catch-up")


def one_series(
    kind: str,
    sink: common.SinkProcess,
    messages: list[common.Message],
    *,
    idle: bool,
    poll_seconds: int,
    spacing: tuple[float, float],
    seed: int,
) -> tuple[list[float], list[float], list[float]]:
    """Seconds, one per message: APPEND answered → reply accepted; the server's EXISTS to
    mailbot → reply accepted (mailbot's own part); APPEND answered → that EXISTS."""
    rng = random.Random(seed)
    sink.reset()
    with start_server(kind) as server, tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        directory.chmod(0o755)
        proxy = ExistsProxy(server.host, server.port)
        imap = dataclasses.replace(
            server.settings(idle=idle, poll_seconds=poll_seconds), port=proxy.port
        )
        path = common.write_config(directory, imap=imap, smtp_port=sink.port)
        process = common.start_mailbot(path, server.password, log=directory / "mailbot.log")
        try:
            wait_caught_up(directory / "mailbot.sqlite3")
            appended = append_spaced(server, messages, rng, spacing)
            deadline = time.monotonic() + 30 + poll_seconds
            # Wait for an answer to each message, not for a number of mails: a message about
            # several people is answered with several (confirmations and the sender's summary).
            wanted = {mid for _, mid in appended}
            while time.monotonic() < deadline:
                if wanted <= {parent for _, parent in sink.dump()}:
                    break
                time.sleep(0.05)
            if process.poll() is not None:
                raise RuntimeError(f"mailbot exited with {process.returncode}")
        finally:
            common.stop(process)
            proxy.close()
    replied = {parent: t for t, parent in sink.dump()}
    missing = [mid for _, mid in appended if mid not in replied]
    if missing:
        raise RuntimeError(f"{len(missing)} of {len(appended)} messages got no reply")
    if len(proxy.seen) < len(appended):
        raise RuntimeError(f"the proxy saw {len(proxy.seen)} of {len(appended)} EXISTS")
    total = [replied[mid] - at for at, mid in appended]
    told = zip(appended, proxy.seen, strict=False)
    return (
        total,
        [replied[mid] - t for (_, mid), t in told],
        [t - at for (at, _), t in zip(appended, proxy.seen, strict=False)],
    )


def notify_delays(
    kind: str, messages: list[common.Message], spacing: tuple[float, float], seed: int
) -> list[float]:
    """Seconds from the end of each APPEND to the server's EXISTS, told to a plain IDLE client
    (no mailbot running: mailbot moving a message away first can hide it from the watcher)."""
    with start_server(kind) as server:
        watcher = IdleWatcher(server)
        try:
            appended = append_spaced(server, messages, random.Random(seed), spacing)
            deadline = time.monotonic() + 10
            while len(watcher.seen) < len(appended) and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            watcher.close()
    if len(watcher.seen) < len(appended):
        print(
            f"  (the plain IDLE client saw {len(watcher.seen)} of {len(appended)}: {watcher.error})"
        )
    return [seen - at for (at, _), seen in zip(appended, watcher.seen, strict=False)]


def append_spaced(
    server: testservers.ImapServer,
    messages: list[common.Message],
    rng: random.Random,
    spacing: tuple[float, float],
) -> list[tuple[float, str]]:
    """APPEND one at a time; (when each APPEND was answered, its Message-ID)."""
    appended = []
    with testservers.ImapPeer.to(server) as peer:
        peer.ensure_folder("INBOX")
        for m in messages:
            time.sleep(rng.uniform(*spacing))
            peer.client.append("INBOX", m.raw, msg_time=m.received_at)
            appended.append((time.monotonic(), m.message_id))
    return appended


def describe(label: str, values: list[float]) -> str:
    if not values:
        return f"  {label:<34} n/a"
    ms = [v * 1000 for v in values]
    p = {q: common.percentile(ms, q) for q in (50, 95, 99)}
    return (
        f"  {label:<34} p50 {p[50]:6.1f}  p95 {p[95]:6.1f}  p99 {p[99]:6.1f}"
        f"  max {max(ms):6.1f} ms  (n={len(ms)})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="messages with IDLE on")
    parser.add_argument("--poll-n", type=int, default=20, help="messages with IDLE off")
    parser.add_argument("--poll-seconds", type=int, default=2)
    parser.add_argument("--server", choices=("dovecot", "pymap"), default="dovecot")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    print(f"machine: {common.machine()}")
    spacing = (0.3, 0.5)
    with common.SinkProcess() as sink:
        messages = common.generate(args.n, args.seed, single=True)
        total, own, told = one_series(
            args.server, sink, messages, idle=True, poll_seconds=60, spacing=spacing,
            seed=args.seed,
        )  # fmt: skip
        probe = common.generate(min(args.n, 50), args.seed + 2, single=True)
        notify = notify_delays(args.server, probe, spacing, args.seed)
        print(f"{args.server}, IDLE on, {args.n} single registrations 0.3–0.5 s apart:")
        print(describe("append → reply accepted", total))
        print(describe("server's EXISTS → reply (mailbot)", own))
        print(describe("append → EXISTS to mailbot", told))
        print(describe("append → EXISTS, plain IDLE client", notify))
        if args.poll_n:
            messages = common.generate(args.poll_n, args.seed + 1, single=True)
            total, own, _ = one_series(
                args.server, sink, messages, idle=False, poll_seconds=args.poll_seconds,
                spacing=spacing, seed=args.seed,
            )  # fmt: skip
            print(f"{args.server}, IDLE off, polling every {args.poll_seconds} s:")
            print(describe("append → reply accepted", total))
            print(describe("server's EXISTS → reply (mailbot)", own))
    return 0


if __name__ == "__main__":
    sys.exit(main())
