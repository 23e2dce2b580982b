"""Small helpers shared by the command modules."""

from __future__ import annotations

import click

from commands.context import AppContext
from commands.render import View, render

pass_app = click.make_pass_decorator(AppContext, ensure=True)


def emit(app: AppContext, view: View, fmt: str = "table") -> None:
    """Print ``view`` in ``fmt`` and the reader's language."""
    click.echo(render(view, fmt, app.lang), nl=False)


def say(app: AppContext, zh: str, en: str) -> None:
    """Print a one-line confirmation in the reader's language."""
    click.echo(en if app.lang == "en" else zh)


def warn(app: AppContext, zh: str, en: str) -> None:
    """Print a warning to stderr in the reader's language."""
    click.echo(en if app.lang == "en" else zh, err=True)
