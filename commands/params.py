"""Parameter types and the options every command shares.

- ``DateType``: a ``YYYY-MM-DD`` date; a date of the right shape that does not
  exist is told why (November has 30 days, 2026 is not a leap year).
- ``CatalogueChoice``: a value of one of the regulations' catalogues (a status,
  a channel, a numbered 问责情形), given as its key, its Chinese or English label
  or its number; anything else is refused with the list of valid values.
- ``SharedOption``: an option many commands share; its Chinese help is found
  by its ``help_id`` (``commands/locale/zh/_common.py``), not by its English.
- ``EnvOption``: an option that names its environment variable, not the
  option, when a bad value came from the environment.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import click

from commands.context import AppContext

if TYPE_CHECKING:
    from township.i18n import Text

FORMATS = ("table", "plain", "github", "html", "csv", "tsv", "json")


def lang_of(ctx: click.Context | None) -> str:
    """The language chosen so far (``--lang`` is eager, so it is known early)."""
    while ctx is not None:
        if isinstance(ctx.obj, AppContext):
            return ctx.obj.lang
        ctx = ctx.parent
    from commands import locale

    return locale.current()


def _say(ctx: click.Context | None, zh: str, en: str) -> str:
    return en if lang_of(ctx) == "en" else zh


# -- dates -------------------------------------------------------------------------

_DATE_SHAPE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def date_problem(text: str) -> tuple[str, str] | None:
    """Why ``text`` is not a ``YYYY-MM-DD`` date, in (zh, en); None if it is one."""
    match = _DATE_SHAPE.match(text)
    if not match:
        return (
            f"「{text}」不是有效日期，请按 YYYY-MM-DD 书写，例如 2026-03-02。",
            f"'{text}' is not a valid date; write it as YYYY-MM-DD, e.g. 2026-03-02.",
        )
    year, month, day = (int(g) for g in match.groups())
    if year < 1:
        return (f"「{text}」的年份无效。", f"'{text}' has no valid year.")
    if not 1 <= month <= 12:
        return (
            f"「{text}」不是有效日期：月份应为 01 至 12。",
            f"'{text}' is not a valid date: the month must be 01 to 12.",
        )
    import calendar as _calendar

    last = _calendar.monthrange(year, month)[1]
    if 1 <= day <= last:
        return None
    if day < 1:
        return (
            f"「{text}」不是有效日期：日应从 01 起。",
            f"'{text}' is not a valid date: days start at 01.",
        )
    if month == 2 and day == 29:
        return (
            f"「{text}」不是有效日期：{year}年不是闰年，2月只有28天。",
            f"'{text}' is not a valid date: {year} is not a leap year, February has only 28 days.",
        )
    return (
        f"「{text}」不是有效日期：{month}月只有{last}天。",
        f"'{text}' is not a valid date: {_MONTHS_EN[month - 1]} has only {last} days.",
    )


class DateType(click.ParamType):
    """A ``YYYY-MM-DD`` date, with the error in the reader's language."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        problem = date_problem(text)
        if problem is None:
            return dt.date.fromisoformat(text)
        self.fail(_say(ctx, *problem), param, ctx)


DATE = DateType()


# -- catalogues --------------------------------------------------------------------

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


class CatalogueChoice(click.ParamType):
    """A value of a catalogue ``{key: Text(zh, en)}``, converted to its stored key.

    Accepts the key, the Chinese or English label (case and spaces ignored)
    and, for a numbered catalogue, the number (also ①..⑩ and '①label').
    ``--help`` lists the values (``describe``); a prompt lists them one a line.
    """

    name = "choice"

    def __init__(self, mapping: Mapping[Any, Text]) -> None:
        self.mapping = dict(mapping)
        self.numbered = all(isinstance(k, int) and not isinstance(k, bool) for k in self.mapping)

    def _lookup(self, text: str) -> Any:
        folded = "".join(text.split()).casefold()
        if not folded:
            return None
        for key, label in self.mapping.items():
            names = {str(key), label.zh, label.en}
            if self.numbered:
                circled = _CIRCLED[key - 1] if 1 <= key <= len(_CIRCLED) else str(key)
                names |= {circled, circled + label.zh, circled + label.en, f"{key}{label.zh}"}
            if folded in {"".join(n.split()).casefold() for n in names}:
                return key
        return None

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value in self.mapping and (self.numbered or isinstance(value, str)):
            return value
        key = self._lookup(str(value))
        if key is not None:
            return key
        self.fail(
            _say(
                ctx,
                f"「{value}」不在可选值之中；可选：{self.describe('zh')}。",
                f"'{value}' is not one of the valid values: {self.describe('en')}.",
            ),
            param,
            ctx,
        )

    def items(self, lang: str) -> list[tuple[str, str]]:
        """(value to type, label) for each entry, in catalogue order."""
        rows = []
        for key, label in self.mapping.items():
            text = label.get(lang)
            rows.append((str(key), "" if text == str(key) else text))
        return rows

    def describe(self, lang: str, sep: str | None = None) -> str:
        """The values as one line: ``visit 来访、phone 来电`` / ``visit, phone``."""
        if sep is None:
            sep = (", ", "、") if not self.numbered else ("; ", "；")
            sep = sep[0] if lang == "en" else sep[1]
        if lang == "en":
            return sep.join(f"{k} ({v})" if v else k for k, v in self.items(lang))
        return sep.join(f"{k} {v}".strip() for k, v in self.items(lang))

    def get_missing_message(self, param: click.Parameter, ctx: click.Context | None) -> str:
        """What a missing option of this catalogue may be, labels included."""
        if lang_of(ctx) == "en":
            return f"Choose from: {self.describe('en')}."
        return f"可选：{self.describe('zh')}。"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        keys = list(self.mapping)
        if self.numbered and keys == list(range(1, len(keys) + 1)):
            return f"1..{len(keys)}"
        return "[" + "|".join(str(k) for k in keys) + "]"

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[Any]:
        from click.shell_completion import CompletionItem

        lang = lang_of(ctx)
        return [
            CompletionItem(k, help=v or None)
            for k, v in self.items(lang)
            if k.startswith(incomplete)
        ]


# -- options -----------------------------------------------------------------------


class SharedOption(click.Option):
    """An option many commands share, with the stable id of its Chinese help.

    ``help_id`` keys ``commands/locale/zh/_common.py`` ``OPTIONS`` (default:
    the option's destination name), so rewording the English help never
    orphans the Chinese.
    """

    def __init__(self, *args: Any, help_id: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_id = help_id or self.name


class EnvOption(SharedOption):
    """An option read also from an environment variable; errors name their source."""

    def get_error_hint(self, ctx: click.Context | None) -> str:
        from click.core import ParameterSource

        if (
            ctx is not None
            and self.name
            and self.envvar
            and ctx.get_parameter_source(self.name) is ParameterSource.ENVIRONMENT
        ):
            return self.envvar if isinstance(self.envvar, str) else ", ".join(self.envvar)
        return super().get_error_hint(ctx)


def _obj(ctx: click.Context) -> AppContext:
    obj = ctx.find_object(AppContext)
    if obj is None:
        obj = ctx.ensure_object(AppContext)
    return obj


def _set(attr: str, convert: Callable[[Any], Any] = lambda v: v) -> Callable[..., None]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        if value is not None:
            setattr(_obj(ctx), attr, convert(value))

    return callback


def _set_lang(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    if value is not None:
        from commands import locale

        _obj(ctx).lang = value
        locale.set_lang(value)


def global_options(envvars: bool) -> list[click.Option]:
    """The global options.

    The root group reads them with their environment variables; every leaf
    command accepts them again (without env vars, so they only override).
    """

    def env(name: str) -> str | None:
        return name if envvars else None

    return [
        EnvOption(
            ["--lang"],
            help_id="lang",
            type=click.Choice(["zh", "en"]),
            envvar=env("TOWNSHIP_LANG"),
            is_eager=True,
            expose_value=False,
            callback=_set_lang,
            help="Language of labels and messages (zh|en). Env: TOWNSHIP_LANG.",
        ),
        EnvOption(
            ["--data-dir"],
            help_id="data-dir",
            type=click.Path(file_okay=False),
            envvar=env("TOWNSHIP_DATA_DIR"),
            expose_value=False,
            callback=_set("data_dir"),
            help="Where the JSON files live [default: ./data]. Env: TOWNSHIP_DATA_DIR.",
        ),
        EnvOption(
            ["--as", "actor"],
            help_id="as",
            metavar="NAME",
            envvar=env("TOWNSHIP_USER"),
            expose_value=False,
            callback=_set("actor"),
            help="Who is acting, for the audit log [default: login name]. Env: TOWNSHIP_USER.",
        ),
        EnvOption(
            ["--today"],
            help_id="today",
            type=DATE,
            envvar=env("TOWNSHIP_TODAY"),
            expose_value=False,
            callback=_set("today_arg"),
            help="The date treated as today [default: today in Asia/Shanghai]. "
            "Env: TOWNSHIP_TODAY.",
        ),
    ]


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--format``  to a command that prints records or results."""
    return click.option(
        "--format",
        "fmt",
        cls=SharedOption,
        help_id="format",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(func)
