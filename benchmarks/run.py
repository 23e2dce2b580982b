"""township at county scale: the benchmarks of issue 7, side by side in one run.

    python benchmarks/run.py [--sizes 1000,10000,100000] [--out benchmarks/out]
                             [--repeat 5] [--cold-repeat 25] [--rebuild] [--record]

Builds (or reuses; ``--rebuild`` builds again) demo data sets with
``township init --demo --size N`` under ``--out`` (git-ignored), plus an
empty data directory for the fixed cost of each command, and measures each
against the floor a JSON-file store allows or the baseline the issue names:

1. ``township overdue``  vs  a plain Python process that reads and parses
   the same files (``benchmarks/floor.py read``);
2. one ``township inquiry log``  vs  loading, changing and atomically
   rewriting the one file it changes (``benchmarks/floor.py write``);
3. cold start: ``township --help``  vs  ``python -c "import click"``, and
   ``township calendar add``  vs  ``python -c "import click, chinese_calendar"``;
4. working-day arithmetic (``benchmarks/workdays.py``): 100,000
   ``WorkCalendar.add`` calls vs chinese-calendar and numpy;
5. the peak memory (max RSS) of every process, the report's included.

Every command is a subprocess timed with ``time.perf_counter`` around the
spawn and ``os.wait4`` (which also gives that child's own max RSS), output
to /dev/null. township runs as its console script executed by this
interpreter (``sys.executable <venv>/bin/township ...``; ``--via module``
runs ``sys.executable -m commands``), the floors and baselines as
``sys.executable ...``: the same interpreter, the same ``site``, on both
sides. Bytecode is cached for both sides (``PYTHONPYCACHEPREFIX`` under
``--out``; ``PYTHONDONTWRITEBYTECODE`` is dropped), as for an installed
township. Every township command runs with ``--today 2026-11-24``.

Each measurement is repeated, township and its floor interleaved, after one
untimed warm-up; the headline ratio is best against best (the least
disturbed run of each), with the median of the per-round ratios beside it.

With ``--record`` the figures are written into ``benchmarks/RESULTS.md``
and ``README.md`` (between their ``figures`` markers);
they always go to ``<out>/results.json`` and ``<out>/results.md``. The
profiles of the largest size (cProfile, ``-X importtime``) go to
``<out>/profiles/`` unless ``--no-profile``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TODAY = "2026-11-24"
FLOOR = HERE / "floor.py"
WORKDAYS = HERE / "workdays.py"
KIND_FOLDERS = ("inquiries", "cases", "complaints", "petitions", "denials")
GOALS = {
    "overdue": 2.0,
    "inquiry_log": 1.5,
    "help": 1.3,
    "calendar_add": 1.5,
    "vs_find_workday": 50.0,  # township at least this many times faster
    "vs_numpy": 3.0,  # township at most this many times slower
}
BEGIN, END = "<!-- figures:begin -->", "<!-- figures:end -->"


# -- running a child -------------------------------------------------------


@dataclass
class Sample:
    """One run of a child process: wall seconds and its own max RSS (KiB)."""

    wall: float
    rss_kb: int


class ChildFailed(RuntimeError):
    """A measured command did not exit 0."""


def run_child(cmd: Sequence[str], env: dict[str, str]) -> Sample:
    """Run ``cmd`` with output to /dev/null; time it and read its own rusage."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            detail = err.read().decode("utf-8", "replace")[-2000:]
            raise ChildFailed(f"{' '.join(cmd)} exited {proc.returncode}:\n{detail}")
    return Sample(wall, usage.ru_maxrss)


@dataclass
class Series:
    """Repeated samples of one command."""

    samples: list[Sample] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(s.wall for s in self.samples)

    @property
    def median(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def rss_mb(self) -> float:
        return max(s.rss_kb for s in self.samples) / 1024

    def as_json(self) -> dict[str, Any]:
        return {
            "best_s": self.best,
            "median_s": self.median,
            "runs_s": [s.wall for s in self.samples],
            "max_rss_mb": self.rss_mb,
        }


@dataclass
class Pair:
    """A command and its floor (or baseline), measured interleaved."""

    mine: Series
    floor: Series

    @property
    def ratio(self) -> float:
        return self.mine.best / self.floor.best

    @property
    def median_ratio(self) -> float:
        return statistics.median(
            a.wall / b.wall for a, b in zip(self.mine.samples, self.floor.samples, strict=True)
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "township": self.mine.as_json(),
            "floor": self.floor.as_json(),
            "ratio": self.ratio,
            "median_ratio": self.median_ratio,
        }


class Bench:
    """The environment every child runs in, and how township is invoked."""

    def __init__(self, out: Path, via: str, repeat: int) -> None:
        self.out = out
        self.repeat = repeat
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("TOWNSHIP_DATA_DIR", None)
        env.update(
            PYTHONPYCACHEPREFIX=str(out / "pycache"),
            TOWNSHIP_TODAY=TODAY,
            TOWNSHIP_USER="基准测试",
            TOWNSHIP_LANG="zh",
            TOWNSHIP_LOCK_TIMEOUT="60",
        )
        self.env = env
        script = Path(sys.executable).parent / "township"
        if via == "script" and not script.exists():
            found = shutil.which("township")
            script = Path(found) if found else script
        if via == "script" and script.exists():
            self.prefix = [sys.executable, str(script)]
            self.via = f"console script: {sys.executable} {script}"
        else:
            self.prefix = [sys.executable, "-m", "commands"]
            self.via = f"module: {sys.executable} -m commands"

    def township(self, data_dir: Path | None, *args: str) -> list[str]:
        head = [*self.prefix, "--today", TODAY]
        if data_dir is not None:
            head += ["--data-dir", str(data_dir)]
        return [*head, *args]

    def python(self, *args: str) -> list[str]:
        return [sys.executable, *args]

    def once(self, cmd: Sequence[str]) -> Sample:
        return run_child(cmd, self.env)

    def pair(
        self,
        mine: Sequence[str],
        floor: Sequence[str],
        repeat: int | None = None,
        before: Callable[[], None] | None = None,
    ) -> Pair:
        """Interleave ``mine`` and ``floor``, after one untimed warm-up of each."""
        if before:
            before()
        self.once(mine)
        self.once(floor)
        result = Pair(Series(), Series())
        for _ in range(repeat or self.repeat):
            result.mine.samples.append(self.once(mine))
            result.floor.samples.append(self.once(floor))
        return result


# -- data sets -------------------------------------------------------------


def data_files(data_dir: Path) -> list[Path]:
    """The year files the report reads."""
    return sorted(
        p
        for folder in KIND_FOLDERS
        for p in (data_dir / folder).glob("*.json")
        if p.stem.isdigit() and len(p.stem) == 4
    )


def dataset(bench: Bench, size: int, rebuild: bool = False) -> dict[str, Any]:
    """``<out>/data-N``, built with ``township init --demo --size N`` unless present."""
    data_dir = bench.out / f"data-{size}"
    marker = bench.out / f"data-{size}.json"
    info: dict[str, Any] | None = None
    if marker.exists() and data_dir.is_dir() and not rebuild:
        info = json.loads(marker.read_text())
        if info.get("size") != size or info.get("today") != TODAY:
            info = None
    if info is None:
        if data_dir.exists():
            shutil.rmtree(data_dir)
        marker.unlink(missing_ok=True)
        print(f"building {data_dir} ({size:,} records) ...", flush=True)
        if size:
            sample = bench.once(bench.township(data_dir, "init", "--demo", "--size", str(size)))
        else:
            sample = bench.once(bench.township(data_dir, "init"))
        info = {
            "size": size,
            "today": TODAY,
            "build_s": sample.wall,
            "build_rss_mb": sample.rss_kb / 1024,
            "built": dt.datetime.now().isoformat(timespec="seconds"),
        }
        marker.write_text(json.dumps(info))
        info["reused"] = False
    else:
        info["reused"] = True
    files = data_files(data_dir)
    info["dir"] = data_dir
    info["files"] = len(files)
    info["data_mb"] = sum(p.stat().st_size for p in files) / 1e6
    current = data_dir / "inquiries" / f"{TODAY[:4]}.json"
    info["current_file_mb"] = current.stat().st_size / 1e6 if current.exists() else 0.0
    audit_log = data_dir / "audit.jsonl"
    info["audit_mb"] = audit_log.stat().st_size / 1e6 if audit_log.exists() else 0.0
    return info


def scratch_copy(bench: Bench, source: Path) -> Path:
    """A fresh copy of a data set for the writes, so the data sets stay as built."""
    target = bench.out / f"scratch-{source.name}"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    return target


# -- the measurements ------------------------------------------------------


LOG_ARGS = ("inquiry", "log", "--name", "张某", "--matter", "基准测试咨询", "--channel", "phone")


def measure_size(bench: Bench, info: dict[str, Any]) -> dict[str, Any]:
    data_dir: Path = info["dir"]
    size = info["size"]
    # Small sets are cheap and their ratios are the noisiest: run them more often.
    repeat = bench.repeat * (3 if size <= 1000 else 2 if size <= 10_000 else 1)
    print(f"  {size:>7,} records: overdue", flush=True)
    report = bench.pair(
        bench.township(data_dir, "overdue"),
        bench.python(str(FLOOR), "read", str(data_dir)),
        repeat,
    )
    listed = subprocess.run(
        bench.township(data_dir, "overdue", "--format", "json"),
        env=bench.env,
        capture_output=True,
        check=True,
    )
    items = json.loads(listed.stdout)
    print(f"  {size:>7,} records: inquiry log", flush=True)
    scratch = scratch_copy(bench, data_dir)
    current = scratch / "inquiries" / f"{TODAY[:4]}.json"
    if not current.exists():  # the empty directory: township creates the file
        bench.once(bench.township(scratch, *LOG_ARGS))
    write = bench.pair(
        bench.township(scratch, *LOG_ARGS),
        bench.python(str(FLOOR), "write", str(current)),
        repeat,
    )
    shutil.rmtree(scratch)
    return {
        "size": size,
        "files": info["files"],
        "data_mb": info["data_mb"],
        "current_file_mb": info["current_file_mb"],
        "audit_mb": info["audit_mb"],
        "build_s": info["build_s"],
        "build_rss_mb": info["build_rss_mb"],
        "reused": info["reused"],
        "report_items": len(items),
        "report_overdue": sum(i["state"] == "overdue" for i in items),
        "overdue": report.as_json(),
        "inquiry_log": write.as_json(),
    }


def measure_cold(bench: Bench, data_dir: Path, repeat: int) -> dict[str, Any]:
    print("cold start", flush=True)
    help_pair = bench.pair(
        bench.township(None, "--help"), bench.python("-c", "import click"), repeat
    )
    add_pair = bench.pair(
        bench.township(data_dir, "calendar", "add", "2026-09-26", "10"),
        bench.python("-c", "import click, chinese_calendar"),
        repeat,
    )
    bare = Series([bench.once(bench.python("-c", "pass")) for _ in range(repeat)])
    return {
        "help": help_pair.as_json(),
        "calendar_add": add_pair.as_json(),
        "python_bare": bare.as_json(),
    }


def measure_workdays(bench: Bench, sample: int) -> dict[str, Any]:
    print("working-day arithmetic", flush=True)
    proc = subprocess.run(
        bench.python(str(WORKDAYS), "--sample", str(sample), "--repeat", "5"),
        env=bench.env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)


def measure_fsync(directory: Path, repeat: int = 15) -> dict[str, float]:
    """What one durable small write costs on this disk (seconds, median)."""
    path = directory / "fsync-probe.json"
    atomic, append = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        tmp = directory / ".fsync-probe.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, b'{"seq":1,"hash":"0"}')
        os.fsync(fd)
        os.close(fd)
        os.replace(tmp, path)
        dfd = os.open(directory, os.O_RDONLY)
        os.fsync(dfd)
        os.close(dfd)
        atomic.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        fd = os.open(directory / "fsync-probe.log", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.write(fd, b"x" * 600 + b"\n")
        os.fsync(fd)
        os.close(fd)
        append.append(time.perf_counter() - t0)
    path.unlink()
    (directory / "fsync-probe.log").unlink()
    return {"atomic_small_s": statistics.median(atomic), "append_s": statistics.median(append)}


# -- profiles --------------------------------------------------------------


def importtime_tree(stderr: str) -> list[tuple[int, str, int]]:
    """``-X importtime`` lines as (depth, module, self µs), in print order."""
    rows = []
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)$", line)
        if m:
            rows.append((len(m.group(3)) // 2, m.group(4), int(m.group(1))))
    return rows


def extra_imports(mine: list[tuple[int, str, int]], base: set[str]) -> list[dict[str, Any]]:
    """Imports not in the baseline, as a tree two levels deep: module, ms of extra imports."""
    # importtime prints children before their parent; rebuild the tree.
    extra_ms: list[float] = []
    children: list[list[int]] = []
    pending: list[list[int]] = [[]]
    for i, (depth, name, self_us) in enumerate(mine):
        while len(pending) <= depth + 1:
            pending.append([])
        kids = pending[depth + 1]
        pending[depth + 1] = []
        children.append(kids)
        own = self_us / 1000 if name not in base else 0.0
        extra_ms.append(own + sum(extra_ms[k] for k in kids))
        pending[depth].append(i)
    rows = []

    def emit(i: int, level: int) -> None:
        if extra_ms[i] < 1.0:
            return
        rows.append({"module": mine[i][1], "level": level, "extra_ms": round(extra_ms[i], 1)})
        if level < 2:
            for k in sorted(children[i], key=lambda k: -extra_ms[k]):
                emit(k, level + 1)

    for i in sorted(pending[0], key=lambda k: -extra_ms[k]):
        emit(i, 0)
    return rows


def profile_imports(bench: Bench, mine: list[str], base: list[str], tag: str) -> dict[str, Any]:
    """Which imports ``mine`` adds to ``base`` (best of 3 runs per module)."""

    def trace(cmd: list[str]) -> list[tuple[int, str, int]]:
        runs = []
        for _ in range(3):
            proc = subprocess.run(
                [cmd[0], "-X", "importtime", *cmd[1:]],
                env=bench.env,
                capture_output=True,
                text=True,
                check=True,
            )
            runs.append(importtime_tree(proc.stderr))
        (bench.out / "profiles" / f"importtime-{tag}.txt").write_text(proc.stderr)
        fastest: dict[str, int] = {}
        for run in runs:
            for _, name, us in run:
                fastest[name] = min(fastest.get(name, us), us)
        return [(d, n, fastest[n]) for d, n, _ in runs[-1]]

    base_rows = trace(base)
    mine_rows = trace(mine)
    base_names = {n for _, n, _ in base_rows}
    extra = extra_imports(mine_rows, base_names)
    return {
        "extra_import_ms": round(
            sum(us for _, n, us in mine_rows if n not in base_names) / 1000, 1
        ),
        "tree": extra,
    }


def profile_log_imports(bench: Bench, empty: Path) -> dict[str, Any]:
    """What ``inquiry log`` imports beyond the floor process (on an empty directory)."""
    scratch = scratch_copy(bench, empty)
    try:
        bench.once(bench.township(scratch, *LOG_ARGS))
        current = scratch / "inquiries" / f"{TODAY[:4]}.json"
        return profile_imports(
            bench,
            bench.township(scratch, *LOG_ARGS),
            bench.python(str(FLOOR), "write", str(current)),
            "inquiry-log",
        )
    finally:
        shutil.rmtree(scratch)


def _stat(
    stats: pstats.Stats, suffix: str, func: str, caller: tuple[str, str] | None = None
) -> tuple[float, int]:
    """Cumulative seconds and calls of ``func`` in files ending in ``suffix``.

    With ``caller`` (file suffix, function), only the calls made from there.
    """
    cum, calls = 0.0, 0
    for (path, _, name), (_, ncalls, _, ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if name != func or not path.endswith(suffix):
            continue
        if caller is None:
            cum += ct
            calls += ncalls
            continue
        for (cpath, _, cname), (_, cn, _, cct) in callers.items():
            if cname == caller[1] and cpath.endswith(caller[0]):
                cum += cct
                calls += cn
    return cum, calls


def cprofile(bench: Bench, cmd: list[str], tag: str) -> pstats.Stats:
    target = bench.out / "profiles" / f"{tag}.prof"
    subprocess.run(
        [cmd[0], "-m", "cProfile", "-o", str(target), *cmd[1:]],
        env=bench.env,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return pstats.Stats(str(target))


def _parts(parts: dict[str, tuple[float, int]]) -> dict[str, dict[str, float]]:
    return {k: {"s": v[0], "calls": v[1]} for k, v in parts.items()}


IMPORTS = ("<frozen importlib._bootstrap>", "_find_and_load")


def profile_overdue(bench: Bench, data_dir: Path) -> dict[str, Any]:
    stats = cprofile(bench, bench.township(data_dir, "overdue"), "overdue")
    items = _stat(stats, "township/views/report.py", "overdue_items")
    reading = _stat(stats, "township/storage/store.py", "iter_records")
    parts = {
        "imports (all)": _stat(stats, *IMPORTS),
        "read and parse the year files (Store.iter_records)": reading,
        "… of which json.loads": _stat(stats, "json/__init__.py", "loads"),
        "clocks and calendar (overdue_items without the reading)": (
            items[0] - reading[0],
            items[1],
        ),
        "… of which WorkCalendar.add": _stat(stats, "township/calendar.py", "add"),
        "sort": _stat(stats, "~", "<method 'sort' of 'list' objects>"),
        "render the table (commands/render.py render)": _stat(
            stats, "commands/render.py", "render"
        ),
    }
    top = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:8]  # type: ignore[attr-defined]
    return {
        "total_s": stats.total_tt,  # type: ignore[attr-defined]
        "parts": _parts(parts),
        "top_tottime": [
            {"function": f"{Path(p).name}:{line}({name})", "tottime_s": v[2], "calls": v[1]}
            for (p, line, name), v in top
        ],
    }


def profile_log(bench: Bench, data_dir: Path) -> dict[str, Any]:
    scratch = scratch_copy(bench, data_dir)
    try:
        bench.once(bench.township(scratch, *LOG_ARGS))  # warm
        stats = cprofile(bench, bench.township(scratch, *LOG_ARGS), "inquiry-log")
    finally:
        shutil.rmtree(scratch)
    storage = "township/storage/files.py"
    commit = ("township/storage/store.py", "_commit")
    parts = {
        "imports (all)": _stat(stats, *IMPORTS),
        "the audit timestamp (dates.now_iso, pendulum)": _stat(
            stats, "township/dates.py", "now_iso"
        ),
        "lock (DirectoryLock.__enter__)": _stat(stats, storage, "__enter__"),
        "recovery check (Store._recover: stale temp files, journal)": _stat(
            stats, "township/storage/store.py", "_recover"
        ),
        "read + parse the year file (read_json)": _stat(stats, storage, "read_json"),
        "TinyDB table operations (Table._update_table)": _stat(
            stats, "tinydb/table.py", "_update_table"
        ),
        "audit line (read_tail + make_line + append_lines with fsync)": tuple(
            map(
                sum,
                zip(
                    _stat(stats, "township/storage/audit.py", "read_tail"),
                    _stat(stats, "township/storage/audit.py", "make_line"),
                    _stat(stats, "township/storage/audit.py", "append_lines"),
                    strict=True,
                ),
            )
        ),
        "journal + head file (2 small atomic writes)": _stat(
            stats, storage, "atomic_write", commit
        ),
        "rewrite the year file (AtomicJSONStorage.write)": _stat(stats, storage, "write"),
        "… of which json.dumps": _stat(stats, storage, "dump_json", (storage, "write")),
        "… of which atomic write (write, fsync, rename, fsync dir)": _stat(
            stats, storage, "atomic_write", (storage, "write")
        ),
        "remove the journal, fsync the directory": _stat(stats, storage, "fsync_dir", commit),
        "fsync, all (files and directories)": _stat(stats, "~", "<built-in method posix.fsync>"),
        "print the result (commands/render.py render)": _stat(
            stats, "commands/render.py", "render"
        ),
    }
    return {"total_s": stats.total_tt, "parts": _parts(parts)}  # type: ignore[attr-defined]


# -- the machine -----------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        ).stdout.strip()
    except OSError:
        commit = ""
    try:
        from importlib.metadata import version

        township_version = version("township")
    except Exception:
        township_version = "?"
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="minutes"),
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "python": platform.python_version(),
        "township": township_version,
        "commit": commit,
    }


# -- report ----------------------------------------------------------------


def growth(sizes: list[dict[str, Any]], key: str, side: str = "township") -> list[dict[str, Any]]:
    """Cost above the empty directory, per 1,000 records, and its exponent between sizes."""
    by_size = {s["size"]: s[key][side]["best_s"] for s in sizes}
    fixed = by_size.get(0)
    rows, prev = [], None
    for size in sorted(by_size):
        if size == 0:
            continue
        var = by_size[size] - fixed if fixed is not None else by_size[size]
        row: dict[str, Any] = {"size": size, "s": by_size[size], "variable_s": var}
        row["per_1000_ms"] = var / size * 1e6
        if prev is not None and var > 0 and prev[1] > 0:
            row["exponent"] = math.log(var / prev[1]) / math.log(size / prev[0])
        rows.append(row)
        prev = (size, var)
    return rows


def _ok(met: bool | None) -> str:
    if met is None:  # a figure shown for reference, with no goal
        return "—"
    return "met" if met else "**missed**"


def verdicts(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The goals of issue 7 at the largest size measured."""
    largest = max(results["sizes"], key=lambda s: s["size"])
    n = largest["size"]
    cold = results["cold"]
    wd = results["workdays"]
    rows = [
        {
            "goal": f"`overdue` / read+parse floor, {n:,} records",
            "township": largest["overdue"]["township"]["best_s"],
            "floor": largest["overdue"]["floor"]["best_s"],
            "ratio": largest["overdue"]["ratio"],
            "median_ratio": largest["overdue"]["median_ratio"],
            "target": f"≤ {GOALS['overdue']}",
            "met": largest["overdue"]["ratio"] <= GOALS["overdue"],
        },
        {
            "goal": f"`inquiry log` / load+rewrite floor, {n:,} records",
            "township": largest["inquiry_log"]["township"]["best_s"],
            "floor": largest["inquiry_log"]["floor"]["best_s"],
            "ratio": largest["inquiry_log"]["ratio"],
            "median_ratio": largest["inquiry_log"]["median_ratio"],
            "target": f"≤ {GOALS['inquiry_log']}",
            "met": largest["inquiry_log"]["ratio"] <= GOALS["inquiry_log"],
        },
        {
            "goal": '`township --help` / `python -c "import click"`',
            "township": cold["help"]["township"]["best_s"],
            "floor": cold["help"]["floor"]["best_s"],
            "ratio": cold["help"]["ratio"],
            "median_ratio": cold["help"]["median_ratio"],
            "target": f"≤ {GOALS['help']}",
            "met": cold["help"]["ratio"] <= GOALS["help"],
        },
        {
            "goal": '`calendar add` / `python -c "import click, chinese_calendar"`',
            "township": cold["calendar_add"]["township"]["best_s"],
            "floor": cold["calendar_add"]["floor"]["best_s"],
            "ratio": cold["calendar_add"]["ratio"],
            "median_ratio": cold["calendar_add"]["median_ratio"],
            "target": f"≤ {GOALS['calendar_add']}",
            "met": cold["calendar_add"]["ratio"] <= GOALS["calendar_add"],
        },
    ]
    mine = wd["township"]["warm_s"]
    cc = wd["chinese_calendar"]["scaled_s"]
    rows.append(
        {
            "goal": f"{wd['count']:,} `add`: chinese_calendar.find_workday / township "
            f"(sample {wd['chinese_calendar']['sample']:,}, scaled)",
            "township": mine,
            "floor": cc,
            "ratio": cc / mine,
            "target": f"≥ {GOALS['vs_find_workday']:.0f}× faster",
            "met": cc / mine >= GOALS["vs_find_workday"],
        }
    )
    npy = wd["numpy"]
    if "missing" not in npy:
        # A batch against a batch, a call against a call: numpy's vectorized
        # busday_offset is one C loop, matched by WorkCalendar.add_many.
        many = wd["township"]["many_s"]
        for label, ours, key in (
            ("`add_many` / numpy.busday_offset, vectorized", many, "vector_s"),
            ("`add_many` / numpy.busday_offset, vectorized, dates in/out", many, "end_to_end_s"),
            ("`add` / numpy.busday_offset, one call per query", mine, "loop_s"),
        ):
            rows.append(
                {
                    "goal": f"{wd['count']:,} {label}",
                    "township": ours,
                    "floor": npy[key],
                    "ratio": ours / npy[key],
                    "target": f"≤ {GOALS['vs_numpy']:.0f}×",
                    "met": ours / npy[key] <= GOALS["vs_numpy"],
                }
            )
        rows.append(
            {
                "goal": f"{wd['count']:,} `add`, one call each / numpy.busday_offset, "
                "vectorized (for reference)",
                "township": mine,
                "floor": npy["vector_s"],
                "ratio": mine / npy["vector_s"],
                "target": "—",
                "met": None,
            }
        )
    return rows


def _s(x: float) -> str:
    if x < 0.01:
        return f"{x * 1000:.1f} ms"
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    out = [
        f"Measured {m['date']} on {m['cpu']} ({m['cores']} cores, {m['memory']}), "
        f"{m['platform']}, Python {m['python']}, township {m['township']} "
        f"(commit {m['commit'] or '?'}, working tree as it was). township ran as "
        f"the {results['via']}; every command with `--today {TODAY}`; best of "
        f"{results['repeat']} interleaved runs at 100,000 records (2x at 10,000, 3x below; "
        f"{results['cold_repeat']} for cold start), "
        "median of the per-round ratios in brackets.",
        "",
        "| measure | township | floor / baseline | ratio | goal | |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for v in results["verdicts"]:
        med = f" ({v['median_ratio']:.2f})" if "median_ratio" in v else ""
        out.append(
            f"| {v['goal']} | {_s(v['township'])} | {_s(v['floor'])} | "
            f"{v['ratio']:.2f}{med} | {v['target']} | {_ok(v['met'])} |"
        )
    out += [
        "",
        "Per data set (best runs; peak memory is the process's own max RSS; the "
        "report lists the open deadlines overdue, due today or within 2 working days):",
        "",
        "| records | year files | MB parsed | report lines (overdue) | `overdue` | floor | "
        "ratio | peak RSS `overdue` / floor | current inquiries file | `inquiry log` | floor "
        "| ratio | build: `init --demo`, peak RSS |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for s in results["sizes"]:
        o, w = s["overdue"], s["inquiry_log"]
        build = "—"
        if s["size"]:
            build = f"{_s(s['build_s'])}, {s['build_rss_mb']:,.0f} MB"
            build += " (reused)" if s["reused"] else ""
        out.append(
            f"| {s['size']:,} | {s['files']} | {s['data_mb']:.1f} | "
            f"{s['report_items']:,} ({s['report_overdue']:,}) | "
            f"{_s(o['township']['best_s'])} | {_s(o['floor']['best_s'])} | {o['ratio']:.2f} | "
            f"{o['township']['max_rss_mb']:.0f} / {o['floor']['max_rss_mb']:.0f} MB | "
            f"{s['current_file_mb']:.1f} MB | {_s(w['township']['best_s'])} | "
            f"{_s(w['floor']['best_s'])} | {w['ratio']:.2f} | {build} |"
        )
    out += [
        "",
        "Growth: time above the same command on an empty data directory, per 1,000 "
        "records, and the exponent k of cost ∝ records^k between neighbouring sizes "
        "(1 = linear; the write grows with the current year's file, not the data set):",
        "",
        "| records | `overdue` per 1,000 | k | floor per 1,000 | k | `inquiry log` per 1,000 | k |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    g_o = growth(results["sizes"], "overdue")
    g_f = growth(results["sizes"], "overdue", "floor")
    g_w = growth(results["sizes"], "inquiry_log")

    def k(row: dict[str, Any]) -> str:
        return f"{row['exponent']:.2f}" if "exponent" in row else "—"

    for a, b, c in zip(g_o, g_f, g_w, strict=True):
        out.append(
            f"| {a['size']:,} | {a['per_1000_ms']:.1f} ms | {k(a)} | {b['per_1000_ms']:.1f} ms "
            f"| {k(b)} | {c['per_1000_ms']:.2f} ms | {k(c)} |"
        )
    wd = results["workdays"]
    t = wd["township"]
    npy = wd["numpy"]
    out += [
        "",
        f"Working days ({wd['count']:,} random (start, n), start in "
        f"{wd['range'][0]}..{wd['range'][1]}, n in 1..30): township `add` "
        f"{_s(t['warm_s'])} warm, {_s(t['cold_s'])} on a fresh calendar (building its "
        f"years); chinese-calendar {_s(wd['chinese_calendar']['sample_s'])} for "
        f"{wd['chinese_calendar']['sample']:,} calls, scaled to "
        f"{_s(wd['chinese_calendar']['scaled_s'])}, "
        f"{wd['chinese_calendar']['differ']} results differ.",
    ]
    if "missing" in npy:
        out.append(f"numpy: {npy['missing']}.")
    else:
        out.append(
            f"numpy {npy['version']}: {_s(npy['vector_s'])} vectorized, "
            f"{_s(npy['end_to_end_s'])} with Python dates in and out, "
            f"{_s(npy['loop_s'])} one call per query; {npy['differ']:,} of {wd['count']:,} "
            f"results differ, {npy['unexplained']} of them without a 调休 make-up working "
            f"day in the period ({npy['makeups']} make-up days numpy cannot express)."
        )
    cold = results["cold"]
    out += [
        "",
        f"Cold start: bare `python -c pass` {_s(cold['python_bare']['best_s'])}; "
        f"peak RSS `--help` {cold['help']['township']['max_rss_mb']:.0f} MB, "
        f"`calendar add` {cold['calendar_add']['township']['max_rss_mb']:.0f} MB.",
        f"Durable small write on this disk (tmp, fsync, rename, fsync dir): "
        f"{_s(results['fsync']['atomic_small_s'])}; append + fsync "
        f"{_s(results['fsync']['append_s'])} (medians).",
    ]
    prof = results.get("profiles")
    if prof:
        out += ["", "Imports beyond the baseline (ms, best of 3, `-X importtime`):", ""]
        for tag, label in (
            ("help", "`township --help` (baseline `import click`)"),
            ("calendar_add", "`calendar add` (baseline `import click, chinese_calendar`)"),
            ("inquiry_log_imports", "`inquiry log` (baseline: the write floor)"),
        ):
            tree = prof[tag]["tree"]
            items = ", ".join(
                f"{'  ' * r['level']}{r['module']} {r['extra_ms']}" for r in tree if r["level"] <= 1
            )
            out.append(f"- {label}: {prof[tag]['extra_import_ms']} ms in all: {items}")
        log = prof["inquiry_log"]
        out += [
            "",
            f"`inquiry log` at {prof['size']:,} records under cProfile "
            f"({_s(log['total_s'])} in all, profiler overhead included):",
            "",
            "| part | time | calls |",
            "| --- | --- | --- |",
        ]
        for name, v in log["parts"].items():
            out.append(f"| {name} | {_s(v['s'])} | {v['calls']} |")
        ov = prof["overdue"]
        out += [
            "",
            f"`overdue` at {prof['size']:,} records under cProfile ({_s(ov['total_s'])}):",
            "",
            "| part | time | calls |",
            "| --- | --- | --- |",
        ]
        for name, v in ov["parts"].items():
            out.append(f"| {name} | {_s(v['s'])} | {v['calls']} |")
    return "\n".join(out) + "\n"


def summary_table(results: dict[str, Any]) -> str:
    """The short table of the README's benchmarks section."""
    m = results["machine"]
    lines = [
        f"Latest run: {m['date'][:10]}, {m['cpu']}, {m['cores']} cores, Python {m['python']}.",
        "",
        "| measure | township | floor / baseline | ratio | goal | |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for v in results["verdicts"]:
        lines.append(
            f"| {v['goal']} | {_s(v['township'])} | {_s(v['floor'])} | {v['ratio']:.2f} | "
            f"{v['target']} | {_ok(v['met'])} |"
        )
    largest = max(results["sizes"], key=lambda s: s["size"])
    lines += [
        "",
        f"Peak memory of `township overdue` at {largest['size']:,} records: "
        f"{largest['overdue']['township']['max_rss_mb']:.0f} MB (the floor: "
        f"{largest['overdue']['floor']['max_rss_mb']:.0f} MB).",
    ]
    return "\n".join(lines) + "\n"


def replace_block(path: Path, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    if BEGIN not in content or END not in content:
        raise SystemExit(f"{path}: no {BEGIN} ... {END} block to fill")
    head, rest = content.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{BEGIN}\n{text}{END}{tail}", encoding="utf-8")


# -- main ------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="township benchmarks (issue 7)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 2)[2],
    )
    parser.add_argument("--sizes", default="1000,10000,100000", help="record counts")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="data sets, profiles")
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        help="runs per measurement at 100,000 (x2 at 10,000, x3 below)",
    )
    parser.add_argument("--cold-repeat", type=int, default=25, help="runs per cold start")
    parser.add_argument("--sample", type=int, default=2000, help="find_workday calls")
    parser.add_argument("--via", choices=["script", "module"], default="script")
    parser.add_argument("--no-profile", dest="profile", action="store_false")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the data sets")
    parser.add_argument("--record", action="store_true", help="update RESULTS.md and docs")
    args = parser.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    out: Path = args.out.resolve()
    (out / "profiles").mkdir(parents=True, exist_ok=True)
    bench = Bench(out, args.via, args.repeat)
    print(f"township: {bench.via}", flush=True)

    infos = [
        dataset(bench, n, args.rebuild) for n in [0, *sizes]
    ]  # 0: the fixed cost of each command
    results: dict[str, Any] = {
        "machine": machine(),
        "via": bench.via,
        "today": TODAY,
        "repeat": args.repeat,
        "cold_repeat": args.cold_repeat,
    }
    print("data sets", flush=True)
    results["sizes"] = [measure_size(bench, info) for info in infos]
    small = infos[1]["dir"] if sizes else infos[0]["dir"]
    results["cold"] = measure_cold(bench, small, args.cold_repeat)
    results["workdays"] = measure_workdays(bench, args.sample)
    results["fsync"] = measure_fsync(out)
    if args.profile and sizes:
        print("profiles", flush=True)
        largest = infos[-1]["dir"]
        results["profiles"] = {
            "size": sizes[-1],
            "help": profile_imports(
                bench, bench.township(None, "--help"), bench.python("-c", "import click"), "help"
            ),
            "calendar_add": profile_imports(
                bench,
                bench.township(small, "calendar", "add", "2026-09-26", "10"),
                bench.python("-c", "import click, chinese_calendar"),
                "calendar-add",
            ),
            "inquiry_log_imports": profile_log_imports(bench, infos[0]["dir"]),
            "overdue": profile_overdue(bench, largest),
            "inquiry_log": profile_log(bench, largest),
        }
    results["verdicts"] = verdicts(results)
    text = markdown(results)
    (out / "results.json").write_text(json.dumps(results, indent=2, default=str))
    (out / "results.md").write_text(text, encoding="utf-8")
    print()
    print(text)
    if args.record:
        replace_block(HERE / "RESULTS.md", text)
        replace_block(ROOT / "README.md", summary_table(results))
        print("recorded in benchmarks/RESULTS.md and README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
