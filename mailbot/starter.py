"""`mailbot init [DIR]`: a starter folder for a new event (SPEC §13).

It writes the shipped example `config.toml` (commented, the example event, for the organiser to
make their own) and, when asked, a copy of the reply templates to edit, with `[bot] templates`
pointing at it. It never overwrites: an organiser's config or edited wording is worth more than a
fresh copy, so when any file it would write exists it writes nothing and names that file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mailbot import shipped

CONFIG = "config.toml"
TEMPLATES = "templates"
# The example's commented-out `templates` line; `--templates` makes it live.
_TEMPLATES_LINE = re.compile(r'^# (templates = "templates")', re.MULTILINE)


class StarterExists(Exception):
    """A file `init` would write is already there; nothing was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} exists; mailbot init never overwrites (nothing was written)")
        self.path = path


@dataclass(frozen=True)
class Starter:
    """What `init` writes: file paths and their bytes, in writing order."""

    files: tuple[tuple[Path, bytes], ...]


def plan(directory: Path, templates: bool) -> Starter:
    """The files for `directory`: the config, and the templates when `templates`."""
    text = shipped.example_config().read_text(encoding="utf-8")
    if templates:
        text, n = _TEMPLATES_LINE.subn(r"\1", text, count=1)
        if n != 1:  # the example changed shape: better to fail than write a config that lies
            raise RuntimeError("the shipped config.toml has no '# templates = ...' line")
    files = [(directory / CONFIG, text.encode("utf-8"))]
    if templates:
        folder = shipped.templates()
        files += [
            (directory / TEMPLATES / name, (folder / name).read_bytes())
            for name in shipped.template_names()
        ]
    return Starter(tuple(files))


def write(directory: Path, templates: bool = False) -> list[Path]:
    """Write the starter files into `directory` (made if missing); raise `StarterExists`
    naming the first that exists, before writing any."""
    starter = plan(directory, templates)
    for path, _ in starter.files:
        if path.exists() or path.is_symlink():
            raise StarterExists(path)
    written = []
    for path, data in starter.files:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("xb") as f:  # exclusive: a file that appeared meanwhile is not replaced
            f.write(data)
        written.append(path)
    return written
