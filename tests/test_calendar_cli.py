"""``township calendar``: add, between, is-workday, show, status .

Expected dates are the hand-derived ones of test_calendar.py (see the
derivations there).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from conftest import Invoke
from wcwidth import wcwidth


def js(result) -> object:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- add -----------------------------------------------------------------------


def test_add_spec_example(run: Invoke) -> None:
    # Fri 2025-09-26 + 10 working days = Thu 2025-10-16 .
    assert js(run("calendar", "add", "2025-09-26", "10", "--format", "json")) == {
        "start": "2025-09-26",
        "n": 10,
        "unit": "workday",
        "due": "2025-10-16",
        "provisional": False,
    }


def test_add_into_2027_json_is_the_spec_shape(run: Invoke) -> None:
    # The reference's own example: 2026-12-20 + 10 -> 2027-01-04, provisional.
    assert js(run("calendar", "add", "2026-12-20", "10", "--format", "json")) == {
        "start": "2026-12-20",
        "n": 10,
        "unit": "workday",
        "due": "2027-01-04",
        "provisional": True,
    }


def test_add_provisional_table_has_star_and_footnote(run: Invoke) -> None:
    result = run("calendar", "add", "2026-12-20", "10")
    assert result.exit_code == 0
    assert "2027-01-04 *" in result.stdout
    assert "暂定" in result.stdout
    result = run("calendar", "add", "2026-12-20", "10", lang="en")
    assert "2027-01-04 *" in result.stdout
    assert "provisional" in result.stdout


def test_add_official_has_no_star(run: Invoke) -> None:
    result = run("calendar", "add", "2025-09-26", "10")
    assert "2025-10-16" in result.stdout
    assert "*" not in result.stdout
    assert "暂定" not in result.stdout


def test_add_calendar_days(run: Invoke) -> None:
    # 2025-09-16 + 15 days = 10-01 (National Day) -> Thu 2025-10-09.
    data = js(run("calendar", "add", "2025-09-16", "15", "--unit", "day", "--format", "json"))
    assert data == {
        "start": "2025-09-16",
        "n": 15,
        "unit": "day",
        "due": "2025-10-09",
        "provisional": False,
    }


@pytest.mark.parametrize("fmt", ["table", "plain", "github", "html", "csv", "tsv", "json"])
def test_add_every_format(run: Invoke, fmt: str) -> None:
    result = run("calendar", "add", "2025-09-26", "10", "--format", fmt)
    assert result.exit_code == 0
    assert "2025-10-16" in result.stdout


def test_add_csv_parses(run: Invoke) -> None:
    rows = list(
        csv.reader(
            io.StringIO(run("calendar", "add", "2025-09-26", "10", "--format", "csv").stdout)
        )
    )
    assert rows[0] == ["起算日", "期限", "单位", "到期日"]
    assert rows[1][0] == "2025-09-26" and rows[1][3] == "2025-10-16"


@pytest.mark.parametrize(
    "args",
    [
        ("calendar", "add", "2100-01-01", "1"),
        ("calendar", "add", "1900-12-31", "1"),
        ("calendar", "add", "2099-12-30", "5"),  # runs past 2099
        ("calendar", "add", "2025-02-30", "1"),  # no such date
        ("calendar", "add", "2025/09/26", "1"),
        ("calendar", "add", "2025-09-26", "-1"),
        ("calendar", "add", "2025-09-26", "ten"),
        ("calendar", "add", "2025-09-26", "1", "--unit", "week"),
        ("calendar", "between", "2025-01-01", "2100-01-01"),
        ("calendar", "is-workday", "1900-01-01"),
        ("calendar", "show", "2100"),
        ("calendar", "show", "1900-05"),
        ("calendar", "show", "2027-13"),
        ("calendar", "show", "27"),
        ("calendar", "show", "2027-02-01"),
    ],
)
def test_bad_input_exits_2(run: Invoke, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.strip()


def test_out_of_range_message(run: Invoke) -> None:
    result = run("calendar", "add", "2100-01-01", "1")
    assert result.stderr.startswith("错误：")
    assert "2100-01-01" in result.stderr and "1901-2099" in result.stderr
    result = run("calendar", "add", "2100-01-01", "1", lang="en")
    assert result.stderr.startswith("Error: ")
    assert "outside the years the calendar covers (1901-2099)" in result.stderr


@pytest.mark.parametrize("day", ["2027-03-15", "2030-06-12", "2099-06-30"])
def test_no_crash_beyond_the_package(run: Invoke, day: str) -> None:
    for args in (
        ("add", day, "20"),
        ("add", day, "20", "--unit", "day"),
        ("between", day, "2099-12-31"),
        ("is-workday", day),
        ("show", day[:7]),
    ):
        result = run("calendar", *args, "--format", "json")
        assert result.exit_code == 0, (args, result.output)
        assert json.loads(result.stdout)


# -- between -------------------------------------------------------------------


def test_between(run: Invoke) -> None:
    assert js(run("calendar", "between", "2025-09-26", "2025-10-16", "--format", "json")) == {
        "start": "2025-09-26",
        "end": "2025-10-16",
        "workdays": 10,
        "provisional": False,
    }
    # 2026-12-20 .. 2027-01-04: 10 working days, using provisional 2027.
    data = js(run("calendar", "between", "2026-12-20", "2027-01-04", "--format", "json"))
    assert (data["workdays"], data["provisional"]) == (10, True)
    table = run("calendar", "between", "2026-12-20", "2027-01-04").stdout
    assert "10 *" in table and "暂定" in table


# -- is-workday ----------------------------------------------------------------


def _is_workday(run: Invoke, day: str, *args: str, lang: str = "zh") -> tuple[int, str]:
    """The exit status and output of ``calendar is-workday DAY``."""
    result = run("calendar", "is-workday", day, *args, lang=lang)
    return result.exit_code, result.stdout


@pytest.mark.parametrize(
    ("day", "workday", "zh", "en"),
    [
        ("2025-09-29", True, "工作日", "weekday"),
        ("2025-09-27", False, "周末", "weekend"),
        ("2025-09-28", True, "调休上班", "make-up working day"),
        ("2025-10-01", False, "国庆节", "National Day"),
        ("2026-02-17", False, "春节", "Spring Festival"),
    ],
)
def test_is_workday_reasons(run: Invoke, day: str, workday: bool, zh: str, en: str) -> None:
    # The exit status says it too, for scripts: 0 on a working day (a make-up
    # Saturday or Sunday included), 1 on a rest day (a weekend or a holiday).
    status = 0 if workday else 1
    for lang, label in (("zh", zh), ("en", en)):
        code, out = _is_workday(run, day, "--format", "json", lang=lang)
        data = json.loads(out)
        assert code == status
        assert data["date"] == day
        assert data["workday"] is workday
        assert data["provisional"] is False
        code, table = _is_workday(run, day, lang=lang)
        assert code == status and label in table
    # JSON names the holiday in the chosen language; the other reasons are
    # the SPEC's fixed words (weekday, weekend, make-up working day).
    data_zh = json.loads(_is_workday(run, day, "--format", "json")[1])
    assert data_zh["reason"] == (zh if en in ("National Day", "Spring Festival") else en)
    data_en = json.loads(_is_workday(run, day, "--format", "json", lang="en")[1])
    assert data_en["reason"] == en


def test_is_workday_provisional(run: Invoke) -> None:
    # 2027-02-05 is 除夕 in provisional 2027: a rest day, exit 1.
    code, out = _is_workday(run, "2027-02-05", "--format", "json")
    assert code == 1
    assert json.loads(out) == {
        "date": "2027-02-05",
        "workday": False,
        "reason": "春节",
        "provisional": True,
    }
    code, table = _is_workday(run, "2027-02-05")
    assert code == 1 and "春节 *" in table and "暂定" in table


def test_is_workday_exit_status_on_the_2026_national_day_and_its_make_up_days(
    run: Invoke,
) -> None:
    # The official 2026 schedule (chinese-calendar; `calendar show 2026-09` and
    # `2026-10`): 09-25 to 09-27 off (中秋节), 10-01 to 10-07 off (国庆节);
    # Sunday 09-20 and Saturday 10-10 are worked instead.
    for day, code in (
        ("2026-09-30", 0),  # a Wednesday before the break
        ("2026-10-01", 1),  # 国庆节, a Thursday
        ("2026-10-05", 1),  # a Monday inside the break
        ("2026-09-20", 0),  # a make-up Sunday
        ("2026-10-10", 0),  # a make-up Saturday
        ("2026-10-11", 1),  # the Sunday after it
    ):
        assert _is_workday(run, day)[0] == code, day


# -- show ------------------------------------------------------------------------


def _cells(line: str) -> list[str]:
    """Cut a grid line into 5-column-wide cells separated by one space."""
    cells, cell, width = [], "", 0
    for ch in line:
        if width == 5:
            assert ch == " ", repr(line)
            cells.append(cell)
            cell, width = "", 0
            continue
        cell += ch
        width += wcwidth(ch)
    cells.append(cell)
    return cells


def _grid(text: str) -> dict[int, tuple[int, str]]:
    """Day of month -> (column, mark) from one month's grid (after the headers)."""
    found = {}
    for line in text.splitlines():
        if not line or not (line[0].isdigit() or line[0] == " "):
            break  # the legend after the grid
        for col, cell in enumerate(_cells(line)):
            head, rest = cell[:2].strip(), cell[2:]
            if head.isdigit():
                found[int(head)] = (col, rest.strip())
    return found


def test_show_month_grid_2026_02(run: Invoke) -> None:
    result = run("calendar", "show", "2026-02")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "2026 年 2 月"
    grid = _grid("\n".join(lines[2:]))
    assert sorted(grid) == list(range(1, 29))
    for day, (col, _mark) in grid.items():
        assert col == dt.date(2026, 2, day).weekday(), day  # Monday-first columns
    # 02-15..02-23 rest (休); Sat 02-14 and Sat 02-28 make-up (班).
    assert {day for day, (_c, mark) in grid.items() if mark == "休"} == set(range(15, 24))
    assert {day for day, (_c, mark) in grid.items() if mark == "班"} == {14, 28}
    assert "*" not in "\n".join(lines[:7])  # official year: no day is provisional
    assert "请导入官方日历" not in result.stdout


def test_show_provisional_month_en(run: Invoke) -> None:
    result = run("calendar", "show", "2027-02", lang="en")
    lines = result.stdout.splitlines()
    assert lines[0] == "February 2027"
    grid = _grid("\n".join(lines[2:]))
    # Provisional 春节 2027: 02-05 .. 02-08, marked holiday and provisional.
    assert {day for day, (_c, mark) in grid.items() if mark == "h *"} == {5, 6, 7, 8}
    assert "provisional" in result.stdout


def test_show_year_and_json(run: Invoke) -> None:
    result = run("calendar", "show", "2025")
    assert result.stdout.count("2025 年") == 12
    days = js(run("calendar", "show", "2025-10", "--format", "json"))
    assert len(days) == 31
    first = days[0]
    assert first == {
        "date": "2025-10-01",
        "workday": False,
        "reason": "holiday",
        "label": "国庆节",
        "provisional": False,
    }
    assert days[10]["date"] == "2025-10-11" and days[10]["reason"] == "makeup"


# -- status ----------------------------------------------------------------------


def test_status(run: Invoke) -> None:
    data = js(run("calendar", "status", "--format", "json", today="2026-03-02"))
    assert [row["year"] for row in data] == list(range(2004, 2028))
    assert all(row["source"] == "package" for row in data[:-1])
    assert data[-1] == {"year": 2027, "source": "provisional", "detail": ""}
    table = run("calendar", "status").stdout
    assert "官方（chinese-calendar）" in table and "暂定" in table


def test_status_follows_today(run: Invoke) -> None:
    data = js(run("calendar", "status", "--format", "json", today="2030-06-01"))
    assert data[-1]["year"] == 2031
    assert [r["year"] for r in data if r["source"] == "provisional"] == list(range(2027, 2032))


def test_status_stops_at_the_last_supported_year(run: Invoke) -> None:
    # Next year would be 2100, which the calendar does not cover.
    data = js(run("calendar", "status", "--format", "json", today="2099-06-01"))
    assert data[-1]["year"] == 2099


def test_calendar_commands_do_not_create_the_data_dir(run: Invoke, data_dir) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ("add", "2025-09-26", "10"),
        ("between", "2025-09-26", "2025-10-16"),
        ("is-workday", "2025-09-26"),
        ("show", "2025-09"),
        ("status",),
    ):
        assert run("calendar", *args).exit_code == 0
    assert not data_dir.exists()


def test_between_backwards_is_negative(run: Invoke) -> None:
    # 2025-09-26 -> 2025-10-16 is 10 working days; asked the
    # other way round, the same days are counted negative.
    result = run("calendar", "between", "2025-10-16", "2025-09-26", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["workdays"] == -10
