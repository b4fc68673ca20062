"""CAMEO codes: the events table with a CAMEO event code and root per record.

Codes come from ``data/cameo.yaml`` (the table names the CAMEO codebook and why each value maps
as it does). A record no code fits keeps its row with an empty code and the reason, never a
forced code. ``reciprocal_code`` is the code of the same event seen from ``actor2`` (a visit is
042 Make a visit for the visitor and 043 Host a visit for the host).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from geodefence.export.events import COLUMNS, DocsLike, event_row, iter_records
from geodefence.export.mapping import cameo_table, resolve

CAMEO_COLUMNS: tuple[tuple[str, str, str], ...] = (
    *COLUMNS[:11],
    ("code", "string", "CAMEO event code (e.g. 057); empty when no code fits."),
    ("root", "string", "The code's root, its first two digits (e.g. 05)."),
    ("code_name", "string", "The CAMEO name of the code."),
    ("root_name", "string", "The CAMEO name of the root."),
    ("reciprocal_code", "string", "The code of the same event seen from actor2 (043 Host a visit), if any."),
    ("reason", "string", "Why this code, or why no code fits (data/cameo.yaml)."),
    *COLUMNS[11:],
)
"""The CAMEO table: the events table's columns with the code columns after ``status``."""


def cameo_row(doc: Mapping[str, Any], kind: str, record: Mapping[str, Any]) -> dict[str, Any]:
    """The events-table row of one record with its CAMEO code, root, names and reason."""
    table = cameo_table()
    target = resolve(table.kinds[kind], dict(record))
    row = event_row(doc, kind, record)
    row.update(
        code=target.code,
        root=target.root,
        code_name=table.codes.get(target.code) if target.code else None,
        root_name=table.codes.get(target.root) if target.root else None,
        reciprocal_code=target.reciprocal,
        reason=target.reason,
    )
    return row


def cameo_rows(docs: DocsLike) -> Iterator[dict[str, Any]]:
    """One CAMEO-coded row per record of ``docs``, in the events table's order."""
    for doc, kind, record in iter_records(docs):
        yield cameo_row(doc, kind, record)


__all__ = ["CAMEO_COLUMNS", "cameo_row", "cameo_rows"]
