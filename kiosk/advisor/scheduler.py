"""When the advisor screens again: a plain state machine, no Textual.

Every change of the form bumps the generation. One screening runs at a
time (in a thread); changes made while it runs are gathered into the next
one, started as soon as it ends. A result computed for an older generation
is kept for its scenario but not shown as current.

`ScreeningCache` keeps the last screenings by what the engine was given
(the households of every variant, and what is missing): a form changed
where the rules do not look (a name), changed back, or a scenario just
duplicated gets its screening at once instead of a new simulation (about
a quarter of a second). The same households give the same screening: the
rules are deterministic for a given month.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eligibility.screening import Screening
    from kiosk.advisor.form import ParsedForm


class ScreeningScheduler:
    def __init__(self) -> None:
        self.generation = 0
        self.displayed = -1
        self.running = False

    def changed(self) -> bool:
        """The form changed: True when the caller must start a screening now
        (none is running); otherwise the running one is followed by another."""
        self.generation += 1
        if self.running:
            return False
        self.running = True
        return True

    def is_current(self, generation: int) -> bool:
        return generation == self.generation

    def shown(self, generation: int) -> None:
        """The results of `generation` are on screen."""
        self.displayed = generation

    def finished(self, work_left: bool) -> bool:
        """A screening ended (or was given up): True when the caller must
        start the next at once (something changed meanwhile)."""
        if work_left or self.displayed != self.generation:
            return True
        self.running = False
        return False

    def failed(self) -> None:
        self.running = False

    @property
    def up_to_date(self) -> bool:
        return self.displayed == self.generation and not self.running


class ScreeningCache:
    """The last `size` screenings (with explanations), by `key`. Shared by
    the scenarios of one advisor; used from its screening thread."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._screenings: OrderedDict[str, Screening] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(parsed: ParsedForm) -> str:
        """Everything a screening of `parsed` is made from: the household of
        each variant and the missing fields (they name the reason of an
        unknown result)."""
        return json.dumps([parsed.variants, parsed.missing], sort_keys=True, default=str)

    def get(self, key: str) -> Screening | None:
        with self._lock:
            screening = self._screenings.get(key)
            if screening is None:
                self.misses += 1
                return None
            self._screenings.move_to_end(key)
            self.hits += 1
            return screening

    def put(self, key: str, screening: Screening) -> None:
        with self._lock:
            self._screenings[key] = screening
            self._screenings.move_to_end(key)
            while len(self._screenings) > self.size:
                self._screenings.popitem(last=False)
