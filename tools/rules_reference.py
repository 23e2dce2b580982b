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
    from township.book.wording import NORMALISED
    from township.kinds.complaint import CATEGORIES, LOCAL, OFFICE_CATEGORIES

    lines = [
        "# The rule book",
        "",
        "Generated from `township/book/rules.py` by `python tools/rules_reference.py`; do not edit by",
        "hand. `township rules` prints the same table with the numbers in force (after",
        "`township.toml` `[rules]`). A period marked 本镇规定 (local rule) is a number the office",
        "chose where the surviving text of the regulations states none; it may be changed in",
        "`[rules]`, and `township rules`, `show`, the report and the documents call it so. A clock",
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
            period_text = f"{period.zh}（本镇规定）" if r.local_default else period.zh
            ext = r.extension
            extension = (
                "—"
                if ext.times == 0
                else f"{'once' if ext.times == 1 else 'as approved'}"
                + (f", up to {ext.max_n}" if ext.max_n else "")
                + (" in all" if ext.total else "")
                + f", {ext.approver.zh}"
            )
            lines.append(
                f"| `{r.id}` | {r.label.zh} ({r.label.en}) | {period_text} | "
                f"{', '.join(r.starts) or '—'} | {', '.join(r.meets) or '—'} | "
                f"{OWNER_LABELS[r.owner].zh} | {extension} | {r.clause.zh} |"
            )
        lines.append("")
    lines += [
        "## The wording of the copy",
        "",
        "The surviving compilation is a degraded copy. Where the project quotes or labels it",
        "(the clauses above, the catalogues of 行政问责制, the labels of steps and fields, the",
        "materials of a service), it reads these words as the standard terms they stand for",
        "(`township/book/wording.py`):",
        "",
        "| the copy says | read as | where |",
        "| --- | --- | --- |",
        *[f"| {w.copy} | {w.read} | {w.where} |" for w in NORMALISED],
        "",
        "## The office's own",
        "",
        "Where the surviving text is silent, what the office added is shown as its own:",
        "",
        "- the periods marked 本镇规定 above (`Rule.local_default`);",
        f"- the complaint categories (效能投诉制) marked {LOCAL.zh}: "
        + "；".join(
            CATEGORIES[n].zh.replace(f"（{LOCAL.zh}）", "") for n in sorted(OFFICE_CATEGORIES)
        )
        + ".",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    TARGET.write_text(reference(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
