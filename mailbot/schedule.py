"""The scheduler shell: when to look for due work, and the transaction that queues it (§7 §8).

What is due is decided by `due.due` from the database alone; this module only decides *when to
look* and makes each look one `BEGIN IMMEDIATE` transaction: read what is done, queue what is not,
record it as done, commit. Two looks at the same instant — a timer and the safety sweep, a retry,
a second bot process on the same file — therefore queue nothing twice: the second waits for the
first's write lock and then finds the markers. Nothing depends on APScheduler running any
particular job: a lost, late or doubled job only moves a look in time.

`tick(store, config, now)` is the synchronous look (`mailbot tick`, tests, the service's thread).

`Scheduler` is what `mailbot run` uses, inside its running event loop:

    scheduler = Scheduler(lambda: Store(config.bot.database), config, clock, on_tick=callback)
    scheduler.start()            # needs a running loop; looks at once, then at each wake-up
    ...
    decision = await scheduler.look("after inbox catch-up")   # optional: look right now
    ...
    await scheduler.shutdown()   # stops the timers, waits for a look in progress to finish

- `store`: a `Store`, or a factory returning a new `Store` (preferred: each look opens its own
  connection in the worker thread and closes it, so it never shares a connection with the
  service's other threads). Pass a `Store` only if nothing else uses it meanwhile.
- `clock`: returns the current aware time; a test clock may run ahead of or behind the real one
  (the offset is measured at `start()`, and timers fire at the real time matching each instant).
- `on_tick(decision)`: called on the loop after each completed look, sync or async; e.g. to wake
  the outbox sender when `decision.mails` is not empty. Its errors are logged, not raised. A look
  that raises (database locked for over a minute, a broken template) is logged and retried by
  the next one; nothing of it was committed.
- Jobs: one date job per future deadline or reminder instant (`timetable.next_wakeups`), one for the
  next daily digest (`timetable.next_slot`, planned again after each digest look), plus an
  interval sweep every `sweep` (default 10 min) that also runs at start. UTC scheduler timezone,
  memory job store, `coalesce=True`, no misfire limit: a late look is still a useful look.
- The database work runs in a worker thread (`asyncio.to_thread`); looks are serialised by a
  lock. A look may hold the write lock for a few seconds when hundreds of reminders are rendered.
- Start the scheduler after the first inbox catch-up if you can: then mail that arrived on time
  while the bot was down is in the deadline report sent by the first look.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from mailbot import decide, digest, due, pipeline, privacy, timetable
from mailbot.clock import utcnow
from mailbot.config import Config
from mailbot.model import Decision
from mailbot.store import Store, storage_problem

log = logging.getLogger("mailbot.schedule")

Clock = Callable[[], dt.datetime]
OnTick = Callable[[Decision], Any]

SWEEP = dt.timedelta(minutes=10)
# Timers fire this long after an instant, so that a clock a hair behind the timer's does not make
# the look find nothing yet (it would then wait for the sweep).
SLACK = dt.timedelta(seconds=1)
DIGEST_LOOK = "daily digest"


def tick(store: Store, config: Config, now: dt.datetime) -> Decision:
    """Look once at `now`: fill freed seats (§5), then queue due reports and reminders.

    All in one write transaction, so the check ("not yet done") and the record ("done") cannot be
    separated by another process. Returns what was decided: promotions, then scheduled mails.
    """
    with store.transaction():
        # Raised seats in config promote at the next start (§5); each tick is such a start.
        seats = pipeline.run_command(
            store, config, "seats check", lambda s: decide.fill_freed_seats(s, config, now), now
        )
        # The deadline report and the digest count seats as the organiser set them by mail (§14).
        applied = store.cases.applied(config)
        work = _with_digest(due.due(applied, store, now), digest.digest_due(applied, store, now))
        if work.mails or work.scheduled:
            subject = describe(work, now)
            pipeline.record_entry(
                store, config, "tick", subject, work, now, sender=config.bot.address
            )
            log.info("%s", subject)
    # Retention (privacy.py): after the transaction, since its VACUUM cannot run inside one.
    privacy.apply_retention(store, config, now)
    return replace(
        work,
        outcomes=seats.outcomes,
        registrations=seats.registrations,
        mails=seats.mails + work.mails,
    )


def _with_digest(work: Decision, found: digest.Due | None) -> Decision:
    """The look's work plus the daily digest, or the mark of a day with nothing to tell."""
    if found is None:
        return work
    mails = work.mails if found.mail is None else (*work.mails, found.mail)
    return replace(work, mails=mails, scheduled=(*work.scheduled, found.marker))


def describe(work: Decision, now: dt.datetime) -> str:
    """The journal's subject line for a look that queued something."""
    parts: list[str] = []
    reminders: dict[tuple[str, str], int] = {}
    for kind, seminar, key in work.scheduled:
        if kind == timetable.REPORT:
            parts.append(f"deadline report {seminar}")
        elif kind == timetable.DIGEST:
            quiet = key.endswith(timetable.QUIET)
            day = key.removesuffix(timetable.QUIET)
            parts.append(f"no digest {day}: nothing changed" if quiet else f"digest {day}")
        else:
            label = key.rpartition(":")[2]
            reminders[(seminar, label)] = reminders.get((seminar, label), 0) + 1
    parts += [f"{n} reminders {label} {seminar}" for (seminar, label), n in reminders.items()]
    return f"mailbot tick {now.isoformat(timespec='seconds')}: {', '.join(parts)}"


class Scheduler:
    """Looks for due work at start, at each deadline and reminder instant, and every `sweep`."""

    def __init__(
        self,
        store: Store | Callable[[], Store],
        config: Config,
        clock: Clock = utcnow,
        *,
        on_tick: OnTick | None = None,
        sweep: dt.timedelta = SWEEP,
    ) -> None:
        self._store = store
        self._config = config
        self._clock = clock
        self._on_tick = on_tick
        self._sweep = sweep
        self._lock = asyncio.Lock()
        self._scheduler = AsyncIOScheduler(
            timezone=dt.UTC,
            jobstores={"default": MemoryJobStore()},
            job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
        )
        self.last_look: dt.datetime | None = None  # clock time of the last completed look
        self._offset = dt.timedelta(0)
        self._stopping = False

    @property
    def running(self) -> bool:
        return bool(self._scheduler.running)

    def start(self) -> None:
        """Plan the wake-ups and start the timers; call from inside the running event loop."""
        real = dt.datetime.now(dt.UTC)
        now = self._clock()
        offset = now - real  # a test clock's distance from the real one; ~0 in production
        wakeups = timetable.next_wakeups(self._config, now)
        for at, what in wakeups:
            # In UTC before adding: arithmetic on a zoned datetime is wall-clock arithmetic.
            fire = at.astimezone(dt.UTC) - offset + SLACK
            self._scheduler.add_job(
                self._look_logged,
                DateTrigger(run_date=fire, timezone=dt.UTC),
                args=(what,),
                id=f"{at.astimezone(dt.UTC).isoformat()} {what}",
                name=what,
                replace_existing=True,
            )
        self._scheduler.add_job(
            self._look_logged,
            IntervalTrigger(seconds=self._sweep.total_seconds(), timezone=dt.UTC),
            args=("sweep",),
            id="sweep",
            name="safety sweep",
            next_run_time=real,  # the look at start (§12)
            replace_existing=True,
        )
        self._offset = offset
        self._plan_digest(now)
        self._scheduler.start()
        log.info("scheduler started: %d wake-ups planned", len(wakeups))

    def _plan_digest(self, now: dt.datetime) -> None:
        """One timer for the next digest time (§14); each digest look plans the next one."""
        at = timetable.next_slot(self._config, now)
        if at is None:
            return
        self._scheduler.add_job(
            self._look_logged,
            DateTrigger(run_date=at - self._offset + SLACK, timezone=dt.UTC),
            args=(DIGEST_LOOK,),
            id=DIGEST_LOOK,
            name=DIGEST_LOOK,
            replace_existing=True,
        )

    def planned(self) -> list[tuple[dt.datetime, str]]:
        """The timers as APScheduler holds them: (real fire time, what), earliest first."""
        jobs = [(j.next_run_time, j.name) for j in self._scheduler.get_jobs()]
        return sorted((t, n) for t, n in jobs if t is not None)

    async def look(self, why: str = "asked") -> Decision:
        """Look for due work now, off the event loop; raises what the look raised."""
        async with self._lock:
            now = self._clock()
            work = asyncio.ensure_future(asyncio.to_thread(self._tick, now))
            # Shielded: cancelling this caller (scheduler shutdown) must not orphan the thread's
            # transaction, nor let the next look start on the same store before it ends.
            try:
                decision = await asyncio.shield(work)
            except asyncio.CancelledError:
                await asyncio.wait({work})
                raise
            self.last_look = now
        log.debug("look (%s) at %s: %d mails", why, now.isoformat(), len(decision.mails))
        if self._on_tick is not None:
            try:
                result = self._on_tick(decision)
                if inspect.isawaitable(result):
                    await result
            except Exception:
                log.exception("on_tick callback failed")
        return decision

    async def shutdown(self) -> None:
        """Stop the timers and wait for a look in progress (its transaction commits or not)."""
        if self._scheduler.running and not self._stopping:
            self._stopping = True  # APScheduler's running flag drops only in a later callback
            # Deferred to a loop callback: it cancels the job tasks, and a look in its thread
            # keeps the lock until the thread is done (see `look`).
            self._scheduler.shutdown(wait=False)
            await asyncio.sleep(0)
        async with self._lock:
            pass
        for _ in range(3):
            await asyncio.sleep(0)  # let cancelled job tasks finish

    async def _look_logged(self, why: str) -> None:
        """A job: a failed look is logged and left to the next one (nothing was committed)."""
        if self._stopping:
            return
        try:
            await self.look(why)
            if why == DIGEST_LOOK:
                self._plan_digest(self._clock())
        except asyncio.CancelledError:
            if not self._stopping:
                raise
            # Cancelled by our own shutdown while waiting for the lock: not an error to log.
        except Exception as e:
            if (problem := storage_problem(e)) is not None:  # the inbox and outbox say more
                log.error("scheduled look (%s): %s; the next look retries", why, problem)
                return
            log.exception("scheduled look (%s) failed; the next look retries", why)

    def _tick(self, now: dt.datetime) -> Decision:
        if isinstance(self._store, Store):
            return tick(self._store, self._config, now)
        store = self._store()
        try:
            return tick(store, self._config, now)
        finally:
            store.close()
