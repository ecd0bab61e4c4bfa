"""When the advisor screens again: a plain state machine, no Textual.

Every change of the form bumps the generation. One screening runs at a
time (in a thread); changes made while it runs are gathered into the next
one, started as soon as it ends. A result computed for an older generation
is kept for its scenario but not shown as current.
"""

from __future__ import annotations


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
