"""Each record kind on short passages written by the team (tests/cases/<kind>.yaml).

A case lists the records that must be found (by key) with some slots, or ``expect: []`` for a
passage where that kind must find nothing. Known gaps carry ``xfail: reason`` and run as strict
xfails, so a fix forces the case to move.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import geodefence
from geodefence.records import Document

CASES = Path(__file__).parent / "cases"
KINDS = ("agreement", "visit", "exercise", "stance")


def _load() -> list[Any]:
    params = []
    for kind in KINDS:
        for case in yaml.safe_load((CASES / f"{kind}.yaml").read_text(encoding="utf-8")):
            marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
            params.append(pytest.param(kind, case, id=f"{kind}:{case['id']}", marks=marks))
    return params


def _key(kind: str, rec: Any) -> str:
    if kind == "agreement":
        return "+".join(sorted(p.code or "?" for p in rec.parties))
    if kind == "visit":
        return f"{rec.visitor_party}->{rec.host.code if rec.host else None}"
    if kind == "exercise":
        return "+".join(sorted(p.code or "?" for p in rec.participants))
    return f"{rec.holder.code}>{rec.target.code if rec.target else '-'}:{rec.position}"


def _slot(kind: str, rec: Any, slot: str) -> Any:
    value = getattr(rec, "start" if (kind == "exercise" and slot == "date") else slot, None)
    if slot == "visitor_person":
        return rec.visitor.name if rec.visitor else None
    if slot in ("met_with", "places", "signatories"):
        return [a.name for a in value]
    if hasattr(value, "value") and hasattr(value, "precision"):
        return value.value
    if hasattr(value, "name") and hasattr(value, "kind"):
        return value.name
    return value


@pytest.mark.parametrize(("kind", "case"), _load())
def test_case(kind: str, case: dict[str, Any]) -> None:
    doc: Document = geodefence.extract(case["text"], published=case.get("published"), doc_id=case["id"])
    records = getattr(doc, f"{kind}s")
    found = {_key(kind, r): r for r in records}
    if not case["expect"]:
        assert records == [], f"expected no {kind}, found {sorted(found)}"
        return
    for want in case["expect"]:
        assert want["key"] in found, f"{want['key']} not in {sorted(found)}"
        rec = found[want["key"]]
        for slot, expected in (want.get("slots") or {}).items():
            if slot == "topic_contains":
                assert all(w.lower() in (rec.topic or "").lower() for w in expected), rec.topic
            elif isinstance(expected, list):
                got = _slot(kind, rec, slot)
                assert all(any(e in g for g in got) for e in expected), (slot, got)
            else:
                assert _slot(kind, rec, slot) == expected, slot
        # Every record carries evidence that quotes the text exactly.
        assert rec.evidence
        for ev in rec.evidence:
            assert case["text"][ev.start : ev.end] == ev.text


def test_background_and_current_agreements_between_the_same_parties_stay_apart() -> None:
    text = (
        "Rwanda and Mozambique agreed on Friday to extend their security arrangement. "
        "Rwanda and Mozambique signed a status of forces agreement in 2022."
    )
    records = geodefence.extract(text).agreements
    assert len(records) == 2
    assert sorted((r.date.value if r.date else None) or "" for r in records) == ["", "2022"]


def test_a_contract_far_from_any_agreement_and_with_no_party_is_no_record() -> None:
    # "These contracts" refers back only within reach; beyond it, an agreement nobody is party to
    # says nothing codable and is dropped rather than kept with empty parties.
    filler = "The ministry said the coastal road would reopen after the storm season. " * 20
    text = (
        "Ghana and Togo signed a border security agreement in Accra on Monday. "
        + filler
        + "These contracts are expected to support hundreds of jobs in the region."
    )
    records = geodefence.extract(text, published="2024-02-05").agreements
    assert [sorted(p.code for p in r.parties) for r in records] == [["GHA", "TGO"]]
