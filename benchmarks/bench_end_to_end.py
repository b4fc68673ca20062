"""End to end: ``geodefence.extract`` + serialise in process; the CLI on 1 worker and on all cores;
validation of the CLI's output; peak memory of the CLI for each corpus size.

The CLI runs are timed once each in a subprocess (``geodefence extract FILE -o OUT --workers N``),
so they include interpreter start-up, vocabulary load and pool start-up, as a user sees them; the
warm rate the CLI prints in its summary is recorded beside the wall-clock one.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from bench_common import CACHE, corpus_file, pedantic, record, sizes, store
from geodefence import extract, validate_dataset
from geodefence.text.vocab import get_vocab

CLI = [sys.executable, "-m", "geodefence.cli"]
CORES = os.cpu_count() or 1
_SUMMARY = re.compile(r"(\d+) documents, (\d+) failed.*?([\d.]+) s, ([\d.]+) docs/s")

# Run in a fresh interpreter: the CLI in a child process, then the peak RSS of the largest child.
_MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - t
print(p.returncode, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.stdout.write(p.stderr)
"""


def run_cli(corpus: Path, out: Path, workers: int) -> dict[str, Any]:
    """Run ``geodefence extract`` on ``corpus``; return wall seconds, peak child RSS (KB), summary."""
    cmd = [*CLI, "extract", str(corpus), "-o", str(out), "--workers", str(workers)]
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=True)
    first, _, stderr = proc.stdout.partition("\n")
    code, wall, rss = first.split()
    assert code == "0", f"geodefence extract failed ({code}): {stderr[-2000:]}"
    m = _SUMMARY.search(stderr)
    assert m is not None, f"no summary line in: {stderr[-500:]}"
    return {
        "wall_s": float(wall),
        "rss_kb": int(rss),
        "documents": int(m.group(1)),
        "failed": int(m.group(2)),
        "warm_rate": float(m.group(4)),
    }


def _extract_all(docs: Sequence[dict[str, str]]) -> int:
    size = 0
    for d in docs:
        size += len(extract(d["text"], published=d["published"], doc_id=d["id"]).model_dump_json())
    return size


@pytest.mark.benchmark(group="end-to-end")
def test_extract_and_serialise(benchmark: Any, docs: list[dict[str, str]]) -> None:
    """geodefence.extract + model_dump_json over the in-process corpus, one core."""
    get_vocab()
    assert pedantic(benchmark, _extract_all, docs) > 0
    record(benchmark, "end to end: extract + serialise (1 core)", len(docs))


@pytest.mark.parametrize("workers", sorted({1, CORES}))
@pytest.mark.benchmark(group="cli")
def test_cli_workers(benchmark: Any, workers: int) -> None:
    """The CLI over the smallest configured corpus on 1 worker and on all cores (one timed run)."""
    size = min(sizes())
    corpus = corpus_file(size)
    out = CACHE / f"out-{size}-w{workers}.jsonl"
    result = benchmark.pedantic(run_cli, args=(corpus, out, workers), rounds=1, iterations=1)
    assert result["documents"] == size and result["failed"] == 0
    store(f"cli extract --workers {workers}, {size:,} docs (wall)", "cli", size / result["wall_s"])
    store(f"cli extract --workers {workers}, {size:,} docs (warm)", "cli", result["warm_rate"])


@pytest.mark.benchmark(group="validate")
def test_validate_output(benchmark: Any, tmp_path: Path, docs: list[dict[str, str]]) -> None:
    """geodefence.validate_dataset over the extracted documents (JSON Lines, text not included)."""
    out = tmp_path / "extracted.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(extract(d["text"], published=d["published"], doc_id=d["id"]).model_dump_json() + "\n")
    report = pedantic(benchmark, validate_dataset, out)
    assert report.ok, report.issues[:3]
    record(benchmark, "validate_dataset (extracted documents)", len(docs), unit="documents")


@pytest.mark.parametrize("size", sizes())
@pytest.mark.benchmark(group="memory")
def test_peak_memory(benchmark: Any, size: int) -> None:
    """Peak RSS of ``geodefence extract --workers 1`` (one process) per corpus size: flat is the target."""
    corpus = corpus_file(size)
    out = CACHE / f"out-{size}-mem.jsonl"
    t = time.perf_counter()
    result = benchmark.pedantic(run_cli, args=(corpus, out, 1), rounds=1, iterations=1)
    assert result["documents"] == size
    store(
        f"peak RSS, cli --workers 1, {size:,} docs",
        "memory",
        result["rss_kb"] / 1024,
        unit="MB",
        seconds=round(time.perf_counter() - t, 1),
    )
