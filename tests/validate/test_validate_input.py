"""Reading datasets: JSON Lines, JSON arrays, gzip, and inputs that are broken in each way."""

from __future__ import annotations

import copy
import gzip
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from geodefence import validate_dataset
from geodefence.validate import reader
from geodefence.validate.reader import CHUNK_SIZE, ReadError, iter_raw

Doc = dict[str, Any]


def docs(doc: Doc, n: int) -> list[Doc]:
    """``n`` valid copies of ``doc`` with distinct ids."""
    return [{**copy.deepcopy(doc), "doc_id": f"doc-{i}"} for i in range(n)]


def located(report: Any) -> list[tuple[int | None, str]]:
    return [(i.line, i.check) for i in report.issues]


def test_jsonl_valid(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    report = validate_dataset(write_jsonl(docs(doc, 3)))
    assert report.ok and report.documents == 3 and report.files == 1


def test_jsonl_blank_lines_are_skipped_and_lines_counted(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    path = write_jsonl([docs(doc, 1)[0], b"", b"   ", b"{not json"])
    report = validate_dataset(path)
    assert located(report) == [(4, "malformed")]
    assert report.issues[0].file == str(path)


def test_malformed_lines_are_reported_and_the_run_goes_on(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    good = docs(doc, 2)
    path = write_jsonl([good[0], b'{"doc_id": ', b"[1, 2]", b'"text"', b"\xff\xfe{}", good[1]])
    report = validate_dataset(path)
    assert located(report) == [(2, "malformed"), (3, "malformed"), (4, "malformed"), (5, "malformed")]
    assert "an array" in report.issues[1].message and "a string" in report.issues[2].message
    assert report.documents == 6 and report.valid_documents == 2 and report.exit_code == 1


def test_invalid_utf8_inside_a_string_is_malformed(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    raw = orjson.dumps(doc).replace(b"Astana", b"Ast\xe9na", 1)
    report = validate_dataset(write_jsonl([raw]))
    assert located(report) == [(1, "malformed")]
    assert "utf-8" in report.issues[0].message.lower()


@pytest.mark.parametrize("name", ["data.jsonl", "data.json"])
def test_utf8_byte_order_mark_is_skipped(doc: Doc, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + orjson.dumps(docs(doc, 2) if name.endswith(".json") else doc))
    report = validate_dataset(path)
    assert report.ok and report.documents == (2 if name.endswith(".json") else 1)


def test_gzip_jsonl(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    report = validate_dataset(write_jsonl(docs(doc, 5), "data.jsonl.gz", compress=True))
    assert report.ok and report.documents == 5


def test_gzip_is_detected_by_content_not_name(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    assert validate_dataset(write_jsonl(docs(doc, 2), "data.jsonl", compress=True)).ok


def test_truncated_gzip_reports_what_was_read_then_exit_2(doc: Doc, tmp_path: Path) -> None:
    lines = [orjson.dumps(d) for d in docs(doc, 400)]
    lines[3] = b"{broken"
    data = gzip.compress(b"\n".join(lines) + b"\n")
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    report = validate_dataset(path)
    assert report.issues[0].line == 4 and report.issues[0].check == "malformed"
    last = report.issues[-1]
    assert last.check == "unreadable" and "truncated gzip" in last.message
    assert last.line is not None and 4 < last.line < 400 and report.documents >= last.line - 1
    assert report.exit_code == 2 and not report.ok


def test_corrupt_gzip_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(b"\x1f\x8b" + b"\x00garbage" * 20)
    report = validate_dataset(path)
    assert located(report) == [(None, "unreadable")] and report.exit_code == 2


def test_binary_file_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "image.jsonl"
    path.write_bytes(bytes(range(256)) * 8)
    report = validate_dataset(path)
    assert [i.check for i in report.issues] == ["unreadable"]
    assert "binary" in report.issues[0].message and report.exit_code == 2


def test_missing_file_is_unreadable_and_other_files_still_run(
    doc: Doc, tmp_path: Path, write_jsonl: Callable[..., Path]
) -> None:
    good = write_jsonl(docs(doc, 1))
    report = validate_dataset([tmp_path / "nope.jsonl", good])
    assert [(i.file, i.check) for i in report.issues] == [(str(tmp_path / "nope.jsonl"), "unreadable")]
    assert report.files == 2 and report.documents == 1 and report.exit_code == 2


def test_directory_is_unreadable(tmp_path: Path) -> None:
    report = validate_dataset(tmp_path)
    assert "directory" in report.issues[0].message and report.exit_code == 2


def test_a_50_mb_line_is_read_whole(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    big = docs(doc, 2)
    big[1]["text"] = doc["text"] + " " + "padding " * (50 * 1024 * 1024 // 8)
    big[1]["text_sha256"] = None
    path = write_jsonl(big)
    assert path.stat().st_size > 50 * 1024 * 1024
    report = validate_dataset(path)
    assert report.ok and report.documents == 2
    big[1]["agreements"][0]["evidence"][0]["end"] = len(big[1]["text"]) + 1
    report = validate_dataset(write_jsonl(big, "bad.jsonl"))
    assert located(report) == [(2, "evidence-range")]


def test_json_array_input_gives_item_lines(doc: Doc, tmp_path: Path) -> None:
    items = docs(doc, 3)
    items[1]["agreements"][0]["evidence"][0]["text"] = "changed"
    path = tmp_path / "data.json"
    path.write_bytes(orjson.dumps(items, option=orjson.OPT_INDENT_2))
    report = validate_dataset(path)
    text = path.read_text(encoding="utf-8").splitlines()
    second_start = next(n for n, line in enumerate(text, 1) if '"doc-1"' in line)
    assert located(report) == [(report.issues[0].line, "evidence-quote")]
    assert report.issues[0].line is not None and report.issues[0].line < second_start
    assert report.documents == 3


def test_json_array_items_split_across_chunks(doc: Doc, tmp_path: Path) -> None:
    tricky = docs(doc, 1)[0]
    tricky["source"] = 'brackets ] } [ { , and quotes \\" inside ' * (CHUNK_SIZE // 40)
    items = [tricky, *docs(doc, 3)[1:], 7, None]
    path = tmp_path / "data.jsonl"  # not .json: detected by its first byte
    path.write_bytes(b"  \n" + orjson.dumps(items))
    raw = list(iter_raw(path))
    assert [orjson.loads(r.data) for r in raw] == items
    assert {r.line for r in raw} == {2}
    assert located(validate_dataset(path)) == [(2, "malformed"), (2, "malformed")]


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 5, 8, 13])
def test_item_boundaries_do_not_depend_on_chunk_size(tmp_path: Path, monkeypatch: Any, chunk_size: int) -> None:
    monkeypatch.setattr(reader, "CHUNK_SIZE", chunk_size)
    items: list[Any] = [{"s": 'a\\"]}[{,', "n": [1, {"x": None}]}, "str\\", 3.5, [], {"k": "\u00e9\n"}] * 400
    array = tmp_path / "tricky.json"
    array.write_bytes(orjson.dumps(items, option=orjson.OPT_INDENT_2))
    raw = list(iter_raw(array))
    assert [orjson.loads(r.data) for r in raw] == items
    expected_lines = [
        n
        for n, line in enumerate(array.read_text().splitlines(), 1)
        if line.startswith("  ") and line[2] != " " and line[2] not in "]}"
    ]
    assert [r.line for r in raw] == expected_lines
    lines = tmp_path / "tricky.jsonl"
    lines.write_bytes(b"\n".join(orjson.dumps(i) for i in items) + b"\n\n")
    assert [(r.line, orjson.loads(r.data)) for r in iter_raw(lines)] == list(enumerate(items, 1))


def test_pretty_printed_single_json_document(doc: Doc, tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    report = validate_dataset(path)
    assert report.ok and report.documents == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'[{"doc_id": "a"}, {"doc_id": ', "ends inside"),
        (b'[{"doc_id": "a"}', "not closed"),
        (b'[{"doc_id": "a"}] {"doc_id": "b"}', "after the end"),
    ],
    ids=["open-item", "open-array", "trailing-data"],
)
def test_broken_json_arrays_are_unreadable(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(data)
    report = validate_dataset(path)
    assert report.issues[-1].check == "unreadable" and message in report.issues[-1].message
    assert report.documents == 1 and report.exit_code == 2


def test_gzipped_json_array(doc: Doc, tmp_path: Path) -> None:
    path = tmp_path / "data.json.gz"
    path.write_bytes(gzip.compress(orjson.dumps(docs(doc, 4))))
    report = validate_dataset(path)
    assert report.ok and report.documents == 4


def test_reader_raises_read_error_directly(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        list(iter_raw(tmp_path / "missing.jsonl"))
