"""A stop that falls while `mailbot run` starts its outbox process (SPEC §12, §13): a Ctrl-C or
a SIGTERM to the whole group (as a terminal and systemd send them) while the child is still
starting Python, unpickling its arguments and importing mailbot. The service exits 0 and the log
has no traceback: the child holds both signals until its handlers are in place.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from servers import Dovecot, SmtpSink
from support import SMALL_CONFIG, BotProcess, make_config, with_servers

# After the outbox process appears: its start-up (an interpreter, mailbot's imports) takes some
# hundreds of milliseconds, so each of these falls inside it.
MOMENTS_S = (0.0, 0.02, 0.08, 0.2)


def outbox_child(pid: int) -> int | None:
    """The spawned outbox process of `mailbot run` `pid` (not the resource tracker), if any."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            command = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == pid and b"spawn_main" in command:
            return int(entry)
    return None


def wait_for_child(bot: BotProcess) -> None:
    deadline = time.monotonic() + 30
    while outbox_child(bot.process.pid) is None:
        assert bot.process.poll() is None, bot.tail()
        assert time.monotonic() < deadline, "no outbox process within 30 s"
        time.sleep(0.001)


@pytest.mark.servers
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_stop_while_the_outbox_process_starts_exits_0_without_a_traceback(
    tmp_path: Path, sig: signal.Signals
) -> None:
    with Dovecot() as server, SmtpSink() as sink:
        cfg = make_config(tmp_path, with_servers(SMALL_CONFIG, server.settings(), sink.settings()))
        log = tmp_path / "run.log"
        for moment in MOMENTS_S:
            bot = BotProcess(cfg.path, password=server.password, log=log)
            wait_for_child(bot)
            time.sleep(moment)
            code, _ = bot.stop(sig)
            assert code == 0, f"stopped {moment} s into the outbox's start: {code}\n{bot.tail()}"
    text = log.read_text(errors="replace")
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, text
    assert text.count("stopped after") == len(MOMENTS_S)
