"""Quality has a floor: extraction on the annotated corpora must not fall below quality/baseline.json.

Raise the floors after an improvement with ``python scripts/update_baseline.py`` (see
docs/gold-format.md); the test also fails when a corpus changed without the baseline being
measured again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from geodefence.evaluation.baseline import check_corpus, is_present, load_baseline

ROOT = Path(__file__).resolve().parents[1]
BASELINE = load_baseline(ROOT / "quality" / "baseline.json")


@pytest.mark.parametrize("name", list(BASELINE.corpora))
def test_extraction_stays_at_or_above_its_floors(name: str) -> None:
    entry = BASELINE.corpora[name]
    if not is_present(ROOT, entry):
        message = f"corpus {name!r}: {entry.gold} or {entry.texts}/ is absent"
        if entry.required:
            pytest.fail(message)
        pytest.skip(f"{message}: its floors are checked where ../shared/realnews sits beside the project")
    problems = check_corpus(ROOT, name, entry)
    assert not problems, "\n".join(problems)


def test_the_seeds_are_pinned() -> None:
    seeds = BASELINE.corpora["seeds"]
    assert seeds.required and seeds.sha256 and set(seeds.f1) == {"agreement", "visit", "exercise", "stance", "overall"}
