"""The options of a command that can write an Excel workbook (``--format xlsx --output FILE``).

A workbook is a file, never written to a terminal: ``--format xlsx``
without ``--output`` is refused in one sentence (exit 2). The workbook
itself is written by the library (``township.sheets``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from commands.params import FORMATS, SharedOption
from commands.render import View
from township.i18n import Text

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def output_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--output FILE``: where ``--format xlsx`` writes the workbook."""
    return click.option(
        "--output",
        "output",
        cls=SharedOption,
        help_id="output",
        metavar="FILE",  # a plain string: township reports a bad path in one sentence
        help="Write the workbook to FILE (required with --format xlsx).",
    )(func)


def xlsx_format_option(formats: tuple[str, ...] = FORMATS, default: str = "table") -> Any:
    """``--format`` with ``xlsx`` among ``formats``."""
    return click.option(
        "--format",
        "fmt",
        cls=SharedOption,
        help_id="format",
        type=click.Choice([*formats, "xlsx"]),
        default=default,
        show_default=True,
        help="Output format (xlsx: an Excel workbook, with --output).",
    )


def need_output(fmt: str, output: str | None) -> Path | None:
    """The workbook's path for ``--format xlsx``: refused without ``--output``, and
    ``--output`` refused with another format (they print to the terminal)."""
    from township.errors import BadInput

    if fmt == "xlsx" and not output:
        raise BadInput(
            Text(
                "--format xlsx 需要 --output 文件名：工作簿不能输出到终端。",
                "--format xlsx needs --output FILE: a workbook is not written to a terminal.",
            )
        )
    if fmt != "xlsx" and output is not None:
        raise BadInput(
            Text(
                "--output 只用于 --format xlsx；其他格式输出到终端，可用 > 重定向到文件。",
                "--output goes with --format xlsx; other formats print to the terminal "
                "(redirect them with >).",
            )
        )
    return Path(output) if output else None


def _cell(value: Any, lang: str) -> Any:
    from township.i18n import resolve

    value = resolve(value, lang)
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, list):
        return ("、" if lang == "zh" else ", ").join(str(v) for v in value)
    return value


def save_view(view: View, path: Path, lang: str, title: Text | str = "Sheet1") -> None:
    """Write a table view (its columns and rows) as a workbook: ISO dates as dates."""
    from township.i18n import resolve
    from township.sheets.workbook import write_workbook

    headers = [str(resolve(c.label, lang)) for c in view.columns]
    rows = [[_cell(row.get(c.key), lang) for c in view.columns] for row in view.rows]
    write_workbook(path, headers, rows, title=str(resolve(title, lang)))
