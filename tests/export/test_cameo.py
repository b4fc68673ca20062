"""CAMEO codes: a code and root per record from data/cameo.yaml, or an empty code and the reason."""

from __future__ import annotations

from typing import Any

import pytest
from export_helpers import make_doc, span, state

import geodefence
from geodefence import Actor, Document, Stance, Visit
from geodefence.export.cameo import CAMEO_COLUMNS, cameo_rows


def rows(doc: Document) -> dict[str, dict[str, Any]]:
    return {r["record_id"]: r for r in cameo_rows([doc])}


@pytest.mark.parametrize(
    ("rid", "code", "root", "reciprocal"),
    [
        ("a1", "057", "05", None),  # signed: Sign formal agreement
        ("v1", "042", "04", "043"),  # Make a visit; the host's side is Host a visit
        ("e1", "062", "06", None),  # a joint exercise: Cooperate militarily
        ("s1", "111", "11", None),  # Criticize or denounce
        ("s2", "120", "12", None),  # declined to support: Reject
    ],
)
def test_codes(doc: Document, rid: str, code: str, root: str, reciprocal: str | None) -> None:
    row = rows(doc)[rid]
    assert (row["code"], row["root"], row["reciprocal_code"]) == (code, root, reciprocal)
    assert row["code_name"] and row["root_name"] and row["reason"]


def test_unmapped_record_keeps_its_row_with_a_reason(doc: Document) -> None:
    row = rows(doc)["s3"]  # 'has not supported'
    assert row["code"] is None and row["root"] is None and "negated" in row["reason"]


def test_support_is_praise_or_endorse() -> None:
    doc = make_doc()
    doc.stances = [
        Stance(
            id="p",
            holder=state("France", "FRA"),
            target=state("Ukraine", "UKR"),
            position="support",
            cue="backed",
            evidence=[span("Kazakhstan", "stance.support.verb")],
        )
    ]  # type: ignore[arg-type]
    row = rows(doc)["p"]
    assert (row["code"], row["code_name"], row["root_name"]) == (
        "051",
        "Praise or endorse",
        "ENGAGE IN DIPLOMATIC COOPERATION",
    )


def test_planned_visit_is_intent_to_meet() -> None:
    doc = make_doc()
    doc.visits = [
        Visit(
            id="pv",
            visitor=Actor(name="Kurbanov", type="person", country="UZB"),
            visitor_party="UZB",
            status="planned",
            evidence=[span("visited", "visit.verb")],
        )
    ]  # type: ignore[arg-type]
    assert rows(doc)["pv"]["code"] == "036"


def test_columns_extend_the_events_table(doc: Document) -> None:
    events = list(geodefence.events([doc]))
    coded = list(cameo_rows([doc]))
    assert [c for c, _, _ in CAMEO_COLUMNS if c in events[0]] == list(events[0])
    assert all({k: r[k] for k in e} == e for e, r in zip(events, coded, strict=True))
