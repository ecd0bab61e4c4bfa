"""When the advisor's full garbage collections run: while the worker reads
the results just painted, not in the middle of the next field change.

CPython makes a full collection (of its oldest generation) once enough
objects have outlived the younger ones. In the advisor that came every
four or five field changes, in the screening thread or during a paint, and
walked the ~150 000 objects the form's widgets leave there (the rules are
frozen at warm-up): 100–400 ms added to those changes, the slowest of all
(`benchmarks/advisor_latency.py`). Here the automatic full collection is
pushed far back, and the app makes it itself once results are painted
and nothing changed for a moment (`IDLE_SECONDS`: the worker reads or
talks; a collection of ~100 ms started right after a paint delayed the
keys typed next), as often as CPython would have (its own threshold); while
changes keep coming without a pause, at `OVERDUE` times that threshold
right after a paint. Younger generations are collected as before; nothing
is frozen for good, so widgets removed later are still freed.
"""

from __future__ import annotations

import gc

# The automatic full collection still runs if results are never painted
# (every screening failing): a hundred times later than CPython's default.
POSTPONED = 100
# Seconds without a change after results are painted: the moment for a
# collection that is due.
IDLE_SECONDS = 1.0
# A collection due this many times over is made right after a paint, pause
# or not (the garbage it frees waits no longer).
OVERDUE = 5


class Collector:
    def __init__(self) -> None:
        self._saved: tuple[int, int, int] | None = None
        self.collections = 0

    def start(self) -> None:
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, full = self._saved
            gc.set_threshold(young, middle, full * POSTPONED)

    def stop(self) -> None:
        """CPython's thresholds back (tests run many apps in one process)."""
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def results_shown(self, overdue: bool = False) -> bool:
        """The moment for a full collection, when one is due (with `overdue`:
        when it is `OVERDUE` times due): True if made."""
        if self._saved is None or gc.get_count()[2] < self._saved[2] * (OVERDUE if overdue else 1):
            return False
        gc.collect()
        self.collections += 1
        return True
