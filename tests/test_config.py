"""``township.toml`` : defaults, the template, and refusing bad files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Invoke

from township import config
from township.errors import ConfigError


def write(data_dir: Path, text: str) -> Path:
    data_dir.mkdir(exist_ok=True)
    path = data_dir / config.CONFIG_NAME
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path: Path) -> None:
    cfg = config.load(tmp_path)
    assert cfg == config.Config()
    assert (cfg.serious_after, cfg.due_within) == (5, 2)


def test_template_loads(run: Invoke, data_dir: Path) -> None:
    assert run("init").exit_code == 0
    cfg = config.load(data_dir)
    assert cfg.name == "某某镇人民政府"
    # The regulations state no service commitment: the shipped file lists none.
    # 低保 is a kind of its own (township dibao), not a service commitment.
    assert cfg.services == {}
    assert cfg.dibao_line == 1500
    assert cfg.rules == {}


def test_full_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        'name = "青山镇人民政府"\nhotline = "0832-1234567"\n'
        "[rules]\ncomplaint-handling = 10\n"
        "[report]\nserious-after = 3\ndue-within = 1\n"
        '[services]\n"临时救助申请" = 5\n',
    )
    cfg = config.load(tmp_path)
    assert cfg.name == "青山镇人民政府"
    assert cfg.hotline == "0832-1234567"
    assert cfg.rules == {"complaint-handling": 10}
    assert (cfg.serious_after, cfg.due_within) == (3, 1)
    assert cfg.services == {"临时救助申请": 5}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('name = "x"\nhotline = \n', 2),
        ('name = "x"\n\n[rules]\ncomplaint-handling = ten\n', 4),
        ('name = "x"\nname = "y"\n', 2),  # duplicate key
        ('name = "x"\n[services]\n"低保" = [1,\n', 3),  # unclosed at end of document
        ('name = "unterminated\n', 1),
    ],
)
def test_syntax_error_names_the_line(run: Invoke, data_dir: Path, text: str, line: int) -> None:
    path = write(data_dir, text)
    with pytest.raises(ConfigError) as err:
        config.load(data_dir)
    assert f"line {line} " in err.value.message_in("en")
    # A command that loads it: init on the existing directory.
    result = run("init")
    assert result.exit_code == 3, result.output
    assert f"第 {line} 行" in result.stderr
    assert str(path) in result.stderr
    result = run("init", lang="en")
    assert f"line {line} " in result.stderr
    assert path.read_text(encoding="utf-8") == text  # never rewritten


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('nme = "x"\n', "nme"),
        ("[rule]\ncomplaint-handling = 10\n", "rule"),
        ("[rules]\ncomplaint-handlin = 10\n", "rules.complaint-handlin"),
        ("[report]\nserious = 3\n", "report.serious"),
    ],
)
def test_unknown_keys_are_refused(run: Invoke, data_dir: Path, text: str, named: str) -> None:
    write(data_dir, text)
    with pytest.raises(ConfigError) as err:
        config.load(data_dir)
    assert named in err.value.message_in("en")
    result = run("init", lang="en")
    assert result.exit_code == 3
    assert named in result.stderr


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("name = 5\n", "name"),
        ("hotline = 8321234567\n", "hotline"),
        ("rules = 5\n", "rules"),
        ('[rules]\ncomplaint-handling = "10"\n', "rules.complaint-handling"),
        ("[rules]\ncomplaint-handling = 1.5\n", "rules.complaint-handling"),
        ("[rules]\ncomplaint-handling = -1\n", "rules.complaint-handling"),
        ("[rules]\ncomplaint-handling = true\n", "rules.complaint-handling"),
        ('[services]\n"低保" = "十"\n', "services.低保"),
        ("[report]\nserious-after = -2\n", "report.serious-after"),
        ('report = "x"\n', "report"),
    ],
)
def test_wrong_types_are_refused(run: Invoke, data_dir: Path, text: str, named: str) -> None:
    write(data_dir, text)
    with pytest.raises(ConfigError) as err:
        config.load(data_dir)
    assert named in err.value.message_in("en")
    result = run("init")
    assert result.exit_code == 3
    assert named in result.stderr


def test_explicit_known_rules(tmp_path: Path) -> None:
    write(tmp_path, "[rules]\nmy-rule = 3\n")
    assert config.load(tmp_path, known_rules=frozenset({"my-rule"})).rules == {"my-rule": 3}
    with pytest.raises(ConfigError):
        config.load(tmp_path)


def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / config.CONFIG_NAME).write_bytes(b'name = "\xff"\n')
    with pytest.raises(ConfigError) as err:
        config.load(tmp_path)
    assert config.CONFIG_NAME in err.value.message_in("en")


def test_init_keeps_an_existing_valid_file(run: Invoke, data_dir: Path) -> None:
    text = 'name = "青山镇人民政府"\n'
    path = write(data_dir, text)
    result = run("init")
    assert result.exit_code == 0
    assert "已存在" in result.stdout
    assert path.read_text(encoding="utf-8") == text


# -- a file saved by Notepad, typed on a Chinese keyboard -----------------------------

FULL = (
    'name = "青山镇人民政府"\nhotline = "0832-1234567"\n'
    "[rules]\ncomplaint-handling = 10\n"
    '[services]\n"临时救助申请" = 5\n'
    "[duties]\nstart = 2026-01-01\n"
)


def test_a_byte_order_mark_is_read_as_if_there_were_none(run: Invoke, data_dir: Path) -> None:
    write(data_dir, FULL)
    plain = config.load(data_dir)
    (data_dir / config.CONFIG_NAME).write_bytes(b"\xef\xbb\xbf" + FULL.encode("utf-8"))
    assert config.load(data_dir) == plain
    assert plain.rules == {"complaint-handling": 10}
    # Every command reads it: the duties (their own table) and the mail settings too.
    assert run("overdue").exit_code == 0
    duties = run("duty", "list", "--format", "json")
    assert duties.exit_code == 0, duties.output
    assert run("mail", "--dry-run").exit_code == 3  # no [mail]: named, not a syntax error
    assert "[mail]" in run("mail", "--dry-run").stderr


def test_full_width_outside_strings_is_read_as_ascii(tmp_path: Path) -> None:
    # What a Chinese input method in full-width mode types: ＝, ［］, digits, U+3000.
    write(
        tmp_path,
        'name　＝　"青山镇（东片）人民政府"\n'
        "［ｒｕｌｅｓ］\n"
        "ｃｏｍｐｌａｉｎｔ－ｈａｎｄｌｉｎｇ　＝　１０　＃ 本镇规定\n"
        "［ｄｉｂａｏ］\nｌｉｎｅ ＝ １５００．５\n"
        '[services]\n"临时救助申请（５日）" = ５\n',
    )
    cfg = config.load(tmp_path)
    assert cfg.rules == {"complaint-handling": 10}
    assert cfg.dibao_line == 1500.5
    # Strings are kept as written: the name's brackets and the service's digit.
    assert cfg.name == "青山镇（东片）人民政府"
    assert cfg.services == {"临时救助申请（５日）": 5}


def test_full_width_dates_in_the_duties(run: Invoke, data_dir: Path) -> None:
    write(data_dir, "[duties]\nstart ＝ ２０２６－０１－０１\n")
    assert str(config.load(data_dir).duties.start) == "2026-01-01"
    write(data_dir, '[duties]\nstart = "２０２６－０１－０１"\n')
    assert str(config.load(data_dir).duties.start) == "2026-01-01"


@pytest.mark.parametrize(
    "text",
    [
        config.TEMPLATE,
        FULL,
        'name = "a＝b" # c＝\nx = """\n＂１＂\n"""\ny = \'\'\'２\'\'\'\nz = "\\"３\\""\n',
        "a = 'x＂'\nb = \"q'\" # ＂\n",
    ],
)
def test_a_valid_file_is_read_as_it_is(text: str) -> None:
    # Outside strings and comments a valid TOML file is ASCII: nothing to change.
    assert config.ascii_outside_strings(text) == text


@pytest.mark.parametrize(
    ("text", "named", "line"),
    [
        ('hotline = "1"\nname = "青山镇\\n伪造"\n', "name", 2),
        ('name = """青山镇\r\n"""\n', "name", 1),
        ('hotline = "0832\\u2028"\n', "hotline", 1),
    ],
)
def test_a_line_break_in_a_name_stops_every_command(
    run: Invoke, data_dir: Path, text: str, named: str, line: int
) -> None:
    write(data_dir, text)
    with pytest.raises(ConfigError) as err:
        config.load(data_dir)
    assert f"({named})" in err.value.message_in("en")
    assert f"line {line} " in err.value.message_in("en")
    result = run("overdue", lang="en")
    assert result.exit_code == 3, result.output
    assert f"({named})" in result.stderr and "line break" in result.stderr
