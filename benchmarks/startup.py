"""Start-up alone: every ``--help`` that matters against ``python -c "import click"``.

    python benchmarks/startup.py [--repeat 25] [--via script|module]

The goals: ``township --help`` within 1.3 times a bare ``import click``, a
group's ``--help`` within 1.5 times. Measured the way ``run.py`` measures
cold start (its ``Bench``: the same interpreter on both sides, bytecode
cached, output to /dev/null), in one run, each command interleaved with the
baseline after an untimed warm-up: the ratio is best against best, the median
of the per-round ratios beside it. The groups measured: one written by hand
(``inquiry``, the largest), one derived from its declaration (``wubao``), and
``calendar`` (counting days without the record model). Nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import Bench  # noqa: E402

GOALS = {"": 1.3, "group": 1.5}
COMMANDS = {
    "township --help": ("--help",),
    "township inquiry --help": ("inquiry", "--help"),
    "township wubao --help": ("wubao", "--help"),
    "township calendar --help": ("calendar", "--help"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=25, help="runs of each command")
    parser.add_argument("--via", choices=["script", "module"], default="script")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="bytecode cache")
    args = parser.parse_args(argv)
    bench = Bench(args.out.resolve(), args.via, args.repeat)
    baseline = bench.python("-c", "import click")
    print(f"township: {bench.via}; {args.repeat} interleaved runs each\n")
    print("| command | township | `import click` | ratio (median) | goal | |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, argv_ in COMMANDS.items():
        pair = bench.pair(bench.township(None, *argv_), baseline)
        goal = GOALS["" if len(argv_) == 1 else "group"]
        verdict = "met" if pair.ratio <= goal else "**missed**"
        print(
            f"| `{name}` | {pair.mine.best * 1000:.0f} ms | {pair.floor.best * 1000:.0f} ms "
            f"| {pair.ratio:.2f} ({pair.median_ratio:.2f}) | ≤ {goal} | {verdict} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
