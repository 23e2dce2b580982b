"""Text as people type it and as terminals, spreadsheets and mail show it.

- ``ascii_form``: a value typed on a Chinese keyboard read as its ASCII form
  (Unicode NFKC): full-width digits and punctuation (``２０２６－０３－１０``,
  ``ＩＮＱ-2026-0001``) become ``2026-03-10``, ``INQ-2026-0001``; used for
  dates, numbers and ids, never for stored text.
- ``is_blank`` / ``visible``: ``clean_required`` (``township.errors``) refuses a
  value that is empty, blank or made only of invisible characters
  (zero-width spaces, U+3000 ideographic space, BOM, lone combining marks...)
  where text is required, and strips what surrounds it.
- ``escape_control`` shows stored control characters (ESC, C0 but tab, DEL,
  C1, bidi overrides, line and paragraph separators) escaped as ``\\x1b`` or
  ``\\u202e``, so that a stored value can neither drive the terminal nor start
  a line that looks like another row. Text is stored as given; only its
  display is escaped.
- ``has_line_break``: a mail header (a name, an address) holds none.
- ``delimited_row``: one CSV or TSV line, quoted as RFC 4180 says (a cell
  holding a line break, a carriage return, the delimiter or a quote is
  quoted, so no cell starts a row of its own) and with every cell a
  spreadsheet would run as a formula escaped (``escape_formula``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# C0 controls except tab, DEL, C1 controls; the bidi embeddings, overrides and
# isolates; the line/paragraph separators that some terminals and editors
# treat as a line break; newline and carriage return too (a field is one cell).
_CONTROL = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)

# Characters that show nothing: a value made only of these (and whitespace)
# is blank to the reader.
_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f\u2800\u3164\ufeff"
    "\uffa0"
)

# Characters that show nothing on their own (categories): controls, format
# characters (zero-width, bidi), separators, surrogates, and the marks that
# combine with a character before them (a value of marks alone shows none).
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"})

_NAMED = {"\n": "\\n", "\r": "\\r"}

# What ``str.splitlines`` (and so the mail library) takes for a line break.
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_control(value: str, *, keep_newlines: bool = False) -> str:
    """``value`` with control and bidi characters shown escaped (tab kept).

    ``\\x1b`` for ESC, ``\\u202e`` for a right-to-left override, ``\\n`` for a
    newline (one field stays on one line); ``keep_newlines`` keeps line
    breaks, for text that is made of lines (a printable notice).
    """
    if not _CONTROL.search(value):
        return value
    if keep_newlines:
        return "\n".join(_CONTROL.sub(_escape_one, line) for line in value.split("\n"))
    return _CONTROL.sub(_escape_one, value)


def is_invisible(char: str) -> bool:
    """True when the one character ``char`` shows nothing by itself.

    Whitespace, zero-width and format characters, controls, separators,
    lone surrogates, combining marks and variation selectors, fillers.
    Private-use characters count as visible: offices encode rare
    characters of names (生僻字) there.
    """
    return (
        char.isspace() or char in _INVISIBLE or unicodedata.category(char) in _INVISIBLE_CATEGORIES
    )


def is_blank(value: str) -> bool:
    """True when ``value`` shows nothing: only whitespace and invisible characters."""
    return all(is_invisible(ch) for ch in value)


def ascii_form(value: str) -> str:
    """``value`` as a date, number or id is read: NFKC, stripped.

    A Chinese input method in full-width mode types ``２０２６－０３－１０`` and
    ``ＩＮＱ－２０２６－０００１``; their NFKC forms are ``2026-03-10`` and
    ``INQ-2026-0001`` (U+3000 becomes a space, stripped). Digits of other
    scripts keep their form (NFKC does not map them), so a pattern written
    with ``[0-9]`` still refuses them.
    """
    return unicodedata.normalize("NFKC", value).strip()


def has_line_break(value: str) -> bool:
    """True when ``value`` holds a line break (LF, CR, or any ``str.splitlines`` breaks on)."""
    return any(ch in LINE_BREAKS for ch in value)


# -- spreadsheets -------------------------------------------------------------------

# A spreadsheet runs a cell beginning with one of these as a formula (OWASP
# "CSV injection"); a leading tab or carriage return is escaped too.
_FORMULA_START = ("=", "+", "-", "@")
# Characters a spreadsheet skips before it looks for the formula sign; also
# their full-width forms (an input method's) are not formula signs, so only
# ASCII signs count, after any whitespace, line break or invisible character.
_LEADING = re.compile(r"^[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2060-\u2064\ufeff\u3000]*")


def escape_formula(cell: str) -> str:
    """``cell`` with a ``'`` before it when a spreadsheet would run it as a formula.

    A cell is escaped when, after any leading whitespace, CR, LF or
    invisible characters, it begins with ``=``, ``+``, ``-`` or ``@``, or
    when it begins with a tab or a carriage return.
    """
    rest = cell[_LEADING.match(cell).end() :]  # type: ignore[union-attr]  # always matches
    if rest.startswith(_FORMULA_START) or cell.startswith(("\t", "\r")):
        return "'" + cell
    return cell


def _quoted(cell: str, delimiter: str) -> str:
    if '"' in cell or delimiter in cell or has_line_break(cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def delimited_row(cells: Iterable[str], delimiter: str = ",") -> str:
    """One CSV (``,``) or TSV (tab) line of ``cells``, ending in a newline.

    RFC 4180 quoting: a cell holding the delimiter, a double quote, a line
    feed, a carriage return or any other line break is quoted (quotes
    doubled), so a line break inside a cell never starts a row of its own;
    every cell is escaped first (``escape_formula``).
    """
    return delimiter.join(_quoted(escape_formula(c), delimiter) for c in cells) + "\n"


def visible(value: str) -> str:
    """``value`` without the whitespace and invisible characters around it."""
    return value.strip().strip("".join(_INVISIBLE)).strip()
