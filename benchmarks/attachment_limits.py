"""Time and memory of reading attached spreadsheets, bombs included (mailbot.reading.attachments).

    python benchmarks/attachment_limits.py [--calamine]

Each case runs in a fresh process, so the peak resident size (ru_maxrss) is that case's own;
the tracemalloc peak counts Python's allocations only. With --calamine, python-calamine (not a
dependency of mailbot) reads the same files in a process capped at 1 GiB of address space and
20 s, to show why it was not chosen (NOTES.md "Spreadsheets").
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "reading"))

import spreadsheet_files as files

from mailbot.reading.attachments import Refused, read_spreadsheet

GIB = 1 << 30


def cases() -> dict[str, tuple[str, Callable[[], bytes]]]:
    rows = [["Namn", "E-post", "Befattning"]] + [
        [f"Person {i}", f"person.{i}@lund.se", "Handläggare"] for i in range(1, 41)
    ]
    laughs = files.laughing_xlsx()
    return {
        "list of 40 (xlsx)": ("a.xlsx", lambda: files.xlsx_with_xlsxwriter(rows)),
        "list of 40 (csv cp1252 ;)": (
            "a.csv",
            lambda: "\r\n".join(";".join(map(str, row)) for row in rows).encode("cp1252"),
        ),
        "list of 2000 rows (xlsx)": (
            "b.xlsx",
            lambda: files.xlsx_with_xlsxwriter(
                [[f"P {i}", f"p{i}@lund.se", "x"] for i in range(2000)]
            ),
        ),
        "zip bomb 200 MiB": ("bomb.xlsx", lambda: files.zip_bomb(200)),
        "ratio bomb 10 MiB": ("ratio.xlsx", files.ratio_bomb),
        "laughs in workbook.xml": ("l1.xlsx", lambda: laughs["xl/workbook.xml"]),
        "laughs in sheet1.xml": ("l2.xlsx", lambda: laughs["xl/worksheets/sheet1.xml"]),
        "laughs in sharedStrings": ("l3.xlsx", lambda: laughs["xl/sharedStrings.xml"]),
        "far cell XFD1048576": (
            "far.xlsx",
            lambda: files.xlsx_with_openpyxl([["Namn"], ["Anna"]], far="XFD1048576"),
        ),
    }


def ours(name: str, make: Callable[[], bytes], queue: multiprocessing.Queue[str]) -> None:
    data = make()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    result = read_spreadsheet(name, data)
    seconds = time.perf_counter() - started  # untraced: tracemalloc slows openpyxl sevenfold
    tracemalloc.start()
    read_spreadsheet(name, data)
    peak = tracemalloc.get_traced_memory()[1]
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if isinstance(result, Refused):
        outcome = f"refused: {result.why}"
    else:
        outcome = f"read: {sum(len(sheet.rows) for sheet in result)} rows"
    queue.put(
        f"{len(data) / 1024:8.0f} KiB {seconds * 1000:8.1f} ms {peak / 2**20:7.1f} MiB "
        f"{max(after - before, 0) / 1024:8.1f} MiB  {outcome}"
    )


def calamine(name: str, make: Callable[[], bytes], queue: multiprocessing.Queue[str]) -> None:
    import io

    import python_calamine

    data = make()
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))
    started = time.perf_counter()
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = range(len(book.sheet_names))
        count = sum(len(book.get_sheet_by_index(i).to_python()) for i in sheets)
        outcome = f"read: {count} rows"
    except BaseException as exc:
        outcome = f"{type(exc).__name__}: {str(exc)[:60]}"
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(f"{seconds * 1000:8.1f} ms  maxrss {rss:7.1f} MiB  {outcome}")


def run(target: Callable[..., None], label: str, name: str, make: Callable[[], bytes]) -> None:
    queue: multiprocessing.Queue[str] = multiprocessing.Queue()
    process = multiprocessing.Process(target=target, args=(name, make, queue))
    process.start()
    process.join(20)
    if process.is_alive():
        process.kill()
        process.join()
        print(f"{label:28} killed after 20 s")
    elif queue.empty():
        print(f"{label:28} died (exit code {process.exitcode})")
    else:
        print(f"{label:28} {queue.get()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calamine", action="store_true")
    args = parser.parse_args()
    multiprocessing.set_start_method("fork")
    print(f"{'case':28} {'size':>12} {'time':>11} {'traced':>11} {'rss+':>12}  outcome")
    for label, (name, make) in cases().items():
        run(ours, label, name, make)
    if args.calamine:
        print("\npython-calamine, 1 GiB address-space cap:")
        for label, (name, make) in cases().items():
            run(calamine, label, name, make)


if __name__ == "__main__":
    main()
