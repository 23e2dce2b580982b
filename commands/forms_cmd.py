"""Printing forms : ``case decision-notice`` and ``denial form``, and the
``--format text|html|json`` output that every form command shares (the
inquiry notice and receipt use it too).

The forms are built by ``township.views.forms``; these commands read the record
(masked unless ``--reveal``, every reveal audited) and print the form.
The commands are registered on their kind's group (``case``, ``denial``)
lazily, so this module is imported only when a form is printed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from commands import TownshipCommand
from commands.common import pass_app
from commands.context import AppContext
from commands.params import SharedOption
from commands.records_view import read_record, reveal_option
from commands.records_view import record_id_argument as ID

if TYPE_CHECKING:
    from township.views.forms import Document

Record = dict[str, Any]

FORM_FORMATS = ("text", "html", "json")


def form_format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--format text|html|json`` of a printed form."""
    return click.option(
        "--format",
        "fmt",
        cls=SharedOption,
        help_id="form-format",
        type=click.Choice(FORM_FORMATS),
        default="text",
        show_default=True,
        help="text; html: an A4 page to print from a browser; json: the form's data and text.",
    )(func)


def _json(doc: Document, lang: str) -> str:
    from commands.render import to_json

    return to_json(doc.as_json(lang))


def _form(fmt: str) -> Callable[[Document, str], str]:
    from township.views.forms import RENDERERS

    return {**RENDERERS, "json": _json}[fmt]


def draft_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--draft``: print 样稿 across the page and assign no document number."""
    return click.option(
        "--draft",
        is_flag=True,
        cls=SharedOption,
        help_id="form-draft",
        help="Print a draft (样稿): no document number is assigned.",
    )(func)


def emit_form(app: AppContext, doc: Document, fmt: str, *, draft: bool = False) -> None:
    """Print ``doc`` as ``fmt`` (text, html or json) in the reader's language.

    ``township.views.issuing.issue`` fills in the issuing body's name and the
    mark, refuses a template value the document prints (exit 2, naming the
    key) unless ``draft``, and assigns a numbered document its number the
    first time it is printed in final form (stored and audited: printing is
    then a write). ``draft``: the document is a 样稿 (no number assigned).
    """
    from township.views.issuing import issue

    ctx = click.get_current_context(silent=True)
    command = ctx.command_path.partition(" ")[2] if ctx is not None else doc.form
    out = issue(
        app.store,
        doc,
        app.config,
        today=app.today,
        actor=app.user,
        command=command,
        draft=draft,
        render=lambda d: _form(fmt)(d, app.lang),
    )
    click.echo(out, nl=False)


def refuse_unless_draft(app: AppContext, doc: Document, *, draft: bool) -> None:
    """Refuse ``doc`` (exit 2) for a template value it prints, unless ``draft``; writes nothing."""
    from township.views.issuing import refuse_unless_draft as refuse

    refuse(doc, app.config, app.store.data_dir, draft=draft)


def emit_record_form(
    app: AppContext,
    kind: str,
    record_id: str,
    build: Callable[[Record], Document],
    *,
    reveal: bool,
    view: str,
    fmt: str,
    draft: bool,
    command: str | None = None,
) -> None:
    """Print the document ``build`` makes of a record, masked, or with ``reveal`` unmasked.

    Validate, then write: the document is first built from the masked
    record and checked as ``emit_form`` will check it, so that a record not
    ready for it (``StepOutOfOrder``) or a template value (``BadInput``) is
    refused before a reveal (``command``, default ``KIND VIEW --reveal``) is
    written to the audit log.
    """
    doc = build(read_record(app, kind, record_id))
    refuse_unless_draft(app, doc, draft=draft)
    if reveal:
        doc = build(read_record(app, kind, record_id, reveal=True, view=view, command=command))
    emit_form(app, doc, fmt, draft=draft)


@click.command("decision-notice", cls=TownshipCommand)
@ID
@form_format_option
@draft_option
@pass_app
def decision_notice(app: AppContext, record_id: str, fmt: str, draft: bool) -> None:
    """Print the 问责决定书 of a decided case (行政问责制 9).

    Issued by the party committee of township.toml [documents], addressed
    to the subject: the facts and conclusion of the report, the methods
    decided and the appeal window in force, under the seal's place. Its
    number (case-decision) is assigned when it is first printed without
    --draft, and kept.

    \b
    Example:
      township case decision-notice CASE-2026-0003
      township case decision-notice CASE-2026-0003 --format html > 决定书.html
    """
    from township.book.registry import KINDS
    from township.kinds.case import aggravation_grounds
    from township.views.forms import case_decision_notice

    record = app.store.get(record_id, "case")
    grounds = aggravation_grounds(record, list(app.store.iter_records(KINDS["case"])))
    emit_form(app, case_decision_notice(record, app.config, grounds), fmt, draft=draft)


@click.command("form", cls=TownshipCommand)
@ID
@reveal_option(help="Print the applicant's name and contact unmasked (audited).")
@form_format_option
@draft_option
@pass_app
def denial_form(app: AppContext, record_id: str, reveal: bool, fmt: str, draft: bool) -> None:
    """Print the 否定报备登记表 of a denial filing (否定报备制 4).

    \b
    Example:
      township denial form DEN-2026-0001
      township denial form DEN-2026-0001 --reveal --format html > 登记表.html
    """
    from township.views.forms import denial_form as build

    emit_record_form(
        app,
        "denial",
        record_id,
        lambda r: build(r, app.config, app.calendar),
        reveal=reveal,
        view="form",
        fmt=fmt,
        draft=draft,
    )
