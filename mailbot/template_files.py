"""The reply templates on disk: the jinja2 environment the shell hands to `replies`.

`replies` renders with whatever environment it is given and never opens a file itself; this is
the one place that decides templates come from the organiser's directory (`bot.templates`), and
how they are read (strict about undefined names, no HTML escaping outside `.html` templates).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2


@lru_cache(maxsize=8)
def environment(directory: Path) -> jinja2.Environment:
    """One environment per directory, so compiled templates are kept between mails."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(directory)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
