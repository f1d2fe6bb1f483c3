"""asyncio helpers of the service: blocking work in a daemon thread, and "the first of these"."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


def in_thread(work: Callable[[], T], name: str) -> asyncio.Future[T]:
    """Run blocking `work` in a daemon thread, as a future of its result.

    Not `asyncio.to_thread`: its executor threads are joined at exit, so a thread stuck in a
    socket read could hold the process past SIGTERM's 10 s. A daemon thread is left behind,
    and what it had in hand is taken again at the next start.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(outcome: tuple[T] | BaseException) -> None:
        if future.done():
            return
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome[0])

    def target() -> None:
        outcome: tuple[T] | BaseException
        try:
            outcome = (work(),)
        except BaseException as e:
            outcome = e
        with contextlib.suppress(RuntimeError):  # the loop is gone: nobody waits any more
            loop.call_soon_threadsafe(settle, outcome)

    threading.Thread(target=target, name=name, daemon=True).start()
    return future


async def first_of(*waits: Awaitable[object], timeout: float | None = None) -> None:
    """Return when the first of `waits` is done (or at `timeout`). Coroutines given are
    cancelled afterwards; futures given are left alone (they belong to someone else)."""
    owned = [asyncio.ensure_future(w) for w in waits if asyncio.iscoroutine(w)]
    futures = [w for w in waits if isinstance(w, asyncio.Future)] + owned
    try:
        await asyncio.wait(futures, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in owned:
            task.cancel()
