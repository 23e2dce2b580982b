"""``township case``: not built yet (see the open issues)."""

from __future__ import annotations

import click

from commands import TownshipGroup


@click.group(cls=TownshipGroup)
def case() -> None:
    """Accountability investigations (行政问责制), from opening to final review.

    \b
    Example:
      township case list
    """
