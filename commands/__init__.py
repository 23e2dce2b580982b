"""The township command line (click): parse, call the library, render.

Subcommands are imported only when they run (``LazyGroup``), so start-up
stays fast. Library errors become CLI errors in one place
(``TownshipGroup.invoke``), with the exit codes of 2 bad input,
3 storage trouble.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import click

from commands import locale
from commands.context import AppContext
from commands.params import global_options

# name -> ("module:attribute", short help). The module is imported only when
# the command runs; ``township --help`` lists the short help from here, and
# every other kind of the roster (``township.book.roster``) with its group
# derived from its declaration (``commands.steps.kind_group``): a kind is
# listed here only when its group is written by hand.
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
    "disclosure": ("commands.disclosure_cmd:disclosure", "Disclosure on request (依申请公开)."),
    "decision": ("commands.decision_cmd:decision", "Decision publicity (决策公开制度)."),
    "circular": ("commands.circular_cmd:circular", "Quarterly circulars (每季一通报)."),
    "assessment": ("commands.assessment_cmd:assessment", "Year-end assessment (年底总考核)."),
    "task": ("commands.task_cmd:task", "Assigned matters and requests (限时办结制 2)."),
    "supervision": ("commands.supervision_cmd:supervision", "Supervision notices (督办制度)."),
    "dibao": ("commands.dibao_cmd:dibao", "Minimum living allowance applications (低保)."),
    "absence": ("commands.absence_cmd:absence", "Absences and stand-ins (同岗替代制)."),
    "dispute": (
        "commands.dispute_cmd:dispute",
        "Disputes and leader packages (矛盾纠纷, 领导包案).",
    ),
    "duty": ("commands.duty_cmd:duty", "Recurring duties (定期工作): list, done, show."),
    "briefing": ("commands.briefing_cmd:briefing", "Information reports (信息报告制度)."),
    "overdue": ("commands.report_cmd:overdue", "The daily overdue report (逾期与临期事项)."),
    "stats": ("commands.report_cmd:stats", "On-time statistics for assessments (效能考核)."),
    "mail": ("commands.mail_cmd:mail", "Mail the daily report by SMTP (the morning mail)."),
    "export": ("commands.export_cmd:export", "Export records or the audit log for archiving."),
    "import": (
        "commands.import_cmd:import_ledger",
        "Import a ledger kept in a spreadsheet (台账).",
    ),
    "amend": ("commands.amend_cmd:amend", "Correct a field of a record, with a reason (更正)."),
    "search": ("commands.search_cmd:search", "Find records of every kind by text (查找)."),
    "rules": ("commands.rules_cmd:rules", "The rule book: every period and its clause (规则)."),
    "check": (
        "commands.check_cmd:check",
        "Look the installation over: rule book, township.toml, calendar, audit (系统检查).",
    ),
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


def command_path(ctx: click.Context) -> str:
    """The command's path below the root, as the help catalogues key it ('inquiry log')."""
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names))


_EXAMPLE = re.compile(r"\n?\x08?\n(Examples?):\n")


def split_help(text: str) -> tuple[str, str]:
    """A docstring's prose and its ``Example:`` block (kept in every language)."""
    match = _EXAMPLE.search(text)
    if match is None:
        return text, ""
    return text[: match.start()], text[match.end() :]


def interactive() -> bool:
    """Whether a person is at a terminal (prompts are never shown to cron or a pipe)."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


class _Localized:
    """Help in the run's language: prose and option help from ``commands/locale``.

    English is the source (docstrings, ``help=``); in Chinese, the command's
    entry in ``commands/locale/zh/<group>.py`` replaces the prose (the
    ``Example:`` block stays), and option help comes from the entry or from
    the shared table. Catalogue options list their values in both languages.
    """

    help: str | None
    params: list[click.Parameter]

    @contextlib.contextmanager
    def _localized(self, ctx: click.Context) -> Iterator[None]:
        from commands.params import CatalogueChoice

        lang = locale.current()
        path = command_path(ctx)
        saved = [(self, "help", self.help)]
        if self.help:
            prose, examples = split_help(inspect.cleandoc(self.help))
            if lang == "zh":
                prose = locale.unwrap(locale.entry(path).get("help", prose))
            heading = "示例：" if lang == "zh" else "Example:"
            self.help = prose + (f"\n\n\b\n{heading}\n{examples}" if examples else "")
        help_option = self.get_help_option(ctx)  # type: ignore[attr-defined]
        if help_option is not None:  # click caches it with the first run's language
            saved.append((help_option, "help", help_option.help))
            help_option.help = locale.gettext("Show this message and exit.")
        for param in self.params:
            if not isinstance(param, click.Option) or param.hidden:
                continue
            saved.append((param, "help", param.help))
            text = param.help
            if lang == "zh" and text:
                text = locale.option_help(path, param) or text
            if isinstance(param.type, CatalogueChoice):
                values = param.type.describe(lang)
                if lang == "zh":
                    text = f"{(text or '').rstrip('。')}。可选：{values}。"
                else:
                    text = f"{text or ''} Values: {values}.".strip()
            if lang == "zh":
                text = _zh_extras(param, text, saved)
            param.help = text
        try:
            yield
        finally:
            for obj, attr, value in saved:
                setattr(obj, attr, value)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with self._localized(ctx):
            super().format_help(ctx, formatter)  # type: ignore[misc]


def _zh_extras(param: click.Option, text: str | None, saved: list[tuple[Any, str, Any]]) -> str:
    """The option's help with click's ``  [默认：x]`` / ``  [必填]`` in Chinese brackets.

    Click appends them in ASCII brackets after two spaces; the Chinese help
    writes its own defaults as ``［默认：…］``, so the two read alike. The option's
    ``show_default`` and ``required`` are switched off for the rendering only
    (``saved`` restores them).
    """
    extras = []
    default = param.default
    if param.show_default is True and not param.is_flag and isinstance(default, (str, int, float)):
        extras.append(f"默认：{default}")
        saved.append((param, "show_default", param.show_default))
        param.show_default = False
    if param.required:
        extras.append("必填")
        saved.append((param, "required", param.required))
        param.required = False
    if not extras:
        return text or ""
    return f"{text or ''}［{'，'.join(extras)}］"


class TownshipCommand(_Localized, click.Command):
    """A leaf command: accepts the global options after its name, speaks the
    run's language, and, when it creates a record (``creates=True``), asks on
    a terminal for the required options that were not given.

    ``ask`` names further options to ask for (with their default), as
    ``{param name: flag that makes it unnecessary, or None}``.
    """

    def __init__(
        self,
        *args: Any,
        creates: bool = False,
        ask: Mapping[str, str | None] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.creates = creates
        self.ask = dict(ask or {})
        self.params.extend(global_options(envvars=False))

    def prompted(self, args: list[str]) -> list[click.Option]:
        """The options this run would ask for when they are missing."""
        found = []
        for param in self.params:
            if not isinstance(param, click.Option) or param.prompt is not None:
                continue
            if param.required or param.name in self.ask:
                unless = self.ask.get(param.name or "")
                if unless is None or unless not in args:
                    found.append(param)
        return found

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not (self.creates and interactive()):
            return super().parse_args(ctx, args)
        asked = self.prompted(args)
        path = command_path(ctx)
        for param in asked:
            param.prompt = locale.prompt_text(path, param)
        try:
            return super().parse_args(ctx, args)
        finally:
            for param in asked:
                param.prompt = None


def help_width(settings: Mapping[str, Any]) -> int:
    """The width click gives help on this terminal, found without importing ``shutil``.

    click asks ``shutil.get_terminal_size`` when no width is given, and
    ``shutil`` loads bz2 and lzma: milliseconds of every ``--help``. This is
    the same rule: ``COLUMNS``, else the terminal's, else 80; at most
    ``max_content_width``, less 2, at least 50.
    """
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    if columns <= 0:
        columns = 80
    return max(min(columns, settings.get("max_content_width") or 80) - 2, 50)


class TownshipGroup(_Localized, click.Group):
    """A group whose commands are ``TownshipCommand``s and load lazily.

    ``kinds``: the group also has a command group for every kind of the
    roster that ``lazy`` does not name, derived from its declaration (the
    root's).
    """

    command_class = TownshipCommand
    group_class = type  # subgroups are TownshipGroups too

    def __init__(
        self,
        *args: Any,
        lazy: dict[str, tuple[str, str]] | None = None,
        kinds: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})
        self.kinds = kinds
        self.help_only = False
        if not any(param.name == "lang" for param in self.params):
            # a subgroup: accepts the global options after its name too
            self.params.extend(global_options(envvars=False))

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        """Pick the language before click parses anything (``--help`` is eager)."""
        argv = list(sys.argv[1:] if args is None else args)
        locale.set_lang(locale.detect(argv, os.environ), scanned=True)
        extra.setdefault("terminal_width", help_width(self.context_settings))
        return super().main(argv, *rest, **extra)

    def derived(self) -> dict[str, Any]:
        """The kinds whose group is derived: roster lines (``township.book.roster.Kind``)."""
        if not self.kinds:
            return {}
        from township.book.roster import KINDS

        return {name: kind for name, kind in KINDS.items() if name not in self.lazy}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy, *self.derived()})

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        # Only the root answers ``township <group> --help`` from the listing.
        self.help_only = self.kinds and help_only(args[1:], self.params, ctx.help_option_names)
        try:
            return super().resolve_command(ctx, args)
        finally:
            self.help_only = False

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if self.help_only and cmd_name not in self.commands:
            listed = listed_group(self, cmd_name)
            if listed is not None:
                return listed
        return self.real_command(ctx, cmd_name)

    def real_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command itself (its module imported, or derived), never the listing's stand-in."""
        if cmd_name not in self.commands:
            if cmd_name in self.lazy:
                module, attr = self.lazy[cmd_name][0].split(":")
                self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
            elif cmd_name in self.derived():
                from commands.steps import kind_group

                self.add_command(kind_group(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def lazy_short(self, name: str, limit: int) -> str:
        """The English summary of a command not loaded yet."""
        return self.lazy[name][1]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List commands without importing the lazy ones (fast ``--help``)."""
        zh = locale.current() == "zh"
        path = command_path(ctx)
        derived = self.derived()
        rows = []
        for name in self.list_commands(ctx):
            if name in derived:
                rows.append((name, derived[name].short(locale.current())))
                continue
            short = locale.short_help(f"{path} {name}".strip()) if zh else None
            if name in self.lazy:
                limit = formatter.width - 6 - len(name)
                rows.append((name, short or self.lazy_short(name, limit)))
                continue
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                limit = formatter.width - 6 - len(name)
                rows.append((name, short or cmd.get_short_help_str(limit)))
        if rows:
            with formatter.section(locale.gettext("Commands")):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            # ``township.errors`` is not imported for a ``--help``: an error of
            # the library can only have been raised once it was.
            errors = sys.modules.get("township.errors")
            if errors is None or not isinstance(exc, errors.TownshipError):
                raise
            lang = ctx.obj.lang if isinstance(ctx.obj, AppContext) else locale.current()
            raise CliError(exc.message_in(lang), exc.exit_code, lang) from exc


def help_only(args: Sequence[str], params: Sequence[click.Parameter], helps: Sequence[str]) -> bool:
    """Whether a group given ``args`` only prints its help: a help flag before any word
    that is not an option (or an option's value)."""
    valued = {
        opt
        for param in params
        if isinstance(param, click.Option) and not (param.is_flag or param.count)
        for opt in param.opts
    }
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in helps:
            return True
        elif arg == "--" or not arg.startswith("-") or arg == "-":
            return False
        else:
            skip = "=" not in arg and arg in valued
    return False


class ListedGroup(TownshipGroup):
    """A top-level group's ``--help`` from ``commands/listing/``, its module not imported.

    ``tools/cli_listing.py`` writes the listing from the groups themselves
    (``tests/test_derived_groups.py`` fails when it is stale): the group's
    English help, its Chinese entry, and each command's row as the group
    itself shows it. It only prints help: asked for a command, it loads the
    group (``root.real_command``) and answers with the group's own.
    """

    def __init__(self, root: TownshipGroup, name: str, listing: Mapping[str, Any]) -> None:
        super().__init__(name, help=listing["help"])
        self.root = root
        self.listing = listing

    def real(self, ctx: click.Context) -> click.Group:
        group = self.root.real_command(ctx.parent or ctx, self.name or "")
        assert isinstance(group, click.Group)
        return group

    def list_commands(self, ctx: click.Context) -> list[str]:
        return self.real(ctx).list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self.real(ctx).get_command(ctx, cmd_name)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        path = command_path(ctx)
        added = path not in locale.DERIVED
        if added:  # the group's Chinese entry, as the group itself would find it
            locale.DERIVED[path] = self.listing["entry"]
        try:
            super().format_help(ctx, formatter)
        finally:
            if added:
                del locale.DERIVED[path]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        zh = locale.current() == "zh"
        rows = []
        for name, how, text, short_zh in self.listing["commands"]:
            if zh and short_zh:
                rows.append((name, short_zh))
            elif how == "help":
                limit = formatter.width - 6 - len(name)
                rows.append((name, click.Command(name, help=text).get_short_help_str(limit)))
            else:
                rows.append((name, text))
        if rows:
            with formatter.section(locale.gettext("Commands")):
                formatter.write_dl(rows)


def listed_group(root: TownshipGroup, name: str) -> ListedGroup | None:
    """The stand-in for ``township <name> --help``, when the listing has the group."""
    module_name = name.replace("-", "_")
    if not (module_name.isidentifier() and module_name.islower()):
        return None
    try:
        module = importlib.import_module(f"commands.listing.{module_name}")
    except ModuleNotFoundError:  # not a group, or one that prints its own help
        return None
    return ListedGroup(root, name, module.GROUP)


@click.group(
    cls=TownshipGroup,
    lazy=SUBCOMMANDS,
    kinds=True,
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

    Clerks keep the records of the regulations on the exercise of power
    (规范权力运行制度): inquiries, accountability cases, complaints, petitions,
    denial filings, matters from above and supervision notices, disputes,
    disclosure and decision publicity, 低保 applications, absences and the
    recurring duties; every period comes from the rule book (township rules)
    and is counted on the official holiday calendar.

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
