"""Readers: every input yields exactly one item, and each input fault of issue 7 is named precisely."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from geodefence.corpus.readers import Corpus, Fields, InputItem, expand, read_corpus


def items(*paths: Path | str, fields: Fields | None = None) -> list[InputItem]:
    return list(read_corpus([str(p) for p in paths], fields))


def test_jsonl_fields_ids_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        '{"id": 7, "text": "First.", "published": "2024-04-17", "source": "http://x"}\n\n{"text": "Second."}\n',
        encoding="utf-8",
    )
    first, second = items(path)
    assert (first.doc_id, first.text, first.published, first.source, first.line) == (
        "7",
        "First.",
        "2024-04-17",
        "http://x",
        1,
    )
    assert (second.doc_id, second.line, second.error) == (f"{path}:3", 3, None)


def test_bom_is_stripped_from_jsonl_and_txt(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "With BOM."}\n')
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbfBOM text.")
    a, b = items(tmp_path)
    assert (a.doc_id, a.text, a.error) == ("a", "With BOM.", None)
    assert (b.doc_id, b.text) == ("b", "BOM text.")


def test_crlf_line_endings(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(b'{"id": "a", "text": "One."}\r\n{"id": "b", "text": "Two."}\r\n')
    (tmp_path / "c.txt").write_bytes(b"Line one.\r\nLine two.\rEnd.")
    a, b, c = items(tmp_path)
    assert [a.text, b.text, a.error, b.error] == ["One.", "Two.", None, None]
    # A .txt keeps its line endings: evidence offsets point into the file as a user opens it.
    assert c.text == "Line one.\r\nLine two.\rEnd."


@pytest.mark.parametrize(
    ("line", "code", "words"),
    [
        (b"[1, 2]", "not_an_object", "found array"),
        (b'"just a string"', "not_an_object", "found str"),
        (b'{"id": "x", "body": "no text field"}', "missing_text", "'text'"),
        (b'{"id": "x", "text": null}', "missing_text", "'text'"),
        (b'{"id": "x", "text": "   "}', "empty_text", "empty"),
        (b'{"id": "x", "text": 5}', "invalid_text", "not a string"),
        (b'{"id": "x", "text": "ok", "published": 20240417}', "invalid_date", "'published'"),
        (b'{"id": "x", "text": "unterminated}', "invalid_json", "c.jsonl:2"),
    ],
)
def test_line_faults_become_error_items(tmp_path: Path, line: bytes, code: str, words: str) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"text": "fine"}\n' + line + b'\n{"text": "after"}\n')
    before, bad, after = items(path)
    assert before.error is None and after.error is None and after.text == "after"
    assert bad.error is not None and bad.error[0] == code and words in bad.error[1]
    assert (bad.file, bad.line) == (str(path), 2)
    assert bad.doc_id in ("x", f"{path}:2")


def test_invalid_utf8_is_replaced_with_a_warning_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"id": "a", "text": "caf\xe9 and \xff bytes"}\n')
    (item,) = items(path)
    assert item.error is None
    assert item.text == "caf\ufffd and \ufffd bytes"
    assert [code for code, _ in item.warnings] == ["invalid_utf8"]
    assert f"{path}:1" in item.warnings[0][1]


def test_truncated_gzip_gives_an_error_then_the_next_file(tmp_path: Path) -> None:
    lines = b"".join(json.dumps({"id": f"d{i}", "text": f"Article {i} " * 50}).encode() + b"\n" for i in range(200))
    data = gzip.compress(lines)
    (tmp_path / "a.jsonl.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "b.jsonl").write_text('{"id": "next", "text": "Still read."}\n', encoding="utf-8")
    got = items(tmp_path)
    assert got[-1].doc_id == "next" and got[-1].error is None
    bad = got[-2]
    assert bad.error is not None and bad.error[0] == "truncated_gzip"
    assert bad.file == str(tmp_path / "a.jsonl.gz") and bad.line == len(got) - 1
    assert all(i.error is None for i in got[:-2])


def test_gzip_of_each_format(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(b'{"id": "j", "text": "J."}\n'))
    (tmp_path / "b.csv.gz").write_bytes(gzip.compress(b"id,text\nk,C.\n"))
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(b"T."))
    assert [(i.doc_id, i.text) for i in items(tmp_path)] == [("j", "J."), ("k", "C."), ("c", "T.")]


def test_vanished_file_gives_an_error_naming_it(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(f"Text {name}.", encoding="utf-8")
    stream = iter(Corpus([tmp_path]))
    assert next(stream).doc_id == "a"
    (tmp_path / "b.txt").unlink()
    b, c = list(stream)
    assert b.doc_id == "b" and b.error is not None and b.error[0] == "file_missing"
    assert str(tmp_path / "b.txt") in b.error[1] and b.file == str(tmp_path / "b.txt")
    assert (c.doc_id, c.error) == ("c", None)


def test_folder_order_recursion_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "z.txt").write_text("Z.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("A.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / "b.csv").write_text("text\nB.\n", encoding="utf-8")
    assert expand([tmp_path]) == [str(tmp_path / "b.csv"), str(tmp_path / "sub" / "a.txt"), str(tmp_path / "z.txt")]
    with pytest.raises(FileNotFoundError, match="nope"):
        expand([tmp_path / "nope"])


def test_csv_rows_multiline_fields_and_custom_columns(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(
        b'\xef\xbb\xbfkey,body,day\r\nk1,"Line one.\r\nLine two.",2024-01-01\r\nk2,,2024-01-02\r\n,"Bad \xff byte",\r\n'
    )
    one, two, three = items(path, fields=Fields(text="body", id="key", published="day"))
    assert (one.doc_id, one.text, one.published, one.line) == ("k1", "Line one.\nLine two.", "2024-01-01", 2)
    assert two.error is not None and two.error[0] == "empty_text" and two.line == 4
    assert (three.doc_id, three.text, three.error) == (f"{path}:5", "Bad \ufffd byte", None)
    assert [c for c, _ in three.warnings] == ["invalid_utf8"]


def test_custom_json_fields_and_stdin() -> None:
    data = b'{"uid": "u1", "body": "Hello.", "date": "2024-02-03"}\n'
    corpus = Corpus(["-"], Fields(text="body", id="uid", published="date"), stdin=io.BytesIO(data))
    (item,) = list(corpus)
    assert (item.doc_id, item.text, item.published, item.file) == ("u1", "Hello.", "2024-02-03", "<stdin>")


def test_item_dict_round_trip() -> None:
    item = InputItem(doc_id="a", text="t", published="2024-01-01", file="f", line=3, warnings=[("w", "m")])
    assert InputItem.from_dict(item.to_dict()) == item
