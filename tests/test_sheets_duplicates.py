"""A ledger imported twice: the rows already in the office are refused, all or
nothing (docs/decisions/spreadsheets.md, "A ledger imported twice")."""

from __future__ import annotations

from tests.test_sheets import LEDGER, _compared, invoke, snapshot, write_xlsx
from township.book.registry import KINDS
from township.calendar import WorkCalendar
from township.storage.store import Store


def test_a_ledger_imported_twice_is_refused_byte_for_byte(run, data_dir, tmp_path) -> None:
    path = write_xlsx(tmp_path / "信访台账.xlsx", LEDGER)
    assert run("import", "petition", str(path)).exit_code == 0
    files = snapshot(data_dir)
    for args in ((), ("--dry-run",)):
        result = run("import", "petition", str(path), *args)
        assert result.exit_code == 2, result.output
        # Both rows named, with the record each one already is (LEDGER's first row,
        # received 2025-12-30, became PET-2025-0001; its second PET-2026-0001).
        assert "第 2 行：与此前从 信访台账.xlsx 第 2 行导入的 PET-2025-0001 内容相同" in (
            result.output
        )
        assert "第 3 行：与此前从 信访台账.xlsx 第 3 行导入的 PET-2026-0001 内容相同" in (
            result.output
        )
        assert "2 行均未导入" in result.output and "Traceback" not in result.output
        assert snapshot(data_dir) == files


def test_a_new_row_added_to_an_imported_ledger_is_still_refused_whole(
    run, data_dir, tmp_path
) -> None:
    """All or nothing: the ledger with one more row is refused for its two old rows,
    and the new row is not written either; the same rows moved down are still found."""
    path = write_xlsx(tmp_path / "信访台账.xlsx", LEDGER)
    assert run("import", "petition", str(path)).exit_code == 0
    files = snapshot(data_dir)
    new = ["2026-02-10", "孙八", None, "灌溉用水", None, None, None]
    write_xlsx(path, [LEDGER[0], new, LEDGER[2], LEDGER[1]])
    result = run("import", "petition", str(path), lang="en")
    assert result.exit_code == 2, result.output
    assert "row 3: it is the same as PET-2026-0001" in result.output
    assert "row 4: it is the same as PET-2025-0001" in result.output
    assert "row 2:" not in result.output
    assert snapshot(data_dir) == files


def test_same_name_same_day_different_visits_both_import(run, data_dir, tmp_path) -> None:
    """Two visits on one day by two people called 王五 differ in what they raised:
    both import, in one ledger and from a second ledger of the same name."""
    rows = [
        LEDGER[0],
        ["2026-02-02", "王五", None, "宅基地纠纷", None, None, None],
        ["2026-02-02", "王五", None, "低保申请", None, None, None],
    ]
    path = write_xlsx(tmp_path / "台账.xlsx", rows)
    assert run("import", "petition", str(path)).exit_code == 0
    write_xlsx(path, [LEDGER[0], ["2026-02-02", "王五", "13900000000", "宅基地纠纷"]])
    result = run("import", "petition", str(path))
    assert result.exit_code == 0, result.output
    assert len(list(Store(data_dir).iter_records(KINDS["petition"]))) == 3


def test_a_corrected_ledger_with_ids_is_refused(run, data_dir, tmp_path) -> None:
    """A clerk's ledger with its own numbers: corrected and imported again (another
    file name, a cell changed), its rows are found by their numbers in the same year;
    the same number in another year (numbering starts again each year) is another
    record, and a number repeated within one ledger names the first row."""
    header = ["编号", "收件日期", "信访人", "信访事项"]
    first = write_xlsx(
        tmp_path / "2025台账.xlsx",
        [header, [1, "2025-03-03", "王五", "宅基地"], [2, "2025-03-04", "赵六", "征地"]],
    )
    assert run("import", "petition", str(first)).exit_code == 0
    files = snapshot(data_dir)
    corrected = write_xlsx(
        tmp_path / "2025台账（改）.xlsx",
        [header, [1, "2025-03-03", "王五", "宅基地纠纷"], [3, "2025-03-05", "钱七", "灌溉"]],
    )
    result = run("import", "petition", str(corrected))
    assert result.exit_code == 2, result.output
    assert "第 2 行：台账编号 1 已于此前导入为 PET-2025-0001" in result.output
    assert "第 3 行" not in result.output
    assert snapshot(data_dir) == files
    again = write_xlsx(
        tmp_path / "2026台账.xlsx",
        [header, [1, "2026-01-05", "孙八", "宅基地"], [1, "2026-01-06", "周九", "低保"]],
    )
    result = run("import", "petition", str(again))
    assert result.exit_code == 2
    assert "第 3 行：台账编号 1 与第 2 行相同" in result.output
    write_xlsx(again, [header, [1, "2026-01-05", "孙八", "宅基地"]])
    assert run("import", "petition", str(again)).exit_code == 0


def test_a_revealed_export_into_the_same_office_and_a_fresh_one(tmp_path) -> None:
    office, fresh = tmp_path / "office", tmp_path / "fresh"
    assert invoke(office, "init", "--demo").exit_code == 0
    out = tmp_path / "信访台账.xlsx"
    result = invoke(
        office, "export", "petition", "--format", "xlsx", "--output", str(out), "--reveal"
    )
    assert result.exit_code == 0, result.output
    files = snapshot(office)
    result = invoke(office, "import", "petition", str(out))
    assert result.exit_code == 2
    # Every row is a record already in the office: its 编号 is the record's own id.
    originals = {r["id"]: r for r in Store(office).iter_records(KINDS["petition"])}
    first = min(originals)
    assert f"第 2 行：编号 {first} 已是本机关的记录，不再导入" in result.output
    assert f"{len(originals)} 行均未导入" in result.output
    assert snapshot(office) == files
    # Into a fresh office it is accepted, record by record the same.
    assert invoke(fresh, "init").exit_code == 0
    (fresh / "township.toml").write_bytes((office / "township.toml").read_bytes())
    result = invoke(fresh, "import", "petition", str(out))
    assert result.exit_code == 0, result.output
    calendar = WorkCalendar()
    imported = list(Store(fresh).iter_records(KINDS["petition"]))
    assert len(imported) == len(originals)
    for record in imported:
        old = originals[record["events"][0]["source"]["ledger_id"]]
        assert _compared(record, "petition", calendar) == _compared(old, "petition", calendar)
    # ... and refused there the second time.
    fresh_files = snapshot(fresh)
    assert invoke(fresh, "import", "petition", str(out)).exit_code == 2
    assert snapshot(fresh) == fresh_files
