"""Charsets as mail clients really use them, not as they label them (SPEC §3).

Rules of this file: decoding never fails. iso-8859-1 and us-ascii labels mean windows-1252 (as
browsers read them); unlabelled text is UTF-8 when it is UTF-8; an unknown label is read as UTF-8
with replacement characters, noted as a problem only when bytes were lost.
"""

from __future__ import annotations

from typing import Final

_WINDOWS_1252_LABELS: Final = frozenset(
    {
        "iso-8859-1",
        "iso8859-1",
        "iso_8859-1",
        "iso-8859-1:1987",
        "latin-1",
        "latin1",
        "l1",
        "cp819",
        "ibm819",
        "iso-ir-100",
        "csisolatin1",
        "us-ascii",
        "ascii",
        "us",
        "ansi_x3.4-1968",
        "iso646-us",
        "windows-1252",
        "cp1252",
        "x-cp1252",
    }
)


def decoded(data: bytes, charset: str | None, problems: list[str]) -> str:
    """Decode as mail clients really label it (SPEC §3).

    iso-8859-1/us-ascii labels are read as windows-1252 (as browsers do: Swedish Outlook mail
    labelled latin-1 carries cp1252 dashes and quotes); no label: UTF-8 if it is UTF-8; an
    unknown label: UTF-8 with replacement characters, noted as a problem only when bytes were lost.
    """
    if charset is None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1252", "replace")
    if charset in _WINDOWS_1252_LABELS:
        return data.decode("cp1252", "replace")
    try:
        return data.decode(charset, "replace")
    except (LookupError, UnicodeError, ValueError, TypeError):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"unknown charset {charset[:60]!r}: read as UTF-8 with replacements")
            return data.decode("utf-8", "replace")
