"""Every list against ``township overdue`` on the same data, in one run.

The goal: no list costs more than 2x ``overdue`` (which reads every record
of every kind) on the same data set: every kind's ``list``, ``search`` and
``audit log``, in the default table format (``--json`` adds
``inquiry list --format json``). Each command runs as a subprocess on the
demo data set built or reused by ``run.py``'s ``dataset``, interleaved with
``overdue`` after one untimed warm-up each; the figures are the best wall
time of each and their ratio. A script, not a test: nothing here is timed
in pytest.

    python benchmarks/lists.py                      # 10,000 and 100,000 records
    python benchmarks/lists.py --sizes 10000 --repeat 2 --only inquiry,search
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import Bench, dataset  # noqa: E402 -- the shared driver of the benchmarks

GOAL = 2.0  # a list's best time at most this many times overdue's


def commands(json_too: bool) -> dict[str, tuple[str, ...]]:
    """Name -> arguments of every listing measured."""
    from township.book.registry import KINDS

    found = {kind: (kind, "list") for kind in KINDS}
    found["search"] = ("search", "民政")
    found["audit log"] = ("audit", "log")
    if json_too:
        found["inquiry list json"] = ("inquiry", "list", "--format", "json")
    return found


def measure(
    bench: Bench, size: int, rebuild: bool, chosen: dict[str, tuple[str, ...]]
) -> list[dict[str, object]]:
    info = dataset(bench, size, rebuild)
    data_dir: Path = info["dir"]
    overdue = bench.township(data_dir, "overdue")
    rows = []
    for name, args in chosen.items():
        pair = bench.pair(bench.township(data_dir, *args), overdue)
        rows.append(
            {
                "size": size,
                "list": name,
                "list_s": round(pair.mine.best, 3),
                "overdue_s": round(pair.floor.best, 3),
                "ratio": round(pair.ratio, 2),
                "median_ratio": round(pair.median_ratio, 2),
            }
        )
        print(f"{size:>8,} {name:<20} {rows[-1]['list_s']:>8} {rows[-1]['overdue_s']:>10} "
              f"{rows[-1]['ratio']:>6}", flush=True)  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--via", choices=["script", "module"], default="script")
    parser.add_argument("--only", default="", help="comma-separated names (default: all)")
    parser.add_argument("--json", action="store_true", help="also inquiry list --format json")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    bench = Bench(args.out, args.via, args.repeat)
    chosen = commands(args.json)
    if args.only:
        wanted = args.only.split(",")
        chosen = {n: a for n, a in chosen.items() if n in wanted or n.split()[0] in wanted}
    print(f"{'records':>8} {'list':<20} {'list s':>8} {'overdue s':>10} {'x':>6}")
    rows = [r for s in args.sizes.split(",") for r in measure(bench, int(s), args.rebuild, chosen)]
    (args.out / "lists.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False))
    worst = max(rows, key=lambda r: float(r["ratio"]))  # type: ignore[arg-type]
    met = float(worst["ratio"]) <= GOAL  # type: ignore[arg-type]
    print(
        f"goal (every list within {GOAL}x of overdue): {'met' if met else 'NOT met'} "
        f"(worst {worst['list']} at {worst['size']:,}: {worst['ratio']}x)"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
