"""``township init``: create the data directory."""

from __future__ import annotations

import click

from commands import TownshipCommand
from commands.common import pass_app, say
from commands.context import AppContext


@click.command(cls=TownshipCommand)
@pass_app
def init(app: AppContext) -> None:
    """Create the data directory with a township.toml to edit.

    The directory and its files are owner-only. An existing township.toml
    is left as it is.

    \b
    Example:
      township --data-dir /srv/township init
    """
    from township import config
    from township.storage import atomic_write

    created = app.store.initialize()
    path = app.data_dir / config.CONFIG_NAME
    if not path.exists():
        atomic_write(path, config.TEMPLATE.encode("utf-8"))
    config.load(app.data_dir)  # refuse to report success over a malformed file
    if created:
        say(app, f"已创建数据目录 {app.data_dir}。", f"Created the data directory {app.data_dir}.")
    else:
        say(
            app,
            f"数据目录 {app.data_dir} 已存在，未作改动。",
            f"{app.data_dir} already exists; nothing changed.",
        )
