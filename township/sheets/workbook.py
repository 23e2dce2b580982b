"""Excel workbooks written and read, and CSV ledgers read.

``write_workbook`` writes one sheet as the county expects a ledger: the
header row frozen and bold, dates as date cells with a date number format,
numbers as numbers, every text as a text cell (a text that looks like a
formula stays text: Excel never runs it), control characters a workbook
cannot hold shown escaped (``\\x1b``), and each column as wide as its
widest cell (a Chinese character counts double). The file is written
whole, then renamed over the target, so a failure leaves the old file.

``read_sheet`` reads a ledger back: an ``.xlsx`` workbook (its first
sheet; a formula cell reads as the value Excel last showed), or a CSV in
UTF-8 (with or without a byte-order mark) or GB18030, told apart by their
bytes. Rows are numbered as the sheet shows them (the header is row 1);
empty rows are skipped but keep their numbers.

openpyxl is imported only here, and only when a workbook is written or read.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import errno
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from township.errors import BadInput, os_reason
from township.i18n import Text

DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60
# What a workbook cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE): C0 controls
# but tab, line feed and carriage return.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"


def display_width(text: str) -> int:
    """How many columns ``text`` takes: a wide (CJK) character counts two."""
    longest = 0
    for line in text.splitlines() or [""]:
        width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        longest = max(longest, width)
    return longest


def _shown(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def printable(text: str) -> str:
    """``text`` without what a workbook cannot hold (shown escaped instead)."""
    if not _ILLEGAL.search(text):
        return text
    from township.text import escape_control

    return _ILLEGAL.sub(lambda m: escape_control(m.group()), text)


def workbook_bytes(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "Sheet1"
) -> bytes:
    """The .xlsx file of one sheet: ``headers`` then ``rows`` (see the module's docstring)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(title)
    widths = [display_width(h) for h in headers]
    sheet.append([printable(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, dt.datetime):
                value = value.date()
            if isinstance(value, dt.date):
                cell.value = value
                cell.number_format = DATE_FORMAT
                width = len(DATE_FORMAT)
            elif isinstance(value, bool):
                cell.value = str(value)
                width = len(cell.value)
            elif isinstance(value, int | float):
                cell.value = value
                width = len(_shown(value))
            else:
                text = printable(str(value))
                cell.value = text
                # Text stays text, whatever it begins with: never a formula.
                cell.data_type = "s"
                width = display_width(text)
            if c - 1 < len(widths):
                widths[c - 1] = max(widths[c - 1], width)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", printable(title)).strip() or "Sheet1"
    return cleaned[:31]


class Output:
    """A file about to be written whole: a temporary file beside it, renamed over it.

    Opening it (``open_output``) refuses a path that cannot be written before
    anything else happens, so that a revealed export is audited only when its
    file can be written. Owner-only, like the data directory: a revealed
    ledger holds personal data. Used as a context manager, a failure before
    ``commit`` removes the temporary file and leaves the target as it was.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self.fd: int | None = None
        if self.path.is_dir():
            raise self._refused(IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
        try:
            self.fd = os.open(
                self.tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600
            )
        except (OSError, ValueError) as exc:  # ValueError: a NUL byte, a lone surrogate
            raise self._refused(exc) from None

    def _refused(self, exc: Exception) -> BadInput:
        return BadInput(
            Text("不能写入 {file}（{reason}）。", "Cannot write {file} ({reason})."),
            file=str(self.path),
            reason=(exc.strerror if isinstance(exc, OSError) else None) or str(exc),
        )

    def commit(self, data: bytes) -> None:
        """Write ``data`` and rename it over the target."""
        assert self.fd is not None
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self.fd, view) :]
            os.fsync(self.fd)
            os.close(self.fd)
            self.fd = None
            os.replace(self.tmp, self.path)
        except OSError as exc:
            self.abort()
            raise self._refused(exc) from None

    def abort(self) -> None:
        """Remove the temporary file; the target stays as it was."""
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None
        with contextlib.suppress(OSError, ValueError):
            self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> Output:
        return self

    def __exit__(self, *exc: object) -> None:
        self.abort()


def open_output(path: Path) -> Output:
    """The file ``path`` opened to be written whole (``Output``); a bad path refused."""
    return Output(path)


def save(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole (``Output``)."""
    with open_output(path) as out:
        out.commit(data)


def write_workbook(
    path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "Sheet1"
) -> None:
    """Write the workbook of ``headers`` and ``rows`` to ``path`` (``workbook_bytes``)."""
    save(path, workbook_bytes(headers, rows, title=title))


# -- reading -------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    """A ledger as read: its file name, header and numbered rows (header = row 1)."""

    name: str
    header: list[str]
    rows: list[tuple[int, list[Any]]]


def _unreadable(path: Path, reason: Text | str) -> BadInput:
    return BadInput(
        Text("不能读取 {file}：{reason}。", "Cannot read {file}: {reason}."),
        file=path.name,
        reason=reason,
    )


def read_sheet(path: Path) -> Sheet:
    """The ledger in ``path``: an .xlsx workbook or a CSV (UTF-8, UTF-8 with BOM, GB18030)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte, a lone surrogate
        raise _unreadable(path, os_reason(exc)) from None
    if data.startswith(_XLS_MAGIC):
        raise _unreadable(
            path,
            Text(
                "这是旧式 .xls 文件，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入",
                "this is an old .xls file; save it as .xlsx or CSV in Excel or WPS first",
            ),
        )
    table = _xlsx_rows(path, data) if data.startswith(_XLSX_MAGIC) else _csv_rows(path, data)
    numbered = [(n, row) for n, row in enumerate(table, start=1)]
    if not numbered or not any(_shown(v).strip() for v in numbered[0][1]):
        raise _unreadable(
            path, Text("第 1 行应为表头（列名）", "row 1 must be the header (column names)")
        )
    header = [_shown(v).strip() for v in numbered[0][1]]
    rows = [(n, row) for n, row in numbered[1:] if any(_shown(v).strip() for v in row)]
    return Sheet(path.name, header, rows)


def _xlsx_rows(path: Path, data: bytes) -> list[list[Any]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _unreadable(
            path, Text("不是有效的 .xlsx 工作簿（{e}）", "not a valid .xlsx workbook ({e})")
        ) from exc
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    except (KeyError, ValueError, OSError) as exc:
        raise _unreadable(
            path, Text("不是有效的 .xlsx 工作簿（{e}）", "not a valid .xlsx workbook ({e})")
        ) from exc
    finally:
        book.close()


def decode_csv(data: bytes) -> str:
    """The text of a CSV: UTF-8 (a byte-order mark dropped) or else GB18030.

    A Chinese Windows Excel saves "CSV" in GB18030 (GBK), and "CSV UTF-8"
    with a byte-order mark; a file that is valid UTF-8 is read as UTF-8
    (GB18030 would read almost any bytes, so it is tried last).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def unescape_formula(cell: str) -> str:
    """A CSV cell as it was before ``township.text.escape_formula`` escaped it: the
    ``'`` that township (and a careful clerk) puts before a formula-looking text."""
    if cell.startswith("'"):
        from township.text import escape_formula

        if escape_formula(cell[1:]) == cell:
            return cell[1:]
    return cell


def _csv_rows(path: Path, data: bytes) -> list[list[Any]]:
    try:
        text = decode_csv(data)
    except UnicodeDecodeError:
        raise _unreadable(
            path,
            Text(
                "编码既不是 UTF-8 也不是 GB18030，请另存为 CSV UTF-8 或 .xlsx",
                "its encoding is neither UTF-8 nor GB18030; save it as CSV UTF-8 or .xlsx",
            ),
        ) from None
    first = text.split("\n", 1)[0]
    # A tab-separated ledger (Excel's "Unicode text") has tabs and no commas in its header.
    delimiter = "\t" if "\t" in first and "," not in first else ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [[unescape_formula(cell) for cell in row] for row in reader]
    except csv.Error as exc:
        raise _unreadable(path, str(exc)) from None
