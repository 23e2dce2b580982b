"""Bilingual text: labels and messages in Chinese (default) and English.

The library raises errors and returns labels without knowing the reader's
language; the command line picks the language once (``--lang``). A ``Text``
carries both versions and is resolved at the last moment, so that a message
can embed other translatable pieces (a step's name, a holiday's name).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


@dataclass(frozen=True)
class Text:
    """A piece of user-facing text in both languages."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        """Return the text in ``lang`` (Chinese for anything but ``en``)."""
        return self.en if lang == "en" else self.zh

    def __str__(self) -> str:
        return self.zh


def resolve(value: object, lang: str) -> object:
    """Resolve ``Text`` values (also inside lists and dicts) to ``lang``."""
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, list | tuple):
        return [resolve(v, lang) for v in value]
    if isinstance(value, Mapping):
        return {k: resolve(v, lang) for k, v in value.items()}
    return value


def render(template: Text, lang: str, params: Mapping[str, object]) -> str:
    """Fill ``template`` for ``lang`` with ``params`` (``Text`` params resolved)."""
    values = {}
    for key, value in params.items():
        value = resolve(value, lang)
        if isinstance(value, list):
            sep = ", " if lang == "en" else "、"
            value = sep.join(str(v) for v in value)
        values[key] = value
    return template.get(lang).format(**values)
