"""The report's data: Documents (and optionally their texts and gold) as plain, JSON-ready dicts.

Nothing here writes HTML. Each document becomes a :class:`DocView`: its text as a tree of text
pieces and highlights (:mod:`geodefence.report.spans`), one :class:`HighlightView` per evidence
span of a record or of one of its slots, and one :class:`RecordView` (the card) per record.
:class:`Overview` holds the counts the page draws as charts. The template and the page's script
(``templates/`` and ``static/``) turn this into the page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypedDict

import pycountry

from geodefence.evaluation.scores import Scores
from geodefence.evaluation.texts import TextPaths, TextSource
from geodefence.kinds import KINDS
from geodefence.kinds._base import Record
from geodefence.parts import Actor, DateValue, Evidence, Place, Quantity, text_sha256
from geodefence.records import Document
from geodefence.report.spans import Node, nest

DocsInput = Iterable[Document | Mapping[str, Any]] | str | Path
"""Documents, their dicts, or a JSON Lines file of them (the output of ``geodefence extract``)."""

GoldInput = Iterable[Mapping[str, Any]] | str | Path
"""Gold annotations: a gold JSON Lines path or gold objects (see ``docs/gold-format.md``)."""

RECORD_EVIDENCE = "evidence"
"""The slot name of a record's own evidence spans (every other slot is named by its field)."""

WHEN: dict[str, str] = {
    "agreement": "date",  # when it was signed or announced (not valid_from / valid_until)
    "visit": "date",  # when the visit took place or began
    "exercise": "start",  # when it starts
}
"""The date field that places a record in time, per kind; a stance has none."""

NO_TEXT_NOTE = (
    "No text for this document: it was extracted without --include-text and no --texts source has it. "
    "Records are shown with their evidence quotes, without highlights."
)
CHANGED_TEXT_NOTE = (
    "The text found differs from the text the records were extracted from (its SHA-256 does not match): "
    "spans whose quote is not at their offsets are listed on the cards but not highlighted."
)


class ValueView(TypedDict):
    """One value of a card field; ``h`` is the highlight of its evidence, if drawn."""

    text: str
    h: int | None


class FieldView(TypedDict):
    """One row of a card: a slot's label and its values."""

    name: str
    values: list[ValueView]


class EvidenceView(TypedDict):
    """One of a record's own evidence spans, as listed on its card."""

    text: str
    rule: str
    h: int | None


class RecordView(TypedDict):
    """A record's card: what it is, the slots it fills, where it is stated, how it was coded."""

    id: str
    kind: str
    status: str | None
    rule: str | None
    rules: list[str]
    states: list[str]
    month: str | None
    fields: list[FieldView]
    evidence: list[EvidenceView]
    spurious: bool
    unplaced: int


class HighlightView(TypedDict):
    """One evidence span drawn in the text: of a record (or one of its slots), or of a gold miss."""

    record: int | None
    miss: int | None
    kind: str
    slot: str
    rule: str | None
    start: int
    end: int
    text: str


class MissView(TypedDict):
    """A gold record that no prediction matched, with its quote found in the text if it is there."""

    kind: str
    key: str
    evidence: str
    h: int | None


class DocView(TypedDict):
    """One document: identity, its text as a highlight tree (or a note why not), cards, gold."""

    id: str
    source: str | None
    published: str | None
    note: str | None
    error: str | None
    warnings: list[str]
    tree: list[Node] | None
    records: list[RecordView]
    highlights: list[HighlightView]
    misses: list[MissView]
    scored: bool


class Overview(TypedDict):
    """The counts drawn in the overview, over every document."""

    documents: int
    with_text: int
    failed: int
    records: int
    kinds: dict[str, int]
    states: list[tuple[str, int]]
    statuses: dict[str, list[tuple[str, int]]]
    months: list[tuple[str, int]]
    undated: int
    rules: list[tuple[str, int]]


class GoldView(TypedDict):
    """The evaluation behind a report made with gold: scores per kind and what was not scored."""

    documents: int
    precision: float
    recall: float
    f1: float
    kinds: dict[str, dict[str, float | int]]
    misses: int
    spurious: int
    missing_predictions: list[str]


class ReportData(TypedDict):
    """Everything the page shows."""

    title: str
    kinds: list[str]
    overview: Overview
    gold: GoldView | None
    docs: list[DocView]


# --- reading ---------------------------------------------------------------------------------


def read_docs(docs: DocsInput) -> list[Document]:
    """Documents from a JSON Lines path or an iterable of Documents or dicts (validated)."""
    from geodefence.evaluation.scoring import as_documents

    return as_documents(docs)


# --- formatting the slots of a card ------------------------------------------------------------


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def show(value: object) -> str:
    """One slot value as a short line of text for a card."""
    if isinstance(value, Actor):
        detail = [value.code if value.type == "state" else value.code or value.country, value.title, value.rank]
        extra = ", ".join(d for d in detail if d)
        return f"{value.name} ({extra})" if extra else value.name
    if isinstance(value, Place):
        extra = ", ".join(d for d in (value.kind, value.country) if d)
        return f"{value.name} ({extra})"
    if isinstance(value, DateValue):
        shown = value.value or "unresolved"
        note = ", relative" if value.relative else ""
        return f"{shown} (“{value.text}”{note})"
    if isinstance(value, Quantity):
        return f"{_number(value.value)} {value.unit}"
    if isinstance(value, float):
        return _number(value)
    return str(value)


@lru_cache(maxsize=4096)
def is_state_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-3 code (a person's ``country`` may be an organisation's acronym)."""
    return len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None


def _actors(value: object) -> Iterable[Actor]:
    if isinstance(value, Actor):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _actors(item)


def record_states(record: Record) -> list[str]:
    """The states a record involves: its state actors, and the states its persons and units serve."""
    found: set[str] = set()
    for name in type(record).model_fields:
        for actor in _actors(getattr(record, name)):
            if actor.type == "state" and actor.code:
                found.add(actor.code)
            elif actor.type in ("person", "military_unit") and actor.country and is_state_code(actor.country):
                found.add(actor.country)
    party = getattr(record, "visitor_party", None)
    if isinstance(party, str) and is_state_code(party):
        found.add(party)
    return sorted(found)


def record_month(kind: str, record: Record, published: str | None) -> str | None:
    """``YYYY-MM`` the record is counted in: its own date to the month or day, else its document's."""
    field = WHEN.get(kind)
    own = getattr(record, field, None) if field else None
    if isinstance(own, DateValue) and own.value and len(own.value) >= 7:
        return own.value[:7]
    return published[:7] if published else None


def record_status(record: Record) -> str | None:
    """A record's status (agreement, visit, exercise) or position (stance)."""
    for name in ("status", "position"):
        value = getattr(record, name, None)
        if value is not None:
            return str(value)
    return None


# --- one document ----------------------------------------------------------------------------


class _DocBuilder:
    """Collects one document's highlights and cards while walking its records."""

    def __init__(self, doc: Document, text: str | None) -> None:
        self.doc = doc
        self.text = text
        self.highlights: list[HighlightView] = []
        self.records: list[RecordView] = []
        self.misses: list[MissView] = []
        self.unplaced = 0  # spans whose quote is not at their offsets in the text

    def span(self, ev: Evidence, *, kind: str, slot: str, record: int | None) -> int | None:
        """Add a highlight for an evidence span when the text holds its quote at its offsets."""
        if self.text is None:
            return None
        if ev.end <= ev.start or self.text[ev.start : ev.end] != ev.text:
            self.unplaced += 1
            return None
        self.highlights.append(
            HighlightView(
                record=record, miss=None, kind=kind, slot=slot, rule=ev.rule, start=ev.start, end=ev.end, text=ev.text
            )
        )
        return len(self.highlights) - 1

    def value(self, item: object, *, kind: str, slot: str, record: int) -> ValueView:
        ev = getattr(item, "evidence", None)
        h = self.span(ev, kind=kind, slot=slot, record=record) if isinstance(ev, Evidence) else None
        return ValueView(text=show(item), h=h)

    def add_record(self, kind: str, record: Record) -> None:
        index = len(self.records)
        unplaced_before = self.unplaced
        evidence = [
            EvidenceView(text=ev.text, rule=ev.rule, h=self.span(ev, kind=kind, slot=RECORD_EVIDENCE, record=index))
            for ev in record.evidence
        ]
        fields: list[FieldView] = []
        for name in type(record).model_fields:
            if name in ("id", "evidence"):
                continue
            raw = getattr(record, name)
            items = raw if isinstance(raw, list) else [raw]
            values = [self.value(item, kind=kind, slot=name, record=index) for item in items if item not in (None, "")]
            if values:
                fields.append(FieldView(name=name.replace("_", " "), values=values))
        published = self.doc.published.isoformat() if self.doc.published else None
        self.records.append(
            RecordView(
                id=record.id,
                kind=kind,
                status=record_status(record),
                rule=record.evidence[0].rule if record.evidence else None,
                rules=sorted({ev.rule for ev in record.evidence}),
                states=record_states(record),
                month=record_month(kind, record, published),
                fields=fields,
                evidence=evidence,
                spurious=False,
                unplaced=self.unplaced - unplaced_before,
            )
        )

    def add_miss(self, kind: str, key: str, quote: str) -> None:
        h = None
        found = find_quote(self.text, quote) if self.text is not None else None
        if found is not None:
            start, end = found
            assert self.text is not None
            self.highlights.append(
                HighlightView(
                    record=None, miss=len(self.misses), kind=kind, slot="miss", rule=None,
                    start=start, end=end, text=self.text[start:end],
                )
            )  # fmt: skip
            h = len(self.highlights) - 1
        self.misses.append(MissView(kind=kind, key=key, evidence=quote, h=h))

    def view(self, note: str | None, scored: bool) -> DocView:
        tree = None
        if self.text is not None:
            tree = nest(self.text, [(h["start"], h["end"], i) for i, h in enumerate(self.highlights)])
        doc = self.doc
        return DocView(
            id=doc.doc_id,
            source=doc.source,
            published=doc.published.isoformat() if doc.published else None,
            note=note,
            error=f"{doc.error.code}: {doc.error.message}" if doc.error else None,
            warnings=[f"{w.code}: {w.message}" for w in doc.warnings],
            tree=tree,
            records=self.records,
            highlights=self.highlights,
            misses=self.misses,
            scored=scored,
        )


def find_quote(text: str | None, quote: str) -> tuple[int, int] | None:
    """Where a gold quote is in the text: exactly, else with any run of spaces, case aside."""
    if not text or not quote.strip():
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    m = re.search(pattern, text, flags=re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def doc_text(doc: Document, source: TextSource | None) -> tuple[str | None, str | None]:
    """The text the document's offsets point into, and a note for the reader when there is none."""
    if doc.text is not None:
        return doc.text, None
    text = source.get(doc.doc_id) if source is not None else None
    if text is None:
        return None, NO_TEXT_NOTE
    if doc.text_sha256 is not None and text_sha256(text) != doc.text_sha256:
        return text, CHANGED_TEXT_NOTE
    return text, None


# --- the whole report --------------------------------------------------------------------------


def _mark_spurious(views: Mapping[str, DocView], scores: Scores) -> None:
    """Flag the cards of predicted records that matched no gold record.

    A spurious entry names its document, kind, first evidence quote and rule, not its record id:
    each entry flags the first card not yet flagged with the same four.
    """
    for sp in scores.spurious:
        view = views.get(sp.doc)
        if view is None:
            continue
        for card in view["records"]:
            first = card["evidence"][0] if card["evidence"] else None
            same = (first["text"], first["rule"]) == (sp.evidence, sp.rule) if first else sp.evidence is None
            if card["kind"] == sp.kind and same and not card["spurious"]:
                card["spurious"] = True
                break


def _gold_view(scores: Scores) -> GoldView:
    return GoldView(
        documents=scores.documents,
        precision=scores.overall.precision,
        recall=scores.overall.recall,
        f1=scores.overall.f1,
        kinds={name: {"tp": k.tp, "fp": k.fp, "fn": k.fn, "f1": k.f1} for name, k in scores.kinds.items()},
        misses=len(scores.misses),
        spurious=len(scores.spurious),
        missing_predictions=list(scores.missing_predictions),
    )


def overview(views: Sequence[DocView]) -> Overview:
    """Counts per kind, state, status, month and rule over every record of every document."""
    cards = [card for view in views for card in view["records"]]
    kinds = {name: 0 for name in KINDS}
    kinds.update(Counter(card["kind"] for card in cards))
    states = Counter(code for card in cards for code in card["states"])
    statuses: dict[str, Counter[str]] = {name: Counter() for name in KINDS}
    for card in cards:
        statuses.setdefault(card["kind"], Counter())[card["status"] or "none"] += 1
    months = Counter(card["month"] for card in cards if card["month"])
    return Overview(
        documents=len(views),
        with_text=sum(view["tree"] is not None for view in views),
        failed=sum(view["error"] is not None for view in views),
        records=len(cards),
        kinds=kinds,
        states=sorted(states.items(), key=lambda kv: (-kv[1], kv[0])),
        statuses={kind: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for kind, c in statuses.items()},
        months=_month_range(months),
        undated=sum(card["month"] is None for card in cards),
        rules=sorted(Counter(card["rule"] for card in cards if card["rule"]).items()),
    )


def _month_range(months: Mapping[str, int]) -> list[tuple[str, int]]:
    """Every month from the first to the last with a record, empty months included."""
    if not months:
        return []
    first, last = min(months), max(months)
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while True:
        key = f"{year:04d}-{month:02d}"
        out.append((key, months.get(key, 0)))
        if key >= last:
            return out
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def prepare(
    docs: DocsInput,
    texts: TextPaths | None = None,
    gold: GoldInput | None = None,
    *,
    title: str = "geodefence review report",
) -> ReportData:
    """The report's data for some Documents, with texts from ``texts`` and gold from ``gold``.

    A document's own ``text`` (``geodefence extract --include-text``) comes first; else the
    first of ``texts`` (folders of ``<doc>.txt``, JSON Lines of ``{id, text}``) that holds it.
    With ``gold``, :func:`geodefence.evaluate` scores the documents: each gold record missed is
    listed on its document (and marked where its quote is found in the text), and each
    spurious record's card is flagged.
    """
    documents = read_docs(docs)
    source = TextSource(texts, (d.doc_id for d in documents if d.text is None)) if texts is not None else None
    scores = None
    if gold is not None:
        from geodefence.evaluation import evaluate

        scores = evaluate(gold, documents)
    unscored = set(scores.unscored_documents) if scores is not None else set()
    misses: dict[str, list[tuple[str, str, str]]] = {}
    for miss in scores.misses if scores is not None else []:
        misses.setdefault(miss.doc, []).append((miss.kind, miss.key, miss.evidence))
    views: list[DocView] = []
    for doc in documents:
        text, note = doc_text(doc, source)
        builder = _DocBuilder(doc, text)
        for name, spec in KINDS.items():
            for record in getattr(doc, spec.field):
                builder.add_record(name, record)
        for kind, key, quote in misses.get(doc.doc_id, []):
            builder.add_miss(kind, key, quote)
        views.append(builder.view(note, scored=scores is not None and doc.doc_id not in unscored))
    if scores is not None:  # evaluate() refused duplicate doc ids
        _mark_spurious({view["id"]: view for view in views}, scores)
    return ReportData(
        title=title,
        kinds=list(KINDS),
        overview=overview(views),
        gold=_gold_view(scores) if scores is not None else None,
        docs=views,
    )
