"""evaluate(): match predicted records to gold records, article by article, and count.

Per article and kind, records are grouped by key. Within a group, gold and predicted records
are paired one to one, preferring required over optional gold records and then the pairing that
agrees on most slots. A pair with a required gold record is a true positive (and its slots are
scored); a pair with an optional gold record counts for nothing; an unpaired prediction is a
false positive and an unpaired required gold record a false negative.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from geodefence.errors import InputError
from geodefence.evaluation.assign import best_pairing
from geodefence.evaluation.compare import ANNOTATOR_RULES, RULES, KindRules, slot_results
from geodefence.evaluation.gold import GoldDocument, GoldRecord, check_unique, parse_gold, read_gold
from geodefence.evaluation.scores import Counts, KindScores, Miss, Scores, SlotError, SlotScore, Spurious
from geodefence.evaluation.texts import TextPaths, TextSource
from geodefence.kinds import KINDS
from geodefence.records import Document

GoldInput = Iterable[Mapping[str, Any] | GoldDocument] | str | Path
PredictionInput = Iterable[Document | Mapping[str, Any]] | str | Path


@dataclass
class _Tally:
    """Running counts of one kind."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    slots: dict[str, list[int]] = field(default_factory=dict)  # name -> [correct, total]


def read_predictions(path: str | Path) -> list[Document]:
    """Read geodefence Documents from JSON Lines; errors name the file and line."""
    source = Path(path)
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read predictions: {exc}", file=str(source)) from None
    docs = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            docs.append(Document.model_validate_json(raw))
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise InputError(
                f"not a geodefence Document: {where}: {err['msg']}", file=str(source), line=number
            ) from None
    return docs


def _gold_docs(gold: GoldInput) -> list[GoldDocument]:
    if isinstance(gold, (str, Path)):
        return read_gold(gold)
    docs = [parse_gold(item) for item in gold]
    check_unique(docs)
    return docs


def as_documents(predictions: PredictionInput) -> list[Document]:
    """Documents from a JSON Lines path, or an iterable of Documents or dicts (validated, numbered in errors)."""
    if isinstance(predictions, (str, Path)):
        return read_predictions(predictions)
    items: list[Document] = []
    for number, item in enumerate(predictions, start=1):
        if isinstance(item, Document):
            items.append(item)
            continue
        try:
            items.append(Document.model_validate(item))
        except ValidationError as exc:
            raise InputError(f"document {number}: not a geodefence Document: {exc.errors()[0]['msg']}") from None
    return items


def _prediction_docs(predictions: PredictionInput) -> dict[str, Document]:
    items = as_documents(predictions)
    by_id: dict[str, Document] = {}
    for doc in items:
        if doc.doc_id in by_id:
            raise InputError(f"doc_id {doc.doc_id!r} appears twice in the predictions", field="doc_id")
        by_id[doc.doc_id] = doc
    return by_id


def _group(items: Iterable[Any], key: Any) -> dict[Hashable, list[Any]]:
    groups: dict[Hashable, list[Any]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return groups


def _score_kind(
    doc_id: str,
    kind: str,
    rules: KindRules,
    gold: list[GoldRecord],
    predicted: list[Any],
    tally: _Tally,
    out: Scores,
) -> None:
    """Match one article's records of one kind and add them to the tally and the report lists."""
    golds = _group(gold, rules.gold_key)
    preds = _group(predicted, rules.predicted_key)
    # The weight of a required gold record outranks any number of agreeing slots.
    top = 1 + len(rules.slots) * (1 + max((len(g) for g in golds.values()), default=0))
    for key in [*golds, *(k for k in preds if k not in golds)]:
        g_list, p_list = golds.get(key, []), preds.get(key, [])
        shown = rules.show_key(key)
        weights = [
            [(0 if g.optional else top) + sum(ok for *_, ok in slot_results(rules, g, p)) for p in p_list]
            for g in g_list
        ]
        pairs = best_pairing(weights) if g_list and p_list else []
        paired_g = {i for i, _ in pairs}
        paired_p = {j for _, j in pairs}
        for i, j in pairs:
            g = g_list[i]
            if g.optional:
                continue
            tally.tp += 1
            for slot, want, got, ok in slot_results(rules, g, p_list[j]):
                counts = tally.slots.setdefault(slot.name, [0, 0])
                counts[0] += ok
                counts[1] += 1
                if not ok:
                    out.slot_errors.append(
                        SlotError(
                            doc=doc_id,
                            kind=kind,
                            key=shown,
                            slot=slot.name,
                            gold=want,
                            predicted=got,
                            evidence=g.evidence,
                        )
                    )
        for i, g in enumerate(g_list):
            if i not in paired_g and not g.optional:
                tally.fn += 1
                out.misses.append(Miss(doc=doc_id, kind=kind, key=shown, evidence=g.evidence))
        for j, p in enumerate(p_list):
            if j not in paired_p:
                tally.fp += 1
                quote: str | None
                rule: str | None
                if isinstance(p.evidence, str):  # a second annotator's gold record
                    quote, rule = p.evidence, None
                else:
                    first = p.evidence[0] if p.evidence else None
                    quote, rule = (first.text, first.rule) if first else (None, None)
                out.spurious.append(Spurious(doc=doc_id, kind=kind, key=shown, evidence=quote, rule=rule))


def evaluate(gold: GoldInput, predictions: PredictionInput) -> Scores:
    """Score predicted Documents against gold annotations.

    ``gold`` is a gold JSON Lines path or an iterable of gold objects (dicts in the gold format);
    ``predictions`` is a JSON Lines path of Documents or an iterable of Documents (or their
    dicts), matched to the gold by ``doc_id``. A gold article without a prediction counts all
    its required records as missed; a prediction without gold is listed and ignored.
    """
    by_id = _prediction_docs(predictions)
    records = {
        doc_id: {name: list(getattr(doc, spec.field)) for name, spec in KINDS.items()} for doc_id, doc in by_id.items()
    }
    return _score(_gold_docs(gold), records, RULES)


def compare_annotations(first: GoldInput, second: GoldInput) -> Scores:
    """Score one annotator's gold against another's: the agreement between two annotations.

    The second annotation's required records are the predictions (its optional records are left
    out: an annotator's judgement call is not a claim); the first's optional records count for
    nothing, as in :func:`evaluate`. Only articles both annotated are scored. The F1 is the
    ceiling an extractor can be held to on such text.
    """
    second_docs = {doc.doc: doc for doc in _gold_docs(second)}
    first_docs = [doc for doc in _gold_docs(first) if doc.doc in second_docs]
    records = {
        doc_id: {name: [r for r in getattr(doc, spec.field) if not r.optional] for name, spec in KINDS.items()}
        for doc_id, doc in second_docs.items()
        if doc_id in {d.doc for d in first_docs}
    }
    return _score(first_docs, records, ANNOTATOR_RULES)


def _score(
    gold_docs: list[GoldDocument], predicted: Mapping[str, Mapping[str, list[Any]]], rules: Mapping[str, KindRules]
) -> Scores:
    """Match every gold article's records with the predicted records of the same id, and count."""
    tallies = {name: _Tally() for name in KINDS}
    out = Scores(documents=len(gold_docs), overall=Counts.of(0, 0, 0), kinds={})
    gold_ids = {g.doc for g in gold_docs}
    for g_doc in gold_docs:
        records = predicted.get(g_doc.doc)
        if records is None:
            out.missing_predictions.append(g_doc.doc)
        for name, spec in KINDS.items():
            gold_records: list[GoldRecord] = list(getattr(g_doc, spec.field))
            pred_records = list(records[name]) if records is not None else []
            _score_kind(g_doc.doc, name, rules[name], gold_records, pred_records, tallies[name], out)
    out.unscored_documents = sorted(doc_id for doc_id in predicted if doc_id not in gold_ids)
    for name, t in tallies.items():
        slots = {}
        for slot in rules[name].slots:
            correct, total = t.slots.get(slot.name, [0, 0])
            slots[slot.name] = SlotScore(correct=correct, total=total, accuracy=correct / total if total else None)
        out.kinds[name] = KindScores(**Counts.of(t.tp, t.fp, t.fn).model_dump(), slots=slots)
    out.overall = Counts.of(*(sum(getattr(t, f) for t in tallies.values()) for f in ("tp", "fp", "fn")))
    return out


def extract_for_gold(
    gold_lines: Iterable[tuple[int, GoldDocument]], texts: TextPaths, *, gold_file: str | None = None
) -> list[Document]:
    """Run :func:`geodefence.extract` on each gold article's text.

    ``texts`` is a folder of ``<doc>.txt``, a JSON Lines file of ``{"id", "text"}`` objects, or
    a list of them searched in order (see :mod:`geodefence.evaluation.texts`). A missing or
    unreadable text is an :class:`InputError` naming where it was looked for and the gold line
    that asked for it.
    """
    from geodefence.pipeline import extract

    lines = list(gold_lines)
    source = TextSource(texts, (g_doc.doc for _, g_doc in lines))
    docs = []
    for line, g_doc in lines:
        try:
            text = source.get(g_doc.doc)
        except InputError as exc:
            raise InputError(exc.message, file=gold_file, line=line, field="doc") from None
        if text is None:
            raise InputError(f"{source.describe(g_doc.doc)} is missing", file=gold_file, line=line, field="doc")
        published = g_doc.published.isoformat() if g_doc.published else None
        docs.append(extract(text, published=published, doc_id=g_doc.doc, source=source.source(g_doc.doc)))
    return docs


def dump_predictions(docs: Iterable[Document]) -> str:
    """Documents as JSON Lines text, the form :func:`read_predictions` reads back."""
    return "".join(json.dumps(doc.model_dump(mode="json"), ensure_ascii=False) + "\n" for doc in docs)
