"""The quality baseline: F1 floors per kind on annotated corpora, pinned to the corpora's digest.

``quality/baseline.json`` lists each corpus (gold file and text sources, relative to the project
root), the SHA-256 of its files, the F1 the extractor reached on it per kind and overall, and
the accuracy of each slot the gold gives (a slot regression fails as a key regression does).
A test fails when extraction scores below a floor, or when a corpus changed without the
baseline being measured again. ``scripts/update_baseline.py`` rewrites the file; it refuses to
lower a floor unless told to (lowering is a decision written in the commit message).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from geodefence.evaluation.gold import read_gold_lines
from geodefence.evaluation.scores import Scores
from geodefence.evaluation.scoring import evaluate, extract_for_gold
from geodefence.evaluation.texts import TextSource, as_paths

TOLERANCE = 1e-9
"""A score this close below its floor still passes (float noise, not a regression)."""

OVERALL = "overall"
"""The key of the micro-averaged F1 among the per-kind floors."""


class CorpusBaseline(BaseModel):
    """One annotated corpus and the F1 floors measured on it."""

    model_config = ConfigDict(extra="forbid")

    gold: str = Field(description="Gold JSON Lines file, relative to the project root.")
    texts: str | list[str] = Field(
        description="Where the texts are, relative to the project root: a folder of <doc>.txt or JSON Lines "
        "files of {id, text} (see geodefence.evaluation.texts)."
    )
    required: bool = Field(
        default=True,
        description="False for a corpus whose texts live outside the project (../shared): absent means skip.",
    )
    sha256: str | None = Field(
        default=None, description="Digest of the gold file and texts when the floors were measured."
    )
    f1: dict[str, float] = Field(default_factory=dict, description="F1 floor per kind and 'overall'.")
    slots: dict[str, float] = Field(
        default_factory=dict, description="Slot accuracy floor per 'kind.slot' (only slots the gold gives)."
    )
    spurious_per_100: float | None = Field(
        default=None,
        description="Ceiling on spurious records per 100 articles (for a corpus of ordinary news that holds "
        "little to find, where F1 says nothing); null when not pinned.",
    )


class Baseline(BaseModel):
    """The committed baseline file."""

    model_config = ConfigDict(extra="forbid")

    comment: str = Field(default="", description="What this file is and how to update it.")
    corpora: dict[str, CorpusBaseline] = Field(description="Baselines by corpus name.")


def load_baseline(path: str | Path) -> Baseline:
    """Read and validate a baseline file."""
    return Baseline.model_validate_json(Path(path).read_text(encoding="utf-8"))


def render_baseline(baseline: Baseline) -> str:
    """Stable text for the baseline file: two-space indent, trailing newline."""
    return json.dumps(baseline.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def text_paths(root: Path, entry: CorpusBaseline) -> list[Path]:
    """The corpus' text sources as paths under ``root``."""
    return [root / p for p in as_paths(entry.texts)]


def is_present(root: Path, entry: CorpusBaseline) -> bool:
    """True when the corpus' gold file and every text source exist."""
    return (root / entry.gold).is_file() and all(p.exists() for p in text_paths(root, entry))


def corpus_digest(root: Path, entry: CorpusBaseline) -> str:
    """SHA-256 over the gold file and the text of every document it names (names and contents).

    Only the texts the gold names count: a text being written beside them does not change what
    the floors were measured on. Line endings are normalised first, so a Windows checkout
    digests the same.
    """
    digest = hashlib.sha256()
    gold_path = root / entry.gold
    docs = sorted({json.loads(line)["doc"] for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()})
    source = TextSource(text_paths(root, entry), docs)
    files = [(entry.gold, gold_path.read_bytes())]
    files += [(f"texts/{doc}.txt", (source.get(doc) or "").encode()) for doc in docs]
    for name, raw in files:
        body = raw.replace(b"\r\n", b"\n")
        digest.update(f"{name}\0{len(body)}\0".encode())
        digest.update(body)
    return digest.hexdigest()


def score_corpus(root: Path, entry: CorpusBaseline) -> Scores:
    """Run extraction over the corpus' texts and score it against its gold."""
    gold_path = root / entry.gold
    lines = read_gold_lines(gold_path)
    predictions = extract_for_gold(lines, text_paths(root, entry), gold_file=str(gold_path))
    return evaluate([doc for _, doc in lines], predictions)


def f1_by_kind(scores: Scores) -> dict[str, float]:
    """F1 per kind and overall: the numbers the baseline pins."""
    return {**{name: kind.f1 for name, kind in scores.kinds.items()}, OVERALL: scores.overall.f1}


def slot_accuracy(scores: Scores) -> dict[str, float]:
    """Accuracy per ``kind.slot`` for the slots the gold gives (the numbers the slot floors pin)."""
    return {
        f"{name}.{slot}": value.accuracy
        for name, kind in scores.kinds.items()
        for slot, value in kind.slots.items()
        if value.accuracy is not None
    }


def spurious_rate(scores: Scores) -> float:
    """Spurious records per 100 scored articles."""
    return 100 * scores.overall.fp / scores.documents if scores.documents else 0.0


def drops(floors: dict[str, float], measured: dict[str, float]) -> list[str]:
    """Each score below its floor (beyond :data:`TOLERANCE`), or floor without a score, as a message."""
    out = []
    for name, floor in floors.items():
        value = measured.get(name)
        if value is None:
            out.append(f"{name}: floor {floor:.4f} but no score (unknown kind?)")
        elif value < floor - TOLERANCE:
            out.append(f"{name}: {'accuracy' if '.' in name else 'F1'} {value:.4f} < floor {floor:.4f}")
    return out


def check_corpus(root: Path, name: str, entry: CorpusBaseline) -> list[str]:
    """Why the corpus fails its baseline (digest changed, a kind unpinned, a score below its floor)."""
    update = "run `python scripts/update_baseline.py` and commit quality/baseline.json"
    digest = corpus_digest(root, entry)
    if digest != entry.sha256:
        return [
            f"corpus {name!r} changed since its floors were measured "
            f"(sha256 {digest[:12]}, baseline {(entry.sha256 or 'none')[:12]}): {update}"
        ]
    scores = score_corpus(root, entry)
    measured = f1_by_kind(scores)
    problems = [f"corpus {name!r}: {name_}: no floor pinned: {update}" for name_ in measured if name_ not in entry.f1]
    messages = drops(entry.f1, measured) + drops(entry.slots, slot_accuracy(scores)) + rises(entry, scores)
    return problems + [f"corpus {name!r}: {message}" for message in messages]


def rises(entry: CorpusBaseline, scores: Scores) -> list[str]:
    """The spurious rate above its ceiling, as a message (none when no ceiling is pinned)."""
    rate = spurious_rate(scores)
    if entry.spurious_per_100 is None or rate <= entry.spurious_per_100 + TOLERANCE:
        return []
    return [f"spurious records per 100 articles {rate:.2f} > ceiling {entry.spurious_per_100:.2f}"]


def remeasure(root: Path, baseline: Baseline, *, allow_lower: bool = False) -> tuple[Baseline, list[str], list[str]]:
    """Measure every present corpus again: (new baseline, changes, refused drops).

    When a score fell below its floor and ``allow_lower`` is false, that corpus' entry is kept
    as it was and the drops are returned, so the caller can refuse to write.
    """
    corpora: dict[str, CorpusBaseline] = {}
    changes: list[str] = []
    refused: list[str] = []
    for name, entry in baseline.corpora.items():
        if not is_present(root, entry):
            corpora[name] = entry
            continue
        digest = corpus_digest(root, entry)
        scores = score_corpus(root, entry)
        measured = f1_by_kind(scores)
        slots = slot_accuracy(scores)
        lowered = drops(entry.f1, measured) + drops(entry.slots, slots) + rises(entry, scores)
        if lowered and not allow_lower:
            refused += [f"corpus {name!r}: {message}" for message in lowered]
            corpora[name] = entry
            continue
        if digest != entry.sha256:
            changes.append(f"corpus {name!r}: sha256 {(entry.sha256 or 'none')[:12]} -> {digest[:12]}")
        for kind, value in [*measured.items(), *slots.items()]:
            old = (entry.slots if "." in kind else entry.f1).get(kind)
            if old is None or abs(old - value) > TOLERANCE:
                changes.append(f"corpus {name!r}: {kind}: {'none' if old is None else f'{old:.4f}'} -> {value:.4f}")
        update: dict[str, object] = {"sha256": digest, "f1": measured, "slots": slots}
        if entry.spurious_per_100 is not None:
            rate = spurious_rate(scores)
            if abs(rate - entry.spurious_per_100) > TOLERANCE:
                changes.append(f"corpus {name!r}: spurious per 100: {entry.spurious_per_100:.2f} -> {rate:.2f}")
            update["spurious_per_100"] = rate
        corpora[name] = entry.model_copy(update=update)
    return Baseline(comment=baseline.comment, corpora=corpora), changes, refused
