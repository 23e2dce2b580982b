"""Help text wrapped by what a terminal shows: a Chinese character takes two columns.

click measures text by characters and breaks text only at spaces, so a Chinese
paragraph (no spaces) counts half its width and is cut wherever the line is
full, inside a word if need be (``townsh`` / ``ip rules``). ``install`` makes
click measure each character by its East Asian width (two columns for wide
and full-width characters) and lets a line break between two Chinese
characters, never before closing punctuation (，。）…) nor after an opening
one (（「《). English text wraps as before.
"""

from __future__ import annotations

import re
import unicodedata

from click._textwrap import TextWrapper

# A line never starts with these, nor ends with the opening ones.
_CLOSING = frozenset("，。、；：？！）」』》】〕…—’”%％·")
_OPENING = frozenset("（「『《【〔‘“")
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes (escape sequences take none)."""
    text = _ANSI.sub("", text)
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def split_wide(chunk: str) -> list[str]:
    """``chunk`` cut where a line may break: around each wide character, keeping
    punctuation with the character it belongs to; a run of narrow characters stays whole."""
    if chunk.isascii():
        return [chunk]
    pieces: list[str] = []
    join_next = False
    for char in chunk:
        narrow_run = not _wide(char) and bool(pieces) and not _wide(pieces[-1][-1])
        if pieces and (join_next or char in _CLOSING or narrow_run):
            pieces[-1] += char
        else:
            pieces.append(char)
        join_next = char in _OPENING
    return pieces


class WideTextWrapper(TextWrapper):
    """click's wrapper, measuring in terminal columns and breaking between Chinese characters."""

    def _split(self, text: str) -> list[str]:
        chunks = super()._split(text)
        return [piece for chunk in chunks for piece in split_wide(chunk)]

    def _wrap_chunks(self, chunks: list[str]) -> list[str]:
        lines: list[str] = []
        chunks.reverse()
        while chunks:
            indent = self.subsequent_indent if lines else self.initial_indent
            room = max(self.width - columns(indent), 1)
            if self.drop_whitespace and lines and not chunks[-1].strip():
                chunks.pop()
                continue
            line: list[str] = []
            used = 0
            while chunks and used + columns(chunks[-1]) <= room:
                used += columns(chunks[-1])
                line.append(chunks.pop())
            if chunks and not line:  # one word wider than the line
                if self.break_long_words:
                    word = chunks.pop()
                    cut = 1
                    while cut < len(word) and columns(word[: cut + 1]) <= room:
                        cut += 1
                    line.append(word[:cut])
                    if word[cut:]:
                        chunks.append(word[cut:])
                else:
                    line.append(chunks.pop())
            if self.drop_whitespace and line and not line[-1].strip():
                line.pop()
            if line:
                lines.append(indent + "".join(line))
        return lines


def install() -> None:
    """Make click's help formatting measure and wrap by terminal columns (once)."""
    from click import _textwrap, formatting

    if getattr(_textwrap, "_township_wide", False):
        return
    _textwrap.TextWrapper = WideTextWrapper  # type: ignore[misc]
    _textwrap._township_wide = True  # type: ignore[attr-defined]
    for module in (_textwrap, formatting):
        if hasattr(module, "term_len"):
            module.term_len = columns  # type: ignore[attr-defined]


_BREAK = re.compile(r"(\S)[ \t]*\n[ \t]*(?=(\S))")


def unwrap(text: str) -> str:
    """Wrapped help with its line breaks taken out: nothing between two characters when
    either is Chinese (the break fell inside a word), one space elsewhere."""

    def join(match: re.Match[str]) -> str:
        before, after = match.group(1), match.group(2)
        return before + ("" if _wide(before) or _wide(after) else " ")

    return _BREAK.sub(join, text)
