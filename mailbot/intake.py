"""The intake: fetched messages into the pipeline, one log line each (no names above DEBUG)."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence

from mailbot import imap, pipeline
from mailbot.clock import Clock
from mailbot.config import Config
from mailbot.inbox import Source
from mailbot.store import Store

log = logging.getLogger("mailbot.service")


class PipelineIntake:
    """Hands fetched messages to `pipeline.handle` (INTERNALDATE as the received time, §7) and
    logs one line per message; `on_commit` wakes the outbox after each commit."""

    def __init__(
        self, store: Store, config: Config, clock: Clock, on_commit: Callable[[], None]
    ) -> None:
        self._store = store
        self._config = config
        self._clock = clock
        self._on_commit = on_commit

    def known(self, source: Source) -> bool:
        stored = self._store.messages.find_by_uid(*source)
        return stored is not None and stored.state != "received"

    def take(self, message: imap.Fetched, source: Source) -> bool:
        return self.take_many([(message, source)])[0]

    def take_many(self, messages: Sequence[tuple[imap.Fetched, Source]]) -> list[bool]:
        started = time.perf_counter()
        results = pipeline.handle_batch(
            self._store,
            self._config,
            [pipeline.Incoming(m.raw, m.received_at, source, m.size) for m, source in messages],
            now=self._clock(),
        )
        each = (time.perf_counter() - started) / max(1, len(messages))
        for (_, source), result in zip(messages, results, strict=True):
            log_handled(result, each, source)
        if any(result.status in ("handled", "set-aside") for result in results):
            self._on_commit()
        return [result.status != "retry" for result in results]


def decide_unfinished(store: Store, config: Config, clock: Clock) -> int:
    """Decide the messages a crash left stored but undecided (§12), before reading new mail."""
    left = store.messages.unfinished()
    for stored, raw, received_at in left:
        started = time.perf_counter()
        size = stored.size if stored.size is not None else len(raw)
        result = pipeline.decide_stored(store, config, stored, raw, received_at, clock(), size)
        log_handled(result, time.perf_counter() - started, None)
    if left:
        log.info("decided %d messages left undecided by an earlier stop", len(left))
    return len(left)


def log_handled(result: pipeline.Handled, seconds: float, source: Source | None) -> None:
    """One line per message, key=value: what became of it, no names or addresses (those at
    DEBUG only), the error as its type only (its text may quote the message)."""
    outcomes = Counter(f"{o.outcome}({o.rule})" for o in result.outcomes)
    fields = [
        f"uid={source[2]} uidvalidity={source[1]}" if source else "uid=-",
        f"message={result.message}",
        f"status={result.status}",
        "outcomes=" + (",".join(_counted(k, n) for k, n in outcomes.items()) or "-"),
        f"ms={seconds * 1000:.1f}",
    ]
    if result.released:
        fields.append(f"released={len(result.released)}")
    if result.error:
        fields.append(f"error={result.error.partition(':')[0]}")
    log.info("message %s", " ".join(fields))
    if log.isEnabledFor(logging.DEBUG):
        people = [o.participant for o in result.outcomes if o.participant]
        log.debug("message=%s sender=%s participants=%s", result.message, result.sender, people)


def _counted(key: str, n: int) -> str:
    return key if n == 1 else f"{key}x{n}"
