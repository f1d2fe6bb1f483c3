"""Messages per second through parse + decide + render + commit, with no network at all.

    python benchmarks/core.py --n 2000 [--repeat 3] [--profile] [--pyinstrument]

Runs the same `pipeline` calls `mailbot run` makes on a fresh temporary store (SQLite with
`synchronous=FULL`, as in production), then prints the time per stage and, with `--profile`,
the top of a cProfile of the whole run (`--pyinstrument` if it is installed: it is not a
dependency of mailbot).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import common

from mailbot import config as config_mod
from mailbot import parsing, pipeline, replies, template_files
from mailbot.decide import Inbound, decide
from mailbot.store import Store

STAGES = (
    ("parse", "mailbot/parsing/__init__.py", "read"),
    ("decide", "mailbot/decide/__init__.py", "decide"),
    ("render", "mailbot/replies.py", "render"),
    ("  .ics", "mailbot/replies.py", "calendar_file"),
    ("  as_bytes", "email/message.py", "as_bytes"),
    ("store raw", "mailbot/store/journal.py", "save_raw"),
    ("store decision", "mailbot/store/journal.py", "record"),
)


def setup(directory: Path, n: int, seed: int) -> tuple[config_mod.Config, list[common.Message]]:
    messages = common.generate(n, seed)
    dummy = config_mod.Imap(host="127.0.0.1", port=1, tls="none", username="x")
    path = common.write_config(
        directory, imap=dummy, smtp_port=1, seats=common.seats_for_half(messages)
    )
    return config_mod.load(path, environ={}), messages


def run_pipeline(
    cfg: config_mod.Config, messages: list[common.Message], batch: int
) -> tuple[float, Counter[str], int]:
    """Handle every message as the service does; (seconds, outcomes, replies queued)."""
    cfg.bot.database.unlink(missing_ok=True)
    outcomes: Counter[str] = Counter()
    with Store(cfg.bot.database) as store:
        start = time.perf_counter()
        if batch > 1:
            for i in range(0, len(messages), batch):
                chunk = messages[i : i + batch]
                items = [pipeline.Incoming(m.raw, m.received_at) for m in chunk]
                now = max(m.received_at for m in chunk)
                for result in pipeline.handle_batch(store, cfg, items, now=now):
                    outcomes.update(o.outcome for o in result.outcomes)
        else:
            for m in messages:
                result = pipeline.handle(store, cfg, m.raw, m.received_at, now=m.received_at)
                outcomes.update(o.outcome for o in result.outcomes)
        seconds = time.perf_counter() - start
        queued = sum(store.outbox.counts().values())
    return seconds, outcomes, queued


def stage_rates(
    cfg: config_mod.Config, messages: list[common.Message]
) -> dict[str, tuple[float, float]]:
    """Each pure stage alone: (messages per second, CPU ms per message); render per reply.
    CPU time as well as wall time: on a shared machine the wall clock counts others' work."""
    rates = {}
    clock = _Clock()
    emails = [parsing.read(m.raw) for m in messages]
    rates["parse"] = clock.rate(len(messages))
    from mailbot.state import MemoryState

    state = MemoryState()
    clock = _Clock()
    decisions = [
        decide(Inbound(e, m.received_at), state, cfg, m.received_at)
        for e, m in zip(emails, messages, strict=True)
    ]
    rates["decide (empty state)"] = clock.rate(len(messages))
    mails = [(mail, e) for d, e in zip(decisions, emails, strict=True) for mail in d.mails]
    now = messages[0].received_at
    clock = _Clock()
    templates = template_files.environment(cfg.bot.templates)
    for mail, e in mails:
        replies.render(mail, cfg, now, parent=e, templates=templates)
    rates["render (replies/s)"] = clock.rate(len(mails))
    return rates


class _Clock:
    """Wall and CPU time since it was made."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def rate(self, count: int) -> tuple[float, float]:
        """(count per wall second, CPU ms per one)."""
        wall, cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        return count / wall, cpu / count * 1000


# Typical mails in the forms of issue 9, as the clients send them (tests/corpus/fixtures):
# parsing one must cost under 2 ms.
TYPICAL = (
    "list-outlook-bullets-title-inside-sodertalje",  # Outlook Word HTML, bulleted list
    "table-excel-with-header-huddinge",  # Excel table pasted into Outlook
    "list-gmail-numbered-five-botkyrka",  # Gmail HTML, numbered list of five
)
TYPICAL_TARGET_MS = 2.0


def typical_parse_ms(rounds: int = 100) -> dict[str, float]:
    """CPU milliseconds per `parsing.read` of each typical list/table mail, best of 3 runs of
    `rounds`, with the readers' caches emptied before every read (a new mail has new lines).
    CPU time, not wall time: on a shared machine the wall clock counts other people's work."""
    folder = common.REPO / "tests" / "corpus" / "fixtures"
    result = {}
    for name in TYPICAL:
        raw = (folder / f"{name}.eml").read_bytes()
        parsing.read(raw)
        best = float("inf")
        for _ in range(3):
            spent = 0.0
            for _ in range(rounds):
                _clear_reader_caches()
                start = time.process_time()
                parsing.read(raw)
                spent += time.process_time() - start
            best = min(best, spent / rounds)
        result[name] = best * 1000
    return result


def _clear_reader_caches() -> None:
    for module_name, module in list(sys.modules.items()):
        if module_name.startswith("mailbot.reading") or module_name == "mailbot.actors":
            for value in vars(module).values():
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


def profile(cfg: config_mod.Config, messages: list[common.Message], batch: int, top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    run_pipeline(cfg, messages, batch)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    lines = [f"cProfile of {len(messages)} messages: {total:.2f} s (profiler overhead included)"]
    by_func = stats.stats  # type: ignore[attr-defined]
    for label, file_end, name in STAGES:
        cum = sum(v[3] for (f, _, fn), v in by_func.items() if f.endswith(file_end) and fn == name)
        lines.append(f"  {label:<15} {cum:7.2f} s  {cum / total * 100:5.1f} %")
    sql = sum(v[3] for (_, _, fn), v in by_func.items() if "of 'sqlite3.Connection'" in fn)
    lines.append(f"  {'SQLite calls':<15} {sql:7.2f} s  {sql / total * 100:5.1f} %")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    lines.append("\nTop by own time:")
    lines += [ln for ln in out.getvalue().splitlines() if ln.strip()][3:]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=100, help="messages per transaction")
    parser.add_argument("--profile", action="store_true", help="cProfile one more run")
    parser.add_argument("--pyinstrument", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)

    print(f"machine: {common.machine()}")
    with tempfile.TemporaryDirectory(prefix="mailbot-core-") as tmp:
        cfg, messages = setup(Path(tmp), args.n, args.seed)
        kinds = Counter(m.kind for m in messages)
        size = statistics.mean(len(m.raw) for m in messages)
        print(f"{args.n} messages, mean {size:.0f} bytes: {dict(kinds)}")
        for label, (rate, cpu) in stage_rates(cfg, messages).items():
            print(f"  {label:<22} {rate:8.0f}/s  {cpu:6.3f} ms CPU each")
        for name, ms in typical_parse_ms().items():
            verdict = "ok" if ms < TYPICAL_TARGET_MS else f"over {TYPICAL_TARGET_MS} ms"
            print(f"  parse {name:<48} {ms:6.2f} ms  {verdict}")
        per_message: list[str] = []
        for batch in sorted({1, args.batch}):
            rates: list[float] = []
            cpus: list[float] = []
            for _ in range(args.repeat):
                cpu = time.process_time()
                seconds, outcomes, queued = run_pipeline(cfg, messages, batch)
                cpus.append((time.process_time() - cpu) / args.n * 1000)
                rates.append(args.n / seconds)
            per_message.append(
                f"pipeline, {batch:>3} per transaction: {common.summary(rates, ' msg/s', 0)}"
                f"; CPU {common.summary(cpus, ' ms/msg', 3)}"
            )
        print(f"outcomes: {dict(outcomes)}; replies queued: {queued}")
        for line in per_message:
            print(line)
        if args.profile:
            print()
            print(profile(cfg, messages, args.batch, args.top))
        if args.pyinstrument:
            try:
                import pyinstrument
            except ImportError:
                print("pyinstrument is not installed (pip install pyinstrument)", file=sys.stderr)
                return 1
            profiler = pyinstrument.Profiler()
            with profiler:
                run_pipeline(cfg, messages, args.batch)
            print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
