"""The reply templates: the jinja2 environment the shell hands to `replies`.

`replies` renders with whatever environment it is given and never opens a file itself; this is
the one place that decides where templates come from and how they are read (strict about
undefined names, no HTML escaping outside `.html` templates). The templates ship inside the
package; `[bot] templates` names a folder of the organiser's *edited* ones, and any template not
there falls back to the shipped one (SPEC §13), so a config copied to a new folder needs no
templates folder at all, and an upgrade's new reply kinds work without copying anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from mailbot import shipped


@lru_cache(maxsize=8)
def environment(directory: Path | None) -> jinja2.Environment:
    """One environment per directory, so compiled templates are kept between mails."""
    loaders: list[jinja2.BaseLoader] = []
    if directory is not None:
        loaders.append(jinja2.FileSystemLoader(str(directory)))
    loaders.append(jinja2.PackageLoader(shipped.PACKAGE, shipped.TEMPLATES))
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
