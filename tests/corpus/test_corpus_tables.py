"""CSV and Parquet tables: they round-trip the JSON output, and datapackage.json describes their keys."""

from __future__ import annotations

import builtins
import csv
import json
from pathlib import Path
from typing import Any

import pytest
from corpus_helpers import article, fake_extract
from typer.testing import CliRunner

from geodefence.cli import app
from geodefence.corpus.readers import InputItem
from geodefence.corpus.runner import run
from geodefence.corpus.tables import TABLES
from geodefence.corpus.writers import OutputError, read_tables, write_tables
from geodefence.records import Document


def json_lines() -> list[bytes]:
    """Documents with every record kind, plus an error document and a warning."""
    items = [InputItem(doc_id=f"d{i}", text=article(i), published="2024-05-01", source=f"s{i}") for i in range(12)]
    items.append(InputItem(doc_id="short", text="Two words"))
    items.append(InputItem(doc_id="bad", file="f.jsonl", line=9, error=("invalid_json", "f.jsonl:9: oops")))
    items.append(InputItem(doc_id="boom", text="BOOM", warnings=[("invalid_utf8", "replaced")]))
    out: list[bytes] = []
    run(items, out.append, extractor=fake_extract)
    return out


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_round_trip_the_json_output(tmp_path: Path, fmt: str) -> None:
    lines = json_lines()
    write_tables(lines, tmp_path / "tables", fmt)
    expected = [Document.model_validate_json(line) for line in lines]
    assert read_tables(tmp_path / "tables") == expected
    names = sorted(p.name for p in (tmp_path / "tables").iterdir())
    assert names == sorted(["datapackage.json", *(f"{t.name}.{fmt}" for t in TABLES)])


def test_record_without_id_gets_a_derived_id(tmp_path: Path) -> None:
    doc = json.loads(json_lines()[0])
    doc["exercises"][0]["id"] = ""
    write_tables([json.dumps(doc).encode()], tmp_path / "t", "csv")
    with (tmp_path / "t" / "exercises.csv").open(encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    with (tmp_path / "t" / "exercise_participants.csv").open(encoding="utf-8") as fh:
        kids = list(csv.DictReader(fh))
    assert len(row["id"]) == 16 and {k["record_id"] for k in kids} == {row["id"]}


def test_empty_optional_string_survives_parquet_but_reads_as_missing_from_csv(tmp_path: Path) -> None:
    doc = json.loads(json_lines()[0])
    doc["agreements"][0]["name"] = ""
    line = json.dumps(doc).encode()
    write_tables([line], tmp_path / "p", "parquet")
    write_tables([line], tmp_path / "c", "csv")
    assert read_tables(tmp_path / "p")[0].agreements[0].name == ""
    assert read_tables(tmp_path / "c")[0].agreements[0].name is None  # CSV cannot tell '' from missing


def test_datapackage_declares_keys_for_every_table(tmp_path: Path) -> None:
    write_tables(json_lines(), tmp_path / "t", "csv")
    package = json.loads((tmp_path / "t" / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert package["profile"] == "tabular-data-package"
    assert {"documents", "agreements", "visits", "exercises", "stances", "agreement_parties", "visit_met_with"} <= set(
        resources
    )
    for name, res in resources.items():
        schema = res["schema"]
        fields = {f["name"]: f for f in schema["fields"]}
        assert set(schema["primaryKey"]) <= set(fields), name
        with (tmp_path / "t" / res["path"]).open(encoding="utf-8") as fh:
            assert next(csv.reader(fh)) == [f["name"] for f in schema["fields"]]
        for fk in schema.get("foreignKeys", []):
            target = resources[fk["reference"]["resource"]]["schema"]
            assert fk["reference"]["fields"] == target["primaryKey"] or fk["reference"]["fields"] == ["doc_id"]
    assert resources["agreement_parties"]["schema"]["foreignKeys"][0] == {
        "fields": ["record_id"],
        "reference": {"resource": "agreements", "fields": ["id"]},
    }
    stance_fields = {f["name"]: f for f in resources["stances"]["schema"]["fields"]}
    assert stance_fields["position"]["constraints"]["enum"] == ["support", "oppose", "withhold", "neutral"]


def test_primary_keys_are_unique_in_the_written_tables(tmp_path: Path) -> None:
    write_tables(json_lines(), tmp_path / "t", "csv")
    for table in TABLES:
        with (tmp_path / "t" / f"{table.name}.csv").open(encoding="utf-8") as fh:
            keys = [tuple(row[k] for k in table.primary_key) for row in csv.DictReader(fh)]
        assert len(keys) == len(set(keys)), table.name


def test_cli_tables_and_refusal_to_clobber(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "Poland signed."}\n', encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "tables"
    result = runner.invoke(app, ["extract", str(tmp_path / "in.jsonl"), "--format", "csv", "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.stderr
    assert [d.doc_id for d in read_tables(out)] == ["a"]
    again = runner.invoke(app, ["extract", str(tmp_path / "in.jsonl"), "--format", "csv", "-o", str(out), "-j", "1"])
    assert again.exit_code == 0 and not list(tmp_path.glob(".*partial*"))
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    refused = runner.invoke(
        app, ["extract", str(tmp_path / "in.jsonl"), "--format", "csv", "-o", str(tmp_path / "mine")]
    )
    assert refused.exit_code == 2 and (tmp_path / "mine" / "notes.txt").exists()


def test_parquet_without_pyarrow_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(OutputError, match=r"geodefence\[parquet\]"):
        write_tables([], tmp_path / "t", "parquet")
