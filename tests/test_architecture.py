"""The shape of the code (issue 10): a functional core, an imperative shell, no cycles, small parts.

Read from the source with `ast`, so the rules hold for modules that are added later without
listing them: a module is pure when its name matches a pattern of `PURE`, and the lists of
exceptions below name every place that does not (yet) keep a rule, with the reason.
"""

from __future__ import annotations

import ast
import fnmatch
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mailbot"

# The functional core: decisions as functions of (message, state, clock). These import only each
# other and `CORE_MAY_USE` (the values a decision is made of), never the shell: `store`, `service`,
# `imap`, `outbox`, `schedule`, `pipeline`, `cli`, `demo`, `privacy`, `status`, `logs`, …
PURE = (
    "mailbot.model",
    "mailbot.state",
    "mailbot.actors",
    "mailbot.authentication",
    "mailbot.decide",
    "mailbot.decide.*",
    # reading a message: `parsing` is the entry point, its parts (headers, addresses, charsets,
    # MIME, dates, the values `parsed`) live in the package with it
    "mailbot.parsing",
    "mailbot.parsing.*",
    "mailbot.reading",
    "mailbot.reading.*",
    "mailbot.replies",
    "mailbot.replies.*",
    "mailbot.encoded_words",
    "mailbot.header_registry",
    "mailbot.due",
    "mailbot.digest",
    "mailbot.timetable",
    "mailbot.spreadsheet",
    "mailbot.limits",
    "mailbot.durations",
    "mailbot.tokens",
    "mailbot.table",
    # provider limits and IDN domains: arithmetic on values, no I/O (issue 12)
    "mailbot.pacing",
    "mailbot.domains",
)
# Read by the core as values; `config.load` reads a file, but nothing in the core calls it.
CORE_MAY_USE = ("mailbot.config", "mailbot")

MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 60

# Modules still over MAX_MODULE_LINES, with the size they may not grow beyond. A module that is
# gone (split) is simply not looked at.
LONG_MODULES: dict[str, int] = {}

# Functions over MAX_FUNCTION_LINES, with their length now (they may shrink, not grow).
LONG_FUNCTIONS: dict[str, int] = {}

# Imports made inside a function, each with why (everything else imports at the top, so that an
# import cycle shows at once and a reader sees a module's needs in one place).
LAZY_IMPORTS: dict[str, set[str]] = {
    # `mailbot --help` and `mailbot status` must start in < 100 ms: each command imports the
    # machinery it needs (parsing, decide, Jinja2, the service) only when it runs.
    # `cli` is the table of commands (all that `--help` imports); it imports what carries a
    # command out, `commands`, and the config's and store's errors, once the command is known
    "mailbot.cli": {"mailbot", "mailbot.commands", "mailbot.config", "mailbot.store"},
    "mailbot.commands": {"mailbot", "mailbot.*", "csv", "json", "logging", "signal", "threading"},
    # the repositories `status` does not read (the journal, personal data, the digest's
    # activity) are made, and their modules imported, when first used
    "mailbot.store": {"mailbot.store.journal", "mailbot.store.personal", "mailbot.store.activity"},
    # heavy libraries loaded the first time they are needed (start-up of `status` and tests)
    "mailbot.authentication": {"publicsuffixlist", "authres", "authres.dmarc"},
    # `ssl` (and `socket`) only for a config that names a `ca_file`, `importlib.util` only for
    # one with an OAuth provider (is its extra installed?); `status` reads the config
    "mailbot.oauth_settings": {"ssl", "importlib.util"},
    # the value type `model.OutboxItem` (and with it `model`'s six dataclasses, ~5 ms) only for
    # the sender that claims mails; `status` counts the queue
    "mailbot.store.outbox": {"mailbot.model"},
    # `tempfile` (and `shutil`, `random`) only when a database is made, not at every `status`
    "mailbot.store.database": {"tempfile"},
    "mailbot.replies": {"babel.dates", "icalendar", "icalendar.parser", "icalendar.prop"},
    # `idna` only for a domain not all in ASCII, `isodate` only for a duration of another form
    # than `P7D`/`PT12H` (each ~3-4 ms of `status`; test_idn and test_durations check that the
    # answers are the libraries' own)
    "mailbot.domains": {"idna"},
    "mailbot.durations": {"isodate"},
    "mailbot.spreadsheet": {"xlsxwriter"},
    # openpyxl (~17 MB) only for a mail with a spreadsheet attached, not in every `mailbot run`
    "mailbot.reading.attachments": {"openpyxl", "openpyxl.utils"},
}


@dataclass(frozen=True)
class Import:
    target: str
    line: int
    top_level: bool  # made when the module is imported (not in a function, not TYPE_CHECKING)


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def is_pure(module: str) -> bool:
    return any(fnmatch.fnmatchcase(module, pattern) for pattern in PURE)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, base] if base else package)
    # `from mailbot import store` imports mailbot.store; `from x import name` imports x
    return [base] + [f"{base}.{a.name}" for a in node.names]


def imports(module: str, path: Path) -> Iterator[Import]:
    """Every import of `module`, with whether it runs at import time."""
    known = modules()
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def visit(node: ast.AST, top: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            typing_only = isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test)
            if typing_only or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            ):
                yield from visit(child, False)
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    yield Import(alias.name, child.lineno, top)
            elif isinstance(child, ast.ImportFrom):
                base, *names = _resolve(module, path.name == "__init__.py", child)
                if not base.startswith("mailbot"):
                    yield Import(base, child.lineno, top)
                for target in (base, *names) if base.startswith("mailbot") else ():
                    if target in known:
                        yield Import(target, child.lineno, top)
            else:
                yield from visit(child, top)

    yield from visit(tree, True)


def graph() -> dict[str, set[str]]:
    """Import-time edges between mailbot's modules (an import of a.b.c also runs a and a.b)."""
    known = modules()
    edges: dict[str, set[str]] = {m: set() for m in known}
    for module, path in known.items():
        for imp in imports(module, path):
            if imp.top_level and imp.target in known and imp.target != module:
                edges[module] |= {imp.target, *(package_parents(imp.target) & known.keys())}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in edges:
        if v not in index:
            connect(v)
    return found


def package_parents(module: str) -> set[str]:
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


# --------------------------------------------------------------------------- the tests


def test_the_cycle_finder_finds_a_cycle_of_three() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]


def test_no_module_of_mailbot_is_part_of_an_import_cycle() -> None:
    edges = graph()
    # importing `mailbot.parsing.dates` runs `mailbot/parsing/__init__.py` first: an edge too
    assert {"mailbot.parsing", "mailbot.parsing.parsed"} <= edges["mailbot.decide.context"]
    # a package's __init__ importing its own parts is not a cycle with them
    for module in edges:
        edges[module] -= package_parents(module)
    assert cycles(edges) == []


def test_the_pure_modules_import_nothing_from_the_shell() -> None:
    assert is_pure("mailbot.decide.booking") and not is_pure("mailbot.store.journal")
    wrong = [
        f"{module}:{imp.line} imports {imp.target}"
        for module, path in modules().items()
        if is_pure(module)
        for imp in imports(module, path)
        if imp.target.startswith("mailbot")
        and not is_pure(imp.target)
        and imp.target not in CORE_MAY_USE
        and imp.target not in package_parents(module)
    ]
    assert wrong == []


# Libraries that talk to the world (servers, token endpoints, processes, the database): the shell's.
IO_LIBRARIES = {"imapclient", "aiosmtplib", "msal", "google", "requests", "urllib", "http"}
IO_LIBRARIES |= {"socket", "ssl", "sqlite3", "subprocess", "asyncio", "threading"}


def test_the_pure_modules_use_no_library_that_talks_to_the_world() -> None:
    # issue 12: the token values (`tokens`), pacing and IDN domains are core; the providers
    # that fetch tokens (`oauth*`) and everything that opens a connection are shell.
    assert all(is_pure(m) for m in ("mailbot.tokens", "mailbot.pacing", "mailbot.domains"))
    assert not any(is_pure(m) for m in ("mailbot.oauth", "mailbot.oauth_microsoft", "mailbot.tls"))
    wrong = [
        f"{module}:{imp.line} imports {imp.target}"
        for module, path in modules().items()
        if is_pure(module)
        for imp in imports(module, path)
        if imp.target.split(".")[0] in IO_LIBRARIES
    ]
    assert wrong == []


def test_imports_inside_functions_are_only_the_listed_ones() -> None:
    wrong = [
        f"{module}:{imp.line} imports {imp.target} inside a function"
        for module, path in modules().items()
        for imp in imports(module, path)
        if not imp.top_level
        and not _type_checking_only(path, imp)
        and not any(fnmatch.fnmatchcase(imp.target, p) for p in LAZY_IMPORTS.get(module, ()))
    ]
    assert wrong == []


def _type_checking_only(path: Path, imp: Import) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            end = node.end_lineno or node.lineno
            if node.lineno <= imp.line <= end:
                return True
    return False


def test_no_module_is_longer_than_600_lines_but_the_listed_ones() -> None:
    wrong = []
    for module, path in modules().items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LONG_MODULES.get(module, MAX_MODULE_LINES):
            wrong.append(f"{module}: {lines} lines")
    assert wrong == []


def test_no_function_is_longer_than_60_lines_but_the_listed_ones() -> None:
    wrong = []
    for module, path in modules().items():
        for name, lines in _functions(ast.parse(path.read_text(encoding="utf-8")), ""):
            allowed = LONG_FUNCTIONS.get(f"{module}.{name}", MAX_FUNCTION_LINES)
            if lines > allowed:
                wrong.append(f"{module}.{name}: {lines} lines")
    assert wrong == []


def _functions(node: ast.AST, prefix: str) -> Iterator[tuple[str, int]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            yield prefix + child.name, (child.end_lineno or child.lineno) - child.lineno + 1
            yield from _functions(child, f"{prefix}{child.name}.")
        elif isinstance(child, ast.ClassDef):
            yield from _functions(child, f"{prefix}{child.name}.")


@pytest.mark.parametrize("module", sorted(modules()))
def test_every_module_imports_alone_in_a_fresh_interpreter(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
