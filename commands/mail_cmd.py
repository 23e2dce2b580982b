"""``township mail``: the daily report sent by SMTP .

The report is the one ``township overdue`` prints, as one MIME message
with a plain-text and an HTML part; with ``--per-dept`` every office of
``[mail.departments]`` also gets its own items. Success prints nothing (cron
mails whatever a job prints); a report that cannot be produced still sends a
short error mail to ``[mail] to`` and exits 3 with the reason on stderr, so
that a broken data directory never looks like a quiet day.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

from commands import TownshipCommand
from commands.common import pass_app, warn, warn_skipped
from commands.context import AppContext
from commands.params import CALENDAR_DATE
from commands.report_cmd import rest_day, workdays_only_option

if TYPE_CHECKING:
    from email.message import EmailMessage

    from township.config import MailSettings
    from township.views.report import ReportItem


def _now() -> dt.datetime:
    import pendulum

    now = pendulum.now("Asia/Shanghai")
    return dt.datetime.fromtimestamp(now.timestamp(), tz=dt.timezone(dt.timedelta(hours=8)))


def _subject(title: str, overdue: int, lang: str) -> str:
    return f"{title}: {overdue} overdue" if lang == "en" else f"{title}：逾期 {overdue} 项"


def _message(
    app: AppContext,
    settings: MailSettings,
    to: list[str] | tuple[str, ...],
    items: list[ReportItem],
    as_of: dt.date,
    notes: list,
    group: str | None = None,
) -> EmailMessage:
    from commands.render import render
    from commands.report_cmd import _report_view
    from township.views.mail import compose
    from township.views.report import summarize

    # Each part ends with the audit head, once (the view's footer); the plain
    # part is the terminal's table (120 columns, no clause), the HTML part
    # the whole report with the clauses.
    view = _report_view(app, items, as_of, notes, group=group, fmt="table")
    title = view.title.get(app.lang) if view.title is not None else ""
    return compose(
        sender=settings.sender,
        to=list(to),
        subject=_subject(title, summarize(items).overdue, app.lang),
        text=render(view, "table", app.lang),
        html=render(
            _report_view(app, items, as_of, notes, group=group, fmt="html"), "html", app.lang
        ),
        date=_now(),
    )


def _error_message(
    app: AppContext, settings: MailSettings, as_of: dt.date, reason: str
) -> EmailMessage:
    from html import escape

    from township.views.mail import compose
    from township.views.report import report_title

    title = report_title(app.config.name, as_of).get(app.lang)
    if app.lang == "en":
        subject = f"{title}: the report could not be produced"
        text = (
            f"The daily report of {as_of.isoformat()} could not be produced:\n{reason}\n"
            "Nothing below means that nothing is overdue. Fix the data directory and run "
            "township mail again.\n"
        )
    else:
        subject = f"{title}：报告未能生成"
        text = (
            f"{as_of.isoformat()} 的逾期与临期事项报告未能生成：\n{reason}\n"
            "这不表示没有逾期事项。请检查数据目录后重新运行 township mail。\n"
        )
    html = f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body><pre>{escape(text)}</pre></body></html>\n'
    return compose(
        sender=settings.sender,
        to=list(settings.to),
        subject=subject,
        text=text,
        html=html,
        date=_now(),
    )


def _deliver(settings: MailSettings, messages: list[EmailMessage], dry_run: bool) -> None:
    from township.views.mail import mbox, send

    if dry_run:
        click.echo(mbox(messages), nl=False)
        return
    send(settings, messages)


def _office_messages(
    app: AppContext, settings: MailSettings, items: list[ReportItem], as_of: dt.date
) -> list[EmailMessage]:
    """One message per office of [mail.departments] with only its own items.

    An office with items but no address is named on stderr (cron mails that to
    MAILTO); its items are still in the whole report.
    """
    from township.views.report import group_items

    messages = []
    for dept, members in group_items(items, "dept"):
        address = settings.departments.get(dept or "")
        if address is None:
            name = dept or "（未指定）"
            warn(
                app,
                f"{name} 在 [mail.departments] 中没有地址；其事项只在发往 to 的完整报告中。",
                f"{dept or '(unassigned)'} has no address in [mail.departments]; its items "
                "are only in the whole report sent to [mail] to.",
            )
            continue
        messages.append(_message(app, settings, [address], members, as_of, [], group=dept))
    return messages


@click.command(cls=TownshipCommand)
@click.option(
    "--as-of", "as_of", type=CALENDAR_DATE, help="The day of the report [default: today]."
)
@click.option(
    "--per-dept",
    is_flag=True,
    help="Also mail each office of [mail.departments] only its own items.",
)
@click.option("--always", is_flag=True, help="Mail the report even when nothing is due.")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Write the message(s) to stdout instead of sending (for sendmail -t).",
)
@workdays_only_option
@pass_app
def mail(
    app: AppContext,
    as_of: dt.date | None,
    per_dept: bool,
    always: bool,
    dry_run: bool,
    workdays_only: bool,
) -> None:
    """Mail the daily report (逾期与临期事项) by SMTP, as [mail] in township.toml says.

    One message with a plain-text and an HTML part goes to [mail] to; with
    --per-dept each office of [mail.departments] also gets its own items.
    Nothing is sent when nothing is due, unless --always. If the report
    cannot be produced (a damaged data file), a short error mail says so
    and the command exits 3. With --workdays-only nothing at all happens
    on a rest day (for one cron line that runs every day).

    \b
    Example:
      township mail                                # 把每日报告发给 [mail] 的 to
      township mail --per-dept --as-of 2026-03-02  # 各办另收本办的事项
      township mail --dry-run | /usr/sbin/sendmail -t   # 只生成邮件，交给 sendmail
      township mail --workdays-only --per-dept     # 定时任务每天运行，休息日不发
    """
    from township.config import load_mail

    if workdays_only and rest_day(app, as_of):
        return
    settings = load_mail(app.data_dir)
    as_of = as_of or app.today
    built = _report_or_error_mail(app, settings, as_of, per_dept, always, dry_run)
    if built:
        _deliver(settings, built, dry_run)


def _report_or_error_mail(
    app: AppContext,
    settings: MailSettings,
    as_of: dt.date,
    per_dept: bool,
    always: bool,
    dry_run: bool,
) -> list[EmailMessage]:
    """The report's messages (none when nothing is due, unless ``always``).

    Odd records are left out of the report and named in it (and on
    stderr), and a record whose deadlines cannot be read is skipped and
    named: neither stops the mail. When the report cannot be built at all
    (a damaged file, anything else), the error mail goes out first and the
    error is raised on (exit 3, stderr for MAILTO).
    """
    from township.errors import RECORD_ERRORS, Skipped, StorageError, TownshipError
    from township.i18n import Text
    from township.views.daily import daily_items, report_notes

    skipped: list[Skipped] = []
    try:
        items = daily_items(
            app.store,
            app.calendar,
            as_of,
            due_within=app.config.due_within,
            serious_after=app.config.serious_after,
            today=app.today,
            skipped=skipped,
            config=app.config,
        )
        # Who is away is read before the warnings, so that an odd absence is named too.
        after = report_notes(app.store, app.calendar, as_of)
        warnings = warn_skipped(app, skipped)
        if not items and not warnings and not always:
            return []
        messages = [_message(app, settings, settings.to, items, as_of, warnings + after)]
        if per_dept:
            messages += _office_messages(app, settings, items, as_of)
        return messages
    except (TownshipError, *RECORD_ERRORS) as exc:
        if isinstance(exc, TownshipError):
            error: TownshipError = exc
        else:
            detail = f"{type(exc).__name__}: {exc}"
            error = StorageError(
                Text(
                    "每日报告未能生成（{detail}）；请运行 township audit verify 检查数据目录。",
                    "The daily report could not be built ({detail}); run township audit "
                    "verify to check the data directory.",
                ),
                detail=detail,
            )
        _deliver(
            settings, [_error_message(app, settings, as_of, error.message_in(app.lang))], dry_run
        )
        if error is exc:
            raise
        raise error from exc
