"""``township search``: find records of every kind by a piece of text."""

from __future__ import annotations

import click

from commands import TownshipCommand
from commands.common import emit, pass_app
from commands.context import AppContext
from commands.params import format_option
from commands.render import Column, View
from township.i18n import Text

COLUMNS = [
    Column("id", Text("编号", "id")),
    Column("kind", Text("类别", "kind")),
    Column("status", Text("状态", "status")),
    Column("summary", Text("事项", "matter")),
    Column("responsible", Text("责任人/部门", "responsible")),
    Column("found_in", Text("匹配字段", "found in")),
    Column("rule_label", Text("期限", "deadline")),
    Column("due", Text("到期日", "due")),
    Column("state_label", Text("期限状态", "deadline state")),
]


@click.command(cls=TownshipCommand)
@click.argument("text")
@click.option("--kind", "kinds", multiple=True, metavar="KIND", help="Only this kind (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="At most N records.")
@click.option(
    "--reveal",
    is_flag=True,
    help="Also match names and contacts of protected persons, shown unmasked (audited).",
)
@format_option
@pass_app
def search(
    app: AppContext, text: str, kinds: tuple[str, ...], limit: int | None, reveal: bool, fmt: str
) -> None:
    """Find records of every kind whose id, matter, summary, title, unit or department holds TEXT.

    Names and contacts of complainants, petitioners, applicants, requesters
    and parties are matched only with --reveal; such a search is audited.

    \b
    Example:
      township search 低保                                      # 各类记录中含“低保”的
      township search 李 --reveal --kind complaint --limit 20   # 也查投诉人姓名（记入审计）
    """
    from commands.kind_cmd import search_rows
    from township.views.search import check_kinds, search

    chosen = check_kinds(kinds)
    hits = search(
        (r for k in chosen for r in app.store.iter_records(_kind(k))),
        text,
        reveal=reveal,
        limit=limit,
    )
    rows, data = search_rows(app, hits, reveal, as_json=fmt == "json")
    empty = Text(f"没有找到包含「{text}」的记录。", f"No record contains '{text}'.")
    emit(app, View(rows, COLUMNS, data=data, empty=empty), fmt)


def _kind(name: str):
    from township.book.registry import KINDS

    return KINDS[name]
