"""The errors the library raises, each with the exit code the CLI gives it.

One base class, ``TownshipError``, and a few specific ones. Every error is a
sentence in both languages naming the record or file and what to do; the
command line turns them into its exit codes (SPEC 2) in one place.
"""

from __future__ import annotations

from township.i18n import Text, render


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
