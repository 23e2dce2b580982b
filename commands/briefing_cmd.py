"""``township briefing``: 信息报告 — reports sent up and instructions passed on.

The steps are derived from the declaration (township/kinds/briefing.py);
``register`` prints the 收发登记 of the classified ones.
"""

from __future__ import annotations

import click

from commands import TownshipCommand
from commands.common import pass_app
from commands.context import AppContext
from commands.forms_cmd import draft_option
from commands.steps import kind_group

briefing = kind_group(
    "briefing",
    """Information reports (信息报告制度): written reports up, instructions passed on.

    A classified report names its secrecy officer (--handler) and its
    subject is masked everywhere unless --reveal is given (audited).

    \b
    Example:
      township briefing file --subject "节前矛盾纠纷排查情况" --category 5 --to 镇党委书记
      township briefing register
    """,
)


@briefing.command("register", cls=TownshipCommand)
@click.option(
    "--year", type=int, default=None, metavar="YYYY", help="The year [default: this year]."
)
@click.option("--reveal", is_flag=True, help="Print the classified subjects (audited).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "html", "json")),
    default="text",
    show_default=True,
    help="text; html: an A4 page to print from a browser; json: the form's data and text.",
)
@draft_option
@pass_app
def register(app: AppContext, year: int | None, reveal: bool, fmt: str, draft: bool) -> None:
    """Print the register (收发登记) of the year's classified reports and instructions.

    \b
    Example:
      township briefing register
      township briefing register --year 2026 --format html > 收发登记.html
    """
    from commands.forms_cmd import emit_form, refuse_unless_draft
    from township.book.registry import KINDS
    from township.kinds.briefing import register as chosen
    from township.views.privacy import audit_reveals, masked
    from township.views.registers import briefing_register

    year = year or app.today.year
    records = chosen(list(app.store.iter_records(KINDS["briefing"])), year)
    # Validate, then write: refused for a template value before a reveal is audited.
    hidden = [masked(r, False, "briefing") for r in records]
    refuse_unless_draft(app, briefing_register(hidden, year, app.config, app.today), draft=draft)
    if reveal and records:
        with app.store.transaction(app.user, "briefing register --reveal") as tx:
            audit_reveals(tx, records, "briefing", view="register")
    shown = [masked(r, reveal, "briefing") for r in records]
    emit_form(app, briefing_register(shown, year, app.config, app.today), fmt, draft=draft)
