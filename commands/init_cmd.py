"""``township init``: create the data directory, optionally with demo data."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from commands import TownshipCommand
from commands.common import pass_app, say
from commands.context import AppContext

if TYPE_CHECKING:
    from township.config import Config

# Above this many records, show a progress bar when writing to a terminal.
PROGRESS_FROM = 2000


@click.command(cls=TownshipCommand)
@click.option("--demo", is_flag=True, help="Fill the new directory with a fictional demo data set.")
@click.option(
    "--size",
    type=click.IntRange(10, 1_000_000),
    default=200,
    show_default=True,
    help="How many demo records (with --demo).",
)
@pass_app
def init(app: AppContext, demo: bool, size: int) -> None:
    """Create the data directory with a township.toml to edit.

    The directory and its files are owner-only. An existing township.toml
    is left as it is. With --demo, the (empty) directory is filled with a
    realistic, clearly fictional data set spread around --today, so that the
    daily report has something in every state.

    \b
    Example:
      township --data-dir /srv/township init                # 正式使用：空的数据目录
      township --data-dir demo init --demo                  # 演示数据（虚构）
      township --data-dir bench init --demo --size 100000   # 性能测试用
    """
    from township.demo import demo_in_place, prepare_data_dir

    # Running the quickstart twice must not fail when the demo is already
    # there; any other directory with records is refused by build_demo.
    if demo and demo_in_place(app.store):
        say(
            app,
            f"{app.data_dir} 已有演示数据，未作改动。",
            f"{app.data_dir} already holds the demo data; nothing changed.",
        )
        return
    created, settings = prepare_data_dir(app.store, app.today, demo)
    if created:
        say(app, f"已创建数据目录 {app.data_dir}。", f"Created the data directory {app.data_dir}.")
    elif not demo:
        say(
            app,
            f"数据目录 {app.data_dir} 已存在，未作改动。",
            f"{app.data_dir} already exists; nothing changed.",
        )
    if demo:
        _fill_demo(app, settings, size)


def _fill_demo(app: AppContext, settings: Config, size: int) -> None:
    from township.demo import DemoSummary, build_demo

    def build(progress: Callable[[int], None] | None) -> DemoSummary:
        return build_demo(
            app.store,
            today=app.today,
            size=size,
            config=settings,
            actor=app.user,
            progress=progress,
        )

    # The bar goes to stderr, as import's does: stdout keeps only the summary.
    if size >= PROGRESS_FROM and sys.stderr.isatty():
        label = "Writing demo records" if app.lang == "en" else "正在生成演示数据"
        with click.progressbar(length=size, label=label, file=sys.stderr) as bar:
            done = 0

            def progress(made: int) -> None:
                nonlocal done
                bar.update(made - done)
                done = made

            summary = build(progress)
            bar.update(size - done)
    else:
        summary = build(None)
    from township.book.registry import KINDS

    counts = {k: n for k, n in summary.counts.items() if n}
    zh = "、".join(f"{KINDS[k].label.zh} {n}" for k, n in counts.items() if k in KINDS)
    en = ", ".join(f"{n} {KINDS[k].label.en}" for k, n in counts.items() if k in KINDS)
    say(
        app,
        f"已生成演示数据 {sum(counts.values())} 条（{zh}），"
        f"日期 {summary.first} 至 {summary.last}；人名、电话均为虚构。",
        f"Wrote {sum(counts.values())} demo records ({en}) dated {summary.first} to "
        f"{summary.last}; all names and numbers are fictional.",
    )
