"""The events table: one row per record, the dyad by kind, deterministic order, pandas optional."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest
from export_helpers import TEXT, make_doc

import geodefence
from geodefence import DateValue, Document, GeodefenceError
from geodefence.export.events import COLUMN_NAMES


def test_one_row_per_record_in_kind_then_record_order(doc: Document) -> None:
    rows = list(geodefence.events([doc]))
    assert [(r["kind"], r["record_id"]) for r in rows] == [
        ("agreement", "a1"),
        ("visit", "v1"),
        ("exercise", "e1"),
        ("stance", "s1"),
        ("stance", "s2"),
        ("stance", "s3"),
    ]
    assert all(tuple(r) == COLUMN_NAMES for r in rows)


@pytest.mark.parametrize(
    ("record_id", "actor1", "actor1_name", "actor2", "actor2_name"),
    [
        ("a1", "KAZ", "Kazakhstan", "UZB", "Uzbekistan"),  # agreement: first two parties, sorted
        ("v1", "UZB", "Bakhodir Kurbanov", "KAZ", "Kazakhstan"),  # visit: visitor's party -> host
        ("e1", "RUS", "Russia", "BLR", "Belarus"),  # exercise: first two participants as written
        ("s2", "TUR", "Turkey", "NATO", "NATO"),  # stance: holder -> target
    ],
)
def test_dyad_by_kind(
    doc: Document, record_id: str, actor1: str, actor1_name: str, actor2: str, actor2_name: str
) -> None:
    row = next(r for r in geodefence.events([doc]) if r["record_id"] == record_id)
    assert (row["actor1"], row["actor1_name"], row["actor2"], row["actor2_name"]) == (
        actor1,
        actor1_name,
        actor2,
        actor2_name,
    )


def test_row_fields(doc: Document) -> None:
    rows = {r["record_id"]: r for r in geodefence.events([doc])}
    a1 = rows["a1"]
    assert (a1["date"], a1["date_precision"], a1["status"], a1["name"]) == (
        "2025-03-05",
        "day",
        "signed",
        "defence cooperation plan",
    )
    assert TEXT[a1["start"] : a1["end"]] == a1["quote"] == "signed a defence cooperation plan"
    assert a1["rule"] == "agr.noun.plan+agr.status.signed"
    assert (a1["published"], a1["source"], a1["doc_id"]) == ("2025-03-06", "https://example.org/news/1", "doc-1")
    assert (rows["e1"]["date"], rows["e1"]["date_precision"]) == ("2023-09", "month")  # an exercise's start
    assert (rows["s1"]["status"], rows["s1"]["date"]) == ("oppose", None)  # a stance's position; no date of its own


def test_a_stance_has_its_own_date(doc: Document) -> None:
    doc.stances[0].date = DateValue(text="on Tuesday", value="2025-03-04", precision="day", relative=True)  # type: ignore[arg-type]
    row = next(r for r in geodefence.events([doc]) if r["record_id"] == "s1")
    assert (row["date"], row["date_precision"]) == ("2025-03-04", "day")


def test_documents_dicts_and_paths_give_the_same_rows(doc: Document, dataset: Path) -> None:
    from_models = list(geodefence.events([doc, make_doc("doc-2")]))
    assert (
        list(geodefence.events([doc.model_dump(mode="json"), make_doc("doc-2").model_dump(mode="json")])) == from_models
    )
    assert list(geodefence.events(dataset)) == from_models  # the failed document gives no rows
    assert list(geodefence.events(str(dataset))) == from_models
    assert list(geodefence.events(doc)) == from_models[:6]  # one Document


def test_order_is_deterministic(dataset: Path) -> None:
    assert list(geodefence.events(dataset)) == list(geodefence.events(dataset))


def test_a_line_that_is_not_a_document_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(make_doc().model_dump_json() + "\n[1, 2]\n", encoding="utf-8")
    with pytest.raises(geodefence.InputError, match=r"bad\.jsonl:2: expected a document"):
        list(geodefence.events(bad))


def test_to_pandas_loads_the_known_passage() -> None:
    pd = pytest.importorskip("pandas")
    text = (
        "Indian Defence Minister Rajnath Singh visited Tashkent on March 3, 2024 and met Uzbek counterpart "
        "Bakhodir Kurbanov. Kazakhstan condemned Russia's strikes on Ukraine."
    )
    frame = geodefence.to_pandas([geodefence.extract(text, published="2024-03-04", doc_id="known")])
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(COLUMN_NAMES)
    visit = frame[frame["kind"] == "visit"].iloc[0]
    assert (visit["actor1"], visit["actor2"], visit["date"], visit["status"]) == (
        "IND",
        "UZB",
        "2024-03-03",
        "completed",
    )
    assert text[visit["start"] : visit["end"]] == visit["quote"]
    stance = frame[frame["kind"] == "stance"].iloc[0]
    # the target is the author of the strikes, not their victim (the shared coding conventions)
    assert (stance["actor1"], stance["status"], stance["actor2"]) == ("KAZ", "oppose", "RUS")


def test_to_pandas_of_nothing_keeps_columns_and_types() -> None:
    pytest.importorskip("pandas")
    frame = geodefence.to_pandas([])
    assert list(frame.columns) == list(COLUMN_NAMES) and len(frame) == 0
    assert str(frame["start"].dtype) == "Int64"


def test_to_pandas_without_pandas_says_how_to_install(doc: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(GeodefenceError, match=r"pip install 'geodefence\[pandas\]'"):
        geodefence.to_pandas([doc])
