"""Where each reply template comes from (SPEC §13): the site's folder first, then the shipped one."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import jinja2
import pytest
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


def test_an_organisers_edited_template_applies_within_a_second_without_a_restart() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "sv").mkdir()
        edited = site / "sv" / "confirmed.txt.j2"
        edited.write_text("{% block subject %}Först{% endblock %}", encoding="utf-8")
        template_files.environment.cache_clear()
        env = template_files.environment(site)
        assert env.get_template("sv/confirmed.txt.j2").render() == "Först"

        edited.write_text("{% block subject %}Sedan{% endblock %}", encoding="utf-8")
        stat = edited.stat()
        os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        time.sleep(template_files.RECHECK_S + 0.05)

        assert env.get_template("sv/confirmed.txt.j2").render() == "Sedan"
        assert env.get_template("sv/waitlisted.txt.j2").filename  # the shipped one still


def test_a_shipped_template_is_read_once_and_a_name_it_lacks_stays_missing() -> None:
    template_files.environment.cache_clear()
    env = template_files.environment(None)
    loader = template_files.ShippedLoader(shipped.PACKAGE, shipped.TEMPLATES)
    for name in NAMES:
        source, filename, uptodate = loader.get_source(env, name)
        assert source == shipped.templates().joinpath(name).read_text(encoding="utf-8")
        assert filename and uptodate is None  # jinja2: never changes, never checked again
    for _ in range(2):
        with pytest.raises(jinja2.TemplateNotFound):
            loader.get_source(env, "sv/waitlisted.html.j2")
        with pytest.raises(jinja2.TemplateNotFound):
            env.get_template("sv/waitlisted.html.j2")
