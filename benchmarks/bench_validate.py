"""Benchmark of dataset validation: documents per second and peak memory.

Generates a JSON Lines dataset of news-like documents (about 2.3 KB of text each, with
agreements, visits, exercises and stances whose evidence points into the text), then validates it
with :func:`geodefence.validate_dataset`, side by side with what a user would otherwise run
(schema only with jsonschema-rs; pure-Python ``jsonschema`` on a small slice).

Size: ``GEODEFENCE_BENCH_VALIDATE_MB`` (default 8). The 1 GB run::

    GEODEFENCE_BENCH_VALIDATE_MB=1024 .venv/bin/pytest benchmarks/bench_validate.py -s

Peak memory is the ``ru_maxrss`` of a fresh process that only imports geodefence and validates.
"""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import orjson
import pytest

from geodefence import validate_dataset
from geodefence.parts import text_sha256
from geodefence.schemagen import schema

SIZE_MB = float(os.environ.get("GEODEFENCE_BENCH_VALIDATE_MB", "8"))
CACHE = Path(os.environ.get("GEODEFENCE_BENCH_CACHE", "/tmp/geodefence-bench"))
POOL = 400
"""Distinct documents generated; the dataset cycles through them with fresh doc_ids."""

STATES = [
    ("Kazakhstan", "KAZ", "Astana"),
    ("Uzbekistan", "UZB", "Tashkent"),
    ("Kyrgyzstan", "KGZ", "Bishkek"),
    ("Tajikistan", "TJK", "Dushanbe"),
    ("Mongolia", "MNG", "Ulaanbaatar"),
    ("Azerbaijan", "AZE", "Baku"),
    ("Armenia", "ARM", "Yerevan"),
    ("Georgia", "GEO", "Tbilisi"),
    ("Turkey", "TUR", "Ankara"),
    ("India", "IND", "New Delhi"),
]

FILLER = [
    "Officials said the talks covered border security, air defence and the training of junior officers.",
    "Analysts in the region described the step as part of a wider effort to diversify military suppliers.",
    "The ministry did not give the value of the programme or the number of units involved.",
    "Both sides have held regular consultations on regional security since the early 2010s.",
    "A joint working group will meet twice a year to review progress and settle technical questions.",
    "Observers noted that neither government has commented on the financing of the arrangement.",
]


class _Builder:
    """Builds one document's text sentence by sentence, recording evidence spans as it goes."""

    def __init__(self) -> None:
        self.text = ""

    def add(self, sentence: str) -> int:
        """Append a sentence; return its offset."""
        if self.text:
            self.text += " "
        offset = len(self.text)
        self.text += sentence
        return offset

    def span(self, offset: int, sentence: str, phrase: str, rule: str) -> dict[str, Any]:
        start = offset + sentence.index(phrase)
        return {"start": start, "end": start + len(phrase), "text": phrase, "rule": rule}


def _actor(name: str, code: str, ev: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "type": "state", "code": code, "evidence": ev}


def make_document(rng: random.Random, index: int) -> dict[str, Any]:
    """One realistic, valid document with 3-6 records."""
    b = _Builder()
    (a_name, a_code, a_city), (b_name, b_code, b_city) = rng.sample(STATES, 2)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2021, 2025)
    date_text = f"{day} {['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][month - 1]} {year}"
    iso = f"{year}-{month:02d}-{day:02d}"
    s1 = f"{a_name} and {b_name} signed a military cooperation plan in {a_city} on {date_text}, running until {year + 5}."
    o1 = b.add(s1)
    agreement = {
        "parties": [_actor(a_name, a_code, b.span(o1, s1, a_name, "vocab.state")), _actor(b_name, b_code)],
        "name": "military cooperation plan",
        "agreement_type": "plan",
        "status": "signed",
        "date": {"text": date_text, "value": iso, "precision": "day", "evidence": b.span(o1, s1, date_text, "date")},
        "valid_until": {"text": f"until {year + 5}", "value": str(year + 5), "precision": "year"},
        "location": {
            "name": a_city,
            "country": a_code,
            "kind": "city",
            "evidence": b.span(o1, s1, a_city, "vocab.city"),
        },
        "provisions": rng.sample(["training", "arms_supply", "joint_exercises", "maintenance"], 2),
        "evidence": [b.span(o1, s1, "signed a military cooperation plan", "agreement.signed")],
    }
    for _ in range(rng.randint(3, 5)):
        b.add(rng.choice(FILLER))
    s2 = f"The defence minister of {b_name} visited {a_city} and met his counterpart to discuss the plan."
    o2 = b.add(s2)
    visit = {
        "visitor": {"name": f"defence minister of {b_name}", "type": "person", "country": b_code},
        "visitor_party": b_code,
        "host": _actor(a_name, a_code),
        "places": [
            {"name": a_city, "country": a_code, "kind": "city", "evidence": b.span(o2, s2, a_city, "vocab.city")}
        ],
        "evidence": [b.span(o2, s2, f"The defence minister of {b_name} visited {a_city}", "visit.visited")],
    }
    s3 = f"Troops of both states will hold the joint exercise Mountain Shield-{index % 50} near {b_city} from 3 to 14 May {year}."
    o3 = b.add(s3)
    exercise = {
        "name": f"Mountain Shield-{index % 50}",
        "participants": [_actor(a_name, a_code), _actor(b_name, b_code)],
        "location": {
            "name": b_city,
            "country": b_code,
            "kind": "city",
            "evidence": b.span(o3, s3, b_city, "vocab.city"),
        },
        "start": {"text": "3", "value": f"{year}-05-03", "precision": "day"},
        "end": {"text": f"14 May {year}", "value": f"{year}-05-14", "precision": "day"},
        "troops": rng.choice([None, 800, 1500, 3000]),
        "status": "planned",
        "evidence": [b.span(o3, s3, f"joint exercise Mountain Shield-{index % 50}", "exercise.named")],
    }
    for _ in range(rng.randint(4, 7)):
        b.add(rng.choice(FILLER))
    s4 = f"{b_name} has not supported the sanctions regime and welcomed the dialogue with {a_name}."
    o4 = b.add(s4)
    stances = [
        {
            "holder": _actor(b_name, b_code, b.span(o4, s4, b_name, "vocab.state")),
            "topic": "the sanctions regime",
            "position": "withhold",
            "cue": "has not supported",
            "evidence": [b.span(o4, s4, "has not supported the sanctions regime", "stance.withhold")],
        },
        {
            "holder": _actor(b_name, b_code),
            "target": _actor(a_name, a_code),
            "topic": "dialogue",
            "position": "support",
            "cue": "welcomed",
            "evidence": [b.span(o4, s4, f"welcomed the dialogue with {a_name}", "stance.support")],
        },
    ]
    return {
        "schema_version": "1.0.0",
        "doc_id": f"bench-{index}",
        "source": f"https://news.example/{index}",
        "published": iso,
        "language": "en",
        "text_sha256": text_sha256(b.text),
        "text": b.text,
        "agreements": [agreement],
        "visits": [visit] if rng.random() < 0.7 else [],
        "exercises": [exercise] if rng.random() < 0.6 else [],
        "stances": stances,
        "warnings": [],
        "error": None,
    }


def _lines(size_bytes: int) -> Iterator[bytes]:
    """JSON Lines of about ``size_bytes``: the pool cycled with fresh doc_ids."""
    rng = random.Random(42)
    pool = [orjson.dumps(make_document(rng, i)) for i in range(POOL)]
    written = 0
    for n in itertools.count():
        base = pool[n % POOL]
        line = base.replace(f'"bench-{n % POOL}"'.encode(), f'"doc-{n}"'.encode(), 1) + b"\n"
        yield line
        written += len(line)
        if written >= size_bytes:
            return


@pytest.fixture(scope="module")
def dataset() -> Path:
    """The generated dataset (cached between runs by size)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"validate-{SIZE_MB:g}MB.jsonl"
    if not path.exists():
        tmp = path.with_suffix(".part")
        with tmp.open("wb") as out:
            out.writelines(_lines(int(SIZE_MB * 1024 * 1024)))
        tmp.rename(path)
    return path


def _count_lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


def test_generated_documents_are_valid() -> None:
    rng = random.Random(7)
    report = validate_dataset([make_document(rng, i) for i in range(50)])
    assert report.ok, [str(i) for i in report.issues[:5]]


@pytest.mark.benchmark(group="validate")
def test_validate_dataset(benchmark: Any, dataset: Path) -> None:
    """The full run: read, parse, schema, quality checks."""
    docs = _count_lines(dataset)
    rounds = 1 if SIZE_MB > 64 else 3
    report = benchmark.pedantic(validate_dataset, args=(dataset,), rounds=rounds, iterations=1)
    assert report.ok and report.documents == docs
    rate = docs / benchmark.stats.stats.median
    benchmark.extra_info.update(documents=docs, mb=SIZE_MB, docs_per_s=round(rate))
    print(f"\nvalidate_dataset: {docs} documents, {SIZE_MB:g} MB, {rate:,.0f} documents/s")


@pytest.mark.benchmark(group="validate")
def test_schema_only_jsonschema_rs(benchmark: Any, dataset: Path) -> None:
    """What a user would write by hand: orjson + a compiled jsonschema-rs validator, no quality checks."""
    validator = jsonschema_rs.validator_for(schema("document"))

    def run() -> int:
        n = 0
        with dataset.open("rb") as f:
            for line in f:
                n += validator.is_valid(orjson.loads(line))
        return n

    docs = benchmark.pedantic(run, rounds=1, iterations=1)
    rate = docs / benchmark.stats.stats.median
    benchmark.extra_info.update(documents=docs, docs_per_s=round(rate))
    print(f"\nschema only (jsonschema-rs): {rate:,.0f} documents/s")


@pytest.mark.benchmark(group="validate-python-jsonschema")
def test_python_jsonschema_slice(benchmark: Any, dataset: Path) -> None:
    """Pure-Python ``jsonschema`` on the first 500 documents, for comparison."""
    validator = jsonschema.Draft202012Validator(schema("document"))
    with dataset.open("rb") as f:
        docs = [orjson.loads(line) for line in itertools.islice(f, 500)]

    def run() -> int:
        return sum(validator.is_valid(d) for d in docs)

    assert benchmark.pedantic(run, rounds=1, iterations=1) == len(docs)
    rate = len(docs) / benchmark.stats.stats.median
    benchmark.extra_info.update(documents=len(docs), docs_per_s=round(rate))
    print(f"\npython jsonschema: {rate:,.0f} documents/s")


_CHILD = """
import json, resource, sys, time
from geodefence import validate_dataset
t = time.perf_counter()
report = validate_dataset(sys.argv[1])
seconds = time.perf_counter() - t
print(json.dumps({"documents": report.documents, "ok": report.ok, "seconds": seconds,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def test_peak_memory_is_flat(dataset: Path) -> None:
    """Validate in a fresh process and read its peak RSS: it must not grow with the file."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _CHILD, str(dataset)], check=True, capture_output=True, text=True)
    result = orjson.loads(out.stdout)
    assert result["ok"]
    size_mb = dataset.stat().st_size / 1024 / 1024
    rate = result["documents"] / result["seconds"]
    print(
        f"\nfresh process: {result['documents']} documents, {size_mb:,.0f} MB in {result['seconds']:.1f} s "
        f"({rate:,.0f} documents/s), peak RSS {result['max_rss_mb']:.0f} MB "
        f"(wall {time.perf_counter() - started:.1f} s with start-up)"
    )
    # The doc_id set grows with the dataset (~100 bytes an id); everything else is constant.
    assert result["max_rss_mb"] < 200 + result["documents"] * 200 / 1024 / 1024
