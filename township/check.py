"""The installation looked over (``township check``), as Django's system checks do.

Each check returns ``Finding``s: a level (``pass``, ``warning``, ``error``),
an id for what was found (``registry.E011``), the check it belongs to, and a
sentence naming the object and what to do. A check that finds nothing gives
one ``pass``.

- ``registry`` (``check_registry``): the rule book and the kind declarations
  agree. Every kind declares its matter from its own fields. Every step a
  rule starts or meets is a step its kind declares (a recurring duty may
  name another kind's step, ``circular issue``); every
  kind a rule or a link names exists; prefixes and folders are unique;
  every choice has its catalogue and every field a choice writes has one too;
  a plain step writes only declared fields; statuses named by steps are
  declared. The project's tests run it, so a misspelt step fails the suite.
- ``config``: ``township.toml`` reads, and holds no template value (a value
  equal to what ``township init`` writes) among the names, the hotline and
  the document-number patterns printed on documents (a warning).
- ``calendar``: this year's official schedule is known, and from 1 November
  next year's too (a warning otherwise: deadlines are then provisional).
- ``audit``: the audit log verifies (``Store.verify``).
- ``data``: the data directory exists, is private to its owner, and every
  data file reads.

``exit_code`` gives 0 when all pass, 1 when there are only warnings, 3 on an
error.
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib
import os
import re
import stat
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from township.book import registry
from township.book.registry import Kind, KindSpec
from township.book.rules import Rule
from township.errors import TownshipError
from township.i18n import Text, render

Level = Literal["pass", "warning", "error"]

LEVEL_LABELS: dict[str, Text] = {
    "pass": Text("通过", "pass"),
    "warning": Text("警告", "warning"),
    "error": Text("错误", "error"),
}
# The checks, in the order they run and are shown.
CHECKS: dict[str, Text] = {
    "registry": Text("规则手册与类别声明", "rule book and kinds"),
    "config": Text("配置文件 township.toml", "township.toml"),
    "calendar": Text("工作日历", "calendar"),
    "audit": Text("审计日志", "audit log"),
    "data": Text("数据文件", "data files"),
}
# Where the declarations live, for the messages' "what to do".
RULE_BOOK = "township/book/rules.py"
REGISTRY = "township/book/registry.py"


@dataclass(frozen=True)
class Finding:
    """One line of ``township check``: a check's outcome, or one problem it found.

    ``message`` is a ``Text`` template filled with ``params`` in the
    reader's language (``text``); ``id`` names what was found, Django-style
    (``registry.E011``), and is empty for a pass.
    """

    check: str
    level: Level
    message: Text
    params: Mapping[str, Any] = field(default_factory=dict)
    id: str = ""

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return render(self.message, lang, self.params)

    def as_json(self) -> dict[str, Any]:
        """``{check, level, id, message: {zh, en}}``."""
        return {
            "check": self.check,
            "level": self.level,
            "id": self.id or None,
            "message": {"zh": self.text("zh"), "en": self.text("en")},
        }


def exit_code(findings: Iterable[Finding]) -> int:
    """0 when every check passes, 1 when there are only warnings, 3 on an error."""
    levels = {f.level for f in findings}
    if "error" in levels:
        return 3
    return 1 if "warning" in levels else 0


def _error(check: str, code: str, message: Text, **params: Any) -> Finding:
    return Finding(check, "error", message, params, f"{check}.{code}")


def _warning(check: str, code: str, message: Text, **params: Any) -> Finding:
    return Finding(check, "warning", message, params, f"{check}.{code}")


def _passed(check: str, message: Text, **params: Any) -> Finding:
    return Finding(check, "pass", message, params)


def _guess(name: str, known: Iterable[str]) -> Text:
    """「是不是 close？」 for a name close to a known one; nothing otherwise."""
    close = difflib.get_close_matches(name, list(known), n=1)
    if not close:
        return Text("", "")
    return Text(f"是不是「{close[0]}」？", f" Did you mean '{close[0]}'?")


# -- the rule book and the declarations ----------------------------------------------


def _load(kind: Kind) -> KindSpec:
    """The declaration of ``kind`` (``SPEC`` of its module)."""
    if registry.KINDS.get(kind.name) is kind:
        return registry.spec(kind.name)
    return importlib.import_module(kind.module).SPEC  # type: ignore[no-any-return]


def check_registry(
    kinds: Mapping[str, Kind] | None = None, rules: Mapping[str, Rule] | None = None
) -> list[Finding]:
    """The registry's problems (all errors): [] when the rule book and the kinds agree.

    ``kinds`` and ``rules`` default to the registry (``township.book.registry.KINDS``)
    and the rule book (``township.book.rules.RULES``) as they are now, kinds
    registered by tests included.
    """
    from township.book import rules as book

    kinds = registry.KINDS if kinds is None else kinds
    rules = book.RULES if rules is None else rules
    found: list[Finding] = []
    specs: dict[str, KindSpec] = {}
    for kind in kinds.values():
        try:
            declared = _load(kind)
        except (ImportError, AttributeError) as exc:
            found.append(
                _error(
                    "registry",
                    "E001",
                    Text(
                        "类别 {kind} 的声明无法载入（{module}：{detail}）；"
                        "请检查该模块是否定义了 SPEC（KindSpec）。",
                        "The declaration of kind {kind} cannot be loaded ({module}: {detail}); "
                        "check that the module defines SPEC (a KindSpec).",
                    ),
                    kind=kind.name,
                    module=kind.module,
                    detail=str(exc),
                )
            )
            continue
        if declared.name != kind.name:
            found.append(
                _error(
                    "registry",
                    "E002",
                    Text(
                        "类别 {kind} 的模块 {module} 声明的是类别「{declared}」；"
                        "请让 SPEC 的名称与 {registry} 中的登记一致。",
                        "The module {module} of kind {kind} declares kind '{declared}'; make "
                        "SPEC's name match its line in {registry}.",
                    ),
                    kind=kind.name,
                    module=kind.module,
                    declared=declared.name,
                    registry=REGISTRY,
                )
            )
        specs[kind.name] = declared
    found += _unique(kinds)
    for name, declared in specs.items():
        found += _declaration(name, declared, rules)
        found += _link(kinds[name], declared)
    for rule in rules.values():
        found += _rule(rule, kinds, specs)
    return found


def _unique(kinds: Mapping[str, Kind]) -> list[Finding]:
    """Prefixes and folders: one kind each; a prefix of capital letters."""
    found = []
    for attr, what in (("prefix", Text("前缀", "prefix")), ("folder", Text("目录", "folder"))):
        counts = Counter(getattr(k, attr) for k in kinds.values())
        for value, n in counts.items():
            if n > 1:
                sharing = [k.name for k in kinds.values() if getattr(k, attr) == value]
                found.append(
                    _error(
                        "registry",
                        "E003",
                        Text(
                            "{what}「{value}」同时用于类别 {kinds}；每个类别的{what}必须唯一"
                            "（{registry}）。",
                            "The {what} '{value}' is used by the kinds {kinds}; each kind needs "
                            "its own ({registry}).",
                        ),
                        what=what,
                        value=value,
                        kinds=sharing,
                        registry=REGISTRY,
                    )
                )
    for kind in kinds.values():
        if not re.fullmatch(r"[A-Z]+", kind.prefix):
            found.append(
                _error(
                    "registry",
                    "E004",
                    Text(
                        "类别 {kind} 的前缀「{prefix}」不是大写字母；编号形如 INQ-2026-0001，"
                        "请在 {registry} 中改正。",
                        "The prefix '{prefix}' of kind {kind} is not capital letters; ids look "
                        "like INQ-2026-0001. Correct it in {registry}.",
                    ),
                    kind=kind.name,
                    prefix=kind.prefix,
                    registry=REGISTRY,
                )
            )
    return found


def _declaration(name: str, declared: KindSpec, rules: Mapping[str, Rule]) -> list[Finding]:
    """One kind's declaration against itself: statuses, steps, fields, catalogues."""
    found = []
    for what, names in (
        (Text("步骤", "step"), [s.name for s in declared.steps]),
        (Text("字段", "field"), [f.name for f in declared.fields]),
    ):
        for value, n in Counter(names).items():
            if n > 1:
                found.append(
                    _error(
                        "registry",
                        "E020",
                        Text(
                            "类别 {kind} 声明了 {n} 次{what}「{value}」；请只保留一个。",
                            "Kind {kind} declares the {what} '{value}' {n} times; keep one.",
                        ),
                        kind=name,
                        what=what,
                        value=value,
                        n=n,
                    )
                )
    statuses = set(declared.statuses)
    named = [
        (s.name, st)
        for s in declared.steps
        for st in (*s.after, *([s.to] if isinstance(s.to, str) else (s.to or {}).values()))
    ]
    named += [("final", st) for st in declared.final]
    for step, status in named:
        if status not in statuses:
            found.append(
                _error(
                    "registry",
                    "E021",
                    Text(
                        "类别 {kind} 的{step}用到状态「{status}」，但没有声明它（已声明：{known}）；"
                        "{guess}请改正，或在 statuses 中声明它。",
                        "Kind {kind}: {step} names the status '{status}', which is not declared "
                        "(declared: {known}).{guess} Correct it, or declare it in statuses.",
                    ),
                    kind=name,
                    step=Text("终结状态" if step == "final" else f"步骤 {step} ", step),
                    status=status,
                    known=sorted(statuses),
                    guess=_guess(status, statuses),
                )
            )
    fields = {f.name: f for f in declared.fields}
    for f in declared.fields:
        if f.catalogue is not None and not f.catalogue:
            found.append(_no_catalogue(name, Text(f"字段 {f.name}", f"field {f.name}")))
    found += _matter(name, declared, fields)
    for s in declared.steps:
        for inp in s.inputs:
            found += _input(name, s, inp, fields)
        if s.run is None and s.stamp and s.stamp not in fields:
            found.append(_undeclared_field(name, s.name, f"stamp={s.stamp!r}", s.stamp))
    own = {r.id for r in rules.values() if r.kind == name}
    for rule_id in declared.start_when:
        if rule_id not in own:
            found.append(
                _error(
                    "registry",
                    "E015",
                    Text(
                        "类别 {kind} 的 start_when 指向规则「{rule}」，但规则手册中没有该类别的这条规则"
                        "（{book}）；{guess}请改正规则编号。",
                        "Kind {kind}: start_when names the rule '{rule}', which the rule book "
                        "({book}) does not give this kind.{guess} Correct the rule id.",
                    ),
                    kind=name,
                    rule=rule_id,
                    book=RULE_BOOK,
                    guess=_guess(rule_id, own),
                )
            )
    return found


def _matter(kind: str, declared: KindSpec, fields: Mapping[str, Any]) -> list[Finding]:
    """The kind declares its matter (what a record is about), from declared fields."""
    if not declared.matter:
        return [
            _error(
                "registry",
                "E022",
                Text(
                    "类别 {kind} 没有声明事项（matter）；日报、邮件、列表和查找都用它说明记录是关于什么的，"
                    '请在声明中写明由哪些字段组成，如 matter=("title",)。',
                    "Kind {kind} declares no matter; the report, the mail, list and search "
                    "use it to say what a record is about. Name the fields it is made of in the "
                    'declaration, e.g. matter=("title",).',
                ),
                kind=kind,
            )
        ]
    return [
        _error(
            "registry",
            "E023",
            Text(
                "类别 {kind} 的事项（matter）用到字段「{field}」，但 fields 中没有声明它；"
                "{guess}请改正字段名，或声明该字段。",
                "Kind {kind}: its matter names the field '{field}', which is not declared in "
                "fields.{guess} Correct the name, or declare the field.",
            ),
            kind=kind,
            field=name,
            guess=_guess(name, fields),
        )
        for name in declared.matter
        if name not in fields
    ]


def _no_catalogue(kind: str, what: Text) -> Finding:
    return _error(
        "registry",
        "E030",
        Text(
            "类别 {kind} 的{what}取自目录，但没有给出目录（catalogue）；请在声明中给出它的可选值和标签。",
            "Kind {kind}: {what} takes values from a catalogue but has none; give its values "
            "and labels (catalogue) in the declaration.",
        ),
        kind=kind,
        what=what,
    )


def _undeclared_field(kind: str, step: str, what: str, name: str) -> Finding:
    return _error(
        "registry",
        "E032",
        Text(
            "类别 {kind} 的步骤 {step}（{what}）写入字段「{field}」，但 fields 中没有声明它，"
            "list、show、amend 和导出都看不到它；请在 fields 中声明它，或改正字段名。",
            "Kind {kind}: step {step} ({what}) writes the field '{field}', which is not "
            "declared in fields, so list, show, amend and export cannot see it; declare it "
            "or correct the name.",
        ),
        kind=kind,
        step=step,
        what=what,
        field=name,
    )


def _input(kind: str, step: Any, inp: Any, fields: Mapping[str, Any]) -> list[Finding]:
    """One input of a step: a choice has a catalogue; a plain step writes declared fields."""
    found = []
    what = Text(f"步骤 {step.name} 的输入 {inp.name}", f"input {inp.name} of step {step.name}")
    if inp.type in ("choice", "choices") and not inp.catalogue:
        found.append(_no_catalogue(kind, what))
    target = inp.field.split(".")[0] if inp.field else ""
    if step.run is None and target and target != "responsible":
        declared = fields.get(target)
        if declared is None:
            found.append(_undeclared_field(kind, step.name, f"--{inp.name}", target))
        elif inp.type in ("choice", "choices") and inp.catalogue:
            missing = [k for k in inp.catalogue if k not in (declared.catalogue or {})]
            if missing:
                found.append(
                    _error(
                        "registry",
                        "E031",
                        Text(
                            "类别 {kind} 的字段 {field} 由目录取值（{what}），但字段的目录缺少 {keys}；"
                            "请给字段声明同一个目录（catalogue=…），list、show 和导出才显示标签。",
                            "Kind {kind}: the field {field} takes catalogue values ({what}) but "
                            "its own catalogue lacks {keys}; declare the same catalogue on the "
                            "field (catalogue=...) so that list, show and export show labels.",
                        ),
                        kind=kind,
                        field=target,
                        what=what,
                        keys=[str(k) for k in missing],
                    )
                )
    return found


def _link(kind: Kind, declared: KindSpec) -> list[Finding]:
    """A kind that links to other records (``Kind.backlink``) declares what a step there does."""
    if kind.backlink and declared.on_linked_step is None:
        return [
            _error(
                "registry",
                "E040",
                Text(
                    "类别 {kind} 在所链接的记录上写入 {field}（backlink），但它的声明没有 "
                    "on_linked_step，被链接记录办结时它不会知道；请在 SPEC 中给出 on_linked_step。",
                    "Kind {kind} writes {field} on the records it links to (backlink), but its "
                    "declaration has no on_linked_step, so it never learns when they are done; "
                    "give SPEC an on_linked_step.",
                ),
                kind=kind.name,
                field=kind.backlink,
            )
        ]
    return []


def _rule(rule: Rule, kinds: Mapping[str, Kind], specs: Mapping[str, KindSpec]) -> list[Finding]:
    """One entry of the rule book against the declarations."""
    if rule.kind not in kinds:
        return [
            _error(
                "registry",
                "E010",
                Text(
                    "规则 {rule} 属于类别「{kind}」，但没有这个类别（已登记：{known}）；{guess}"
                    "请在 {book} 中改正，或在 {registry} 中登记该类别。",
                    "Rule {rule} belongs to kind '{kind}', which is not registered "
                    "(known: {known}).{guess} Correct it in {book}, or register the kind in "
                    "{registry}.",
                ),
                rule=rule.id,
                kind=rule.kind,
                known=list(kinds),
                guess=_guess(rule.kind, kinds),
                book=RULE_BOOK,
                registry=REGISTRY,
            )
        ]
    declared = specs.get(rule.kind)
    if declared is None:
        return []  # its declaration did not load: E001 says so
    found = []
    for role, steps in (("starts", rule.starts), ("meets", rule.meets)):
        for step in steps:
            found += _rule_step(rule, role, step, declared, kinds, specs)
    return found


_ROLE = {"starts": Text("起算步骤", "starts on"), "meets": Text("完成步骤", "is met by")}


def _rule_step(
    rule: Rule,
    role: str,
    step: str,
    declared: KindSpec,
    kinds: Mapping[str, Kind],
    specs: Mapping[str, KindSpec],
) -> list[Finding]:
    words = step.split()
    if len(words) == 2 and role == "meets" and rule.every is not None:
        # A recurring duty met by another kind's step: "circular issue".
        other, name = words
        if other not in kinds:
            return [
                _error(
                    "registry",
                    "E013",
                    Text(
                        "定期工作规则 {rule} 的完成步骤「{step}」指向类别「{kind}」，但没有这个类别；"
                        "{guess}请在 {book} 中改正。",
                        "Recurring rule {rule} is met by '{step}', naming the kind '{kind}', "
                        "which is not registered.{guess} Correct it in {book}.",
                    ),
                    rule=rule.id,
                    step=step,
                    kind=other,
                    guess=_guess(other, kinds),
                    book=RULE_BOOK,
                )
            ]
        target = specs.get(other)
        if target is None:
            return []
        steps = [s.name for s in target.steps]
        if name in steps:
            return []
        return [_missing_step(rule, role, step, name, other, steps, "E014")]
    steps = [s.name for s in declared.steps]
    if step in steps:
        return []
    return [
        _missing_step(
            rule, role, step, step, rule.kind, steps, "E011" if role == "starts" else "E012"
        )
    ]


def _missing_step(
    rule: Rule, role: str, step: str, name: str, kind: str, steps: list[str], code: str
) -> Finding:
    module = registry.KINDS[kind].module if kind in registry.KINDS else kind
    return _error(
        "registry",
        code,
        Text(
            "规则 {rule} 的{role}「{step}」不是类别 {kind} 声明的步骤（已声明：{known}）；{guess}"
            "请在 {book} 中改正步骤名，或在 {module} 的 SPEC 中声明该步骤。",
            "Rule {rule} {role} '{step}', which is not a step kind {kind} declares "
            "(declared: {known}).{guess} Correct the step in {book}, or declare it in "
            "SPEC of {module}.",
        ),
        rule=rule.id,
        role=_ROLE[role],
        step=step,
        kind=kind,
        known=steps,
        guess=_guess(name, steps),
        book=RULE_BOOK,
        module=module,
    )


# -- township.toml --------------------------------------------------------------------


def template_values(text: str, template: str) -> dict[str, str]:
    """The settings of ``text`` still equal to ``template`` (what ``init`` writes).

    Looked at: ``name``, ``hotline`` and every value under ``[documents]`` (the
    issuing bodies' names and the document-number patterns), as far as the
    template has them. A missing ``name`` or number pattern counts too:
    township then uses the template's (and refuses to print with it). Returns
    ``{dotted key: value}``.
    """
    from township.config import PATTERNS, Config

    given = tomllib.loads(text.lstrip("\ufeff"))
    written = tomllib.loads(template)
    keys = [k for k in ("name", "hotline") if k in written]
    keys += [f"documents.{k}" for k in _leaves(written.get("documents", {}))]
    found = {}
    for key in keys:
        value = _at(given, key)
        if value is None and key == "name":
            value = Config.name
        if value is None and key.removeprefix("documents.") in PATTERNS:
            value = _at(written, key)
        if value is not None and value == _at(written, key):
            found[key] = str(value)
    return found


def _leaves(table: Any, prefix: str = "") -> list[str]:
    if not isinstance(table, dict):
        return []
    keys = []
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        keys += _leaves(value, dotted + ".") if isinstance(value, dict) else [dotted]
    return keys


def _at(table: Any, dotted: str) -> Any:
    for key in dotted.split("."):
        if not isinstance(table, dict) or key not in table:
            return None
        table = table[key]
    return table


def check_config(data_dir: Path, today: dt.date) -> list[Finding]:
    """``township.toml`` reads, and holds no template value where documents print it."""
    from township import config
    from township.demo import config_template

    path = data_dir / config.CONFIG_NAME
    try:
        config.load(data_dir)
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [
            _warning(
                "config",
                "W002",
                Text(
                    "{path} 不存在，本镇名称等都用默认值；请运行 township init 写出模板后填写。",
                    "{path} does not exist, so the name and the rest are defaults; run "
                    "township init to write the template, then fill it in.",
                ),
                path=str(path),
            )
        ]
    except TownshipError as exc:
        return [_error("config", "E001", exc.template, **exc.params)]
    except (OSError, UnicodeDecodeError) as exc:
        return [
            _error(
                "config",
                "E001",
                Text("无法读取 {path}（{detail}）。", "Cannot read {path} ({detail})."),
                path=str(path),
                detail=str(exc),
            )
        ]
    found = [
        _warning(
            "config",
            "W001",
            Text(
                "{path} 的 {key} 仍是 township init 写入的模板值「{value}」，印出的文书会带上它；"
                "请改为本机关的实际内容。",
                "{key} in {path} is still the template value '{value}' that township init "
                "wrote, and documents print it; set the office's own.",
            ),
            path=str(path),
            key=key,
            value=value,
        )
        for key, value in template_values(text, config_template(today, demo=False)).items()
    ]
    return found or [
        _passed(
            "config",
            Text(
                "{path} 可以读取，名称、电话和文号格式都已填写。",
                "{path} reads; the names, the hotline and the number patterns are the office's.",
            ),
            path=str(path),
        )
    ]


# -- the calendar ---------------------------------------------------------------------

# From this day of the year on, next year's official schedule is expected (the
# State Council publishes it in late October or November).
NEXT_YEAR_FROM = (11, 1)


def check_calendar(data_dir: Path | None, today: dt.date) -> list[Finding]:
    """This year's schedule is official; from 1 November next year's is too."""
    from township.calendar import LAST_YEAR, WorkCalendar
    from township.storage.files import load_schedules

    try:
        schedules = load_schedules(data_dir) if data_dir is not None else {}
    except TownshipError as exc:
        return [_error("calendar", "E001", exc.template, **exc.params)]
    calendar = WorkCalendar(schedules)
    years = [today.year]
    if (today.month, today.day) >= NEXT_YEAR_FROM and today.year < LAST_YEAR:
        years.append(today.year + 1)
    found = []
    for year in years:
        if calendar.is_provisional_year(year):
            found.append(
                _warning(
                    "calendar",
                    "W001" if year == today.year else "W002",
                    Text(
                        "{year} 年的官方放假安排尚未导入，该年的期限按推算日历计算（暂定）；"
                        "国务院办公厅公布后请运行 township calendar import FILE。",
                        "The official schedule of {year} is not imported, so its deadlines are "
                        "provisional; once the State Council publishes it, run township "
                        "calendar import FILE.",
                    ),
                    year=year,
                )
            )
    if found:
        return found
    if len(years) == 1:
        return [
            _passed(
                "calendar",
                Text(
                    "{year} 年的官方放假安排已有；明年的自 11 月 1 日起检查。",
                    "The official schedule of {year} is known; next year's is checked from "
                    "1 November.",
                ),
                year=today.year,
            )
        ]
    return [
        _passed(
            "calendar",
            Text(
                "{year} 年和 {next} 年的官方放假安排都已有。",
                "The official schedules of {year} and {next} are known.",
            ),
            year=today.year,
            next=today.year + 1,
        )
    ]


# -- the data directory and the audit log ---------------------------------------------


def check_data(data_dir: Path, kinds: Mapping[str, Kind] | None = None) -> list[Finding]:
    """The directory exists and is its owner's alone; every data file reads."""
    from township.calendar import CALENDAR_FILE
    from township.storage.files import load_schedules
    from township.storage.store import Store

    if not data_dir.is_dir():
        return [
            _error(
                "data",
                "E001",
                Text(
                    "数据目录 {path} 不存在；请先运行 township init（或用 --data-dir 指定）。",
                    "The data directory {path} does not exist; run township init first (or "
                    "point --data-dir at it).",
                ),
                path=str(data_dir),
            )
        ]
    found = []
    mode = stat.S_IMODE(os.stat(data_dir).st_mode)
    if mode & 0o077:
        found.append(
            _warning(
                "data",
                "W001",
                Text(
                    "数据目录 {path} 的权限是 {mode}，其他用户也能访问（其中有个人信息）；"
                    "请运行 chmod 700 {path}。",
                    "The data directory {path} has mode {mode}: other users can reach it (it "
                    "holds personal data); run chmod 700 {path}.",
                ),
                path=str(data_dir),
                mode=oct(mode)[2:],
            )
        )
    store = Store(data_dir)
    files = 0
    readers: list[tuple[str, Callable[[], object]]] = []
    for kind in (registry.KINDS if kinds is None else kinds).values():
        try:
            years = store.years(kind)
        except TownshipError as exc:
            found.append(_error("data", "E002", exc.template, **exc.params))
            continue
        for year in years:
            path = data_dir / store.record_file(kind, year)
            readers.append((str(path), lambda p=path: store.storage_cls(p).read()))  # type: ignore[call-arg]
    readers.append((CALENDAR_FILE, lambda: load_schedules(data_dir)))
    for _name, read in readers:
        try:
            read()
        except TownshipError as exc:
            found.append(_error("data", "E002", exc.template, **exc.params))
        except OSError as exc:
            found.append(
                _error(
                    "data",
                    "E002",
                    Text(
                        "无法读取 {path}（{detail}）；请检查文件和权限。",
                        "Cannot read {path} ({detail}); check the file and its permissions.",
                    ),
                    path=_name,
                    detail=str(exc),
                )
            )
        else:
            files += 1
    if any(f.level == "error" for f in found):
        return found
    return found or [
        _passed(
            "data",
            Text("数据目录 {path} 的 {n} 个文件都可以读取。", "The {n} files of {path} all read."),
            path=str(data_dir),
            n=files,
        )
    ]


def check_audit(data_dir: Path, lock_timeout: float = 10.0) -> list[Finding]:
    """The audit log verifies: the chain is unbroken and replays to the stored records."""
    from township.storage.store import Store

    try:
        report = Store(data_dir, lock_timeout=lock_timeout).verify()
    except TownshipError as exc:
        return [_error("audit", "E001", exc.template, **exc.params)]
    if not report.ok:
        # The first problem explains what follows it (``Store.verify``).
        problem = report.problems[0]
        message = problem.message
        if "township audit" not in message.zh:
            message = Text(
                message.zh + "请运行 township audit verify 查看。",
                message.en + " Run township audit verify for the details.",
            )
        return [_error("audit", "E001", message, **problem.params)]
    return [
        _passed(
            "audit",
            Text(
                "{lines} 行，哈希链连续，重放结果与 {documents} 条存储记录一致。",
                "{lines} lines, the chain unbroken, replaying to the {documents} stored documents.",
            ),
            lines=report.lines,
            documents=report.documents,
        )
    ]


# -- everything ------------------------------------------------------------------------


def check_installation(
    data_dir: Path, today: dt.date, *, lock_timeout: float = 10.0
) -> list[Finding]:
    """Every check, in the order of ``CHECKS``: what ``township check`` prints.

    Without a data directory, the checks that need one are not run: the
    data check says so, with what to do.
    """
    registry_found = check_registry()
    found = registry_found or [
        _passed(
            "registry",
            Text(
                "{kinds} 个类别、{rules} 条规则，起算和完成步骤都已声明，前缀唯一，目录齐全。",
                "{kinds} kinds, {rules} rules: every step a rule names is declared, prefixes "
                "are unique, catalogues complete.",
            ),
            kinds=len(registry.KINDS),
            rules=len(_rules()),
        )
    ]
    data = check_data(data_dir)
    if not data_dir.is_dir():
        return found + check_calendar(None, today) + data
    found += check_config(data_dir, today)
    found += check_calendar(data_dir, today)
    readable = not any(f.level == "error" for f in data)
    found += check_audit(data_dir, lock_timeout) if readable else []
    return found + data


def _rules() -> Mapping[str, Rule]:
    from township.book.rules import RULES

    return RULES
