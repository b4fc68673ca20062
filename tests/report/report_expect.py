"""What a report must show, worked out from the Documents' JSON alone (not from the report code)."""

from __future__ import annotations

from typing import Any

KIND_FIELDS = {"agreement": "agreements", "visit": "visits", "exercise": "exercises", "stance": "stances"}

Mark = tuple[str, str, str, str]
"""(record id, kind, slot, quoted text) of one highlight; slot ``evidence`` is the record's own."""


def expected_marks(doc: dict[str, Any]) -> list[Mark]:
    """Every non-empty evidence span of every record and of every slot of a document, sorted."""
    out: list[Mark] = []
    for kind, field in KIND_FIELDS.items():
        for record in doc.get(field, []):
            for ev in record["evidence"]:
                if ev["end"] > ev["start"]:
                    out.append((record["id"], kind, "evidence", ev["text"]))
            for slot, value in record.items():
                if slot in ("id", "evidence"):
                    continue
                for item in value if isinstance(value, list) else [value]:
                    ev = item.get("evidence") if isinstance(item, dict) else None
                    if isinstance(ev, dict) and ev["end"] > ev["start"]:
                        out.append((record["id"], kind, slot, ev["text"]))
    return sorted(out)


def record_counts(docs: list[dict[str, Any]]) -> dict[str, int]:
    """Records per kind over the documents."""
    return {kind: sum(len(doc.get(field, [])) for doc in docs) for kind, field in KIND_FIELDS.items()}
