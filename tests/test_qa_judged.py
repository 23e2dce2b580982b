"""End-to-end checks as the issues' "How it is judged" sections say, from the CLI.

Each test runs the product on a fresh data directory the way a judge would:
steps in and out of order, a quarter that ends on a rest day, every view read
for personal data, damaged files, and the clocks counted by hand.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from click.testing import Result

NAME = "张三丰"
PHONE = "13800138000"
ID_NUMBER = "110101199001011234"


def _ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.output


def _files(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _medical_aid(run, today: str = "2024-06-03") -> str:
    _ok(run("init", today=today))
    out = _ok(
        run(
            "medical-aid", "apply", "--applicant", NAME, "--village", "东村",
            "--costs", "12000", "--condition", "high-costs", "--recipient", "none",
            "--cause", "illness", "--contact", PHONE, "--id-number", ID_NUMBER,
            today=today,
        )
    )  # fmt: skip
    assert "MED-2024-0001" in out
    return "MED-2024-0001"


def test_medical_aid_out_of_order_then_quarter_ending_on_a_sunday(run) -> None:
    rid = _medical_aid(run)
    # The county decides before the township has reviewed: refused, exit 2,
    # naming the next step (the township's review) and its command.
    early = run("medical-aid", "decide", rid, "--result", "approved", today="2024-06-03")
    assert early.exit_code == 2
    assert "medical-aid review" in early.output
    assert "Traceback" not in early.output
    out = _ok(
        run(
            "medical-aid", "review", rid, "--opinion", "approve", "--note", "入户调查属实",
            "--visited", "2024-06-03", today="2024-06-03", lang="en",
        )
    )  # fmt: skip
    # The county approves every quarter (民政工作有关制度 三(四)2⑶): the
    # quarter of 2024-06-03 ends on 2024-06-30, a Sunday; the next working day
    # is Monday 2024-07-01 (no holiday that day).
    assert "due 2024-07-01" in out
    shown = json.loads(_ok(run("medical-aid", "show", rid, "--format", "json", today="2024-06-03")))
    assert "2024-07-01" in json.dumps(shown)
    # Decided once: a second decision is refused, naming no further step.
    _ok(run("medical-aid", "decide", rid, "--result", "approved", today="2024-07-01"))
    again = run("medical-aid", "decide", rid, "--result", "approved", today="2024-07-01")
    assert again.exit_code == 2


def test_medical_aid_personal_data_masked_in_every_view(run, tmp_path: Path) -> None:
    rid = _medical_aid(run)
    views = [
        ("medical-aid", "list"),
        ("medical-aid", "list", "--format", "json"),
        ("medical-aid", "show", rid),
        ("medical-aid", "show", rid, "--format", "json"),
        ("search", "东村"),
        ("export", "medical-aid"),
        ("export", "medical-aid", "--format", "json"),
        ("overdue",),
        ("stats",),
    ]
    for args in views:
        out = _ok(run(*args, today="2024-06-03"))
        for secret in (NAME, PHONE, ID_NUMBER):
            assert secret not in out, (args, secret)
    # The name itself is not a search key without --reveal.
    assert rid not in _ok(run("search", NAME, today="2024-06-03"))
    book = tmp_path / "m.xlsx"
    _ok(run("export", "medical-aid", "--format", "xlsx", "--output", str(book), today="2024-06-03"))
    with zipfile.ZipFile(book) as z:
        text = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    for secret in (NAME, PHONE, ID_NUMBER):
        assert secret not in text


def test_classified_briefing_subject_masked_everywhere(run, tmp_path: Path) -> None:
    _ok(run("init", today="2024-06-03"))
    subject = "防汛部署绝密件"
    _ok(
        run(
            "briefing", "receive", "--subject", subject, "--from", "县委",
            "--level", "机密", "--handler", "王保密", today="2024-06-03",
        )
    )  # fmt: skip
    # A confidential report without its secrecy officer is refused.
    no_handler = run(
        "briefing", "receive", "--subject", "x", "--from", "县委", "--level", "机密",
        today="2024-06-03",
    )  # fmt: skip
    assert no_handler.exit_code == 2
    for args in [
        ("briefing", "list"),
        ("briefing", "show", "BRF-2024-0001"),
        ("briefing", "show", "BRF-2024-0001", "--format", "json"),
        ("search", "防汛"),
        ("export", "briefing"),
        ("export", "briefing", "--format", "json"),
        ("briefing", "register", "--year", "2024", "--draft"),
    ]:
        assert subject not in _ok(run(*args, today="2024-06-03")), args
    # With --reveal the clerk finds it (and the reveal is audited).
    assert "BRF-2024-0001" in _ok(run("search", "防汛", "--reveal", today="2024-06-03"))
    # Out of order: archived before it was passed on.
    early = run("briefing", "archive", "BRF-2024-0001", today="2024-06-03")
    assert early.exit_code == 2
    assert "briefing pass-on" in early.output


def test_damaged_files_refused_and_left_as_they_were(run, data_dir: Path) -> None:
    rid = _medical_aid(run)
    _ok(run("briefing", "receive", "--subject", "s", "--from", "县委", today="2024-06-03"))
    (data_dir / "briefings" / "2024.json").write_text('{"_default": {"1": {"id": 5')
    (data_dir / "medical-aid" / "2024.json").write_bytes(b"\x00\xff garbage")
    before = _files(data_dir)
    for args in [
        ("briefing", "list"),
        ("briefing", "show", "BRF-2024-0001"),
        ("briefing", "pass-on", "BRF-2024-0001", "--to", "党政办"),
        ("briefing", "receive", "--subject", "t", "--from", "县委"),
        ("medical-aid", "list"),
        ("medical-aid", "show", rid),
        ("medical-aid", "decide", rid, "--result", "approved"),
        ("overdue",),
        ("stats",),
        ("search", "x"),
        ("export", "medical-aid"),
        ("export", "briefing", "--format", "json"),
    ]:
        result = run(*args, today="2024-06-03")
        assert result.exit_code == 3, (args, result.output)
        assert "Traceback" not in result.output
        assert "corrupt" in run(*args, today="2024-06-03", lang="en").output
    assert _files(data_dir) == before


def test_full_width_digits_and_invisible_text(run) -> None:
    _ok(run("init", today="2024-06-03"))
    # Full-width digits, as a Chinese input method types them, are a date.
    _ok(run("overdue", today="２０２４-０６-０３"))
    out = _ok(
        run(
            "briefing", "receive", "--subject", "s", "--from", "县委",
            "--on", "２０２４-０６-０２", today="2024-06-03",
        )
    )  # fmt: skip
    assert "BRF-2024-0001" in out
    for value in ("\u200b", "\u3000", "\u200d\u200b"):
        refused = run("briefing", "receive", "--subject", "s", "--from", value, today="2024-06-03")
        assert refused.exit_code == 2, repr(value)
    # Control characters and bidi overrides are shown escaped, never raw.
    _ok(
        run(
            "briefing", "receive", "--subject", "a\x1b[31mb\u202ec", "--from", "县委",
            today="2024-06-03",
        )
    )  # fmt: skip
    for args in [("briefing", "list"), ("briefing", "show", "BRF-2024-0002")]:
        shown = _ok(run(*args, today="2024-06-03"))
        assert "\x1b" not in shown and "\u202e" not in shown


def test_petition_extensions_add_up_to_thirty_days(run) -> None:
    _ok(run("init", today="2026-01-05"))
    _ok(run("petition", "receive", "--petitioner", "赵六", "--matter", "土地", today="2026-01-05"))
    # Accepted 2026-01-05: concluded within 60 days (限时办结制 5) ->
    # Jan 5 + 26 = Jan 31, + 28 = Feb 28, + 6 = 2026-03-06 (a Friday).
    out = _ok(run("petition", "accept", "PET-2026-0001", today="2026-01-05", lang="en"))
    assert "due 2026-03-06" in out
    ext = ("petition", "extend", "PET-2026-0001", "--approved-by", "镇长", "--reason", "r")
    # + 20 days -> 2026-03-26 (Thursday).
    assert "due 2026-03-26" in _ok(run(*ext, "--days", "20", today="2026-01-05", lang="en"))
    # 20 + 15 > 30: refused, nothing written.
    assert run(*ext, "--days", "15", today="2026-01-05").exit_code == 2
    # The default is what is left (10): 2026-04-05 is 清明 (holidays 4-6
    # April 2026), so the due date rolls to Tuesday 2026-04-07.
    assert "due 2026-04-07" in _ok(run(*ext, today="2026-01-05", lang="en"))
    assert run(*ext, today="2026-01-05").exit_code == 2


def test_preferential_payment_period_and_as_of(run) -> None:
    _ok(run("init", today="2026-01-05"))
    # 优待金: the period of 2025 runs 2025-12-01 .. 2026-01-31 (a Saturday),
    # due at its end rolled to Monday 2026-02-02. The data directory was made
    # on 2026-01-05, inside that period, which is owed in full.
    shown = json.loads(
        _ok(
            run(
                "duty", "show", "preferential-payment", "--as-of", "2026-02-02",
                "--format", "json", today="2026-02-02",
            )
        )
    )  # fmt: skip
    first = shown["periods"][0]
    assert (first["period"], first["due"]) == ("2025", "2026-02-02")
    # Done on Sunday 2026-02-01, between the period's end and its rolled due
    # date: it meets 2025.
    out = _ok(
        run(
            "duty", "done", "preferential-payment", "--on", "2026-02-01",
            today="2026-02-02", lang="en",
        )
    )  # fmt: skip
    assert "meets 2025" in out


def test_out_of_order_refusal_reads_in_english(run) -> None:
    rid = _medical_aid(run)
    # Step labels are events ("county decided"): the sentence names the step
    # rather than using it as a verb ("it cannot county decided").
    early = run("medical-aid", "decide", rid, "--result", "approved", today="2024-06-03", lang="en")
    assert early.exit_code == 2
    assert "it cannot county decided" not in early.output
    assert "the step county decided (medical-aid decide) is not allowed now" in early.output
    assert "Next allowed step: township reviewed (medical-aid review)." in early.output


def test_rules_of_a_kind_without_periods_says_so(run) -> None:
    _ok(run("init", today="2024-06-03"))
    # 五保 has no period in the rule book: it is said so (exit 0, no clock
    # invented) rather than "no rules of kind" as if wubao were not a kind.
    for name, key in (("wubao", "wubao"), ("救灾救济", "disaster-aid"), ("briefing", "briefing")):
        result = run("rules", "--kind", name, today="2024-06-03", lang="en")
        assert result.exit_code == 0
        assert f"({key}): the text sets no period; no deadline is counted." in result.output
    unknown = run("rules", "--kind", "nosuch", today="2024-06-03", lang="en")
    assert unknown.exit_code == 2
    assert "No rules of kind 'nosuch'" in unknown.output
