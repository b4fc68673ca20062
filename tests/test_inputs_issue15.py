"""Issue 15, inputs: dates for folders, plain text and JSON arrays, HTML files, no input, --version.

Each test names the item of the issue it covers; every one failed before the change.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import geodefence
from cli_helpers import VISIT, docs_of, extract, runner
from geodefence.cli import app
from geodefence.corpus import read_tables
from geodefence.corpus.dates import read_published
from geodefence.corpus.readers import Corpus, InputItem
from geodefence.corpus.runner import process_item


def visit_date(doc: dict[str, Any]) -> str | None:
    value: str | None = doc["visits"][0]["date"]["value"]
    return value


# --- --version, python -m geodefence -------------------------------------------------------


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"geodefence {geodefence.__version__}"


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "geodefence", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stdout.strip() == f"geodefence {geodefence.__version__}"
    usage = subprocess.run([sys.executable, "-m", "geodefence", "--help"], capture_output=True, text=True, check=False)
    assert usage.returncode == 0 and "geodefence [OPTIONS] COMMAND" in usage.stdout


# --- stdin: plain text, JSON array, JSON Lines --------------------------------------------


def test_plain_text_on_stdin_is_one_document() -> None:
    result = extract("-", "--published", "2025-03-05", stdin=f"\n  {VISIT}\nA second line.\n")
    assert result.exit_code == 0, result.stderr
    (doc,) = docs_of(result.stdout)
    assert doc["error"] is None and doc["doc_id"] == geodefence.extract(f"\n  {VISIT}\nA second line.\n").doc_id
    assert visit_date(doc) == "2025-03-04"


def test_json_array_on_stdin_and_json_lines_still_work() -> None:
    array = json.dumps([{"id": "a", "text": VISIT}, {"id": "b", "text": "Kazakhstan condemned Russia."}])
    assert [d["doc_id"] for d in docs_of(extract("-", stdin=array).stdout)] == ["a", "b"]
    lines = '{"id": "a", "text": "x y"}\n{"id": "b", "text": "z w"}\n'
    assert [d["doc_id"] for d in docs_of(extract("-", stdin=lines).stdout)] == ["a", "b"]


def test_empty_stdin_is_an_error() -> None:
    result = extract("-", stdin="  \n")
    assert (
        result.exit_code == 2
        and result.stderr.strip() == "error: no documents found in standard input; nothing was written"
    )


# --- .json arrays, .html files, no input --------------------------------------------------


def test_json_array_file(tmp_path: Path) -> None:
    path = tmp_path / "news.json"
    path.write_text(json.dumps([{"id": "a", "text": VISIT}, [1], {"text": "untitled"}], indent=1), encoding="utf-8")
    items = list(Corpus([path]))
    assert [(i.doc_id, i.error[0] if i.error else None) for i in items] == [
        ("a", None),
        (f"{path}[1]", "not_an_object"),
        (f"{path}[2]", None),
    ]
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": "a", "text": "x"}, {"id": "b"', encoding="utf-8")
    last = list(Corpus([broken]))[-1]
    assert last.error is not None and last.error[0] == "invalid_json" and "broken.json" in last.error[1]


def test_html_files_in_a_folder_are_read_as_html(tmp_path: Path) -> None:
    html = f"<html><body><p>{VISIT.replace('Tashkent', '<b>Tashkent</b>')}</p></body></html>"
    (tmp_path / "story.html").write_text(html, encoding="utf-8")
    (tmp_path / "other.htm").write_text("<p>Kazakhstan condemned Russia.</p>", encoding="utf-8")
    result = extract(str(tmp_path), "--published", "2025-03-05")
    assert result.exit_code == 0, result.stderr
    docs = {d["doc_id"]: d for d in docs_of(result.stdout)}
    assert set(docs) == {"story", "other"}
    visit = docs["story"]["visits"][0]
    assert visit["host"]["code"] == "UZB"
    ev = visit["evidence"][0]
    assert html[ev["start"] : ev["end"]] == ev["text"]  # offsets point into the HTML as written


def test_a_run_that_finds_no_input_exits_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    result = extract(str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"error: no input found in {tmp_path}")


def test_glob_patterns(tmp_path: Path) -> None:
    for name in ("news1.jsonl", "news2.jsonl", "other.jsonl"):
        (tmp_path / name).write_text(json.dumps({"id": name, "text": "x y"}) + "\n", encoding="utf-8")
    assert [i.doc_id for i in Corpus([str(tmp_path / "news*.jsonl")])] == ["news1.jsonl", "news2.jsonl"]
    result = extract(str(tmp_path / "none*.jsonl"))
    assert result.exit_code == 2 and "no file matches" in result.stderr


def test_read_jsonl_bag_globs(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    from geodefence.dask import read_jsonl_bag

    for name in ("news1.jsonl", "news2.jsonl", "other.jsonl"):
        (tmp_path / name).write_text(json.dumps({"id": name, "text": "x y"}) + "\n", encoding="utf-8")
    records = read_jsonl_bag(str(tmp_path / "news*.jsonl")).compute(scheduler="sync")
    assert [r["id"] for r in records] == ["news1.jsonl", "news2.jsonl"]


# --- publication dates --------------------------------------------------------------------


def test_published_option_dates_every_input_without_its_own(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(VISIT, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "b", "text": VISIT, "published": "2025-03-12"}) + "\n", encoding="utf-8"
    )
    docs = {d["doc_id"]: d for d in docs_of(extract(str(tmp_path), "--published", "2025-03-05").stdout)}
    assert (docs["a"]["published"], visit_date(docs["a"])) == ("2025-03-05", "2025-03-04")
    assert (docs["b"]["published"], visit_date(docs["b"])) == ("2025-03-12", "2025-03-11")  # its own date wins
    bad = extract(str(tmp_path), "--published", "soon")
    assert bad.exit_code == 2 and "--published 'soon' is not a date" in bad.stderr


def test_sidecar_metadata_gives_each_file_its_date_and_source(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(VISIT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(VISIT, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        'id,published,source\na,2025-03-05,https://example.org/a\nb.txt,"March 12, 2025",\n', encoding="utf-8"
    )
    items = {i.doc_id: i for i in Corpus([tmp_path], published="2020-01-01")}
    assert set(items) == {"a", "b"}  # metadata.csv is not an input
    assert (items["a"].published, items["a"].source) == ("2025-03-05", "https://example.org/a")
    assert (items["b"].published, items["b"].source) == ("2025-03-12", str(tmp_path / "b.txt"))
    (tmp_path / "metadata.csv").write_text("file,date\na,2025-03-05\n", encoding="utf-8")
    result = extract(str(tmp_path))
    assert (
        result.exit_code == 2
        and "metadata.csv:1: a metadata file needs a header row with an 'id' column" in result.stderr
    )


def test_folder_with_metadata_dates_as_well_as_json_lines(root: Path, tmp_path: Path) -> None:
    """Done-when of the issue: .txt files with a metadata.csv give the same dates as the same articles in JSON Lines."""
    gold = {
        json.loads(line)["doc"]: json.loads(line) for line in (root / "tests/dev/gold.jsonl").open(encoding="utf-8")
    }
    folder, jsonl = tmp_path / "texts", tmp_path / "news.jsonl"
    folder.mkdir()
    rows, lines = [], []
    for path in sorted((root / "tests/dev/texts").glob("*.txt")):
        text = path.read_bytes().decode("utf-8")
        published = gold.get(path.stem, {}).get("published")
        (folder / path.name).write_bytes(path.read_bytes())
        source = f"https://example.org/{path.stem}"
        rows.append([path.stem, published or "", source])
        lines.append(json.dumps({"id": path.stem, "text": text, "published": published, "source": source}))
    with (folder / "metadata.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["id", "published", "source"], *rows])
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")

    from_folder = [process_item(i).model_dump() for i in Corpus([folder])]
    from_jsonl = [process_item(i).model_dump() for i in Corpus([jsonl])]
    assert len(from_folder) == len(rows) > 100
    assert from_folder == from_jsonl

    (folder / "metadata.csv").unlink()  # what a folder gave before: many fewer resolved dates
    without = [process_item(i) for i in Corpus([folder])]

    def dated(docs: list[Any]) -> int:
        return sum(1 for d in docs for v in d.visits if v.date is not None and v.date.value is not None)

    assert dated(without) < dated([geodefence.Document.model_validate(d) for d in from_jsonl])


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2025-03-05", "2025-03-05"),
        ("2025-03-05T10:00:00Z", "2025-03-05"),
        ("Wed, 05 Mar 2025 10:00:00 GMT", "2025-03-05"),  # RSS pubDate (RFC 2822)
        ("Wed, 05 Mar 2025 23:30:00 -0500", "2025-03-05"),  # the day as the story carried it
        ("March 5, 2025", "2025-03-05"),
        ("Wednesday, March 5, 2025", "2025-03-05"),
        ("Mar. 5, 2025", "2025-03-05"),
        ("5 March 2025", "2025-03-05"),
        ("2025/03/05", "2025-03-05"),
        ("03/05/2025", None),  # March 5 or May 3: not guessed
        ("17 April", None),  # no year
        ("2025-02-30", None),
        ("soon", None),
    ],
)
def test_read_published(raw: str, iso: str | None) -> None:
    assert read_published(raw) == iso


def test_rss_date_in_json_lines_is_read_and_a_bad_one_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        {"id": "rss", "text": VISIT, "published": "Wed, 05 Mar 2025 10:00:00 GMT"},
        {"id": "us", "text": VISIT, "published": "March 5, 2025"},
        {"id": "bad", "text": VISIT, "published": "the fifth of March"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = extract(str(path))
    assert result.exit_code == 0, result.stderr
    docs = {d["doc_id"]: d for d in docs_of(result.stdout)}
    assert visit_date(docs["rss"]) == visit_date(docs["us"]) == "2025-03-04"
    bad = docs["bad"]
    assert bad["error"] is None and bad["published"] is None and bad["visits"]  # not a lost document
    assert [w["code"] for w in bad["warnings"]] == ["invalid_date"] and "the fifth of March" in bad["warnings"][0][
        "message"
    ]


def test_dicts_for_dask_read_dates_the_same_way() -> None:
    item = InputItem.from_dict({"id": "x", "text": VISIT, "published": "Wed, 05 Mar 2025 10:00:00 GMT"})
    assert item.published == "2025-03-05"
    doc = process_item(InputItem.from_dict({"id": "y", "text": VISIT, "published": "someday"}))
    assert doc.error is None and doc.published is None and doc.warnings[0].code == "invalid_date"


# --- tables ---------------------------------------------------------------------------------


def test_read_tables_accepts_a_string(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "text": VISIT, "published": "2025-03-05"}) + "\n", encoding="utf-8")
    out = tmp_path / "tables"
    assert extract(str(path), "--format", "csv", "-o", str(out)).exit_code == 0
    (doc,) = read_tables(str(out))
    assert doc.doc_id == "a" and doc.visits


@pytest.mark.parametrize("name", ["out.csv", "out.parquet", "out.jsonl"])
def test_table_format_refuses_a_file_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "text": VISIT}) + "\n", encoding="utf-8")
    result = extract(str(path), "--format", "csv", "-o", str(tmp_path / name))
    assert result.exit_code == 2 and "writes a folder of tables" in result.stderr and "give -o DIR" in result.stderr
    assert not (tmp_path / name).exists()


# --- compact output: --kinds, --evidence, --exclude-none ---------------------------------

STORY = (
    "Kazakhstan and Uzbekistan signed a defence cooperation plan in Astana on Tuesday. "
    "Indian Defence Minister Rajnath Singh visited Tashkent on Tuesday. Kazakhstan condemned Russia."
)


def _lines(tmp_path: Path, *options: str) -> list[dict[str, Any]]:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "text": STORY, "published": "2025-03-05"}) + "\n", encoding="utf-8")
    result = extract(str(path), *options)
    assert result.exit_code == 0, result.stderr
    return docs_of(result.stdout)


def _evidence_spans(value: Any) -> int:
    if isinstance(value, dict):
        return sum(1 if k == "evidence" and v else _evidence_spans(v) for k, v in value.items())
    if isinstance(value, list):
        return sum(_evidence_spans(v) for v in value)
    return 0


def test_kinds_keeps_only_the_kinds_named(tmp_path: Path) -> None:
    (full,) = _lines(tmp_path)
    assert full["agreements"] and full["visits"] and full["stances"]
    (only,) = _lines(tmp_path, "--kinds", "visit, stance")
    assert only["agreements"] == [] and only["visits"] == full["visits"] and only["stances"] == full["stances"]
    result = extract(str(tmp_path / "in.jsonl"), "--kinds", "visits")
    assert result.exit_code == 2 and "visits unknown; choose from agreement, visit, exercise, stance" in result.stderr


def test_evidence_levels(tmp_path: Path) -> None:
    (full,) = _lines(tmp_path)
    (records,) = _lines(tmp_path, "--evidence", "records")
    (none,) = _lines(tmp_path, "--evidence", "none")
    visit, compact = full["visits"][0], records["visits"][0]
    assert compact["evidence"] == visit["evidence"]  # the record's own spans stay
    assert compact["host"]["evidence"] is None and compact["date"]["evidence"] is None
    assert compact["host"]["code"] == visit["host"]["code"] and compact["date"]["value"] == visit["date"]["value"]
    assert _evidence_spans(full) > _evidence_spans(records) == sum(1 for k in ("agreements", "visits", "stances") for _ in full[k])
    assert _evidence_spans(none) == 0 and none["visits"][0]["host"]["code"] == "UZB"


def test_exclude_none_round_trips_and_is_smaller(tmp_path: Path) -> None:
    (full,) = _lines(tmp_path)
    (compact,) = _lines(tmp_path, "--exclude-none")
    assert "source" not in compact and "error" not in compact and "quantities" not in compact["agreements"][0]
    assert geodefence.Document.model_validate(compact) == geodefence.Document.model_validate(full)
    (smallest,) = _lines(tmp_path, "--evidence", "records", "--exclude-none")
    assert len(json.dumps(smallest)) < len(json.dumps(compact)) < len(json.dumps(full))


def test_compact_output_is_a_valid_dataset_and_makes_tables(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "text": STORY, "published": "2025-03-05"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert extract(str(path), "--evidence", "records", "--exclude-none", "-o", str(out)).exit_code == 0
    report = geodefence.validate_dataset(out)
    assert report.ok, report
    tables = tmp_path / "tables"
    assert extract(str(path), "--evidence", "records", "--exclude-none", "--format", "csv", "-o", str(tables)).exit_code == 0
    (doc,) = read_tables(str(tables))
    assert doc == geodefence.Document.model_validate(json.loads(out.read_text(encoding="utf-8")))


def test_compact_output_is_the_same_with_worker_processes(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": STORY}) + "\n" for i in range(6)), encoding="utf-8")
    args = ["extract", str(path), "--kinds", "visit", "--evidence", "none", "--exclude-none", "--chunk-size", "2"]
    one = runner.invoke(app, [*args, "--workers", "1"])
    two = runner.invoke(app, [*args, "--workers", "2"])
    assert one.exit_code == two.exit_code == 0 and one.stdout == two.stdout
    assert "records: 0 agreements, 6 visits, 0 exercises, 0 stances" in one.stderr
