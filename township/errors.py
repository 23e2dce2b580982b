"""The errors the library raises, each with the exit code the CLI gives it.

One base class, ``TownshipError``, and a few specific ones. Every error is a
sentence in both languages naming the record or file and what to do; the
command line turns them into its exit codes  in one place.
"""

from __future__ import annotations

import errno

from township.i18n import Text, render

# What the operating system said, in both languages: a clerk reading Chinese
# should not meet "No such file or directory" in the middle of a sentence.
_OS_REASONS: dict[int, Text] = {
    errno.ENOENT: Text("文件不存在", "no such file or folder"),
    errno.EACCES: Text("没有读写权限", "permission denied"),
    errno.EPERM: Text("没有读写权限", "permission denied"),
    errno.EISDIR: Text("这是一个文件夹，不是文件", "it is a folder, not a file"),
    errno.ENOTDIR: Text("路径中有一段不是文件夹", "a part of the path is not a folder"),
    errno.ENOSPC: Text("磁盘已满", "the disk is full"),
    errno.EROFS: Text("磁盘是只读的", "the disk is read-only"),
    errno.ENAMETOOLONG: Text("文件名太长", "the file name is too long"),
    errno.EIO: Text("磁盘读写出错", "an input/output error on the disk"),
}


def os_reason(exc: BaseException) -> Text | str:
    """Why an operating-system call failed, in a few words of both languages.

    The common causes (a missing file, no permission, a full or read-only
    disk) are named in Chinese and English; any other keeps the system's own
    words.
    """
    if isinstance(exc, OSError):
        if exc.errno in _OS_REASONS:
            return _OS_REASONS[exc.errno]
        return exc.strerror or str(exc)
    return str(exc)


class TownshipError(Exception):
    """Base of every error township raises on purpose.

    ``message`` is a ``Text`` template filled with ``params`` (which may be
    ``Text`` too) in the reader's language by ``message_in``.
    """

    exit_code = 2

    def __init__(self, message: Text, **params: object) -> None:
        self.template = message
        self.params = params
        super().__init__(self.message_in("zh"))

    def message_in(self, lang: str) -> str:
        """Return the error as one sentence in ``lang``.

        Control characters coming from input or stored text (ESC, a newline,
        a bidi override) are shown escaped, so that an error message can
        neither drive the terminal nor look like several lines.
        """
        from township.text import escape_control

        return escape_control(render(self.template, lang, self.params))


class BadInput(TownshipError):
    """Bad input: an unknown id, an invalid date, a value not in a catalogue."""

    exit_code = 2


class NotFound(BadInput):
    """A record id that does not exist."""


class OutOfRange(BadInput):
    """A date outside the years the working-day calendar covers."""


class StepOutOfOrder(BadInput):
    """A step that the record's state does not allow now."""


class StorageError(TownshipError):
    """Storage trouble: a corrupt file, a lock not obtained, a full disk."""

    exit_code = 3


class CorruptFile(StorageError):
    """A data file that does not parse; it is never overwritten."""


class LockTimeout(StorageError):
    """The data directory's lock could not be obtained in time."""


class ConfigError(StorageError):
    """``township.toml`` is malformed; the message names the line."""


class NoDataDir(StorageError):
    """The data directory does not exist (run ``township init``)."""


class AuditMismatch(StorageError):
    """The audit log and its anchor disagree: writes wait for ``audit repair``."""


# Errors that one damaged or odd record raises while being read (a date past
# the calendar's years, a missing field, a value of the wrong type). Reports
# catch these per record, skip it and name it (``Skipped``); they never stop
# the whole report.
RECORD_ERRORS: tuple[type[Exception], ...] = (
    BadInput,
    KeyError,
    TypeError,
    ValueError,
    AttributeError,
    OverflowError,
    IndexError,
)


class Skipped:
    """A record a report left out, and why: the report names it in a warning.

    The library returns these as data; the command prints each as a warning
    line in the output and on stderr.
    """

    __slots__ = ("reason", "record_id")

    def __init__(self, record: object, error: Exception) -> None:
        rid = record.get("id") if isinstance(record, dict) else None
        self.record_id = rid if isinstance(rid, str) and rid else "?"
        if isinstance(error, TownshipError):
            self.reason = Text(error.message_in("zh"), error.message_in("en"))
        else:
            detail = f"{type(error).__name__}: {error}"
            self.reason = Text(f"数据不完整或格式不对（{detail}）", f"malformed data ({detail})")

    @property
    def message(self) -> Text:
        """The warning line: 警告：记录 X 已跳过（原因）."""
        from township.text import escape_control

        rid = escape_control(self.record_id)
        return Text(
            f"警告：记录 {rid} 已跳过，未列入：{escape_control(self.reason.zh)}",
            f"Warning: record {rid} was skipped: {escape_control(self.reason.en)}",
        )

    def as_json(self) -> dict[str, str]:
        """``{"id": ..., "reason": ...}`` (the reason in English)."""
        return {"id": self.record_id, "reason": self.reason.en}

    def __repr__(self) -> str:
        return f"Skipped({self.record_id!r}, {self.reason.en!r})"


def clean_required(value: str | None, what: Text) -> str:
    """``value`` stripped; ``BadInput`` if it is missing, blank or invisible only.

    ``what`` names the field in the message ("--as", 姓名...).
    """
    from township.text import is_blank, visible

    if value is None or is_blank(value):
        raise BadInput(
            Text(
                "{what} 不能为空，也不能只有空白或不可见字符。",
                "{what} must not be empty, blank or only invisible characters.",
            ),
            what=what,
        )
    return visible(value)
