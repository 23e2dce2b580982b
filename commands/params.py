"""Parameter types and the options every command shares.

- ``DateType``: a ``YYYY-MM-DD`` date; a date of the right shape that does not
  exist is told why (November has 30 days, 2026 is not a leap year).
  ``CALENDAR_DATE`` (``--today``, ``--as-of``) is also within the years the
  working-day calendar covers.
- ``NumberType``: a whole number (``INTEGER``) or an amount (``AMOUNT``), with
  optional bounds; finite, in ASCII digits once read.
- ``TextType`` (``TEXT``): text that must show something: empty, blank or
  invisible-only values are refused, what surrounds the text is stripped.

Dates, numbers and ids typed on a Chinese keyboard are normal input: their
full-width digits and punctuation (``２０２６－０３－１０``) are read as ASCII
(Unicode NFKC, ``township.text.ascii_form``). Every message shows the value
typed with its control characters escaped.
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

_DATE_SHAPE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
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
    """Why ``text`` is not a ``YYYY-MM-DD`` date, in (zh, en); None if it is one.

    ``text`` is read as its ASCII form (full-width digits typed on a Chinese
    keyboard are digits); the messages show it as typed, controls escaped.
    """
    from township.text import ascii_form, escape_control

    match = _DATE_SHAPE.match(ascii_form(text))
    shown = escape_control(text.strip())
    if not match:
        return (
            f"「{shown}」不是有效日期，请按 YYYY-MM-DD 书写，例如 2026-03-02。",
            f"'{shown}' is not a valid date; write it as YYYY-MM-DD, e.g. 2026-03-02.",
        )
    year, month, day = (int(g) for g in match.groups())
    if year < 1:
        return (f"「{shown}」的年份无效。", f"'{shown}' has no valid year.")
    if not 1 <= month <= 12:
        return (
            f"「{shown}」不是有效日期：月份应为 01 至 12。",
            f"'{shown}' is not a valid date: the month must be 01 to 12.",
        )
    import calendar as _calendar

    last = _calendar.monthrange(year, month)[1]
    if 1 <= day <= last:
        return None
    if day < 1:
        return (
            f"「{shown}」不是有效日期：日应从 01 起。",
            f"'{shown}' is not a valid date: days start at 01.",
        )
    if month == 2 and day == 29:
        return (
            f"「{shown}」不是有效日期：{year}年不是闰年，2月只有28天。",
            f"'{shown}' is not a valid date: {year} is not a leap year, February has only 28 days.",
        )
    return (
        f"「{shown}」不是有效日期：{month}月只有{last}天。",
        f"'{shown}' is not a valid date: {_MONTHS_EN[month - 1]} has only {last} days.",
    )


class DateType(click.ParamType):
    """A ``YYYY-MM-DD`` date, with the error in the reader's language.

    ``within_calendar``: the day a command treats as today or reports on
    (``--today``, ``--as-of``) must be one the working-day calendar counts
    (its years); a deadline cannot be counted from any other.
    """

    name = "YYYY-MM-DD"

    def __init__(self, within_calendar: bool = False) -> None:
        self.within_calendar = within_calendar

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        day = value if isinstance(value, dt.date) else parse_date(str(value), ctx, param, self)
        if self.within_calendar:
            from township.calendar import FIRST_YEAR, LAST_YEAR

            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                self.fail(
                    _say(
                        ctx,
                        f"日期 {day.isoformat()} 超出工作日历支持的范围（{FIRST_YEAR}-{LAST_YEAR} 年）。",
                        f"The date {day.isoformat()} is outside the years the calendar covers "
                        f"({FIRST_YEAR}-{LAST_YEAR}).",
                    ),
                    param,
                    ctx,
                )
        return day


def parse_date(
    value: str,
    ctx: click.Context | None = None,
    param: click.Parameter | None = None,
    kind: click.ParamType | None = None,
) -> dt.date:
    """``value`` as a date (full-width digits read as digits), or a usage error (exit 2).

    For the date arguments a command parses itself.
    """
    from township.text import ascii_form

    problem = date_problem(value)
    if problem is None:
        return dt.date.fromisoformat(ascii_form(value))
    (kind or DATE).fail(_say(ctx, *problem), param, ctx)


DATE = DateType()
# --today and --as-of: a day the working-day calendar counts.
CALENDAR_DATE = DateType(within_calendar=True)


# -- numbers -----------------------------------------------------------------------

_WHOLE = re.compile(r"^[+-]?[0-9]+$")
_AMOUNT = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
# More digits than any count or amount of the regulations has; also keeps
# Python's int() away from its limit on huge digit strings.
_MAX_DIGITS = 30


class NumberType(click.ParamType):
    """A whole number (``whole``) or an amount of yuan, within ``low``..``high``.

    Typed on any keyboard: the value is read as its ASCII form (``１５``,
    ``－３``), then must be plain ASCII digits (a sign, for an amount one
    decimal point): no exponent, no ``nan`` or ``inf``, no ``_``. A value
    outside the bounds is refused naming them (and ``label``, what the number
    is, when given: 调处期限应在 1 至 365 之间).
    """

    def __init__(
        self,
        *,
        whole: bool = True,
        low: float | None = None,
        high: float | None = None,
        label: Text | None = None,
    ) -> None:
        self.whole = whole
        self.low = low
        self.high = high
        self.label = label
        self.name = "integer" if whole else "amount"

    def _bounds(self) -> str:
        low = "" if self.low is None else _number(self.low)
        high = "" if self.high is None else _number(self.high)
        if self.low is not None and self.high is not None:
            return f"{low}..{high}"
        return f"≥ {low}" if self.low is not None else f"≤ {high}"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from township.text import ascii_form, escape_control

        if isinstance(value, bool):
            value = str(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            number: int | float = value
        else:
            text = ascii_form(str(value))
            shape = _WHOLE if self.whole else _AMOUNT
            if shape.match(text) and sum(ch.isdigit() for ch in text) > _MAX_DIGITS:
                self.fail(
                    _say(
                        ctx,
                        f"数字位数过多（最多 {_MAX_DIGITS} 位）。",
                        f"The number has too many digits (at most {_MAX_DIGITS}).",
                    ),
                    param,
                    ctx,
                )
            if not shape.match(text):
                shown = escape_control(str(value).strip())
                if self.whole:
                    self.fail(
                        _say(
                            ctx,
                            f"「{shown}」不是有效的数字：应为整数，请写阿拉伯数字，例如 5。",
                            f"'{shown}' is not a valid number: write a whole number in digits, e.g. 5.",
                        ),
                        param,
                        ctx,
                    )
                self.fail(
                    _say(
                        ctx,
                        f"「{shown}」不是有效的数字：请用阿拉伯数字写金额，例如 1200 或 1200.50。",
                        f"'{shown}' is not a valid number: write the amount in digits, e.g. 1200 or 1200.50.",
                    ),
                    param,
                    ctx,
                )
            number = int(text) if self.whole else float(text)
        if self.whole and isinstance(number, float):
            if not number.is_integer():
                self.fail(
                    _say(ctx, f"「{number}」不是整数。", f"'{number}' is not a whole number."),
                    param,
                    ctx,
                )
            number = int(number)
        low_ok = self.low is None or number >= self.low
        high_ok = self.high is None or number <= self.high
        if not (low_ok and high_ok) or number != number:  # a nan default
            if self.label is not None:
                low = "−∞" if self.low is None else _number(self.low)
                high = "∞" if self.high is None else _number(self.high)
                self.fail(
                    _say(
                        ctx,
                        f"{self.label.zh}应在 {low} 至 {high} 之间（收到 {_number(number)}）。",
                        f"{self.label.en} must be between {low} and {high} "
                        f"(got {_number(number)}).",
                    ),
                    param,
                    ctx,
                )
            self.fail(
                _say(
                    ctx,
                    f"{_number(number)} 超出允许范围（{self._bounds()}）。",
                    f"{_number(number)} is out of range ({self._bounds()}).",
                ),
                param,
                ctx,
            )
        return number


def _number(value: float) -> str:
    """``value`` as people write it: 1500, 1500.5, not 1500.0 or 1.5e+03."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return str(int(value))
    return f"{value:f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


INTEGER = NumberType()
AMOUNT = NumberType(whole=False)


# -- text --------------------------------------------------------------------------


class TextType(click.ParamType):
    """Text where text is required: refused when empty, blank or only invisible.

    Zero-width characters, U+3000 and the like show nothing, so a value
    made only of them is as empty as ``""``; what surrounds the text is
    stripped (``township.text.visible``).
    """

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from township.text import is_blank, visible

        text = str(value)
        if any("\ud800" <= ch <= "\udfff" for ch in text):  # bytes that were not UTF-8
            from township.text import escape_control

            shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            self.fail(
                _say(
                    ctx,
                    f"「{escape_control(shown)}」不是有效的 UTF-8 文本；请检查终端或脚本的编码。",
                    f"'{escape_control(shown)}' is not valid UTF-8 text; check the terminal's "
                    "or the script's encoding.",
                ),
                param,
                ctx,
            )
        if is_blank(text):
            self.fail(
                _say(
                    ctx,
                    "不能为空，也不能只有空白或不可见字符。",
                    "must not be empty, blank or only invisible characters.",
                ),
                param,
                ctx,
            )
        return visible(text)


TEXT = TextType()


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


class _DirPath(click.Path):
    """A directory's path; one holding a NUL (no path can) is refused before ``os.stat``."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if "\x00" in str(value):
            self.fail(
                _say(ctx, "路径中不能有 NUL 字符。", "a path holds no NUL character."), param, ctx
            )
        return super().convert(value, param, ctx)


def _set_data_dir(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """``--data-dir``; a blank one is refused (it would silently mean the current directory)."""
    from township.text import is_blank

    if value is None:
        return
    if is_blank(str(value)):
        raise click.BadParameter(
            _say(
                ctx,
                "应为一个目录的路径，不能为空，也不能只有空白或不可见字符。",
                "must be the path of a directory, not empty, blank or only invisible characters.",
            ),
            ctx,
            param,
        )
    encoded = str(value).encode("utf-8", "surrogateescape")
    if len(encoded) > _PATH_MAX or any(len(part) > _NAME_MAX for part in encoded.split(b"/")):
        raise click.BadParameter(
            _say(
                ctx,
                f"路径过长（每一级目录名最多 {_NAME_MAX} 字节，整个路径最多 {_PATH_MAX} 字节）。",
                f"the path is too long (at most {_NAME_MAX} bytes a directory name, "
                f"{_PATH_MAX} in all).",
            ),
            ctx,
            param,
        )
    _obj(ctx).data_dir = value


# What file systems allow (a name of 255 bytes), and a whole path leaving room
# for the files township keeps inside the data directory (PATH_MAX is 4096).
_NAME_MAX = 255
_PATH_MAX = 3800


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
            type=_DirPath(file_okay=False),
            envvar=env("TOWNSHIP_DATA_DIR"),
            expose_value=False,
            callback=_set_data_dir,
            help="Where the JSON files live [default: ./data]. Env: TOWNSHIP_DATA_DIR.",
        ),
        EnvOption(
            ["--as", "actor"],
            help_id="as",
            type=TEXT,
            metavar="NAME",
            envvar=env("TOWNSHIP_USER"),
            expose_value=False,
            callback=_set("actor"),
            help="Who is acting, for the audit log [default: login name]. Env: TOWNSHIP_USER.",
        ),
        EnvOption(
            ["--today"],
            help_id="today",
            type=CALENDAR_DATE,
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


def on_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--on DATE``: the date a step happened (default: today), for paper backfill."""
    return click.option(
        "--on",
        "on",
        cls=SharedOption,
        help_id="on",
        type=DATE,
        default=None,
        help="The date it happened [default: today].",
    )(func)
