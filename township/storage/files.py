"""Files on disk: atomic writes, strict reads, the directory lock.

``atomic_write`` writes to a temporary file in the same directory, flushes
and fsyncs it, then ``os.replace``s it over the old file and fsyncs the
directory, so a crash leaves the old file or the new one, never a torn one.
``read_json`` raises ``CorruptFile`` for a file that does not parse, an
empty one included, and nothing is ever written over it. The TinyDB storage
built on them, ``AtomicJSONStorage``, is in ``township.storage.store``; this module
does not import TinyDB, so that reading ``calendar.json`` stays cheap.

``DirectoryLock`` serializes writers on a lock file in the data directory;
readers take it shared, so that they never see half of a transaction that
replaces two files.

Everything township creates is owner-only (directories 0700, files 0600).
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from township.errors import CorruptFile, LockTimeout, StorageError, os_reason
from township.i18n import Text

if TYPE_CHECKING:
    from township.calendar import Schedule

DIR_MODE = 0o700
FILE_MODE = 0o600
LOCK_NAME = ".lock"


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) if needed, owner-only."""
    try:
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        if path.stat().st_mode & 0o077:
            os.chmod(path, DIR_MODE)
    except OSError as exc:
        raise _os_error(path, exc) from exc


def _os_error(path: Path, exc: OSError) -> StorageError:
    error = _os_error_text(path, exc)
    error.os_errno = exc.errno  # type: ignore[attr-defined]
    error.reason = os_reason(exc)  # type: ignore[attr-defined]
    return error


def _os_error_text(path: Path, exc: OSError) -> StorageError:
    if exc.errno == errno.ELOOP:
        return StorageError(
            Text(
                "{path} 是一个符号链接；township 不会通过它读写数据目录以外的文件。"
                "请把它换成普通文件后重试；未做任何更改。",
                "{path} is a symbolic link; township does not follow it to a file outside "
                "the data directory. Replace it with a plain file and try again. Nothing "
                "was changed.",
            ),
            path=str(path),
        )
    if exc.errno == errno.ENOSPC:
        return StorageError(
            Text(
                "磁盘已满，无法写入 {path}；请腾出空间后重试，未做任何更改。",
                "The disk is full, {path} could not be written; free some space and "
                "try again. Nothing was changed.",
            ),
            path=str(path),
        )
    return StorageError(
        Text(
            "无法读写 {path}：{reason}；请检查权限和磁盘后重试。",
            "Cannot read or write {path}: {reason}; check permissions and the disk, "
            "then try again.",
        ),
        path=str(path),
        reason=os_reason(exc),
    )


def fsync_dir(path: Path) -> None:
    """fsync a directory so that a rename in it survives a crash."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: temp file, fsync, rename, fsync dir."""
    ensure_private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        # O_NOFOLLOW: a symbolic link planted under the temporary name is not followed.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise _os_error(path, exc) from exc


def corrupt(path: Path, detail: str) -> CorruptFile:
    """The error for a data file that cannot be read as township wrote it."""
    return CorruptFile(
        Text(
            "数据文件 {path} 已损坏（{detail}）；township 不会覆盖它，请从备份恢复或手工修复后重试。",
            "The data file {path} is corrupt ({detail}); township will not overwrite it. "
            "Restore it from a backup or repair it by hand, then try again.",
        ),
        path=str(path),
        detail=detail,
    )


def read_json(path: Path) -> Any:
    """Parse ``path`` as JSON; ``None`` if it does not exist; ``CorruptFile`` if bad.

    A file holding ``null`` is bad too, so that it is never taken for absent.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _os_error(path, exc) from exc
    if not raw.strip():
        raise corrupt(path, "empty file")
    import json  # only when there is a file to parse: counting days often has none

    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise corrupt(path, str(exc)) from exc
    if data is None:
        # township never writes a bare null: "no file" and "null" must not look alike.
        raise corrupt(path, "null")
    return data


def check_calendar_file(path: Path, data: Any) -> dict[str, Any]:
    """``calendar.json`` as township writes it: ``{"schedules": {YEAR: {...}}}``.

    Anything else that parses (a list, an object of other keys, schedules
    that are not an object of years) is damage (``CorruptFile``, exit 3),
    never read as "no schedules". The schedules themselves are checked by
    the calendar.
    """
    if not isinstance(data, dict):
        raise corrupt(path, "not a JSON object")
    unknown = sorted(set(data) - {"schedules", "_default"})
    if unknown:
        raise corrupt(path, f"{unknown[0]!r} is not a table township writes")
    if data.get("_default", {}) != {}:
        raise corrupt(path, "table '_default' is not empty")
    schedules = data.get("schedules", {})
    if not isinstance(schedules, dict):
        raise corrupt(path, "table 'schedules' is not a JSON object")
    for year, doc in schedules.items():
        if not (isinstance(year, str) and year.isdigit() and len(year) == 4):
            raise corrupt(path, f"{year!r} is not a year")
        if not isinstance(doc, dict):
            raise corrupt(path, f"the schedule of {year} is not a JSON object")
    return data


def load_schedules(data_dir: Path) -> dict[int, Schedule]:
    """The schedules imported into ``data_dir``, by year.

    Reads ``calendar.json`` directly (it is a TinyDB file, but TinyDB is not
    needed to read it), so commands that only count days start fast.
    """
    from township.calendar import CALENDAR_FILE, SCHEDULES, schedule_from_doc

    path = data_dir / CALENDAR_FILE
    raw = read_json(path)
    if raw is None:
        return {}
    check_calendar_file(path, raw)  # an object of another shape is damage, not "empty"
    try:
        return {int(y): schedule_from_doc(doc) for y, doc in raw.get(SCHEDULES, {}).items()}
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise corrupt(path, f"not a schedule: {exc!r}") from exc


def dump_json(data: Any) -> bytes:
    """Serialize as compact UTF-8 JSON (Chinese kept readable)."""
    import json

    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class DirectoryLock:
    """An exclusive (or shared) ``flock`` on the data directory's lock file.

    Waits up to ``timeout`` seconds, then raises ``LockTimeout``. The lock
    goes with the process, so a writer killed mid-write never leaves the
    directory locked.
    """

    def __init__(
        self, data_dir: Path, timeout: float = 10.0, shared: bool = False, create: bool = True
    ) -> None:
        self.path = data_dir / LOCK_NAME
        self.timeout = timeout
        self.shared = shared
        self.create = create
        self._fd: int | None = None

    def __enter__(self) -> DirectoryLock:
        if self.create:
            ensure_private_dir(self.path.parent)
        try:
            # O_NOFOLLOW: a lock file replaced by a symbolic link would make
            # township create or open a file outside the data directory.
            if self.create:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
            else:
                # A reader creates nothing: without a lock file no writer ever
                # ran (``Store.initialize`` creates it), so there is nothing
                # to wait for.
                fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW)
        except FileNotFoundError:
            if self.create:
                raise
            return self
        except PermissionError as exc:
            if self.create or not self.shared:
                raise _os_error(self.path, exc) from exc
            # A reader of a directory it may not write (an archived copy):
            # share the lock file if there is one, else read without a lock.
            try:
                fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW)
            except OSError:
                return self
        except OSError as exc:
            raise _os_error(self.path, exc) from exc
        self._fd = fd
        try:
            self._flock(self.shared)
        except BaseException:
            os.close(fd)
            self._fd = None
            raise
        return self

    @property
    def locked(self) -> bool:
        """True while the lock is held (a reader without a lock file holds none)."""
        return self._fd is not None

    def convert(self, shared: bool) -> None:
        """Change a held lock to shared or exclusive (not atomically, as flock does)."""
        if self._fd is not None:
            self._flock(shared)

    def _flock(self, shared: bool) -> None:
        import fcntl

        fd = self._fd
        assert fd is not None
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        deadline = time.monotonic() + self.timeout
        delay = 0.005
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        Text(
                            "{seconds} 秒内未能取得数据目录的锁 {path}，另一个 township "
                            "命令正在写入；请稍后重试。",
                            "Could not lock {path} within {seconds} s: another township "
                            "command is writing. Try again in a moment.",
                        ),
                        path=str(self.path),
                        seconds=self.timeout,
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.1)

    def __exit__(self, *exc_info: object) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None
