"""The record kinds: the registry, and the declaration every kind makes.

Ids are ``PREFIX-YYYY-NNNN``: the year of creation and a serial per kind and
year that is never reused . Each kind's records live in one TinyDB
file per year, ``<folder>/<year>.json`` .

A kind is one line of the roster (``township.book.roster``: name, prefix,
folder, label and the module that declares it) and one declaration in that module
(``KindSpec``, named ``SPEC``): its statuses, its steps (from which statuses,
to which status, the rules of the rule book they start and meet) and its
fields (labels, personal data, amendable, catalogue, shown in ``list``).
``list``, ``show``, ``amend``, masking, export, search, the report and the
docs read the declaration (``spec``); the step machine
(``township.steps.machine.Machine``) runs its steps.

The roster stays light: ``township --help`` reads it alone, and ``parse_id``
never imports a kind's module; ``spec`` does, when a command needs the
declaration.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from township.book.roster import BY_PREFIX, KINDS, Kind
from township.errors import BadInput
from township.i18n import Text

Record = dict[str, Any]
# How a personal field is masked: a name (张**), a contact (138****5678), or a
# text kept secret as a whole (a classified report's subject).
Personal = Literal["name", "contact", "secret"]


@dataclass(frozen=True, eq=False)  # one object per declaration (and a faster import)
class Field:
    """One field of a kind's records, as ``list``, ``show``, ``amend`` and export see it.

    ``personal``: the field holds a protected person's name or contact
    (masked unless revealed). ``amendable``: ``township amend`` may
    correct it, by its name or its label (``check`` validates the new
    value and returns what is stored; ``optional``: ``amend`` may empty
    it; ``mirror``: a dotted path that holds the same value until a step
    moves it, such as an inquiry's ``responsible.dept``: a correction
    moves it too while it still holds the old value). ``catalogue``: the
    stored keys and their labels (``amend`` takes a key, a number or a
    label). ``list``: a column of ``list``. ``show``: formats the value for
    display (default: the catalogue label, or the value as stored). ``type``: what the
    stored value must be when set (``text``, ``texts``, ``date``, ``int``,
    ``number``, ``bool``, ``list``, ``object``; ending in ``!``: and it must
    be set); a record read with another is an odd record
    (``township.storage.records``).
    """

    name: str
    label: Text
    personal: Personal | None = None
    amendable: bool = False
    optional: bool = False
    catalogue: Mapping[Any, Text] | None = None
    list: bool = False
    show: Callable[[Record], Any] | None = None
    check: Callable[[Any], Any] | None = None
    set_by: Text | None = None
    mirror: str | None = None
    type: str | None = None

    def display(self, record: Record) -> Any:
        """The value as ``show`` and ``list`` print it."""
        if self.show is not None:
            return self.show(record)
        value = record.get(self.name)
        if isinstance(value, list) and self.catalogue is not None:
            return Text(
                "、".join(self.catalogue[v].zh if v in self.catalogue else str(v) for v in value),
                ", ".join(self.catalogue[v].en if v in self.catalogue else str(v) for v in value),
            )
        if self.catalogue is not None and isinstance(value, str | int) and value in self.catalogue:
            return self.catalogue[value]
        return value


InputType = Literal["text", "texts", "date", "int", "amount", "choice", "choices", "flag", "id"]


@dataclass(frozen=True, eq=False)  # one object per declaration (and a faster import)
class Input:
    """One input of a step: an option of its command, checked by the step machine.

    ``name`` is the option (``approved_by`` is ``--approved-by``) and the
    keyword the step's function receives. ``label`` names it in help,
    prompts and refusals ("理由不能为空"); an input that writes a declared
    field takes that field's label when it has none of its own (labels are
    declared once: ``KindSpec`` fills them in). ``type``: ``text`` (visible text;
    blank or invisible text is refused when required), ``texts`` (repeated
    text), ``date``, ``int`` and ``amount`` (bounded by ``low`` and ``high``),
    ``choice``/``choices`` (keys of ``catalogue``, one or several), ``flag``,
    ``id`` (a record id). ``writes``: the record field a plain step stores it
    in (default ``name``; ``responsible.dept`` for a nested one; ``""``
    stores nothing). ``note``: the value is also the event's note.
    ``help``: the option's help when it says more than the label.
    ``ask``: on a terminal, the command of a creating step asks for this
    optional input when it is missing (``True``), unless the option ``ask``
    names is given (``"--anonymous"``); required inputs are always asked.
    """

    name: str
    label: Text | None = None
    type: InputType = "text"
    required: bool = False
    catalogue: Mapping[Any, Text] | None = None
    writes: str | None = None
    note: bool = False
    help: Text | None = None
    metavar: str | None = None
    low: float | None = None
    high: float | None = None
    default: Any = None
    ask: bool | str = False

    @property
    def option(self) -> str:
        """The command-line option: ``--approved-by``."""
        return "--" + self.name.replace("_", "-")

    @property
    def field(self) -> str:
        """The record field a plain step writes (``""``: none)."""
        return self.name if self.writes is None else self.writes


@dataclass(frozen=True, eq=False)  # one object per declaration (and a faster import)
class Step:
    """One step of a kind's procedure, declared once.

    ``after`` lists the statuses that allow it (empty: the step creates the
    record). ``to`` is the status it leads to (None: unchanged). ``label``
    names what happened (the event); ``hint`` names the command, for
    refusals ("受理（petition accept）"). ``once``: refused the second time.
    The rules it starts and meets are read from the rule book
    (``Rule.starts`` / ``Rule.meets``).

    ``inputs`` are its options. A step without ``run`` only records them
    (the machine checks and stores them: ``Machine.take``); a step with
    logic of its own names its function in the kind's module (``run``,
    called with the inputs as keywords). Either way its command is derived
    from this declaration (``commands.steps``): ``help`` is its help (the
    English is also the docstring), ``example`` the example of ``--help``
    (it runs on the demo), ``says`` the confirmation (``{id}`` and the
    inputs filled in, or a function of the record and the inputs that
    returns it), ``deadlines_of`` the field holding the id of a record the
    step opened (a complaint's case) whose next deadline the confirmation
    names, ``command=False`` when the kind writes the command by hand.
    """

    name: str
    label: Text
    after: tuple[str, ...]
    to: str | Mapping[Any, str] | None
    hint: Text | None = None
    once: bool = False
    inputs: tuple[Input, ...] = ()
    run: Callable[..., Any] | None = None
    help: Text | None = None
    example: str = ""
    says: Text | Callable[[Record, Mapping[str, Any]], Text] | None = None
    command: bool = True
    stamp: str | None = None
    deadlines_of: str | None = None
    by: str | None = None

    @property
    def creates(self) -> bool:
        """True for the step that creates a record."""
        return not self.after


@dataclass(frozen=True, eq=False)  # one object per declaration (and a faster import)
class KindSpec:
    """A kind's declaration: statuses, steps, fields and what varies per kind.

    ``final``: statuses after which no step is allowed. ``handler_fields``:
    dotted paths ``--handler`` matches. ``protected``: whether a record's
    personal fields are masked (default: always, when the kind has any).
    ``start_when``: a rule of the kind that starts only on a condition (a
    web inquiry's reply) maps to that condition. ``refuse``: the kind's own
    refusal, with its own message, before the table is consulted.
    ``summary``: the fields ``search`` matches besides the id.
    ``on_linked_step(tx, record, env)``: called after a step of a record that
    carries this kind's ``Kind.backlink`` field. ``derived(store, calendar,
    as_of, config)``: the records a kind with recurring rules derives rather
    than stores (a recurring duty, its periods as clocks), which the daily
    report and the statistics read beside the stored ones. ``matter``: the fields whose
    values, joined, name what a record is about (an application's applicant
    and village), for the report, lists and documents. ``read``: a record
    stored in an older shape as the kind reads it today (a petition's single
    ``extension`` as a list ``extensions``), for the exports; it returns a
    new mapping and leaves the stored one alone. ``help``: the help of
    the kind's command group in both languages (default: its label); the
    group's example and the sentence on masking are derived
    (``commands.steps.kind_group``).
    """

    name: str
    statuses: Mapping[str, Text]
    steps: tuple[Step, ...]
    fields: tuple[Field, ...]
    final: tuple[str, ...] = ()
    handler_fields: tuple[str, ...] = ("responsible.person", "responsible.dept", "actor")
    protected: Callable[[Record], bool] | None = None
    start_when: Mapping[str, Callable[[Record], bool]] = field(default_factory=dict)
    refuse: Callable[[Record, str], None] | None = None
    summary: tuple[str, ...] = ("matter", "summary", "title", "unit", "dept")
    on_linked_step: Callable[[Any, Record, Any], None] | None = None
    derived: Callable[[Any, Any, Any, Any], list[Record]] | None = None
    matter: tuple[str, ...] = ()
    read: Callable[[Record], Record] | None = None
    help: Text | None = None

    def __post_init__(self) -> None:
        # An input that writes a declared field and has no label of its own
        # takes the field's (a label is declared once).
        labels = {f.name: f.label for f in self.fields}
        steps = []
        for s in self.steps:
            inputs = tuple(
                i
                if i.label is not None
                else replace(i, label=labels.get(i.field) or Text(i.name, i.name.replace("_", " ")))
                for i in s.inputs
            )
            steps.append(replace(s, inputs=inputs) if inputs != s.inputs else s)
        object.__setattr__(self, "steps", tuple(steps))

    def step(self, name: str) -> Step:
        """The step called ``name`` (``KeyError`` for a step the kind lacks)."""
        for s in self.steps:
            if s.name == name:
                return s
        raise KeyError(name)

    def field(self, name: str) -> Field | None:
        """The declared field ``name``, if any."""
        for f in self.fields:
            if f.name == name:
                return f
        return None

    @property
    def personal(self) -> dict[str, Personal]:
        """Field name -> ``name`` or ``contact`` for the protected fields."""
        return {f.name: f.personal for f in self.fields if f.personal is not None}

    def is_protected(self, record: Record) -> bool:
        """True when the record's personal fields are masked when printed."""
        if not self.personal:
            return False
        return True if self.protected is None else bool(self.protected(record))

    def allowed(self, record: Record) -> list[Step]:
        """The steps the record may take now, in the order of the procedure."""
        status = record.get("status")
        if status in self.final:
            return []
        done = {e.get("action") for e in record.get("events", [])}
        return [s for s in self.steps if status in s.after and not (s.once and s.name in done)]


# The registry: one line per kind. ``module`` declares ``SPEC``.
_SPECS: dict[str, KindSpec] = {}


def register(kind: Kind, declaration: KindSpec | None = None) -> None:
    """Add a kind to the registry (a kind declared outside the package, in tests)."""
    KINDS[kind.name] = kind
    BY_PREFIX[kind.prefix] = kind
    if declaration is not None:
        _SPECS[kind.name] = declaration


def spec(name: str) -> KindSpec:
    """The declaration of the kind ``name`` (imports its module once)."""
    found = _SPECS.get(name)
    if found is None:
        kind = kind_named(name)
        found = _SPECS[name] = importlib.import_module(kind.module).SPEC
    return found


def specs(names: Sequence[str] | None = None) -> list[KindSpec]:
    """The declarations of ``names`` (default: every registered kind)."""
    return [spec(n) for n in (names if names is not None else list(KINDS))]


# At most 9 digits of serial: no office files a billion records a year, and
# int() of a longer string is slow or refused.
_ID = re.compile(r"^([A-Z]+)-([0-9]{4})-([0-9]{4,9})$")


@dataclass(frozen=True)
class RecordId:
    """A parsed record id."""

    kind: Kind
    year: int
    serial: int

    def __str__(self) -> str:
        return f"{self.kind.prefix}-{self.year:04d}-{self.serial:04d}"


def format_id(kind: str, year: int, serial: int) -> str:
    """The id of the ``serial``-th record of ``kind`` created in ``year``."""
    return str(RecordId(KINDS[kind], year, serial))


def parse_id(text: str, kind: str | None = None) -> RecordId:
    """Parse a record id (case-insensitive), optionally requiring ``kind``.

    Full-width letters and digits typed on a Chinese keyboard are read as
    ASCII (NFKC): ``ＩＮＱ-２０２６-０００１`` is ``INQ-2026-0001``.
    """
    match = _ID.match(unicodedata.normalize("NFKC", text).strip().upper())
    found = BY_PREFIX.get(match.group(1)) if match else None
    if match is None or found is None or int(match.group(3)) == 0:
        raise BadInput(
            Text(
                "「{text}」不是有效的编号；编号形如 INQ-2026-0001（前缀 {prefixes}）。",
                "'{text}' is not a valid id; ids look like INQ-2026-0001 (prefixes {prefixes}).",
            ),
            text=text,
            prefixes=", ".join(BY_PREFIX),
        )
    if kind is not None and found.name != kind:
        expected = KINDS[kind]
        raise BadInput(
            Text(
                "{text} 不是{label}记录；{label}记录的编号以 {prefix}- 开头。",
                "{text} is not a {label} record; {label} ids start with {prefix}-.",
            ),
            text=text,
            label=expected.label,
            prefix=expected.prefix,
        )
    return RecordId(found, int(match.group(2)), int(match.group(3)))


def kind_key(name: str) -> str | None:
    """The key of the kind called ``name``: its key, or its Chinese or English label."""
    wanted = " ".join((name or "").split()).casefold()
    for key, kind in KINDS.items():
        if wanted in (key, kind.label.zh, kind.label.en.casefold()):
            return key
    return None


def kinds_listed(keys: Iterable[str] | None = None) -> Text:
    """Kinds as a refusal lists them: ``inquiry 首问、case 问责…`` / ``inquiry, case…``."""
    chosen = list(KINDS if keys is None else keys)
    return Text(
        "、".join(f"{k} {KINDS[k].label.zh}" if k in KINDS else k for k in chosen),
        ", ".join(chosen),
    )


def kind_named(name: str) -> Kind:
    """The kind called ``name`` (its key or label), or ``BadInput`` listing the known ones."""
    key = kind_key(name)
    if key is not None:
        return KINDS[key]
    known = kinds_listed()
    raise BadInput(
        Text(
            "未知的记录类别「{name}」；可选：" + known.zh + "。",
            "Unknown kind '{name}'; known: " + known.en + ".",
        ),
        name=name,
    )
