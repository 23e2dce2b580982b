"""Generate docs/rules.md, the rule book, from ``township.book.rules``.

Run ``python tools/rules_reference.py`` after changing a rule;
``tests/test_rules_book.py`` fails when docs/rules.md is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "rules.md"


def reference() -> str:
    """The text of docs/rules.md."""
    sys.path.insert(0, str(ROOT))
    from township.book.rules import OWNER_LABELS, RULES, describe_period

    lines = [
        "# The rule book",
        "",
        "Generated from `township/book/rules.py` by `python tools/rules_reference.py`; do not edit by",
        "hand. `township rules` prints the same table with the numbers in force (after",
        "`township.toml` `[rules]`). A *local default* is a number the office chose where the",
        "surviving text of the regulations states none; it may be changed in `[rules]`. A clock",
        "that belongs to another party (the subject's appeal window, the county's decision, the",
        "public's comment period) is shown but never overdue. *starts* lists every step that",
        "starts the clock; any one of them does (a step both meeting and starting a rule, such",
        "as a task's `progress`, meets the report due and starts the next one). The clause",
        "quotes the regulation with its number; where `[rules]` sets another number, `show`",
        "and the daily report print the number in force after it (本镇现行 N 个工作日).",
        "",
    ]
    kinds = list(dict.fromkeys(r.kind for r in RULES.values()))
    for kind in kinds:
        lines += [
            f"## {kind}",
            "",
            "| rule | what is due | period | starts | met by | whose clock | extension | clause |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for r in RULES.values():
            if r.kind != kind:
                continue
            period = describe_period(r, r.n)
            period_text = f"{period.zh} (local default)" if r.local_default else period.zh
            ext = r.extension
            extension = (
                "—"
                if ext.times == 0
                else f"{'once' if ext.times == 1 else 'as approved'}"
                + (f", up to {ext.max_n}" if ext.max_n else "")
                + f", {ext.approver.zh}"
            )
            lines.append(
                f"| `{r.id}` | {r.label.zh} ({r.label.en}) | {period_text} | "
                f"{', '.join(r.starts) or '—'} | {', '.join(r.meets) or '—'} | "
                f"{OWNER_LABELS[r.owner].zh} | {extension} | {r.clause.zh} |"
            )
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    TARGET.write_text(reference(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
