"""Dates as township writes them: ``YYYY-MM-DD``, in Asia/Shanghai.

pendulum is imported only when the real clock is read (the default of
``--today`` and the audit timestamps), so commands that are given a date
start fast.
"""

from __future__ import annotations

import datetime as dt
import re

from township.errors import BadInput
from township.i18n import Text

TIMEZONE = "Asia/Shanghai"
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_QUARTER = re.compile(r"^(\d{4})\s*[Qq]\s*([1-4])$")
QUARTER = Text("季度", "quarter")


def parse_date(value: str, what: str = "date") -> dt.date:
    """Parse a ``YYYY-MM-DD`` date, raising ``BadInput`` that names ``what``.

    Full-width digits typed on a Chinese keyboard are read as digits (NFKC).
    """
    from township.text import ascii_form

    text = ascii_form(value)
    if _ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise BadInput(
        Text(
            "{what}「{value}」不是有效日期，请按 YYYY-MM-DD 书写，例如 2026-03-02。",
            "{what} '{value}' is not a valid date; write it as YYYY-MM-DD, e.g. 2026-03-02.",
        ),
        what=what,
        value=value,
    )


def parse_quarter(value: str, what: Text = QUARTER) -> tuple[int, int]:
    """``2026Q1`` (or ``2026q1``, ``2026 Q1``) -> (2026, 1); ``BadInput`` naming ``what``."""
    match = _QUARTER.match((value or "").strip())
    if match is None:
        raise BadInput(
            Text(
                "{what}「{value}」无效；应写作 2026Q1（年份加季度 Q1 至 Q4）。",
                "Invalid {what} '{value}'; write it like 2026Q1 (a year and Q1 to Q4).",
            ),
            what=what,
            value=value,
        )
    return int(match.group(1)), int(match.group(2))


def quarter_start(year: int, quarter: int) -> dt.date:
    """The first day of the ``quarter`` (1..4) of ``year``."""
    return dt.date(year, 3 * quarter - 2, 1)


def today() -> dt.date:
    """Return today's date in Asia/Shanghai."""
    import pendulum

    now = pendulum.now(TIMEZONE)
    return dt.date(now.year, now.month, now.day)


def now_iso() -> str:
    """Return the current time in Asia/Shanghai as an ISO 8601 string."""
    import pendulum

    return pendulum.now(TIMEZONE).isoformat()
