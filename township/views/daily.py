"""The daily report's content : what ``township overdue`` and ``township mail`` print.

The records' deadlines (``township.views.report``), the recurring duties
among them (records derived from the rule book's recurring rules,
``derived_records``) and, for people, the notes that end the report: the
November calendar warning and who is away today (``township.kinds.absence``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import chain
from typing import TYPE_CHECKING

from township.views.report import (
    ReportItem,
    calendar_warning,
    calendar_warning_year,
    derived_records,
    overdue_items,
    records_of,
)

if TYPE_CHECKING:
    from township.calendar import WorkCalendar
    from township.config import Config
    from township.errors import Skipped
    from township.i18n import Text
    from township.storage.store import Store


def daily_items(
    store: Store,
    calendar: WorkCalendar,
    as_of: dt.date,
    *,
    due_within: int,
    serious_after: int,
    kinds: Iterable[str] | None = None,
    today: dt.date | None = None,
    skipped: list[Skipped] | None = None,
    config: Config | None = None,
) -> list[ReportItem]:
    """The daily report's items : the records' deadlines and the recurring duties.

    ``township overdue`` and ``township mail`` both read this; a record that
    cannot be read is named in ``skipped`` (when given) instead of stopping it.
    ``config`` is the directory's ``township.toml`` (read here when not given).
    """
    chosen = list(kinds or ()) or None
    records = chain(
        records_of(store, chosen), derived_records(store, calendar, as_of, chosen, config)
    )
    return overdue_items(
        records,
        calendar,
        as_of,
        due_within=due_within,
        serious_after=serious_after,
        skipped=skipped,
    )


def report_notes(store: Store, calendar: WorkCalendar, as_of: dt.date) -> list[Text]:
    """What ends the report for people: the November calendar warning, then who is
    away today and who stands in (同岗替代制)."""
    from township.kinds.absence import report_section

    year = calendar_warning_year(calendar, as_of)
    return ([calendar_warning(year)] if year else []) + report_section(store, as_of)
