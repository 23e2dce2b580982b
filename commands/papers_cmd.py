"""Printing the documents that had no form: ``inquiry intake-form``, ``inquiry
summary``, ``case report-form``, ``petition notice``, ``denial notice`` and
``dispute package-form``.

The documents are built by ``township.views.papers``; these commands read
the record (masked unless ``--reveal``, every reveal audited), build the
document and print it with ``commands.forms_cmd.emit_form`` (``--format
text|html|json``, ``--draft``). Each is registered lazily on its kind's
group, so this module is imported only when one of them runs.
"""

from __future__ import annotations

import click

from commands import TownshipCommand
from commands.common import pass_app
from commands.context import AppContext
from commands.forms_cmd import draft_option, emit_form, emit_record_form, form_format_option
from commands.records_view import env_of, reveal_option
from commands.records_view import record_id_argument as ID


@click.command("intake-form", cls=TownshipCommand)
@ID
@reveal_option(
    help="Print the visitor's name and contact unmasked where they are protected (audited)."
)
@form_format_option
@draft_option
@pass_app
def intake_form(app: AppContext, record_id: str, reveal: bool, fmt: str, draft: bool) -> None:
    """Print the 受理事项登记表 of a visit, for the visitor to complete (接访制度 (三)).

    What the visit record holds is filled in; the rest (ID number, sex,
    how many came) are blank lines for the visitor.

    \b
    Example:
      township inquiry intake-form INQ-2026-0002
      township inquiry intake-form INQ-2026-0002 --format html > 登记表.html
    """
    from township.views.papers import intake_form as build

    emit_record_form(
        app,
        "inquiry",
        record_id,
        lambda r: build(r, app.config, app.calendar),
        reveal=reveal,
        view="intake-form",
        fmt=fmt,
        draft=draft,
    )


@click.command("summary", cls=TownshipCommand)
@click.option("--month", metavar="YYYY-MM", help="The month to summarise.")
@click.option("--quarter", metavar="YYYYQn", help="The quarter to summarise.")
@form_format_option
@draft_option
@pass_app
def summary(app: AppContext, month: str | None, quarter: str | None, fmt: str, draft: bool) -> None:
    """Print the 来访情况归类 of a month or a quarter (接访制度 (七)).

    The visits logged in the period, counted by kind and by how they stand,
    with the petitions received and the disputes registered from a visit.
    Printed (not as a draft) once the period has ended, it records that
    period's visit-summary duty done (duty show visit-summary).

    \b
    Example:
      township inquiry summary --month 2026-02
      township inquiry summary --quarter 2025Q4 --format html > 来访归类.html
    """
    from township.book.registry import KINDS
    from township.views.papers import mark_summary_done, summary_period, visit_summary

    period = summary_period(month, quarter)
    years = sorted({period.first.year, period.last.year})
    store = app.store
    doc = visit_summary(
        store.iter_records(KINDS["inquiry"], years),
        store.iter_records(KINDS["petition"], years),
        store.iter_records(KINDS["dispute"], years),
        period,
        app.config,
        app.today,
    )
    emit_form(app, doc, fmt, draft=draft)
    if draft:
        return
    with store.transaction(app.user, f"inquiry summary {period.key}") as tx:
        done = mark_summary_done(tx, period, today=app.today, actor=app.user, env=env_of(app))
    if done is not None:
        from township.i18n import Text

        said = Text(
            "已登记定期工作 {duty} 期间 {period} 完成（{id}）。",
            "Recorded the duty {duty} done for {period} ({id}).",
        ).get(app.lang)
        click.echo(said.format(duty=period.duty, period=period.key, id=done["id"]), err=True)


@click.command("report-form", cls=TownshipCommand)
@ID
@form_format_option
@draft_option
@pass_app
def report_form(app: AppContext, record_id: str, fmt: str, draft: bool) -> None:
    """Print the 书面调查报告 of a reported case (行政问责制 8).

    The facts, conclusion and recommended methods of the report, the
    statement heard, the investigators and the investigation period.

    \b
    Example:
      township case report-form CASE-2026-0002
      township case report-form CASE-2026-0002 --format html > 调查报告.html
    """
    from township.book.registry import KINDS
    from township.kinds.case import aggravation_grounds
    from township.views.papers import case_report_form

    record = app.store.get(record_id, "case")
    grounds = aggravation_grounds(record, list(app.store.iter_records(KINDS["case"])))
    emit_form(app, case_report_form(record, app.config, app.calendar, grounds), fmt, draft=draft)


@click.command("notice", cls=TownshipCommand)
@ID
@click.option("--extension", is_flag=True, help="The latest extension's notice (延期办理告知书).")
@reveal_option(help="Print the petitioner's name unmasked (audited).")
@form_format_option
@draft_option
@pass_app
def petition_notice(
    app: AppContext, record_id: str, extension: bool, reveal: bool, fmt: str, draft: bool
) -> None:
    """Print the written notice to the petitioner (机关效能建设制度·限时办结制 5).

    信访受理告知书 for an accepted petition, 不予受理告知书 with the reason for a
    declined one; with --extension, the 延期办理告知书 of the latest extension
    (its reason, days and new due date). Issued by the township government.

    \b
    Example:
      township petition notice PET-2026-0002
      township petition notice PET-2026-0002 --reveal --format html > 受理告知书.html
    """
    from township.views.papers import petition_notice as build

    emit_record_form(
        app,
        "petition",
        record_id,
        lambda r: build(r, app.config, app.calendar, extension=extension),
        reveal=reveal,
        view="notice",
        fmt=fmt,
        draft=draft,
    )


@click.command("notice", cls=TownshipCommand)
@ID
@reveal_option(help="Print the applicant's name unmasked (audited).")
@form_format_option
@draft_option
@pass_app
def denial_notice(app: AppContext, record_id: str, reveal: bool, fmt: str, draft: bool) -> None:
    """Print the written notice of a denial to the applicant (否定报备制 5).

    The denial, its reason and basis, the leader's opinion where one was
    needed, and how to get the materials back. Issued by the township
    government.

    \b
    Example:
      township denial notice DEN-2026-0002
      township denial notice DEN-2026-0002 --format html > 告知书.html
    """
    from township.views.papers import denial_notice as build

    emit_record_form(
        app,
        "denial",
        record_id,
        lambda r: build(r, app.config, app.calendar, app.today),
        reveal=reveal,
        view="notice",
        fmt=fmt,
        draft=draft,
    )


@click.command("package-form", cls=TownshipCommand)
@ID
@reveal_option(help="Print the parties' names and contact unmasked (audited).")
@form_format_option
@draft_option
@pass_app
def package_form(app: AppContext, record_id: str, reveal: bool, fmt: str, draft: bool) -> None:
    """Print the 领导包案“五个一”表 of a dispute packaged to a leader (领导包案化解制度).

    The dispute, the leader, the head's approval and the mediation period
    are filled in; the working team and the plan are left for the leader.

    \b
    Example:
      township dispute package-form DSP-2026-0004
      township dispute package-form DSP-2026-0004 --format html > 包案表.html
    """
    from township.views.papers import package_form as build

    emit_record_form(
        app,
        "dispute",
        record_id,
        lambda r: build(r, app.config, app.calendar),
        reveal=reveal,
        view="package-form",
        fmt=fmt,
        draft=draft,
    )
