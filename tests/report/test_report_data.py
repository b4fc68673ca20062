"""The report's data: highlights, cards, texts from elsewhere, gold, overview counts (report/data.py)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from report_expect import expected_marks, record_counts

from geodefence.parts import Actor, DateValue, Evidence, Place, Quantity
from geodefence.records import Document, Stance, Visit
from geodefence.report.data import CHANGED_TEXT_NOTE, NO_TEXT_NOTE, find_quote, prepare, record_month, show
from geodefence.report.spans import covered, flatten


def _marks(view: Any) -> list[tuple[str, str, str, str]]:
    out = []
    for h in view["highlights"]:
        if h["record"] is not None:
            out.append((view["records"][h["record"]]["id"], h["kind"], h["slot"], h["text"]))
    return sorted(out)


def _dumped(docs: list[Document]) -> list[dict[str, Any]]:
    return [d.model_dump(mode="json") for d in docs]


def test_every_record_and_slot_span_of_the_seeds_is_highlighted_at_its_text(seed_docs: list[Document]) -> None:
    data = prepare(seed_docs)
    for doc, view in zip(_dumped(seed_docs), data["docs"], strict=True):
        assert view["note"] is None
        assert view["tree"] is not None
        assert flatten(view["tree"]) == doc["text"]
        assert _marks(view) == expected_marks(doc)
        drawn = covered(view["tree"])
        assert set(drawn) == set(range(len(view["highlights"])))
        for i, h in enumerate(view["highlights"]):
            assert drawn[i] == h["text"] == doc["text"][h["start"] : h["end"]]
        assert [card["id"] for card in view["records"]] == [
            r["id"] for field in ("agreements", "visits", "exercises", "stances") for r in doc[field]
        ]
        assert all(card["unplaced"] == 0 for card in view["records"])


def test_overview_counts_match_the_documents(seed_docs: list[Document]) -> None:
    data = prepare(seed_docs)
    seen = data["overview"]
    assert seen["kinds"] == record_counts(_dumped(seed_docs))
    assert seen["records"] == sum(seen["kinds"].values())
    assert seen["documents"] == seen["with_text"] == len(seed_docs)
    assert sum(n for _, n in seen["months"]) + seen["undated"] == seen["records"]
    for kind, rows in seen["statuses"].items():
        assert sum(n for _, n in rows) == seen["kinds"][kind]
    states = dict(seen["states"])
    assert states["UZB"] >= states["RUS"] > 0


def test_a_document_without_text_shows_its_records_with_a_note(seed_docs: list[Document]) -> None:
    bare = [d.model_copy(update={"text": None}) for d in seed_docs]
    view = prepare(bare)["docs"][0]
    assert view["tree"] is None
    assert view["note"] == NO_TEXT_NOTE
    assert view["highlights"] == []
    assert view["records"], "records are still shown"
    assert all(ev["h"] is None and ev["text"] for card in view["records"] for ev in card["evidence"])


def test_texts_from_a_folder_or_json_lines_give_the_same_highlights(
    seed_docs: list[Document], seeds_dir: Path, tmp_path: Path
) -> None:
    bare = [d.model_copy(update={"text": None}) for d in seed_docs]
    jsonl = tmp_path / "texts.jsonl"
    jsonl.write_text("".join(json.dumps({"id": d.doc_id, "text": d.text}) + "\n" for d in seed_docs), encoding="utf-8")
    want = [v["highlights"] for v in prepare(seed_docs)["docs"]]
    (tmp_path / "empty").mkdir()
    for texts in (seeds_dir, jsonl, [tmp_path / "empty", jsonl]):
        views = prepare(bare, texts=texts)["docs"]
        assert [v["highlights"] for v in views] == want
        assert all(v["note"] is None for v in views)


def test_a_text_that_differs_from_the_extracted_one_is_flagged(seed_docs: list[Document], tmp_path: Path) -> None:
    doc = seed_docs[0]
    assert doc.text is not None
    (tmp_path / f"{doc.doc_id}.txt").write_text("Edited. " + doc.text, encoding="utf-8")
    view = prepare([doc.model_copy(update={"text": None})], texts=tmp_path)["docs"][0]
    assert view["note"] == CHANGED_TEXT_NOTE
    assert view["highlights"] == []  # every offset now points 8 characters early
    assert sum(card["unplaced"] for card in view["records"]) == len(expected_marks(doc.model_dump(mode="json")))


def test_gold_marks_misses_in_the_text_and_flags_spurious_cards(seed_docs: list[Document], root: Path) -> None:
    gold = [
        json.loads(line) for line in (root / "tests/gold/seeds.gold.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    first = gold[0]
    first["stances"] = []  # the extractor's stances of this article become spurious
    dropped = len(seed_docs[0].stances)
    first["exercises"] = [
        {"participants": ["RUS", "UZB"], "optional": False, "evidence": "50 undisclosed joint military activities"},
        {"participants": ["UZB", "USA"], "optional": False, "evidence": "a quote the article does not hold"},
    ]
    data = prepare(seed_docs, gold=gold)
    view = data["docs"][0]
    assert view["scored"]
    assert sum(card["spurious"] for card in view["records"]) == dropped
    assert all(card["kind"] == "stance" for card in view["records"] if card["spurious"])
    found, lost = view["misses"]
    assert found["kind"] == "exercise" and found["h"] is not None and lost["h"] is None
    mark = view["highlights"][found["h"]]
    assert (mark["record"], mark["slot"], mark["text"]) == (None, "miss", found["evidence"])
    assert data["gold"] is not None and data["gold"]["misses"] == 2 and data["gold"]["spurious"] == dropped


def test_documents_not_in_the_gold_are_not_scored(seed_docs: list[Document]) -> None:
    data = prepare(seed_docs, gold=[{"doc": seed_docs[0].doc_id}])
    assert [v["scored"] for v in data["docs"]] == [True, False]


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("signed a plan", (7, 20)),
        ("signed  a\nPLAN", (7, 20)),  # spacing and case aside
        ("not there", None),
        ("  ", None),
    ],
)
def test_find_quote(quote: str, expected: tuple[int, int] | None) -> None:
    assert find_quote("Russia signed a plan.", quote) == expected


EV = Evidence(start=0, end=1, text="x", rule="r")

SHOWN = [
    (Actor(name="Russia", type="state", code="RUS"), "Russia (RUS)"),
    (
        Actor(name="Andrei Belousov", type="person", country="RUS", title="Defence Minister"),
        "Andrei Belousov (RUS, Defence Minister)",
    ),
    (Actor(name="NATO", type="organization", code="NATO"), "NATO (NATO)"),
    (Place(name="Tashkent", country="UZB", kind="city"), "Tashkent (city, UZB)"),
    (DateValue(text="last week", value="2024-04", precision="month", relative=True), "2024-04 (“last week”, relative)"),
    (DateValue(text="soon"), "unresolved (“soon”)"),
    (Quantity(value=50.0, unit="joint activities"), "50 joint activities"),
    (Quantity(value=2.5, unit="billion USD"), "2.5 billion USD"),
]


@pytest.mark.parametrize(("value", "text"), SHOWN, ids=[t for _, t in SHOWN])
def test_card_values(value: object, text: str) -> None:
    assert show(value) == text


def _visit(date: str | None) -> Visit:
    value = DateValue(text=date or "", value=date) if date else None
    return Visit(visitor=Actor(name="Russia", type="state", code="RUS"), date=value, evidence=[EV])


@pytest.mark.parametrize(
    ("record", "published", "month"),
    [
        (_visit("2024-04-17"), "2023-01-05", "2024-04"),  # its own date, to the day
        (_visit("2024"), "2023-01-05", "2023-01"),  # a year only: the document's month
        (_visit(None), None, None),
        (
            Stance(holder=Actor(name="Russia", type="state", code="RUS"), position="oppose", cue="x"),
            "2022-02-24",
            "2022-02",
        ),
    ],
)
def test_record_month(record: Any, published: str | None, month: str | None) -> None:
    kind = "visit" if isinstance(record, Visit) else "stance"
    assert record_month(kind, record, published) == month


def test_months_without_records_are_drawn_as_zero() -> None:
    docs = [
        Document(doc_id=f"d{i}", published=day, visits=[_visit(None)])
        for i, day in enumerate(["2023-11-02", "2024-02-10"])
    ]
    months = prepare(docs)["overview"]["months"]
    assert months == [("2023-11", 1), ("2023-12", 0), ("2024-01", 0), ("2024-02", 1)]


def test_templates_and_assets_are_package_data() -> None:
    base = resources.files("geodefence.report")
    for name in ("templates/report.html.j2", "static/report.css", "static/report.js"):
        assert (base / name).is_file(), name
