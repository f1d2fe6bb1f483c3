"""The files that ship inside the package: reply templates, the example event and sample mail.

They are package data, read through `importlib.resources`, so an installed mailbot (`pip install .`,
`pipx install`, a wheel) finds them wherever it is run from; nothing is looked up beside the
source tree or in the current folder. The organiser's own copies (`[bot] templates`, their
`config.toml`) are theirs; these are the defaults `mailbot init` and `mailbot demo` start from.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

PACKAGE = "mailbot"
TEMPLATES = "templates"
LANGUAGES = ("sv", "en")


def _root() -> Traversable:
    return resources.files(PACKAGE)


def templates() -> Traversable:
    """The shipped template folder: `sv/` and `en/`, one `.j2` file per reply kind."""
    return _root() / TEMPLATES


def template_names() -> list[str]:
    """Every shipped template as the loader names it (`sv/confirmed.txt.j2`), sorted."""
    names = []
    for language in LANGUAGES:
        folder = templates() / language
        names += [f"{language}/{f.name}" for f in folder.iterdir() if f.name.endswith(".j2")]
    return sorted(names)


def example_config() -> Traversable:
    """The example event's `config.toml` (the event of SPEC §1), commented for an organiser."""
    return _root() / "examples" / "config.toml"


def sample_mail() -> list[Traversable]:
    """The demo's registrations (`.eml`), in the order they arrive (by file name)."""
    folder = _root() / "examples" / "registrations"
    return sorted((f for f in folder.iterdir() if f.name.endswith(".eml")), key=lambda f: f.name)
