"""Records checked at the door, every kind: each stored field's declared type.

Every kind declares the type of the fields it stores (``Field.type``), so
that the check on read (``township.storage.records``) can tell a damaged
record from a sound one. Here:

- for every kind and every declared field, a demo record with that field
  set to a value of another type is odd, and the reason names the field;
- for every kind, a record damaged so (a date that is no date, a number that
  is text) is named by file and position in one sentence by every view:
  ``list``, ``search``, ``overdue``, ``stats``, ``export`` and the mail go on
  without it (exit 0, a warning on stderr); ``show`` of it is refused (exit 3);
  none ends in a traceback;
- the same through a real process, for a list and the report.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from commands import cli
from township.book.registry import KINDS, spec
from township.storage.records import check_record, declared_types

TODAY = "2026-03-02"
ENV = {"TOWNSHIP_TODAY": TODAY, "TOWNSHIP_USER": "王芳", "TOWNSHIP_LANG": "zh"}

# A value of another type, for each declared type.
WRONG: dict[str, Any] = {
    "date": "2026-02-30",
    "int": "5",
    "number": "5",
    "text": 5,
    "names": 5,
    "texts": "x",
    "list": "x",
    "object": "x",
    "bool": "yes",
}

MAIL = """
[mail]
host = "127.0.0.1"
port = 25
security = "none"
from = "township@example.org"
to = ["jiwei@example.org"]
"""


def _invoke(data_dir: Path, *args: str) -> Result:
    env = {**ENV, "TOWNSHIP_DATA_DIR": str(data_dir)}
    return CliRunner().invoke(cli, list(args), env=env)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo data set holding records of every kind (a duty done added), mail set up."""
    data_dir = tmp_path_factory.mktemp("typed") / "data"
    result = _invoke(data_dir, "init", "--demo", "--size", "60")
    assert result.exit_code == 0, result.output
    assert _invoke(data_dir, "duty", "done", "office-meeting", "--on", TODAY).exit_code == 0
    toml = data_dir / "township.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + MAIL, encoding="utf-8")
    return data_dir


def _records(data_dir: Path, kind: str) -> list[tuple[Path, str, dict[str, Any]]]:
    """(file, position, record) of every record of ``kind``, newest year first."""
    found = []
    for path in sorted((data_dir / KINDS[kind].folder).glob("*.json"), reverse=True):
        for position, record in json.loads(path.read_text(encoding="utf-8"))["records"].items():
            found.append((path, position, record))
    return found


def _set(record: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for key in parents:
        record = record.setdefault(key, {})
    record[last] = value


TYPED = [(kind, field) for kind in KINDS for field in declared_types(kind)]


def test_every_kind_declares_the_types_of_its_stored_fields() -> None:
    # Every field a kind declares holds a type, but those that only show
    # something computed from others (no value of their own is stored).
    computed = {
        ("inquiry", "logged"), ("case", "facts"), ("case", "conclusion"),
        ("case", "recommend"), ("case", "aggravated"), ("case", "execution"),
        ("complaint", "absences"), ("denial", "filed"), ("absence", "days"),
        ("medical-aid", "flags"),
    }  # fmt: skip
    untyped = [
        (kind, f.name)
        for kind in KINDS
        for f in spec(kind).fields
        if f.name not in declared_types(kind) and (kind, f.name) not in computed
    ]
    assert untyped == []


@pytest.mark.parametrize(("kind", "field"), TYPED, ids=[f"{k}.{f}" for k, f in TYPED])
def test_a_declared_field_of_another_type_makes_the_record_odd(
    demo: Path, kind: str, field: str
) -> None:
    path, position, record = _records(demo, kind)[0]
    year = int(path.stem)
    assert check_record(KINDS[kind], year, int(position), dict(record)) is None
    type_name = declared_types(kind)[field].rstrip("!")
    damaged = json.loads(json.dumps(record))
    _set(damaged, field, WRONG[type_name])
    reason = check_record(KINDS[kind], year, int(position), damaged)
    assert reason is not None and field in reason.zh and field in reason.en


def _damage(kind: str) -> tuple[str, str]:
    """The field of ``kind`` to damage (a date when it has one, else a number), its type."""
    typed = declared_types(kind)
    for wanted in ("date", "date!", "int", "number", "list", "object", "text"):
        for field, type_name in typed.items():
            if type_name == wanted and "." not in field:
                return field, type_name.rstrip("!")
    raise AssertionError(f"{kind} declares no type")


def _views(kind: str, rid: str) -> list[tuple[tuple[str, ...], int]]:
    """Every view of the records, and the exit each gives with one record odd."""
    goes_on = [
        (kind, "list"),
        (kind, "list", "--format", "json"),
        ("search", rid.split("-")[0]),
        ("overdue",),
        ("overdue", "--format", "json"),
        ("stats", "--year", "2026"),
        ("export", kind),
        ("export", kind, "--format", "json"),
        ("mail", "--dry-run", "--always"),
    ]
    views = [(v, 0) for v in goes_on]
    if kind != "duty":  # ``duty show`` shows a duty of the year, not one record
        views.append(((kind, "show", rid), 3))
    return views


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_view_names_a_damaged_record_of_every_kind(
    demo: Path, tmp_path: Path, kind: str
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(demo, data_dir)
    field, type_name = _damage(kind)
    path, position, record = _records(data_dir, kind)[0]
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["records"][position][field] = WRONG[type_name]
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    where = f"{path.parent.name}/{path.name} 第 {position} 条记录"
    before = {p: p.read_bytes() for p in data_dir.rglob("*.json") if p.name != "audit.jsonl"}
    for args, code in _views(kind, record["id"]):
        result = _invoke(data_dir, *args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args,
            repr(result.exception),
        )
        assert "Traceback" not in result.output
        assert result.exit_code == code, (args, result.output)
        # One sentence naming the file and position, and the field.
        lines = [line for line in result.stderr.splitlines() if where in line]
        assert len(lines) == 1, (args, result.stderr)
        assert field in lines[0], (args, lines[0])
    # Reading wrote nothing to the records (the mail's dry run sends nothing).
    assert {p: p.read_bytes() for p in before} == before


def test_a_damaged_record_through_real_processes(demo: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(demo, data_dir)
    path, position, record = _records(data_dir, "dibao")[0]
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["records"][position]["household"] = "3"  # a number that is text
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, **ENV, "TOWNSHIP_DATA_DIR": str(data_dir)}
    where = f"dibao/{path.name} 第 {position} 条记录"
    for args, code in [
        (("dibao", "list"), 0),
        (("overdue",), 0),
        (("dibao", "show", record["id"]), 3),
        (("amend", record["id"], "--set", "village=东村", "--reason", "更正"), 3),
    ]:
        proc = subprocess.run(
            [sys.executable, "-m", "commands", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == code, (args, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stderr
        assert where in proc.stderr and "household" in proc.stderr, (args, proc.stderr)


# -- audit repair leaves a checkpoint -----------------------------------------------


def test_repair_of_an_interrupted_change_leaves_a_checkpoint(tmp_path: Path) -> None:
    # A write whose audit append failed leaves its journal; repair finishes it
    # (the anchor it writes then has no checkpoint) and, the log verified,
    # sets the checkpoint a writer would have set: the next write trusts it.
    import errno

    from township.storage import audit
    from township.storage import files as storage

    data_dir = tmp_path / "data"
    assert _invoke(data_dir, "init").exit_code == 0
    log = ("inquiry", "log", "--name", "张三", "--matter", "咨询低保", "--channel", "web")
    assert _invoke(data_dir, *log).exit_code == 0

    def append_lines(path: Path, lines: list[str]) -> None:
        raise storage._os_error(path, OSError(errno.EIO, "Input/output error"))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(audit, "append_lines", append_lines)
        assert _invoke(data_dir, *log).exit_code == 3
    assert (data_dir / ".journal.json").exists()
    result = _invoke(data_dir, "audit", "repair")
    assert result.exit_code == 0, result.output
    head = json.loads((data_dir / "audit-head.json").read_text(encoding="utf-8"))
    assert isinstance(head.get("verified"), dict), head
    assert head["verified"]["seq"] == head["seq"] == 2
    # The checkpoint is one the store trusts: read back, it is the log's state.
    from township.storage.store import Store

    store = Store(data_dir)
    assert store._log_state().digest() == audit.scan(store.audit_path).digest()
    assert _invoke(data_dir, *log).exit_code == 0
    assert _invoke(data_dir, "audit", "verify").exit_code == 0
