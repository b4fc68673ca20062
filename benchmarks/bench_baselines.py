"""What a user would otherwise run, on the same generated articles in the same session.

- spaCy: a blank English pipeline with a sentencizer and an EntityRuler holding the project's own
  gazetteer (state names, adjectives, capitals, organisation names and acronyms from
  :func:`geodefence.text.vocab.get_vocab`). It finds names only, no records.
- ``dateparser.search.search_dates`` over each whole article, on a small sample (it is slow):
  ``GEODEFENCE_BENCH_DATEPARSER_DOCS`` (default 50).
- Python ``re`` with 30 extraction patterns of the kind a hand-written extractor has.

Both third-party baselines come with the ``bench`` extra; a missing one skips its benchmark.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any

import pytest

from bench_common import pedantic, record
from geodefence.text.vocab import get_vocab

SAMPLE = int(os.environ.get("GEODEFENCE_BENCH_DATEPARSER_DOCS", "50"))


def gazetteer() -> list[dict[str, str]]:
    """EntityRuler phrase patterns from the project's vocabularies (states, adjectives, capitals, orgs)."""
    vocab = get_vocab()
    patterns: dict[tuple[str, str], None] = {}
    for state in vocab.states.values():
        for name in state.names:
            patterns[("GPE", name)] = None
    for form in vocab.demonyms:
        patterns[("NORP", form)] = None
    for place in vocab.places.values():
        if place.capital:
            patterns[("GPE", place.name)] = None
    for org in vocab.orgs.values():
        for name in (org.code, org.name, *org.aliases):
            patterns[("ORG", name)] = None
    return [{"label": label, "pattern": text} for label, text in patterns]


@pytest.fixture(scope="module")
def texts(docs: Sequence[dict[str, str]]) -> list[str]:
    """The raw article texts."""
    return [d["text"] for d in docs]


@pytest.mark.benchmark(group="baseline")
def test_spacy_entity_ruler(benchmark: Any, texts: list[str]) -> None:
    """spacy.blank('en') + sentencizer + EntityRuler(gazetteer), nlp.pipe over the corpus."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(gazetteer())

    def run() -> int:
        return sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))

    assert pedantic(benchmark, run) > 0
    record(benchmark, "spacy blank + EntityRuler", len(texts))


@pytest.mark.benchmark(group="baseline")
def test_dateparser_search_dates(benchmark: Any, docs: list[dict[str, str]]) -> None:
    """dateparser.search.search_dates over each article of a small sample, relative to its date."""
    pytest.importorskip("dateparser")
    import datetime as dt

    from dateparser.search import search_dates

    sample = docs[:SAMPLE]
    settings = [{"RELATIVE_BASE": dt.datetime.fromisoformat(d["published"])} for d in sample]

    def run() -> int:
        return sum(
            len(search_dates(d["text"], languages=["en"], settings=s) or [])
            for d, s in zip(sample, settings, strict=True)
        )

    assert benchmark.pedantic(run, rounds=1, iterations=1, warmup_rounds=1) > 0
    record(benchmark, "dateparser search_dates", len(sample))


# Thirty patterns of a hand-written extractor: triggers of the four kinds, date forms, quantities.
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
RE_PATTERNS: tuple[str, ...] = (
    r"\b(?:signed|inked|concluded)\s+(?:an?\s+)?(?:\w+\s+){0,4}(?:agreement|memorandum|treaty|pact|contract|roadmap)",
    r"\b(?:agreement|memorandum of understanding|treaty|pact)\s+(?:on|with|between)\b",
    r"\b(?:announced|reached|agreed)\s+(?:an?\s+)?(?:\w+\s+){0,3}(?:agreement|deal|roadmap)",
    r"\bratifi(?:ed|es)\s+(?:the\s+)?(?:\w+\s+){0,3}(?:agreement|treaty|pact)",
    r"\bpaid\s+(?:an?\s+)?(?:\w+\s+){0,2}visits?\s+to\b",
    r"\bvisit(?:ed|s|ing)?\b",
    r"\barriv(?:ed|es|ing)\s+(?:in|at)\b",
    r"\btravel(?:l)?ed\s+to\b",
    r"\bhost(?:ed|s|ing)\s+(?:an?\s+)?(?:\w+\s+){0,3}delegation",
    r"\bmet\s+(?:with\s+)?(?:the\s+)?(?:\w+\s+){0,3}(?:counterpart|minister|president)",
    r"\b(?:joint|military|naval|anti-terror|command-post|large-scale)\s+(?:\w+\s+)?(?:exercises?|drills?)",
    r"\b(?:exercises?|drills?)\s+\"[^\"]{2,60}\"",
    r"\"[^\"]{2,60}\"\s+(?:\w+\s+){0,2}(?:exercises?|drills?)",
    r"\b\d{1,3}(?:,\d{3})*\s+(?:troops|soldiers|servicemen|personnel)\b",
    r"\b(?:will|to)\s+(?:hold|take part|conduct)\b",
    r"\b(?:has|have|did)\s+not\s+(?:supported|backed|endorsed|joined)\b",
    r"\bdeclined\s+to\s+(?:support|join|back|endorse)\b",
    r"\b(?:condemned|denounced|rejected|criticised|criticized)\b",
    r"\bwarned\s+(?:against|of)\b",
    r"\breaffirmed\s+(?:its\s+)?support\b",
    r"\bremains?\s+committed\s+to\b",
    r"\b(?:maintained|declared)\s+(?:its\s+)?neutrality\b",
    r"\babstained\b",
    rf"\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b",
    rf"\b{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\b",
    r"\b\d{4}-\d{2}-\d{2}\b",
    rf"\b{_MONTH}\s+\d{{4}}\b",
    rf"\bfrom\s+{_MONTH}\s+\d{{1,2}}\s+to\s+{_MONTH}\s+\d{{1,2}}\b",
    r"\bbetween\s+\d{4}\s+and\s+\d{4}\b",
    r"\b(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|last\s+week)\b",
)


@pytest.mark.benchmark(group="baseline")
def test_re_30_patterns(benchmark: Any, texts: list[str]) -> None:
    """Stdlib ``re``: each of 30 compiled patterns, finditer over every article."""
    assert len(RE_PATTERNS) == 30
    compiled = [re.compile(p) for p in RE_PATTERNS]

    def run() -> int:
        return sum(1 for t in texts for p in compiled for _ in p.finditer(t))

    assert pedantic(benchmark, run) > 0
    record(benchmark, "re, 30 patterns", len(texts))
