"""Issue 15: ``--input-format`` and ``--published-from-name``.

A folder of dated file names gives the same dates as the same articles in JSON Lines; any input
can be read as one named format whatever its suffix or first character.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cli_helpers import VISIT, docs_of, extract
from geodefence.corpus.readers import Corpus, date_from_name


def test_dates_in_file_names_give_the_same_dates_as_json_lines(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "2025-03-05-tashkent.txt").write_text(VISIT, encoding="utf-8")
    (folder / "undated.txt").write_text(VISIT, encoding="utf-8")
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text(json.dumps({"id": "a", "text": VISIT, "published": "2025-03-05"}) + "\n", encoding="utf-8")

    from_names = extract(str(folder), "--published-from-name", r"(\d{4}-\d{2}-\d{2})")
    from_jsonl = extract(str(jsonl))
    assert from_names.exit_code == 0 and from_jsonl.exit_code == 0, from_names.output
    by_id = {d["doc_id"]: d for d in docs_of(from_names.stdout)}
    assert by_id["2025-03-05-tashkent"]["published"] == "2025-03-05"
    assert by_id["undated"]["published"] is None
    want = docs_of(from_jsonl.stdout)[0]["visits"][0]["date"]["value"]
    assert want == "2025-03-04"
    assert by_id["2025-03-05-tashkent"]["visits"][0]["date"]["value"] == want


def test_a_files_own_metadata_wins_over_its_name(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "2025-03-05-tashkent.txt").write_text(VISIT, encoding="utf-8")
    (folder / "metadata.csv").write_text("id,published,source\n2025-03-05-tashkent,2025-03-12,\n", encoding="utf-8")
    result = extract(str(folder), "--published-from-name", r"\d{4}-\d{2}-\d{2}", "--published", "2020-01-01")
    assert result.exit_code == 0, result.output
    assert docs_of(result.stdout)[0]["published"] == "2025-03-12"


@pytest.mark.parametrize(
    ("pattern", "name", "want"),
    [
        (r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})", "wire/story_20250305_01.txt", "2025-03-05"),
        (r"(?P<day>\d{1,2})-(?P<month>[A-Z][a-z]+)-(?P<year>\d{4})", "5-March-2025.txt", "5 March 2025"),
        (r"(?P<date>\d{4}/\d{2}/\d{2})", "2025/03/05/talks.txt", "2025/03/05"),
        (r"news-(\d{8})", "news-20250305.txt", "20250305"),
        (r"\d{4}-\d{2}-\d{2}", "a\\2025-03-05.txt", "2025-03-05"),
        (r"\d{4}-\d{2}-\d{2}", "undated.txt", None),
    ],
)
def test_the_date_a_name_gives(pattern: str, name: str, want: str | None) -> None:
    assert date_from_name(re.compile(pattern), name) == want


def test_a_name_that_gives_no_date_is_a_warning_not_a_lost_document(tmp_path: Path) -> None:
    path = tmp_path / "2025-13-45-story.txt"
    path.write_text(VISIT, encoding="utf-8")
    result = extract(str(path), "--published-from-name", r"\d{4}-\d{2}-\d{2}")
    assert result.exit_code == 0, result.output
    (doc,) = docs_of(result.stdout)
    assert doc["published"] is None and doc["error"] is None
    assert any("2025-13-45" in w["message"] for w in doc["warnings"])


def test_a_bad_pattern_is_a_one_line_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(VISIT, encoding="utf-8")
    result = extract(str(path), "--published-from-name", "(")
    assert result.exit_code == 2
    assert "--published-from-name" in result.output and "Traceback" not in result.output


def test_stdin_read_as_text_even_when_it_starts_with_a_brace() -> None:
    result = extract("-", "--input-format", "text", stdin='{"note": "not JSON Lines"} ' + VISIT)
    assert result.exit_code == 0, result.output
    (doc,) = docs_of(result.stdout)
    assert doc["error"] is None and len(doc["visits"]) == 1


def test_stdin_read_as_csv() -> None:
    result = extract("-", "--input-format", "csv", "--published", "2025-03-05", stdin=f'id,text\nk1,"{VISIT}"\n')
    assert result.exit_code == 0, result.output
    (doc,) = docs_of(result.stdout)
    assert doc["doc_id"] == "k1" and doc["visits"][0]["date"]["value"] == "2025-03-04"


def test_a_file_read_in_the_named_format_whatever_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"  # JSON Lines that a tool saved with the wrong suffix
    path.write_text(json.dumps({"id": "x1", "text": VISIT, "published": "2025-03-05"}) + "\n", encoding="utf-8")
    as_jsonl = extract(str(path), "--input-format", "jsonl")
    assert as_jsonl.exit_code == 0, as_jsonl.output
    (doc,) = docs_of(as_jsonl.stdout)
    assert doc["doc_id"] == "x1" and doc["published"] == "2025-03-05"
    by_suffix = extract(str(path))
    (plain,) = docs_of(by_suffix.stdout)
    assert plain["doc_id"] == "export" and plain["published"] is None


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="input format"):
        Corpus(["-"], input_format="xml")
    result = extract("-", "--input-format", "xml", stdin=VISIT)
    assert result.exit_code == 2
