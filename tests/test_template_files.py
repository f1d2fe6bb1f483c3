"""Where each reply template comes from (SPEC §13): the site's folder first, then the shipped one."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot import shipped, template_files

from support import present

NAMES = shipped.template_names()


def test_without_a_site_folder_every_template_is_the_shipped_one() -> None:
    env = template_files.environment(None)
    assert template_files.origins(None) == template_files.Origins((), tuple(NAMES), ())
    assert all(env.get_template(n).filename for n in NAMES)


@settings(max_examples=25, deadline=None)
@given(own=st.sets(st.sampled_from(NAMES)), stray=st.booleans())
def test_each_template_is_the_sites_own_when_present_and_the_shipped_one_otherwise(
    own: set[str], stray: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        for name in own:
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(f"own {name}", encoding="utf-8")
        if stray:
            (site / "sv" / "confirmd.txt.j2").parent.mkdir(parents=True, exist_ok=True)
            (site / "sv" / "confirmd.txt.j2").write_text("a typo", encoding="utf-8")
        template_files.environment.cache_clear()
        env = template_files.environment(site)

        for name in NAMES:
            source = present(env.loader).get_source(env, name)[0]
            shipped_text = shipped.templates().joinpath(name).read_text(encoding="utf-8")
            assert source == (f"own {name}" if name in own else shipped_text)
        origins = template_files.origins(site)
        assert set(origins.own) == own and set(origins.shipped) == set(NAMES) - own
        assert origins.unused == (("sv/confirmd.txt.j2",) if stray else ())
