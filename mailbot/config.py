"""The event configuration: one TOML file, read once, validated whole.

An organiser edits this file by hand, so every problem is reported at once, each naming the file,
the key and what to do about it: a config that stops at the first error makes them run the bot ten
times to fix ten typos. Secrets never live here; the file names environment variables instead.

This module is part of the core: it reads a file but talks to no server, and every other core
module takes a `Config` value instead of reading anything itself.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mailbot import durations, kinds
from mailbot.config_servers import LOOPBACK_HOSTS as LOOPBACK_HOSTS
from mailbot.config_servers import Imap as Imap
from mailbot.config_servers import Smtp as Smtp
from mailbot.config_servers import TlsMode as TlsMode
from mailbot.config_servers import check_servers, read_imap, read_smtp
from mailbot.domains import address_key, domain_key
from mailbot.oauth_settings import OAuth2, read_oauth2

UnauthenticatedPolicy = Literal["ignore", "confirm"]


class ConfigError(Exception):
    """The config file cannot be used; `problems` holds every reason, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Reminder:
    """A reminder `before` the seminar starts, written as an ISO 8601 duration (`P7D`)."""

    label: str
    before: durations.Duration

    def due_at(self, starts: dt.datetime) -> dt.datetime:
        return durations.wall_clock_before(starts, self.before)


@dataclass(frozen=True)
class Seminar:
    """One seminar of the event: when it runs, where, and until when one may register."""

    id: str
    title: str
    starts: dt.datetime  # aware, in `timezone`
    ends: dt.datetime
    timezone: str
    location: str
    deadline: dt.datetime
    reminders: tuple[Reminder, ...] = ()
    waitlist: bool = True

    def is_on_time(self, received_at: dt.datetime) -> bool:
        """On time iff received at or before the deadline instant (SPEC §7)."""
        return received_at <= self.deadline

    def has_started(self, at: dt.datetime) -> bool:
        return at >= self.starts


@dataclass(frozen=True)
class Actor:
    """An invited organisation: who may register participants, and for how many seats."""

    name: str
    kind: str
    seminar: str
    domains: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    seats: int | None = None


@dataclass(frozen=True)
class Organiser:
    """`delegates` may act for them by mail; `digest_at` is local time, None: no digest (§14)."""

    name: str
    address: str
    title: str = ""
    delegates: tuple[str, ...] = ()  # who else may act as the organiser by mail (§14)
    digest_at: dt.time | None = None


@dataclass(frozen=True)
class Bot:
    """`[bot]`: the address the bot answers from, its language, and where it keeps its data."""

    address: str
    display_name: str
    language: str = "sv"
    check_deliverability: bool = False
    database: Path = Path("mailbot.sqlite3")
    templates: Path | None = None  # the organiser's edited ones; None: only the shipped (§13)


@dataclass(frozen=True)
class Security:
    """`[security]`: whose authentication results to trust, and the limits hostile mail meets."""

    trusted_authserv_ids: tuple[str, ...] = ()
    unauthenticated: UnauthenticatedPolicy = "ignore"
    max_replies_per_sender_per_hour: int = 10
    max_message_bytes: int = 10_000_000
    max_header_bytes: int = 256_000
    max_mime_parts: int = 200
    max_mime_depth: int = 20


@dataclass(frozen=True)
class Config:
    """The whole event, checked: what every core function is given instead of a file."""

    path: Path
    bot: Bot
    organiser: Organiser
    seminars: tuple[Seminar, ...]
    actors: tuple[Actor, ...]
    seats: Mapping[str, int]
    security: Security = field(default_factory=Security)
    imap: Imap | None = None
    smtp: Smtp | None = None
    oauth2: OAuth2 | None = None
    retention_days: int | None = None
    warnings: tuple[str, ...] = ()

    def seminar(self, seminar_id: str) -> Seminar:
        for seminar in self.seminars:
            if seminar.id == seminar_id:
                return seminar
        raise KeyError(seminar_id)

    def find_seminar(self, seminar_id: str) -> Seminar | None:
        return next((s for s in self.seminars if s.id == seminar_id), None)

    def actor(self, name: str) -> Actor:
        for actor in self.actors:
            if actor.name == name:
                return actor
        raise KeyError(name)

    def seats_for(self, actor: Actor) -> int:
        """The actor's own `seats`, else its kind's default, else `[seats] default`."""
        if actor.seats is not None:
            return actor.seats
        return self.seats.get(actor.kind, self.seats.get("default", 0))


# --------------------------------------------------------------------------- reading

T = TypeVar("T")
_MISSING = object()


class _Reader:
    """Collects problems instead of raising, so that one run reports all of them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []
        self.warnings: list[str] = []

    def problem(self, key: str, what: str) -> None:
        self.problems.append(f"{self.path}: {key}: {what}")

    def get(
        self,
        table: Mapping[str, Any],
        prefix: str,
        key: str,
        kind: type[T] | tuple[type, ...],
        default: Any = _MISSING,
        hint: str = "",
    ) -> Any:
        full = f"{prefix}.{key}" if prefix else key
        if key not in table:
            if default is _MISSING:
                self.problem(full, f"is missing{': ' + hint if hint else ''}")
            return None if default is _MISSING else default
        value = table[key]
        # TOML booleans are ints to isinstance(); keep them apart.
        if isinstance(value, bool) and kind in (int, (int,)):
            self.problem(full, f"must be a whole number, not {value!r}")
            return None if default is _MISSING else default
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            self.problem(full, f"must be {_article(names)}, not {type(value).__name__} {value!r}")
            return None if default is _MISSING else default
        return value

    def strings(self, table: Mapping[str, Any], prefix: str, key: str) -> tuple[str, ...]:
        value = self.get(table, prefix, key, list, default=[])
        if value is None:
            return ()
        if not all(isinstance(item, str) for item in value):
            self.problem(f"{prefix}.{key}", "must be a list of strings")
            return ()
        return tuple(value)

    def check_unknown(self, table: Mapping[str, Any], prefix: str, known: set[str]) -> None:
        for key in table:
            if key not in known:
                close = _closest(key, known)
                hint = f" (did you mean {close!r}?)" if close else ""
                full = f"{prefix}.{key}" if prefix else key
                self.problem(full, f"unknown key{hint}; known keys: {', '.join(sorted(known))}")


def _article(name: str) -> str:
    word = {"str": "a string", "int": "a whole number", "bool": "true or false", "list": "a list"}
    return word.get(name, name)


def _closest(key: str, known: set[str]) -> str | None:
    matches = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.7)
    return matches[0] if matches else None


_SECTIONS = {"bot", "organiser", "imap", "smtp", "oauth2", "security", "seminars", "seats"}
_SECTIONS |= {"actors", "retention"}
_DOMAIN_RE = re.compile(  # in A-labels: an IDN TLD is `xn--…`
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})$"
)
_ADDRESS_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def load(path: str | os.PathLike[str], environ: Mapping[str, str] | None = None) -> Config:
    """Read and validate the config; raise `ConfigError` with every problem found."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(
            [f"{path}: file not found (pass --config PATH, or copy config.toml from the repo)"]
        ) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError([f"{path}: not valid TOML: {e}"]) from None
    return from_mapping(data, path, os.environ if environ is None else environ)


def from_mapping(data: Mapping[str, Any], path: Path, environ: Mapping[str, str]) -> Config:
    r = _Reader(path)
    base = path.parent
    r.check_unknown(data, "", _SECTIONS)

    bot = _bot(r, _table(r, data, "bot"), base)
    organiser = _organiser(r, _table(r, data, "organiser"))
    imap = read_imap(r, data["imap"], base) if isinstance(data.get("imap"), dict) else None
    smtp = read_smtp(r, data["smtp"], base) if isinstance(data.get("smtp"), dict) else None
    oauth2 = read_oauth2(r, data["oauth2"], base, environ) if "oauth2" in data else None
    security = _security(r, data.get("security", {}))
    seminars = _seminars(r, data.get("seminars"))
    seats = _seats(r, data.get("seats", {}))
    actors = _actors(r, data.get("actors"), {s.id for s in seminars}, seats)
    retention_days = None
    if "retention" in data:
        retention_days = r.get(data["retention"], "retention", "days_after_seminar", int)

    check_servers(r, (("imap", imap), ("smtp", smtp)), "oauth2" in data, environ)
    if not security.trusted_authserv_ids:
        r.warnings.append(
            f"{path}: security.trusted_authserv_ids is empty: senders are not authenticated, "
            "so a forged From is believed, and the organiser is not obeyed by mail (SECURITY.md)"
        )
    if r.problems:
        raise ConfigError(r.problems)
    return Config(
        path=path,
        bot=bot,
        organiser=organiser,
        seminars=tuple(seminars),
        actors=tuple(actors),
        seats=seats,
        security=security,
        imap=imap,
        smtp=smtp,
        oauth2=oauth2,
        retention_days=retention_days,
        warnings=tuple(r.warnings),
    )


def _table(r: _Reader, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        r.problem(f"[{key}]", "section is missing (see config.toml in the repo for an example)")
        return {}
    return value


def _bot(r: _Reader, t: Mapping[str, Any], base: Path) -> Bot:
    r.check_unknown(
        t,
        "bot",
        {"address", "display_name", "language", "check_deliverability", "database", "templates"},
    )
    address = r.get(t, "bot", "address", str, hint="the mailbox registrations are sent to")
    if address and not _ADDRESS_RE.match(address):
        r.problem("bot.address", f"{address!r} is not an email address")
    language = r.get(t, "bot", "language", str, default="sv")
    if language not in ("sv", "en"):
        r.problem("bot.language", f'must be "sv" or "en", not {language!r}')
    # Edited templates only (the rest are the shipped ones); a named folder that is missing
    # would silently drop the organiser's edits.
    templates = r.get(t, "bot", "templates", str, default=None)
    if templates is not None and not (base / templates).is_dir():
        r.problem("bot.templates", f"{base / templates}: no such folder (or leave it out)")
    return Bot(
        address=address or "",
        display_name=r.get(t, "bot", "display_name", str, default="mailbot"),
        language=language,
        check_deliverability=r.get(t, "bot", "check_deliverability", bool, default=False),
        database=base / r.get(t, "bot", "database", str, default="mailbot.sqlite3"),
        templates=None if templates is None else base / templates,
    )


def _organiser(r: _Reader, t: Mapping[str, Any]) -> Organiser:
    r.check_unknown(t, "organiser", {"name", "title", "address", "delegates", "digest_at"})
    address = r.get(t, "organiser", "address", str, hint="where forwarded cases and reports go")
    delegates = r.strings(t, "organiser", "delegates")
    for key, a in (("address", address), *(("delegates", d) for d in delegates)):
        if a and not _ADDRESS_RE.match(a):
            r.problem(f"organiser.{key}", f"{a!r} is not an email address")
    return Organiser(
        name=r.get(t, "organiser", "name", str) or "",
        address=address or "",
        title=r.get(t, "organiser", "title", str, default=""),
        delegates=delegates,
        digest_at=_digest_at(r, r.get(t, "organiser", "digest_at", (str, dt.time), default=None)),
    )


def _digest_at(r: _Reader, value: str | dt.time | None) -> dt.time | None:
    try:
        return None if value is None else durations.time_of_day(value)
    except ValueError as e:
        r.problem("organiser.digest_at", str(e))
        return None


def _security(r: _Reader, t: Any) -> Security:
    if not isinstance(t, dict):
        r.problem("[security]", "must be a table")
        return Security()
    defaults = Security()
    known = {
        "trusted_authserv_ids",
        "unauthenticated",
        "max_replies_per_sender_per_hour",
        "max_message_bytes",
        "max_header_bytes",
        "max_mime_parts",
        "max_mime_depth",
    }
    r.check_unknown(t, "security", known)
    policy = r.get(t, "security", "unauthenticated", str, default="ignore")
    if policy not in ("ignore", "confirm"):
        r.problem("security.unauthenticated", f'must be "ignore" or "confirm", not {policy!r}')
        policy = "ignore"
    limits = {}
    for key in sorted(known - {"trusted_authserv_ids", "unauthenticated"}):
        value = r.get(t, "security", key, int, default=getattr(defaults, key))
        if value is not None and value < 1:
            r.problem(f"security.{key}", f"must be at least 1, not {value}")
        limits[key] = value if value is not None else getattr(defaults, key)
    return Security(
        trusted_authserv_ids=r.strings(t, "security", "trusted_authserv_ids"),
        unauthenticated=policy,
        **limits,
    )


def _zone(r: _Reader, key: str, name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        r.problem(key, f"unknown time zone {name!r} (use an IANA name such as Europe/Stockholm)")
        return None


def _local_time(
    r: _Reader, t: Mapping[str, Any], key: str, prefix: str, zone: ZoneInfo | None
) -> dt.datetime | None:
    value: dt.datetime | None = r.get(t, prefix, key, dt.datetime)
    if value is None:
        return None
    if value.tzinfo is None:
        if zone is None:
            return None
        return value.replace(tzinfo=zone)
    return value


def _seminars(r: _Reader, items: Any) -> list[Seminar]:
    if not isinstance(items, list) or not items:
        r.problem("[[seminars]]", "at least one seminar is needed")
        return []
    seminars: list[Seminar] = []
    seen: set[str] = set()
    known = {"id", "title", "starts", "ends", "timezone", "location", "deadline", "reminders"}
    for i, t in enumerate(items):
        p = f"seminars[{i}]"
        if not isinstance(t, dict):
            r.problem(p, "must be a table")
            continue
        r.check_unknown(t, p, known | {"waitlist"})
        sid = r.get(t, p, "id", str)
        if sid in seen:
            r.problem(f"{p}.id", f"duplicate seminar id {sid!r}")
        seen.add(sid)
        zone = _zone(r, f"{p}.timezone", r.get(t, p, "timezone", str, default="Europe/Stockholm"))
        starts = _local_time(r, t, "starts", p, zone)
        ends = _local_time(r, t, "ends", p, zone)
        deadline = _local_time(r, t, "deadline", p, zone)
        if starts and ends and ends <= starts:
            r.problem(f"{p}.ends", f"{ends.isoformat()} is not after starts {starts.isoformat()}")
        if starts and deadline and deadline > starts:
            r.problem(
                f"{p}.deadline",
                f"{deadline.isoformat()} is after the seminar starts ({starts.isoformat()})",
            )
        reminders = []
        for j, label in enumerate(r.strings(t, p, "reminders")):
            try:
                reminders.append(Reminder(label, durations.parse(label)))
            except ValueError as e:
                r.problem(f"{p}.reminders[{j}]", f'{e} (write e.g. "P7D" or "PT2H")')
        if sid is None or starts is None or ends is None or deadline is None or zone is None:
            continue
        seminars.append(
            Seminar(
                id=sid,
                title=r.get(t, p, "title", str) or "",
                starts=starts,
                ends=ends,
                timezone=zone.key,
                location=r.get(t, p, "location", str) or "",
                deadline=deadline,
                reminders=tuple(reminders),
                waitlist=r.get(t, p, "waitlist", bool, default=True),
            )
        )
    return seminars


def _seats(r: _Reader, t: Any) -> dict[str, int]:
    if not isinstance(t, dict):
        r.problem("[seats]", "must be a table of actor kind = number of seats")
        return {}
    seats: dict[str, int] = {}
    for kind, value in t.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            r.problem(
                f"seats.{kind}", f"must be a whole number of seats (0 or more), not {value!r}"
            )
            continue
        seats[kind] = value
    if "default" not in seats:
        r.problem("seats.default", "is missing: the seats of an actor kind not listed in [seats]")
    return seats


def _actors(r: _Reader, items: Any, seminar_ids: set[str], seats: Mapping[str, int]) -> list[Actor]:
    if not isinstance(items, list) or not items:
        r.problem("[[actors]]", "at least one invited actor is needed")
        return []
    actors: list[Actor] = []
    names: set[str] = set()
    owners: dict[str, str] = {}
    known = {"name", "kind", "domains", "addresses", "aliases", "seats", "seminar"}
    for i, t in enumerate(items):
        p = f"actors[{i}]"
        if not isinstance(t, dict):
            r.problem(p, "must be a table")
            continue
        r.check_unknown(t, p, known)
        name = r.get(t, p, "name", str)
        if name in names:
            r.problem(f"{p}.name", f"duplicate actor name {name!r}")
        names.add(name)
        domains = tuple(domain_key(d) for d in r.strings(t, p, "domains"))  # A-labels (§4)
        for d in domains:
            if not _DOMAIN_RE.match(d):
                r.problem(f"{p}.domains", f'{d!r} is not a domain name (write e.g. "huddinge.se")')
        addresses = tuple(a.strip() for a in r.strings(t, p, "addresses"))
        for a in addresses:
            if not _ADDRESS_RE.match(a):
                r.problem(f"{p}.addresses", f"{a!r} is not an email address")
            elif (key := address_key(a)) in owners:
                r.problem(f"{p}.addresses", f"{a!r} is already listed for {owners[key]!r}")
            else:
                owners[key] = name or p
        if not domains and not addresses:
            r.problem(p, "an actor needs `domains` or `addresses` (who may register for it)")
        seminar = r.get(t, p, "seminar", str)
        if seminar is not None and seminar not in seminar_ids:
            r.problem(
                f"{p}.seminar",
                f"unknown seminar id {seminar!r}; known: {', '.join(sorted(seminar_ids)) or '-'}",
            )
        own_seats = r.get(t, p, "seats", int, default=None)
        if own_seats is not None and own_seats < 0:
            r.problem(f"{p}.seats", f"must be 0 or more, not {own_seats}")
        kind = r.get(t, p, "kind", str, default="default")
        if kind is not None and (close := kinds.near_miss(kind, seats)):  # a typo, not a kind
            r.problem(f"{p}.kind", f"{kind!r} is not in [seats] (did you mean {close!r}?)")
        if name is None or seminar is None:
            continue
        actors.append(
            Actor(
                name=name,
                kind=kind,
                seminar=seminar,
                domains=domains,
                addresses=addresses,
                aliases=r.strings(t, p, "aliases"),
                seats=own_seats,
            )
        )
    return actors


def check(path: str | os.PathLike[str], environ: Mapping[str, str] | None = None) -> list[str]:
    """Return warnings for a valid config; raise `ConfigError` for an invalid one."""
    return list(load(path, environ).warnings)
