"""Issue 14, item 6: memory is bounded by ``--max-chars``, however long one line or one file is.

The reader never holds more of one input than the extractor would read: a JSON line longer than
its limit becomes an error record (read past, not held), a text file is read only up to 4 bytes
per character it could use. Each run is a separate process whose own peak resident memory is
compared with the peak of the same run on a small input.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

BIG = 160 * 1024 * 1024
"""Bytes of the huge line or file: far above what any limit below lets through."""
SLACK = 40 * 1024 * 1024
"""How much more than the small run's peak the huge run may take (a quarter of the huge input)."""

_RUN = """
import resource, sys
from geodefence.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, file=sys.stderr)
"""


def _run(tmp_path: Path, *args: str) -> tuple[list[dict[str, object]], int]:
    out = tmp_path / f"out-{len(list(tmp_path.iterdir()))}.jsonl"
    done = subprocess.run(
        [sys.executable, "-c", _RUN, "extract", *args, "--workers", "1", "--max-chars", "2000", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    peak = int(done.stderr.strip().splitlines()[-1])
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return docs, peak


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux only")
def test_one_huge_json_line_is_an_error_record_and_never_held(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    chunk = b"x" * (1 << 20)
    with gzip.open(path, "wb", compresslevel=1) as gz:
        gz.write(b'{"id": "small-1", "text": "Chile and Peru signed a defence agreement on Monday."}\n')
        gz.write(b'{"id": "huge", "text": "')
        for _ in range(BIG // len(chunk)):
            gz.write(chunk)
        gz.write(b'"}\n')
        gz.write(b'{"id": "small-2", "text": "Chile and Peru signed a defence agreement on Monday."}\n')
    small = tmp_path / "small.jsonl"
    small.write_text('{"id": "s", "text": "Chile and Peru signed a defence agreement on Monday."}\n', encoding="utf-8")
    _, base = _run(tmp_path, str(small))
    docs, peak = _run(tmp_path, str(path))
    assert [d["doc_id"] for d in docs] == ["small-1", f"{path}:2", "small-2"]
    assert docs[1]["error"]["code"] == "line_too_long" and "--max-chars" in docs[1]["error"]["message"]
    assert docs[0]["agreements"] and docs[2]["agreements"], "the lines around the huge one are read"
    assert peak - base < SLACK, f"peak {peak / 2**20:.0f} MiB (small input: {base / 2**20:.0f}) for a {BIG / 2**20:.0f} MiB line"


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux only")
def test_a_huge_text_file_is_read_only_as_far_as_it_is_extracted(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    sentence = b"Chile and Peru signed a defence agreement on Monday. "
    with path.open("wb") as f:
        f.write(sentence)
        block = b"Nothing else happened. " * (1 << 15)
        for _ in range(BIG // len(block)):
            f.write(block)
    small = tmp_path / "small.txt"
    small.write_bytes(sentence)
    _, base = _run(tmp_path, str(small))
    docs, peak = _run(tmp_path, str(path))
    (doc,) = docs
    assert doc["error"] is None and doc["agreements"]
    codes = {w["code"] for w in doc["warnings"]}
    assert "input_cut" in codes
    assert peak - base < SLACK, f"peak {peak / 2**20:.0f} MiB (small input: {base / 2**20:.0f}) for a {BIG / 2**20:.0f} MiB file"


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux only")
def test_one_huge_element_of_a_json_array_is_an_error_record_and_never_held(tmp_path: Path) -> None:
    path = tmp_path / "dump.json.gz"
    chunk = b"x" * (1 << 20)
    small = b'{"id": "%s", "text": "Chile and Peru signed a defence agreement on Monday."}'
    with gzip.open(path, "wb", compresslevel=1) as gz:
        gz.write(b"[" + small % b"a1" + b',\n{"id": "huge", "text": "')
        for _ in range(BIG // len(chunk)):
            gz.write(chunk)
        gz.write(b'"},\n' + small % b"a2" + b"]\n")
    tiny = tmp_path / "tiny.json"
    tiny.write_bytes(b"[" + small % b"t" + b"]")
    _, base = _run(tmp_path, str(tiny))
    docs, peak = _run(tmp_path, str(path))
    assert [d["doc_id"] for d in docs] == ["a1", f"{path}[1]", "a2"]
    assert docs[1]["error"]["code"] == "item_too_long" and "--max-chars" in docs[1]["error"]["message"]
    assert docs[0]["agreements"] and docs[2]["agreements"]
    assert peak - base < SLACK, f"peak {peak / 2**20:.0f} MiB (small input: {base / 2**20:.0f}) for a {BIG / 2**20:.0f} MiB item"


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux only")
@pytest.mark.parametrize("shape", ["one line", "many lines", "unclosed"])
def test_one_huge_csv_row_is_an_error_record_and_never_held(tmp_path: Path, shape: str) -> None:
    path = tmp_path / "dump.csv.gz"
    line = b"x" * 1000 + (b"\n" if shape != "one line" else b"")
    small = b'%s,"Chile and Peru signed a defence agreement on Monday."\n'
    with gzip.open(path, "wb", compresslevel=1) as gz:
        gz.write(b"id,text\n" + small % b"c1" + b'huge,"')
        for _ in range(BIG // len(line)):
            gz.write(line)
        if shape != "unclosed":
            gz.write(b'"\n' + small % b"c2")
    tiny = tmp_path / "tiny.csv"
    tiny.write_bytes(b"id,text\n" + small % b"t")
    _, base = _run(tmp_path, str(tiny))
    docs, peak = _run(tmp_path, str(path))
    ids = [d["doc_id"] for d in docs]
    assert ids[:2] == ["c1", f"{path}:3"], ids[:5]
    assert docs[1]["error"]["code"] == "line_too_long" and "--max-chars" in docs[1]["error"]["message"]
    assert docs[0]["agreements"]
    if shape != "unclosed":
        assert ids == ["c1", f"{path}:3", "c2"] and docs[2]["agreements"], "the row after the huge one is read"
    assert peak - base < SLACK, f"peak {peak / 2**20:.0f} MiB (small input: {base / 2**20:.0f}) for a {BIG / 2**20:.0f} MiB row"
