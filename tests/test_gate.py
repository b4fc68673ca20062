"""The trigger gate skips sentences, never records: coverage of every trigger, identical output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geodefence.kinds import GATE, KINDS, agreement_rules, exercise, stance, visit
from geodefence.parts import text_sha256
from geodefence.text.analysis import analyse
from geodefence.text.gate import Gate
from geodefence.text.normalise import normalise

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "tests" / "dev" / "texts").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))

TRIGGERS: dict[str, list[re.Pattern[str]]] = {
    "agreement": [agreement_rules.NOUN_RE],
    "visit": [visit._TRIGGER_RE],
    "exercise": [exercise._TRIGGER_RE],
    "stance": [stance._CUE_RE],
}


def _has_stem(kind: str, matched: str) -> bool:
    gate = Gate({kind: KINDS[kind].gate})
    return bool(gate.sentences(matched, [0])[kind])


@pytest.mark.parametrize("kind", list(TRIGGERS))
def test_every_trigger_match_contains_a_stem_of_its_kind(kind: str) -> None:
    misses = []
    for path in TEXTS:
        text = normalise(path.read_text(encoding="utf-8")).text
        for pattern in TRIGGERS[kind]:
            for m in pattern.finditer(text):
                if not _has_stem(kind, m.group(0)):
                    misses.append(f"{path.name}: {m.group(0)!r}")
    assert misses == []


def test_stems_are_word_beginnings_and_whole_words() -> None:
    gate = Gate({"x": ["pact", "plan$"]})
    text = "The impact was large. A planet. They planned. A new plan. The pact holds."
    starts = [0, 22, 32, 46, 58]
    assert gate.sentences(text, starts)["x"] == {3, 4}


@pytest.mark.parametrize("path", TEXTS[::2], ids=lambda p: p.stem)
def test_gated_extraction_equals_ungated(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    gated, ungated = analyse(text, None, GATE), analyse(text, None, None)
    for name, spec in KINDS.items():
        a = [r.model_dump() for r in spec.extract(gated)]
        b = [r.model_dump() for r in spec.extract(ungated)]
        assert a == b, (name, text_sha256(text)[:8])
