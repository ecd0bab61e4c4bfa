"""Where chunks are screened: in this process, in worker processes forked
once the rules are warm, or on a Dask cluster. Each executor takes chunks
as they are read and gives their outcomes back in input order, with at
most a few chunks per worker in flight (memory depends on the chunk size,
not on the input size).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from eligibility.batch_records import InputError, Outcome, RawRecord, Task, months_of, screen_chunk

# Chunks waiting or running per worker: enough to keep every worker busy
# while the main process writes results, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 2
# A screening allocates many short-lived objects; with the default first
# threshold (700) the collector runs thousands of times a chunk and walks
# the rules' millions of long-lived objects. Measured: about 20 % less CPU.
GC_THRESHOLDS = (20_000, 20, 20)
# How often a worker checks that its parent is still there, where the
# kernel cannot tell it (not Linux).
PARENT_CHECK_SECONDS = 1.0


class Chunk(NamedTuple):
    records: list[RawRecord]
    position: int  # bytes of the input read up to the end of this chunk


class Done(NamedTuple):
    outcomes: list[Outcome]
    position: int


class SerialExecutor:
    """In this process."""

    workers = 1

    def __init__(self, task: Task):
        self.task = task

    def start(self, first: Chunk | None) -> None:
        warm_for(self.task.reader, first)

    def map(self, chunks: Iterable[Chunk]) -> Iterator[Done]:
        for chunk in chunks:
            yield Done(screen_chunk(self.task, chunk.records), chunk.position)

    def close(self, cancel: bool = False) -> None:
        # The last chunk's simulation, in reference cycles (`screen_chunk`
        # collects the previous chunk's at the start of the next): freed
        # before the caller goes on.
        gc.collect()


class ForkExecutor:
    """Worker processes forked from this one once the rules are warm (a
    built OpenFisca system can be neither pickled nor deep-copied). The
    workers ignore the signals that stop a run (this process stops them),
    and die with this process even when it is killed outright."""

    def __init__(self, task: Task, workers: int):
        self.task = task
        self.workers = workers
        self.pool = None
        self.processes: list = []

    def start(self, first: Chunk | None) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        warm_for(self.task.reader, first)
        # Objects alive now are shared with the workers; frozen, the collector
        # leaves them (and so their memory pages) alone.
        gc.collect()
        gc.freeze()
        context = multiprocessing.get_context("fork")
        before = set(multiprocessing.active_children())
        self.pool = ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=worker_init, initargs=(os.getpid(),)
        )
        # With "fork", every worker is forked by this thread at the first
        # submission, before the executor starts its own threads (the
        # parent-death signal follows the thread that forked).
        self.pool.submit(os.getpid).result()
        self.processes = [p for p in multiprocessing.active_children() if p not in before]

    def map(self, chunks: Iterable[Chunk]) -> Iterator[Done]:
        assert self.pool is not None
        pool = self.pool
        return bounded_in_order(
            lambda chunk: pool.submit(screen_chunk, self.task, chunk.records),
            lambda future: future.result(),
            chunks,
            self.workers * IN_FLIGHT_PER_WORKER,
        )

    def close(self, cancel: bool = False) -> None:
        if self.pool is None:
            return
        if cancel:
            # Stopped: the chunks in the workers are thrown away; waiting
            # for them would delay the exit by a chunk's screening.
            for process in self.processes:
                process.kill()
        self.pool.shutdown(wait=True, cancel_futures=cancel)
        self.pool = None


class DaskExecutor:
    """Chunks sent to a Dask cluster; every worker warms its own rules."""

    def __init__(self, task: Task, address: str, workers: int):
        self.task = task
        self.address = address
        self.requested_workers = workers
        self.client = None
        self.cluster = None
        self.workers = workers

    def start(self, first: Chunk | None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise InputError("--scheduler needs Dask: pip install 'dask[distributed]'") from None
        if self.address == "local":
            self.cluster = LocalCluster(
                n_workers=self.requested_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(self.address, timeout="30s")
            except (OSError, TimeoutError, ValueError) as error:
                raise InputError(f"--scheduler {self.address}: cannot connect ({error})") from None
        self.client.register_plugin(WarmEngine(), name="acces-droits-warm-engine")
        self.workers = max(1, sum(self.client.nthreads().values()))

    def map(self, chunks: Iterable[Chunk]) -> Iterator[Done]:
        assert self.client is not None
        client = self.client
        return bounded_in_order(
            lambda chunk: client.submit(dask_screen_chunk, self.task, chunk.records, pure=False),
            lambda future: future.result(),
            chunks,
            self.workers * IN_FLIGHT_PER_WORKER,
        )

    def close(self, cancel: bool = False) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


try:
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # Dask is optional
    _WorkerPlugin = object


class WarmEngine(_WorkerPlugin):
    """Builds and warms the rules once per Dask worker process."""

    def setup(self, worker=None):
        from eligibility.engine import default_engine

        default_engine().warm_up()


def dask_screen_chunk(task: Task, records: list[RawRecord]) -> list[Outcome]:
    from eligibility.engine import default_engine

    engine = default_engine()
    engine.warm_up()  # a no-op when the plugin already did it
    return screen_chunk(task, records, engine)


def bounded_in_order(submit: Callable, result: Callable, chunks: Iterable[Chunk], limit: int) -> Iterator[Done]:
    """Submit chunks as they come, at most `limit` pending; yield results in
    submission order (so the output follows the input)."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append((submit(chunk), chunk.position))
        if len(pending) >= limit:
            future, position = pending.popleft()
            yield Done(result(future), position)
    while pending:
        future, position = pending.popleft()
        yield Done(result(future), position)


def warm_for(fmt, first: Chunk | None) -> None:
    """Warm this process's rules for the months of the first chunk, so that
    forked workers inherit the parameter caches of those months: with what
    the workers run (`screen_rows`), not a full screening, whose explanations
    and amounts after claiming they never compute."""
    from eligibility.engine import default_engine

    engine = default_engine()
    engine.warm_up()
    if first is None:
        return
    for household in months_of(fmt, first.records):
        try:
            engine.screen_rows([household])
        except Exception:  # its chunk will report it
            pass


# -- in each forked worker ------------------------------------------------------
def worker_init(parent: int) -> None:
    # Ctrl-C, `kill`, `systemctl stop` and a closed terminal reach the whole
    # process group: the main process handles them and stops the workers.
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_IGN)
    die_with_parent(parent)
    gc.set_threshold(*GC_THRESHOLDS)


def die_with_parent(parent: int) -> None:
    """Exit when the process `parent` ends, even killed with SIGKILL (which
    leaves it no chance to stop us): the kernel is asked to send us SIGKILL
    then (Linux), and a thread watches our parent process anyway."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        try:
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the watcher remains
            pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


class CollectorTuned:
    """Fewer garbage collections during a run, the long-lived objects alive
    at its start (the warm rules, the parameters of its months) set aside
    with `gc.freeze()`; the thresholds are restored afterwards (this may be
    a library call). What was frozen before the run stays frozen: the warm
    rules (`Engine.warm_up`) would otherwise be walked again by every full
    collection. Python cannot unfreeze some objects only, so what the run
    froze is unfrozen only when nothing was frozen before it."""

    def __enter__(self):
        self.saved = gc.get_threshold()
        self.frozen_before = gc.get_freeze_count() > 0
        gc.collect()
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)
        return self

    def __exit__(self, *exc) -> None:
        gc.set_threshold(*self.saved)
        if not self.frozen_before:
            gc.unfreeze()


def choose_executor(task: Task, scheduler: str | None, workers: int, single_chunk: bool):
    if scheduler:
        return DaskExecutor(task, scheduler, workers)
    if workers > 1 and not single_chunk:
        return ForkExecutor(task, workers)
    return SerialExecutor(task)


__all__ = [
    "Chunk",
    "CollectorTuned",
    "DaskExecutor",
    "Done",
    "ForkExecutor",
    "SerialExecutor",
    "WarmEngine",
    "choose_executor",
]
