"""Helpers for the corpus tests: a deterministic news-like corpus and a stand-in extractor.

The stand-in extractor fills every record kind (with nested actors, places, dates, quantities,
enums and evidence) so the table round trip and the ordering checks see real content whatever
state the rule engine is in. It lives in a module of its own so spawned workers can import it.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

from geodefence.kinds.stance import Position
from geodefence.parts import record_id, text_sha256
from geodefence.pipeline import coerce_published
from geodefence.records import (
    Actor,
    Agreement,
    DateValue,
    Document,
    DocumentWarning,
    Evidence,
    Exercise,
    Place,
    Quantity,
    Stance,
    Visit,
)

STATES = [("Uzbekistan", "UZB"), ("Kazakhstan", "KAZ"), ("Poland", "POL"), ("Japan", "JPN"), ("Chile", "CHL")]
CITIES = ["Tashkent", "Astana", "Warsaw", "Tokyo", "Santiago"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def article(i: int) -> str:
    """A short deterministic news-like article; varies with ``i``."""
    a, b = STATES[i % 5], STATES[(i * 3 + 1) % 5]
    city, month = CITIES[(i * 7) % 5], MONTHS[i % 6]
    return (
        f"{a[0]} and {b[0]} signed a defence cooperation plan in {city} on {i % 27 + 1} {month} 2024. "
        f"The ministers agreed {i % 40 + 10} joint military activities. "
        f"Troops of both nations held joint exercises near {city}. Story {i}."
    )


def write_jsonl(path: Path, n: int) -> Path:
    """A JSON Lines corpus of ``n`` articles with ids and publication dates."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"doc{i:06d}", "text": article(i), "published": "2024-12-01"}) + "\n")
    return path


def _span(text: str, needle: str, rule: str) -> Evidence:
    start = text.index(needle)
    return Evidence(start=start, end=start + len(needle), text=needle, rule=rule)


def fake_extract(
    text: str, *, published: _dt.date | str | None = None, doc_id: str | None = None, source: str | None = None
) -> Document:
    """A stand-in for geodefence.extract: one record of each kind from the article's first words.

    Raises on a text containing 'BOOM', to check that an extractor failure becomes an error record.
    """
    if "BOOM" in text:
        raise RuntimeError("boom in the rules")
    did = doc_id or text_sha256(text)[:16]
    words = text.split()
    first = words[0] if words else "x"
    a = Actor(name=first, type="state", code=first[:3].upper(), evidence=_span(text, first, "t.actor"))
    b = Actor(name="Ministry", type="military_unit", country=first[:3].upper())
    when = DateValue(text="2024", value="2024", precision="year", relative=False, evidence=_span(text, words[0], "t.d"))
    place = Place(name="Somewhere", kind="city", country=None)
    agreement = Agreement(
        id=record_id(did, "agreement", 0),
        parties=[a, b],
        name=None if len(words) % 2 else f"{first} plan",
        agreement_type="plan",
        status="signed",
        date=when,
        signatories=[Actor(name="A. Person", type="person", title="Defense Minister", rank="Lt. Gen.")],
        location=place,
        provisions=["training", "joint_exercises"],
        quantities=[Quantity(value=float(len(words)) + 0.5, unit="joint military activities")],
        evidence=[_span(text, first, "t.agreement"), Evidence(start=0, end=0, text="", rule="t.empty")],
    )
    exercise = Exercise(
        id=record_id(did, "exercise", 0),
        participants=[a],
        troops=len(words),
        edition=None,
        status="planned",
        exercise_type="naval",
    )
    visit = Visit(id=record_id(did, "visit", 0), visitor=a, visitor_party="UZB", places=[place], met_with=[b, a])
    stance = Stance(id=record_id(did, "stance", 0), holder=a, target=None, position="withhold", cue="has not supported")
    doc = Document(
        doc_id=did,
        source=source,
        published=coerce_published(published),
        text_sha256=text_sha256(text),
        agreements=[agreement],
        exercises=[exercise] if len(words) > 3 else [],
        visits=[visit],
        stances=[stance, stance.model_copy(update={"id": record_id(did, "stance", 1), "position": Position.support})],
    )
    if len(words) < 3:
        doc.warnings = [DocumentWarning(code="short", message="very short text")]
    return doc


def dying_extract(text: str, **kwargs: object) -> Document:
    """An extractor whose worker process dies outright (as when the OS kills it)."""
    import os

    os._exit(3)
