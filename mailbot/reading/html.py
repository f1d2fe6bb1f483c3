"""HTML as a reader sees it (SPEC §3): lines, the tables in it, and where the quote starts.

Why not an HTML-to-text library such as inscriptis (tried first, no longer a dependency): it lays
tables out as padded columns and forgets where a quoted reply began, and both matter here. A table
pasted from Excel must reach the table reader as rows of cells, and the splitter must know that
Gmail's `gmail_quote`, Apple's `blockquote type=cite`, Thunderbird's `moz-cite-prefix` or Outlook's
`divRplyFwdMsg` / top-bordered `Från:` block is not the author's text, even when the attribution
line is in a language no rule knows. So this walks the tree lxml parses and writes what a reader
sees:

- block elements (`p`, `div`, `li`, `tr`, headings, …) end a line and `br` breaks one;
- a paragraph holding only a no-break space (`<p>&nbsp;</p>`, Outlook's `<o:p>&nbsp;</o:p>`) is
  a blank line, since that is how people separate one participant from the next;
- list items keep their number (`1.`) or get a bullet (`•`), Outlook's `MsoListParagraph`
  (whose bullet is a `mso-list:Ignore` span, often a Symbol-font `·`) included;
- a table whose cells hold no other table is data: its rows become `Table.rows`, and each row
  also stands in the lines as its cells joined by tabs, at its place. A table that holds a table
  is layout (newsletters, signatures): its cells are read as blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from typing import Final

from lxml import etree

# Cells of a data table, row by row, as the reader sees them.
Rows = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Table:
    """A data table: its rows of cell text (rows with no text left out), and the lines it
    stands in: `Rendered.lines[line:end]` (a line reader that reads tab-joined lines should
    leave those to the table reader)."""

    rows: Rows
    line: int
    end: int


@dataclass(frozen=True)
class Rendered:
    """An HTML body as lines; `quote_start` is the index of the first line of the first quoted
    or forwarded part the markup itself shows (None when the markup shows none)."""

    lines: tuple[str, ...]
    tables: tuple[Table, ...] = ()
    quote_start: int | None = None


_BLOCKS: Final = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
_BLOCKS_OR_CELLS: Final = _BLOCKS | {"td", "th"}
_SKIPPED: Final = frozenset(
    ["head", "script", "style", "title", "template", "noscript", "xml", "object"]
)
_HIDDEN: Final = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all", re.IGNORECASE)
_OUTLOOK_QUOTE_BORDER: Final = re.compile(
    r"border-top\s*:\s*solid\s*#[0-9a-f]{3,6}\s*1(?:\.0)?pt", re.IGNORECASE
)
_QUOTE_CLASSES: Final = ("gmail_quote", "moz-cite-prefix", "yahoo_quoted", "gmail_extra_quote")
_QUOTE_IDS: Final = ("divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container")
_MSO_BULLETS: Final = frozenset("·§oØüv•▪-*")
_BLANKS: Final = re.compile(r"[ \t\r\n\f\v]+")
_NBSP: Final = "\xa0"
_BREAKING_TAG: Final = re.compile(r"<(?:br|/?(?:p|div|li|tr|h[1-6]))\b[^>]*>", re.IGNORECASE)
_ANY_TAG: Final = re.compile(r"<[^>]*>")
_MAX_DEPTH: Final = 180  # deeper markup is flattened to its text: no recursion limit is reached


@dataclass
class _Lists:
    kind: str  # "ol" or "ul"
    next_number: int


@dataclass
class _Out:
    """The builder: lines written so far and the fragments of the line being written."""

    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    fragments: list[str] = field(default_factory=list)
    quote_start: int | None = None
    lists: list[_Lists] = field(default_factory=list)
    bullet: str = ""  # a list item's marker, written before the item's first text

    def text(self, value: str | None) -> None:
        if value:
            if self.bullet and value.replace(_NBSP, " ").strip():
                self.fragments.append(self.bullet)  # the item's first text, wherever it sits
                self.bullet = ""
            self.fragments.append(value)

    def end_line(self, *, always: bool = False) -> None:
        """End the line being written: a line with text is kept, one holding only no-break
        spaces is a blank line, and an empty one only counts after a `br` (`always`)."""
        if not self.fragments:
            if always:
                self.lines.append("")
            return
        raw = "".join(self.fragments)
        self.fragments.clear()
        line = _BLANKS.sub(" ", raw.replace(_NBSP, " ")).strip()
        if line or always or _NBSP in raw:
            self.lines.append(line)

    def mark_quote(self) -> None:
        if self.quote_start is None:
            self.end_line()
            self.quote_start = len(self.lines)


def rendered(html: str) -> Rendered:
    """The HTML body as a reader sees it; markup lxml cannot parse at all is read as text."""
    root = _parsed(html)
    out = _Out()
    if root is None:
        return _as_text(html)
    _walk(root, out, 0)
    out.end_line()
    return Rendered(tuple(out.lines), tuple(out.tables), out.quote_start)


def _parsed(html: str) -> etree._Element | None:
    parser = etree.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=False
    )
    try:
        root = etree.fromstring(html, parser)
    except (etree.LxmlError, ValueError):
        return None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        return None  # libxml2 stopped at its depth limit and dropped the rest
    return root


def _as_text(html: str) -> Rendered:
    """Markup lxml will not read whole (nesting past its limit): tags out, block tags as breaks."""
    text = _BREAKING_TAG.sub("\n", html)
    text = unescape(_ANY_TAG.sub("", text)).replace(_NBSP, " ")
    lines = (_BLANKS.sub(" ", line).strip() for line in text.split("\n"))
    return Rendered(tuple(line for line in lines if line))


def _walk(element: etree._Element, out: _Out, depth: int) -> None:
    # The hot loop of reading a mail (Word's HTML is mostly inline `span`s and `o:p`s): each
    # attribute is fetched once, the quote and hidden tests (regular expressions) run only on
    # elements that carry the attribute they look at, and an inline element is walked here.
    tag = element.tag
    tag = tag.lower() if isinstance(tag, str) else ""  # comments and PIs that survived: ""
    style = element.get("style")
    if tag in _SKIPPED or (style and _HIDDEN.search(style)):
        out.text(element.tail)
        return
    if _is_quote(element, tag, style):
        out.mark_quote()
    if depth > _MAX_DEPTH:
        out.text(" ".join(_texts(element)))
    elif tag in _BLOCKS_OR_CELLS:
        if tag == "table" and element.find(".//table") is None:
            _data_table(element, out, depth)
        elif tag in ("ol", "ul"):
            _list(element, out, depth, tag)
        else:
            _block(element, out, depth, tag)
    elif tag == "br":
        out.end_line(always=True)
    elif tag == "span" and style and _is_mso_bullet(style):
        out.text(_mso_bullet(element))  # its text is the bullet and the spacing Word drew after it
    else:
        out.text(element.text)
        for child in element:
            _walk(child, out, depth + 1)
    out.text(element.tail)


def _block(element: etree._Element, out: _Out, depth: int, tag: str) -> None:
    is_block = tag in _BLOCKS_OR_CELLS
    if is_block:
        out.end_line()
    if tag == "li":
        out.bullet = _bullet(out)
    out.text(element.text)
    for child in element:
        _walk(child, out, depth + 1)
    if is_block:
        out.end_line()
    if tag == "li":
        out.bullet = ""  # an empty item writes nothing


def _list(element: etree._Element, out: _Out, depth: int, tag: str) -> None:
    start = element.get("start") or "1"
    out.lists.append(_Lists(tag, int(start) if start.isdigit() and len(start) < 7 else 1))
    try:
        _block(element, out, depth, tag)
    finally:
        out.lists.pop()


def _bullet(out: _Out) -> str:
    if not out.lists or out.lists[-1].kind == "ul":
        return "• "
    current = out.lists[-1]
    current.next_number += 1
    return f"{current.next_number - 1}. "


def _is_mso_bullet(style: str) -> bool:
    return "mso-list:ignore" in style.replace(" ", "").lower()


def _mso_bullet(element: etree._Element) -> str:
    """Word's list marker: a number stays (`1.`, `a)`), a Symbol or Wingdings glyph is a bullet."""
    marker = "".join(_texts(element)).replace(_NBSP, " ").strip()
    if not marker or marker in _MSO_BULLETS:
        return "• "
    return marker + " "


def _data_table(element: etree._Element, out: _Out, depth: int) -> None:
    out.end_line()
    rows: list[tuple[str, ...]] = []
    first_line = len(out.lines)
    for row in element.iter("tr"):
        cells = tuple(_cell_text(cell, depth) for cell in row if _tag(cell) in ("td", "th"))
        if any(cells):
            rows.append(cells)
            out.lines.append("\t".join(cells))
        else:
            out.lines.append("")
    if rows:
        out.tables.append(Table(tuple(rows), first_line, len(out.lines)))


def _cell_text(cell: etree._Element, depth: int) -> str:
    """A cell's text on one line (a cell with several paragraphs is one value)."""
    inner = _Out()
    _block(cell, inner, depth + 2, "td")
    inner.end_line()
    return " ".join(line for line in inner.lines if line)


def _is_quote(element: etree._Element, tag: str, style: str | None) -> bool:
    if tag == "blockquote":
        return True
    classes = element.get("class")
    if classes and any(name in classes.lower() for name in _QUOTE_CLASSES):
        return True
    ident = element.get("id")
    if ident and ident.lower() in _QUOTE_IDS:
        return True
    return tag == "div" and style is not None and _OUTLOOK_QUOTE_BORDER.search(style) is not None


def _tag(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comments and processing instructions that survived the parser
    return tag.lower()  # `o:p` stays inline: Word closes every paragraph with one


def _texts(element: etree._Element) -> list[str]:
    return [text for text in element.itertext() if isinstance(text, str)]
