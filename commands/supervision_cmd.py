"""``township supervision``: supervision notices (督办告知书, 督办制度).

``list`` and ``show`` read each notice as it stands: an answered notice
whose supervised matter is finished shows as closed even before a write
has recorded it (``township.kinds.supervision.as_read``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from commands import TownshipGroup
from commands.common import pass_app
from commands.context import AppContext
from commands.forms_cmd import emit_form, form_format_option
from commands.params import DATE, format_option
from commands.records_view import (
    ListFilters,
    confirm,
    created,
    env_of,
    list_options,
    list_records,
    on_option,
    record_id_argument,
    show_record,
    take_step,
)
from township.i18n import Text
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


@supervision.command("issue", creates=True)
@click.option("--record", "record_id", required=True, metavar="ID", help="The record supervised.")
@click.option("--reason", required=True, help="Why it is supervised.")
@click.option(
    "--urgency", metavar="urgent|normal", help="urgent (急件) or normal (一般) [default: normal]."
)
@on_option
@format_option
@pass_app
def issue(
    app: AppContext,
    record_id: str,
    reason: str,
    urgency: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Issue a numbered 督办告知书 on a record to the office responsible for it.

    The office answers in writing within the answer period in force
    (supervision-reply, a local default; see township rules --kind
    supervision). Prints the notice's number.

    \b
    Example:
      township supervision issue --record TSK-2026-0001 --reason "超过办理时限未办结"
    """
    from township.kinds.supervision import issue_notice

    record = take_step(
        app,
        "supervision issue",
        issue_notice,
        record_id=record_id,
        reason=reason,
        urgency=urgency,
        on=on,
    )
    created(app, record, fmt)


@supervision.command("respond")
@record_id_argument
@click.option("--reason", required=True, help="The reason for the delay.")
@click.option("--progress", required=True, help="The progress made so far.")
@click.option(
    "--new-due", required=True, type=DATE, help="The new completion date (after the answer)."
)
@on_option
@format_option
@pass_app
def respond(
    app: AppContext,
    record_id: str,
    reason: str,
    progress: str,
    new_due: dt.date,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Record the office's written answer: the reason, the progress, a new completion date.

    \b
    Example:
      township supervision respond SUP-2026-0001 --reason "涉及多个村" \\
          --progress "已完成大部分排查" --new-due 2026-03-20
    """
    from township.kinds.supervision import respond_notice

    record = take_step(
        app,
        "supervision respond",
        respond_notice,
        record_id,
        reason=reason,
        progress=progress,
        new_due=new_due,
        on=on,
    )
    confirm(app, record, fmt, Text(f"{record['id']} 已答复", f"{record['id']} answered"))


@supervision.command("close")
@record_id_argument
@click.option("--note", help="Why it is closed (required while the supervised matter is open).")
@on_option
@format_option
@pass_app
def close(app: AppContext, record_id: str, note: str | None, on: dt.date | None, fmt: str) -> None:
    """Close (销号) a notice: when its matter is finished, or with --note saying why.

    \b
    Example:
      township supervision close SUP-2026-0001 --note "经核实已整改到位"
    """
    from township.kinds.supervision import close_notice

    record = take_step(app, "supervision close", close_notice, record_id, note=note, on=on)
    confirm(app, record, fmt, Text(f"{record['id']} 已销号", f"{record['id']} closed"))


@supervision.command("notice")
@record_id_argument
@form_format_option
@pass_app
def notice(app: AppContext, record_id: str, fmt: str) -> None:
    """Print the 督办告知书: its number, the office, the record and its deadline, the reason.

    \b
    Example:
      township supervision notice SUP-2026-0001
      township supervision notice SUP-2026-0001 --format html > 督办告知书.html
    """
    from township.errors import BadInput
    from township.kinds.supervision import answer_days, watched_deadline
    from township.views.forms import supervision_notice

    record = app.store.get(record_id, "supervision")
    env = env_of(app)
    try:
        supervised = app.store.get(record["record"])
    except BadInput:
        supervised = None
    deadline = watched_deadline(record, supervised, app.calendar, app.today) if supervised else None
    doc = supervision_notice(record, app.config, answer_days(record, env), deadline=deadline)
    emit_form(app, doc, fmt)


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
