"""``township amend``: not built yet."""

from __future__ import annotations

import click

from commands import TownshipCommand


@click.command(cls=TownshipCommand)
def amend() -> None:
    """Correct a field of a record, with a reason (not built yet).

    \b
    Example:
      township amend INQ-2026-0001 --set contact=13800000000 --reason 登记错误
    """
