"""The word scanner gives exactly the matches of the single alternation it replaces (text.dispatch)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geodefence.kinds import agreement_rules, stance, visit
from geodefence.text.dispatch import WordScanner, first_letters
from real_news import items

PAIRS = {
    "stance": (stance._CUE_RE, stance._CUE_SCAN),
    "visit": (visit._TRIGGER_RE, visit._TRIGGER_SCAN),
    "agreement": (agreement_rules.NOUN_RE, agreement_rules.NOUN_SCAN),
}
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _spans(matches: object) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", sorted(PAIRS))
def test_same_matches_on_the_seeds_and_real_news(kind: str) -> None:
    regex, scanner = PAIRS[kind]
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [item["text"] for item in items("whitehouse.jsonl")][:300]
    texts += [item["text"] for item in items("wikinews-defence.jsonl")]
    assert texts
    for text in texts:
        assert _spans(scanner.finditer(text)) == _spans(regex.finditer(text))


WORDS = [
    "condemned", "Condemned", "support", "supports", "for", "Ukraine", "Russia's", "welcomed", "We", "we", "reaffirmed",
    "their", "commitment", "to", "the", "visited", "met", "with", "signed", "an", "agreement", "MoU", "Framework", "talks",
    "in", "Kyiv", "urged", "Iran", "not", "has", "abstained", "é", "-", ",", ".", " ", "  ", "'s", "\"", "deepen", "ties",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_same_matches_on_any_run_of_words(words: list[str]) -> None:
    text = " ".join(words)
    for regex, scanner in PAIRS.values():
        assert _spans(scanner.finditer(text)) == _spans(regex.finditer(text))


def test_first_letters_are_a_superset_of_what_a_pattern_can_begin_with() -> None:
    assert first_letters(r"condemn(?:ed|s)?|deplor(?:e|ed)") == frozenset("cd")
    assert first_letters(r"(?<=[Ww]e )welcome") == frozenset("w")
    assert first_letters(r"(?:its|[A-Z][\w.-]+'s) support") == frozenset("i" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert first_letters(r"(?i:treaty)") == frozenset("tT")
    assert first_letters(r"treaty", re.IGNORECASE) == frozenset("tT")
    # unbounded starts are tried at every word: never a missed match
    assert first_letters(r"[^x]bc") == frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    assert first_letters(r"(?:a)?") == first_letters(r".")


def test_a_row_is_only_tried_where_it_can_begin() -> None:
    scanner = WordScanner([r"alpha", r"beta|Alpha"], "r")
    assert _spans(scanner.finditer("beta alpha Alpha gamma")) == [(0, 4, "r1"), (5, 10, "r0"), (11, 16, "r1")]
