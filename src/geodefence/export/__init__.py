"""Exports of a geodefence dataset to the formats of the event-data world, one module per format.

- :mod:`~geodefence.export.events`: one flat events table (CSV, Parquet, pandas, plain dicts);
- :mod:`~geodefence.export.plover`: PLOVER event records (JSON Lines), checked by a JSON Schema
  written from the PLOVER specification (``plover.schema.json``);
- :mod:`~geodefence.export.cameo`: the events table with CAMEO event codes.

The mappings from kinds, statuses and positions to PLOVER categories and CAMEO codes are data
(``data/plover.yaml``, ``data/cameo.yaml``). :data:`FORMATS` is the registry the CLI reads.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import orjson

from geodefence.export.cameo import CAMEO_COLUMNS, cameo_rows
from geodefence.export.events import COLUMNS, DocsLike, events, to_pandas, write_csv, write_parquet
from geodefence.export.plover import plover_records


@dataclass(frozen=True)
class ExportFormat:
    """One export target: its name, what it writes, and the function that writes it (returns the row count)."""

    name: str
    help: str
    suffix: str
    write: Callable[[DocsLike, Path | None], int]
    needs_file: bool = False


def _open_text(out: Path | None) -> io.TextIOWrapper:
    if out is None:
        return io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
    return out.open("w", encoding="utf-8", newline="")


def _csv_writer(
    columns: tuple[tuple[str, str, str], ...], rows: Callable[[DocsLike], object]
) -> Callable[[DocsLike, Path | None], int]:
    def write(docs: DocsLike, out: Path | None) -> int:
        fh = _open_text(out)
        try:
            return write_csv(rows(docs), fh, [c for c, _, _ in columns])  # type: ignore[arg-type]
        finally:
            fh.flush()
            if out is not None:
                fh.close()
            else:
                fh.detach()

    return write


def _write_parquet(docs: DocsLike, out: Path | None) -> int:
    assert out is not None  # the CLI refuses events-parquet without -o
    return write_parquet(events(docs), out, COLUMNS)


def _write_plover(docs: DocsLike, out: Path | None) -> int:
    stream = sys.stdout.buffer if out is None else out.open("wb")
    n = 0
    try:
        for record in plover_records(docs):
            stream.write(orjson.dumps(record) + b"\n")
            n += 1
    finally:
        stream.flush()
        if out is not None:
            stream.close()
    return n


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("events-csv", "the events table as CSV", ".csv", _csv_writer(COLUMNS, events)),
        ExportFormat(
            "events-parquet", "the events table as Parquet (needs pyarrow)", ".parquet", _write_parquet, needs_file=True
        ),
        ExportFormat("plover", "PLOVER event records as JSON Lines", ".jsonl", _write_plover),
        ExportFormat(
            "cameo", "the events table with CAMEO codes, as CSV", ".csv", _csv_writer(CAMEO_COLUMNS, cameo_rows)
        ),
    )
}
"""Export formats by name, in the order the CLI lists them."""


def export(docs: DocsLike, to: str, out: Path | None = None) -> int:
    """Write ``docs`` in format ``to`` (a :data:`FORMATS` name) to ``out`` (None: stdout); returns the row count."""
    from geodefence.errors import InputError

    fmt = FORMATS.get(to)
    if fmt is None:
        raise InputError(f"unknown export format {to!r} (allowed: {', '.join(FORMATS)})", field="to")
    if fmt.needs_file and out is None:
        raise InputError(f"{to} writes a binary file: give an output path", field="out")
    return fmt.write(docs, out)


__all__ = ["COLUMNS", "FORMATS", "ExportFormat", "cameo_rows", "events", "export", "plover_records", "to_pandas"]
