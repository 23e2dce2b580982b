"""``township.toml``: the office's name, hotline, rule periods, services.

Loaded once per command (khal-style, no module state). A file that does not
parse is an error naming the line; a value of the wrong type or an unknown
rule is an error naming the key and its line. A rule period must be a whole
number from 1 to 365. Nothing is silently ignored.

A file saved by Windows Notepad starts with a UTF-8 byte-order mark: it is
read as if it had none. Outside its quoted strings, what a Chinese keyboard
types in full-width mode is read as ASCII (NFKC): ``line　＝　１５００`` is
``line = 1500`` (``read_toml``); the strings themselves are kept as written.
A value that goes into a mail header (the office's ``name``, every text of
``[mail]``, the office names of ``[mail.departments]``) holds no line break:
one is refused naming its key, before anything is sent.

``[documents]`` names the bodies that issue documents (``government``,
``party-committee``, ``discipline-committee``, ``supervision-office``,
``printing-office``; derived from ``name`` when not set) and the number
pattern of each issued document (``case-decision = "青委发〔{year}〕{n}号"``).
``demo = true`` marks the directory ``init --demo`` made. Values equal to
what ``init`` writes are template values (``Config.is_template``): a
document that prints one is refused (``township.views.issuing``).

Example::

    name = "青山镇人民政府"
    hotline = "0832-1234567"

    [rules]
    complaint-handling = 10

    [report]
    serious-after = 5
    due-within = 2

    [services]
    "临时救助申请" = 5
    [services."大病救济"]
    days = 20
    [services."困难群众临时救助"]
    days = 5
    materials = ["身份证复印件", "户口簿复印件"]
    [services."困难群众临时救助".categories]
    "低保对象" = ["低保证复印件"]

    [dibao]
    line = 1500

    [duties]
    start = 2026-01-01
    [duties.office-meeting]
    enabled = false
    [duties.inspection]
    every = "quarter"
    office = "纪委办"

    [documents]
    party-committee = "中共青山镇委员会"
    case-decision = "青委发〔{year}〕{n}号"
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from township.errors import ConfigError
from township.i18n import Text
from township.text import ascii_form

CONFIG_NAME = "township.toml"

TEMPLATE = """\
# township 配置文件（本镇的设置）。改动后运行 township check 检查。
# 日期写作 YYYY-MM-DD；期限写天数，单位是该规则自己的单位（工作日或自然日），
# 见 township rules。
# 本镇名称，印在文书上。
name = "某某镇人民政府"
# 监督电话，印在告知书等文书上。
hotline = "0832-3580006"

[report]
# 逾期超过这么多个工作日的，列为“严重逾期”。
serious-after = 5
# 每日报告还列出这么多个工作日内到期的事项（临期）。
due-within = 2

[rules]
# 改动某条规则的期限（本镇规定），规则编号见 township rules，例如：
# complaint-handling = 10

[services]
# 本镇公布的服务目录（服务承诺制）：事项名称 = 承诺办结的工作日数。
# 制度没有列出事项和天数，请填写本镇公布的，例如：
# "临时救助申请" = 5
#
# 一个事项也可以写成一节，列出所需材料（一次性告知制），
# inquiry notify --service 事项 --have 已交材料 会列出其余全部材料：
# [services."困难群众临时救助"]
# days = 5                                   # 承诺办结的工作日数（可不写）
# materials = ["身份证复印件", "户口簿复印件"]  # 每位申请人都要交的材料
# procedure = ["向村委会提出申请", "镇民政办审核"]  # 办理程序（告知书上印出）
# basis = "本镇临时救助实施办法"               # 依据（告知书上印出）
# [services."困难群众临时救助".categories]     # 按申请人类别另需的材料
# "低保对象" = ["低保证复印件"]
#
# 本软件已内置两个事项的材料清单（规章原文所列）：「就业失业登记证」
# （七类申请人）和「大病救济」；在此写出同名事项的 materials 即以本镇清单为准。

[dibao]
# 最低生活保障（township dibao）：人均月收入标准，单位元。
# 申请人的收入达到或超过此标准时只作提示，不拒收。
# 低保的审核、审批期限按规则手册计算（township rules --kind dibao），
# 不属于服务承诺。
line = 1500

[documents]
# 印发的公文（问责决定书、督办告知书、信访告知书、否定告知书）的发文机关和发文字号。
# 上面的 name 和 hotline、下面的发文字号格式仍是模板值时，打印公文会被拒绝（可用
# --draft 打印样稿）；请改为本机关的实际名称和格式。
# 发文机关名称（不填则用默认值）：
# government = "某某镇人民政府"             # 镇政府，默认同 name
# party-committee = "中共某某镇委员会"       # 镇党委，默认由 name 推出
# discipline-committee = "中共某某镇纪律检查委员会"  # 镇纪委，默认由 name 推出
# supervision-office = "某某镇人民政府"      # 督办单位，默认同 government
# printing-office = "某某镇党政办公室"       # 版记中的印发机关，默认由 name 推出
# 发文字号格式：{year} 为年份，{n} 为当年顺序号（首次正式打印时编号，永不重复使用）。
case-decision = "某委发〔{year}〕{n}号"
supervision-notice = "某督〔{year}〕{n}号"
petition-notice = "某信告〔{year}〕{n}号"
denial-notice = "某否告〔{year}〕{n}号"
"""

# The bodies that issue documents (keys of ``[documents]``) and the keys of
# the number patterns, named after the command that prints each document.
BODIES = ("government", "party-committee", "discipline-committee", "supervision-office")
PRINTING_OFFICE = "printing-office"
PATTERNS = ("case-decision", "supervision-notice", "petition-notice", "denial-notice")
# What ``init`` writes (or township uses, when a file lacks the key) for the
# values documents print: a document printed with one of these is refused
# unless it is a draft (``township.views.issuing``).
TEMPLATE_NAME = "某某镇人民政府"
TEMPLATE_HOTLINE = "0832-3580006"
TEMPLATE_PATTERNS = {
    "case-decision": "某委发〔{year}〕{n}号",
    "supervision-notice": "某督〔{year}〕{n}号",
    "petition-notice": "某信告〔{year}〕{n}号",
    "denial-notice": "某否告〔{year}〕{n}号",
}


@dataclass(frozen=True)
class DutySetting:
    """``[duties.<duty>]``: a recurring duty switched off, its period or its office changed."""

    enabled: bool = True
    every: str | None = None
    office: str | None = None


@dataclass(frozen=True)
class DutiesConfig:
    """``[duties]``: the day the duties start from, and the settings of each duty (by id)."""

    start: dt.date | None = None
    settings: dict[str, DutySetting] = field(default_factory=dict)

    def of(self, duty: str) -> DutySetting:
        """The settings of ``duty`` (the defaults when ``[duties]`` names it not)."""
        return self.settings.get(duty, DutySetting())


def short_name(name: str) -> tuple[str, str]:
    """The township's short name and what follows 人民政府: ``青山镇人民政府`` → (青山镇, "").

    ``演示镇人民政府（虚构数据）`` → (演示镇, （虚构数据）), so that the names
    derived from it keep the mark. A name without 人民政府 is its own short name.
    """
    match = re.fullmatch(r"(.+?)人民政府(.*)", name, flags=re.DOTALL)
    return (match.group(1), match.group(2)) if match else (name, "")


@dataclass(frozen=True)
class DocumentsConfig:
    """``[documents]``: the issuing bodies' names and the number pattern of each issued document.

    ``names``: the bodies (and ``printing-office``) set in the file;
    ``patterns``: the number patterns set in the file. What is not set is
    derived from the township's name (``Config.body``) or is the template's
    pattern (``Config.pattern``).
    """

    names: dict[str, str] = field(default_factory=dict)
    patterns: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ServiceSetting:
    """``[services."name"]`` written as a table: what the office says of one service.

    ``materials`` every applicant hands in; ``categories`` the materials
    only an applicant of that category hands in (category -> names);
    ``procedure`` (办理程序) and ``basis`` (依据) are printed on the notice.
    Its ``days``, when given, are kept with the others in ``Config.services``.
    """

    materials: tuple[str, ...] = ()
    categories: dict[str, tuple[str, ...]] = field(default_factory=dict)
    procedure: tuple[str, ...] = ()
    basis: str | None = None


@dataclass(frozen=True)
class Config:
    """The settings of one data directory.

    ``demo``: the directory was made by ``township init --demo`` (``demo =
    true``): its documents print marked 演示 and template values are not
    refused. ``written``: the settings come from a township.toml (a
    directory without one has only defaults, and no template to refuse).
    """

    name: str = TEMPLATE_NAME
    hotline: str = ""
    rules: dict[str, int] = field(default_factory=dict)
    services: dict[str, int] = field(default_factory=dict)
    serious_after: int = 5
    due_within: int = 2
    dibao_line: float = 1500
    duties: DutiesConfig = field(default_factory=DutiesConfig)
    service_settings: dict[str, ServiceSetting] = field(default_factory=dict)
    documents: DocumentsConfig = field(default_factory=DocumentsConfig)
    demo: bool = False
    written: bool = False

    def body(self, key: str) -> tuple[str, str]:
        """The name of body ``key`` (or ``printing-office``) and the setting it comes from.

        Set in ``[documents]``: that value, from ``documents.<key>``. Else
        derived from ``name``: the government is the township itself, the
        party committee 中共<镇>委员会, the discipline committee
        中共<镇>纪律检查委员会, the printing office <镇>党政办公室; the
        supervision office is the government.
        """
        if key in self.documents.names:
            return self.documents.names[key], f"documents.{key}"
        if key == "supervision-office":
            return self.body("government")
        return derived_body(self.name, key), "name"

    def pattern(self, key: str) -> tuple[str, str]:
        """The number pattern ``key`` (``case-decision``) and its setting (the template's if unset)."""
        return self.documents.patterns.get(key, TEMPLATE_PATTERNS[key]), f"documents.{key}"

    def is_template(self, key: str, value: str) -> bool:
        """True when ``value`` of setting ``key`` is what ``init`` wrote (and a file was written).

        ``name``, ``hotline``, a body's name (the template's derived from
        the template's name) and a number pattern; never in a demo directory.
        """
        if self.demo or not self.written:
            return False
        if key == "name":
            return value == TEMPLATE_NAME
        if key == "hotline":
            return value == TEMPLATE_HOTLINE
        leaf = key.removeprefix("documents.")
        if leaf in TEMPLATE_PATTERNS:
            return value == TEMPLATE_PATTERNS[leaf]
        if leaf == "supervision-office":
            leaf = "government"
        return value == derived_body(TEMPLATE_NAME, leaf)


def derived_body(name: str, key: str) -> str:
    """The default name of body ``key`` for a township called ``name`` (``Config.body``)."""
    short, mark = short_name(name)
    derived = {
        "party-committee": f"中共{short}委员会{mark}",
        "discipline-committee": f"中共{short}纪律检查委员会{mark}",
        PRINTING_OFFICE: f"{short}党政办公室{mark}",
    }
    return derived.get(key, name)


def _unreadable(path: Path, detail: str) -> ConfigError:
    return ConfigError(
        Text(
            "无法读取配置文件 {path}（{detail}）；请检查后重试。",
            "Cannot read the configuration file {path} ({detail}); check it and try again.",
        ),
        path=str(path),
        detail=detail,
    )


def _positive_int(path: Path, key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _type(path, key, value, "whole number ≥ 0")
    return value


def load(data_dir: Path, known_rules: frozenset[str] | None = None) -> Config:
    """Load ``township.toml`` from ``data_dir``; defaults when it does not exist.

    ``known_rules``: the rule ids ``[rules]`` may override (unknown ones are
    refused, so a typo does not silently keep the default period); by
    default every rule of ``township.book.rules``.
    """
    path = data_dir / CONFIG_NAME
    found = read_toml(path)
    if found is None:
        return Config()
    text, raw = found
    if known_rules is None and raw.get("rules"):
        # Only a file that overrides periods needs the rule book (a cheaper start).
        from township.book.rules import configurable_rules

        known_rules = configurable_rules()
    try:
        return _from_mapping(path, raw, known_rules)
    except ConfigError as exc:
        key = str(exc.params.get("key", ""))
        exc.params["line"] = _line_of(text, key) or "?"
        raise


def read_toml(path: Path) -> tuple[str, dict[str, Any]] | None:
    """The text of ``path`` as read and its parsed tables; None when there is no file.

    A byte-order mark is dropped; outside strings and comments, characters
    are read in their NFKC form (``ascii_outside_strings``), which leaves a
    valid file as it is. A file that cannot be read, or does not parse, is a
    ``ConfigError`` (exit 3) naming the line.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise _unreadable(path, str(exc)) from exc
    text = ascii_outside_strings(text)
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        # "(at end of document)": an unclosed string, array or table; the
        # last line is where the reader should look.
        line = match.group(1) if match else str(len(text.rstrip("\n").split("\n")))
        raise ConfigError(
            Text(
                "配置文件 {path} 第 {line} 行有语法错误（{detail}）；请改正后重试。",
                "The configuration file {path} has a syntax error on line {line} ({detail}); "
                "fix it and try again.",
            ),
            path=str(path),
            line=line,
            detail=str(exc),
        ) from exc


def ascii_outside_strings(text: str) -> str:
    """``text`` with every character outside TOML strings and comments in NFKC form.

    Outside its strings and comments a valid TOML file is ASCII, which NFKC
    leaves as it is; a full-width ``＝``, ``［rules］``, ``１５００`` or U+3000
    typed by an input method becomes the ASCII a TOML reader expects. A
    full-width quote opens a string like an ASCII one. Strings and comments
    are kept as written (an office's name keeps its full-width brackets).
    """
    out: list[str] = []
    i = 0
    quote = ""  # the delimiter of the string we are in: ", ', \"\"\" or \'\'\'
    typed_wide = False  # the string was opened by a full-width quote: one closes it

    def ascii_at(start: int, count: int) -> str:
        return "".join(unicodedata.normalize("NFKC", c) for c in text[start : start + count])

    while i < len(text):
        char = text[i]
        if quote:
            if quote in ('"', '"""') and char == "\\":
                out.append(text[i : i + 2])
                i += 2
            elif text.startswith(quote, i) or (typed_wide and ascii_at(i, len(quote)) == quote):
                out.append(quote)
                i += len(quote)
                quote = ""
            else:
                if char == "\n" and len(quote) == 1:
                    quote = ""  # an unclosed one-line string: tomllib names the line
                out.append(char)
                i += 1
            continue
        norm = unicodedata.normalize("NFKC", char)
        if norm == "#":
            end = text.find("\n", i)
            end = len(text) if end == -1 else end
            out.append("#" + text[i + 1 : end])
            i = end
        elif norm in ('"', "'"):
            quote = norm * 3 if ascii_at(i, 3) == norm * 3 else norm
            typed_wide = char != norm
            out.append(quote)
            i += len(quote)
        else:
            out.append(norm)
            i += 1
    return "".join(out)


RULE_PERIOD_MAX = 365


def _line_of(text: str, dotted: str) -> int | None:
    """The line that sets ``dotted`` (``rules.complaint-handling``), if it can be found."""
    table, _, key = dotted.rpartition(".")
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("[") and not stripped.startswith("[["):
            # [services."大病救济"] is the table services.大病救济
            current = ".".join(
                part.strip().strip('"').strip("'") for part in stripped.strip("[]").split(".")
            )
            if current == dotted:
                return number
            continue
        name = stripped.partition("=")[0].strip().strip('"').strip("'")
        if "=" in stripped and current == table and name == key:
            return number
    return None


def _period(path: Path, key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= RULE_PERIOD_MAX:
        raise _type(path, key, value, f"whole number 1-{RULE_PERIOD_MAX}")
    return value


def _from_mapping(path: Path, raw: dict[str, Any], known_rules: frozenset[str] | None) -> Config:
    allowed = {
        "name",
        "hotline",
        "demo",
        "rules",
        "services",
        "report",
        "mail",
        "dibao",
        "duties",
        "documents",
    }
    for key in raw:
        if key not in allowed:
            raise _unknown(path, key, sorted(allowed))
    name = raw.get("name", Config.name)
    hotline = raw.get("hotline", Config.hotline)
    for key, value in (("name", name), ("hotline", hotline)):
        if not isinstance(value, str):
            raise _type(path, key, value, "text")
        _one_line(path, key, value)
    rules = _table(path, raw, "rules")
    for rule, days in rules.items():
        if known_rules is not None and rule not in known_rules:
            raise _unknown(path, f"rules.{rule}", sorted(known_rules))
        _period(path, f"rules.{rule}", days)
    services, settings = _services(path, raw)
    report = _table(path, raw, "report")
    for key in report:
        if key not in ("serious-after", "due-within"):
            raise _unknown(path, f"report.{key}", ["serious-after", "due-within"])
    serious = _positive_int(path, "report.serious-after", report.get("serious-after", 5))
    within = _positive_int(path, "report.due-within", report.get("due-within", 2))
    demo = raw.get("demo", False)
    if not isinstance(demo, bool):
        raise _type(path, "demo", demo, "true or false")
    return Config(
        name,
        hotline,
        dict(rules),
        dict(services),
        serious,
        within,
        _dibao_line(path, raw),
        _duties(path, raw),
        settings,
        _documents(path, raw),
        demo,
        written=True,
    )


_SERVICE_KEYS = ["days", "materials", "categories", "procedure", "basis"]


def _services(path: Path, raw: dict[str, Any]) -> tuple[dict[str, int], dict[str, ServiceSetting]]:
    """``[services]``: each service ``name = days``, or a table (``ServiceSetting``).

    The table may set ``days``, ``materials`` (a list of names),
    ``categories`` (a table: category = list of names), ``procedure`` (a
    list of lines) and ``basis`` (text); anything else, a blank or repeated
    name, or a value of the wrong type is an error naming the key.
    """
    days: dict[str, int] = {}
    settings: dict[str, ServiceSetting] = {}
    for service, value in _table(path, raw, "services").items():
        where = f"services.{service}"
        if not isinstance(value, dict):
            days[service] = _positive_int(path, where, value)
            continue
        for key in value:
            if key not in _SERVICE_KEYS:
                raise _unknown(path, f"{where}.{key}", _SERVICE_KEYS)
        if "days" in value:
            days[service] = _positive_int(path, f"{where}.days", value["days"])
        categories = value.get("categories", {})
        if not isinstance(categories, dict):
            raise _type(path, f"{where}.categories", categories, "table")
        basis = value.get("basis")
        if basis is not None and (not isinstance(basis, str) or not basis.strip()):
            raise _type(path, f"{where}.basis", basis, "text")
        settings[service] = ServiceSetting(
            materials=_names(path, f"{where}.materials", value.get("materials", [])),
            categories={
                category.strip(): _names(path, f"{where}.categories.{category}", names)
                for category, names in categories.items()
            },
            procedure=_names(path, f"{where}.procedure", value.get("procedure", [])),
            basis=basis.strip() if basis else None,
        )
    return days, settings


def _names(path: Path, key: str, value: Any) -> tuple[str, ...]:
    """A list of names, each visible text given once (a material, a step of the procedure)."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _type(path, key, value, "a list of names")
    names = tuple(v.strip() for v in value)
    if len(set(names)) != len(names):
        raise _type(path, key, value, "a list of names")
    return names


def _documents(path: Path, raw: dict[str, Any]) -> DocumentsConfig:
    """``[documents]``: the bodies' names (one line of text each) and the number patterns.

    A pattern is one line holding ``{n}`` (the serial) and may hold
    ``{year}``; any other ``{…}`` is refused naming the key.
    """
    import string

    table = _table(path, raw, "documents")
    known = [*BODIES, PRINTING_OFFICE, *PATTERNS]
    names: dict[str, str] = {}
    patterns: dict[str, str] = {}
    for key, value in table.items():
        where = f"documents.{key}"
        if key not in known:
            raise _unknown(path, where, known)
        if not isinstance(value, str) or not value.strip():
            raise _type(path, where, value, "text")
        _one_line(path, where, value)
        if key in PATTERNS:
            try:
                fields = {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
            except ValueError:
                fields = {"?"}
            if "n" not in fields or fields - {"n", "year"}:
                raise _type(path, where, value, "a pattern with {n}")
            patterns[key] = value
        else:
            names[key] = value.strip()
    return DocumentsConfig(names, patterns)


def _dibao_line(path: Path, raw: dict[str, Any]) -> float:
    """``[dibao] line``: the per-capita income line in yuan (default 1500), a positive number."""
    dibao = _table(path, raw, "dibao")
    for key in dibao:
        if key != "line":
            raise _unknown(path, f"dibao.{key}", ["line"])
    line = dibao.get("line", Config.dibao_line)
    if isinstance(line, bool) or not isinstance(line, int | float) or not 0 < line < float("inf"):
        raise _type(path, "dibao.line", line, "a positive number of yuan")
    return line


def _duties(path: Path, raw: dict[str, Any]) -> DutiesConfig:
    """``[duties]``: ``start`` (a date) and one table per duty, named by its id or its label.

    A duty's table may set ``enabled`` (true/false), ``every`` ("N days",
    "month", "quarter" or "year") and ``office``; anything else, a duty the
    rule book does not have, or a value of the wrong type is an error naming
    the key.
    """
    table = _table(path, raw, "duties")
    start = table.get("start")
    if start is not None:
        if isinstance(start, str):
            try:
                # Typed on a Chinese keyboard: ``"２０２６－０１－０１"`` is read as ASCII.
                start = dt.date.fromisoformat(ascii_form(start))
            except ValueError:
                raise _type(path, "duties.start", start, "a date") from None
        if isinstance(start, dt.datetime) or not isinstance(start, dt.date):
            raise _type(path, "duties.start", start, "a date")
    duties = {key: value for key, value in table.items() if key != "start"}
    if not duties:
        return DutiesConfig(start)
    # Only a file that changes a duty needs the rule book (a cheaper start).
    from township.book.rules import EVERY_CHOICES, duty_rules, parse_every

    ids = [r.id for r in duty_rules()]
    names = {**{r.id: r.id for r in duty_rules()}, **{r.label.zh: r.id for r in duty_rules()}}
    settings: dict[str, DutySetting] = {}
    for key, value in duties.items():
        duty = names.get(key.strip())
        if duty is None:
            raise _unknown(path, f"duties.{key}", ["start", *ids])
        if duty in settings:
            raise _type(path, f"duties.{key}", key, "a duty named once")
        if not isinstance(value, dict):
            raise _type(path, f"duties.{key}", value, "table")
        enabled, every, office = True, None, None
        for name, item in value.items():
            where = f"duties.{key}.{name}"
            if name == "enabled":
                if not isinstance(item, bool):
                    raise _type(path, where, item, "true or false")
                enabled = item
            elif name == "every":
                if parse_every(item) is None:
                    raise _type(path, where, item, EVERY_CHOICES)
                every = str(parse_every(item))
            elif name == "office":
                if not isinstance(item, str) or not item.strip():
                    raise _type(path, where, item, "the name of an office")
                office = item.strip()
            else:
                raise _unknown(path, where, ["enabled", "every", "office"])
        settings[duty] = DutySetting(enabled, every, office)
    return DutiesConfig(start, settings)


def _table(path: Path, raw: dict[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise _type(path, key, value, "table")
    return value


_EXPECTED = {
    "whole number ≥ 0": Text("不小于 0 的整数", "whole number ≥ 0"),
    f"whole number 1-{RULE_PERIOD_MAX}": Text(
        f"1 到 {RULE_PERIOD_MAX} 的整数", f"whole number 1-{RULE_PERIOD_MAX}"
    ),
    "text": Text("文本", "text"),
    "table": Text("表（[节]）", "table"),
    "a list of names": Text(
        '名称列表（如 ["身份证复印件", "户口簿复印件"]，每项只写一次）',
        'a list of names (["ID card copy", "household register copy"], each once)',
    ),
    "a date": Text("日期 YYYY-MM-DD", "a date YYYY-MM-DD"),
    "true or false": Text("true 或 false", "true or false"),
    "the name of an office": Text("部门名称", "the name of an office"),
    "a duty named once": Text("每项定期工作只设一节", "each duty named once"),
    "a pattern with {n}": Text(
        '含 {n}（顺序号）、可含 {year}（年份）的发文字号格式，如 "青委发〔{year}〕{n}号"',
        'a number pattern holding {n} (the serial) and maybe {year}, e.g. "青委发〔{year}〕{n}号"',
    ),
    '"N days" (1-365), "month", "quarter" or "year"': Text(
        '"N days"（1-365）、"month"、"quarter" 或 "year"',
        '"N days" (1-365), "month", "quarter" or "year"',
    ),
}


def _one_line(path: Path, key: str, value: str) -> str:
    """``value``, or a ``ConfigError`` naming ``key`` when it holds a line break.

    The office's name heads every document and the subject of the morning
    mail; an address and an office name go into mail headers, where a line
    break would start a header of its own.
    """
    from township.text import escape_control, has_line_break

    if has_line_break(value):
        raise ConfigError(
            Text(
                "配置文件 {path} 第 {line} 行有误（{key}）：这一项不能含换行符，实际是「{value}」。"
                "请写在一行内后重试。",
                "The configuration file {path} is malformed on line {line} ({key}): it must "
                "not hold a line break, got '{value}'. Write it on one line and try again.",
            ),
            path=str(path),
            key=key,
            value=escape_control(value),
            line="?",
        )
    return value


def _type(path: Path, key: str, value: Any, expected: str) -> ConfigError:
    return ConfigError(
        Text(
            "配置文件 {path} 第 {line} 行有误（{key}）：应为 {expected}，实际是 {value}。请改正后重试。",
            "The configuration file {path} is malformed on line {line} ({key}): expected "
            "{expected}, got {value}. Fix it and try again.",
        ),
        path=str(path),
        key=key,
        expected=_EXPECTED.get(expected, expected),
        value=repr(value),
        line="?",
    )


def _unknown(path: Path, key: str, known: list[str]) -> ConfigError:
    return ConfigError(
        Text(
            "配置文件 {path} 第 {line} 行有未知的设置项 {key}；可用的有：{known}。",
            "The configuration file {path} has an unknown setting {key} on line {line}; "
            "known: {known}.",
        ),
        path=str(path),
        key=key,
        known=known,
        line="?",
    )


# -- [mail]  -------------------------------------------------------------

SECURITY_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class MailSettings:
    """``[mail]`` of ``township.toml``: the SMTP server, sender and recipients.

    The password is never in the file: ``password_env`` names the
    environment variable that holds it.
    """

    host: str
    port: int
    security: str
    user: str | None
    password_env: str | None
    sender: str
    to: tuple[str, ...]
    departments: dict[str, str]


def load_mail(data_dir: Path) -> MailSettings:
    """``[mail]`` of ``data_dir``'s ``township.toml``, checked; an error if it is missing."""
    load(data_dir)  # the whole file is valid first (syntax errors name the line)
    path = data_dir / CONFIG_NAME
    found = read_toml(path)
    text, raw = found if found is not None else ("", {})
    try:
        return _mail_settings(path, raw)
    except ConfigError as exc:
        key = str(exc.params.get("key", ""))
        exc.params["line"] = _line_of(text, key) or exc.params.get("line") or "?"
        raise


def _mail_settings(path: Path, raw: dict[str, Any]) -> MailSettings:
    mail = raw.get("mail")
    if mail is None:
        raise ConfigError(
            Text(
                "配置文件 {path} 没有 [mail] 设置（host、from、to）；请添加后重试。",
                "The configuration file {path} has no [mail] table (host, from, to); add one.",
            ),
            path=str(path),
        )
    if not isinstance(mail, dict):
        raise _type(path, "mail", mail, "table")
    known = ["host", "port", "security", "user", "password-env", "from", "to", "departments"]
    for key in mail:
        if key not in known:
            raise _unknown(path, f"mail.{key}", known)
    security = mail.get("security", "starttls")
    if security not in SECURITY_PORTS:
        raise _type(path, "mail.security", security, '"starttls", "ssl" or "none"')
    port = mail.get("port", SECURITY_PORTS[security])
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise _type(path, "mail.port", port, "port number 1-65535")
    texts = {}
    for key in ("host", "from", "user", "password-env"):
        value = mail.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise _type(path, f"mail.{key}", value, "text")
        texts[key] = value if value is None else _one_line(path, f"mail.{key}", value)
    for key in ("host", "from"):
        if texts[key] is None:
            raise _type(path, f"mail.{key}", None, "text")
    to = mail.get("to", [])
    if isinstance(to, str):
        to = [to]
    if not isinstance(to, list) or not to or not all(isinstance(a, str) and a for a in to):
        raise _type(path, "mail.to", to, "a list of addresses")
    for address in to:
        _one_line(path, "mail.to", address)
    departments = mail.get("departments", {})
    if not isinstance(departments, dict):
        raise _type(path, "mail.departments", departments, "table")
    for office, address in departments.items():
        _one_line(path, "mail.departments", office)
        if not isinstance(address, str) or not address.strip():
            raise _type(path, f"mail.departments.{office}", address, "an address")
        _one_line(path, f"mail.departments.{office}", address)
    return MailSettings(
        host=texts["host"],
        port=port,
        security=security,
        user=texts["user"],
        password_env=texts["password-env"],
        sender=texts["from"],
        to=tuple(to),
        departments=dict(departments),
    )
