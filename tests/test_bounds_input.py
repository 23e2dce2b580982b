"""Input at the door: the numbers of derived step commands, and click's own usage errors.

- Every ``int``/``amount`` input of a declared step is parsed by
  ``commands.params.NumberType`` with the bounds the declaration gives
  (``Input.low``/``high``; none below 0 unless declared, as the step machine
  holds them): a value outside is refused by the parser (exit 2), the
  message naming the option and the bounds; full-width digits are digits;
  no string ends in a traceback or changes a file.
- Every usage error click writes (a bad value echoed back, an unknown option
  or command, an extra argument) shows control characters escaped.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from conftest import Invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commands import cli
from commands.params import NumberType
from township.book.registry import KINDS, spec

ENV = {"TOWNSHIP_TODAY": "2026-03-02", "TOWNSHIP_USER": "王芳"}


def _derived_number_inputs() -> list[tuple[str, str, str]]:
    """(kind, step, input) of every int/amount input of a derived step command."""
    found = []
    for name in KINDS:
        for step in spec(name).steps:
            if not step.command:
                continue
            for inp in step.inputs:
                if inp.type in ("int", "amount"):
                    found.append((name, step.name, inp.name))
    return found


NUMBER_INPUTS = _derived_number_inputs()


def _command(kind: str, step: str) -> click.Command:
    group = cli.get_command(click.Context(cli), kind)
    assert isinstance(group, click.Group)
    command = group.get_command(click.Context(group), step)
    assert command is not None
    return command


def _input(kind: str, step: str, name: str):  # type: ignore[no-untyped-def]
    return next(
        i for i in next(s for s in spec(kind).steps if s.name == step).inputs if i.name == name
    )


def test_there_are_derived_number_inputs() -> None:
    # The list the tests below walk holds the ones known (it is read from the registry).
    assert {("medical-aid", "apply", "costs"), ("dispute", "extend", "days")} <= set(NUMBER_INPUTS)


@pytest.mark.parametrize("target", NUMBER_INPUTS, ids=" ".join)
def test_each_number_input_is_parsed_with_its_declared_bounds(target: tuple[str, str, str]) -> None:
    kind, step, name = target
    inp = _input(kind, step, name)
    param = next(p for p in _command(kind, step).params if p.name == name)
    assert isinstance(param.type, NumberType)
    assert param.type.whole == (inp.type == "int")
    assert param.type.low == (inp.low if inp.low is not None else 0)
    assert param.type.high == inp.high


def _files(data_dir: Path) -> dict[str, str]:
    return {
        str(p.relative_to(data_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file()
    }


APPLY = ["medical-aid", "apply", "--applicant", "钱某乙", "--village", "石桥村"]
APPLY_END = ["--condition", "high-costs", "--recipient", "dibao", "--on", "2026-03-02"]


def test_an_amount_above_its_bound_is_refused_naming_option_and_bounds(
    run: Invoke, data_dir: Path
) -> None:
    before = _files(data_dir)
    # medical-aid declares costs within 0..10^9 yuan (MAX_YUAN).
    result = run(*APPLY, "--costs", "1000000001", *APPLY_END)
    assert result.exit_code == 2, result.output
    assert "--costs" in result.output
    assert "当年医疗费用（元）应在 0 至 1000000000 之间（收到 1000000001）" in result.output
    assert _files(data_dir) == before
    result = run(*APPLY, "--costs", "-5", *APPLY_END, lang="en")
    assert result.exit_code == 2, result.output
    assert "'--costs'" in result.output
    assert "must be between 0 and 1000000000 (got -5)" in result.output


def test_a_number_in_full_width_digits_is_read_as_digits(run: Invoke) -> None:
    result = run(*APPLY, "--costs", "３６０００．５", *APPLY_END, "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"costs": 36000.5' in result.output


@pytest.mark.parametrize("value", ["1e5", "nan", "inf", "1_000", "0x10", "9" * 40, "", "\u3000"])
def test_what_is_not_a_plain_number_is_refused_as_a_number(
    run: Invoke, data_dir: Path, value: str
) -> None:
    before = _files(data_dir)
    result = run(*APPLY, "--costs", value, *APPLY_END)
    assert result.exit_code == 2, result.output
    assert "--costs" in result.output
    assert _files(data_dir) == before


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A demo data set, and one record id of each kind (for steps that act on one)."""
    import json

    data_dir = tmp_path_factory.mktemp("bounds-demo") / "data"
    env = {**ENV, "TOWNSHIP_DATA_DIR": str(data_dir)}
    result = CliRunner().invoke(cli, ["init", "--demo", "--size", "40"], env=env)
    assert result.exit_code == 0, result.output
    ids = {}
    for kind in KINDS.values():
        for year_file in sorted((data_dir / kind.folder).glob("*.json")):
            for record in json.loads(year_file.read_text(encoding="utf-8"))["records"].values():
                ids.setdefault(kind.name, record["id"])
    return data_dir, ids


NASTY_NUMBERS = st.sampled_from(
    ["０", "１５", "－１", "１５００．５", "9" * 40, "1e999", "nan", "-inf", "1_000", "+",
     "-", ".", "1..2", "\x1b[2J", "\u202e5", "٣", "五", "1,000", " 7 ", "\u200b3", "0" * 31]
)  # fmt: skip
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)


def _no_traceback(result: Result) -> None:
    assert result.exit_code in (0, 1, 2, 3), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(target=st.sampled_from(NUMBER_INPUTS), value=st.one_of(NASTY_NUMBERS, TEXT))
def test_fuzz_number_inputs_of_derived_commands(
    demo: tuple[Path, dict[str, str]], target: tuple[str, str, str], value: str
) -> None:
    # The value for the number, nothing else given: the parser reads the number
    # before the command asks for anything else, so a bad number is exit 2 and a
    # good one gets as far as the next missing option or the step (any exit but
    # a traceback). A refused number changes no file.
    data_dir, ids = demo
    kind, step, name = target
    args = [kind, step, f"--{name.replace('_', '-')}", value]
    if not next(s for s in spec(kind).steps if s.name == step).creates:
        args += ["--", ids.get(kind, f"{KINDS[kind].prefix}-2026-0001")]
    before = _files(data_dir)
    result = CliRunner().invoke(cli, args, env={**ENV, "TOWNSHIP_DATA_DIR": str(data_dir)})
    _no_traceback(result)
    if result.exit_code == 2:
        assert _files(data_dir) == before


# -- click's usage errors ----------------------------------------------------------

HOSTILE = "\x1b[2J\x1b]0;x\x07\u202e\x85"
USAGE_ERRORS = [
    ("inquiry", "list", "--format", HOSTILE),
    ("inquiry", "list", "--status", HOSTILE),
    ("inquiry", "list", "--since", HOSTILE),
    ("inquiry", "list", "--limit", HOSTILE),
    ("inquiry", "list", "--x" + HOSTILE),
    ("inquiry", "list", "extra" + HOSTILE),
    ("inquiry" + HOSTILE,),
    ("inquiry", "log", "--name", "张三", "--matter", "m", "--on", HOSTILE),
    ("--lang", "en", "--today", HOSTILE, "overdue"),
    ("overdue", "--kind", HOSTILE),
    ("medical-aid", "apply", "--costs", HOSTILE),
]


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=range(len(USAGE_ERRORS)))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_usage_errors_show_control_characters_escaped(
    run: Invoke, data_dir: Path, args: tuple[str, ...], lang: str
) -> None:
    assert run("init").exit_code == 0
    env = {**ENV, "TOWNSHIP_DATA_DIR": str(data_dir), "TOWNSHIP_LANG": lang}
    # color=True: the runner would otherwise strip ESC sequences as click does
    # for a pipe, hiding what a terminal receives.
    result = CliRunner().invoke(cli, list(args), env=env, color=True)
    assert result.exit_code == 2, result.output
    raw = [c for c in result.output if c in "\x1b\x07\u202e\x85"]
    assert raw == [], result.output
    assert "\\x1b" in result.output, result.output


# -- masking follows the file ------------------------------------------------------

NAME, PHONE = "张三丰", "13812345678"


@pytest.mark.parametrize("claimed", ["inquiry", "circular", "nope", None])
def test_a_record_is_masked_as_the_kind_of_its_file_whatever_it_claims(
    run: Invoke, data_dir: Path, claimed: str | None
) -> None:
    import json

    args = ["complaint", "register", "--against", "民政办", "--category", "1"]
    args += ["--summary", "低保申请拖延不办", "--complainant", NAME, "--contact", PHONE]
    result = run(*args, today="2026-03-02")
    assert result.exit_code == 0, result.output
    rid = result.stdout.splitlines()[0]
    # The record's own kind field edited by hand: to a kind that protects no
    # complainant, to no kind, or removed. It is still the complaints' file.
    path = data_dir / "complaints" / "2026.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    record = next(iter(doc["records"].values()))
    if claimed is None:
        del record["kind"]
    else:
        record["kind"] = claimed
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    views = [
        ("complaint", "list"),
        ("complaint", "list", "--format", "json"),
        ("complaint", "show", rid),
        ("complaint", "show", rid, "--format", "json"),
        ("search", "低保申请"),
        ("search", "低保申请", "--format", "json"),
        ("export", "complaint"),
        ("export", "complaint", "--format", "json"),
        ("overdue", "--as-of", "2026-12-31", "--format", "json"),
    ]
    for view in views:
        result = run(*view)
        assert result.exit_code == 0, (view, result.output)
        assert NAME not in result.output and PHONE not in result.output, (view, result.output)
        if view[0] != "overdue":  # listed, not left out as odd
            assert rid in result.output, (view, result.output)
        if view[0] != "search" and view[0] != "overdue":  # a search table shows no name
            assert "张**" in result.output, (view, result.output)
    assert NAME in run("complaint", "show", rid, "--reveal").output


# -- every argument of every derived step command ----------------------------------


def _derived_params() -> list[tuple[tuple[str, ...], str]]:
    """(command path, parameter) of every option and argument of a derived step command."""
    from test_reliability_fuzz import COMMANDS, GLOBAL

    derived = {(k, s.name) for k in KINDS for s in spec(k).steps if s.command}
    return [
        (tuple(path), param.name)
        for path, command in COMMANDS
        if tuple(path) in derived
        for param in command.params
        if param.name not in GLOBAL and not isinstance(param.type, click.types.BoolParamType)
    ]


DERIVED_PARAMS = _derived_params()


@settings(
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(target=st.sampled_from(DERIVED_PARAMS), data=st.data())
def test_fuzz_every_argument_of_the_derived_commands(
    demo: tuple[Path, dict[str, str]], target: tuple[tuple[str, ...], str], data: st.DataObject
) -> None:
    # Any string for one argument, valid values for the required others: an
    # exit code and one message, never a traceback; a refusal changes no file.
    from test_reliability_fuzz import NASTY, _args

    data_dir, ids = demo
    path, name = target
    value = data.draw(st.one_of(NASTY, NASTY_NUMBERS, TEXT))
    before = _files(data_dir)
    args = _args(path, name, value, ids)
    result = CliRunner().invoke(cli, args, env={**ENV, "TOWNSHIP_DATA_DIR": str(data_dir)})
    _no_traceback(result)
    if result.exit_code != 0:
        assert _files(data_dir) == before, (args, result.output)
