"""Actor kinds against `[seats]` (SPEC §2): which actors fall back to `default`, and which kinds
look like a misspelt listed kind.

A kind that is not in `[seats]` gets `default` on purpose (`myndighet` with no row of its own);
one that is a near miss of a listed kind (`kommunn` for `kommun`) is almost surely a typo, and
giving it `default` would silently hand a municipality 2 seats instead of 4. So a near miss is a
configuration error, and `check-config` names every actor that gets `default`, so that the
deliberate fallbacks can be checked by eye too.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Protocol

DEFAULT = "default"
NEAR_MISS_CUTOFF = 0.8  # `kommunn`~`kommun` 0.92, `myndighet`~`kommun` 0.27


class HasKind(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def seats(self) -> int | None: ...


def near_miss(kind: str, listed: Iterable[str]) -> str | None:
    """The listed kind that `kind` is a near miss of (case and spelling), or None."""
    others = sorted(k for k in listed if k != DEFAULT)
    if kind == DEFAULT or kind in others:
        return None
    folded = {k.casefold(): k for k in others}
    if kind.casefold() in folded:
        return folded[kind.casefold()]
    close = difflib.get_close_matches(kind.casefold(), sorted(folded), n=1, cutoff=NEAR_MISS_CUTOFF)
    return folded[close[0]] if close else None


def on_default_seats(actors: Iterable[HasKind], seats: Mapping[str, int]) -> list[HasKind]:
    """The actors that get `[seats] default`: no seats of their own, a kind not in `[seats]`."""
    return [a for a in actors if a.seats is None and (a.kind == DEFAULT or a.kind not in seats)]
