"""Fixtures for the validation tests: a valid document built with the models, and file writers."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from geodefence.kinds.exercise import Exercise
from geodefence.parts import text_sha256
from geodefence.records import Actor, Agreement, DateValue, Document, Evidence, Place, Visit

TEXT = (
    "Kazakhstan and Kyrgyzstan signed a defence cooperation plan in Astana on 12 March 2024. "
    "The plan runs until 2027. Troops of both states will hold the joint exercise Steppe Shield "
    "from 6 May to 18 May 2024. The Kyrgyz defence minister visited Astana for the signing."
)
"""A passage written for these tests; every evidence span below points into it."""


def span(phrase: str, rule: str = "test.rule", occurrence: int = 0) -> Evidence:
    """Evidence for the ``occurrence``-th appearance of ``phrase`` in :data:`TEXT`."""
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(phrase, start + 1)
    return Evidence(start=start, end=start + len(phrase), text=phrase, rule=rule)


def state(name: str, code: str) -> Actor:
    """A state actor with evidence for its first mention."""
    return Actor(name=name, type="state", code=code, evidence=span(name))


def make_document(doc_id: str = "doc-1", *, with_text: bool = True) -> Document:
    """A valid document: one agreement, one exercise and one visit, all with matching evidence."""
    agreement = Agreement(
        parties=[state("Kazakhstan", "KAZ"), state("Kyrgyzstan", "KGZ")],
        name="defence cooperation plan",
        agreement_type="plan",
        status="signed",
        date=DateValue(text="12 March 2024", value="2024-03-12", precision="day", evidence=span("12 March 2024")),
        valid_until=DateValue(text="until 2027", value="2027", precision="year", evidence=span("until 2027")),
        location=Place(name="Astana", country="KAZ", kind="city", evidence=span("Astana")),
        evidence=[span("signed a defence cooperation plan")],
    )
    exercise = Exercise(
        name="Steppe Shield",
        participants=[
            Actor(name="Kazakhstan", type="state", code="KAZ"),
            Actor(name="Kyrgyzstan", type="state", code="KGZ"),
        ],
        start=DateValue(text="6 May", value="2024-05-06", precision="day"),
        end=DateValue(text="18 May 2024", value="2024-05-18", precision="day", evidence=span("18 May 2024")),
        status="planned",
        evidence=[span("joint exercise Steppe Shield")],
    )
    visit = Visit(
        visitor=Actor(name="Kyrgyz defence minister", type="person", country="KGZ", title="defence minister"),
        visitor_party="KGZ",
        host=Actor(name="Kazakhstan", type="state", code="KAZ"),
        places=[Place(name="Astana", country="KAZ", kind="city", evidence=span("Astana", occurrence=1))],
        evidence=[span("The Kyrgyz defence minister visited Astana")],
    )
    return Document(
        doc_id=doc_id,
        text=TEXT if with_text else None,
        text_sha256=text_sha256(TEXT),
        agreements=[agreement],
        exercises=[exercise],
        visits=[visit],
    )


@pytest.fixture
def build() -> Callable[..., Document]:
    """The document builder, for tests that want the pydantic model itself."""
    return make_document


@pytest.fixture
def doc() -> dict[str, Any]:
    """A valid document as a JSON-ready dict, ready to be broken by a test."""
    return make_document().model_dump(mode="json")


@pytest.fixture
def write_jsonl(tmp_path: Path) -> Callable[..., Path]:
    """Write items (dicts, or raw bytes lines) as JSON Lines, optionally gzipped; returns the path."""

    def write(items: list[Any], name: str = "data.jsonl", *, compress: bool = False) -> Path:
        lines = [item if isinstance(item, bytes) else orjson.dumps(item) for item in items]
        data = b"\n".join(lines) + b"\n"
        path = tmp_path / name
        path.write_bytes(gzip.compress(data) if compress else data)
        return path

    return write
