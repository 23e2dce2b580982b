"""``township supervision``: supervision notices (督办告知书, 督办制度).

The commands of the steps (issue, respond, close) are derived from the
kind's declaration (``township.kinds.supervision.SPEC``, ``commands.steps``);
``notice`` prints the 督办告知书. ``list`` and ``show`` read each notice as it
stands: an answered notice whose supervised matter is finished shows as
closed even before a write has recorded it
(``township.kinds.supervision.as_read``).
"""

from __future__ import annotations

from typing import Any

import click

from commands import TownshipGroup
from commands.common import pass_app
from commands.context import AppContext
from commands.forms_cmd import draft_option, emit_form, form_format_option
from commands.params import format_option
from commands.records_view import (
    ListFilters,
    env_of,
    list_options,
    list_records,
    record_id_argument,
    show_record,
)
from commands.steps import add_steps
from township.kinds.supervision import STATUS_LABELS as SUPERVISION_STATUSES

Record = dict[str, Any]


@click.group(cls=TownshipGroup)
def supervision() -> None:
    """Supervision notices (督办告知书): numbered, answered in writing, tracked to the end.

    A notice goes to the office responsible for a record of any kind
    (usually one with an overdue deadline). The office answers in writing
    with the reason for the delay, its progress and a new completion date
    (督办制度 (四)); the notice is closed when the matter is finished.

    \b
    Example:
      township supervision issue --record TSK-2026-0001 --reason "超过办理时限未办结" --urgency urgent
      township supervision list
    """


def _read(app: AppContext, notice: Record) -> Record:
    """The notice as it stands now (settled on paper when its matter is finished)."""
    from township.errors import BadInput
    from township.kinds.supervision import as_read

    try:
        supervised = app.store.get(notice["record"])
    except (BadInput, KeyError):
        supervised = None
    return as_read(notice, supervised)


@supervision.command("notice")
@record_id_argument
@form_format_option
@draft_option
@pass_app
def notice(app: AppContext, record_id: str, fmt: str, draft: bool) -> None:
    """Print the 督办告知书: the supervised matter, each overdue deadline, the reason.

    Issued by the supervision office of township.toml [documents]; its
    number (supervision-notice) is assigned when it is first printed
    without --draft.

    \b
    Example:
      township supervision notice SUP-2026-0001
      township supervision notice SUP-2026-0001 --format html > 督办告知书.html
    """
    from township.errors import BadInput
    from township.kinds.supervision import answer_days, watched_deadline
    from township.views.forms import overdue_deadlines, supervision_notice

    record = app.store.get(record_id, "supervision")
    env = env_of(app)
    try:
        supervised = app.store.get(record["record"])
    except BadInput:
        supervised = None
    deadline = watched_deadline(record, supervised, app.calendar, app.today) if supervised else None
    overdue = overdue_deadlines(supervised, app.calendar, app.today) if supervised else ()
    doc = supervision_notice(
        record,
        app.config,
        answer_days(record, env),
        deadline=deadline,
        supervised=supervised,
        overdue=overdue,
    )
    emit_form(app, doc, fmt, draft=draft)


@supervision.command("list")
@list_options(statuses=SUPERVISION_STATUSES)
@click.option("--record", "supervised", metavar="ID", help="Only the notices on this record.")
@format_option
@pass_app
def list_(app: AppContext, filters: ListFilters, supervised: str | None, fmt: str) -> None:
    """The register of notices (统一编号，列表建档), with the next deadline of each.

    \b
    Example:
      township supervision list --overdue
      township supervision list --record TSK-2026-0001 --format json
    """
    from commands.kind_cmd import list_columns, list_row
    from township.book.registry import KINDS, parse_id

    records = app.store.iter_records(KINDS["supervision"])
    if supervised is not None:
        wanted = str(parse_id(supervised))
        records = (r for r in records if r.get("record") == wanted)
    shown = [_read(app, r) for r in records]
    list_records(
        app,
        shown,
        list_columns("supervision"),
        lambda r: list_row(app, "supervision", r),
        fmt,
        filters,
        kind="supervision",
    )


@supervision.command("show")
@record_id_argument
@format_option
@pass_app
def show(app: AppContext, record_id: str, fmt: str) -> None:
    """Show a notice: its fields, steps and deadlines.

    \b
    Example:
      township supervision show SUP-2026-0001
    """
    from commands.kind_cmd import action_labels, show_fields

    record = _read(app, app.store.get(record_id, "supervision"))
    show_record(app, record, show_fields("supervision", record), fmt, action_labels("supervision"))


add_steps(supervision, "supervision")
