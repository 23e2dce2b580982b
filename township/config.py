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

Example::

    name = "某某镇人民政府"
    hotline = "0832-3580006"

    [rules]
    complaint-handling = 10

    [report]
    serious-after = 5
    due-within = 2

    [services]
    "临时救助申请" = 5

    [dibao]
    line = 1500

    [duties]
    start = 2026-01-01
    [duties.office-meeting]
    enabled = false
    [duties.inspection]
    every = "quarter"
    office = "纪委办"
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

[dibao]
# 最低生活保障（township dibao）：人均月收入标准，单位元。
# 申请人的收入达到或超过此标准时只作提示，不拒收。
# 低保的审核、审批期限按规则手册计算（township rules --kind dibao），
# 不属于服务承诺。
line = 1500
"""


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


@dataclass(frozen=True)
class Config:
    """The settings of one data directory."""

    name: str = "某某镇人民政府"
    hotline: str = ""
    rules: dict[str, int] = field(default_factory=dict)
    services: dict[str, int] = field(default_factory=dict)
    serious_after: int = 5
    due_within: int = 2
    dibao_line: float = 1500
    duties: DutiesConfig = field(default_factory=DutiesConfig)


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
            current = stripped.strip("[]").strip().strip('"')
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
    allowed = {"name", "hotline", "rules", "services", "report", "mail", "dibao", "duties"}
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
    services = _table(path, raw, "services")
    for service, days in services.items():
        _positive_int(path, f"services.{service}", days)
    report = _table(path, raw, "report")
    for key in report:
        if key not in ("serious-after", "due-within"):
            raise _unknown(path, f"report.{key}", ["serious-after", "due-within"])
    serious = _positive_int(path, "report.serious-after", report.get("serious-after", 5))
    within = _positive_int(path, "report.due-within", report.get("due-within", 2))
    return Config(
        name,
        hotline,
        dict(rules),
        dict(services),
        serious,
        within,
        _dibao_line(path, raw),
        _duties(path, raw),
    )


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
    "a date": Text("日期 YYYY-MM-DD", "a date YYYY-MM-DD"),
    "true or false": Text("true 或 false", "true or false"),
    "the name of an office": Text("部门名称", "the name of an office"),
    "a duty named once": Text("每项定期工作只设一节", "each duty named once"),
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
