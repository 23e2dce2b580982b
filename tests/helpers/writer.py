"""Write records through the library, for the concurrency and crash tests.

Usage: ``python writer.py DATA_DIR TAG COUNT`` (COUNT 0 = until killed).

Each transaction creates one inquiry and one complaint named ``TAG-i``, so
it replaces two files: a kill can land between the two replacements, and
after recovery the two kinds must always have the same number of records.
Prints ``ready`` once the first transaction is committed.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from township.steps.machine import add_event, new_record, start_clock
from township.storage.store import Store


def write_one(store: Store, tag: str, i: int) -> None:
    name = f"{tag}-{i}"
    with store.transaction(tag, "writer") as tx:

        def build(kind: str, rule: str) -> Any:
            def make(rid: str) -> dict[str, Any]:
                rec = new_record(kind, rid, actor=tag, now=tx.now, status="open", name=name)
                add_event(rec, on=dt.date(2026, 3, 2), actor=tag, now=tx.now, action="log")
                start_clock(rec, rule, dt.date(2026, 3, 2), 5)
                return rec

            return make

        tx.create("inquiry", 2026, build("inquiry", "web-reply"))
        tx.create("complaint", 2026, build("complaint", "complaint-handling"))


def main() -> None:
    data_dir, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store(data_dir, lock_timeout=60)
    i = 0
    while count == 0 or i < count:
        write_one(store, tag, i)
        if i == 0:
            print("ready", flush=True)
        i += 1


if __name__ == "__main__":
    main()
