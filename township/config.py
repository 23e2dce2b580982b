"""``township.toml``: the office's name, hotline, rule periods, services.

Loaded once per command (khal-style, no module state). A file that does not
parse is an error naming the line; a value of the wrong type or an unknown
rule is an error naming the key and its line. A rule period must be a whole
number from 1 to 365. Nothing is silently ignored.

Example::

    name = "某某镇人民政府"
    hotline = "0832-3580006"

    [rules]
    complaint-handling = 10

    [report]
    serious-after = 5
    due-within = 2

    [services]
    "最低生活保障申请" = 10
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from township.errors import ConfigError
from township.i18n import Text

CONFIG_NAME = "township.toml"

TEMPLATE = """\
# township configuration. Dates are YYYY-MM-DD; periods are numbers of days
# in the rule's own unit (working days or calendar days).
name = "某某镇人民政府"
hotline = "0832-3580006"

[report]
# Overdue by more than this many working days is 严重逾期.
serious-after = 5
# The daily report also lists what falls due within this many working days.
due-within = 2

[rules]
# Override a rule's period, e.g.:
# complaint-handling = 10

[services]
# The published service catalogue (服务承诺制): name = committed working days.
"最低生活保障申请" = 10
"临时救助申请" = 5
"《就业失业登记证》办理" = 3
"""


@dataclass(frozen=True)
class Config:
    """The settings of one data directory."""

    name: str = "某某镇人民政府"
    hotline: str = ""
    rules: dict[str, int] = field(default_factory=dict)
    services: dict[str, int] = field(default_factory=dict)
    serious_after: int = 5
    due_within: int = 2


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
    default every rule of ``township.rules``.
    """
    if known_rules is None:
        from township.rules import RULES

        known_rules = frozenset(RULES)
    path = data_dir / CONFIG_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as exc:
        raise _unreadable(path, str(exc)) from exc
    try:
        raw = tomllib.loads(text)
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
    try:
        return _from_mapping(path, raw, known_rules)
    except ConfigError as exc:
        key = str(exc.params.get("key", ""))
        exc.params["line"] = _line_of(text, key) or "?"
        raise


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
    allowed = {"name", "hotline", "rules", "services", "report"}
    for key in raw:
        if key not in allowed:
            raise _unknown(path, key, sorted(allowed))
    name = raw.get("name", Config.name)
    hotline = raw.get("hotline", Config.hotline)
    for key, value in (("name", name), ("hotline", hotline)):
        if not isinstance(value, str):
            raise _type(path, key, value, "text")
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
    return Config(name, hotline, dict(rules), dict(services), serious, within)


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
}


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
