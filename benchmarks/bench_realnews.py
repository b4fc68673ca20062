"""Real text beside the generated corpus (issue 17): all of ``../shared/realnews/`` on one core.

``geodefence.extract`` + serialise over every item of the three real-news files (White House
statements and Wikinews, 1,564 items, 7.9 MB), with the same two cheap baselines as on the
generated corpus (spaCy blank + EntityRuler with the project's gazetteer; stdlib ``re`` with 30
patterns), in articles/s and MB/s. Skipped where ``../shared/realnews`` is absent;
``GEODEFENCE_BENCH_REAL_DOCS`` keeps only the first N items (the smoke test uses a few).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from bench_baselines import RE_PATTERNS, gazetteer
from bench_common import pedantic, record, store
from geodefence import extract
from geodefence.text.vocab import get_vocab

REALNEWS = Path(__file__).resolve().parents[2] / "shared" / "realnews"
FILES = ("whitehouse.jsonl", "wikinews-all.jsonl", "wikinews-defence.jsonl")
LIMIT = int(os.environ.get("GEODEFENCE_BENCH_REAL_DOCS", "0")) or None
"""Items read (None: all)."""


@pytest.fixture(scope="module")
def real() -> list[dict[str, Any]]:
    """Every item of the three real-news files (id, text, date, url)."""
    if not all((REALNEWS / f).is_file() for f in FILES):
        pytest.skip(f"{REALNEWS} is absent: the real-text benchmarks run where ../shared sits beside the project")
    items: list[dict[str, Any]] = []
    for name in FILES:
        with (REALNEWS / name).open(encoding="utf-8") as f:
            items.extend(json.loads(line) for line in f if line.strip())
    return items[:LIMIT]


def _megabytes(items: list[dict[str, Any]]) -> float:
    return sum(len(i["text"].encode("utf-8")) for i in items) / 1e6


def _extract_all(items: list[dict[str, Any]]) -> int:
    return sum(
        len(extract(i["text"], published=i.get("date"), doc_id=i["id"], source=i.get("url")).model_dump_json())
        for i in items
    )


@pytest.mark.benchmark(group="real")
def test_real_extract_and_serialise(benchmark: Any, real: list[dict[str, Any]]) -> None:
    """geodefence.extract + model_dump_json over all real items, one core."""
    get_vocab()
    assert pedantic(benchmark, _extract_all, real) > 0
    record(benchmark, "real text: extract + serialise (1 core)", len(real))
    stats = getattr(benchmark, "stats", None)
    if stats is not None:  # None under --benchmark-disable
        store("real text: MB/s (1 core)", "real", _megabytes(real) / stats.stats.median, unit="MB")


@pytest.mark.benchmark(group="real")
def test_real_spacy_entity_ruler(benchmark: Any, real: list[dict[str, Any]]) -> None:
    """The spaCy baseline on the real texts."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = max(len(i["text"]) for i in real) + 1
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(gazetteer())
    texts = [i["text"] for i in real]

    def run() -> int:
        return sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))

    assert pedantic(benchmark, run) > 0
    record(benchmark, "real text: spacy blank + EntityRuler", len(real))


@pytest.mark.benchmark(group="real")
def test_real_re_30_patterns(benchmark: Any, real: list[dict[str, Any]]) -> None:
    """The stdlib ``re`` baseline on the real texts."""
    compiled = [re.compile(p) for p in RE_PATTERNS]
    texts = [i["text"] for i in real]

    def run() -> int:
        return sum(1 for t in texts for p in compiled for _ in p.finditer(t))

    assert pedantic(benchmark, run) > 0
    record(benchmark, "real text: re, 30 patterns", len(real))
