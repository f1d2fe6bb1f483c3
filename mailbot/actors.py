"""Who is writing: which invited actor a sender belongs to (SPEC §4, points 1–3).

Pure. The sender's domain alone cannot tell the City of Stockholm's thirteen district
administrations apart (all write from stockholm.se), nor the local police areas (polisen.se); the
organisation written in the message breaks the tie, matched as whole words after normalisation so
that "Rinkeby-Kista sdf" and "rinkeby kista" are the same and "Kista" does not match "Kistamässan".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from mailbot.config import Actor, Config
from mailbot.domains import address_key, domain_key

_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Case-folded, accents removed, punctuation turned into spaces, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", stripped).strip()


@dataclass(frozen=True)
class Resolution:
    """The answer to "which actor is this?", with the rule that gave it."""

    status: Literal["actor", "ambiguous", "none"]
    rule: str
    actor: Actor | None = None
    candidates: tuple[Actor, ...] = ()


def domain_matches(sender_domain: str, actor_domain: str) -> bool:
    """The domain itself or a subdomain of it; `evil-huddinge.se` is not `huddinge.se`.

    Both compared as IDNA A-labels (`domains.domain_key`): `xn--…` and Unicode are one domain.
    """
    sender, actor = domain_key(sender_domain), domain_key(actor_domain)
    return sender == actor or sender.endswith("." + actor)


def _matched_alias(keys: tuple[str, ...], organisation: str) -> str:
    """The longest of an actor's normalised name/aliases (`keys`) standing in `organisation` as
    whole words, or ""."""
    padded = f" {organisation} "
    best = ""
    for key in keys:
        if key and f" {key} " in padded and len(key) > len(best):
            best = key
    return best


def _alias_keys(actor: Actor) -> tuple[str, ...]:
    """The actor's name and aliases, normalised (once per config: `_Index.alias_keys`)."""
    return tuple(normalise(alias) for alias in (actor.name, *actor.aliases))


@dataclass(frozen=True)
class _Index:
    """The actors by address and by domain, keyed once per config: a sender is then found by
    a few lookups instead of comparing it with every address and domain of every actor (three
    times a message, 46 actors in the example config: 8 % of a burst's CPU)."""

    by_address: dict[str, Actor]  # the first actor, in config order, listing the address
    by_domain: dict[str, tuple[int, ...]]  # domain key -> positions of the actors listing it
    actors: tuple[Actor, ...]
    alias_keys: dict[int, tuple[str, ...]]  # id() of each actor in `actors` -> `_alias_keys`
    every_alias_key: frozenset[str]  # all of them together, empty ones left out
    # The answers `resolve` gave, by its text arguments: a message asks two or three times
    # (the route, the rules, the organisation written), a burst the same sender many times,
    # and each shared-domain answer compares every alias of a dozen actors.
    resolved: dict[tuple[str, str, str | None], Resolution]

    def of_domain(self, sender_domain: str) -> tuple[Actor, ...]:
        """The actors with a domain that `domain_matches` the sender's, in config order: the
        domain itself and each of its parents ("a.huddinge.se" -> "huddinge.se", "se")."""
        sender = domain_key(sender_domain)
        parents = (sender[i + 1 :] for i, c in enumerate(sender) if c == ".")
        found = {i for key in (sender, *parents) for i in self.by_domain.get(key, ())}
        return tuple(self.actors[i] for i in sorted(found))


def _build_index(actors: tuple[Actor, ...]) -> _Index:
    by_address: dict[str, Actor] = {}
    by_domain: dict[str, list[int]] = {}
    for position, actor in enumerate(actors):
        for address in actor.addresses:
            by_address.setdefault(address_key(address), actor)
        for domain in actor.domains:
            by_domain.setdefault(domain_key(domain), []).append(position)
    return _Index(
        by_address,
        {k: tuple(v) for k, v in by_domain.items()},
        actors,
        {id(actor): _alias_keys(actor) for actor in actors},
        frozenset(key for actor in actors for key in _alias_keys(actor) if key),
        {},
    )


# The indexes made, by the identity of the config's actors (held, so that the id stays theirs):
# hashing 46 actors for an `lru_cache` would cost much of what the index saves.
_INDEXES: dict[int, tuple[tuple[Actor, ...], _Index]] = {}


def _index(actors: tuple[Actor, ...]) -> _Index:
    held = _INDEXES.get(id(actors))
    if held is not None and held[0] is actors:
        return held[1]
    index = _build_index(actors)
    if len(_INDEXES) >= 16:  # tests make many configs; a service has one or two
        _INDEXES.clear()
    _INDEXES[id(actors)] = (actors, index)
    return index


def alias_keys(config: Config) -> frozenset[str]:
    """Every actor's name and aliases as `normalise` gives them, made once per config."""
    return _index(config.actors).every_alias_key


def candidates_by_domain(sender_domain: str, config: Config) -> tuple[Actor, ...]:
    """The actors with a domain the sender's is or lies under, in config order."""
    return _index(config.actors).of_domain(sender_domain)


_RESOLVED_MAX = 4096


def resolve(
    sender_address: str, sender_domain: str, organisation: str | None, config: Config
) -> Resolution:
    """Resolve a sender to an invited actor (exact address first, then domain, then alias)."""
    index = _index(config.actors)
    asked = (sender_address, sender_domain, organisation)
    answer = index.resolved.get(asked)
    if answer is None:
        answer = _resolve(index, sender_address, sender_domain, organisation)
        if len(index.resolved) >= _RESOLVED_MAX:
            index.resolved.clear()
        index.resolved[asked] = answer
    return answer


def _resolve(
    index: _Index, sender_address: str, sender_domain: str, organisation: str | None
) -> Resolution:
    by_address = index.by_address.get(address_key(sender_address))
    if by_address is not None:
        return Resolution("actor", "actor-by-address", by_address)

    by_domain = index.of_domain(sender_domain)
    if not by_domain:
        return Resolution("none", "not-invited")
    if len(by_domain) == 1:
        return Resolution("actor", "actor-by-domain", by_domain[0])

    org = normalise(organisation or "")
    matched = [(_matched_alias(index.alias_keys[id(a)], org), a) for a in by_domain]
    scored = [(len(alias), actor) for alias, actor in matched if alias]
    if not scored:
        return Resolution("ambiguous", "shared-domain-no-match", candidates=by_domain)
    top = max(length for length, _ in scored)
    best = tuple(actor for length, actor in scored if length == top)
    if len(best) > 1:
        return Resolution("ambiguous", "shared-domain-tie", candidates=best)
    # The longest alias wins over those it holds ("polisregion stockholm" over "stockholm");
    # two that stand apart ("bromma och kungsholmen") name two actors: a tie (§4.3).
    winner = next(alias for alias, actor in matched if actor is best[0])
    apart = tuple(actor for alias, actor in matched if alias and f" {alias} " not in f" {winner} ")
    if apart:
        return Resolution("ambiguous", "shared-domain-tie", candidates=(best[0], *apart))
    return Resolution("actor", "actor-by-alias", best[0])


def named(text: str, config: Config) -> Actor | None:
    """The actor the organiser names (`PLATSER Huddinge kommun 6`, `Organisation:` of `BOKA`):
    its name or an alias, whole words of the text, the longest match; a tie names none."""
    org = normalise(text)
    if not org:
        return None
    keys = _index(config.actors).alias_keys
    scored = [
        (n, actor) for actor in config.actors if (n := len(_matched_alias(keys[id(actor)], org)))
    ]
    if not scored:
        return None
    top = max(n for n, _ in scored)
    best = [actor for n, actor in scored if n == top]
    return best[0] if len(best) == 1 else None
