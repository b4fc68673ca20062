"""One events table across kinds: one plain row per record, in document and record order.

The table is what people load into pandas, R or a spreadsheet: who did what to whom and when,
with the quote that states it. ``actor1``/``actor2`` are the record's dyad, by kind:

- agreement: its first two parties, sorted by code (an agreement has no direction);
- visit: the visitor's party -> the host;
- exercise: its first two participants, in the order written;
- stance: the holder -> the target.

An actor is given by its code (a state's ISO 3166-1 alpha-3 code, an organisation's acronym, or
for a person or unit the code of the party they serve) and by its name as written.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

from geodefence.errors import GeodefenceError, InputError
from geodefence.kinds import KINDS
from geodefence.records import Document

DocsLike = Iterable[Document | Mapping[str, Any]] | Document | Mapping[str, Any] | str | os.PathLike[str]
"""Documents (models or their JSON dicts), one Document, or the path of a dataset (JSON Lines, a JSON array, gzip'd or not)."""

COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("doc_id", "string", "The document the record comes from."),
    ("kind", "string", "agreement, visit, exercise or stance."),
    ("record_id", "string", "The record's deterministic id."),
    (
        "date",
        "string",
        "The record's date (ISO 8601 at its precision: 2024, 2024-04, 2024-04-17); an exercise's start, a stance's statement.",
    ),
    ("date_precision", "string", "year, month or day; empty without a date."),
    ("published", "string", "The document's publication date."),
    ("actor1", "string", "Code of the first actor of the dyad (see the module docstring)."),
    ("actor1_name", "string", "The first actor's name as written."),
    ("actor2", "string", "Code of the second actor of the dyad."),
    ("actor2_name", "string", "The second actor's name as written."),
    ("status", "string", "The status (agreement, visit, exercise) or the position (stance)."),
    ("name", "string", "The agreement's or exercise's name."),
    ("topic", "string", "What a stance is about, or a visit's purpose."),
    ("quote", "string", "The text of the record's first evidence span."),
    ("start", "integer", "Offset of the quote in the document's text."),
    ("end", "integer", "Offset one past the quote's end."),
    ("rule", "string", "Id of the rule that produced the record."),
    ("source", "string", "Where the document was published."),
)
"""The events table: (column, type, description), in order."""

COLUMN_NAMES = tuple(name for name, _, _ in COLUMNS)

_ROW_GROUP = 16384
"""Rows per Parquet row group: memory stays flat on large datasets."""

_DATE_FIELD = {"agreement": "date", "visit": "date", "exercise": "start", "stance": "date"}
_TOPIC_FIELD = {"agreement": None, "visit": "purpose", "exercise": None, "stance": "topic"}
_NAME_FIELD = {"agreement": "name", "visit": None, "exercise": "name", "stance": None}
_STATUS_FIELD = {"agreement": "status", "visit": "status", "exercise": "status", "stance": "position"}


@dataclass(frozen=True)
class Party:
    """One side of a dyad: its code, its name as written, and the actor dict it comes from (if any)."""

    code: str | None
    name: str | None
    actor: dict[str, Any] | None


def actor_code(actor: Mapping[str, Any]) -> str | None:
    """A state's or organisation's own code; for a person or unit, the code of the party they serve."""
    code = actor.get("code")
    if code:
        return str(code)
    country = actor.get("country")
    return str(country) if country else None


def party(actor: Mapping[str, Any] | None) -> Party | None:
    """The dyad member for an actor dict (None for no actor)."""
    if not actor:
        return None
    return Party(actor_code(actor), actor.get("name"), dict(actor))


def _sort_key(p: Party) -> tuple[str, str]:
    return (p.code or "\uffff", p.name or "")


def parties(kind: str, record: Mapping[str, Any]) -> list[Party]:
    """Every party of a record in dyad order: an agreement's parties sorted, an exercise's participants as written.

    A visit gives [visitor's party, host] and a stance [holder, target], with None-free entries only.
    """
    if kind == "agreement":
        return sorted((p for p in map(party, record.get("parties") or []) if p), key=_sort_key)
    if kind == "exercise":
        return [p for p in map(party, record.get("participants") or []) if p]
    return [p for p in dyad(kind, record) if p is not None]


def dyad(kind: str, record: Mapping[str, Any]) -> tuple[Party | None, Party | None]:
    """(actor1, actor2) of a record; see the module docstring for each kind."""
    if kind == "agreement":
        first_two = [p for p in map(party, (record.get("parties") or [])[:2]) if p]
        first_two.sort(key=_sort_key)
        return _pair(first_two)
    if kind == "exercise":
        return _pair([p for p in map(party, (record.get("participants") or [])[:2]) if p])
    if kind == "visit":
        visitor = record.get("visitor")
        code = record.get("visitor_party") or (actor_code(visitor) if visitor else None)
        one = Party(code, visitor.get("name") if visitor else None, dict(visitor) if visitor else None)
        return (one if (code or visitor) else None), party(record.get("host"))
    if kind == "stance":
        return party(record.get("holder")), party(record.get("target"))
    raise InputError(f"unknown record kind {kind!r}")


def _pair(items: list[Party]) -> tuple[Party | None, Party | None]:
    return (items[0] if items else None, items[1] if len(items) > 1 else None)


def iter_documents(docs: DocsLike) -> Iterator[dict[str, Any]]:
    """Each document as a JSON dict, in order; a path is read as a dataset file.

    A line that is not JSON, or not an object, raises :class:`InputError` naming the file and line.
    """
    if isinstance(docs, (str, os.PathLike)):
        yield from _read_dataset(docs)
        return
    if isinstance(docs, Document):
        yield docs.model_dump(mode="json")
        return
    if isinstance(docs, Mapping):
        yield dict(docs)
        return
    for i, doc in enumerate(docs):
        if isinstance(doc, Document):
            yield doc.model_dump(mode="json")
        elif isinstance(doc, Mapping):
            yield dict(doc)
        else:
            raise InputError(f"document {i} is a {type(doc).__name__}, not a Document or a dict")


def _read_dataset(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    from geodefence.validate.reader import display_name, iter_raw

    name = display_name(str(path))
    for item in iter_raw(str(path) if str(path) == "-" else Path(path)):
        try:
            obj = orjson.loads(item.data)
        except orjson.JSONDecodeError as exc:
            raise InputError(f"not JSON: {exc}", file=name, line=item.line) from None
        if not isinstance(obj, dict):
            raise InputError(
                f"expected a document (a JSON object), found {type(obj).__name__}", file=name, line=item.line
            )
        yield obj


def iter_records(docs: DocsLike) -> Iterator[tuple[dict[str, Any], str, dict[str, Any]]]:
    """(document, kind, record) for every record, in document order, then kind order, then record order."""
    for doc in iter_documents(docs):
        for kind, spec in KINDS.items():
            for record in doc.get(spec.field) or []:
                yield doc, kind, record


def _date(value: Any) -> tuple[str | None, str | None]:
    if not isinstance(value, Mapping):
        return None, None
    return value.get("value"), value.get("precision")


def event_row(doc: Mapping[str, Any], kind: str, record: Mapping[str, Any]) -> dict[str, Any]:
    """The events-table row of one record (every column of :data:`COLUMNS`, None where empty)."""
    date_field = _DATE_FIELD[kind]
    date, precision = _date(record.get(date_field)) if date_field else (None, None)
    one, two = dyad(kind, record)
    evidence = (record.get("evidence") or [None])[0] or {}
    name_field, topic_field = _NAME_FIELD[kind], _TOPIC_FIELD[kind]
    return {
        "doc_id": doc.get("doc_id"),
        "kind": kind,
        "record_id": record.get("id") or None,
        "date": date,
        "date_precision": precision,
        "published": doc.get("published"),
        "actor1": one.code if one else None,
        "actor1_name": one.name if one else None,
        "actor2": two.code if two else None,
        "actor2_name": two.name if two else None,
        "status": record.get(_STATUS_FIELD[kind]),
        "name": record.get(name_field) if name_field else None,
        "topic": record.get(topic_field) if topic_field else None,
        "quote": evidence.get("text"),
        "start": evidence.get("start"),
        "end": evidence.get("end"),
        "rule": evidence.get("rule"),
        "source": doc.get("source"),
    }


def events(docs: DocsLike) -> Iterator[dict[str, Any]]:
    """One plain dict per record of ``docs``: the events table (see :data:`COLUMNS`), in a deterministic order.

    ``docs`` is an iterable of :class:`~geodefence.Document` (or of their JSON dicts), or the path
    of a dataset that ``geodefence extract`` wrote. Documents with an error have no records and
    give no rows.
    """
    for doc, kind, record in iter_records(docs):
        yield event_row(doc, kind, record)


def to_pandas(docs: DocsLike) -> Any:
    """The events table of ``docs`` as a pandas DataFrame (needs pandas: ``pip install 'geodefence[pandas]'``).

    Columns are those of :data:`COLUMNS`, strings as pandas' string dtype and offsets as nullable
    integers, so an empty table still has its columns and types.
    """
    try:
        import pandas as pd
    except ImportError:
        raise GeodefenceError("to_pandas needs pandas: pip install 'geodefence[pandas]'") from None
    frame = pd.DataFrame.from_records(list(events(docs)), columns=list(COLUMN_NAMES))
    dtypes = {name: ("Int64" if kind == "integer" else "string") for name, kind, _ in COLUMNS}
    return frame.astype(dtypes)


def write_csv(rows: Iterable[Mapping[str, Any]], out: IO[str], columns: Iterable[str]) -> int:
    """Write rows as CSV with a header row (empty cells for None); returns the number of rows."""
    names = list(columns)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    n = 0
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in names])
        n += 1
    return n


def write_parquet(rows: Iterable[Mapping[str, Any]], path: Path, columns: Iterable[tuple[str, str, str]]) -> int:
    """Write rows as one Parquet file in row groups of 16,384 (needs pyarrow); returns the number of rows."""
    from geodefence.corpus.writers import require_pyarrow

    require_pyarrow()
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = list(columns)
    schema = pa.schema([(name, pa.int64() if kind == "integer" else pa.string()) for name, kind, _ in cols])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append({c: row.get(c) for c, _, _ in cols})
            if len(batch) >= _ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n, batch = n + len(batch), []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "DocsLike",
    "Party",
    "actor_code",
    "dyad",
    "event_row",
    "events",
    "iter_documents",
    "iter_records",
    "parties",
    "to_pandas",
    "write_csv",
    "write_parquet",
]
