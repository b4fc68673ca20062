"""One benchmark per pipeline stage, each over the whole in-process corpus per round.

Stages in pipeline order: normalise, split, vocabulary scan, dates, persons, the whole text layer
(``analyse``), each record kind's extractor over prepared analyses, and serialisation of the
finished documents with pydantic's ``model_dump_json``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest

from bench_common import pedantic, record
from geodefence import Document, extract
from geodefence.kinds import KINDS
from geodefence.text.analysis import Analysis, analyse
from geodefence.text.dates import find_dates
from geodefence.text.normalise import normalise
from geodefence.text.persons import find_persons
from geodefence.text.sentences import split
from geodefence.text.vocab import Mention, get_vocab, scan


@pytest.fixture(scope="module")
def texts(docs: Sequence[dict[str, str]]) -> list[str]:
    """The raw article texts."""
    get_vocab()  # load once, outside any timing
    return [d["text"] for d in docs]


@pytest.fixture(scope="module")
def normalised(texts: Sequence[str]) -> list[str]:
    """The normalised texts (what every later stage reads)."""
    return [normalise(t).text for t in texts]


@pytest.fixture(scope="module")
def mentions(normalised: Sequence[str]) -> list[list[Mention]]:
    """Vocabulary mentions per article."""
    return [scan(t) for t in normalised]


@pytest.fixture(scope="module")
def analyses(texts: Sequence[str], published: Sequence[dt.date]) -> list[Analysis]:
    """Prepared analyses, the input of the record kinds."""
    return [analyse(t, p) for t, p in zip(texts, published, strict=True)]


@pytest.fixture(scope="module")
def documents(docs: Sequence[dict[str, str]]) -> list[Document]:
    """Finished documents, the input of serialisation."""
    return [extract(d["text"], published=d["published"], doc_id=d["id"]) for d in docs]


def _each(fn: Any, items: Sequence[Any]) -> int:
    for item in items:
        fn(item)
    return len(items)


@pytest.mark.benchmark(group="stage")
def test_normalise(benchmark: Any, texts: list[str]) -> None:
    """normalise(): quotes, dashes, spaces, with the offset map."""
    assert pedantic(benchmark, _each, normalise, texts) == len(texts)
    record(benchmark, "stage: normalise", len(texts))


@pytest.mark.benchmark(group="stage")
def test_split(benchmark: Any, normalised: list[str]) -> None:
    """split(): sentence spans."""
    assert pedantic(benchmark, _each, split, normalised) == len(normalised)
    record(benchmark, "stage: split", len(normalised))


@pytest.mark.benchmark(group="stage")
def test_vocab_scan(benchmark: Any, normalised: list[str]) -> None:
    """scan(): one Aho-Corasick pass over every vocabulary."""
    assert pedantic(benchmark, _each, scan, normalised) == len(normalised)
    record(benchmark, "stage: vocab scan", len(normalised))


@pytest.mark.benchmark(group="stage")
def test_dates(benchmark: Any, normalised: list[str], published: list[dt.date]) -> None:
    """find_dates(): every date expression, resolved against the publication date."""
    pairs = list(zip(normalised, published, strict=True))
    assert pedantic(benchmark, _each, lambda tp: find_dates(*tp), pairs) == len(pairs)
    record(benchmark, "stage: dates", len(pairs))


@pytest.mark.benchmark(group="stage")
def test_persons(benchmark: Any, normalised: list[str], mentions: list[list[Mention]]) -> None:
    """find_persons(): ranked and titled names and their later mentions."""
    pairs = list(zip(normalised, mentions, strict=True))
    assert pedantic(benchmark, _each, lambda tm: find_persons(*tm), pairs) == len(pairs)
    record(benchmark, "stage: persons", len(pairs))


@pytest.mark.benchmark(group="stage")
def test_analyse(benchmark: Any, texts: list[str], published: list[dt.date]) -> None:
    """analyse(): the whole text layer (all of the above, plus places and actors)."""
    pairs = list(zip(texts, published, strict=True))
    assert pedantic(benchmark, _each, lambda tp: analyse(*tp), pairs) == len(pairs)
    record(benchmark, "stage: analyse (whole text layer)", len(pairs))


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.benchmark(group="kind")
def test_kind(benchmark: Any, kind: str, analyses: list[Analysis]) -> None:
    """One record kind's extractor over prepared analyses."""
    fn = KINDS[kind].extract
    found = pedantic(benchmark, lambda: sum(len(fn(a)) for a in analyses))
    assert found > 0 or len(analyses) < 50, f"no {kind} found in {len(analyses)} generated articles"
    record(benchmark, f"kind: {kind}", len(analyses), records=found)


@pytest.mark.benchmark(group="serialise")
def test_serialise(benchmark: Any, documents: list[Document]) -> None:
    """Document.model_dump_json() (what the corpus runner writes per line)."""
    size = pedantic(benchmark, lambda: sum(len(d.model_dump_json()) for d in documents))
    assert size > 0
    record(benchmark, "serialise: model_dump_json", len(documents))
