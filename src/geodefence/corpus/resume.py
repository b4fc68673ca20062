"""``--resume`` onto an output that a run has already finished: nothing left to do.

A run writes its lines to a partial file and renames it onto the output only once every
document is in it, so an output with no partial file beside it is a finished run. Resuming it
must not extract anything again nor rewrite the file: :func:`finished_output` says whether the
output is complete for these inputs (one document per input item, the same ids where the inputs
give ids), reading the inputs but extracting nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson

from geodefence.corpus.readers import InputItem
from geodefence.corpus.writers import iter_lines, partial_path

STDIN = "-"


def _jsonl_ids(path: Path) -> Iterator[str | None]:
    for line in iter_lines(path):
        if line.strip():
            doc = orjson.loads(line)
            yield doc.get("doc_id") if isinstance(doc, dict) else None


def _table_ids(folder: Path, fmt: str) -> Iterator[str | None]:
    if fmt == "csv":
        with (folder / "documents.csv").open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                yield row.get("doc_id") or None
        return
    import pyarrow.parquet as pq

    table = pq.read_table(folder / "documents.parquet", columns=["doc_id"])
    yield from table.column("doc_id").to_pylist()


def output_ids(output: Path, fmt: str = "jsonl") -> list[str | None]:
    """The ``doc_id`` of every document in a finished output (JSON Lines, or a folder of tables)."""
    return list(_jsonl_ids(output) if fmt == "jsonl" else _table_ids(output, fmt))


def finished_output(output: Path, items: Iterable[InputItem], fmt: str = "jsonl") -> int | None:
    """How many documents ``output`` holds when it is a finished run over ``items``; None otherwise.

    None (resume as before) when a partial file is beside it (an interrupted run), when it does
    not exist or cannot be read, when the inputs include standard input (it cannot be read twice),
    or when its documents do not match the input items one for one.
    """
    if partial_path(output).exists() or not output.exists():
        return None
    if STDIN in (getattr(items, "files", None) or ()):
        return None
    try:
        ids = output_ids(output, fmt)
    except (OSError, ValueError, KeyError, ImportError, orjson.JSONDecodeError):
        return None
    count = 0
    for count, item in enumerate(items, 1):
        if count > len(ids):
            return None
        if item.doc_id and item.error is None and ids[count - 1] != item.doc_id:
            return None
    return count if count and count == len(ids) else None


__all__ = ["finished_output", "output_ids"]
