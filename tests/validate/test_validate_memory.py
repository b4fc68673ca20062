"""Issue 14, item 6: ``validate`` holds at most one bounded item, however long one line is."""

from __future__ import annotations

import copy
import gzip
import tracemalloc
from pathlib import Path
from typing import Any

import orjson

from geodefence import validate_dataset
from geodefence.validate.reader import MAX_ITEM_BYTES, RawItem, _scan_json, _split_lines


def _lines(chunks: list[bytes], limit: int) -> list[tuple[int, bytes, int]]:
    return [(r.line, r.data, r.oversize) for r in _split_lines(iter(chunks), [0], limit)]


def test_a_line_over_the_limit_is_counted_not_joined() -> None:
    chunks = [b'{"a":1}\n{"b":', b"xxxxxxxx", b"xxxxxxxx", b'xx}\n{"c":3}\n']
    got = _lines(chunks, limit=12)
    assert got == [(1, b'{"a":1}', 0), (2, b"", 24), (3, b'{"c":3}', 0)]


def test_a_long_line_inside_one_chunk_and_at_the_end() -> None:
    assert _lines([b"short\n" + b"y" * 30 + b"\nok\n"], limit=12) == [(1, b"short", 0), (2, b"", 30), (3, b"ok", 0)]
    assert _lines([b"ok\n", b"z" * 20, b"z" * 20], limit=12) == [(1, b"ok", 0), (2, b"", 40)]
    assert _lines([b"ok\n", b"z" * 20], limit=12) == [(1, b"ok", 0), (2, b"", 20)]


def test_lines_within_the_limit_are_unchanged() -> None:
    chunks = [b"ab", b"cd\nef", b"\n\ngh"]
    assert _lines(chunks, limit=100) == [(1, b"abcd", 0), (2, b"ef", 0), (4, b"gh", 0)]
    assert RawItem(1, b"x").oversize == 0


def test_a_huge_line_is_too_large_and_the_lines_after_it_are_checked(doc: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl.gz"
    second = {**copy.deepcopy(doc), "doc_id": "after"}
    with gzip.open(path, "wb", compresslevel=1) as gz:
        gz.write(orjson.dumps(doc) + b"\n")
        gz.write(b'{"doc_id": "huge", "text": "')
        block = b"x" * (1 << 20)
        for _ in range(MAX_ITEM_BYTES // len(block) + 8):
            gz.write(block)
        gz.write(b'"}\n')
        gz.write(orjson.dumps(second) + b"\n")
    tracemalloc.start()
    try:
        report = validate_dataset(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(i.line, i.check) for i in report.issues] == [(2, "too-large")]
    assert report.documents == 3 and report.valid_documents == 2 and report.exit_code == 1
    # At most one limit's worth is held before the line is known to be too long (joined, it
    # would be held twice over and then decoded).
    assert peak < MAX_ITEM_BYTES * 5 // 4, f"peak {peak / 2**20:.0f} MiB"


def test_a_stray_separator_outside_an_array_is_one_malformed_item(tmp_path: Path) -> None:
    # Found by tests/fuzz/fuzz_validate.py: '1,2' or '{...}]' as a .json file made the scanner
    # yield empty items forever at the same position.
    for body, items in ((b"1,2", 3), (b'{"a": 1}]', 2), (b"\xdb\xaa]", 2), (b"}}", 2)):
        path = tmp_path / "data.json"
        path.write_bytes(body)
        report = validate_dataset(path)
        assert report.documents == items and report.valid_documents == 0, body
        assert {i.check for i in report.issues} <= {"malformed", "schema"}, body


def _items(chunks: list[bytes], limit: int) -> list[tuple[int, bytes, int]]:
    return [(r.line, r.data, r.oversize) for r in _scan_json(iter(chunks), "t.json", [0], limit)]


def test_an_array_element_over_the_limit_is_scanned_past_not_held() -> None:
    chunks = [b'[{"a": 1},\n{"b": "', b"x" * 20, b"x" * 20, b'"},\n{"c": [3]}]']
    got = _items(chunks, limit=16)
    assert got[0] == (1, b'{"a": 1}', 0) and got[2] == (3, b'{"c": [3]}', 0)
    assert got[1][:2] == (2, b"") and got[1][2] > 16
    assert _items(chunks, limit=1000)[1] == (2, b'{"b": "' + b"x" * 40 + b'"}', 0)


def test_a_long_last_value_outside_an_array_is_oversize() -> None:
    assert _items([b'{"a": "', b"y" * 30, b'"}'], limit=10) == [(1, b"", 39)]
