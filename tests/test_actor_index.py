"""Finding a sender's actor by index gives what comparing with every actor gave (SPEC §4)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot import actors
from mailbot.config import Actor, Config
from mailbot.domains import address_key

from support import SMALL_CONFIG, make_config

LABELS = st.sampled_from(["huddinge", "se", "stockholm", "a", "xn--mlby-loa", "mälby", "Polisen"])
DOMAINS = st.lists(LABELS, min_size=1, max_size=3).map(".".join)
LOCALS = st.sampled_from(["anna", "Anna", "info", "x"])
ADDRESSES = st.builds(lambda local, domain: f"{local}@{domain}", LOCALS, DOMAINS)
ACTORS = st.builds(
    Actor,
    name=st.sampled_from(["Huddinge kommun", "Polisen Syd", "Stockholm", "Mälby"]),
    kind=st.just("kommun"),
    seminar=st.just("s1"),
    domains=st.lists(DOMAINS, max_size=2).map(tuple),
    addresses=st.lists(ADDRESSES, max_size=2).map(tuple),
    aliases=st.lists(st.sampled_from(["syd", "stockholm", "huddinge"]), max_size=2).map(tuple),
)


def scanned(address: str, domain: str, organisation: str | None, config: Config) -> object:
    """The resolution as it was made before the index: every actor compared in config order."""
    for actor in config.actors:
        if any(address_key(a) == address_key(address) for a in actor.addresses):
            return actors.Resolution("actor", "actor-by-address", actor)
    by_domain = tuple(
        actor
        for actor in config.actors
        if any(actors.domain_matches(domain, d) for d in actor.domains)
    )
    if not by_domain:
        return actors.Resolution("none", "not-invited")
    if len(by_domain) == 1:
        return actors.Resolution("actor", "actor-by-domain", by_domain[0])
    return ("by alias among", by_domain)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Config:
    return make_config(tmp_path_factory.mktemp("config"), SMALL_CONFIG)


@settings(max_examples=300, deadline=None)
@given(
    listed=st.lists(ACTORS, max_size=6),
    local=LOCALS,
    domain=DOMAINS,
    organisation=st.sampled_from([None, "Polisen Syd", "huddinge", "stockholm syd"]),
)
def test_the_actor_found_by_index_is_the_one_every_actor_compared_would_give(
    base: Config, listed: list[Actor], local: str, domain: str, organisation: str | None
) -> None:
    config = dataclasses.replace(base, actors=tuple(listed))
    address = f"{local}@{domain}"
    found = actors.resolve(address, domain, organisation, config)
    expected = scanned(address, domain, organisation, config)
    if isinstance(expected, tuple):  # a shared domain: the same actors, in the same order
        assert actors.candidates_by_domain(domain, config) == expected[1]
        assert found.rule in ("shared-domain-no-match", "shared-domain-tie", "actor-by-alias")
    else:
        assert found == expected


def test_an_actor_is_found_by_a_subdomain_but_not_by_a_name_that_only_ends_alike(
    base: Config,
) -> None:
    huddinge = Actor("Huddinge kommun", "kommun", "s1", domains=("huddinge.se",))
    config = dataclasses.replace(base, actors=(huddinge,))
    assert (
        actors.resolve("a@skola.huddinge.se", "skola.huddinge.se", None, config).actor == huddinge
    )
    assert actors.resolve("a@evil-huddinge.se", "evil-huddinge.se", None, config).status == "none"
    # a config with other actors (a new tuple) is indexed anew
    other = dataclasses.replace(config, actors=())
    assert actors.resolve("a@huddinge.se", "huddinge.se", None, other).status == "none"


def alias_scored(organisation: str | None, by_domain: tuple[Actor, ...]) -> actors.Resolution:
    """The shared-domain step as it was written before each alias was matched once per call
    and the answers kept: every actor's aliases normalised and compared again at each use."""

    def matched(actor: Actor, org: str) -> str:
        keys = [actors.normalise(a) for a in (actor.name, *actor.aliases)]
        return max((k for k in keys if k and f" {k} " in f" {org} "), key=len, default="")

    org = actors.normalise(organisation or "")
    scored = [(len(matched(a, org)), a) for a in by_domain if matched(a, org)]
    if not scored:
        return actors.Resolution("ambiguous", "shared-domain-no-match", candidates=by_domain)
    top = max(n for n, _ in scored)
    best = tuple(a for n, a in scored if n == top)
    if len(best) > 1:
        return actors.Resolution("ambiguous", "shared-domain-tie", candidates=best)
    winner = matched(best[0], org)
    apart = tuple(a for _, a in scored if f" {matched(a, org)} " not in f" {winner} ")
    if apart:
        return actors.Resolution("ambiguous", "shared-domain-tie", candidates=(best[0], *apart))
    return actors.Resolution("actor", "actor-by-alias", best[0])


SHARED = st.builds(
    Actor,
    name=st.sampled_from(["Polisen Syd", "Polisregion Stockholm", "Bromma", "Kungsholmen sdf"]),
    kind=st.just("kommun"),
    seminar=st.just("s1"),
    domains=st.just(("polisen.se",)),
    aliases=st.lists(
        st.sampled_from(["syd", "stockholm", "bromma", "kungsholmen", "Rinkeby-Kista", "sdf"]),
        max_size=3,
    ).map(tuple),
)
WRITTEN = st.lists(
    st.sampled_from(["Polisen", "syd", "Stockholm", "region", "bromma och", "kungsholmen", "sdf"]),
    max_size=4,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(
    listed=st.lists(SHARED, min_size=2, max_size=6),
    organisations=st.lists(st.none() | WRITTEN, min_size=1, max_size=4),
)
def test_a_shared_domain_is_decided_by_the_aliases_as_before_and_asked_again_the_same(
    base: Config, listed: list[Actor], organisations: list[str | None]
) -> None:
    config = dataclasses.replace(base, actors=tuple(listed))
    for organisation in organisations + organisations:  # each asked twice: the kept answer
        expected = alias_scored(organisation, tuple(listed))
        assert actors.resolve("a@polisen.se", "polisen.se", organisation, config) == expected
