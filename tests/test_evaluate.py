"""evaluate(): each matching rule on small hand-made cases built from the seeds' gold."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path
from typing import Any

import pytest

import geodefence
from evaluation_helpers import (
    DOC_NATO,
    DOC_RU,
    REQUIRED_IN_SEEDS,
    SEEDS_GOLD,
    ev,
    org,
    perfect,
    seeds_gold,
    state,
    when,
)
from geodefence import Scores, evaluate
from geodefence.errors import InputError
from geodefence.evaluation.assign import best_pairing
from geodefence.evaluation.compare import GOLD_TYPES, RULES, same_name, same_names, topic_contains
from geodefence.evaluation.scores import Counts
from geodefence.kinds import KINDS
from geodefence.records import Actor, Agreement, Document, Exercise, Stance


def _doc(docs: list[Document], doc_id: str) -> Document:
    return next(d for d in docs if d.doc_id == doc_id)


def _counts(scores: Scores, kind: str) -> tuple[int, int, int]:
    k = scores.kinds[kind]
    return (k.tp, k.fp, k.fn)


def test_perfect_output_scores_one() -> None:
    scores = evaluate(SEEDS_GOLD, perfect())
    assert scores.overall == Counts.of(REQUIRED_IN_SEEDS, 0, 0)
    assert scores.f1 == 1.0
    assert all(k.f1 == 1.0 for k in scores.kinds.values())
    assert (scores.misses, scores.spurious, scores.slot_errors) == ([], [], [])
    scored = [s for k in scores.kinds.values() for s in k.slots.values() if s.total]
    assert scored and all(s.accuracy == 1.0 for s in scored)
    assert scores.kinds["visit"].slots["places"].total == 2


def test_optional_records_are_neither_rewarded_nor_penalised() -> None:
    with_optional = evaluate(seeds_gold(), perfect(with_optional=True))
    without = evaluate(seeds_gold(), perfect(with_optional=False))
    assert with_optional.overall == without.overall == Counts.of(REQUIRED_IN_SEEDS, 0, 0)


def test_a_second_prediction_for_an_optional_record_is_spurious() -> None:
    docs = perfect()
    _doc(docs, DOC_NATO).agreements.append(Agreement(parties=[org("NATO"), state("UZB")], evidence=ev("again", "r.x")))
    scores = evaluate(seeds_gold(), docs)
    assert _counts(scores, "agreement") == (2, 1, 0)
    assert [(s.key, s.rule) for s in scores.spurious] == [("NATO+UZB", "r.x")]


def test_missing_record_is_a_false_negative_with_its_evidence() -> None:
    docs = perfect()
    _doc(docs, DOC_RU).visits.clear()
    scores = evaluate(seeds_gold(), docs)
    assert _counts(scores, "visit") == (1, 0, 1)
    assert scores.overall == Counts.of(REQUIRED_IN_SEEDS - 1, 0, 1)
    assert [(m.doc, m.kind, m.key) for m in scores.misses] == [(DOC_RU, "visit", "RUS->UZB")]
    assert scores.misses[0].evidence.startswith("Russian Defense Minister Andrei Belousov")


def test_spurious_record_is_a_false_positive_with_its_rule() -> None:
    docs = perfect()
    _doc(docs, DOC_RU).exercises.append(
        Exercise(participants=[state("RUS"), state("UZB")], evidence=ev("joint drills", "exercise.drill") + ev("later"))
    )
    scores = evaluate(seeds_gold(), docs)
    assert _counts(scores, "exercise") == (1, 1, 0)
    assert scores.overall == Counts.of(REQUIRED_IN_SEEDS, 1, 0)
    [spurious] = scores.spurious
    assert (spurious.kind, spurious.key, spurious.evidence, spurious.rule) == (
        "exercise",
        "RUS+UZB",
        "joint drills",
        "exercise.drill",
    )


def test_wrong_position_is_one_miss_and_one_spurious() -> None:
    docs = perfect()
    stance = _doc(docs, DOC_RU).stances[0]
    assert stance.position == "withhold"
    stance.position = "oppose"  # type: ignore[assignment]
    scores = evaluate(seeds_gold(), docs)
    assert _counts(scores, "stance") == (4, 1, 1)
    assert [m.key for m in scores.misses] == ["UZB withhold RUS"]
    assert [s.key for s in scores.spurious] == ["UZB oppose RUS"]


def test_wrong_date_counts_against_the_slot_not_the_record() -> None:
    docs = perfect()
    _doc(docs, DOC_RU).agreements[1].date = when("2016")
    scores = evaluate(seeds_gold(), docs)
    assert _counts(scores, "agreement") == (2, 0, 0)
    date = scores.kinds["agreement"].slots["date"]
    assert (date.correct, date.total, date.accuracy) == (0, 1, 0.0)
    [error] = scores.slot_errors
    assert (error.key, error.slot, error.gold, error.predicted) == ("RUS+UZB", "date", "2017", "2016")


@pytest.mark.parametrize("predicted", ["2024", "2024-04-01", None])
def test_a_date_must_match_at_the_gold_precision(predicted: str | None) -> None:
    docs = perfect()
    _doc(docs, DOC_NATO).exercises[0].start = when(predicted) if predicted else None
    scores = evaluate(seeds_gold(), docs)
    assert _counts(scores, "exercise") == (1, 0, 0)
    assert scores.kinds["exercise"].slots["date"].correct == 0


def test_repeated_keys_pair_on_the_most_agreeing_slots() -> None:
    docs = perfect()
    ru = _doc(docs, DOC_RU)
    ru.agreements.reverse()  # first-come pairing would now cross the two RUS+UZB agreements
    scores = evaluate(seeds_gold(), docs)
    assert _counts(scores, "agreement") == (2, 0, 0)
    assert scores.slot_errors == []


def test_repeated_keys_prefer_a_required_gold_record_over_an_optional_one() -> None:
    gold = [
        {
            "doc": "d",
            "stances": [
                {
                    "holder": "UZB",
                    "target": None,
                    "position": "oppose",
                    "topic": ["drills"],
                    "optional": True,
                    "evidence": "a",
                },
                {"holder": "UZB", "target": None, "position": "oppose", "topic": ["sanctions"], "evidence": "b"},
            ],
        }
    ]
    pred = Document(doc_id="d", stances=[Stance(holder=state("UZB"), position="oppose", topic="the drills", cue="c")])
    scores = evaluate(gold, [pred])
    assert _counts(scores, "stance") == (1, 0, 0)
    assert scores.kinds["stance"].slots["topic"].accuracy == 0.0


def test_extra_repeats_of_one_record_are_spurious() -> None:
    docs = perfect()
    ru = _doc(docs, DOC_RU)
    ru.visits.append(ru.visits[0].model_copy())
    scores = evaluate(seeds_gold(), docs)
    assert _counts(scores, "visit") == (2, 1, 0)


def test_topic_key_words_must_all_be_in_the_predicted_topic() -> None:
    assert topic_contains(["invasion", "Ukraine"], "Russia’s INVASION of Ukraine")
    assert not topic_contains(["invasion", "Ukraine"], "the war in Ukraine")
    assert not topic_contains(["cooperation"], None)
    assert topic_contains(["Partnership for Peace"], "engagement through the partnership for peace")
    docs = perfect()
    _doc(docs, DOC_RU).stances[0].topic = "the war in Ukraine"
    _doc(docs, DOC_RU).stances[1].topic = None  # gold topic is []: nothing to check
    scores = evaluate(seeds_gold(), docs)
    topic = scores.kinds["stance"].slots["topic"]
    assert (topic.correct, topic.total) == (2, 3)
    assert [(e.key, e.gold, e.predicted) for e in scores.slot_errors] == [
        ("UZB withhold RUS", ["invasion", "Ukraine"], "the war in Ukraine")
    ]


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("Andrei Belousov", "Belousov", True),
        ("Belousov", "Gen. Andrei  BELOUSOV", True),
        ("Chimyon Mountain Training Centre", "the Chimyon Mountain Training Centre", True),
        ("Ali", "Alisher Navoi", False),
        ("Tashkent", "", False),
        ("Tashkent", None, False),
        # accents are not part of the comparison: analysts write names either way
        ("Brasilia", "Brasília", True),
        ("Recep Tayyip Erdoğan", "Erdogan", True),
        ("Brasilia", "Brasil", False),
    ],
)
def test_names_match_when_one_contains_the_other_as_whole_words(
    gold: str, predicted: str | None, expected: bool
) -> None:
    assert same_name(gold, predicted) is expected


def test_name_lists_match_one_to_one_in_any_order() -> None:
    assert same_names(["Andrei Belousov", "Tashkent"], ["tashkent", "Belousov"])
    assert not same_names(["Tashkent"], ["Tashkent", "Tashkent"])
    assert not same_names(["Samarkand", "Tashkent"], ["Tashkent", "Tashkent"])
    assert same_names([], [])


def test_visitor_person_needs_a_person_visitor() -> None:
    docs = perfect()
    _doc(docs, DOC_NATO).visits[0].visitor = Actor(name="NATO delegation", type="organization", code="NATO")
    scores = evaluate(seeds_gold(), docs)
    assert _counts(scores, "visit") == (2, 0, 0)
    person_slot = scores.kinds["visit"].slots["visitor_person"]
    assert (person_slot.correct, person_slot.total) == (1, 2)


def test_an_actor_without_a_code_never_matches() -> None:
    docs = perfect()
    _doc(docs, DOC_NATO).exercises[0].participants[0] = Actor(name="NATO trainers", type="military_unit")
    scores = evaluate(seeds_gold(), docs)
    assert _counts(scores, "exercise") == (0, 1, 1)
    assert scores.spurious[0].key == "?NATO trainers+UZB"


def test_documents_missing_from_either_side_are_listed() -> None:
    docs = [_doc(perfect(), DOC_RU), Document(doc_id="elsewhere", visits=[])]
    scores = evaluate(seeds_gold(), docs)
    assert scores.missing_predictions == [DOC_NATO]
    assert scores.unscored_documents == ["elsewhere"]
    assert scores.overall == Counts.of(7, 0, 3)


def test_predictions_may_be_dicts_or_a_path(tmp_path: Path) -> None:
    docs = perfect()
    path = tmp_path / "pred.jsonl"
    path.write_text("".join(d.model_dump_json() + "\n" for d in docs), encoding="utf-8")
    as_dicts = [d.model_dump(mode="json") for d in docs]
    assert evaluate(SEEDS_GOLD, path) == evaluate(SEEDS_GOLD, as_dicts) == evaluate(seeds_gold(), docs)


def _bad_gold_line(line: dict[str, Any]) -> dict[str, Any]:
    line["visits"][0]["vistor"] = line["visits"][0].pop("visitor")
    return line


def test_bad_gold_names_file_line_and_field(tmp_path: Path) -> None:
    lines = seeds_gold()
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(lines[0]) + "\n\n" + json.dumps(_bad_gold_line(lines[1])) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.jsonl:3: .*visits\.0\.visitor"):
        evaluate(path, [])
    path.write_text(json.dumps(lines[0]) + "\n" + json.dumps(lines[0]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r":2: doc '000_88cbdd5c666ac28b' already given on line 1"):
        evaluate(path, [])
    with pytest.raises(InputError, match="appears twice in the predictions"):
        evaluate(seeds_gold(), perfect() + perfect())


def test_counts_of_empty_sides() -> None:
    assert Counts.of(0, 0, 0).f1 == 1.0
    assert (Counts.of(0, 2, 0).precision, Counts.of(0, 2, 0).recall, Counts.of(0, 2, 0).f1) == (0.0, 0.0, 0.0)
    assert (Counts.of(0, 0, 3).precision, Counts.of(0, 0, 3).f1) == (0.0, 0.0)
    assert Counts.of(1, 1, 1).f1 == pytest.approx(0.5)


def test_the_registries_agree() -> None:
    assert list(RULES) == list(KINDS) == list(GOLD_TYPES)
    for kind, rules in RULES.items():
        fields = GOLD_TYPES[kind].model_fields
        assert all(slot.name in fields for slot in rules.slots), kind
    assert geodefence.evaluate is evaluate and "Scores" in geodefence.__all__


def _brute_force(weights: list[list[int]]) -> int:
    n, m = len(weights), len(weights[0])
    if n <= m:
        return max(sum(weights[i][p[i]] for i in range(n)) for p in itertools.permutations(range(m), n))
    return max(sum(weights[p[j]][j] for j in range(m)) for p in itertools.permutations(range(n), m))


def test_pairing_is_optimal_and_one_to_one() -> None:
    rng = random.Random(20240417)
    for _ in range(300):
        n, m = rng.randint(1, 5), rng.randint(1, 5)
        weights = [[rng.randint(0, 9) for _ in range(m)] for _ in range(n)]
        pairs = best_pairing(weights)
        assert len(pairs) == min(n, m)
        assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
        assert sum(weights[i][j] for i, j in pairs) == _brute_force(weights)
