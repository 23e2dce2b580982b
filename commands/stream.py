"""Long listings printed piece by piece: memory does not grow with what is listed.

``township audit log`` and ``township export audit`` list the whole audit
log, which grows without end. ``stream`` prints such a listing through the
one renderer (``commands.render``), a chunk of rows at a time, and gives
the same text as rendering all the rows at once:

- json: the array written item by item;
- csv, tsv: the header once, then each chunk's rows;
- html: the document around the first chunk, the rows of every chunk;
- table, plain, github: a first pass measures each column's width (only
  the widths are kept), then each chunk is laid out to those widths (a
  first row of that width makes the renderer use them, and is dropped).
  A caller that already read everything once (``audit log`` checks every
  line first) measures there (``Widths``) and spares the first pass.

``rows`` is called once per pass and returns a fresh iterator of ``(row,
data)``: the row people read, the item JSON prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from commands.render import Column, View, render, to_json
from township.i18n import Text, resolve

CHUNK = 500
Rows = Callable[[], Iterator[tuple[dict[str, Any], Any]]]
# Lines of a tabulated table above its first row.
_HEADER_LINES = {"table": 2, "github": 2, "plain": 1}


def _chunks(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def stream(
    rows: Rows,
    columns: Sequence[Column],
    fmt: str,
    lang: str,
    *,
    empty: Text | str | None = None,
    widths: Widths | None = None,
) -> Iterator[str]:
    """The listing in ``fmt``, as pieces of text to print one after the other.

    ``widths``: the rows measured already (every row ``rows`` gives).
    """
    if fmt == "json":
        return _json(rows, lang)
    if fmt in ("csv", "tsv"):
        return _delimited(rows, columns, fmt, lang)
    if fmt == "html":
        return _html(rows, columns, lang, empty)
    if widths is None:
        widths = Widths(columns, fmt, lang)
        for row, _data in rows():
            widths.measure(row)
    return _tabulated(rows, columns, fmt, lang, empty, widths)


def _json(rows: Rows, lang: str) -> Iterator[str]:
    first = True
    for _row, data in rows():
        item = to_json(resolve(data, lang)).rstrip("\n")
        yield ("[\n" if first else ",\n") + "\n".join("  " + line for line in item.split("\n"))
        first = False
    yield "[]\n" if first else "\n]\n"


def _delimited(rows: Rows, columns: Sequence[Column], fmt: str, lang: str) -> Iterator[str]:
    first = True
    for chunk in _chunks(row for row, _data in rows()):
        text = render(View(chunk, columns), fmt, lang)
        yield text if first else text.split("\n", 1)[1]
        first = False
    if first:
        yield render(View([], columns), fmt, lang)


def _html(
    rows: Rows, columns: Sequence[Column], lang: str, empty: Text | str | None
) -> Iterator[str]:
    suffix = None
    for chunk in _chunks(row for row, _data in rows()):
        text = render(View(chunk, columns), "html", lang)
        start = text.index("<tbody>") + len("<tbody>")
        end = text.index("\n</tbody>")
        if suffix is None:
            yield text[:start]
            suffix = text[end:]
        yield text[start:end]
    if suffix is None:
        yield render(View([], columns, empty=empty), "html", lang)
    else:
        yield suffix


class Widths:
    """The widest cell of each column of a table listing, measured row by row.

    A log repeats the same few values (actors, commands, times to the
    minute...), so each cell's width is computed once (``_WIDTHS_KEPT`` at most).
    """

    def __init__(self, columns: Sequence[Column], fmt: str, lang: str) -> None:
        self.columns = columns
        self.fmt = fmt
        self.lang = lang
        self.widths = [0] * len(columns)
        self.count = 0
        self._known: dict[str, int] = {}

    def _width(self, text: str) -> int:
        if text.isascii() and text.isprintable():
            return len(text)  # one column a character (most of a log: times, ids)
        found = self._known.get(text)
        if found is None:
            from wcwidth import wcswidth

            found = wcswidth(text)
            found = found if found >= 0 else len(text)
            if len(self._known) < _WIDTHS_KEPT:
                self._known[text] = found
        return found

    def measure(self, row: dict[str, Any]) -> None:
        """Take one row's cells into account."""
        from commands.render import _cell
        from township.text import escape_control

        self.count += 1
        widths = self.widths
        for i, column in enumerate(self.columns):
            cell = escape_control(_cell(row.get(column.key), self.lang)).strip()
            if self.fmt == "github":
                cell = cell.replace("|", "\\|")
            width = self._width(cell)
            if width > widths[i]:
                widths[i] = width


_WIDTHS_KEPT = 100_000


def _tabulated(
    rows: Rows,
    columns: Sequence[Column],
    fmt: str,
    lang: str,
    empty: Text | str | None,
    measured: Widths,
) -> Iterator[str]:
    widths = measured.widths
    if not measured.count:
        yield render(View([], columns, empty=empty), fmt, lang)
        return
    skip = _HEADER_LINES[fmt]
    ruler = {column.key: "x" * max(widths[i], 1) for i, column in enumerate(columns)}
    first = True
    for chunk in _chunks(row for row, _data in rows()):
        lines = render(View([ruler, *chunk], columns), fmt, lang).split("\n")
        kept = lines[:skip] + lines[skip + 1 :] if first else lines[skip + 1 :]
        yield "\n".join(kept)
        first = False
