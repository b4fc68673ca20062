"""How a predicted record is compared with a gold record: its key and its slots, per kind.

A record matches a gold record on its key; the slots the gold gives are then scored one by one.
The rules (documented in ``docs/gold-format.md``):

- names (signatories, places, persons, exercise names) match when, after normalisation
  (Unicode NFKC, case folded, every run of non-alphanumeric characters made one space), one
  contains the other as whole words: ``Belousov`` matches ``Andrei Belousov``;
- lists of names match when they pair up one to one under that rule;
- dates match exactly (``2024-04`` is not ``2024``: precision is part of the answer);
- troops match as integers;
- a stance's topic matches when the predicted phrase contains every gold key word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from geodefence.evaluation.gold import GoldAgreement, GoldExercise, GoldRecord, GoldStance, GoldVisit
from geodefence.kinds import Agreement, Exercise, Record, Stance, Visit
from geodefence.parts import Actor, DateValue, Place

SlotValue = str | int | list[str] | None
"""A slot's value as scored and reported: a name, date, count, list of names, or nothing."""

_NON_WORD = re.compile(r"[^\w]+|_+")


def normalise(text: str) -> str:
    """Casefold, NFKC, accents dropped, punctuation and whitespace runs to one space: the form names
    are compared in ("Brasília" and "Brasilia", "Erdoğan" and "Erdogan" are one name)."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", bare).casefold()).strip()


def same_name(gold: str, predicted: str | None) -> bool:
    """True when one name contains the other as whole words (names may carry more or fewer words)."""
    if predicted is None:
        return False
    a, b = normalise(gold), normalise(predicted)
    if not a or not b:
        return False
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


def same_names(gold: Sequence[str], predicted: Sequence[str]) -> bool:
    """True when the two lists pair up one to one under :func:`same_name` (order does not matter)."""
    if len(gold) != len(predicted):
        return False
    owner: dict[int, int] = {}  # predicted index -> gold index

    def place(g: int, seen: set[int]) -> bool:
        # Kuhn's augmenting path: small lists, exact answer.
        for p, name in enumerate(predicted):
            if p in seen or not same_name(gold[g], name):
                continue
            seen.add(p)
            if p not in owner or place(owner[p], seen):
                owner[p] = g
                return True
        return False

    return all(place(g, set()) for g in range(len(gold)))


def same_value(gold: object, predicted: object) -> bool:
    """Exact equality: dates at their precision, troop counts."""
    return gold == predicted


def topic_contains(gold: Sequence[str], predicted: str | None) -> bool:
    """True when the predicted topic contains every gold key word (case and punctuation ignored)."""
    if predicted is None:
        return False
    phrase = f" {normalise(predicted)} "
    return all(normalise(word) and normalise(word) in phrase for word in gold)


def given(value: object) -> bool:
    """A gold slot is scored only when the gold gives it: not null and not an empty list."""
    return value is not None and value != []


def _code(actor: Actor | None) -> str | None:
    """An actor's code; an actor without one keys as ``?name`` so it can never match a gold code."""
    if actor is None:
        return None
    return actor.code if actor.code else f"?{actor.name}"


def _date(value: DateValue | None) -> str | None:
    return value.value if value is not None else None


def _place(value: Place | None) -> str | None:
    return value.name if value is not None else None


def _names(items: Sequence[Actor | Place]) -> list[str]:
    return [item.name for item in items]


@dataclass(frozen=True)
class Slot:
    """One scored slot: how to read it from gold and prediction, and when the two agree."""

    name: str
    gold: Callable[[Any], SlotValue]
    predicted: Callable[[Any], SlotValue]
    agree: Callable[[Any, Any], bool]


@dataclass(frozen=True)
class KindRules:
    """How one record kind is keyed, shown and scored."""

    gold_key: Callable[[Any], Hashable]
    predicted_key: Callable[[Any], Hashable]
    show_key: Callable[[Any], str]
    slots: tuple[Slot, ...]


def _show_set(key: Any) -> str:
    return "+".join(sorted(key))


def _show_pair(key: Any) -> str:
    return f"{key[0]}->{key[1]}"


def _show_stance(key: Any) -> str:
    holder, target, position = key
    return f"{holder} {position} {target if target is not None else '-'}"


def _agreement_key(record: Agreement) -> frozenset[str]:
    return frozenset(_code(p) or "" for p in record.parties)


def _visit_person(record: Visit) -> str | None:
    visitor = record.visitor
    return visitor.name if visitor is not None and visitor.type == "person" else None


def _exercise_key(record: Exercise) -> frozenset[str]:
    return frozenset(_code(p) or "" for p in record.participants)


def _stance_key(record: Stance) -> tuple[str | None, str | None, str]:
    position = record.position
    return (_code(record.holder), _code(record.target), str(getattr(position, "value", position)))


RULES: dict[str, KindRules] = {
    "agreement": KindRules(
        gold_key=lambda g: frozenset(g.parties),
        predicted_key=_agreement_key,
        show_key=_show_set,
        slots=(
            Slot("date", lambda g: g.date, lambda p: _date(p.date), same_value),
            Slot("valid_until", lambda g: g.valid_until, lambda p: _date(p.valid_until), same_value),
            Slot("signatories", lambda g: g.signatories, lambda p: _names(p.signatories), same_names),
            Slot("location", lambda g: g.location, lambda p: _place(p.location), same_name),
        ),
    ),
    "visit": KindRules(
        gold_key=lambda g: (g.visitor, g.host),
        predicted_key=lambda p: (p.visitor_party, _code(p.host)),
        show_key=_show_pair,
        slots=(
            Slot("visitor_person", lambda g: g.visitor_person, _visit_person, same_name),
            Slot("date", lambda g: g.date, lambda p: _date(p.date), same_value),
            Slot("met_with", lambda g: g.met_with, lambda p: _names(p.met_with), same_names),
            Slot("places", lambda g: g.places, lambda p: _names(p.places), same_names),
        ),
    ),
    "exercise": KindRules(
        gold_key=lambda g: frozenset(g.participants),
        predicted_key=_exercise_key,
        show_key=_show_set,
        slots=(
            Slot("name", lambda g: g.name, lambda p: p.name, same_name),
            Slot("date", lambda g: g.date, lambda p: _date(p.start), same_value),
            Slot("end", lambda g: g.end, lambda p: _date(p.end), same_value),
            Slot("location", lambda g: g.location, lambda p: _place(p.location), same_name),
            Slot("troops", lambda g: g.troops, lambda p: p.troops, same_value),
        ),
    ),
    "stance": KindRules(
        gold_key=lambda g: (g.holder, g.target, g.position),
        predicted_key=_stance_key,
        show_key=_show_stance,
        slots=(Slot("topic", lambda g: g.topic, lambda p: p.topic, topic_contains),),
    ),
}
"""Keys and slots per record kind, in the order of :data:`geodefence.kinds.KINDS`."""

def _as_prediction(slot: Slot) -> Slot:
    """The slot read from a second gold record: lists of topic words become the phrase they make."""
    read = slot.gold
    if slot.agree is topic_contains:
        return Slot(slot.name, read, lambda g: " ".join(g.topic), slot.agree)
    return Slot(slot.name, read, read, slot.agree)


ANNOTATOR_RULES: dict[str, KindRules] = {
    name: KindRules(
        gold_key=rules.gold_key,
        predicted_key=rules.gold_key,
        show_key=rules.show_key,
        slots=tuple(_as_prediction(slot) for slot in rules.slots),
    )
    for name, rules in RULES.items()
}
"""The same keys and slots with gold records on both sides: one annotator scored against another."""

GOLD_TYPES: dict[str, type[GoldRecord]] = {
    "agreement": GoldAgreement,
    "visit": GoldVisit,
    "exercise": GoldExercise,
    "stance": GoldStance,
}
"""The gold model of each kind (used by tests to check the two registries agree)."""


def slot_results(
    rules: KindRules, gold: GoldRecord, predicted: Record | GoldRecord
) -> list[tuple[Slot, SlotValue, SlotValue, bool]]:
    """Each slot the gold gives: (slot, gold value, predicted value, whether they agree)."""
    out = []
    for slot in rules.slots:
        want = slot.gold(gold)
        if not given(want):
            continue
        got = slot.predicted(predicted)
        out.append((slot, want, got, slot.agree(want, got)))
    return out
