"""``township inquiry``: not built yet (see the open issues)."""

from __future__ import annotations

import click

from commands import TownshipGroup


@click.group(cls=TownshipGroup)
def inquiry() -> None:
    """First-contact log (首问负责制), one-time notices (一次性告知) and service deadlines.

    \b
    Example:
      township inquiry log --name 张三 --matter 低保咨询
    """
