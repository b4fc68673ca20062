"""PLOVER records: categories, modes and actors as the specification has them, validated by its JSON Schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
from export_helpers import TEXT, make_doc, span, state

import geodefence
from geodefence import Document, Exercise
from geodefence.export.mapping import plover_schema
from geodefence.export.plover import plover_records

VALIDATOR = jsonschema.Draft202012Validator(plover_schema(), format_checker=jsonschema.FormatChecker())


def by_id(docs: Any) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in plover_records(docs)}


def test_every_record_validates_against_the_schema(doc: Document) -> None:
    records = list(plover_records([doc]))
    assert len(records) == 6
    for record in records:
        VALIDATOR.validate(record)


def test_the_dev_corpus_exports_valid_plover(root: Path) -> None:
    docs = [
        geodefence.extract(p.read_text(encoding="utf-8"), doc_id=p.stem, published="2024-05-01")
        for p in sorted((root / "tests" / "dev" / "texts").glob("*.txt"))
    ]
    records = list(plover_records(docs))
    assert len(records) == len(list(geodefence.events(docs))) > 100
    errors = [f"{r['id']}: {e.message}" for r in records for e in VALIDATOR.iter_errors(r)]
    assert errors == []
    assert {"CONSULT", "SUPPORT", "ACCUSE"} <= {e for r in records for e in r["event"]}


@pytest.mark.parametrize(
    ("rid", "event", "mode", "context"),
    [
        ("a1", "SUPPORT", None, ["military", "intelligence"]),  # signed; provisions add contexts
        ("v1", "CONSULT", ["visit"], ["military"]),
        ("e1", "COOPERATE", None, ["military", "historical"]),  # dated 2023-09 in a 2025 story
        ("s1", "ACCUSE", None, None),
        ("s2", "REJECT", None, None),  # 'declined to support': a refusal
    ],
)
def test_categories(doc: Document, rid: str, event: str, mode: list[str] | None, context: list[str] | None) -> None:
    record = by_id([doc])[rid]
    assert record["has_event"] is True
    assert (record["event"], record.get("mode"), record.get("context")) == ([event], mode, context)
    assert record["quad_code"] in (1, 2, 3) and isinstance(record["event_scale"], float)


def test_visit_visitor_is_source_and_host_recipient(doc: Document) -> None:
    record = by_id([doc])["v1"]
    assert record["source"] == [
        {"code": "UZB", "actor_text": "Bakhodir Kurbanov", "identifier_text": "UZB", "office": "Defence Minister"}
    ]
    assert record["recipient"] == [{"code": "KAZ", "actor_text": "Kazakhstan", "identifier_text": "KAZ"}]


def test_reciprocal_agreement_lists_every_party_as_source(doc: Document) -> None:
    record = by_id([doc])["a1"]
    assert [a["code"] for a in record["source"]] == ["KAZ", "UZB"] and "recipient" not in record


def test_organisation_is_igo_with_its_acronym(doc: Document) -> None:
    assert by_id([doc])["s2"]["recipient"] == [{"code": "IGO", "actor_text": "NATO", "identifier_text": "NATO"}]


def test_dates_evidence_and_provenance(doc: Document) -> None:
    records = by_id([doc])
    assert records["a1"]["date"] == "2025-03-05"  # the record's own day
    assert records["s1"]["date"] == "2025-03-06"  # no date of its own: the story's
    assert (records["e1"]["date"], records["e1"]["event_date"]) == ("2025-03-06", "2023-09")
    a1 = records["a1"]
    assert TEXT[a1["text_info"]["start"] : a1["text_info"]["end"]] == a1["event_text"][0]
    assert (a1["doc_id"], a1["kind"], a1["rule"]) == ("doc-1", "agreement", "agr.noun.plan+agr.status.signed")
    assert a1["cite_info"]["url"] == "https://example.org/news/1" and a1["cite_info"]["codebook"] == "plover-0.7b1"


def test_a_negation_is_not_coded_and_says_why(doc: Document) -> None:
    record = by_id([doc])["s3"]
    assert record["has_event"] is False and record["event"] == []
    assert "negat" in record["not_coded"][0]
    VALIDATOR.validate(record)


def test_no_date_at_all_is_not_coded() -> None:
    record = by_id([make_doc(published=None)])["s1"]
    assert record["has_event"] is False and "no day-precise date" in record["not_coded"][0]


@pytest.mark.parametrize(
    ("participants", "event", "why"),
    [
        (2, "COOPERATE", None),
        (1, "MOBILIZE", None),  # 'single-country exercises should be coded as MOBILIZE'
        (0, None, "no participant is named"),
    ],
)
def test_exercise_category_follows_its_participants(participants: int, event: str | None, why: str | None) -> None:
    doc = make_doc()
    everyone = [state("Russia", "RUS"), state("Belarus", "BLR")][:participants]
    doc.exercises = [Exercise(id="x", participants=everyone, evidence=[span("Union Shield", "exercise.noun")])]
    record = by_id([doc])["x"]
    VALIDATOR.validate(record)
    if event is None:
        assert record["has_event"] is False and why in record["not_coded"][0]
    else:
        assert record["event"] == [event]


def test_schema_rejects_what_the_specification_forbids() -> None:
    base = {"id": "x", "date": "2025-03-05", "source": [{"code": "KAZ"}], "event": ["CONSULT"]}
    VALIDATOR.validate(base)
    for bad in (
        {**base, "event": ["VISIT"]},  # no such category
        {**base, "mode": ["troops"]},  # not a CONSULT mode
        {**base, "date": "2025-03"},  # YYYY-MM-DD
        {**base, "event": ["COOPERATE"]},  # requires a recipient
        {**base, "source": [{"code": "Kazakhstan"}]},  # a 3-letter code
        {**base, "event": ["AGREE"], "quad_code": 3},  # AGREE is verbal cooperation
        {"id": "x", "has_event": False, "event": []},  # not coded, without a reason
    ):
        assert not VALIDATOR.is_valid(bad), bad
