"""``township inquiry``: the first-contact log (首问负责制), one-time notices
(一次性告知制) and service deadlines (服务承诺制, 限时办结制).

The steps' commands are derived from the kind's declaration
(``township.kinds.inquiry.SPEC``, ``commands.steps``); the printed documents
(``notice``, ``receipt``) are not steps and are written here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from commands import TownshipGroup
from commands.common import pass_app
from commands.context import AppContext
from commands.forms_cmd import draft_option, emit_record_form, form_format_option
from commands.kind_cmd import ListOption, add_list_show
from commands.params import CatalogueChoice
from commands.records_view import record_id_argument as ID
from commands.records_view import reveal_option
from commands.steps import add_steps
from township.kinds import inquiry as inq
from township.steps.machine import Record

if TYPE_CHECKING:
    from township.views.forms import Document

REVEAL_HELP = "Show the name and contact of a complaint or report unmasked (audited)."
REVEAL = reveal_option(help=REVEAL_HELP)


@click.group(cls=TownshipGroup)
def inquiry() -> None:
    """First-contact log (首问负责制), one-time notices (一次性告知) and service deadlines.

    \b
    Example:
      township inquiry log --name 张三 --matter 低保咨询
      township inquiry list --status open
    """


def _print(
    app: AppContext,
    record_id: str,
    build: Callable[[Record], Document],
    reveal: bool,
    fmt: str,
    draft: bool,
    view: str,
) -> None:
    """Print a form of the inquiry, refused before a reveal is audited (``emit_record_form``)."""
    emit_record_form(
        app,
        inq.KIND,
        record_id,
        build,
        reveal=reveal,
        view=view,
        fmt=fmt,
        draft=draft,
        command=f"inquiry {view}",
    )


@inquiry.command("notice")
@ID
@click.option(
    "--number", type=click.IntRange(1), help="Which notice (1 = the first) [default: the latest]."
)
@REVEAL
@form_format_option
@draft_option
@pass_app
def notice(
    app: AppContext, record_id: str, number: int | None, reveal: bool, fmt: str, draft: bool
) -> None:
    """Print the written one-time notice (一次性告知书), in two copies.

    \b
    Example:
      township inquiry notice INQ-2026-0003 > 告知书.txt
      township inquiry notice INQ-2026-0003 --format html > 告知书.html
    """
    from township.views.forms import inquiry_notice

    _print(
        app,
        record_id,
        lambda r: inquiry_notice(r, app.config, number),
        reveal,
        fmt,
        draft,
        "notice",
    )


@inquiry.command("receipt")
@ID
@REVEAL
@form_format_option
@draft_option
@pass_app
def receipt(app: AppContext, record_id: str, reveal: bool, fmt: str, draft: bool) -> None:
    """Print the 收件回执: materials received, pages, due date and handler.

    \b
    Example:
      township inquiry receipt INQ-2026-0003
      township inquiry receipt INQ-2026-0003 --format html > 回执.html
    """
    from township.views.forms import inquiry_receipt

    _print(
        app,
        record_id,
        lambda r: inquiry_receipt(r, app.config, app.calendar, app.today),
        reveal,
        fmt,
        draft,
        "receipt",
    )


inquiry.lazy["intake-form"] = ("commands.papers_cmd:intake_form", "Print the 受理事项登记表.")
inquiry.lazy["summary"] = ("commands.papers_cmd:summary", "Print the 来访情况归类.")
add_steps(inquiry, inq.KIND)
add_list_show(
    inquiry,
    inq.KIND,
    personal=True,
    reveal_help=REVEAL_HELP,
    options=(
        ListOption(
            "channel",
            click.option(
                "--channel", type=CatalogueChoice(inq.CHANNELS), help="Only this channel."
            ),
            lambda r, v: r.get("channel") == v,
        ),
        ListOption(
            "type_",
            click.option(
                "--type", "type_", type=CatalogueChoice(inq.TYPES), help="Only this type."
            ),
            lambda r, v: r.get("type") == v,
        ),
    ),
)
