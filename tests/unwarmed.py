"""An engine that was never warmed up, on the rules this test process has
already built (tests/conftest.py): building them again from cold is a
CPU-minute on a busy machine and one more copy of them in memory, for tests
about warming (the app warms a cold engine; warming in a thread). The cold
build itself is the conftest's, once per worker, through the same
`Engine.system`."""

from __future__ import annotations

from eligibility.engine import Engine, default_engine


class Unwarmed(Engine):
    @property
    def system(self):
        return default_engine().system
