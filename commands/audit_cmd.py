"""``township audit``: read and check the hash-chained audit log."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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
      township audit log INQ-2026-0001    # 一条记录的改动经过
      township audit verify               # 校验哈希链和数据文件
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
      township audit log                                 # 全部改动
      township audit log CASE-2026-0001 --format json   # 一条记录的改动经过
      township audit log CMP-2026-0001 --reveal          # 显示投诉人（记入审计）
    """
    from commands.stream import Widths, stream
    from township.views.export import (
        audit_entries,
        audit_record_id,
        note_audit_reveal,
        survey_audit,
    )

    rid = audit_record_id(record_id)
    # Read twice, never held whole: once to check every line (nothing is
    # printed from a damaged log), to learn who would be revealed and to
    # measure the table's columns, once to print.
    widths = Widths(LOG_COLUMNS, fmt, app.lang) if fmt in ("table", "plain", "github") else None
    survey = survey_audit(
        app.store, rid, each=(lambda e: widths.measure(_log_row(e))) if widths else None
    )
    if reveal:
        note_audit_reveal(app.store, app.user, "audit log --reveal", survey, view="audit log")

    # Only JSON prints the recorded values; the table's columns hold no personal
    # data, so the other formats skip the masking.
    unmasked = reveal or fmt != "json"

    def rows() -> Iterator[tuple[dict[str, Any], Any]]:
        for entry in audit_entries(app.store, survey, rid, reveal=unmasked):
            yield _log_row(entry), entry

    for piece in stream(rows, LOG_COLUMNS, fmt, app.lang, empty=EMPTY_LOG, widths=widths):
        click.echo(piece, nl=False)


LOG_COLUMNS = [
    Column("seq", Text("序号", "seq")),
    Column("time", Text("时间", "time")),
    Column("actor", Text("操作人", "actor")),
    Column("command", Text("命令", "command")),
    Column("id", Text("编号", "id")),
    Column("change", Text("变更", "change")),
]


EMPTY_LOG = Text("审计日志中没有相关记录。", "No audit entries.")


def _log_row(e: dict[str, Any]) -> dict[str, Any]:
    """One row of the audit log's table; JSON prints the entry itself."""
    return {
        "seq": e.get("seq"),
        "time": str(e.get("time", ""))[:19].replace("T", " "),
        "actor": e.get("actor"),
        "command": e.get("command"),
        "id": e.get("id"),
        "change": _summary(e),
    }


@audit.command("verify")
@click.option(
    "--expect",
    metavar="SEQ:HASH",
    help="A head printed earlier by 'audit head' (a mail, a printout): the log must "
    "still pass through it.",
)
@pass_app
def verify(app: AppContext, expect: str | None) -> None:
    """Check the audit log from its first line, and that replaying it gives the stored records.

    Names every break (a line that is not JSON, does not chain, creates an id
    a second time, or is incomplete) and every record that does not fit;
    breaks acknowledged by 'audit repair --reason' are named with who did it
    and why. Exits 0 only when every break has its repair and the replay
    fits, else 3. With --expect, also checks that the log still passes
    through a head witnessed earlier, so that a history rewritten with
    recomputed hashes is caught too.

    \b
    Example:
      township audit verify
      # 用留存的行号和哈希核对：
      township audit head --format csv | tail -n 1 | tr , : | xargs township audit verify --expect
    """
    from township.storage.audit import parse_expect
    from township.text import escape_control

    witnessed = parse_expect(expect) if expect is not None else None
    report = app.store.verify(witnessed)
    if report.ok and not report.notes:
        say(
            app,
            f"审计日志完好：{report.lines} 行，哈希链连续，重放结果与 {report.documents} 条存储记录一致。",
            f"The audit log is intact: {report.lines} lines chain correctly and replay to "
            f"the {report.documents} stored documents.",
        )
        return
    if report.ok:
        say(
            app,
            f"审计日志通过检验：{report.lines} 行，重放结果与 {report.documents} 条存储记录一致；"
            f"其中 {len(report.notes)} 处断裂已确认修复：",
            f"The audit log verifies: {report.lines} lines replay to the {report.documents} "
            f"stored documents; {len(report.notes)} break(s) in it were acknowledged:",
        )
    # Every break stays named, with the repair that acknowledged it.
    for note in report.notes:
        click.echo(escape_control(render(note.message, app.lang, note.params)), err=not report.ok)
    if report.ok:
        return
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
      township audit head                  # 最后一行的行号和哈希，留存备查
      township audit head --format json    # 供脚本读取
    """
    data = app.store.audit_head()
    columns = [Column("seq", Text("行号", "seq")), Column("hash", Text("哈希", "hash"))]
    row = {"seq": data["seq"], "hash": data["hash"][:12]}
    emit(app, View([row], columns, data=data), fmt)


@audit.command("repair")
@click.option(
    "--reason",
    metavar="TEXT",
    help="Why the breaks of the audit log are acknowledged and writes may resume (audited). "
    "Needed while the log does not verify or disagrees with its anchor.",
)
@pass_app
def repair(app: AppContext, reason: str | None) -> None:
    """Finish a change that a crash interrupted, or acknowledge the log's breaks (with --reason).

    Without --reason: finishes an interrupted change from the write journal,
    once the journal has been checked. While the audit log does not verify
    from its first line, or disagrees with its anchor (audit-head.json), no
    change is accepted; after 'audit verify' has shown why, --reason
    records in the log itself who acknowledged which break and why, anchors
    the log on that line, and writes resume. Nothing is hidden: 'audit
    verify' and the daily report go on naming each break and its repair.

    \b
    Example:
      township audit repair                # 完成被中断的改动
      # 查明审计日志断裂的原因后，确认断裂、恢复接受改动：
      township audit repair --reason "已从 3 月 3 日的备份恢复 audit.jsonl"
    """
    from township.errors import clean_required

    if reason is not None:
        reason = clean_required(reason, Text("--reason（原因）", "--reason"))
    done = app.store.repair(app.user, reason)
    if done.ids:
        say(
            app,
            f"已完成中断的修改：{'、'.join(done.ids)}。",
            f"Finished the interrupted change: {', '.join(done.ids)}.",
        )
    if done.line is not None:
        from township.text import escape_control

        say(
            app,
            f"已在审计日志第 {done.line} 行记下确认人和原因，并将锚点设在这一行；"
            "以下问题仍会在 audit verify 和每日报告中列出：",
            f"Recorded who acknowledged what and why at line {done.line} of the audit log "
            "and anchored the log there; audit verify and the daily report go on naming:",
        )
        for item in done.acknowledged:
            click.echo("  " + escape_control(render(item.message, app.lang, item.values)))
    elif reason is not None and not done.ids:
        say(
            app,
            "审计日志通过检验，没有需要确认的问题；未写入任何内容。",
            "The audit log verifies; there is nothing to acknowledge and nothing was written.",
        )
    elif not done.ids:
        say(app, "没有中断的修改需要完成。", "No interrupted change to finish.")
