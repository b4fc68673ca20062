"""Every document extracted from the project's corpora validates against the published schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema_rs
import pytest

import geodefence

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "tests" / "dev"]


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_every_extracted_document_validates(corpus: Path) -> None:
    validator = jsonschema_rs.validator_for(geodefence.schema("document"))
    gold = [json.loads(line) for line in (corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(gold) >= 30
    for g in gold:
        text = (corpus / "texts" / f"{g['doc']}.txt").read_text(encoding="utf-8")
        doc = geodefence.extract(text, published=g["published"], doc_id=g["doc"])
        errors = [e.message for e in validator.iter_errors(json.loads(doc.model_dump_json()))]
        assert errors == [], (g["doc"], errors[:3])
        for kind in ("agreements", "visits", "exercises", "stances"):
            for rec in getattr(doc, kind):
                for ev in rec.evidence:
                    assert text[ev.start : ev.end] == ev.text, (g["doc"], ev)
