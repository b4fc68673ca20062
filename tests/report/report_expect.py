"""What a report must show, worked out from the Documents' JSON alone (not from the report code)."""

from __future__ import annotations

from typing import Any

from geodefence.parts import Actor, Evidence
from geodefence.records import Document, Stance

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


HOSTILE_TEXT = (
    "Kyiv said </script><script>window.__pwned = 1</script> and "
    '<img src=x onerror="window.__pwned = 2"> &amp; <!-- that Kyiv condemned Russia\u2028.'
)
HOSTILE_ID = "evil</script><script>window.__pwned = 3</script>"


def span(text: str, quote: str, rule: str, nth: int = 0) -> Evidence:
    """Evidence for the nth occurrence of quote in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return Evidence(start=start, end=start + len(quote), text=quote, rule=rule)


def hostile_doc() -> Document:
    """A document whose id, source and text hold markup, with records whose evidence covers it."""
    text = HOSTILE_TEXT
    return Document(
        doc_id=HOSTILE_ID,
        source="javascript:window.__pwned = 4",
        text=text,
        stances=[
            Stance(
                holder=Actor(name="Kyiv", type="state", code="UKR", evidence=span(text, "Kyiv", "stance.holder", 1)),
                target=Actor(name="Russia", type="state", code="RUS", evidence=span(text, "Russia", "stance.target")),
                position="oppose",
                cue="condemned",
                evidence=[span(text, "Kyiv condemned Russia", "stance.oppose.<b>verb</b>")],
            ),
            Stance(
                holder=Actor(name="Kyiv", type="state", code="UKR", evidence=span(text, "Kyiv", "stance.holder")),
                position="oppose",
                cue="<script>",
                evidence=[
                    span(text, "<script>window.__pwned = 1</script>", "stance.x"),
                    span(text, '<img src=x onerror="window.__pwned = 2">', "stance.y"),
                ],
            ),
        ],
    )
