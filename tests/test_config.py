"""The event config (SPEC §2): every problem reported at once, each naming file, key and fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mailbot import cli, commands
from mailbot import config as config_mod

from support import REPO, SMALL_CONFIG, at, make_config


def problems_of(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(config_mod.ConfigError) as e:
        make_config(tmp_path, text)
    return e.value.problems


def test_the_shipped_example_config_is_valid() -> None:
    cfg = config_mod.load(REPO / "mailbot" / "examples" / "config.toml", {})
    seminar = cfg.seminar("2022-09-14")
    assert seminar.starts == at("2022-09-14 13:00") and seminar.ends == at("2022-09-14 16:30")
    assert seminar.deadline == at("2022-09-04 23:59:59")
    assert "Regeringsgatan 66" in seminar.location
    kinds = {a.kind for a in cfg.actors}
    assert {"kommun", "stadsdelsforvaltning", "lokalpolisomrade", "region", "myndighet"} <= kinds
    districts = [a for a in cfg.actors if a.kind == "stadsdelsforvaltning"]
    assert len(districts) == 13 and all(a.domains == ("stockholm.se",) for a in districts)
    assert cfg.seats_for(cfg.actor("Huddinge kommun")) == 4
    assert cfg.organiser.name == "Therese Travis"


def test_seats_come_from_the_actor_then_its_kind_then_the_default(tmp_path: Path) -> None:
    cfg = make_config(tmp_path)
    assert cfg.seats_for(cfg.actor("Tullverket")) == 3
    assert cfg.seats_for(cfg.actor("Huddinge kommun")) == 4


def test_every_problem_is_reported_at_once_with_file_and_key(tmp_path: Path) -> None:
    text = (
        SMALL_CONFIG.replace('seminar = "2022-09-15"', 'seminar = "2022-09-16"')
        .replace('reminders = ["P1D"]', 'reminders = ["one day"]')
        .replace('language = "sv"', 'language = "de"')
        .replace(
            'deadline = 2022-09-04T23:59:59\nreminders = ["P7D"',
            'deadline = 2022-09-20T00:00:00\nreminders = ["P7D"',
        )
        + '\n[[actors]]\nname = "Tullverket"\nkind = "myndighet"\ndomains = ["tull verket"]\nseminar = "2022-09-14"\n'
    )
    problems = problems_of(tmp_path, text)
    joined = "\n".join(problems)
    assert all(p.startswith(str(tmp_path / "config.toml")) for p in problems)
    for key in (
        "actors[1].seminar",
        "seminars[1].reminders[0]",
        "bot.language",
        "seminars[0].deadline",
        "actors[5].name",
        "actors[5].domains",
    ):
        assert key in joined, key
    assert "2022-09-16" in joined and "duplicate actor name" in joined


def test_unknown_key_suggests_the_close_one(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, SMALL_CONFIG.replace("display_name", "display_nam"))
    assert any("bot.display_nam" in p and "did you mean 'display_name'" in p for p in problems)


def test_plaintext_mail_connection_is_refused_for_a_remote_host(tmp_path: Path) -> None:
    text = SMALL_CONFIG + '\n[imap]\nhost = "imap.example.org"\ntls = "none"\nusername = "u"\n'
    assert any("imap.tls" in p for p in problems_of(tmp_path, text))


def test_missing_password_variable_is_a_warning_not_an_error(tmp_path: Path) -> None:
    text = (
        SMALL_CONFIG
        + '\n[smtp]\nhost = "smtp.example.org"\nusername = "u"\npassword_env = "NOPE_PW"\n'
    )
    cfg = make_config(tmp_path, text)
    assert any("NOPE_PW" in w for w in cfg.warnings)


def test_local_times_are_placed_in_the_seminar_zone_across_summer_time(tmp_path: Path) -> None:
    cfg = make_config(tmp_path)
    assert cfg.seminar("2022-09-14").starts.utcoffset() == dt.timedelta(hours=2)


def test_check_config_exits_non_zero_and_names_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_config(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text(
        SMALL_CONFIG.replace('kind = "kommun"', 'kind = "kommun"\nseats = -1', 1), encoding="utf-8"
    )
    assert cli.main(["check-config", "--config", str(bad)]) != 0
    assert "actors[0].seats" in capsys.readouterr().err


def test_check_config_accepts_the_shipped_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        cli.main(["check-config", "--config", str(REPO / "mailbot" / "examples" / "config.toml")])
        == 0
    )
    assert "ok" in capsys.readouterr().out


def test_not_toml_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "c.toml"
    bad.write_text("[bot\n", encoding="utf-8")
    assert cli.main(["check-config", "--config", str(bad)]) == commands.EXIT_CONFIG
    assert "not valid TOML" in capsys.readouterr().err


def test_a_near_miss_of_a_listed_kind_is_an_error_with_did_you_mean(tmp_path: Path) -> None:
    text = SMALL_CONFIG.replace('kind = "kommun"', 'kind = "kommunn"', 1)
    problems = problems_of(tmp_path, text)
    assert any(
        "actors[0].kind" in p and "'kommunn'" in p and "did you mean 'kommun'" in p
        for p in problems
    ), problems


def test_a_kind_that_differs_only_in_case_is_a_near_miss(tmp_path: Path) -> None:
    text = SMALL_CONFIG.replace('kind = "kommun"', 'kind = "Kommun"', 1)
    assert any("did you mean 'kommun'" in p for p in problems_of(tmp_path, text))


def test_a_kind_far_from_every_listed_kind_gets_the_default_seats(tmp_path: Path) -> None:
    text = SMALL_CONFIG.replace('kind = "kommun"', 'kind = "myndighet"', 1)
    cfg = make_config(tmp_path, text)
    assert cfg.seats_for(cfg.actor("Huddinge kommun")) == cfg.seats["default"]


def test_check_config_lists_the_actors_that_get_the_default_seats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_config(tmp_path)
    other = tmp_path / "other.toml"
    other.write_text(SMALL_CONFIG.replace('kind = "kommun"', 'kind = "region"', 1), "utf-8")
    assert cli.main(["check-config", "--config", str(other)]) == 0
    out = capsys.readouterr().out
    listed = out.split("[seats] default", 1)[1]
    assert "Huddinge kommun (kind 'region')" in listed
    assert "Botkyrka kommun" not in listed  # a listed kind: its own seats


def test_check_config_says_when_no_actor_gets_the_default_seats(
    capsys: pytest.CaptureFixture[str],
) -> None:
    shipped = REPO / "mailbot" / "examples" / "config.toml"
    assert cli.main(["check-config", "--config", str(shipped)]) == 0
    assert "actors on [seats] default (2 seats): none" in capsys.readouterr().out


def test_organiser_may_name_delegates_and_a_daily_digest_time(tmp_path: Path) -> None:
    text = SMALL_CONFIG.replace(
        "[organiser]\n",
        '[organiser]\ndelegates = ["assistent@example.org"]\ndigest_at = "08:00"\n',
    )
    cfg = make_config(tmp_path, text)
    assert cfg.organiser.delegates == ("assistent@example.org",)
    assert cfg.organiser.digest_at == dt.time(8, 0)


def test_without_digest_at_no_digest_is_sent_and_nobody_is_a_delegate(tmp_path: Path) -> None:
    cfg = make_config(tmp_path)
    assert cfg.organiser.digest_at is None and cfg.organiser.delegates == ()


def test_a_digest_time_that_is_not_a_time_of_day_is_reported(tmp_path: Path) -> None:
    text = SMALL_CONFIG.replace(
        "[organiser]\n", '[organiser]\ndigest_at = "25:00"\ndelegates = ["nobody"]\n'
    )
    joined = "\n".join(problems_of(tmp_path, text))
    assert "organiser.digest_at" in joined and "'nobody' is not an email address" in joined
