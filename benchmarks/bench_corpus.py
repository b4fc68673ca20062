"""Corpus runner benchmarks: documents per second with 1 and 2 workers, and peak memory.

Runs ``geodefence extract`` as a subprocess over generated corpora of 10k and 100k news-like
documents and samples the resident memory of the whole process tree (parent and workers) while
it runs, so the numbers are what a user sees. Not part of the default test run::

    .venv/bin/pytest benchmarks/bench_corpus.py --benchmark-only -s

Results are recorded by hand in benchmarks/RESULTS.md under "Corpus runner".
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil
import pytest

STATES = ["Uzbekistan", "Kazakhstan", "Poland", "Japan", "Chile", "Kenya", "Norway", "Vietnam", "Egypt", "Peru"]
ORGS = ["NATO", "the CSTO", "the SCO", "the EU", "ASEAN", "the African Union"]
CITIES = ["Tashkent", "Astana", "Warsaw", "Tokyo", "Santiago", "Nairobi", "Oslo", "Hanoi", "Cairo", "Lima"]
MONTHS = ["January", "March", "April", "June", "August", "October", "December"]
TEMPLATES = [
    "{a} and {b} signed a memorandum on military cooperation in {city} on {day} {month} {year}.",
    "Defence Minister {person} of {a} visited {city} on {weekday} and met his {b_adj} counterpart.",
    "Troops from {a} and {b} will hold joint exercises near {city} from {day} {month} to {day2} {month}.",
    "{a} has not supported the statement issued by {org} on the border dispute.",
    "The two sides agreed a plan of {n} joint military activities for {year}.",
    "Officials said the talks in {city} focused on training, logistics and border security.",
    "{org} welcomed the agreement and said it remains committed to regional stability.",
    "Local media reported that the weather delayed several flights to {city} last week.",
]
PERSONS = ["Andrei Volkov", "Janusz Nowak", "Hamdam Karimov", "Kenji Sato", "Maria Rojas", "Amina Otieno"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def news_article(rng: random.Random) -> str:
    """A deterministic news-like article of 5 to 12 sentences from the templates above."""
    sentences = []
    for _ in range(rng.randint(5, 12)):
        a, b = rng.sample(STATES, 2)
        sentences.append(
            rng.choice(TEMPLATES).format(
                a=a,
                b=b,
                b_adj=b,
                city=rng.choice(CITIES),
                day=rng.randint(1, 14),
                day2=rng.randint(15, 28),
                month=rng.choice(MONTHS),
                year=rng.randint(2023, 2026),
                person=rng.choice(PERSONS),
                weekday=rng.choice(WEEKDAYS),
                org=rng.choice(ORGS),
                n=rng.randint(10, 90),
            )
        )
    return " ".join(sentences)


def make_corpus(path: Path, n: int, seed: int = 5) -> Path:
    """A JSON Lines corpus of ``n`` generated articles (same seed, same bytes)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"n{i:07d}", "text": news_article(rng), "published": "2024-06-01"}) + "\n")
    return path


def run_measured(args: list[str]) -> dict[str, Any]:
    """Run the CLI; return wall time and the peak summed RSS of its process tree (sampled every 100 ms)."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    continue
        except psutil.Error:
            pass
        peak = max(peak, total)
        time.sleep(0.1)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    assert proc.returncode == 0, stderr
    return {"seconds": time.perf_counter() - started, "peak_rss_mb": peak / 2**20, "summary": stderr.strip()}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("corpora")
    return {n: make_corpus(folder / f"news{n}.jsonl", n) for n in (10_000, 100_000)}


@pytest.mark.benchmark(group="corpus-runner")
@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("size", [10_000, 100_000])
def test_extract_corpus(benchmark: Any, corpora: dict[int, Path], tmp_path: Path, size: int, workers: int) -> None:
    """Whole-CLI throughput (startup included) and peak memory for one corpus size and worker count."""
    out = tmp_path / "out.jsonl"
    args = [sys.executable, "-m", "geodefence.cli", "extract", str(corpora[size]), "-o", str(out), "-j", str(workers)]
    result = benchmark.pedantic(run_measured, args=(args,), rounds=1, iterations=1)
    result["docs_per_second"] = size / result["seconds"]
    benchmark.extra_info.update({k: v for k, v in result.items() if k != "summary"})
    print(
        f"\n{size} docs, {workers} workers: {result['docs_per_second']:.0f} docs/s, peak RSS {result['peak_rss_mb']:.0f} MB"
    )
    print(result["summary"])
    with out.open("rb") as fh:
        assert sum(1 for _ in fh) == size
