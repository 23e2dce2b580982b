"""The one renderer: every ``--format`` of every command goes through here.

A command builds a ``View`` (rows and their columns for humans, ``data``
for JSON, an optional preformatted ``text`` for printable documents) and
calls ``render``; which format is chosen is decided once, here. Several
views printed as one output (a record's fields, steps and deadlines; a
report's groups) go through ``render_sections``.

The formats people read in a terminal (table, plain, github) show control
characters escaped (``township.text.escape_control``): a stored ESC or
bidi override cannot drive the terminal, and a newline inside a field
cannot start a line that looks like another row. HTML is escaped as HTML
and shows control characters escaped too (line breaks kept); CSV, TSV and
JSON carry the data as stored, CSV and TSV quoted as RFC 4180 says (a cell
holding a line break or a carriage return is quoted, so it never starts a
row of its own) with the cells a spreadsheet would run as formulas escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from township.i18n import Text, resolve


@dataclass(frozen=True)
class Column:
    """A column: the row key it shows and its header in both languages."""

    key: str
    label: Text


@dataclass
class View:
    """What a command shows, independent of the format.

    ``rows`` hold display values (``Text`` is resolved to the language);
    ``data`` is the JSON shape (``rows`` if omitted); ``text``, when given,
    is what ``table`` and ``plain`` print instead of a table (a month grid,
    a printable notice); ``title`` and ``notes`` frame the table. ``name``
    is the view's short name as one section of ``render_sections`` (a
    report's group), its title if omitted.
    """

    rows: list[dict[str, Any]] = field(default_factory=list)
    columns: Sequence[Column] = ()
    data: Any = None
    title: Text | str | None = None
    notes: list[Text | str] = field(default_factory=list)
    text: Text | str | None = None
    empty: Text | str | None = None
    name: Text | str | None = None
    # The daily report: a CSS class per HTML row (parallel to ``rows``; "" for
    # none), ``compact`` leaves out columns empty in every row (HTML, table,
    # plain, github), and ``footer`` lines come after the notes.
    row_classes: Sequence[str] = ()
    compact: bool = False
    footer: list[Text | str] = field(default_factory=list)


def _cell(value: Any, lang: str) -> str:
    if value.__class__ is str:  # most cells: nothing to resolve
        return value
    value = resolve(value, lang)
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("是" if value else "否") if lang != "en" else ("yes" if value else "no")
    if isinstance(value, list):
        return ("、" if lang != "en" else ", ").join(str(v) for v in value)
    return str(value)


def _table(view: View, lang: str) -> tuple[list[str], list[list[str]]]:
    headers = [c.label.get(lang) for c in view.columns]
    rows = [[_cell(row.get(c.key), lang) for c in view.columns] for row in view.rows]
    return headers, rows


def _compact(view: View, headers: list[str], rows: list[list[str]]) -> list[int]:
    """The columns shown: all, or with ``view.compact`` those not empty in every row."""
    return [
        i
        for i in range(len(headers))
        if not view.compact or not view.rows or any(row[i] for row in rows)
    ]


def _esc(text: str) -> str:
    """HTML-escape, control characters shown escaped too (line breaks kept).

    ``html`` is imported only by the formats that need it.
    """
    from html import escape

    from township.text import escape_control

    return escape(escape_control(text, keep_newlines=True))


def _delimited(view: View, lang: str, delimiter: str) -> str:
    """CSV or TSV: RFC 4180 quoting, formulas escaped (``township.text.delimited_row``)."""
    from township.text import delimited_row

    headers, rows = _table(view, lang)
    return "".join(delimited_row(row, delimiter) for row in [headers, *rows])


def _shown(value: Any, lang: str) -> str:
    """A cell as a terminal shows it: control characters escaped, on one line."""
    from township.text import escape_control

    return escape_control(_cell(value, lang))


def _tabulated(view: View, lang: str, tablefmt: str) -> str:
    from tabulate import tabulate

    from township.text import escape_control

    parts = []
    if view.title:
        parts.append(_shown(view.title, lang))
    if view.text is not None:
        parts.append(escape_control(_cell(view.text, lang), keep_newlines=True).rstrip("\n"))
    elif view.rows or not view.empty:
        headers, rows = _table(view, lang)
        keep = _compact(view, headers, rows)
        headers = [headers[i] for i in keep]
        rows = [[escape_control(row[i]) for i in keep] for row in rows]
        if tablefmt == "github":  # a | inside a cell would open another column
            rows = [[c.replace("|", "\\|") for c in row] for row in rows]
        headers = [escape_control(h) for h in headers]
        fast = _aligned(headers, rows, tablefmt) if tablefmt in ("simple", "plain") else None
        if fast is None:
            fast = tabulate(rows, headers=headers, tablefmt=tablefmt, disable_numparse=True)
        parts.append(fast)
    else:
        parts.append(_shown(view.empty, lang))
    parts.extend(_shown(n, lang) for n in [*view.notes, *view.footer])
    return "\n".join(parts) + "\n"


def _aligned(headers: list[str], rows: list[list[str]], tablefmt: str) -> str | None:
    """The ``simple`` or ``plain`` table tabulate prints, made in one pass; None to ask tabulate.

    The cells are text with their control characters escaped (one line
    each), left-aligned as tabulate aligns text: stripped, padded to the
    widest cell's terminal width (``wcwidth``; CJK counts two) and at least
    the header's plus 2, two spaces between columns, each line's end
    stripped; ``simple`` draws dashes under the headers. A list repeats the
    same few thousand values (dates, statuses, offices), so the width of
    each is computed once; tabulate's own type detection (a column of
    numbers, of True/False: all text here) is not needed. A cell whose width
    wcwidth cannot tell (a tab) goes to tabulate, as does an empty table.
    """
    from wcwidth import wcswidth

    if not rows or any(len(row) != len(headers) for row in rows):
        return None
    widths: dict[str, int] = {}

    def width(text: str) -> int:
        found = widths.get(text)
        if found is None:
            # Printable ASCII is one column a character (a tab is not printable).
            ascii_ = text.isascii() and text.isprintable()
            found = widths[text] = len(text) if ascii_ else wcswidth(text)
        return found

    columns = [[row[i].strip() for row in rows] for i in range(len(headers))]
    padded_columns = []
    column_widths = []
    for header, cells in zip(headers, columns, strict=True):
        cell_widths = [width(c) for c in cells]
        header_width = width(header)
        if header_width < 0 or min(cell_widths) < 0:
            return None
        most = max(max(cell_widths), header_width + 2)
        padded_columns.append(
            [c + " " * (most - w) for c, w in zip(cells, cell_widths, strict=True)]
        )
        column_widths.append(most)
    lines = [
        "  ".join(
            h + " " * (most - width(h)) for h, most in zip(headers, column_widths, strict=True)
        ).rstrip()
    ]
    if tablefmt == "simple":
        lines.append("  ".join("-" * w for w in column_widths).rstrip())
    lines.extend("  ".join(cells).rstrip() for cells in zip(*padded_columns, strict=True))
    return "\n".join(lines)


_HTML_STYLE = (
    "body{font-family:'Microsoft YaHei','PingFang SC','Noto Sans CJK SC',sans-serif;"
    "color:#222;margin:1.5em}"
    "table{border-collapse:collapse;margin:1em 0}"
    "th,td{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}"
    "th{background:#eee}p.note{margin:0.3em 0}pre{font-family:inherit}"
    "tr.serious td{font-weight:bold;background:#f8d7da;color:#58151c}"
    "tr.overdue td{font-weight:bold;background:#fff3cd}"
    "tr.serious td:first-child{border-left:5px solid #b02a37}"
    "tr.overdue td:first-child{border-left:5px solid #d39e00}"
)


def _html_section(view: View, lang: str, heading: str) -> list[str]:
    """The body of one view: its title as ``heading``, its table (or text), its notes."""
    body = [f"<{heading}>{_esc(_cell(view.title, lang))}</{heading}>"] if view.title else []
    if view.text is not None and not view.rows:
        body.append(f"<pre>{_esc(_cell(view.text, lang))}</pre>")
    elif view.rows or not view.empty:
        headers, rows = _table(view, lang)
        keep = _compact(view, headers, rows)
        head = "".join(f"<th>{_esc(headers[i])}</th>" for i in keep)
        lines = [f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>"]
        classes = list(view.row_classes) + [""] * (len(rows) - len(view.row_classes))
        for row, cls in zip(rows, classes, strict=False):
            cells = "".join(f"<td>{_esc(row[i])}</td>" for i in keep)
            lines.append(f'<tr class="{_esc(cls)}">{cells}</tr>' if cls else f"<tr>{cells}</tr>")
        lines.append("</tbody>\n</table>")
        body.append("\n".join(lines))
    else:
        body.append(f"<p>{_esc(_cell(view.empty, lang))}</p>")
    body.extend(_html_notes([*view.notes, *view.footer], lang))
    return body


def _html_notes(notes: Sequence[Text | str], lang: str) -> list[str]:
    return [f'<p class="note">{_esc(_cell(n, lang))}</p>' for n in notes]


def _html_document(title: Text | str | None, body: list[str], lang: str) -> str:
    """A complete, email-ready HTML document around ``body``."""
    head = _esc(_cell(title, lang)) if title else "township"
    html_lang = "en" if lang == "en" else "zh-CN"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{head}</title>\n<style>{_HTML_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _html(view: View, lang: str) -> str:
    return _html_document(view.title, _html_section(view, lang, "h1"), lang)


def to_json(data: Any) -> str:
    """JSON as township prints it: UTF-8 text, indented, keys in given order."""
    import json

    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


_RENDERERS: dict[str, Callable[[View, str], str]] = {
    "table": lambda v, lang: _tabulated(v, lang, "simple"),
    "plain": lambda v, lang: _tabulated(v, lang, "plain"),
    "github": lambda v, lang: _tabulated(v, lang, "github"),
    "html": _html,
    "csv": lambda v, lang: _delimited(v, lang, ","),
    "tsv": lambda v, lang: _delimited(v, lang, "\t"),
    "json": lambda v, lang: to_json(resolve(v.rows if v.data is None else v.data, lang)),
}


def render(view: View, fmt: str, lang: str) -> str:
    """Render ``view`` as ``fmt`` in ``lang``."""
    return _RENDERERS[fmt](view, lang)


def render_sections(
    views: Sequence[View],
    fmt: str,
    lang: str,
    *,
    title: Text | str | None = None,
    name: Text | str | None = None,
    notes: Sequence[Text | str] = (),
    data: Any = None,
    section_label: Text | None = None,
) -> str:
    """Render several views as ONE output in ``fmt``: a document of sections.

    ``title`` heads the whole output and ``notes`` end it (after the last
    section's own notes); each view keeps its own title and notes. ``name``
    names the document where a format names it apart from its text (the
    HTML ``<title>``); default ``title``, else the first view's title.

    - table, plain, github: ``title`` on the first line, then each view as
      ``render`` prints it, a blank line between them, then ``notes``.
    - html: one complete document: ``title`` as its ``<h1>``, each view a
      ``<h2>`` title, a table and its notes, then ``notes``.
    - json: ``data`` if given, else a list of each view's JSON value.
    - csv, tsv: one table, as a spreadsheet expects: the first view's
      columns and the rows of every view with exactly those columns (a
      report's groups); views with other columns (a record's steps and
      deadlines beside its fields) are left out, as are titles and notes.
      With ``section_label``, a first column of that header names the view
      each row comes from (its ``name``, else its title).
    """
    frame = _Frame(title, name, notes, data, section_label)
    return _SECTION_RENDERERS[fmt](views, fmt, lang, frame)


@dataclass(frozen=True)
class _Frame:
    """What ``render_sections`` puts around the views."""

    title: Text | str | None
    name: Text | str | None
    notes: Sequence[Text | str]
    data: Any
    section_label: Text | None


def _sections_text(views: Sequence[View], fmt: str, lang: str, frame: _Frame) -> str:
    head = _shown(frame.title, lang) + "\n" if frame.title else ""
    tail = "".join(_shown(n, lang) + "\n" for n in frame.notes)
    return head + "\n".join(render(v, fmt, lang) for v in views) + tail


def _sections_html(views: Sequence[View], fmt: str, lang: str, frame: _Frame) -> str:
    body = [f"<h1>{_esc(_cell(frame.title, lang))}</h1>"] if frame.title else []
    for view in views:
        body += _html_section(view, lang, "h2")
    body += _html_notes(frame.notes, lang)
    first = next((v.title for v in views if v.title), None)
    return _html_document(frame.name or frame.title or first, body, lang)


def _sections_json(views: Sequence[View], fmt: str, lang: str, frame: _Frame) -> str:
    if frame.data is not None:
        return to_json(resolve(frame.data, lang))
    return to_json(resolve([v.rows if v.data is None else v.data for v in views], lang))


# A column key no row of a command uses: the section of a row in one CSV.
_SECTION = "\0section"


def _sections_delimited(views: Sequence[View], fmt: str, lang: str, frame: _Frame) -> str:
    """One table: the first view's columns, the rows of every view that has them."""
    columns = list(views[0].columns) if views else []
    keys = [c.key for c in columns]
    rows = []
    for view in views:
        if [c.key for c in view.columns] == keys:
            name = view.name if view.name is not None else view.title
            rows += [{_SECTION: name, **row} for row in view.rows]
    if frame.section_label is not None:
        columns.insert(0, Column(_SECTION, frame.section_label))
    return _delimited(View(rows, columns), lang, _DELIMITERS[fmt])


_DELIMITERS = {"csv": ",", "tsv": "\t"}
_SECTION_RENDERERS: dict[str, Callable[[Sequence[View], str, str, _Frame], str]] = {
    "table": _sections_text,
    "plain": _sections_text,
    "github": _sections_text,
    "html": _sections_html,
    "csv": _sections_delimited,
    "tsv": _sections_delimited,
    "json": _sections_json,
}
