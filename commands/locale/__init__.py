"""The language of the command line: click's own messages and every ``--help``.

The language is chosen once per run, before click parses anything
(``detect``: ``--lang`` anywhere on the command line, else ``TOWNSHIP_LANG``,
else Chinese), because ``--help`` is eager and may come before ``--lang``.

Two things are translated here, and only in Chinese (English is the source):

- click's own messages (``Usage:``, ``Missing option``, ``Try ... for help.``):
  click calls ``gettext``/``ngettext`` through module globals named ``_`` and
  ``ngettext``; ``install`` points them at ``gettext`` below, which looks the
  message up in ``click_zh.MESSAGES``.
- the help of our commands: one data module per top-level command under
  ``commands/locale/zh/`` (``zh/inquiry.py`` for ``township inquiry ...``),
  each a ``HELP`` dict keyed by command path. ``TownshipCommand`` reads it
  when it formats help (``commands/__init__.py``). Option help shared by many
  commands is translated once in ``zh/_common.py``, keyed by the option's
  stable id (``shared_id``), never by its English: rewording the English
  keeps the Chinese.

Nothing is imported from ``zh/`` until a Chinese help page or prompt needs it.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any

LANGS = ("zh", "en")
_state = {"lang": "zh"}  # and "scanned" once main() has read argv


def detect(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language a run asks for: ``--lang X`` anywhere, else ``TOWNSHIP_LANG``, else zh."""
    found = None
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    if found is None:
        found = environ.get("TOWNSHIP_LANG")
    return found if found in LANGS else "zh"


def set_lang(lang: str, *, scanned: bool = False) -> None:
    """Make ``lang`` the language of click's messages and of help from now on.

    ``scanned``: chosen from the whole command line before parsing (``main``);
    the ``--lang`` callbacks that run later then leave it alone, since an
    environment value read by the root group must not undo a later ``--lang``.
    """
    if scanned:
        _state["scanned"] = "yes"
    elif _state.get("scanned"):
        return
    _state["lang"] = lang if lang in LANGS else "zh"
    install()


def current() -> str:
    """The language chosen for this run."""
    return _state["lang"]


def gettext(message: str) -> str:
    """click's ``gettext``: ``message`` in the current language."""
    if _state["lang"] != "zh":
        return message
    from commands.locale.click_zh import MESSAGES

    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """click's ``ngettext`` (Chinese has no plural, so one entry serves both)."""
    return gettext(singular if n == 1 else plural)


_installed: list[bool] = []


def install() -> None:
    """Point click's ``_`` and ``ngettext`` at ours (once; cheap: no catalogue is read)."""
    if _installed:
        return
    import sys

    for name in (
        "click.core",
        "click.exceptions",
        "click.types",
        "click.decorators",
        "click.formatting",
        "click.parser",
        "click.termui",
        "click.utils",
    ):
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    _install_formats()
    from commands.locale.width import install as install_width

    install_width()  # a Chinese character takes two columns
    _installed.append(True)


def _install_formats() -> None:
    """Route the messages click assembles itself to ``click_zh`` while in Chinese.

    click builds ``Missing option '--x'. Choose from: ...`` with English
    punctuation around the translated words; in Chinese these are written
    by ``click_zh`` (「--x」, 。, a catalogue's labels). English keeps click's.
    """
    import click
    from click import exceptions

    def chinese(cls: Any, name: str, function: str) -> None:
        original = getattr(cls, name)

        def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            if _state["lang"] != "zh":
                return original(self, *args, **kwargs)
            from commands.locale import click_zh

            return getattr(click_zh, function)(self, *args, **kwargs)

        setattr(cls, name, method)

    chinese(exceptions.MissingParameter, "format_message", "missing_parameter")
    chinese(exceptions.BadParameter, "format_message", "bad_parameter")
    chinese(exceptions.NoSuchOption, "format_message", "no_such")
    if hasattr(exceptions, "NoSuchCommand"):
        chinese(exceptions.NoSuchCommand, "format_message", "no_such")
    chinese(click.Choice, "get_invalid_choice_message", "invalid_choice")
    _escape_usage_errors(exceptions.UsageError)


def _escape_usage_errors(cls: Any) -> None:
    """Show every usage error with its control characters escaped, in either language.

    click echoes a bad value back as typed (``--format $'\\x1b[2J'``, an
    unknown option or command); like every other output, the message shows
    ESC, BEL, bidi overrides and line breaks escaped (``township.text``).
    """
    original = cls.show

    def show(self: Any, file: Any = None) -> None:
        from township.text import escape_control

        message = self.format_message
        self.format_message = lambda: escape_control(message())
        try:
            original(self, file)
        finally:
            del self.format_message

    cls.show = show


# -- help catalogues --------------------------------------------------------------


def _module(path: str) -> Any:
    """The zh data module of a command path ('' is the root), or None."""
    first = path.split(" ", 1)[0] if path else "_root"
    try:
        return importlib.import_module("commands.locale.zh." + first.replace("-", "_"))
    except ModuleNotFoundError:
        return None


# The Chinese help of commands derived from a kind's declared steps
# (``commands.steps``), registered when their group is built.
DERIVED: dict[str, dict[str, Any]] = {}


def entry(path: str) -> dict[str, Any]:
    """The Chinese help of the command at ``path`` ('inquiry log'), or {}."""
    if path in DERIVED:
        return DERIVED[path]
    module = _module(path)
    found = getattr(module, "HELP", {}).get(path) if module is not None else None
    if not found and path.endswith((" list", " show")):
        found = generic_help(path)
    return found or {}


def generic_help(path: str) -> dict[str, Any] | None:
    """The Chinese help of a kind's ``list`` or ``show``, built from its registry line
    (``commands.kind_cmd.add_list_show``)."""
    from township.book.registry import KINDS

    kind, _, verb = path.rpartition(" ")
    if kind not in KINDS:
        return None
    label = KINDS[kind].label.zh
    if verb == "list":
        return {"help": f"列出{label}记录，以及每条记录的下一个期限。"}
    return {"help": f"显示一条{label}记录：各项内容、办理步骤和期限。"}


def shared_id(param: Any) -> str | None:
    """The key of an option's help in the shared table (``zh/_common.py`` ``OPTIONS``).

    The id an option declares (``commands.params.SharedOption`` ``help_id``:
    ``--format`` is ``format`` whatever its English says), else its
    destination name (``--material`` is ``materials``). Neither changes when
    the English help is reworded.
    """
    return getattr(param, "help_id", None) or getattr(param, "name", None)


def option_help(path: str, param: Any) -> str | None:
    """The Chinese help of an option: the command's own entry, else the shared one by id."""
    own = entry(path).get("options", {})
    for name in param.opts:
        if name in own:
            return own[name]
    from commands.locale.zh._common import OPTIONS

    key = shared_id(param)
    return OPTIONS.get(key) if key else None


def short_help(path: str) -> str | None:
    """The one-line Chinese summary of a command (``short``, else its first sentence).

    A top-level command's summary is in ``zh/_root.py`` ``SHORTS``, so that
    ``township --help`` reads one data module.
    """
    if path and " " not in path:
        from commands.locale.zh._root import SHORTS

        if path in SHORTS:
            return SHORTS[path]
    found = entry(path)
    if "short" in found:
        return found["short"]
    text = found.get("help")
    if not text:
        return None
    first = text.strip().split("\n\n", 1)[0].replace("\n", "")
    head, sep, _rest = first.partition("。")
    return head + sep


def prompt_text(path: str, param: Any) -> str:
    """What a terminal prompt asks for ``param``: its label, and a catalogue's values.

    The label is the entry's ``prompts`` text, else the option's help up to
    its first clause; a catalogue lists its values one a line.
    """
    lang = current()
    english = (param.help or param.name or "").strip()
    label = None
    if lang == "zh":
        for name in param.opts:
            label = label or entry(path).get("prompts", {}).get(name)
        text = label or option_help(path, param) or english
        label = label or text.split("；")[0].split("。")[0].split("（")[0]
    else:
        label = english.split(";")[0].split(" (")[0].rstrip(".")
    # A catalogue option (``commands.params.CatalogueChoice``) lists its values.
    if callable(getattr(param.type, "items", None)) and hasattr(param.type, "numbered"):
        rows = [
            f"  {key:>3}  {text}" if text else f"  {key}" for key, text in param.type.items(lang)
        ]
        tail = "请输入编号、代码或名称" if lang == "zh" else "Type the number, key or label"
        if not param.type.numbered:
            tail = "请输入代码或名称" if lang == "zh" else "Type the key or label"
        return f"{label}\n" + "\n".join(rows) + f"\n{tail}"
    return label


def _wide(char: str) -> bool:
    return ord(char) > 0x2E80


def unwrap(text: str) -> str:
    """Join the lines of each paragraph (click rewraps them; a newline would become a
    space between two Chinese characters). ``\\b`` paragraphs are kept as written."""
    paragraphs = []
    for para in text.strip().split("\n\n"):
        if para.startswith("\b"):
            paragraphs.append(para)
            continue
        lines = [line.strip() for line in para.split("\n")]
        joined = lines[0]
        for line in lines[1:]:
            if joined and line and (_wide(joined[-1]) or _wide(line[0])):
                joined += line
            else:
                joined += " " + line
        paragraphs.append(joined)
    return "\n\n".join(paragraphs)
