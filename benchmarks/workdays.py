"""Working-day arithmetic: township's ``WorkCalendar.add`` against the alternatives.

Run by ``benchmarks/run.py`` in a child process (so the driver imports no
township code); prints one JSON object. Can be run alone:
``python benchmarks/workdays.py [--count 100000] [--sample 2000]``.

The queries: ``count`` random (start, n), start uniform in 2005-01-01 ..
2026-10-31 and n in 1..30, so that every due date falls in a year the
installed chinese-calendar (1.11: 2004-2026) knows and all three sides
answer from the same official data.

- township: ``WorkCalendar().add(start, n)``, one call per query. The first
  pass on a fresh calendar ("cold") also builds the years it touches; the
  figure is the best of the warm passes. ``many``: the same queries in one
  ``WorkCalendar.add_many(starts, ns)`` call (Python dates in, ``Due``
  objects out), on the warm calendar.
- chinese-calendar: ``find_workday(n - 1, start + 1 day)``, which is the
  n-th working day after ``start`` (``find_workday(n, start)`` differs when
  ``start`` is a rest day). It walks day by day, so it runs on the first
  ``sample`` queries only and is scaled up to ``count``.
- numpy (benchmark-only dependency): ``busday_offset(start, n,
  roll="backward", busdaycal=...)`` with weekmask Mon-Fri and the official
  holidays of chinese-calendar. roll="backward" makes a rest-day start count
  from the working day before it, i.e. the n-th working day after ``start``.
  numpy cannot express a worked weekend day (调休 make-up day), so results
  differ where a make-up day lies in the period; every difference is
  checked for one. Measured three ways: vectorized on prepared arrays (the
  bare C loop), vectorized end to end (Python dates in and out, converted
  through ordinals, the fastest way), and one call per query.
- prototypes (NOT township code; what the fix of ``WorkCalendar.add`` was
  expected to give before it was made, kept for comparison with the
  township figures above): ``lean`` is ``add`` with the checks it
  repeats on every call hoisted out (the provisional flag a set lookup, no
  ``check_supported``/``_cover`` calls on the fast path); ``batch`` is the
  bare arithmetic over the calendar's ordinal list, one list comprehension
  (Python dates in and out); ``table`` is that batch with the binary search
  replaced by a dense table (per calendar day, the index of the next
  working day), built once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any

FIRST = dt.date(2005, 1, 1)
LAST = dt.date(2026, 10, 31)
SEED = 20261124

Query = tuple[dt.date, int]


def queries(count: int, seed: int = SEED) -> list[Query]:
    """``count`` random (start, n) pairs, reproducible."""
    rng = random.Random(seed)
    lo, hi = FIRST.toordinal(), LAST.toordinal()
    return [(dt.date.fromordinal(rng.randint(lo, hi)), rng.randint(1, 30)) for _ in range(count)]


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs of ``fn`` (seconds) and its last result."""
    times = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def township_side(qs: Sequence[Query], repeat: int) -> dict[str, Any]:
    from township.calendar import WorkCalendar

    cal = WorkCalendar()
    add = cal.add
    t0 = time.perf_counter()
    cold = [add(d, n).date for d, n in qs]
    cold_s = time.perf_counter() - t0
    warm_s, warm = best(lambda: [add(d, n).date for d, n in qs], repeat)
    assert warm == cold
    starts = [d for d, _ in qs]
    ns = [n for _, n in qs]
    many_s, many = best(lambda: cal.add_many(starts, ns), repeat)
    assert [due.date for due in many] == warm
    return {"cal": cal, "dates": warm, "cold_s": cold_s, "warm_s": warm_s, "many_s": many_s}


def prototypes(cal: Any, qs: Sequence[Query], expected: list[dt.date], repeat: int) -> dict:
    """The proposed fast path of ``WorkCalendar.add``, measured on the same queries."""
    from township.calendar import Due

    ords = cal._ordinals  # covers every year the warm passes touched
    lo_year, hi_year = cal._lo, cal._hi
    provisional = {y for y in range(lo_year, hi_year + 1) if cal.is_provisional_year(y)}
    fromordinal = dt.date.fromordinal
    size = len(ords)

    def lean(start: dt.date, n: int) -> Due:
        year = start.year
        if n > 0 and lo_year <= year <= hi_year:
            i = bisect_right(ords, start.toordinal()) + n - 1
            if i < size:
                due = fromordinal(ords[i])
                # The period runs from the day after start: start's year
                # unless start is 31 December.
                first = year if (start.month, start.day) != (12, 31) else year + 1
                if not provisional:
                    flag = False
                else:
                    flag = any(y in provisional for y in range(first, due.year + 1))
                return Due(due, flag)
        return cal.add(start, n)  # the general path: n == 0, years not yet built

    lean_s, lean_dates = best(lambda: [lean(d, n).date for d, n in qs], repeat)
    assert lean_dates == expected
    pairs = [(d.toordinal(), n) for d, n in qs]

    def batch() -> list[dt.date]:
        return [fromordinal(ords[bisect_right(ords, o) + n - 1]) for o, n in pairs]

    batch_s, batch_dates = best(batch, repeat)
    assert batch_dates == expected
    # A dense table instead of the binary search: for each calendar day of the
    # covered years, the index of the first working day after it.
    t0 = time.perf_counter()
    base = dt.date(lo_year, 1, 1).toordinal()
    end = dt.date(hi_year, 12, 31).toordinal()
    after = [bisect_right(ords, o) for o in range(base, end + 1)]
    table_build_s = time.perf_counter() - t0

    def table() -> list[dt.date]:
        return [fromordinal(ords[after[d.toordinal() - base] + n - 1]) for d, n in qs]

    table_s, table_dates = best(table, repeat)
    assert table_dates == expected
    return {
        "lean_s": lean_s,
        "batch_s": batch_s,
        "table_s": table_s,
        "table_build_s": table_build_s,
        "table_entries": len(after),
    }


def chinese_calendar_side(qs: Sequence[Query], expected: list[dt.date], sample: int) -> dict:
    import chinese_calendar

    part = qs[:sample]
    one = dt.timedelta(days=1)
    t0 = time.perf_counter()
    got = [chinese_calendar.find_workday(n - 1, d + one) for d, n in part]
    elapsed = time.perf_counter() - t0
    return {
        "sample": len(part),
        "sample_s": elapsed,
        "scaled_s": elapsed * len(qs) / len(part),
        "differ": sum(a != b for a, b in zip(got, expected, strict=False)),
    }


def numpy_side(qs: Sequence[Query], expected: list[dt.date], repeat: int) -> dict[str, Any]:
    try:
        import numpy as np
    except ImportError:
        return {"missing": "numpy is not installed (pip install -r benchmarks/requirements.txt)"}
    import chinese_calendar

    weekday_holidays = sorted(d for d in chinese_calendar.holidays if d.weekday() < 5)
    makeups = sorted(d for d in chinese_calendar.workdays if d.weekday() >= 5)
    bdc = np.busdaycalendar(weekmask="1111100", holidays=np.array(weekday_holidays, "M8[D]"))
    offset = np.busday_offset
    epoch = dt.date(1970, 1, 1).toordinal()
    fromordinal = dt.date.fromordinal

    def end_to_end() -> list[dt.date]:
        # Python dates in, Python dates out, by the fastest conversion (ordinals).
        starts = (np.array([d.toordinal() for d, _ in qs], np.int64) - epoch).astype("M8[D]")
        offsets = np.array([n for _, n in qs], np.int64)
        out = offset(starts, offsets, roll="backward", busdaycal=bdc)
        return [fromordinal(o) for o in (out.astype(np.int64) + epoch).tolist()]

    e2e_s, e2e = best(end_to_end, repeat)
    starts = np.array([d for d, _ in qs], dtype="M8[D]")
    offsets = np.array([n for _, n in qs], dtype=np.int64)
    vec_s, vec = best(lambda: offset(starts, offsets, roll="backward", busdaycal=bdc), repeat)
    loop_s, loop = best(
        lambda: [offset(d, n, roll="backward", busdaycal=bdc) for d, n in qs],
        max(1, repeat - 1),
    )
    got = vec.astype(object).tolist()
    assert got == e2e == [x.astype(object) for x in loop]
    # Every difference must come from a make-up working day in the period.
    makeup_ords = [d.toordinal() for d in makeups]
    differ = unexplained = 0
    for (start, _), mine, theirs in zip(qs, expected, got, strict=True):
        if mine != theirs:
            differ += 1
            end = max(mine, theirs).toordinal()
            lo = bisect_right(makeup_ords, start.toordinal())
            if not (lo < len(makeup_ords) and makeup_ords[lo] <= end):
                unexplained += 1
    return {
        "version": np.__version__,
        "holidays": len(weekday_holidays),
        "makeups": len(makeups),
        "vector_s": vec_s,
        "end_to_end_s": e2e_s,
        "loop_s": loop_s,
        "differ": differ,
        "unexplained": unexplained,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    qs = queries(args.count)
    mine = township_side(qs, args.repeat)
    result: dict[str, Any] = {
        "count": args.count,
        "range": [FIRST.isoformat(), LAST.isoformat()],
        "township": {k: v for k, v in mine.items() if k.endswith("_s")},
        "prototype": prototypes(mine["cal"], qs, mine["dates"], args.repeat),
        "chinese_calendar": chinese_calendar_side(qs, mine["dates"], args.sample),
        "numpy": numpy_side(qs, mine["dates"], args.repeat),
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
