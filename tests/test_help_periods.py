"""No help states a period in words of its own: with every configurable rule of the
rule book overridden in township.toml, no ``--help`` of any command, in either
language, names a number of days, working days or months other than the one in
force (97 here, a number no rule has)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from commands import cli
from tests.test_i18n_help import PATHS
from township.book.rules import RULES

# A period in help: "15 个工作日", "10 日", "3 days", "1 month". A calendar date
# ("11 月 1 日", "1 November") is not a period.
PERIOD = re.compile(r"(?<!月 )(?<!月)(\d+)\s*(个工作日|日|天|个月|working days?|days?|months?)")


@pytest.fixture(scope="module")
def overridden(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("help") / "data"
    data.mkdir(mode=0o700)
    rules = "".join(f"{r.id} = 97\n" for r in RULES.values() if r.configurable)
    (data / "township.toml").write_text(f'name = "某某镇"\n[rules]\n{rules}', encoding="utf-8")
    return data


def test_some_rules_are_configurable() -> None:
    assert sum(r.configurable for r in RULES.values()) >= 10


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_help_names_a_period_not_in_force(overridden: Path, lang: str) -> None:
    env = {"TOWNSHIP_DATA_DIR": str(overridden), "TOWNSHIP_LANG": lang}
    found = []
    for path in PATHS:
        words = path if isinstance(path, list) else path.split()
        result = CliRunner().invoke(cli, [*words, "--help"], env=env)
        assert result.exit_code == 0, (words, result.output)
        found += [(" ".join(words), m.group(0)) for m in PERIOD.finditer(result.output)]
    assert [f for f in found if not f[1].startswith("97")] == []
