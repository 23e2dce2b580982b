"""``township rules``: the rule book, with the periods in force."""

from __future__ import annotations

import click

from commands import TownshipCommand
from commands.common import emit, pass_app
from commands.context import AppContext
from commands.params import format_option
from commands.render import Column, View
from township.i18n import Text

COLUMNS = [
    Column("rule", Text("规则", "rule")),
    Column("kind", Text("类别", "kind")),
    Column("label", Text("事项", "what is due")),
    Column("period", Text("期限", "period")),
    Column("starts", Text("起算", "starts")),
    Column("meets", Text("完成", "met by")),
    Column("owner", Text("时钟归属", "whose clock")),
    Column("extension", Text("延期", "extension")),
    Column("clause", Text("依据", "source")),
]


@click.command("rules", cls=TownshipCommand)
@click.option("--kind", "kind", metavar="KIND", help="Only the rules of this kind (or duty).")
@format_option
@pass_app
def rules(app: AppContext, kind: str | None, fmt: str) -> None:
    """List the rule book: every period, its unit, clause and the number in force.

    Numbers changed by township.toml [rules] are marked (已调整); local
    defaults, where the regulations state no number, are marked (本镇规定).

    \b
    Example:
      township rules --kind case     # 问责案件的各项期限
      township rules --format json   # 全部规则，供程序读取
    """
    from township.book.rules import RULES, rule_book_view

    if kind is not None:
        from township.book.registry import KINDS, kind_key

        key = kind_key(kind)
        met = {r.id for r in RULES.values() if any(m.split()[0] == key for m in r.meets)}
        if key in KINDS and met and not any(r.kind == key for r in RULES.values()):
            # A kind that meets a duty (circular issue, assessment record): the duty's rule.
            rows, data = rule_book_view(app.config.rules, "duty")
            rows = [r for r in rows if r["rule"] in met]
            data = [r for r in data if r["rule"] in met]
            emit(app, View(rows, COLUMNS, data=data), fmt)
            return
        if key in KINDS and not any(r.kind == key for r in RULES.values()):
            # A kind whose text sets no period (五保收养, 救灾救济, 信息报告): no clock is
            # invented, and the clerk is told so rather than refused.
            label = KINDS[key].label
            empty = Text(
                f"{label.zh}（{key}）：现存文本未规定办理期限，不计期限。",
                f"{label.en} ({key}): the text sets no period; no deadline is counted.",
            )
            emit(app, View([], COLUMNS, data=[], empty=empty), fmt)
            return
        kind = _with_rules(kind, list(dict.fromkeys(r.kind for r in RULES.values())))
    rows, data = rule_book_view(app.config.rules, kind)
    emit(app, View(rows, COLUMNS, data=data), fmt)


def _with_rules(name: str, kinds: list[str]) -> str:
    """The kind ``name`` names (key or label) among those that have rules; ``BadInput`` else."""
    from township.book.registry import kind_key, kinds_listed
    from township.errors import BadInput

    key = kind_key(name)
    if key in kinds:
        return key
    known = kinds_listed(kinds)
    raise BadInput(
        Text(
            "没有类别为「{kind}」的规则；可选：" + known.zh + "。",
            "No rules of kind '{kind}'; known: " + known.en + ".",
        ),
        kind=name,
    )
