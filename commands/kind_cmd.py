"""``list`` and ``show`` of any kind, built from its declaration .

A kind's command group gets both with ``add_list_show(group, kind)``: the
columns, the status catalogue, the fields of ``show``, the step names and
whether ``--reveal`` exists all come from the kind's ``KindSpec``. A new kind
writes its steps' commands; listing and showing it cost one line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import click

from commands.common import pass_app
from commands.context import AppContext
from commands.params import format_option
from commands.records_view import (
    CURRENT_DEADLINE_COLUMNS,
    ListFilters,
    current_deadline,
    list_options,
    list_records,
    read_record,
    record_id_argument,
    responsible_cell,
    show_record,
)
from commands.render import Column
from township.i18n import Text

Record = dict[str, Any]
# ``enrich(app)`` returns what turns a stored record into the record as it is
# read: fields a kind computes when read (a case's aggravation), for ``show``,
# ``list`` and their JSON. Called once per command.
Enrich = Callable[[AppContext], Callable[[Record], Record]]
EventDetail = Callable[[dict[str, Any]], Any]


@dataclass(frozen=True)
class ListOption:
    """A kind's own ``list`` filter: a click option and what it keeps.

    ``keep(record, value)`` is asked only when the option was given.
    """

    name: str
    option: Callable[[Any], Any]
    keep: Callable[[Record, Any], bool]


def list_columns(kind: str) -> list[Column]:
    """``list``'s columns: id, status, the declared list fields and the fields of the
    kind's matter (what a record is about), responsible, next deadline."""
    from township.book.registry import spec

    decl = spec(kind)
    return [
        Column("id", Text("编号", "id")),
        Column("status", Text("状态", "status")),
        *[Column(f.name, f.label) for f in decl.fields if f.list or f.name in decl.matter],
        Column("responsible", Text("责任人/部门", "responsible")),
        *CURRENT_DEADLINE_COLUMNS,
    ]


def list_row(app: AppContext, kind: str, record: Record) -> dict[str, Any]:
    """One ``list`` row of a (masked) record."""
    from township.book.registry import spec

    decl = spec(kind)
    return {
        "id": record["id"],
        "status": decl.statuses.get(record.get("status"), record.get("status")),
        **{f.name: f.display(record) for f in decl.fields if f.list or f.name in decl.matter},
        "responsible": responsible_cell(record),
        **current_deadline(app, record),
    }


def show_fields(kind: str, record: Record) -> list[tuple[str, Text, Any]]:
    """``show``'s field table: status, then every declared field that has a value."""
    from township.book.registry import spec

    decl = spec(kind)
    rows: list[tuple[str, Text, Any]] = [
        ("status", Text("状态", "status"), decl.statuses.get(record["status"], record["status"]))
    ]
    for f in decl.fields:
        value = f.display(record)
        if value not in (None, "", []):
            rows.append((f.name, f.label, value))
    resp = responsible_cell(record)
    if resp:
        rows.append(("responsible", Text("责任人/部门", "responsible"), resp))
    rows.extend(backlink_rows(record))
    return rows


def backlink_rows(record: Record) -> list[tuple[str, Text, Any]]:
    """``show``'s rows of the records of other kinds that link to this one
    (``Kind.backlink``: the field the linking kind writes here), labelled by that kind."""
    from township.book.registry import KINDS

    return [
        (k.backlink, k.label, record[k.backlink])
        for k in KINDS.values()
        if k.backlink and k.name != record.get("kind") and record.get(k.backlink)
    ]


def action_labels(kind: str) -> dict[str, Text]:
    """Step name -> what happened, for the events of ``show``."""
    from township.book.registry import spec

    return {s.name: s.label for s in spec(kind).steps}


def add_list_show(
    group: click.Group,
    kind: str,
    *,
    personal: bool = False,
    enrich: Enrich | None = None,
    event_detail: EventDetail | None = None,
    options: Sequence[ListOption] = (),
    reveal_help: str | None = None,
) -> None:
    """Add ``list`` and ``show`` of ``kind`` to ``group`` (``--reveal`` when ``personal``).

    ``enrich`` adds what the kind computes when read (see ``Enrich``);
    ``event_detail`` says what a step recorded in ``show``'s steps table
    (default: its note or text). ``options`` are the kind's own ``list``
    filters (an inquiry's ``--channel``).
    """
    help_text = reveal_help or "Show protected names unmasked (audited)."
    reveal_opts = [click.option("--reveal", is_flag=True, help=help_text)] if personal else []

    def _list(
        app: AppContext, filters: ListFilters, fmt: str, reveal: bool = False, **given: Any
    ) -> None:
        from township.book.registry import KINDS, spec

        chosen = [(o, given[o.name]) for o in options if given.get(o.name) is not None]
        records = [
            r
            for r in app.store.iter_records(KINDS[kind])
            if all(o.keep(r, value) for o, value in chosen)
        ]
        read = enrich(app) if enrich else None
        list_records(
            app,
            records,
            list_columns(kind),
            lambda r: list_row(app, kind, read(r) if read else r),
            fmt,
            filters,
            handler_fields=spec(kind).handler_fields,
            to_json=read,
            reveal=reveal,
            kind=kind,
        )

    _list.__doc__ = f"""List {kind} records, with the next deadline of each.

    \b
    Example:
      township {kind} list --overdue
      township {kind} list --format json --limit 20
    """
    command: Any = _list
    for option in [*reveal_opts, *(o.option for o in reversed(options))]:
        command = option(command)
    from township.book.registry import spec

    command = pass_app(format_option(list_options(command, statuses=spec(kind).statuses)))
    group.command("list")(command)

    def _show(app: AppContext, record_id: str, fmt: str, reveal: bool = False) -> None:
        record = read_record(app, kind, record_id, reveal=reveal)
        if enrich is not None:
            record = enrich(app)(record)
        show_record(
            app,
            record,
            show_fields(kind, record),
            fmt,
            action_labels(kind),
            event_detail=event_detail,
        )

    from township.book.registry import KINDS

    _show.__doc__ = f"""Show a {kind} record: its fields, steps and deadlines.

    \b
    Example:
      township {kind} show {KINDS[kind].prefix}-2026-0001
    """
    command = _show
    for option in reveal_opts:
        command = option(command)
    command = pass_app(format_option(record_id_argument(command)))
    group.command("show")(command)


# The columns a search matches that are not declared fields, named as the list names them.
_FOUND_IN = {"id": Text("编号", "id"), "responsible": Text("责任人/部门", "responsible")}


def search_rows(
    app: AppContext, hits: list[Any], reveal: bool, *, as_json: bool = True
) -> tuple[list[dict], list[dict] | None]:
    """Rows and JSON of ``township search``; a search matching personal data is audited first.

    ``as_json=False``: no JSON (None), for the formats that print the rows.
    """
    from commands.records_view import record_json
    from township.book.registry import KINDS, spec
    from township.steps.machine import deadlines
    from township.views.privacy import audit_reveals, masked

    personal = [h.record for h in hits if h.personal]
    if reveal and personal:
        with app.store.transaction(app.user, "search --reveal") as tx:
            for hit in hits:
                if hit.personal:
                    audit_reveals(tx, [hit.record], hit.kind, view="search")
    from township.views.matter import matter_of

    rows: list[dict] = []
    data: list[dict] | None = [] if as_json else None
    for hit in hits:
        shown = masked(hit.record, reveal, hit.kind)
        decl = spec(shown["kind"])
        rows.append(
            {
                "id": shown["id"],
                "kind": KINDS[shown["kind"]].label,
                "status": decl.statuses.get(shown["status"], shown["status"]),
                "summary": matter_of(hit.record, reveal=reveal, kind=hit.kind),
                "responsible": responsible_cell(shown),
                "found_in": ", ".join(
                    f.label.get(app.lang)
                    if (f := decl.field(n))
                    else _FOUND_IN.get(n, Text(n, n)).get(app.lang)
                    for n in hit.fields
                ),
                **current_deadline(app, hit.record),
            }
        )
        if data is not None:
            data.append(record_json(shown, deadlines(hit.record, app.calendar, app.today)))
    return rows, data
