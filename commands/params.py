"""Parameter types and the options every command shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from commands.context import AppContext

FORMATS = ("table", "plain", "github", "html", "csv", "tsv", "json")


def lang_of(ctx: click.Context | None) -> str:
    """The language chosen so far (``--lang`` is eager, so it is known early)."""
    while ctx is not None:
        if isinstance(ctx.obj, AppContext):
            return ctx.obj.lang
        ctx = ctx.parent
    return "zh"


class DateType(click.ParamType):
    """A ``YYYY-MM-DD`` date, with the error in the reader's language."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date):
            return value
        from township.dates import parse_date
        from township.errors import BadInput

        try:
            return parse_date(str(value), param.name if param and param.name else "date")
        except BadInput as exc:
            self.fail(exc.message_in(lang_of(ctx)), param, ctx)


DATE = DateType()


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


def global_options(envvars: bool) -> list[click.Option]:
    """The options of SPEC 2.

    The root group reads them with their environment variables; every leaf
    command accepts them again (without env vars, so they only override).
    """

    def env(name: str) -> str | None:
        return name if envvars else None

    return [
        click.Option(
            ["--lang"],
            type=click.Choice(["zh", "en"]),
            envvar=env("TOWNSHIP_LANG"),
            is_eager=True,
            expose_value=False,
            callback=_set("lang"),
            help="Language of labels and messages (zh|en). Env: TOWNSHIP_LANG.",
        ),
        click.Option(
            ["--data-dir"],
            type=click.Path(file_okay=False, path_type=Path),
            envvar=env("TOWNSHIP_DATA_DIR"),
            expose_value=False,
            callback=_set("data_dir"),
            help="Where the JSON files live [default: ./data]. Env: TOWNSHIP_DATA_DIR.",
        ),
        click.Option(
            ["--as", "actor"],
            metavar="NAME",
            envvar=env("TOWNSHIP_USER"),
            expose_value=False,
            callback=_set("actor"),
            help="Who is acting, for the audit log [default: login name]. Env: TOWNSHIP_USER.",
        ),
        click.Option(
            ["--today"],
            type=DATE,
            envvar=env("TOWNSHIP_TODAY"),
            expose_value=False,
            callback=_set("today_arg"),
            help="The date treated as today [default: today in Asia/Shanghai]. "
            "Env: TOWNSHIP_TODAY.",
        ),
    ]


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--format`` (SPEC 2) to a command that prints records or results."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(func)
