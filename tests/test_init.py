"""`mailbot init` and the shipped templates (SPEC §13): a new event starts from one file.

The organiser runs `mailbot init`, edits the config, and has a working bot: no templates folder
unless they want to change wording, and then only the templates they edit; the rest come from
the package. These run the console script of the development install; `test_install` runs the
same steps in a fresh venv with a real (non-editable) install.
"""

from __future__ import annotations

from pathlib import Path

from mailbot import shipped

from console import PASSWORDS, mailbot, process_first_sample


def test_init_in_an_empty_folder_writes_only_a_config_that_passes_check_config(
    tmp_path: Path,
) -> None:
    result = mailbot("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]
    assert (tmp_path / "config.toml").read_text("utf-8") == shipped.example_config().read_text(
        "utf-8"
    )

    check = mailbot("check-config", cwd=tmp_path, environ=PASSWORDS)

    assert check.returncode == 0, check.stderr
    assert "templates: all" in check.stdout and "shipped with mailbot" in check.stdout


def test_a_config_made_by_init_handles_a_registration_with_the_shipped_templates(
    tmp_path: Path,
) -> None:
    assert mailbot("init", str(tmp_path / "event"), cwd=tmp_path).returncode == 0

    replies = process_first_sample(tmp_path / "event")

    assert replies["confirmed"].startswith("Bekräftelse")
    assert "summary" in replies  # five for a four-seat actor: the sender's summary says who waits


def test_init_never_overwrites_and_names_the_file_that_exists(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("# mine\n", encoding="utf-8")

    result = mailbot("init", "--templates", str(tmp_path), cwd=tmp_path)

    assert result.returncode != 0
    assert str(tmp_path / "config.toml") in result.stderr
    assert (tmp_path / "config.toml").read_text("utf-8") == "# mine\n"
    assert not (tmp_path / "templates").exists()  # nothing written at all


def test_init_never_overwrites_an_edited_template(tmp_path: Path) -> None:
    edited = tmp_path / "templates" / "sv" / "confirmed.txt.j2"
    edited.parent.mkdir(parents=True)
    edited.write_text("mine", encoding="utf-8")

    result = mailbot("init", "--templates", cwd=tmp_path)

    assert result.returncode != 0 and "templates/sv/confirmed.txt.j2 exists" in result.stderr
    assert edited.read_text("utf-8") == "mine"
    assert not (tmp_path / "config.toml").exists()


def test_init_with_templates_copies_every_shipped_template_and_points_the_config_at_them(
    tmp_path: Path,
) -> None:
    assert mailbot("init", "--templates", cwd=tmp_path).returncode == 0

    copied = sorted(
        p.relative_to(tmp_path / "templates").as_posix() for p in tmp_path.rglob("*.j2")
    )
    assert copied == shipped.template_names()
    assert '\ntemplates = "templates"' in (tmp_path / "config.toml").read_text("utf-8")
    check = mailbot("check-config", cwd=tmp_path, environ=PASSWORDS)
    assert check.returncode == 0, check.stderr
    assert f"{len(copied)} edited" in check.stdout and ", 0 shipped" in check.stdout


def test_an_edited_template_is_used_and_a_deleted_one_falls_back_to_the_shipped_one(
    tmp_path: Path,
) -> None:
    assert mailbot("init", "--templates", str(tmp_path / "site"), cwd=tmp_path).returncode == 0
    assert mailbot("init", str(tmp_path / "plain"), cwd=tmp_path).returncode == 0
    confirmed = tmp_path / "site" / "templates" / "sv" / "confirmed.txt.j2"
    confirmed.write_text(
        confirmed.read_text("utf-8").replace("Bekräftelse:", "Välkommen till"), "utf-8"
    )
    (tmp_path / "site" / "templates" / "sv" / "summary.txt.j2").unlink()

    check = mailbot("check-config", cwd=tmp_path / "site", environ=PASSWORDS)
    site, plain = process_first_sample(tmp_path / "site"), process_first_sample(tmp_path / "plain")

    assert check.returncode == 0, check.stderr
    assert "  own      sv/confirmed.txt.j2" in check.stdout
    assert "  shipped  sv/summary.txt.j2" in check.stdout
    assert site["confirmed"].startswith("Välkommen till")
    assert plain["confirmed"].startswith("Bekräftelse")
    assert site["summary"] == plain["summary"]  # the shipped wording


def test_a_templates_folder_named_in_the_config_but_missing_is_a_config_problem(
    tmp_path: Path,
) -> None:
    assert mailbot("init", "--templates", cwd=tmp_path).returncode == 0
    for f in sorted(tmp_path.rglob("*.j2")):
        f.unlink()
    for d in sorted((tmp_path / "templates").rglob("*"), reverse=True):
        d.rmdir()
    (tmp_path / "templates").rmdir()

    check = mailbot("check-config", cwd=tmp_path, environ=PASSWORDS)

    assert check.returncode == 3
    assert "bot.templates" in check.stderr and "no such folder" in check.stderr


def test_a_config_copied_alone_to_another_folder_works(tmp_path: Path) -> None:
    source = tmp_path / "a"
    assert mailbot("init", str(source), cwd=tmp_path).returncode == 0
    elsewhere = tmp_path / "b"
    elsewhere.mkdir()
    (elsewhere / "config.toml").write_bytes((source / "config.toml").read_bytes())

    assert process_first_sample(elsewhere)["confirmed"].startswith("Bekräftelse")
