"""Helpers shared by the extraction benchmarks: sizes from the environment, cached corpora, rates.

Kept out of ``conftest.py`` so that benchmark modules import it by a name no other folder uses.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import corpus_gen

DOCS = int(os.environ.get("GEODEFENCE_BENCH_DOCS", "1000"))
CACHE = Path(os.environ.get("GEODEFENCE_BENCH_CACHE", "/tmp/geodefence-bench"))
ROUNDS = int(os.environ.get("GEODEFENCE_BENCH_ROUNDS", "3"))

RATES: dict[str, dict[str, Any]] = {}
"""name -> {"group", "unit", "rate", "n", "median_s", ...}: filled by :func:`record`."""


def sizes() -> list[int]:
    """Corpus sizes of the CLI runs, from ``GEODEFENCE_BENCH_SIZES``."""
    raw = os.environ.get("GEODEFENCE_BENCH_SIZES", "1k,10k")
    return [corpus_gen.SIZES.get(s.strip(), 0) or int(s.strip()) for s in raw.split(",") if s.strip()]


def corpus_file(size: int) -> Path:
    """A generated JSON Lines corpus of ``size`` articles, written once into the cache folder."""
    path = CACHE / f"corpus-{corpus_gen.SEED}-{size}.jsonl"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        corpus_gen.write_jsonl(tmp, size)
        tmp.replace(path)
    return path


def record(benchmark: Any, name: str, n: int, unit: str = "articles", **extra: Any) -> None:
    """Store ``n / median`` of the last benchmark run as the rate of ``name`` (skipped when disabled)."""
    stats = getattr(benchmark, "stats", None)
    if stats is None:  # --benchmark-disable: the function ran once, untimed
        return
    median = stats.stats.median
    rate = n / median if median else 0.0
    benchmark.extra_info.update({"n": n, "unit": unit, f"{unit}_per_s": round(rate, 1), **extra})
    RATES[name] = {"group": benchmark.group, "unit": unit, "rate": rate, "n": n, "median_s": median, **extra}


def store(name: str, group: str, rate: float, unit: str = "articles", **extra: Any) -> None:
    """Store a rate measured outside pytest-benchmark (a subprocess run)."""
    RATES[name] = {"group": group, "unit": unit, "rate": rate, **extra}


def pedantic(benchmark: Any, fn: Any, *args: Any) -> Any:
    """Run ``fn(*args)`` for :data:`ROUNDS` rounds after one warm-up round; return its result."""
    return benchmark.pedantic(fn, args=args, rounds=ROUNDS, iterations=1, warmup_rounds=1)
