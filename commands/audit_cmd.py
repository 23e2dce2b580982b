"""``township audit``: read and check the hash-chained audit log."""

from __future__ import annotations

import click

from commands import TownshipGroup
from commands.common import emit, pass_app, say
from commands.context import AppContext
from commands.params import format_option
from commands.records_view import reveal_option
from commands.render import Column, View
from township.i18n import Text, render


@click.group(cls=TownshipGroup)
def audit() -> None:
    """The audit log: every change, who made it and when (审计日志).

    \b
    Example:
      township audit log INQ-2026-0001
      township audit verify
    """


def _summary(entry: dict) -> str:
    fields = sorted(set(entry.get("before", {})) | set(entry.get("after", {})))
    if entry.get("change") == "create":
        return "create"
    if entry.get("action"):
        return str(entry["action"])
    return ", ".join(fields)


@audit.command("log")
@click.argument("record_id", metavar="[ID]", required=False)
@reveal_option(
    help="Show complainants' and petitioners' names and contacts unmasked; the reveal is audited."
)
@format_option
@pass_app
def log(app: AppContext, record_id: str | None, reveal: bool, fmt: str) -> None:
    """Show the audit log, or only the entries about one record.

    Complainants' and petitioners' names and contacts in the recorded
    values are masked unless --reveal is given; every reveal is audited.

    \b
    Example:
      township audit log
      township audit log CASE-2026-0001 --format json
      township audit log CMP-2026-0001 --reveal
    """
    from township.views.export import audit_log, audit_record_id

    rid = audit_record_id(record_id)
    entries = audit_log(app.store, rid, reveal=reveal, actor=app.user)
    emit(app, _log_view(entries), fmt)


LOG_COLUMNS = [
    Column("seq", Text("序号", "seq")),
    Column("time", Text("时间", "time")),
    Column("actor", Text("操作人", "actor")),
    Column("command", Text("命令", "command")),
    Column("id", Text("编号", "id")),
    Column("change", Text("变更", "change")),
]


def _log_view(entries: list[dict]) -> View:
    """The audit log as a table: one row per entry; JSON: the entries themselves."""
    rows = [
        {
            "seq": e.get("seq"),
            "time": str(e.get("time", ""))[:19].replace("T", " "),
            "actor": e.get("actor"),
            "command": e.get("command"),
            "id": e.get("id"),
            "change": _summary(e),
        }
        for e in entries
    ]
    empty = Text("审计日志中没有相关记录。", "No audit entries.")
    return View(rows, LOG_COLUMNS, data=entries, empty=empty)


@audit.command("verify")
@click.option(
    "--expect",
    metavar="SEQ:HASH",
    help="A head printed earlier by 'audit head' (a mail, a printout): the log must "
    "still pass through it.",
)
@pass_app
def verify(app: AppContext, expect: str | None) -> None:
    """Check the hash chain and that replaying the log gives the stored records.

    Names the first line or record that does not fit, and exits 3 then.
    With --expect, also checks that the log still passes through a head
    witnessed earlier, so that a history rewritten with recomputed hashes
    is caught too.

    \b
    Example:
      township audit verify
      township audit head --format csv | tail -n 1 | tr , : | xargs township audit verify --expect
    """
    from township.storage.audit import parse_expect

    witnessed = parse_expect(expect) if expect is not None else None
    report = app.store.verify(witnessed)
    if report.ok:
        say(
            app,
            f"审计日志完好：{report.lines} 行，哈希链连续，重放结果与 {report.documents} 条存储记录一致。",
            f"The audit log is intact: {report.lines} lines chain correctly and replay to "
            f"the {report.documents} stored documents.",
        )
        return
    from township.text import escape_control

    for problem in report.problems:
        click.echo(escape_control(render(problem.message, app.lang, problem.params)), err=True)
    raise click.exceptions.Exit(3)


@audit.command("head")
@format_option
@pass_app
def head(app: AppContext, fmt: str) -> None:
    """Print the log's last line number and hash, to be witnessed (mailed, printed).

    Later, 'audit verify --expect SEQ:HASH' checks that the log still passes
    through this line. JSON: {"seq": N, "hash": "..."}; the table shows the
    first 12 characters of the hash, which --expect accepts.

    \b
    Example:
      township audit head
      township audit head --format json
    """
    data = app.store.audit_head()
    columns = [Column("seq", Text("行号", "seq")), Column("hash", Text("哈希", "hash"))]
    row = {"seq": data["seq"], "hash": data["hash"][:12]}
    emit(app, View([row], columns, data=data), fmt)


@audit.command("repair")
@click.option(
    "--reason",
    metavar="TEXT",
    help="Why the audit log's anchor may be set again on the log's last line (audited). "
    "Needed when the log and its anchor disagree.",
)
@pass_app
def repair(app: AppContext, reason: str | None) -> None:
    """Finish a change that a crash interrupted, or re-anchor the log (with --reason).

    Without --reason: finishes an interrupted change from the write journal
    (or one whose write failed and could not be undone). While the audit log
    and its anchor (audit-head.json) disagree, no change is accepted; after
    'audit verify' has shown why, --reason sets the anchor on the log's last
    line again and records who did it and why in the log itself.

    \b
    Example:
      township audit repair
      township audit repair --reason "restored audit.jsonl from the 3 March backup"
    """
    from township.errors import clean_required

    if reason is not None:
        reason = clean_required(reason, Text("--reason（原因）", "--reason"))
    ids = app.store.repair(app.user, reason)
    if ids:
        say(
            app,
            f"已完成中断的修改：{'、'.join(ids)}。",
            f"Finished the interrupted change: {', '.join(ids)}.",
        )
    if reason is not None:
        from township.storage.audit import head_of

        now = head_of(app.store.audit_path)
        say(
            app,
            f"已将审计日志的锚点设在第 {now['seq']} 行（{now['hash'][:12]}），原因已记入日志。",
            f"The audit log is anchored on line {now['seq']} ({now['hash'][:12]}) again; "
            "the reason is in the log.",
        )
    elif not ids:
        say(app, "没有中断的修改需要完成。", "No interrupted change to finish.")
