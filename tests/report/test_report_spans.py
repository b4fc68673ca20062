"""Overlapping evidence spans nest into marks that cover exactly their text (report/spans.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geodefence.report.spans import Node, covered, flatten, nest

TEXT = "Russia and Uzbekistan signed a plan in Tashkent."

CASES = [
    # (id, spans, expected tree)
    ("no spans", [], [TEXT]),
    (
        "disjoint",
        [(0, 6, 0), (11, 21, 1)],
        [(0, ["Russia"]), " and ", (1, ["Uzbekistan"]), " signed a plan in Tashkent."],
    ),
    (
        "slot inside a record's span",
        [(0, 21, 0), (11, 21, 1)],
        [(0, ["Russia and ", (1, ["Uzbekistan"])]), " signed a plan in Tashkent."],
    ),
    (
        "the longer span opens first whatever the order given",
        [(11, 21, 1), (0, 21, 0)],
        [(0, ["Russia and ", (1, ["Uzbekistan"])]), " signed a plan in Tashkent."],
    ),
    (
        "identical spans: the first given is outside",
        [(39, 47, 0), (39, 47, 1), (39, 47, 2)],
        [TEXT[:39], (0, [(1, [(2, ["Tashkent"])])]), "."],
    ),
    (
        "a crossing span is cut where the outer one ends and goes on after it",
        [(0, 21, 0), (11, 28, 1)],
        [(0, ["Russia and ", (1, ["Uzbekistan"])]), (1, [" signed"]), " a plan in Tashkent."],
    ),
    (
        "empty and out-of-range spans are left out",
        [(5, 5, 0), (40, 99, 1), (-1, 3, 2), (0, 6, 3)],
        [(3, ["Russia"]), TEXT[6:]],
    ),
    ("a span over the whole text", [(0, len(TEXT), 0)], [(0, [TEXT])]),
]


@pytest.mark.parametrize(("spans", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_nest(spans: list[tuple[int, int, int]], expected: list[Node]) -> None:
    tree = nest(TEXT, spans)
    assert tree == expected
    assert flatten(tree) == TEXT


def _no_self_nesting(nodes: list[Node], open_ids: frozenset[int] = frozenset()) -> bool:
    for node in nodes:
        if isinstance(node, str):
            continue
        if node[0] in open_ids or not _no_self_nesting(node[1], open_ids | {node[0]}):
            return False
    return True


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, int]]]:
    text = draw(st.text(alphabet="ab <>&\n\u2019", min_size=1, max_size=40))
    bounds = st.integers(min_value=0, max_value=len(text))
    pairs = draw(st.lists(st.tuples(bounds, bounds), max_size=12))
    return text, [(min(a, b), max(a, b), i) for i, (a, b) in enumerate(pairs)]


@given(text_and_spans())
def test_every_span_covers_exactly_its_text(case: tuple[str, list[tuple[int, int, int]]]) -> None:
    text, spans = case
    tree = nest(text, spans)
    assert flatten(tree) == text
    drawn = covered(tree)
    assert drawn == {i: text[s:e] for s, e, i in spans if s < e}
    assert _no_self_nesting(tree)
