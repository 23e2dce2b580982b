"""township decision (决策公开制度): the comment period and the submission rule.

``decision-comment-period`` is 5 working days: its last day is the 5th working
day after the publication day, and the decision may go to the Party committee
only on a day after that last day. Every expected date below is counted by hand
on the official calendars:

- 2026 Spring Festival: 02-15 (Sun) .. 02-23 (Mon) off; 02-14 (Sat) and
  02-28 (Sat) are make-up working days.
- 2026 National Day: 10-01 .. 10-07 off; 09-20 (Sun) and 10-10 (Sat) make-up;
  09-25 (Fri) is the Mid-Autumn holiday.
- 2027 is provisional (no official schedule yet): weekends and the fixed
  public holidays only.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import CLERK, Invoke, d, take

from township.calendar import WorkCalendar
from township.config import Config
from township.errors import BadInput
from township.kinds.decision import first_submission, period_end
from township.steps.machine import Env
from township.storage.store import Store


def _propose(run: Invoke, on: str, today: str) -> str:
    result = run(
        "decision",
        "propose",
        "--title",
        "镇区控制性详细规划修编",
        "--type",
        "plan",
        "--dept",
        "村镇建设办",
        "--on",
        on,
        today=today,
    )
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[0]


def _publish(run: Invoke, rid: str, on: str, today: str) -> None:
    result = run("decision", "publish", rid, "--channel", "board", "--on", on, today=today)
    assert result.exit_code == 0, result.output


def _opinions(run: Invoke, rid: str, on: str, today: str) -> None:
    result = run(
        "decision", "opinions", rid, "--summary", "公示期间未收到意见", "--on", on, today=today
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("published", "last"),
    [
        # Wed 02-11: 02-12 (1), 02-13 (2), Sat 02-14 make-up (3), the festival
        # 02-15..02-23 off, 02-24 (4), 02-25 (5). First day allowed 02-26.
        ("2026-02-11", "2026-02-25"),
        # Fri 02-27: Sat 02-28 make-up (1), Sun 03-01 off, 03-02 (2), 03-03 (3),
        # 03-04 (4), 03-05 (5).
        ("2026-02-27", "2026-03-05"),
        # Fri 09-18: Sat 09-19 off, Sun 09-20 make-up (1), 09-21 (2), 09-22 (3),
        # 09-23 (4), 09-24 (5).
        ("2026-09-18", "2026-09-24"),
        # Wed 09-30: 10-01..10-07 off, 10-08 (1), 10-09 (2), Sat 10-10 make-up (3),
        # Sun 10-11 off, 10-12 (4), 10-13 (5).
        ("2026-09-30", "2026-10-13"),
        # Thu 12-31: 2027-01-01 New Year off, 01-02/03 weekend, 01-04 (1) ..
        # 01-08 (5) — provisional (2027).
        ("2026-12-31", "2027-01-08"),
    ],
)
def test_comment_period_last_day(run: Invoke, published: str, last: str) -> None:
    rid = _propose(run, published, today=published)
    _publish(run, rid, published, today=published)
    shown = json.loads(run("decision", "show", rid, "--format", "json", today=published).stdout)
    (deadline,) = shown["deadlines"]
    assert deadline["rule"] == "decision-comment-period"
    assert (deadline["trigger"], deadline["due"]) == (published, last)
    assert deadline["provisional"] is (last >= "2027")
    # The public's window: never overdue, not in the daily report.
    after = (d(last) + dt.timedelta(days=20)).isoformat()
    later = json.loads(run("decision", "show", rid, "--format", "json", today=after).stdout)
    assert later["deadlines"][0]["state"] == "expired"
    report = json.loads(run("overdue", "--format", "json", "--as-of", after, today=after).stdout)
    assert not [i for i in report if i["id"] == rid]


def test_submit_on_the_last_day_refused_day_after_allowed(run: Invoke) -> None:
    today = "2026-03-02"
    rid = _propose(run, "2026-02-10", today)
    _publish(run, rid, "2026-02-11", today)
    _opinions(run, rid, "2026-02-24", today)
    # Last day 02-25 (see above): submitting that day is refused, naming 02-26.
    refused = run("decision", "submit", rid, "--on", "2026-02-25", today=today)
    assert refused.exit_code == 2
    assert "至 2026-02-25 届满，最早 2026-02-26 可以提交" in refused.stderr
    assert "5 个工作日" in refused.stderr
    shown = json.loads(run("decision", "show", rid, "--format", "json").stdout)
    assert shown["status"] == "summarised"  # nothing written
    ok = run("decision", "submit", rid, "--on", "2026-02-26", today=today)
    assert ok.exit_code == 0, ok.output
    assert ok.stdout == f"{rid} 已提交党委讨论；公示期已于 2026-02-25 届满。\n"
    done = run("decision", "decide", rid, "--result", "党委会议研究同意", "--on", "2026-02-27")
    assert done.exit_code == 0
    shown = json.loads(run("decision", "show", rid, "--format", "json").stdout)
    assert (shown["status"], shown["submitted"], shown["result"]) == (
        "decided",
        "2026-02-26",
        "党委会议研究同意",
    )


def test_submit_refusals_name_what_is_missing(run: Invoke) -> None:
    today = "2026-03-02"
    rid = _propose(run, "2026-02-10", today)
    # Not published: published on 02-10 it would last 02-11, 02-12, 02-13, Sat
    # 02-14, 02-24 -> first day 02-25.
    refused = run("decision", "submit", rid, "--on", "2026-02-10", today=today)
    assert refused.exit_code == 2
    assert "尚未对外公示" in refused.stderr and "最早 2026-02-25 可以提交" in refused.stderr
    _publish(run, rid, "2026-02-11", today)
    # After the period but without a summary of the opinions.
    refused = run("decision", "submit", rid, "--on", "2026-03-02", today=today)
    assert refused.exit_code == 2
    assert "尚未汇总公众意见" in refused.stderr and "2026-02-25 届满" in refused.stderr
    assert "至 2026-02-25 届满，最早" not in refused.stderr  # the period is not what is missing
    english = run("decision", "submit", rid, "--on", "2026-03-02", today=today, lang="en")
    assert "not summarised" in english.stderr
    # Decide before submit: out of order, naming the next steps.
    early = run("decision", "decide", rid, "--result", "x")
    assert early.exit_code == 2 and "decision submit" in early.stderr


def test_submission_reads_the_period_in_force(run: Invoke, data_dir: Path) -> None:
    run("init")
    (data_dir / "township.toml").write_text(
        '[rules]\n"decision-comment-period" = 7\n', encoding="utf-8"
    )
    today = "2026-03-02"
    rid = _propose(run, "2026-02-10", today)
    # 7 working days after Wed 02-11: 02-12, 02-13, 02-14 (Sat make-up), 02-24,
    # 02-25, 02-26, 02-27 -> last day 02-27, first day allowed 02-28.
    _publish(run, rid, "2026-02-11", today)
    _opinions(run, rid, "2026-02-26", today)
    refused = run("decision", "submit", rid, "--on", "2026-02-27", today=today)
    assert refused.exit_code == 2
    assert "公示期（7 个工作日" in refused.stderr and "最早 2026-02-28" in refused.stderr
    assert run("decision", "submit", rid, "--on", "2026-02-28", today=today).exit_code == 0


def test_library_first_submission() -> None:
    env = Env(WorkCalendar(), {}, Config())
    record = {"id": "DEC-2026-0001", "clocks": []}
    assert first_submission(record, env) is None
    record["clocks"].append(
        {
            "rule": "decision-comment-period",
            "trigger": "2026-09-30",
            "n": 5,
            "extensions": [],
            "met_on": None,
        }
    )
    # Derived in test_comment_period_last_day: 09-30 -> last day 10-13.
    assert period_end(record, env) == (5, d("2026-10-13"), False)
    assert first_submission(record, env) == d("2026-10-14")


def test_bad_input_and_listing(run: Invoke) -> None:
    bad = run("decision", "propose", "--title", " ", "--type", "plan", "--dept", "党政办")
    assert bad.exit_code == 2 and "不能为空" in bad.stderr
    bad = run("decision", "propose", "--title", "x", "--type", "law", "--dept", "党政办")
    assert bad.exit_code == 2
    rid = _propose(run, "2026-02-10", "2026-03-02")
    future = run("decision", "publish", rid, "--channel", "web", "--on", "2026-03-03")
    assert future.exit_code == 2
    listed = json.loads(run("decision", "list", "--format", "json").stdout)
    assert [(r["id"], r["status"], r["type"]) for r in listed] == [(rid, "proposed", "plan")]
    table = run("decision", "list").stdout
    assert "发展规划" in table and "拟决策" in table


# -- the library: the declared steps taken as their commands take them ------------


def test_declared_steps_through_take(store: Store, data_dir: Path) -> None:
    env = Env(WorkCalendar(), {}, Config())
    at = {"today": d("2026-03-02"), "env": env}

    def step(name: str, rid: str | None, on: str, **values: str) -> dict:
        with store.transaction(CLERK, f"decision {name}") as tx:
            return take(tx, "decision", name, rid, on=d(on), **at, **values)

    record = step(
        "propose", None, "2026-02-10", title="农贸市场搬迁方案", type="other", dept="党政办"
    )
    rid = record["id"]
    assert (record["status"], record["type"], record["proposed"]) == (
        "proposed",
        "other",
        "2026-02-10",
    )
    assert record["responsible"] == {"person": CLERK, "dept": "党政办"}
    before = {p: p.read_bytes() for p in data_dir.rglob("*.json")}
    for name, values, needle in [
        ("publish", {"channel": "radio"}, "公示方式「radio」无效"),
        ("submit", {}, "尚未对外公示"),
    ]:
        with pytest.raises(BadInput) as caught:
            step(name, rid, "2026-02-11", **values)
        assert needle in caught.value.message_in("zh"), name
    assert {p: p.read_bytes() for p in data_dir.rglob("*.json")} == before
    # Published Wed 02-11: last day 02-25 (test_comment_period_last_day), allowed from 02-26.
    record = step("publish", rid, "2026-02-11", channel="board")
    assert (record["status"], record["channel"], record["published"]) == (
        "published",
        "board",
        "2026-02-11",
    )
    with pytest.raises(BadInput, match="意见汇总不能为空"):
        step("opinions", rid, "2026-02-24", summary="\u3000\u200b")
    record = step("opinions", rid, "2026-02-24", summary="公示期间未收到意见")
    assert (record["opinions"], record["events"][-1]["note"]) == ("公示期间未收到意见",) * 2
    record = step("submit", rid, "2026-02-26")
    record = step("decide", rid, "2026-02-27", result="党委会议研究同意")
    assert (record["status"], record["submitted"], record["result"]) == (
        "decided",
        "2026-02-26",
        "党委会议研究同意",
    )


def test_propose_refuses_a_type_outside_the_catalogue(store: Store) -> None:
    env = Env(WorkCalendar(), {}, Config())
    with store.transaction(CLERK, "decision propose") as tx, pytest.raises(BadInput) as caught:
        take(tx, "decision", "propose", title="x", type="law", dept="党政办",
             on=d("2026-02-10"), today=d("2026-03-02"), env=env)  # fmt: skip
    assert "plan 发展规划" in caught.value.message_in("zh")


def test_help_names_no_period_and_lists_the_types(run: Invoke, data_dir: Path) -> None:
    run("init")
    (data_dir / "township.toml").write_text(
        '[rules]\n"decision-comment-period" = 7\n', encoding="utf-8"
    )
    for args in (("decision",), ("decision", "publish"), ("decision", "submit")):
        for lang in ("zh", "en"):
            text = run(*args, "--help", lang=lang).stdout
            assert "5" not in text.split("示例" if lang == "zh" else "Example")[0], (args, lang)
    propose = " ".join(run("decision", "propose", "--help", lang="en").stdout.split())
    assert "tender (construction tender)" in propose
