"""Output shaping for a corpus run: keep some kinds, less evidence, no nulls (``--kinds``, ``--evidence``, ``--exclude-none``).

Evidence is about half the bytes of the output and nulls and empty lists a sixth; a dataset
meant for counting or joining rarely needs either. :class:`Shaped` wraps an extractor: calling
it extracts and keeps only the chosen kinds (so the run's counts are of what is written), and
its :meth:`Shaped.dump_json` writes the Document with the evidence and nulls it keeps. Every
shaped line is still a valid Document: dropped values are optional ones, read back as their
defaults.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import orjson

from geodefence.kinds import KINDS
from geodefence.records import Document

EvidenceLevel = Literal["all", "records", "none"]
"""all: every span; records: the record's own spans, none on its slots; none: no spans at all."""

EVIDENCE_LEVELS: tuple[EvidenceLevel, ...] = ("all", "records", "none")


def shape_dict(doc: dict[str, Any], *, evidence: EvidenceLevel = "all", exclude_none: bool = False) -> dict[str, Any]:
    """A Document's JSON dict with evidence cut to ``evidence`` and, with ``exclude_none``, no nulls or empty lists."""
    if evidence != "all":
        for spec in KINDS.values():
            for record in doc.get(spec.field) or []:
                for key, value in record.items():
                    if key == "evidence":
                        if evidence == "none":
                            record[key] = []
                    else:
                        record[key] = _without_evidence(value)
    return _drop_empty(doc) if exclude_none else doc


def _without_evidence(value: Any) -> Any:
    """A slot value (an actor, place, date, quantity, or a list of them) with its evidence set to null."""
    if isinstance(value, dict):
        return {k: (None if k == "evidence" else _without_evidence(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_evidence(v) for v in value]
    return value


def _drop_empty(value: Any) -> Any:
    """``value`` without null values and empty lists in any dict (list items are kept, shaped)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if v is None or (isinstance(v, list) and not v):
                continue
            out[k] = _drop_empty(v)
        return out
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value


@dataclass(frozen=True)
class Shaped:
    """An extractor with output options; picklable, so it reaches pool and Dask workers."""

    extractor: Callable[..., Document]
    kinds: tuple[str, ...] | None = None
    evidence: EvidenceLevel = "all"
    exclude_none: bool = False

    def __call__(self, text: str, **kwargs: Any) -> Document:
        """Extract, keeping the records of :attr:`kinds` only (every kind when None)."""
        doc = self.extractor(text, **kwargs)
        if self.kinds is None:
            return doc
        dropped: dict[str, Any] = {spec.field: [] for name, spec in KINDS.items() if name not in self.kinds}
        return doc.model_copy(update=dropped) if dropped else doc

    def dump_json(self, doc: Document) -> bytes:
        """The Document's JSON line (without the newline), shaped."""
        if self.evidence == "all" and not self.exclude_none:
            return doc.model_dump_json().encode("utf-8")
        data = shape_dict(doc.model_dump(mode="json"), evidence=self.evidence, exclude_none=self.exclude_none)
        return orjson.dumps(data)


__all__ = ["EVIDENCE_LEVELS", "EvidenceLevel", "Shaped", "shape_dict"]
