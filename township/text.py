"""Text as people type it and as terminals show it.

``clean_required`` refuses a value that is empty, blank or made only of
invisible characters (zero-width spaces, U+3000 ideographic space, BOM...)
where text is required, and strips what surrounds it. ``escape_control``
shows stored control characters (ESC, C0 but tab, DEL, C1, bidi overrides,
line and paragraph separators) escaped as ``\\x1b`` or ``\\u202e``, so that a
stored value can neither drive the terminal nor start a line that looks like
another row. Text is stored as given; only its display is escaped.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab, DEL, C1 controls; the bidi embeddings, overrides and
# isolates; the line/paragraph separators that some terminals and editors
# treat as a line break; newline and carriage return too (a field is one cell).
_CONTROL = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)

# Characters that show nothing: a value made only of these (and whitespace)
# is blank to the reader.
_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufeff\uffa0"
)


_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_control(value: str, *, keep_newlines: bool = False) -> str:
    """``value`` with control and bidi characters shown escaped (tab kept).

    ``\\x1b`` for ESC, ``\\u202e`` for a right-to-left override, ``\\n`` for a
    newline (one field stays on one line); ``keep_newlines`` keeps line
    breaks, for text that is made of lines (a printable notice).
    """
    if not _CONTROL.search(value):
        return value
    if keep_newlines:
        return "\n".join(_CONTROL.sub(_escape_one, line) for line in value.split("\n"))
    return _CONTROL.sub(_escape_one, value)


def is_blank(value: str) -> bool:
    """True when ``value`` shows nothing: only whitespace and invisible characters."""
    for ch in value:
        if ch.isspace() or ch in _INVISIBLE:
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf", "Zs", "Zl", "Zp"):
            continue
        return False
    return True


def visible(value: str) -> str:
    """``value`` without the whitespace and invisible characters around it."""
    return value.strip().strip("".join(_INVISIBLE)).strip()
