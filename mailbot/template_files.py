"""The reply templates: the jinja2 environment the shell hands to `replies`.

`replies` renders with whatever environment it is given and never opens a file itself; this is
the one place that decides where templates come from and how they are read (strict about
undefined names, no HTML escaping outside `.html` templates). The templates ship inside the
package; `[bot] templates` names a folder of the organiser's *edited* ones, and any template not
there falls back to the shipped one (SPEC §13), so a config copied to a new folder needs no
templates folder at all, and an upgrade's new reply kinds work without copying anything.

The environment keeps jinja2's `auto_reload`, so an edited template in the organiser's folder
applies without a restart: to the replies rendered from a second after it was saved at the latest
(`RECHECK_S`). The shipped ones are package files, which change only with the code (an upgrade
restarts the service): they are never looked up on disk again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from mailbot import shipped

# At most this many names remembered as shipped nowhere: the reply kinds and languages, and
# whatever an organiser's template includes; a bound all the same.
_ABSENT_MAX = 512


class ShippedLoader(jinja2.PackageLoader):
    """The shipped templates, read once per process.

    `PackageLoader` hands jinja2 a check that stats the file (twice) at every `get_template` of a
    cached template, and looks a name it does not have up on disk every time: a reply asks for
    four or five templates (its text, the parts it includes, an `.html` one that most kinds do
    not have), 2.6 % of the inbox thread in a burst. Package files do not change under a running
    process, so a template found is up to date for good (`None`, jinja2's own word for a source
    that never changes, as for a zipped package) and a name not found stays not found.
    """

    def __init__(self, package_name: str, package_path: str) -> None:
        super().__init__(package_name, package_path)
        self._absent: set[str] = set()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool] | None]:
        if template in self._absent:
            raise jinja2.TemplateNotFound(template)
        try:
            source, filename, _ = super().get_source(environment, template)
        except jinja2.TemplateNotFound:
            if len(self._absent) < _ABSENT_MAX:
                self._absent.add(template)
            raise
        return source, filename, None


# How long a template of the organiser's folder is taken as read before its file is looked at
# again. jinja2 stats it at every `get_template`: four or five times a reply, thousands of
# times a second in a burst, to notice an edit a person makes now and then.
RECHECK_S = 1.0


class SiteLoader(jinja2.FileSystemLoader):
    """The organiser's folder: an edited template applies within `RECHECK_S` of its saving."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        return source, filename, _checked_at_most_every(RECHECK_S, uptodate)


def _checked_at_most_every(seconds: float, uptodate: Callable[[], bool]) -> Callable[[], bool]:
    """`uptodate` (the file's mtime compared), asked at most once in `seconds`."""
    next_check = time.monotonic() + seconds

    def checked() -> bool:
        nonlocal next_check
        now = time.monotonic()
        if now < next_check:
            return True
        if not uptodate():
            return False  # jinja2 loads it again, with a new check
        next_check = now + seconds
        return True

    return checked


@lru_cache(maxsize=8)
def environment(directory: Path | None) -> jinja2.Environment:
    """One environment per directory, so compiled templates are kept between mails."""
    loaders: list[jinja2.BaseLoader] = []
    if directory is not None:
        loaders.append(SiteLoader(str(directory)))
    loaders.append(ShippedLoader(shipped.PACKAGE, shipped.TEMPLATES))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class Origins:
    """Which templates are the site's own and which fall back to the shipped ones."""

    own: tuple[str, ...]
    shipped: tuple[str, ...]
    unused: tuple[str, ...]  # in the site's folder but not a template mailbot asks for


def origins(directory: Path | None) -> Origins:
    """Where each shipped template name will be loaded from, for `check-config` to say."""
    names = shipped.template_names()
    if directory is None:
        return Origins((), tuple(names), ())
    present = {p.relative_to(directory).as_posix() for p in directory.rglob("*.j2") if p.is_file()}
    return Origins(
        own=tuple(n for n in names if n in present),
        shipped=tuple(n for n in names if n not in present),
        unused=tuple(sorted(present - set(names))),
    )
