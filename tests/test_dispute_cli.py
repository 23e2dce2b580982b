"""``township dispute`` from the command line .

The mediation period (``dispute-mediation``) and the notice to the parties
(``party-notice``, 3 days) count calendar days (日): E + N, moved to the next
working day when that is a rest day. Expected dates are derived by hand in
comments from the official 2025/2026 schedules (2027 is provisional).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import Result
from conftest import Invoke

NAME, PHONE = "张小三、李小四", "13912345678"
MASKED_NAME, MASKED_PHONE = "张******", "139****5678"


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output + result.stderr
    return result


def js(result: Result) -> object:
    return json.loads(ok(result).stdout)


def register(run: Invoke, on: str, today: str | None = None, *extra: str) -> str:
    result = ok(
        run(
            "dispute",
            "register",
            "--summary",
            "宅基地界址纠纷",
            "--parties",
            NAME,
            "--contact",
            PHONE,
            "--village",
            "东风村",
            "--category",
            "1",
            "--source",
            "sweep",
            "--on",
            on,
            *extra,
            today=today or on,
        )
    )
    rid = result.stdout.splitlines()[0]
    assert re.fullmatch(r"DSP-\d{4}-\d{4}", rid), result.stdout
    return rid


def show(run: Invoke, rid: str, today: str) -> dict:
    data = js(run("dispute", "show", rid, "--format", "json", today=today))
    assert isinstance(data, dict)
    return data


def deadline(data: dict, rule: str, index: int = 0) -> dict:
    return [x for x in data["deadlines"] if x["rule"] == rule][index]


def step(run: Invoke, today: str, *args: str) -> Result:
    return run("dispute", *args, today=today)


def test_route_period_inside_spring_festival(run: Invoke) -> None:
    rid = register(run, "2026-02-10")
    out = ok(step(run, "2026-02-10", "route", rid, "--dept", "司法所", "--days", "10")).stdout
    # Handed to an office, the parties are told first: Tue 2026-02-10 + 3 = Fri 02-13.
    assert out == f"{rid} 已分流至 司法所；下一个期限：告知当事人，2026-02-13 到期。\n"
    data = show(run, rid, "2026-02-10")
    # 2026-02-10 + 10 days = 2026-02-20, inside the break 02-15..02-23 -> Tue 2026-02-24.
    med = deadline(data, "dispute-mediation")
    assert (med["trigger"], med["due"], med["state"]) == ("2026-02-10", "2026-02-24", "open")
    assert deadline(data, "party-notice")["due"] == "2026-02-13"


def test_route_period_inside_national_day(run: Invoke) -> None:
    rid = register(run, "2025-09-22")
    ok(step(run, "2025-09-22", "route", rid, "--dept", "司法所", "--days", "10"))
    # 2025-09-22 + 10 = 2025-10-02, rest 10-01..10-08 -> Thu 2025-10-09; overdue from 10-10.
    med = deadline(show(run, rid, "2025-10-09"), "dispute-mediation")
    assert (med["due"], med["state"]) == ("2025-10-09", "open")
    med = deadline(show(run, rid, "2025-10-10"), "dispute-mediation")
    assert (med["state"], med["workdays_late"]) == ("overdue", 1)


def test_package_sets_the_leader_and_extension_runs_from_the_due_date(run: Invoke) -> None:
    rid = register(run, "2026-03-02")
    ok(
        step(
            run,
            "2026-03-02",
            "package",
            rid,
            "--leader",
            "副镇长 高某",
            "--approved-by",
            "党委书记 林某",
            "--days",
            "30",
        )
    )
    data = show(run, rid, "2026-03-02")
    # 2026-03-02 + 30 = Wed 2026-04-01, a working day.
    assert deadline(data, "dispute-mediation")["due"] == "2026-04-01"
    assert data["responsible"]["person"] == "副镇长 高某"
    assert data["leader"] == "副镇长 高某" and data["approved_by"] == "党委书记 林某"
    out = ok(
        step(
            run,
            "2026-03-20",
            "extend",
            rid,
            "--approved-by",
            "党委书记 林某",
            "--days",
            "4",
            "--reason",
            "需县级部门协调",
        )
    ).stdout
    # From the current due date: 2026-04-01 + 4 = 04-05, 清明 rest 04-04..04-06 -> Tue 2026-04-07.
    assert "2026-04-07" in out
    # A second extension runs from 04-07: + 3 = Fri 2026-04-10.
    ok(
        step(
            run,
            "2026-03-21",
            "extend",
            rid,
            "--approved-by",
            "党委书记 林某",
            "--days",
            "3",
            "--reason",
            "仍需协调",
        )
    )
    assert deadline(show(run, rid, "2026-03-21"), "dispute-mediation")["due"] == "2026-04-10"


def test_stats_by_person_counts_the_leader(run: Invoke) -> None:
    rid = register(run, "2026-03-02")
    ok(
        step(
            run,
            "2026-03-02",
            "package",
            rid,
            "--leader",
            "副镇长 高某",
            "--approved-by",
            "党委书记 林某",
            "--days",
            "5",
        )
    )
    # 2026-03-02 + 5 = Sat 03-07 -> Mon 2026-03-09; resolved 03-06: on time.
    ok(step(run, "2026-03-06", "resolve", rid, "--result", "达成协议", "--approved-by", "高某"))
    data = js(
        run("stats", "--year", "2026", "--by", "person", "--format", "json", today="2026-03-31")
    )
    groups = {g["group"]: g for g in data["groups"]}
    assert groups["副镇长 高某"]["met"] == 1


def test_resolve_starts_party_notice_and_archive_needs_it(run: Invoke) -> None:
    rid = register(run, "2026-03-02")
    ok(step(run, "2026-03-02", "route", rid, "--dept", "司法所", "--days", "15"))
    # The routing is told the next day (its notice: 03-02 + 3 = Thu 03-05).
    ok(step(run, "2026-03-03", "notify", rid, "--note", "电话告知已移交司法所"))
    out = ok(
        step(
            run,
            "2026-03-05",
            "resolve",
            rid,
            "--result",
            "达成协议",
            "--approved-by",
            "副镇长 高某",
        )
    ).stdout
    # party-notice: 2026-03-05 + 3 = Sun 03-08 -> Mon 2026-03-09.
    assert "2026-03-09" in out
    data = show(run, rid, "2026-03-05")
    assert deadline(data, "dispute-mediation")["state"] == "met"
    assert deadline(data, "party-notice", 0)["state"] == "met"
    assert deadline(data, "party-notice", 1)["due"] == "2026-03-09"
    assert data["resolution_approved_by"] == "副镇长 高某"
    refused = step(run, "2026-03-06", "archive", rid)
    assert refused.exit_code == 2
    assert "dispute notify" in refused.stderr
    ok(step(run, "2026-03-09", "notify", rid))
    assert deadline(show(run, rid, "2026-03-10"), "party-notice", -1)["state"] == "met"
    ok(step(run, "2026-03-10", "archive", rid))
    assert show(run, rid, "2026-03-10")["status"] == "archived"


def test_refer_up_leaves_mediation_and_starts_party_notice(run: Invoke) -> None:
    rid = register(run, "2026-09-01")
    ok(step(run, "2026-09-01", "route", rid, "--dept", "司法所", "--days", "30"))
    ok(step(run, "2026-09-28", "refer-up", rid, "--to", "县综治办"))
    data = show(run, rid, "2026-09-28")
    med = deadline(data, "dispute-mediation")
    assert (med["met_on"], med["state"]) == ("2026-09-28", "met")
    # 2026-09-28 + 3 = 10-01, National Day rest 10-01..10-07 -> Thu 2026-10-08.
    assert deadline(data, "party-notice", -1)["due"] == "2026-10-08"
    assert data["status"] == "referred" and data["referred_to"] == "县综治办"


def test_party_notice_in_provisional_2027(run: Invoke) -> None:
    rid = register(run, "2026-12-01")
    ok(step(run, "2026-12-01", "route", rid, "--dept", "司法所", "--days", "20"))
    ok(step(run, "2026-12-30", "resolve", rid, "--result", "达成协议", "--approved-by", "高某"))
    notice = deadline(show(run, rid, "2026-12-30"), "party-notice", -1)
    # 2026-12-30 + 3 = Sat 2027-01-02 (provisional: weekend) -> Mon 2027-01-04, provisional.
    assert (notice["due"], notice["provisional"]) == ("2027-01-04", True)


@pytest.mark.parametrize(
    ("setup", "args", "expect"),
    [
        ([], ["resolve", "{id}", "--result", "x", "--approved-by", "y"], "dispute route"),
        (
            [["route", "{id}", "--dept", "司法所", "--days", "10"]],
            ["route", "{id}", "--dept", "x", "--days", "5"],
            "dispute resolve",
        ),
        (
            [["route", "{id}", "--dept", "司法所", "--days", "10"]],
            ["package", "{id}", "--leader", "x", "--approved-by", "y", "--days", "5"],
            "dispute extend",
        ),
        ([], ["notify", "{id}"], "dispute route"),
        (
            [
                ["route", "{id}", "--dept", "司法所", "--days", "10"],
                ["notify", "{id}"],
            ],
            ["notify", "{id}"],
            "dispute resolve",
        ),
        (
            [
                ["route", "{id}", "--dept", "司法所", "--days", "10"],
                ["resolve", "{id}", "--result", "x", "--approved-by", "y"],
            ],
            ["archive", "{id}"],
            "dispute notify",
        ),
        (
            [["route", "{id}", "--dept", "司法所", "--days", "10"]],
            ["resolve", "{id}", "--result", "x"],
            "缺少选项「--approved-by」",
        ),
        (
            [["route", "{id}", "--dept", "司法所", "--days", "10"]],
            ["resolve", "{id}", "--result", "x", "--approved-by", "\u200b"],
            "同意结案的领导",
        ),
        (
            [["route", "{id}", "--dept", "司法所", "--days", "10"]],
            ["extend", "{id}", "--days", "5", "--reason", "r"],
            "--approved-by",
        ),
        (
            [["route", "{id}", "--dept", "司法所", "--days", "10"]],
            ["extend", "{id}", "--days", "5", "--reason", "r", "--approved-by", " "],
            "--approved-by",
        ),
        ([], ["package", "{id}", "--leader", "x", "--days", "5"], "缺少选项「--approved-by」"),
    ],
)
def test_out_of_order_refused_with_the_next_step(
    run: Invoke, data_dir: Path, setup: list[list[str]], args: list[str], expect: str
) -> None:
    rid = register(run, "2026-03-02")
    for s in setup:
        ok(step(run, "2026-03-02", *[a.format(id=rid) for a in s]))
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    result = step(run, "2026-03-02", *[a.format(id=rid) for a in args])
    assert result.exit_code == 2, result.output
    assert expect in result.stderr
    after = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    assert after == before


def test_extension_after_the_due_date_is_refused(run: Invoke) -> None:
    rid = register(run, "2026-03-02")
    ok(step(run, "2026-03-02", "route", rid, "--dept", "司法所", "--days", "3"))
    # 2026-03-02 + 3 = Thu 2026-03-05; approving on 03-06 is too late.
    result = step(
        run, "2026-03-06", "extend", rid, "--approved-by", "林某", "--days", "5", "--reason", "r"
    )
    assert result.exit_code == 2 and "2026-03-05" in result.stderr


def test_days_must_be_given_and_sane(run: Invoke) -> None:
    rid = register(run, "2026-03-02")
    assert step(run, "2026-03-02", "route", rid, "--dept", "司法所").exit_code == 2
    result = step(run, "2026-03-02", "route", rid, "--dept", "司法所", "--days", "0")
    assert result.exit_code == 2 and "调处期限" in result.stderr and "365" in result.stderr


def test_catalogues_refuse_unknown_values(run: Invoke) -> None:
    bad = run("dispute", "register", "--summary", "x", "--parties", "y", "--category", "5")
    assert (
        bad.exit_code == 2 and "--category" in bad.stderr and "影响社会治安的突出问题" in bad.stderr
    )
    bad = run("dispute", "register", "--summary", "x", "--parties", "y", "--source", "phone")
    assert bad.exit_code == 2 and "sweep" in bad.stderr
    rid = ok(
        run(
            "dispute",
            "register",
            "--summary",
            "x",
            "--parties",
            "y",
            "--category",
            "③",
            "--source",
            "来访",
        )
    ).stdout.splitlines()[0]
    data = show(run, rid, "2026-03-02")
    assert (data["category"], data["source"]) == (3, "visit")


@pytest.mark.parametrize("fmt", ["table", "plain", "github", "html", "csv", "tsv", "json"])
def test_parties_masked_in_every_format(run: Invoke, fmt: str) -> None:
    rid = register(run, "2026-03-02")
    for command in (("list",), ("show", rid)):
        out = ok(run("dispute", *command, "--format", fmt)).stdout
        assert "张小三" not in out and "李小四" not in out and PHONE not in out
        assert MASKED_NAME in out
        if command[0] == "show" or fmt == "json":
            assert MASKED_PHONE in out


def test_reveal_is_audited(run: Invoke, data_dir: Path) -> None:
    rid = register(run, "2026-03-02")
    out = ok(run("dispute", "show", rid, "--reveal")).stdout
    assert NAME in out and PHONE in out
    lines = (data_dir / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    last = json.loads(lines[-1])
    assert last["action"] == "reveal" and last["id"] == rid
    out = ok(run("dispute", "list", "--reveal", "--format", "csv")).stdout
    assert NAME in next(csv.DictReader(io.StringIO(out))).values()


def test_export_masks_and_overdue_json_shape(run: Invoke) -> None:
    rid = register(run, "2026-03-02")
    ok(step(run, "2026-03-02", "route", rid, "--dept", "司法所", "--days", "3"))
    exported = ok(run("export", "dispute", "--format", "json")).stdout
    assert "张小三" not in exported and PHONE not in exported
    # Due Thu 2026-03-05; on Mon 03-09 overdue by 2 working days (03-06, 03-09).
    items = js(run("overdue", "--as-of", "2026-03-09", "--format", "json", today="2026-03-09"))
    assert isinstance(items, list)
    item = next(i for i in items if i["id"] == rid)
    assert set(item) >= {
        "id",
        "kind",
        "rule",
        "trigger",
        "due",
        "state",
        "workdays_late",
        "serious",
        "responsible",
        "provisional",
    }
    assert (item["kind"], item["rule"], item["due"], item["state"], item["workdays_late"]) == (
        "dispute",
        "dispute-mediation",
        "2026-03-05",
        "overdue",
        2,
    )
    assert item["responsible"]["dept"] == "司法所"


def test_english(run: Invoke) -> None:
    rid = register(run, "2026-03-02")
    result = run("dispute", "resolve", rid, "--result", "x", "--approved-by", "y", lang="en")
    assert (
        result.exit_code == 2
        and "dispute route" in result.stderr
        and "Next allowed" in result.stderr
    )


@pytest.mark.parametrize(
    "command",
    [
        ("export", "dispute", "--format", "csv"),
        ("export", "dispute", "--format", "json"),
        ("export", "audit", "--format", "csv"),
        ("audit", "log", "--format", "json"),
        ("overdue", "--as-of", "2026-03-09", "--format", "html"),
    ],
)
def test_parties_masked_in_exports_audit_and_report(run: Invoke, command: tuple) -> None:
    rid = register(run, "2026-03-02")
    ok(step(run, "2026-03-02", "route", rid, "--dept", "司法所", "--days", "3"))
    out = ok(run(*command, today="2026-03-09")).stdout
    assert "张小三" not in out and "李小四" not in out and PHONE not in out


def test_the_notice_period_in_force_and_no_number_in_help(run: Invoke, data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "township.toml").write_text("[rules]\nparty-notice = 5\n", encoding="utf-8")
    rid = register(run, "2026-03-02")
    ok(step(run, "2026-03-02", "route", rid, "--dept", "司法所", "--days", "10"))
    # Mon 2026-03-02 + 5 (township.toml) = Sat 03-07 -> Mon 2026-03-09.
    assert deadline(show(run, rid, "2026-03-02"), "party-notice")["due"] == "2026-03-09"
    paths = [(), *[(name,) for name in ("register", "route", "package", "extend", "refer-up",
                                        "resolve", "notify", "archive", "list", "show")]]  # fmt: skip
    for path in paths:
        for lang in ("zh", "en"):
            text = " ".join(ok(run("dispute", *path, "--help", lang=lang)).stdout.split())
            prose = re.sub(r"(示例：|Example:).*?(选项:|Options:)", "", text)
            prose = re.sub(r"--category.*?--source", "", prose)  # the numbered categories
            assert not re.search(r"(?<![\d-])[35](?![\d-])|三日", prose), (path, lang, text)
    for name in ("route", "resolve", "refer-up"):
        assert "township rules --kind dispute" in " ".join(
            ok(run("dispute", name, "--help")).stdout.split()
        )


def test_a_packaged_dispute_tells_the_parties_once_resolved(run: Invoke) -> None:
    rid = register(run, "2026-03-02")
    args = ("--leader", "副镇长 高某", "--approved-by", "党委书记 林某", "--days", "10")
    ok(step(run, "2026-03-02", "package", rid, *args))
    # 领导包案 is not 移交有关部门: no notice yet, and none to give.
    assert [x["rule"] for x in show(run, rid, "2026-03-02")["deadlines"]] == ["dispute-mediation"]
    refused = step(run, "2026-03-02", "notify", rid)
    assert refused.exit_code == 2 and "dispute resolve" in refused.stderr
    ok(step(run, "2026-03-03", "resolve", rid, "--result", "达成协议", "--approved-by", "高某"))
    ok(step(run, "2026-03-04", "notify", rid))
    assert show(run, rid, "2026-03-04")["status"] == "notified"
