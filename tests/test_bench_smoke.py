"""Smoke test of the benchmarks (issue 6): they must keep running, so they never rot.

The generator is checked here directly; the benchmark modules run once each, untimed
(``--benchmark-disable``), on 20 generated articles in a child pytest. No timing is asserted.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
MODULES = ("bench_stages.py", "bench_end_to_end.py", "bench_baselines.py", "bench_realnews.py")


@pytest.fixture(scope="module")
def corpus_gen() -> Iterator[ModuleType]:
    """The generator module, imported from benchmarks/."""
    sys.path.insert(0, str(BENCH))
    try:
        import corpus_gen

        yield corpus_gen
    finally:
        sys.path.remove(str(BENCH))


def test_generator_is_deterministic_and_news_sized(corpus_gen: ModuleType) -> None:
    first = list(corpus_gen.generate(30))
    assert first == list(corpus_gen.generate(30))
    assert first != list(corpus_gen.generate(30, seed=1))
    assert [d["id"] for d in first] == sorted({d["id"] for d in first})
    mean = sum(len(d["text"]) for d in first) / len(first)
    assert 1_500 <= mean <= 2_600, mean


def test_generator_writes_jsonl(corpus_gen: ModuleType, tmp_path: Path) -> None:
    import json

    path = corpus_gen.write_jsonl(tmp_path / "c.jsonl", 5)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == list(corpus_gen.generate(5))


def test_generated_articles_yield_every_kind(corpus_gen: ModuleType) -> None:
    from geodefence import extract

    found = {"agreements": 0, "visits": 0, "exercises": 0, "stances": 0}
    for d in corpus_gen.generate(60):
        doc = extract(d["text"], published=d["published"], doc_id=d["id"])
        for name in found:
            found[name] += len(getattr(doc, name))
    assert all(found.values()), found


def test_benchmarks_run_once(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "GEODEFENCE_BENCH_DOCS": "20",
        "GEODEFENCE_BENCH_SIZES": "20",
        "GEODEFENCE_BENCH_DATEPARSER_DOCS": "2",
        "GEODEFENCE_BENCH_REAL_DOCS": "10",
        "GEODEFENCE_BENCH_CACHE": str(tmp_path),
    }
    cmd = [sys.executable, "-m", "pytest", *(str(BENCH / m) for m in MODULES)]
    cmd += ["-o", "python_files=bench_*.py", "--benchmark-disable", "-q", "-p", "no:cacheprovider", "--no-header"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=BENCH.parent, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert " failed" not in proc.stdout and " error" not in proc.stdout, proc.stdout[-3000:]
