"""Small helpers shared by the command modules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from commands.context import AppContext
from commands.render import View, render, render_sections

pass_app = click.make_pass_decorator(AppContext, ensure=True)


def emit(app: AppContext, view: View, fmt: str = "table") -> None:
    """Print ``view`` in ``fmt`` and the reader's language."""
    click.echo(render(view, fmt, app.lang), nl=False)


def emit_sections(app: AppContext, views: Sequence[View], fmt: str, **frame: Any) -> None:
    """Print several views as one output (``render_sections``: title, notes, data...)."""
    click.echo(render_sections(views, fmt, app.lang, **frame), nl=False)


def say(app: AppContext, zh: str, en: str) -> None:
    """Print a one-line confirmation in the reader's language."""
    click.echo(en if app.lang == "en" else zh)


def warn(app: AppContext, zh: str, en: str) -> None:
    """Print a warning to stderr in the reader's language, control characters escaped.

    A warning names stored values (an office, a record): a stored ESC or
    bidi override is shown as ``\\x1b`` / ``\\u202e``, and a line break inside
    one cannot make the warning look like two.
    """
    from township.text import escape_control

    click.echo(escape_control(en if app.lang == "en" else zh), err=True)


def warn_skipped(app: AppContext, skipped: Sequence[Any]) -> list[Any]:
    """Print each skipped record's warning on stderr; return them as output notes.

    ``skipped``: ``township.errors.Skipped`` items a report or list left out.
    The notes go at the end of a table/plain/github/html output, so that the
    warning is in the output too (one odd record never stops a report).
    """
    from township.i18n import resolve
    from township.text import escape_control

    notes = [s.message for s in skipped]
    for note in notes:
        click.echo(escape_control(str(resolve(note, app.lang))), err=True)
    return notes
