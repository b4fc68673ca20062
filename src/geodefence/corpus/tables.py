"""The table layout of extracted Documents, derived once from the record models.

One table per record kind (``agreements``, ``visits``, ``exercises``, ``stances``) plus
``documents``; every list in a record or document becomes a child table (``agreement_parties``,
``visit_places``, ``exercise_evidence``, ``document_warnings``, ...). Nested single objects are
flattened into columns joined with ``_`` (``date_value``, ``host_evidence_start``). Rows link by
``doc_id`` and by the record's ``id`` (``record_id`` in child tables); ``ordinal`` keeps list
order. Deriving the layout from the models means a new field shows up in every table, in the
``datapackage.json`` and in :func:`geodefence.corpus.writers.read_tables` without editing them.
"""

from __future__ import annotations

import datetime as _dt
import types
import typing
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import BaseModel

from geodefence.kinds import KINDS
from geodefence.parts import record_id
from geodefence.records import Document

_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),  # before int: bool is a subclass of int
    (int, "integer"),
    (float, "number"),
    (str, "string"),
    (_dt.date, "date"),
)
"""Python annotation to Frictionless Table Schema field type."""


@dataclass(frozen=True)
class Column:
    """One column: its name, where its value sits in the document dict, and its type."""

    name: str
    path: tuple[str, ...]
    type: str
    description: str = ""
    required: bool = False
    """A value is always present (the field and every object holding it are required)."""
    field_required: bool = False
    """The field is required in its own model (used to restore '' that CSV reads as missing)."""
    enum: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Table:
    """One table: its columns (key columns first), keys, and where its rows come from."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    parent: str | None = None
    """The table whose rows this table's rows belong to (None for ``documents``)."""
    source: str = ""
    """The list field the rows come from: a Document field for records, a record field for children."""
    kind: str | None = None
    """The record kind a record table or record child table belongs to."""
    scalar: bool = False
    """Rows are plain values (a list of enums), held in the ``value`` column."""
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = field(default_factory=tuple)

    @property
    def data_columns(self) -> tuple[Column, ...]:
        """The columns that hold the item's own fields (not the linking keys)."""
        return tuple(c for c in self.columns if c.path)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The annotation without ``| None`` and whether None was allowed."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _scalar_type(annotation: Any) -> tuple[str, tuple[str, ...] | None]:
    """The table type (and enum values) of a scalar annotation."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "string", tuple(str(m.value) for m in annotation)
    for py, name in _TYPES:
        if isinstance(annotation, type) and issubclass(annotation, py):
            return name, None
    raise TypeError(f"no table type for field annotation {annotation!r}")


def _flatten(
    model: type[BaseModel], prefix: tuple[str, ...] = (), required: bool = True, skip: frozenset[str] = frozenset()
) -> tuple[list[Column], list[tuple[str, Any, str]]]:
    """Columns for a model's scalar and nested-object fields, and its list fields (name, item, description)."""
    columns: list[Column] = []
    lists: list[tuple[str, Any, str]] = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        base, optional = _unwrap(info.annotation)
        description = info.description or ""
        if typing.get_origin(base) is list:
            if prefix:
                raise TypeError(f"{model.__name__}.{name}: lists inside nested objects have no table layout")
            lists.append((name, typing.get_args(base)[0], description))
            continue
        field_required = info.is_required()
        if isinstance(base, type) and issubclass(base, BaseModel):
            sub, _ = _flatten(base, (*prefix, name), required and field_required and not optional)
            columns.extend(sub)
            continue
        kind, enum = _scalar_type(base)
        columns.append(
            Column(
                name="_".join((*prefix, name)),
                path=(*prefix, name),
                type=kind,
                description=description,
                required=required and field_required,
                field_required=field_required,
                enum=enum,
            )
        )
    return columns, lists


def _key(name: str, kind: str, description: str) -> Column:
    return Column(name=name, path=(), type=kind, description=description, required=True, field_required=True)


_DOC_ID = _key("doc_id", "string", "The document the row belongs to (documents.doc_id).")
_RECORD_ID = _key("record_id", "string", "The record the row belongs to (its table's id).")
_POSITION = _key("ordinal", "integer", "0-based position in the list it came from (keeps list order).")


def _child(name: str, parent: str, link: Column, item: Any, source: str, kind: str | None, description: str) -> Table:
    """A child table for a list field: linking keys, position, then the item's columns."""
    base, _ = _unwrap(item)
    if isinstance(base, type) and issubclass(base, BaseModel):
        cols, nested = _flatten(base)
        if nested:
            raise TypeError(f"{name}: lists inside list items have no table layout")
        scalar = False
    else:
        kind_name, enum = _scalar_type(base)
        cols = [Column("value", ("value",), kind_name, description, True, True, enum)]
        scalar = True
    keys: tuple[Column, ...] = (_DOC_ID, _POSITION) if link is _DOC_ID else (_DOC_ID, _RECORD_ID, _POSITION)
    parent_key = ("doc_id",) if link is _DOC_ID else ("id",)
    fks: list[tuple[tuple[str, ...], str, tuple[str, ...]]] = [((link.name,), parent, parent_key)]
    if link is not _DOC_ID:
        fks.append((("doc_id",), "documents", ("doc_id",)))
    return Table(
        name=name,
        columns=(*keys, *cols),
        primary_key=tuple(c.name for c in keys[-2:]) if link is not _DOC_ID else ("doc_id", "ordinal"),
        parent=parent,
        source=source,
        kind=kind,
        scalar=scalar,
        foreign_keys=tuple(fks),
    )


def build_tables() -> tuple[Table, ...]:
    """Every table, parents before children: documents, its children, then each kind and its children."""
    record_fields = frozenset(spec.field for spec in KINDS.values())
    doc_cols, doc_lists = _flatten(Document, skip=record_fields)
    doc_id_col = next(c for c in doc_cols if c.name == "doc_id")
    tables: list[Table] = [
        Table(
            name="documents",
            columns=(doc_id_col, *(c for c in doc_cols if c.name != "doc_id")),
            primary_key=("doc_id",),
            source="",
        )
    ]
    for list_name, item, description in doc_lists:
        tables.append(_child(f"document_{list_name}", "documents", _DOC_ID, item, list_name, None, description))
    for spec in KINDS.values():
        cols, lists = _flatten(spec.model)
        id_col = next(c for c in cols if c.name == "id")
        tables.append(
            Table(
                name=spec.field,
                columns=(id_col, _DOC_ID, _POSITION, *(c for c in cols if c.name != "id")),
                primary_key=("id",),
                parent="documents",
                source=spec.field,
                kind=spec.name,
                foreign_keys=((("doc_id",), "documents", ("doc_id",)),),
            )
        )
        for list_name, item, description in lists:
            tables.append(
                _child(f"{spec.name}_{list_name}", spec.field, _RECORD_ID, item, list_name, spec.name, description)
            )
    for table in tables:
        names = [c.name for c in table.columns]
        if len(names) != len(set(names)):
            raise TypeError(f"table {table.name}: flattened column names collide: {names}")
    return tuple(tables)


TABLES: tuple[Table, ...] = build_tables()
"""The table layout, in writing order (parents first)."""


def _get(obj: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def document_rows(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for one document (as parsed from its JSON line).

    A record with an empty ``id`` gets ``record_id(doc_id, kind, position)`` so its child rows
    can still be linked.
    """
    out: dict[str, list[dict[str, Any]]] = {t.name: [] for t in TABLES}
    doc_id = doc["doc_id"]
    by_name = {t.name: t for t in TABLES}
    out["documents"].append({c.name: _get(doc, c.path) for c in by_name["documents"].columns})
    for table in TABLES:
        if table.parent == "documents" and table.kind is None:
            for pos, item in enumerate(doc.get(table.source) or []):
                row = {"doc_id": doc_id, "ordinal": pos}
                row.update({c.name: _get(item, c.path) for c in table.data_columns})
                out[table.name].append(row)
    for spec in KINDS.values():
        record_table = by_name[spec.field]
        children = [t for t in TABLES if t.parent == spec.field]
        for pos, record in enumerate(doc.get(spec.field) or []):
            rid = record.get("id") or record_id(doc_id, spec.name, pos)
            row = {c.name: _get(record, c.path) for c in record_table.data_columns}
            row.update({"id": rid, "doc_id": doc_id, "ordinal": pos})
            out[spec.field].append(row)
            for child in children:
                for cpos, item in enumerate(record.get(child.source) or []):
                    crow: dict[str, Any] = {"doc_id": doc_id, "record_id": rid, "ordinal": cpos}
                    if child.scalar:
                        crow["value"] = item
                    else:
                        crow.update({c.name: _get(item, c.path) for c in child.data_columns})
                    out[child.name].append(crow)
    return out


def _is_empty(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_is_empty(v) for v in value.values())
    return value is None


def _restore(obj: dict[str, Any], columns: tuple[Column, ...], depth: int = 0) -> None:
    """Turn nested objects whose columns are all empty into None, and '' back into required strings."""
    for key, value in list(obj.items()):
        if isinstance(value, dict):
            if _is_empty(value):
                obj[key] = None
            else:
                _restore(
                    value, tuple(c for c in columns if len(c.path) > depth + 1 and c.path[depth] == key), depth + 1
                )
    for c in columns:
        if len(c.path) == depth + 1 and c.field_required and c.type == "string" and obj.get(c.path[-1]) is None:
            obj[c.path[-1]] = ""


def unflatten(row: dict[str, Any], table: Table) -> Any:
    """The item (a dict, or the plain value of a scalar child row) that a row was made from."""
    if table.scalar:
        return row["value"]
    obj: dict[str, Any] = {}
    for c in table.data_columns:
        target = obj
        for key in c.path[:-1]:
            target = target.setdefault(key, {})
        target[c.path[-1]] = row.get(c.name)
    _restore(obj, table.data_columns)
    return obj


def datapackage(fmt: str) -> dict[str, Any]:
    """The Frictionless Data Package descriptor for tables written as ``csv`` or ``parquet``."""
    resources = []
    for table in TABLES:
        fields = []
        for c in table.columns:
            spec: dict[str, Any] = {"name": c.name, "type": c.type}
            if c.description:
                spec["description"] = c.description
            constraints: dict[str, Any] = {}
            if c.required:
                constraints["required"] = True
            if c.enum:
                constraints["enum"] = list(c.enum)
            if constraints:
                spec["constraints"] = constraints
            fields.append(spec)
        schema: dict[str, Any] = {"fields": fields, "primaryKey": list(table.primary_key)}
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(local), "reference": {"resource": parent, "fields": list(remote)}}
                for local, parent, remote in table.foreign_keys
            ]
        if fmt == "csv":
            schema["missingValues"] = [""]
        resources.append(
            {
                "name": table.name,
                "path": f"{table.name}.{fmt}",
                "profile": "tabular-data-resource",
                "format": fmt,
                "mediatype": "text/csv" if fmt == "csv" else "application/vnd.apache.parquet",
                **({"encoding": "utf-8"} if fmt == "csv" else {}),
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "geodefence-records",
        "description": "Records extracted by geodefence: one table per record kind, child tables for lists.",
        "resources": resources,
    }


__all__ = ["TABLES", "Column", "Table", "datapackage", "document_rows", "unflatten"]
