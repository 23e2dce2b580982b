"""What every command shares: the global options, loaded lazily into ``ctx.obj``.

Nothing is read until a command asks for it: ``township --help`` touches no
data file, and ``township calendar add`` reads only ``calendar.json``.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from township.calendar import WorkCalendar
    from township.config import Config
    from township.store import Store


class AppContext:
    """The global options of SPEC 2 and the objects built from them.

    A plain class rather than a dataclass: ``township --help`` builds one,
    and importing ``dataclasses`` would cost it a few milliseconds.
    """

    def __init__(self) -> None:
        self.data_dir = Path("data")
        self.actor: str | None = None
        self.today_arg: dt.date | None = None
        from commands.locale import current

        self.lang = current()

    @property
    def user(self) -> str:
        """Who is acting: ``--as``, ``TOWNSHIP_USER`` or the OS login name."""
        if self.actor:
            return self.actor
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
        """The record store of the data directory."""
        from township.errors import BadInput
        from township.i18n import Text
        from township.store import Store

        raw = os.environ.get("TOWNSHIP_LOCK_TIMEOUT", "10")
        try:
            timeout = float(raw)
        except ValueError:
            raise BadInput(
                Text(
                    "环境变量 TOWNSHIP_LOCK_TIMEOUT 应为秒数，实际是「{raw}」。",
                    "TOWNSHIP_LOCK_TIMEOUT must be a number of seconds, not '{raw}'.",
                ),
                raw=raw,
            ) from None
        return Store(self.data_dir, lock_timeout=timeout)

    @cached_property
    def config(self) -> Config:
        """``township.toml`` of the data directory."""
        from township import config

        return config.load(self.data_dir)

    @cached_property
    def calendar(self) -> WorkCalendar:
        """The working-day calendar with this directory's imported schedules."""
        from township.calendar import WorkCalendar, load_schedules

        return WorkCalendar(load_schedules(self.data_dir))
