"""``geodefence export``: the four formats, the events table loaded with pandas, and clear refusals."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import geodefence
from geodefence.cli import app
from geodefence.export.cameo import CAMEO_COLUMNS
from geodefence.export.events import COLUMN_NAMES

runner = CliRunner()


def test_events_csv_to_stdout(dataset: Path) -> None:
    result = runner.invoke(app, ["export", str(dataset), "--to", "events-csv"])
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(result.stdout.splitlines()))
    assert list(table[0]) == list(COLUMN_NAMES) and len(table) == 12
    assert [r["doc_id"] for r in table] == ["doc-1"] * 6 + ["doc-2"] * 6
    assert "12 records exported as events-csv" in result.stderr


def test_all_four_formats_to_files(dataset: Path, tmp_path: Path) -> None:
    for to, name in (
        ("events-csv", "e.csv"),
        ("events-parquet", "e.parquet"),
        ("plover", "p.jsonl"),
        ("cameo", "c.csv"),
    ):
        if to == "events-parquet":
            pytest.importorskip("pyarrow")
        out = tmp_path / name
        result = runner.invoke(app, ["export", str(dataset), "--to", to, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
        assert not list(tmp_path.glob(".*.partial"))
    plover = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(plover) == 12 and plover[0]["event"] == ["SUPPORT"]
    cameo = list(csv.DictReader((tmp_path / "c.csv").open(encoding="utf-8")))
    assert list(cameo[0]) == [c for c, _, _ in CAMEO_COLUMNS] and cameo[0]["code"] == "057"


def test_events_table_loads_in_pandas(dataset: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out = tmp_path / "events.parquet"
    assert runner.invoke(app, ["export", str(dataset), "--to", "events-parquet", "-o", str(out)]).exit_code == 0
    frame = pd.read_parquet(out)
    assert list(frame.columns) == list(COLUMN_NAMES)
    visit = frame[(frame["kind"] == "visit") & (frame["doc_id"] == "doc-1")].iloc[0]
    assert (visit["actor1"], visit["actor2"], visit["actor1_name"]) == ("UZB", "KAZ", "Bakhodir Kurbanov")
    assert frame.equals(geodefence.to_pandas(dataset).astype(frame.dtypes.to_dict()))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "events-parquet"], "give -o FILE.parquet"),
        (["--to", "plover", "-o", "{tmp}"], "is a folder"),
        (["--to", "cameo", "-o", "{dataset}"], "is the input"),
    ],
)
def test_refusals_are_one_line_and_exit_2(dataset: Path, tmp_path: Path, args: list[str], message: str) -> None:
    args = [a.format(tmp=tmp_path, dataset=dataset) for a in args]
    result = runner.invoke(app, ["export", str(dataset), *args])
    assert result.exit_code == 2 and message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_unreadable_input_exits_2_and_leaves_no_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["export", str(bad), "-o", str(out)])
    assert result.exit_code == 2 and "bad.jsonl:1: not JSON" in result.stderr
    assert not out.exists() and not list(tmp_path.glob(".*.partial"))
    missing = runner.invoke(app, ["export", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_export_has_help() -> None:
    result = runner.invoke(app, ["export", "--help"])
    assert result.exit_code == 0 and "PLOVER" in result.stdout and "--to" in result.stdout
