"""``township audit verify`` against ``township overdue`` on the same data, in one run.

The goal : ``audit verify`` streams the log, so its memory does
not grow with it; at 100,000 records its peak stays within 2x of
``overdue``'s. Both commands run as subprocesses on the same demo data set
(built or reused by ``run.py``'s ``dataset``), interleaved after one
untimed warm-up each; the figures are the best wall time and the peak RSS
of each, and their ratios. A script, not a test: nothing here is timed in
pytest.

    python benchmarks/verify.py                     # 1,000, 10,000 and 100,000 records
    python benchmarks/verify.py --sizes 1000 --repeat 2
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import Bench, dataset  # noqa: E402 -- the shared driver of the benchmarks

MEMORY_GOAL = 2.0  # verify's peak RSS at most this many times overdue's


def measure(bench: Bench, size: int, rebuild: bool) -> dict[str, object]:
    info = dataset(bench, size, rebuild)
    data_dir: Path = info["dir"]
    pair = bench.pair(
        bench.township(data_dir, "audit", "verify"), bench.township(data_dir, "overdue")
    )
    return {
        "size": size,
        "audit_mb": round(float(info["audit_mb"]), 1),
        "data_mb": round(float(info["data_mb"]), 1),
        "verify_s": round(pair.mine.best, 3),
        "overdue_s": round(pair.floor.best, 3),
        "time_ratio": round(pair.ratio, 2),
        "verify_rss_mb": round(pair.mine.rss_mb, 1),
        "overdue_rss_mb": round(pair.floor.rss_mb, 1),
        "memory_ratio": round(pair.mine.rss_mb / pair.floor.rss_mb, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--via", choices=["script", "module"], default="script")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    bench = Bench(args.out, args.via, args.repeat)
    rows = [measure(bench, int(s), args.rebuild) for s in args.sizes.split(",")]
    print(
        f"{'records':>8} {'log MB':>7} {'verify s':>9} {'overdue s':>10} {'x time':>7} "
        f"{'verify MB':>10} {'overdue MB':>11} {'x memory':>9}"
    )
    for r in rows:
        print(
            f"{r['size']:>8,} {r['audit_mb']:>7} {r['verify_s']:>9} {r['overdue_s']:>10} "
            f"{r['time_ratio']:>7} {r['verify_rss_mb']:>10} {r['overdue_rss_mb']:>11} "
            f"{r['memory_ratio']:>9}"
        )
    (args.out / "verify.json").write_text(json.dumps(rows, indent=2))
    worst = max(float(r["memory_ratio"]) for r in rows)  # type: ignore[arg-type]
    verdict = "met" if worst <= MEMORY_GOAL else "NOT met"
    print(f"memory goal (verify within {MEMORY_GOAL}x of overdue): {verdict} (worst {worst}x)")
    return 0 if worst <= MEMORY_GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
