"""The township command line (click): parse, call the library, render.

Subcommands are imported only when they run (``LazyGroup``), so start-up
stays fast. Library errors become CLI errors in one place
(``TownshipGroup.invoke``), with the exit codes of SPEC 2: 2 bad input,
3 storage trouble.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from commands.context import AppContext
from commands.params import global_options

# name -> ("module:attribute", short help). The module is imported only when
# the command runs; ``township --help`` lists the short help from here, so it
# imports nothing but click.
SUBCOMMANDS = {
    "init": ("commands.init_cmd:init", "Create the data directory (and a demo data set)."),
    "calendar": ("commands.calendar_cmd:calendar", "Working days, due dates, official schedules."),
    "audit": ("commands.audit_cmd:audit", "The hash-chained audit log: show, verify, repair."),
    "inquiry": (
        "commands.inquiry_cmd:inquiry",
        "First-contact log (首问负责制, 一次性告知, 限时办结).",
    ),
    "case": ("commands.case_cmd:case", "Accountability investigations (行政问责制)."),
    "complaint": ("commands.complaint_cmd:complaint", "Efficiency complaints (效能投诉制)."),
    "petition": ("commands.petition_cmd:petition", "Petitions (信访)."),
    "denial": ("commands.denial_cmd:denial", "Denial filings (否定报备制)."),
    "dispute": (
        "commands.dispute_cmd:dispute",
        "Disputes and leader packages (矛盾纠纷, 领导包案).",
    ),
    "duty": ("commands.duty_cmd:duty", "Recurring duties (定期工作): list, done, show."),
    "overdue": ("commands.report_cmd:overdue", "The daily overdue report (逾期与临期事项)."),
    "stats": ("commands.report_cmd:stats", "On-time statistics for assessments (效能考核)."),
    "mail": ("commands.mail_cmd:mail", "Mail the daily report by SMTP (the morning mail)."),
    "export": ("commands.export_cmd:export", "Export records or the audit log for archiving."),
    "amend": ("commands.amend_cmd:amend", "Correct a field of a record, with a reason (更正)."),
    "rules": ("commands.rules_cmd:rules", "The rule book: every period and its clause (规则)."),
}


class CliError(click.ClickException):
    """A library error on its way to stderr, with its exit code."""

    def __init__(self, message: str, exit_code: int, lang: str) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.lang = lang

    def show(self, file: Any = None) -> None:
        prefix = "Error: " if self.lang == "en" else "错误："
        click.echo(prefix + self.format_message(), err=True)


class TownshipCommand(click.Command):
    """A leaf command: also accepts the global options after its name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(global_options(envvars=False))


class TownshipGroup(click.Group):
    """A group whose commands are ``TownshipCommand``s and load lazily."""

    command_class = TownshipCommand
    group_class = type  # subgroups are TownshipGroups too

    def __init__(
        self, *args: Any, lazy: dict[str, tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, attr = self.lazy[cmd_name][0].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List commands without importing the lazy ones (fast ``--help``)."""
        rows = []
        for name in self.list_commands(ctx):
            if name in self.lazy:
                rows.append((name, self.lazy[name][1]))
                continue
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        from township.errors import TownshipError

        try:
            return super().invoke(ctx)
        except TownshipError as exc:
            lang = ctx.obj.lang if isinstance(ctx.obj, AppContext) else "zh"
            raise CliError(exc.message_in(lang), exc.exit_code, lang) from exc


@click.group(
    cls=TownshipGroup,
    lazy=SUBCOMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    params=global_options(envvars=True),
)
@click.option(
    "--version",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=lambda ctx, _param, value: _print_version(ctx) if value else None,
    help="Show the version and exit.",
)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """township: records and deadlines of a township office (镇机关).

    Clerks log inquiries (首问负责制), accountability cases (行政问责制),
    complaints (效能投诉), petitions (信访) and denial filings (否定报备制);
    deadlines are counted in working days on the official holiday calendar.

    \b
    Example:
      township init --demo
      township calendar add 2025-09-26 10
    """
    ctx.ensure_object(AppContext)


def _print_version(ctx: click.Context) -> None:
    # Not click.version_option: it calls gettext when the module is imported,
    # which loads ``locale`` on every start.
    from township import __version__

    click.echo(f"township {__version__}")
    ctx.exit()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="township")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
