"""Caseload screening on a Dask cluster: a local cluster on this machine
only (in-process workers), the same rows as the serial run."""

from __future__ import annotations

import io
import json

import pytest

from eligibility.batch import WarmEngine, screen_file
from eligibility.batch_sample import households as sample_households

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    # In-process workers (threads): they share this process's warm engine,
    # whose lock serialises them; the code path (plugin, submission,
    # bounded in-flight chunks, ordered results) is the cluster one.
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        dashboard_address=None,
    ) as local:
        yield local


def test_dask_run_gives_the_same_rows_as_the_serial_run(engine, cluster, tmp_path):
    records = [{"ref": f"h{i}", **d} for i, d in enumerate(sample_households(20, seed=9, month="2025-05"))]
    records.insert(5, {"ref": "bad", "commune": "59350", "housing": {"status": "owner"}, "people": []})
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    serial, dask_out = tmp_path / "serial.jsonl", tmp_path / "dask.jsonl"
    expected = screen_file(
        str(source),
        str(serial),
        rejects_path=str(tmp_path / "r1.csv"),
        workers=1,
        chunk_size=4,
        progress_stream=io.StringIO(),
    )
    got = screen_file(
        str(source),
        str(dask_out),
        rejects_path=str(tmp_path / "r2.csv"),
        chunk_size=4,
        scheduler=cluster.scheduler_address,
        progress_stream=io.StringIO(),
    )
    assert got.workers == 2
    assert dask_out.read_bytes() == serial.read_bytes()
    assert (tmp_path / "r2.csv").read_bytes() == (tmp_path / "r1.csv").read_bytes()
    assert (got.read, got.screened, got.rejected) == (21, 20, 1)
    assert (expected.read, expected.screened, expected.rejected) == (21, 20, 1)


def test_warm_engine_plugin_warms_the_worker_engine(engine):
    WarmEngine().setup(worker=None)
    assert engine.is_warm
