"""The commands of declared steps, derived from the kind's declaration.

``add_steps(group, kind)`` gives a kind's group one command per declared
step (``township.book.registry.Step``) that it does not write by hand: the
options from the step's inputs, the help (English and Chinese) from its
labels, the call to the step machine (``Machine.take``), and the
confirmation (``says``) or, for the step that creates a record, its id and
first deadline. A kind writes a command by hand only for what a declaration
cannot say (``Step.command=False``). In the confirmation, a catalogue input
is named by its label (``{method}`` -> 通报批评、责令公开道歉).
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from typing import Any

import click

from commands import TownshipGroup, locale
from commands.context import AppContext
from commands.params import DATE, CatalogueChoice, NumberType, format_option
from township.i18n import Text

Record = dict[str, Any]
# ``enrich(app)`` turns a stored record into the record as it is read (a
# case's aggravation), for ``--format json``: see ``commands.kind_cmd.Enrich``.
Enrich = Callable[[AppContext], Callable[[Record], Record]]


def _option(inp: Any) -> Callable[[Any], Any]:
    """The click option of one declared input (``township.book.registry.Input``)."""
    english = (inp.help or inp.label).en
    kwargs: dict[str, Any] = {"help": english[:1].upper() + english[1:] + "."}
    if inp.default is not None:
        # An explicit default of None would count as given: click (8.3 on)
        # would then not report a required option as missing.
        kwargs["default"] = inp.default
    if inp.metavar:
        kwargs["metavar"] = inp.metavar
    if inp.type in ("text", "id"):
        kwargs["required"] = inp.required
    elif inp.type == "texts":
        kwargs.update(multiple=True, required=inp.required)
    elif inp.type == "date":
        kwargs.update(type=DATE, required=inp.required)
    elif inp.type in ("int", "amount"):
        # The bounds the step machine holds the value to (``check_number``:
        # none below 0 unless declared), told by the parser naming the option.
        low = inp.low if inp.low is not None else 0
        number = NumberType(whole=inp.type == "int", low=low, high=inp.high, label=inp.label)
        kwargs.update(type=number, required=inp.required)
    elif inp.type in ("choice", "choices"):
        kwargs.update(type=CatalogueChoice(inp.catalogue or {}), required=inp.required)
        if inp.type == "choices":
            kwargs.update(multiple=True, default=())
    elif inp.type == "flag":
        kwargs.update(is_flag=True, default=False)
    return click.option(inp.option, inp.name, **kwargs)


def _sentence(template: Text, record: Record, values: dict[str, Any]) -> Text:
    """The step's confirmation with ``{id}``, the record's fields and the inputs filled in."""
    fields: dict[str, Any] = {**record, **{k: v for k, v in values.items() if v is not None}}

    class Blank(dict[str, Any]):
        def __missing__(self, key: str) -> str:
            return ""

    return Text(
        template.zh.format_map(Blank({k: _plain(v, "zh") for k, v in fields.items()})),
        template.en.format_map(Blank({k: _plain(v, "en") for k, v in fields.items()})),
    )


def _plain(value: Any, lang: str) -> str:
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, dict):
        return value  # type: ignore[return-value]  # "{extension[days]}"
    if isinstance(value, list | tuple):
        items = [str(_plain(v, lang)) for v in value]
        return ("、" if lang == "zh" else ", ").join(items) or "—"
    return str(value)


def _labelled(step: Any, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with each catalogue input's key(s) replaced by the label(s)."""
    shown = dict(values)
    for inp in step.inputs:
        value, catalogue = values.get(inp.name), inp.catalogue
        if catalogue is None or value is None:
            continue
        if isinstance(value, list | tuple):
            shown[inp.name] = [catalogue.get(v, v) for v in value]
        else:
            shown[inp.name] = catalogue.get(value, value)
    return shown


Confirm = Callable[[AppContext, Record, str, Text], None]


def step_command(
    kind: str, step: Any, enrich: Enrich | None = None, say: Confirm | None = None
) -> click.Command:
    """The click command of the declared ``step`` of ``kind``.

    ``enrich``: see ``Enrich``. ``say`` prints the confirmation of a step that
    does not create a record (default ``records_view.confirm``).
    """
    from commands import TownshipCommand

    path = f"{kind} {step.name}"

    def callback(
        app: AppContext, on: dt.date | None, fmt: str, record_id: str | None = None, **values: Any
    ) -> None:
        from commands.records_view import confirm, created, take_step
        from township.book.registry import spec
        from township.steps.machine import Machine

        machine = Machine(spec(kind))
        record = take_step(app, path, machine.take, step.name, record_id, values, on=on)
        to_json = enrich(app) if enrich is not None else None
        if step.creates:
            created(app, record, fmt, to_json=to_json)
            return
        says = step.says or Text("{id}：" + step.label.zh, "{id}: " + step.label.en)
        labelled = _labelled(step, values)
        sentence = says(record, values) if callable(says) else _sentence(says, record, labelled)
        if say is not None:
            say(app, record, fmt, sentence)
            return
        opened = record.get(step.deadlines_of) if step.deadlines_of else None
        other = app.store.get(opened) if opened else None
        confirm(app, record, fmt, sentence, deadlines_of=other, to_json=to_json)

    help_text = step.help or step.label
    doc = help_text.en
    if step.example:
        doc += "\n\n\b\nExample:\n" + "\n".join("  " + line for line in step.example.splitlines())
    from commands.common import pass_app

    func: Callable[..., Any] = pass_app(callback)
    func = format_option(func)
    func = click.option(
        "--on", "on", type=DATE, default=None, help="The date it happened [default: today]."
    )(func)
    for inp in reversed(step.inputs):
        func = _option(inp)(func)
    if not step.creates:
        func = click.argument("record_id", metavar="ID")(func)
    ask = {i.name: (None if i.ask is True else i.ask) for i in step.inputs if i.ask}
    command = click.command(
        step.name, cls=TownshipCommand, help=doc, creates=step.creates, ask=ask
    )(func)
    locale.DERIVED[path] = {
        "help": help_text.zh,
        "options": {inp.option: (inp.help or inp.label).zh + "。" for inp in step.inputs},
        "prompts": {inp.option: inp.label.zh for inp in step.inputs},
    }
    return command


def add_steps(
    group: click.Group, kind: str, *, enrich: Enrich | None = None, say: Confirm | None = None
) -> None:
    """Give ``group`` a command for every declared step of ``kind`` it does not have.

    ``enrich`` adds what the kind computes when read to the record a step
    prints with ``--format json``; ``say`` is the kind's own confirmation.
    """
    from township.book.registry import spec

    for step in spec(kind).steps:
        if step.command and step.name not in group.commands:
            group.add_command(step_command(kind, step, enrich, say))


def kind_group(kind: str, doc: str | None = None) -> click.Group:
    """A kind's whole command group, derived: its steps, ``list`` and ``show``.

    Its help is the declaration's (``KindSpec.help``, else the kind's label),
    followed by what is masked when the kind declares personal fields, and
    an example: the creating step's and ``list``. Its commands are built when
    they run (``DerivedGroup``). ``doc``: English help written by hand instead
    (its Chinese is then in ``commands/locale/zh/<kind>.py``), and the
    commands built at once, for a group that adds its own. ``--reveal`` is
    offered when the kind declares personal fields.
    """
    from township.book.registry import KINDS, spec

    declared = spec(kind)
    if doc is not None:
        from commands.kind_cmd import add_list_show

        group = TownshipGroup(kind, help=inspect.cleandoc(doc))
        add_steps(group, kind)
        add_list_show(group, kind, personal=bool(declared.personal))
        return group
    text = group_help(kind, KINDS[kind].label, declared)
    locale.DERIVED[kind] = {"help": text.zh}
    doc = (
        text.en
        + "\n\n\b\nExample:\n"
        + "\n".join(f"  {line}" for line in group_examples(kind, declared))
    )
    return DerivedGroup(kind, help=doc)


# The first sentence of the help of a derived group's ``list`` and ``show``
# (``commands.kind_cmd.add_list_show`` writes the whole help).
LIST_HELP = "List {kind} records, with the next deadline of each."
SHOW_HELP = "Show a {kind} record: its fields, steps and deadlines."


class DerivedGroup(TownshipGroup):
    """A kind's group whose commands are built from the declaration when they run.

    Listing them (``--help``) reads the declaration alone, so it imports
    neither the step machine nor the renderer.
    """

    def __init__(self, kind: str, **kwargs: Any) -> None:
        from township.book.registry import spec

        self.kind = kind
        self.declared = spec(kind)
        self.helps: dict[str, str] = {}
        for step in self.declared.steps:
            if step.command:
                help_text = step.help or step.label
                self.helps[step.name] = help_text.en
                locale.DERIVED.setdefault(f"{kind} {step.name}", {"help": help_text.zh})
        self.helps["list"] = LIST_HELP.format(kind=kind)
        self.helps["show"] = SHOW_HELP.format(kind=kind)
        lazy = {name: ("", text) for name, text in self.helps.items()}
        super().__init__(kind, lazy=lazy, **kwargs)

    def lazy_short(self, name: str, limit: int) -> str:
        # click's own summary of that help, without building the command
        return click.Command(name, help=self.helps[name]).get_short_help_str(limit)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            if cmd_name in ("list", "show"):
                from commands.kind_cmd import add_list_show

                add_list_show(self, self.kind, personal=bool(self.declared.personal))
            else:
                self.add_command(step_command(self.kind, self.declared.step(cmd_name)))
        return super().get_command(ctx, cmd_name)


def group_help(kind: str, label: Text, declared: Any) -> Text:
    """The prose of a derived group's help: declared, and the masking of its personal fields."""
    text = declared.help or Text(
        f"{label.zh}（期限见 township rules --kind {kind}）。",
        f"{label.en[:1].upper()}{label.en[1:]} records (township rules --kind {kind}).",
    )
    personal = [f.label for f in declared.fields if f.name in declared.personal]
    if not personal:
        return text
    zh = "、".join(p.zh for p in personal[:-1]) + "和" * (len(personal) > 1) + personal[-1].zh
    en = ", ".join(p.en for p in personal[:-1]) + " and " * (len(personal) > 1) + personal[-1].en
    return Text(
        f"{text.zh}\n\n{zh}在各处打码，除非加 --reveal；每次显示都记入审计日志。",
        f"{text.en}\n\nThe {en} {'is' if len(personal) == 1 else 'are'} masked unless "
        "--reveal is given; each reveal is audited.",
    )


def group_examples(kind: str, declared: Any) -> list[str]:
    """A derived group's example: its creating step's, then ``list``."""
    first = next((s.example for s in declared.steps if s.creates and s.example), None)
    return [*(first.splitlines() if first else []), f"township {kind} list"]
