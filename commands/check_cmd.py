"""``township check``: the installation looked over, one line a check."""

from __future__ import annotations

import os

import click

from commands import TownshipCommand
from commands.common import emit, pass_app
from commands.context import AppContext, lock_timeout
from commands.params import format_option
from commands.render import Column, View
from township.i18n import Text

COLUMNS = [
    Column("level", Text("结果", "result")),
    Column("check", Text("检查", "check")),
    Column("id", Text("编号", "id")),
    Column("message", Text("说明", "message")),
]


@click.command("check", cls=TownshipCommand)
@format_option
@pass_app
def check(app: AppContext, fmt: str) -> None:
    """Look the installation over: one line a check, pass, warning or error, and what to do.

    Checks that the rule book and the kind declarations agree (every step a
    rule starts or meets is declared, prefixes unique, catalogues complete),
    that township.toml holds no template value where documents print it,
    that the calendar of next year is imported (from 1 November), that the
    audit log verifies and that the data files read. Exits 0 when all pass,
    1 with warnings only, 3 on an error.

    \b
    Example:
      township check                 # 安装、升级、改动配置后运行
      township check --format json   # 供监控脚本读取
    """
    from township.check import CHECKS, LEVEL_LABELS, check_installation, exit_code

    timeout = lock_timeout(os.environ.get("TOWNSHIP_LOCK_TIMEOUT", "10"))
    findings = check_installation(app.data_dir, app.today, lock_timeout=timeout)
    rows = [
        {
            "level": LEVEL_LABELS[f.level],
            "check": CHECKS[f.check],
            "id": f.id,
            "message": Text(f.text("zh"), f.text("en")),
        }
        for f in findings
    ]
    lines = [_line(row, "zh") for row in rows], [_line(row, "en") for row in rows]
    text = Text("\n".join(lines[0]), "\n".join(lines[1]))
    emit(app, View(rows, COLUMNS, data=[f.as_json() for f in findings], text=text), fmt)
    code = exit_code(findings)
    if code:
        raise click.exceptions.Exit(code)


def _line(row: dict[str, Text | str], lang: str) -> str:
    """``警告  配置文件 township.toml（config.W001）：…`` — one finding on one line."""
    level, check, message = (row[k].get(lang) for k in ("level", "check", "message"))  # type: ignore[union-attr]
    if lang == "en":
        where = f"{check} ({row['id']})" if row["id"] else check
        return f"{level:<7}  {where}: {message}"
    where = f"{check}（{row['id']}）" if row["id"] else check
    return f"{level}  {where}：{message}"
