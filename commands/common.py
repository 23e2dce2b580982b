"""Small helpers shared by the command modules."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

from commands.context import AppContext

if TYPE_CHECKING:
    from commands.render import View


def pass_app(func: Callable[..., Any]) -> Callable[..., Any]:
    """Pass the ``AppContext`` first; when the command is done, name the odd records it met.

    Every command reads through the store, which leaves odd records out
    (``township.storage.records``) and keeps them; one the command did not
    name itself (``warn_skipped``) is named on stderr when it ends, so that no
    record is ever left out silently.
    """

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        app = ctx.ensure_object(AppContext)
        result = ctx.invoke(func, app, *args, **kwargs)
        warn_odd(app)
        return result

    return run


def odd_records(app: AppContext) -> list[Any]:
    """The odd records the command's store met and nobody named yet (marked named)."""
    store = app.__dict__.get("store")  # never opens the store just to ask
    if store is None:
        return []
    named = app.__dict__.setdefault("_odd_named", set())
    found = [odd for key, odd in store.odd.items() if key not in named]
    named.update(store.odd)
    return found


def warn_odd(app: AppContext) -> list[Any]:
    """Print on stderr the odd records not named yet; return their warnings."""
    from township.i18n import resolve

    notes = [odd.message for odd in odd_records(app)]
    for note in notes:
        click.echo(resolve(note, app.lang), err=True)
    return notes


def emit(app: AppContext, view: View, fmt: str = "table") -> None:
    """Print ``view`` in ``fmt`` and the reader's language."""
    from commands.render import render  # not imported for a --help

    click.echo(render(view, fmt, app.lang), nl=False)


def emit_sections(app: AppContext, views: Sequence[View], fmt: str, **frame: Any) -> None:
    """Print several views as one output (``render_sections``: title, notes, data...)."""
    from commands.render import render_sections

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

    ``skipped``: ``township.errors.Skipped`` items a report or list left out;
    the odd records the store left out so far come first (file, position,
    id). The notes go at the end of a table/plain/github/html output, so
    that the warning is in the output too (one odd record never stops a
    report).
    """
    from township.i18n import resolve
    from township.text import escape_control

    notes = [odd.message for odd in odd_records(app)] + [s.message for s in skipped]
    for note in notes:
        click.echo(escape_control(str(resolve(note, app.lang))), err=True)
    return notes
