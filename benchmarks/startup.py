"""Start-up alone: every ``--help`` against ``python -c "import click"``.

    python benchmarks/startup.py [--repeat 25] [--via script|module] [--only inquiry,case]

The goals: ``township --help`` within 1.3 times a bare ``import click``, every
top-level group's (and command's) ``--help`` within 1.5 times. Measured the
way ``run.py`` measures cold start (its ``Bench``: the same interpreter on
both sides, bytecode cached, output to /dev/null), in one run, each command
interleaved with the baseline after an untimed warm-up: the ratio is best
against best, the median of the per-round ratios beside it. Measured: the
root and every command the root lists (its written-by-hand groups and
commands, ``commands.SUBCOMMANDS``, and the groups derived from the roster,
``township.book.roster``). The table is printed sorted by ratio, worst
first. Nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from run import Bench  # noqa: E402

GOALS = {"": 1.3, "group": 1.5}


def commands() -> dict[str, tuple[str, ...]]:
    """The root and every top-level command, by the name the table shows."""
    from commands import SUBCOMMANDS
    from township.book.roster import KINDS

    names = sorted({*SUBCOMMANDS, *KINDS})
    found = {"township --help": ("--help",)}
    found.update({f"township {name} --help": (name, "--help") for name in names})
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=25, help="runs of each command")
    parser.add_argument("--via", choices=["script", "module"], default="script")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="bytecode cache")
    parser.add_argument("--only", default="", help="comma-separated top-level names")
    args = parser.parse_args(argv)
    bench = Bench(args.out.resolve(), args.via, args.repeat)
    baseline = bench.python("-c", "import click")
    wanted = {name for name in args.only.split(",") if name}
    measured = []
    print(f"township: {bench.via}; {args.repeat} interleaved runs each", file=sys.stderr)
    for name, argv_ in commands().items():
        if wanted and (len(argv_) == 1 or argv_[0] not in wanted):
            continue
        pair = bench.pair(bench.township(None, *argv_), baseline)
        goal = GOALS["" if len(argv_) == 1 else "group"]
        measured.append((name, pair, goal))
        print(f"  {name}: {pair.ratio:.2f}", file=sys.stderr, flush=True)
    print(f"township: {bench.via}; {args.repeat} interleaved runs each\n")
    print("| command | township | `import click` | ratio (median) | goal | |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, pair, goal in sorted(measured, key=lambda m: -m[1].ratio):
        verdict = "met" if pair.ratio <= goal else "**missed**"
        print(
            f"| `{name}` | {pair.mine.best * 1000:.0f} ms | {pair.floor.best * 1000:.0f} ms "
            f"| {pair.ratio:.2f} ({pair.median_ratio:.2f}) | ≤ {goal} | {verdict} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
