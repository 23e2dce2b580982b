"""The one renderer: every ``--format`` of every command goes through here.

A command builds a ``View`` (rows and their columns for humans, ``data``
for JSON, an optional preformatted ``text`` for printable documents) and
calls ``render``; which format is chosen is decided once, here.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from township.i18n import Text, resolve

# Cells a spreadsheet would run as a formula (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    a printable notice); ``title`` and ``notes`` frame the table.
    """

    rows: list[dict[str, Any]] = field(default_factory=list)
    columns: Sequence[Column] = ()
    data: Any = None
    title: Text | str | None = None
    notes: list[Text | str] = field(default_factory=list)
    text: Text | str | None = None
    empty: Text | str | None = None


def _cell(value: Any, lang: str) -> str:
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


def _escape_formula(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _delimited(view: View, lang: str, delimiter: str) -> str:
    headers, rows = _table(view, lang)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([_escape_formula(h) for h in headers])
    for row in rows:
        writer.writerow([_escape_formula(c) for c in row])
    return out.getvalue()


def _tabulated(view: View, lang: str, tablefmt: str) -> str:
    from tabulate import tabulate

    parts = []
    if view.title:
        parts.append(_cell(view.title, lang))
    if view.text is not None:
        parts.append(_cell(view.text, lang).rstrip("\n"))
    elif view.rows or not view.empty:
        headers, rows = _table(view, lang)
        parts.append(tabulate(rows, headers=headers, tablefmt=tablefmt, disable_numparse=True))
    else:
        parts.append(_cell(view.empty, lang))
    parts.extend(_cell(n, lang) for n in view.notes)
    return "\n".join(parts) + "\n"


_HTML_STYLE = (
    "body{font-family:'Microsoft YaHei','PingFang SC','Noto Sans CJK SC',sans-serif;"
    "color:#222;margin:1.5em}"
    "table{border-collapse:collapse;margin:1em 0}"
    "th,td{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}"
    "th{background:#eee}p.note{margin:0.3em 0}pre{font-family:inherit}"
)


def _html(view: View, lang: str) -> str:
    title = html.escape(_cell(view.title, lang)) if view.title else "township"
    body = [f"<h1>{title}</h1>"] if view.title else []
    if view.text is not None and not view.rows:
        body.append(f"<pre>{html.escape(_cell(view.text, lang))}</pre>")
    elif view.rows or not view.empty:
        headers, rows = _table(view, lang)
        head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
        lines = [f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>"]
        for row in rows:
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in row)
            lines.append(f"<tr>{cells}</tr>")
        lines.append("</tbody>\n</table>")
        body.append("\n".join(lines))
    else:
        body.append(f"<p>{html.escape(_cell(view.empty, lang))}</p>")
    body.extend(f'<p class="note">{html.escape(_cell(n, lang))}</p>' for n in view.notes)
    html_lang = "en" if lang == "en" else "zh-CN"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{_HTML_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def to_json(data: Any) -> str:
    """JSON as township prints it: UTF-8 text, indented, keys in given order."""
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
