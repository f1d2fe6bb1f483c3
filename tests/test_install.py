"""An installed mailbot needs no source tree (SPEC §13): `pip install .`, then any folder.

A fresh virtualenv gets a real, non-editable install of the working tree with the `demo` extra,
as the README's quick start installs it; then, from an empty folder, `mailbot demo` shows its
confirmations and `mailbot init` makes a config that handles mail with the shipped templates.
This is what catches package data left out of the wheel: the development install is editable
and would find the files beside the source. Slow (pip resolves and installs every dependency;
its cache makes that some 30-40 s); the README's quick start depends on it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from console import PASSWORDS, mailbot, process_first_sample

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `mailbot` console script of a fresh venv with `pip install '.[demo]'` (not -e).

    The project is copied first, so pip's build leaves no `build/` in the working tree."""
    root = tmp_path_factory.mktemp("install")
    source = root / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(
        REPO / "mailbot", source / "mailbot", ignore=shutil.ignore_patterns("__pycache__")
    )
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", f"{source}[demo]"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert pip.returncode == 0, pip.stderr
    shutil.rmtree(source)  # nothing may be found beside the source any more
    return venv / "bin" / "mailbot"


@pytest.mark.slow
def test_the_installed_package_is_a_copy_in_the_venv_not_the_source(
    installed: Path, tmp_path: Path
) -> None:
    python = installed.with_name("python")
    where = subprocess.run(
        [str(python), "-c", "import mailbot, sys; print(mailbot.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(installed.parent.parent)), where


@pytest.mark.slow
def test_installed_demo_from_an_empty_folder_shows_confirmations(
    installed: Path, tmp_path: Path
) -> None:
    result = mailbot("demo", cwd=tmp_path, exe=installed)

    assert result.returncode == 0, result.stderr
    assert "reply:    confirmed → Åsa Öberg <asa.oberg@huddinge.se>" in result.stdout
    assert "9 messages handled and moved" in result.stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_installed_init_config_passes_check_config_and_handles_mail(
    installed: Path, tmp_path: Path
) -> None:
    assert mailbot("init", cwd=tmp_path, exe=installed).returncode == 0

    check = mailbot("check-config", cwd=tmp_path, exe=installed, environ=PASSWORDS)
    replies = process_first_sample(tmp_path, exe=installed)

    assert check.returncode == 0, check.stderr
    assert replies["confirmed"].startswith("Bekräftelse")


@pytest.mark.slow
def test_installed_init_never_overwrites(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("# mine\n", encoding="utf-8")

    result = mailbot("init", "--templates", cwd=tmp_path, exe=installed)

    assert result.returncode != 0 and "config.toml exists" in result.stderr
    assert (tmp_path / "config.toml").read_text("utf-8") == "# mine\n"
