"""Shared fixtures: a temporary data directory and a CLI runner pinned in time.

Every test runs with ``TOWNSHIP_*`` variables cleared, so nothing depends on
the machine's environment or the real date.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from commands import cli
from township.calendar import WorkCalendar
from township.storage.store import Store

DEFAULT_TODAY = "2026-03-02"
CLERK = "王芳"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("TOWNSHIP_"):
            monkeypatch.delenv(name)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data directory that does not exist yet."""
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Store:
    """A store on the temporary data directory with a fixed audit clock."""
    return Store(data_dir, lock_timeout=5, clock=lambda: "2026-03-02T09:00:00+08:00")


@pytest.fixture
def calendar() -> WorkCalendar:
    """The calendar with no imported schedules (2027 is provisional)."""
    return WorkCalendar()


Invoke = Callable[..., Result]


@pytest.fixture
def run(data_dir: Path) -> Invoke:
    """Run ``township ARGS`` in-process with the data dir, today and clerk pinned.

    ``run("calendar", "add", "2025-09-26", "10", today="2025-09-26")``
    """

    def invoke(
        *args: str,
        today: str = DEFAULT_TODAY,
        user: str = CLERK,
        lang: str = "zh",
        input: str | None = None,
    ) -> Result:
        if args and args[0] not in ("init", "calendar"):
            # Every command but init needs the data directory ("run
            # township init"); tests of that refusal invoke the CLI themselves.
            data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        env = {
            "TOWNSHIP_DATA_DIR": str(data_dir),
            "TOWNSHIP_TODAY": today,
            "TOWNSHIP_USER": user,
            "TOWNSHIP_LANG": lang,
        }
        return CliRunner().invoke(cli, list(args), env=env, input=input, catch_exceptions=False)

    return invoke


def d(text: str) -> dt.date:
    """Shorthand for a date in tests."""
    return dt.date.fromisoformat(text)


def take(
    tx: Any,
    kind: str,
    step: str,
    record_id: str | None = None,
    *,
    on: dt.date,
    today: dt.date,
    actor: str = CLERK,
    env: Any,
    **values: Any,
) -> dict[str, Any]:
    """The declared ``step`` of ``kind`` taken as its command takes it (``Machine.take``)."""
    from township.book.registry import spec
    from township.steps.machine import Machine

    machine = Machine(spec(kind))
    return machine.take(tx, step, record_id, values, on=on, today=today, actor=actor, env=env)
