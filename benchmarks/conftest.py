"""Shared fixtures of the extraction benchmarks, and the table printed at the end of a run.

Sizes come from environment variables, so one command serves both the full run and the smoke
test in ``tests/test_bench_smoke.py``:

- ``GEODEFENCE_BENCH_DOCS``: articles for the in-process benchmarks (default 1000).
- ``GEODEFENCE_BENCH_SIZES``: corpus sizes for the CLI runs (workers, memory), comma-separated,
  labels (``1k``, ``10k``, ``200k``) or numbers (default ``1k,10k``).
- ``GEODEFENCE_BENCH_CACHE``: folder for generated corpora and outputs (default
  ``/tmp/geodefence-bench``).
- ``GEODEFENCE_BENCH_JSON``: where the summary table is also written as JSON (default
  ``<cache>/extraction.json``).

Each benchmark runs over a whole list of articles per round and records its rate with
:func:`record`; the terminal summary prints articles/s per benchmark and ratios to the baselines.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from bench_common import CACHE, DOCS, RATES, corpus_gen


@pytest.fixture(scope="session")
def docs() -> list[dict[str, str]]:
    """The in-process corpus: :data:`DOCS` generated articles."""
    return list(corpus_gen.generate(DOCS))


@pytest.fixture(scope="session")
def published(docs: Sequence[dict[str, str]]) -> list[dt.date]:
    """The publication date of each article as a date."""
    return [dt.date.fromisoformat(d["published"]) for d in docs]


BASELINES = ("spacy blank + EntityRuler", "dateparser search_dates", "re, 30 patterns")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print every recorded rate with its ratio to the baselines, and write them as JSON."""
    if not RATES:
        return
    base = {b: RATES[b]["rate"] for b in BASELINES if b in RATES}
    tr = terminalreporter
    tr.section("geodefence extraction benchmarks (rates from medians)")
    short = {b: "x " + b.split()[0].rstrip(",") for b in base}
    tr.write_line(f"{'benchmark':<48} {'group':<11} {'rate':>16}  " + "  ".join(f"{short[b]:>12}" for b in base))
    for name, row in RATES.items():
        per = "" if row["unit"] == "MB" else "/s"
        ratios = "  ".join(
            f"{row['rate'] / r:>12.2f}" if row["unit"] == "articles" and r else f"{'-':>12}" for r in base.values()
        )
        rate = f"{row['rate']:,.0f} {row['unit'][:3]}{per}"
        tr.write_line(f"{name:<48} {row['group']:<11} {rate:>16}  {ratios}")
    out = Path(os.environ.get("GEODEFENCE_BENCH_JSON", str(CACHE / "extraction.json")))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"docs": DOCS, "rates": RATES}, indent=2, default=str) + "\n", encoding="utf-8")
    tr.write_line(f"written: {out}")
