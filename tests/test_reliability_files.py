"""Every file of the data directory damaged in each way : exit 3, naming it.

Each damaged file is never treated as absent and never overwritten: the
sha256 of every file of the data directory is the same before and after
every command that was refused. No command ends in a traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import Invoke

from commands import cli

WRITE = ("inquiry", "log", "--name", "张三", "--matter", "咨询低保", "--channel", "web")
AMEND = ("amend", "INQ-2026-0001", "--set", "matter=咨询就业", "--reason", "笔误")
COMPLAINT = (
    "inquiry",
    "log",
    "--name",
    "李四",
    "--matter",
    "窗口推诿",
    "--type",
    "complaint",
    "--against",
    "赵某",
)


def sha256_all(data_dir: Path) -> dict[str, str]:
    """Every file of the directory (the lock file too) and its sha256."""
    return {
        str(p.relative_to(data_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def filled(run: Invoke, data_dir: Path) -> Path:
    assert run("init").exit_code == 0
    assert run(*WRITE).exit_code == 0
    assert run(*COMPLAINT).exit_code == 0
    assert run("audit", "verify").exit_code == 0
    return data_dir


def no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


# (file, damaged content, the commands that read it and must stop with exit 3)
READS_RECORDS = [
    ("overdue",),
    ("inquiry", "list"),
    ("stats",),
    ("export", "inquiry"),
    ("audit", "verify"),
]
DAMAGES = [
    ("inquiries/2026.json", b"null", READS_RECORDS),
    ("inquiries/2026.json", b"[]", READS_RECORDS),
    ("inquiries/2026.json", b"", READS_RECORDS),
    ("inquiries/2026.json", b"{", READS_RECORDS),
    ("inquiries/2026.json", b'{"records": []}', READS_RECORDS),
    ("inquiries/2026.json", b'{"records": {"1": "x"}}', READS_RECORDS),
    ("inquiries/2026.json", b'{"records": {"one": {}}}', READS_RECORDS),
    ("inquiries/2026.json", b'{"records": null}', READS_RECORDS),
    ("complaints/2026.json", b"[1, 2]", [("overdue",), ("complaint", "list")]),
    ("complaints/2026.json", b'{"records": {"1": []}}', [("complaint", "show", "CMP-2026-0001")]),
    ("calendar.json", b"null", [("overdue",), ("calendar", "add", "2026-03-02", "3")]),
    ("calendar.json", b'{"schedules": {"2026": {"year": "x"}}}', [("overdue",)]),
    ("calendar.json", b'{"schedules": []}', [("overdue",)]),
    (".journal.json", b"{}", [("audit", "verify")]),
    (".journal.json", b"[]", [("audit", "verify"), ("audit", "repair")]),
    ("audit.jsonl", None, [("audit", "verify"), ("audit", "log"), ("export", "audit")]),
    ("audit-head.json", b"[]", [("audit", "verify")]),
    ("audit-head.json", b'{"seq": "1"}', [("audit", "verify")]),
    ("audit-head.json", b"null", [("audit", "verify")]),
    ("township.toml", b"[rules\n", [("overdue",), ("stats",)]),
    ("township.toml", b"[rules]\ncomplaint-handling = 0\n", [("overdue",), ("inquiry", "list")]),
    ("township.toml", b"[rules]\ncomplaint-handling = 366\n", [("stats",)]),
]


@pytest.mark.parametrize(("name", "content", "readers"), DAMAGES)
def test_damaged_file_stops_every_command_and_is_left_as_it_is(
    run: Invoke, filled: Path, name: str, content: bytes | None, readers: list[tuple[str, ...]]
) -> None:
    path = filled / name
    if content is None:  # an audit line that is JSON but not an entry
        content = path.read_bytes() + b"[1,2]\n"
    path.write_bytes(content)
    before = sha256_all(filled)
    # Every write that reads the file is refused before anything is written
    # (a web inquiry does not read the complaints' file).
    writes = [COMPLAINT] if name.startswith("complaints") else [WRITE, COMPLAINT, AMEND]
    for args in [*writes, *readers]:
        result = run(*args)
        no_traceback(result)
        assert result.exit_code == 3, (args, result.output)
        shown = Path(name).name if name != "audit.jsonl" else "审计日志"
        assert shown in result.stderr or "audit.jsonl" in result.stderr, (args, result.stderr)
    assert sha256_all(filled) == before


def test_amend_is_stopped_by_a_malformed_toml(run: Invoke, filled: Path) -> None:
    (filled / "township.toml").write_text("name = \n", encoding="utf-8")
    before = sha256_all(filled)
    result = run(*AMEND)
    no_traceback(result)
    assert result.exit_code == 3
    assert "township.toml" in result.stderr and "1" in result.stderr  # names the line
    assert sha256_all(filled) == before


def test_rule_period_out_of_range_names_the_line(run: Invoke, filled: Path) -> None:
    (filled / "township.toml").write_text(
        'name = "某镇"\n\n[rules]\ncomplaint-handling = 30000\n', encoding="utf-8"
    )
    result = run("overdue", lang="en")
    assert result.exit_code == 3
    assert "line 4" in result.stderr and "1-365" in result.stderr


def test_a_folder_that_is_a_file_is_not_an_empty_kind(run: Invoke, filled: Path) -> None:
    (filled / "petitions").write_bytes(b"not a folder")
    before = sha256_all(filled)
    for args in [("petition", "list"), ("overdue",), ("audit", "verify")]:
        result = run(*args)
        no_traceback(result)
        assert result.exit_code == 3, (args, result.output)
        assert "petitions" in result.stderr
    assert sha256_all(filled) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a mode-000 folder anyway")
def test_unreadable_folder_exit_3(run: Invoke, filled: Path) -> None:
    folder = filled / "inquiries"
    folder.chmod(0)
    try:
        result = run("inquiry", "list")
        assert result.exit_code == 3
        assert "inquiries" in result.stderr
    finally:
        folder.chmod(0o700)


def invoke_bare(data_dir: Path, *args: str) -> Result:
    """The CLI without the test fixture's creating the data directory."""
    env = {
        "TOWNSHIP_DATA_DIR": str(data_dir),
        "TOWNSHIP_TODAY": "2026-03-02",
        "TOWNSHIP_USER": "王芳",
    }
    return CliRunner().invoke(cli, list(args), env=env)


@pytest.mark.parametrize(
    "args",
    [
        WRITE,
        ("overdue",),
        ("stats",),
        ("inquiry", "list"),
        ("inquiry", "show", "INQ-2026-0001"),
        ("case", "list"),
        ("export", "audit"),
        ("audit", "verify"),
        ("audit", "log"),
        ("audit", "head"),
        ("audit", "repair"),
        AMEND,
    ],
)
def test_missing_data_directory_says_run_init(tmp_path: Path, args: tuple[str, ...]) -> None:
    data_dir = tmp_path / "nowhere"
    result = invoke_bare(data_dir, *args)
    no_traceback(result)
    assert result.exit_code == 3, result.output
    assert "township init" in result.stderr
    assert not data_dir.exists()


def test_calendar_queries_need_no_data_directory(tmp_path: Path) -> None:
    data_dir = tmp_path / "nowhere"
    # 2026-03-02 (Mon) + 3 working days: 3, 4, 5 March -> Thursday 2026-03-05.
    result = invoke_bare(data_dir, "calendar", "add", "2026-03-02", "3")
    assert result.exit_code == 0, result.output
    assert "2026-03-05" in result.stdout
    assert not data_dir.exists()


# -- a bad calendar.json stops every write before anything is written -------------

CREATES = [
    WRITE,
    COMPLAINT,
    AMEND,
    (
        "complaint",
        "register",
        "--complainant",
        "张三",
        "--against",
        "民政办",
        "--category",
        "2",
        "--summary",
        "低保申请超期未办",
    ),
    ("petition", "receive", "--petitioner", "王五", "--matter", "宅基地纠纷"),
    (
        "denial",
        "file",
        "--applicant",
        "孙七",
        "--matter",
        "临时救助",
        "--reason",
        "超标",
        "--basis",
        "第四十七条",
    ),
    (
        "case",
        "open",
        "--subject",
        "李某",
        "--unit",
        "民政办",
        "--matter",
        "4",
        "--source",
        "5",
        "--summary",
        "拖延",
        "--verified",
        "属实",
        "--opened-by",
        "镇长何某",
        "--investigator",
        "赵某",
        "--investigator",
        "钱某",
    ),
    ("inquiry", "close", "INQ-2026-0001", "--result", "已答复"),
    ("inquiry", "show", "INQ-2026-0001"),
    (
        "calendar",
        "import",
        str(Path(__file__).resolve().parent.parent / "data/examples/calendar-2027.json"),
    ),
]


@pytest.mark.parametrize("args", CREATES)
@pytest.mark.parametrize(
    "content", [b'{"schedules": {"2026": {"year": "x"}}}', b'{"schedules": {"2026": []}}', b"null"]
)
def test_bad_calendar_is_refused_before_any_write(
    run: Invoke, filled: Path, args: tuple[str, ...], content: bytes
) -> None:
    (filled / "calendar.json").write_bytes(content)
    before = sha256_all(filled)
    result = run(*args)
    no_traceback(result)
    assert result.exit_code == 3, (args, result.output)
    assert "calendar.json" in result.stderr
    assert sha256_all(filled) == before


# -- the journal is checked before anything of it is replayed ---------------------------


def _pending_journal(run: Invoke, data_dir: Path) -> dict:
    """A real journal: a write whose audit append failed (it is kept, to be finished)."""
    import errno

    from township.storage import audit
    from township.storage import files as storage

    def append_lines(path: Path, lines: list[str]) -> None:
        raise storage._os_error(path, OSError(errno.EIO, "Input/output error"))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(audit, "append_lines", append_lines)
        assert run(*WRITE).exit_code == 3
    return json.loads((data_dir / ".journal.json").read_text(encoding="utf-8"))


def _rewrite(data_dir: Path, journal: dict) -> None:
    (data_dir / ".journal.json").write_text(json.dumps(journal, ensure_ascii=False))


def _outside(tmp_path: Path) -> Path:
    path = tmp_path / "outside"
    path.mkdir(exist_ok=True)
    return path


def _tamper_path(journal: dict, data_dir: Path, tmp_path: Path, how: str) -> None:
    write = journal["writes"][0]
    if how == "dotdot":
        write["file"] = "../x.json"
    elif how == "absolute":
        write["file"] = str(_outside(tmp_path) / "x.json")
    elif how == "inside dotdot":
        write["file"] = "inquiries/../../x.json"
    elif how == "lock":
        write["file"] = ".lock"
    elif how == "journal":
        write["file"] = ".journal.json"
    elif how == "negative id":
        write["doc_id"] = -1
    elif how == "zero id":
        write["doc_id"] = 0
    elif how == "bool id":
        write["doc_id"] = True
    elif how == "other table":
        write["table"] = "meta"
    elif how == "line not json":
        journal["lines"][0] = "not json"
    elif how == "line not an entry":
        journal["lines"][0] = "[1, 2]"
    elif how == "lines unchained":
        line = json.loads(journal["lines"][0])
        line["prev"] = "0" * 64
        journal["lines"][0] = json.dumps(line, ensure_ascii=False)
    elif how == "extra line":
        journal["lines"].append('{"seq": 99, "prev": "x"}')
    elif how == "write without line":
        journal["writes"].append({**write, "doc_id": 7, "id": "INQ-2026-0007"})
    elif how == "symlinked folder":
        (data_dir / "inquiries").rename(data_dir / "inquiries.real")
        (data_dir / "inquiries").symlink_to(_outside(tmp_path))
    elif how == "symlinked file":
        target = data_dir / "inquiries" / "2026.json"
        (_outside(tmp_path) / "2026.json").write_bytes(target.read_bytes())
        target.unlink()
        target.symlink_to(_outside(tmp_path) / "2026.json")
    else:
        raise AssertionError(how)


JOURNAL_TAMPERING = [
    "dotdot",
    "absolute",
    "inside dotdot",
    "lock",
    "journal",
    "negative id",
    "zero id",
    "bool id",
    "other table",
    "line not json",
    "line not an entry",
    "lines unchained",
    "extra line",
    "write without line",
    "symlinked folder",
    "symlinked file",
]


@pytest.mark.parametrize("how", JOURNAL_TAMPERING)
def test_a_tampered_journal_is_refused_and_nothing_of_it_replayed(
    run: Invoke, filled: Path, tmp_path: Path, how: str
) -> None:
    journal = _pending_journal(run, filled)
    _tamper_path(journal, filled, tmp_path, how)
    _rewrite(filled, journal)
    outside = {p: p.read_bytes() for p in _outside(tmp_path).rglob("*") if p.is_file()}
    before = sha256_all(filled)
    for args in [WRITE, COMPLAINT, AMEND, ("audit", "repair"), ("audit", "verify")]:
        result = run(*args)
        no_traceback(result)
        assert result.exit_code == 3, (how, args, result.output)
        assert ".journal.json" in result.stderr or "符号链接" in result.stderr, result.stderr
    assert sha256_all(filled) == before
    assert not (tmp_path / "x.json").exists() and not (filled.parent / "x.json").exists()
    assert {p: p.read_bytes() for p in _outside(tmp_path).rglob("*") if p.is_file()} == outside


def test_a_journal_of_another_log_is_refused(run: Invoke, filled: Path) -> None:
    journal = _pending_journal(run, filled)
    assert (filled / ".journal.json").exists()
    # Meanwhile the log moved on (a restored copy with another line at its end).
    (filled / ".journal.json").rename(filled / "kept.json")
    assert run(*COMPLAINT).exit_code == 0
    _rewrite(filled, journal)
    (filled / "kept.json").unlink()
    before = sha256_all(filled)
    result = run(*WRITE, lang="en")
    assert result.exit_code == 3 and "does not continue the audit log" in result.stderr
    assert sha256_all(filled) == before


def test_a_sound_journal_is_finished(run: Invoke, filled: Path) -> None:
    _pending_journal(run, filled)
    result = run("audit", "repair")
    assert result.exit_code == 0 and "INQ-2026-0003" in result.stdout
    assert run("audit", "verify").exit_code == 0


def test_a_symlinked_lock_file_is_never_followed(run: Invoke, filled: Path, tmp_path: Path) -> None:
    target = _outside(tmp_path) / "lock-target"
    (filled / ".lock").unlink()
    (filled / ".lock").symlink_to(target)
    before = sha256_all(filled)
    for args in [WRITE, ("inquiry", "list"), ("audit", "repair")]:
        result = run(*args)
        no_traceback(result)
        assert result.exit_code == 3, (args, result.output)
        assert ".lock" in result.stderr
    assert not target.exists()
    assert sha256_all(filled) == before


def test_a_symlinked_year_folder_is_not_written_through(
    run: Invoke, filled: Path, tmp_path: Path
) -> None:
    (filled / "inquiries").rename(_outside(tmp_path) / "inquiries")
    (filled / "inquiries").symlink_to(_outside(tmp_path) / "inquiries")
    outside = sha256_all(_outside(tmp_path))
    result = run(*WRITE)
    no_traceback(result)
    assert result.exit_code == 3 and "inquiries" in result.stderr
    assert sha256_all(_outside(tmp_path)) == outside
    assert not (filled / ".journal.json").exists()


def test_tampered_journal_through_real_processes(filled: Path, tmp_path: Path) -> None:
    """The same refusal from the command line run as a clerk runs it."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    env = {
        "TOWNSHIP_DATA_DIR": str(filled),
        "TOWNSHIP_TODAY": "2026-03-02",
        "TOWNSHIP_USER": "王芳",
    }
    journal = _pending_journal(lambda *a, **k: CliRunner().invoke(cli, list(a), env=env), filled)
    journal["writes"][0]["file"] = "../escaped.json"
    _rewrite(filled, journal)
    before = sha256_all(filled)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("TOWNSHIP_")},
        **env,
        "PYTHONPATH": str(root),
    }
    for args in [WRITE, ("audit", "repair"), ("audit", "verify")]:
        proc = subprocess.run(
            [sys.executable, "-m", "commands", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=root,
        )
        assert proc.returncode == 3, (args, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stderr and ".journal.json" in proc.stderr
    assert sha256_all(filled) == before
    assert not (filled.parent / "escaped.json").exists()


# -- calendar.json of another shape ------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"{}",  # an empty database is fine
        b'{"schedules": {}}',
    ],
)
def test_an_empty_calendar_file_is_read_as_no_schedules(
    run: Invoke, filled: Path, content: bytes
) -> None:
    (filled / "calendar.json").write_bytes(content)
    assert run("overdue").exit_code == 0


@pytest.mark.parametrize(
    "content",
    [
        b'{"foo": 1}',
        b'{"holidays": ["2026-10-01"]}',
        b'{"schedules": {"2027": {"year": 2027}}, "extra": {}}',
        b'{"schedules": {"twenty": {}}}',
        b'{"schedules": {"2027": []}}',
        b'{"schedules": "2027"}',
        b'{"_default": {"1": {}}}',
        b'"schedules"',
        b"3",
    ],
)
def test_a_calendar_file_of_another_shape_is_refused(
    run: Invoke, filled: Path, content: bytes
) -> None:
    (filled / "calendar.json").write_bytes(content)
    before = sha256_all(filled)
    for args in [("overdue",), ("calendar", "add", "2026-03-02", "3"), WRITE, ("audit", "verify")]:
        result = run(*args)
        no_traceback(result)
        assert result.exit_code == 3, (args, result.output)
        assert "calendar.json" in result.stderr
    assert sha256_all(filled) == before


@pytest.mark.parametrize(
    "content",
    [
        b'{"records": {}, "other": {}}',
        b'{"meta": {"1": {"next": "5"}}}',
        b'{"meta": {"1": {"next": true}}}',
        b'{"records": {"0": {}}}',
    ],
)
def test_a_year_file_of_another_shape_is_refused(run: Invoke, filled: Path, content: bytes) -> None:
    (filled / "inquiries" / "2026.json").write_bytes(content)
    before = sha256_all(filled)
    for args in [("overdue",), ("inquiry", "list"), WRITE, ("search", "张")]:
        result = run(*args)
        no_traceback(result)
        assert result.exit_code == 3, (args, result.output)
        assert "inquiries/2026.json" in result.stderr
    assert sha256_all(filled) == before
