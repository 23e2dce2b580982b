"""``township amend``: correct descriptive fields of a record, with a reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from commands import TownshipCommand
from commands.common import pass_app, warn
from commands.context import AppContext
from commands.params import format_option, on_option


@click.command(cls=TownshipCommand)
@click.argument("record_id", metavar="ID")
@click.option(
    "--set",
    "assignments",
    multiple=True,
    required=True,
    metavar="FIELD=VALUE",
    help="A field (its name or its label) and its corrected value; repeat for several "
    "fields. An empty value clears an optional field (contact, unit).",
)
@click.option("--reason", required=True, help="Why the record is corrected.")
@click.option(
    "--reveal",
    is_flag=True,
    help="Needed to correct a protected name or contact; shows the old and new values "
    "unmasked (the reveal is audited).",
)
@on_option
@format_option
@pass_app
def amend(
    app: AppContext,
    record_id: str,
    assignments: tuple[str, ...],
    reason: str,
    reveal: bool,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Correct fields of a record (更正), keeping the old values and the reason.

    Only descriptive fields can be corrected (names, contacts, wording of the
    matter); status, dates, deadlines and links change only through their own
    steps. Records an `amend` event and an audit line; prints one line, or the
    record as `show` does with --format json. Personal data of complainants
    and petitioners is masked in what it prints.

    Which fields may be corrected is declared by each kind; a field is named
    by its name or its label (被投诉对象); naming one that may not lists those
    that may. A protected name or contact (complainants, petitioners,
    applicants) needs --reveal, and the reveal is audited first; with
    --reveal the old and new values are shown unmasked, without it no
    personal value is ever printed.

    \b
    Example:
      township amend INQ-2026-0001 --set contact=13800000000 --reason "登记时电话记错"
      # 一次改几个字段：
      township amend CASE-2026-0002 --set unit=民政办 --set summary="低保审核拖延" \\
          --reason "单位名称笔误"
      # 字段可写中文名称：
      township amend CMP-2026-0001 --set 被投诉对象=民政办窗口 --reason "对象写得不具体"
    """
    from commands.records_view import read_record
    from township.book.registry import parse_id
    from township.steps.amend import amend_record, parse_assignments

    changes = parse_assignments(assignments)
    if reveal:
        # Audited before the answer, even when the answer is "no change".
        kind = parse_id(record_id).kind.name
        read_record(app, kind, record_id, reveal=True, view="amend", command="amend --reveal")
    with app.store.transaction(app.user, "amend") as tx:
        record = amend_record(
            tx,
            record_id,
            changes=changes,
            reason=reason,
            on=on or app.today,
            today=app.today,
            actor=app.user,
            reveal=reveal,
        )
    _done(app, record, fmt, reveal)


def _line(app: AppContext, record: dict[str, Any], reveal: bool) -> str:
    """``已更正 ID：字段 旧 → 新（理由：…）``: personal values masked unless ``reveal``."""
    from township.steps.amend import field_label, last_amendment, value_label
    from township.views.privacy import is_protected, personal_fields

    event = last_amendment(record)
    kind = record["kind"]
    personal = {} if reveal else personal_fields(kind)
    if not is_protected(record, kind):
        # An unclassified briefing's subject is no secret: shown as show shows it.
        personal = {f: what for f, what in personal.items() if what != "secret"}
    parts = []
    for c in event["changes"]:
        label = field_label(kind, c["field"]).get(app.lang)
        what = personal.get(c["field"])
        old = value_label(record, c["field"], _masked(what, c["old"]))
        new = value_label(record, c["field"], _masked(what, c["new"]))
        old = old.get(app.lang) if not isinstance(old, str) else old
        new = new.get(app.lang) if not isinstance(new, str) else new
        parts.append(f"{label} {old} → {new}")
    if app.lang == "en":
        return f"Amended {record['id']}: {'; '.join(parts)} (reason: {event['reason']})"
    return f"已更正 {record['id']}：{'；'.join(parts)}（理由：{event['reason']}）"


def _masked(what: str | None, value: Any) -> Any:
    """A personal value (``what``: name, contact or secret) masked; any other as it is."""
    from township.views.privacy import mask_contact, mask_name, mask_secret

    if what is None:
        return value
    mask = {"name": mask_name, "secret": mask_secret}.get(what, mask_contact)
    return [mask(v) for v in value] if isinstance(value, list) else mask(value)


def _done(app: AppContext, record: dict[str, Any], fmt: str, reveal: bool) -> None:
    """One confirmation line (or the record as ``show`` prints it), personal data
    masked unless ``reveal`` (the reveal was audited before the change)."""
    from township.steps.amend import linked_ids

    if reveal and fmt == "json":
        from commands.common import emit
        from commands.records_view import record_json
        from commands.render import View
        from township.steps.machine import deadlines

        found = deadlines(record, app.calendar, app.today)
        emit(app, View(data=record_json(record, found)), fmt)
    else:
        from commands.records_view import emit_step

        emit_step(app, record, fmt, lambda: _line(app, record, reveal))
    linked = linked_ids(record)
    if linked:
        warn(
            app,
            f"提示：关联记录 {'、'.join(linked)} 未随之更正；如有同样的错误，请另行 amend。",
            f"Note: the linked record(s) {', '.join(linked)} were not changed; amend them "
            "too if they carry the same mistake.",
        )
