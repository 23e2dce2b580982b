"""What every command shares: the global options, loaded lazily into ``ctx.obj``.

Nothing is read until a command asks for it: ``township --help`` touches no
data file, and ``township calendar add`` reads only ``calendar.json``.

Checked when first asked for, before the command reads or writes anything
: arguments that are not valid UTF-8 and a blank ``--as`` (exit
2); ``TOWNSHIP_LOCK_TIMEOUT`` that is not a finite positive number (exit 2);
a missing data directory, for every command but ``init`` and the calendar
queries, which need none (exit 3, "run township init"); a malformed
``township.toml`` (exit 3, naming the line). The store is read under the
shared lock for the whole command, so that no half of a transaction is seen.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    import click

    from township.calendar import WorkCalendar
    from township.config import Config
    from township.storage.store import Store


class AppContext:
    """The global options and the objects built from them.

    A plain class rather than a dataclass: ``township --help`` builds one,
    and importing ``dataclasses`` would cost it a few milliseconds.
    """

    def __init__(self) -> None:
        self._data_dir = "data"
        self.actor: str | None = None
        self.today_arg: dt.date | None = None
        from commands.locale import current

        self.lang = current()

    @property
    def data_dir(self) -> Path:
        """``--data-dir`` / ``TOWNSHIP_DATA_DIR`` (default ``./data``), as a path.

        Kept as text until asked for: ``township --help`` never imports pathlib.
        """
        from pathlib import Path

        return Path(self._data_dir)

    @data_dir.setter
    def data_dir(self, value: str | Path) -> None:
        self._data_dir = str(value)

    @property
    def user(self) -> str:
        """Who is acting: ``--as``, ``TOWNSHIP_USER`` or the OS login name."""
        if self.actor is not None:
            from township.errors import clean_required
            from township.i18n import Text

            return clean_required(self.actor, Text("--as（操作人）", "--as (who is acting)"))
        import getpass

        try:
            return getpass.getuser()
        except (OSError, KeyError):
            return os.environ.get("USER", "unknown")

    @cached_property
    def today(self) -> dt.date:
        """``--today``, ``TOWNSHIP_TODAY`` or today in Asia/Shanghai."""
        if self.today_arg is not None:
            return self.today_arg
        from township.dates import today

        return today()

    @cached_property
    def store(self) -> Store:
        """The record store of the data directory, read under the shared lock.

        Refused (before anything is read or written) when an argument is not
        UTF-8, ``--as`` is blank, the lock timeout is not a finite positive
        number, the data directory is missing (except for ``init``) or
        ``township.toml`` is malformed.
        """
        from township.errors import NoDataDir
        from township.i18n import Text
        from township.storage.store import Store

        _check_arguments()
        if self.actor is not None:
            self.user  # noqa: B018 -- validated before anything is written
        timeout = lock_timeout(os.environ.get("TOWNSHIP_LOCK_TIMEOUT", "10"))
        if _top_command() not in ("init", "calendar"):
            if not _is(self.data_dir, "is_dir"):
                raise NoDataDir(
                    Text(
                        "数据目录 {path} 不存在；请先运行 township init（或用 --data-dir 指定）。",
                        "The data directory {path} does not exist; run township init first "
                        "(or point --data-dir at it).",
                    ),
                    path=str(self.data_dir),
                )
            self.config  # noqa: B018 -- a malformed township.toml stops every command
        store = Store(self.data_dir, lock_timeout=timeout)
        ctx = _current()
        if ctx is not None:
            ctx.with_resource(store.reading())
        return store

    @cached_property
    def config(self) -> Config:
        """``township.toml`` of the data directory."""
        from township import config

        return config.load(self.data_dir)

    @cached_property
    def calendar(self) -> WorkCalendar:
        """The working-day calendar with this directory's imported schedules.

        Needs no data directory (the package calendar then); a malformed
        ``township.toml`` or ``calendar.json`` in one still stops the command.
        """
        from township.calendar import WorkCalendar
        from township.storage.files import load_schedules

        _check_arguments()
        if _is(self.data_dir / "township.toml", "exists"):
            self.config  # noqa: B018 -- a malformed township.toml stops every command
        return WorkCalendar(load_schedules(self.data_dir))


def _is(path: Path, test: str) -> bool:
    """``path.is_dir()`` or ``path.exists()``; ``StorageError`` (exit 3) when it cannot be told.

    pathlib answers False for a missing path but raises for one it cannot
    look at (a name too long, a directory it may not enter).
    """
    try:
        return bool(getattr(path, test)())
    except OSError as exc:
        from township.errors import StorageError
        from township.i18n import Text

        raise StorageError(
            Text(
                "无法访问 {path}（{detail}）；请检查 --data-dir 后重试。",
                "Cannot reach {path} ({detail}); check --data-dir and try again.",
            ),
            path=str(path),
            detail=exc.strerror or type(exc).__name__,
        ) from exc


def lock_timeout(raw: str) -> float:
    """``TOWNSHIP_LOCK_TIMEOUT`` as seconds: a finite positive number, else ``BadInput``.

    Full-width digits (``１０``) are read as digits.
    """
    import math

    from township.errors import BadInput
    from township.i18n import Text
    from township.text import ascii_form, escape_control

    text = ascii_form(raw)
    try:
        # ASCII digits only (full-width typed ones are read as ASCII): float()
        # would take other scripts' digits and "1_0" too.
        value = float(text) if text.isascii() and "_" not in text else math.nan
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise BadInput(
            Text(
                "环境变量 TOWNSHIP_LOCK_TIMEOUT 应为正的有限秒数，实际是「{raw}」。",
                "TOWNSHIP_LOCK_TIMEOUT must be a finite positive number of seconds, not '{raw}'.",
            ),
            raw=escape_control(raw),
        )
    return value


def _current() -> click.Context | None:
    import click

    return click.get_current_context(silent=True)


def _top_command() -> str | None:
    """The name of the command under ``township`` being run (``init``, ``audit``...)."""
    ctx = _current()
    name = None
    while ctx is not None and ctx.parent is not None:
        name = ctx.info_name
        ctx = ctx.parent
    return name


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, os.PathLike):
        return [os.fspath(value)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _check_arguments() -> None:
    """``BadInput`` if an argument was not valid UTF-8 (Python keeps such bytes as surrogates).

    The command's own parameters, and the global options (kept on the
    ``AppContext``, not in the parameters).
    """
    ctx = _current()
    seen: list[str] = []
    while ctx is not None:
        seen += _strings(list(ctx.params.values())) + _strings(ctx.args)
        if isinstance(ctx.obj, AppContext):
            seen += _strings([ctx.obj.actor, ctx.obj.data_dir])
        ctx = ctx.parent
    for arg in seen:
        if any("\ud800" <= ch <= "\udfff" for ch in arg):
            from township.errors import BadInput
            from township.i18n import Text
            from township.text import escape_control

            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise BadInput(
                Text(
                    "参数「{arg}」不是有效的 UTF-8 文本；请检查终端或脚本的编码。",
                    "The argument '{arg}' is not valid UTF-8 text; check the terminal's or "
                    "the script's encoding.",
                ),
                arg=escape_control(shown),
            )
