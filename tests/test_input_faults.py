"""Input faults of issue 7 not covered in tests/corpus/: an empty .txt file, HTML, invalid UTF-8 in a .txt file.

The others (BOM, CRLF, JSON line not an object, missing text, truncated gzip, a file that
disappears mid-run, invalid UTF-8 in JSON Lines) are in tests/corpus/test_corpus_readers.py and
test_corpus_runner.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from extract_invariants import check_document
from geodefence.cli import app
from geodefence.records import Document

HTML = (
    "<html><head><title>Defence news</title><script>var x = '<p>France</p>';</script></head><body>"
    "<p>France &amp; India signed a defence cooperation agreement in Paris on Monday.</p></body></html>"
)


def _run(*paths: Path) -> tuple[int, list[Document], str]:
    result = CliRunner().invoke(app, ["extract", *map(str, paths), "-j", "1"])
    return result.exit_code, [Document.model_validate_json(line) for line in result.stdout.splitlines()], result.stderr


def test_empty_txt_file_is_a_named_error_and_the_run_continues(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_blank.txt").write_bytes(b" \r\n\t\n")
    (tmp_path / "c.txt").write_text("Poland and Sweden signed a defence agreement in Warsaw.", encoding="utf-8")
    code, docs, stderr = _run(tmp_path)
    assert code == 1 and "2 of 3 documents failed" in stderr
    assert [d.error.code if d.error else None for d in docs] == ["empty_text", "empty_text", None]
    assert docs[0].error is not None and str(tmp_path / "a_empty.txt") in docs[0].error.message
    assert docs[2].agreements


def test_html_text_gives_records_whose_evidence_quotes_the_raw_html(tmp_path: Path) -> None:
    path = tmp_path / "page.jsonl"
    path.write_text(json.dumps({"id": "page", "text": HTML}) + "\n", encoding="utf-8")
    code, (doc,), _ = _run(path)
    assert code == 0 and doc.error is None
    assert [p.code for p in doc.agreements[0].parties] == ["FRA", "IND"]
    assert check_document(HTML, doc) == []
    assert all(ev.start > HTML.index("<body>") for rec in doc.agreements for ev in rec.evidence)  # not the script


def test_invalid_utf8_in_a_txt_file_is_replaced_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("Turkey and Greece held talks in Athens on défense.".encode("latin-1"))
    code, (doc,), _ = _run(tmp_path)
    assert code == 0 and doc.error is None
    (warning,) = doc.warnings
    assert warning.code == "invalid_utf8" and str(tmp_path / "latin1.txt") in warning.message
