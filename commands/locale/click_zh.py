"""click's own messages in Chinese, keyed by click's English message ids.

Read by ``commands.locale.gettext``; a message missing here stays English,
and ``tests/test_i18n_help.py`` fails on it when it reaches a help page.

click also assembles some messages itself, with English punctuation and
quotes (``Missing option '--opinion'. Choose from: ...``). The functions
below assemble those in Chinese instead (``commands.locale.install`` routes
click's ``format_message`` to them while the language is Chinese): the
parameter in 「」, every sentence ended by 。, and the values of a catalogue
with their labels (``缺少选项「--opinion」。可选：approve 同意、reject 不同意。``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

MESSAGES = {
    # help pages
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    # errors
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用「{command} {option}」查看帮助。",
    "Invalid value: {message}": "取值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有选项「{name}」。",
    "No such command {name!r}.": "没有命令「{name}」。",
    "Did you mean {possibility}?": "是不是要用{possibility}？",
    "(Did you mean one of: {possibilities}?)": "是不是要用其中之一：{possibilities}？",
    "Option {name!r} does not take a value.": "选项「{name}」不带值。",
    "Option {name!r} requires an argument.": "选项「{name}」需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项「{name}」需要 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多出了参数：{args}。",
    "Got unexpected extra arguments ({args})": "多出了参数：{args}。",
    "Argument {name!r} takes {nargs} values.": "参数「{name}」需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "{len_type} values are required, but {len_value} was given.": (
        "需要 {len_type} 个值，给了 {len_value} 个。"
    ),
    "{len_type} values are required, but {len_value} were given.": (
        "需要 {len_type} 个值，给了 {len_value} 个。"
    ),
    "{value!r} is not {choice}.": "「{value}」不是可选值 {choice}。",
    "{value!r} is not one of {choices}.": "「{value}」不在可选值之中；可选：{choices}。",
    "Choose from:\n\t{choices}": "可选：{choices}",
    "{value!r} is not a valid {number_type}.": "「{value}」不是有效的数字。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "{value!r} does not match the format {format}.": "「{value}」不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "「{value}」不符合格式 {formats}。",
    "{value!r} is not a valid UUID.": "「{value}」不是有效的 UUID。",
    "{name} {filename!r} does not exist.": "{name}「{filename}」不存在。",
    "{name} {filename!r} is a file.": "{name}「{filename}」是文件。",
    "{name} {filename!r} is a directory.": "{name}「{filename}」是目录。",
    "{name} {filename!r} is not readable.": "{name}「{filename}」不可读。",
    "{name} {filename!r} is not writable.": "{name}「{filename}」不可写。",
    "{name} {filename!r} is not executable.": "{name}「{filename}」不可执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件「{filename}」：{message}",
    "unknown error": "未知错误",
    "Value must be an iterable.": "值必须是一组。",
    # prompts
    "Error: invalid input": "错误：输入无效",
    "Error: The two entered values do not match.": "错误：两次输入不一致。",
    "Repeat for confirmation": "再输入一次确认",
    "Aborted!": "已取消。",
    "Do you want to continue?": "要继续吗？",
    "Confirm the action without prompting.": "不再询问，直接确认。",
    "Press any key to continue...": "按任意键继续……",
}


# -- messages click assembles itself ------------------------------------------------

_QUOTED = re.compile(r"'([^']*)'")
_ENDS = ("。", "？", "！", "；", "…")


def quoted(hint: str | Sequence[str] | None) -> str:
    """click's parameter hint (``'--unit'``, ``'--as' / '-a'``, an env var) in 「」."""
    if hint is None:
        return ""
    if not isinstance(hint, str):
        return "/".join(quoted(h) for h in hint)
    if _QUOTED.search(hint):
        return _QUOTED.sub(r"「\1」", hint).replace("」 / 「", "」/「")
    return f"「{hint}」"


def sentence(text: str) -> str:
    """``text`` ended by Chinese punctuation (an English full stop becomes 。)."""
    text = text.strip()
    if not text or text.endswith(_ENDS):
        return text
    return text.rstrip(".:;,!?：，") + "。"


def listed(values: Iterable[str]) -> str:
    """Values as a Chinese list: ``workday、day``."""
    return "、".join(str(v) for v in values)


def choices_of(param_type: Any) -> str | None:
    """The values an option takes, labels included for a catalogue; None for free text."""
    describe = getattr(param_type, "describe", None)
    if callable(describe):  # commands.params.CatalogueChoice: keys and labels
        return str(describe("zh"))
    values = getattr(param_type, "choices", None)
    if values:
        return listed(str(v) for v in values)
    return None


def _hint_of(exc: Any) -> str:
    hint = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint(exc.ctx)
    return quoted(hint)


def missing_parameter(exc: Any) -> str:
    """``缺少选项「--opinion」。可选：approve 同意、reject 不同意。``"""
    kind = exc.param_type
    if kind is None and exc.param is not None:
        kind = exc.param.param_type_name
    named = {"argument": "缺少参数", "option": "缺少选项", "parameter": "缺少参数"}
    parts = [named.get(kind or "", "缺少参数") + _hint_of(exc) + "。"]
    if exc.message:
        parts.append(sentence(exc.message))
    if exc.param is not None:
        values = choices_of(exc.param.type)
        if values:
            parts.append(f"可选：{values}。")
    return "".join(parts)


def bad_parameter(exc: Any) -> str:
    """``「--unit」的取值无效：「week」不在可选值之中；可选：workday、day。``"""
    hint = _hint_of(exc)
    head = f"{hint}的取值无效：" if hint else "取值无效："
    return head + sentence(exc.message)


def invalid_choice(choice: Any, value: Any, ctx: Any = None) -> str:
    """A value outside a ``click.Choice``, the valid ones listed."""
    return f"「{value}」不在可选值之中；可选：{listed(str(v) for v in choice.choices)}。"


def no_such(exc: Any) -> str:
    """An unknown option or command, with the close matches click found."""
    message = sentence(exc.message)
    found = exc.possibilities or []
    if len(found) == 1:
        return f"{message}是不是要用「{found[0]}」？"
    if found:
        return f"{message}是不是要用其中之一：{listed(f'「{p}」' for p in sorted(found))}？"
    return message
