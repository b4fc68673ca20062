"""extract(): the stages in order, nothing else.

normalise -> split -> match vocabularies and dates -> assemble records per kind -> merge.
"""

from __future__ import annotations

import datetime as _dt

from geodefence.errors import InputError
from geodefence.kinds import GATE, KINDS, PLACE_LABELS
from geodefence.parts import record_id, text_sha256
from geodefence.records import Document
from geodefence.text.analysis import analyse


def coerce_published(value: _dt.date | str | None) -> _dt.date | None:
    """Accept a date, an ISO date string (a datetime string keeps its date) or None."""
    if value is None or (isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)):
        return value
    if isinstance(value, _dt.datetime):
        return value.date()
    text = str(value).strip()
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(f"published date {value!r} is not an ISO date (YYYY-MM-DD)", field="published") from None


def extract(
    text: str,
    *,
    published: _dt.date | str | None = None,
    doc_id: str | None = None,
    source: str | None = None,
) -> Document:
    """Extract every agreement, visit, exercise and stance from one article.

    Pure and deterministic: the same arguments always give an equal Document. Offsets in the
    evidence point into ``text`` exactly as given. Relative dates are resolved against
    ``published``; without it they keep their text and a null value.
    """
    if not isinstance(text, str):
        raise InputError(f"text must be a str, not {type(text).__name__}", field="text")
    pub = coerce_published(published)
    digest = text_sha256(text)
    did = doc_id or digest[:16]
    analysis = analyse(text, pub, GATE, PLACE_LABELS)
    found: dict[str, list[object]] = {}
    for name, spec in KINDS.items():
        records = sorted(spec.extract(analysis), key=lambda r: (r.evidence[0].start, r.evidence[0].end) if r.evidence else (-1, -1))
        for i, rec in enumerate(records):
            first = rec.evidence[0] if rec.evidence else None
            rec.id = record_id(did, name, i, first.start if first else "", first.end if first else "")
        found[spec.field] = list(records)
    return Document.model_validate(
        {"doc_id": did, "source": source, "published": pub, "text_sha256": digest, **found}
    )
