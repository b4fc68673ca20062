"""Draw the real-news gold sample and its dev/test split, once, with fixed seeds.

Reads ``../shared/realnews`` and writes ``tests/real/selection.json``: every chosen item's id,
the shared file it lives in, why it was drawn and its split. Run again, it writes the same file
(the seeds and the rules below are the record of how the sample was made; see
``tests/real/README.md``).

- all of ``wikinews-defence.jsonl``;
- from ``whitehouse.jsonl``: every item that names a military exercise (``NAMED_EXERCISE_ITEMS``:
  candidates found with ``EXERCISE_CANDIDATE`` and read by hand), then items of at most 8,000
  characters drawn at random to reach ``WHITEHOUSE_TOTAL``;
- from ``wikinews-all.jsonl``: ``ORDINARY_TOTAL`` items not in the defence file, at random;
- the union split at random into real-dev (60 %) and real-test (40 %), and ``DOUBLE_TOTAL`` items
  of at most 8,000 characters drawn for a second, independent annotation;
- later, a second batch for real-dev only (``EXTRA_SEED``; real-test is left as it was): White
  House items of at most 8,000 characters at random, and Wikinews items outside the defence file
  that read as defence or foreign-policy news (``POLICY_WORDS`` at least ``POLICY_HITS`` times),
  ``EXTRA_EACH`` of each, none drawn before; then a third batch the same way (``THIRD_SEED``,
  ``THIRD_EACH`` of each; three policy words suffice, four leave too few items), scored once before
  any rule was written from it; then a fourth (``FOURTH_SEED``: ``FOURTH_WHITEHOUSE`` White House
  items and the ``FOURTH_WIKINEWS`` Wikinews items with three policy words that were left), scored
  once before any rule was written from it; then a fifth (``FIFTH_SEED``: ``FIFTH_WHITEHOUSE`` White
  House items and ``FIFTH_WIKINEWS`` Wikinews items with two policy words, as none with three were
  left), drawn late in the third session to measure its rules on text they were not written from;
  then a sixth the same way (``SIXTH_SEED``), and a seventh (``SEVENTH_SEED``: 43 White House and the
  5 Wikinews items with two policy words that were left), each scored once before any rule was
  written from it; then an eighth (fourth session), drawn for the two kinds real-dev holds least
  of: every item not drawn before that speaks of military exercises or drills
  (``EIGHTH_EXERCISE``, at most ``EIGHTH_MAX_CHARS`` characters) or signs an instrument in one
  sentence (``EIGHTH_AGREEMENT``, at most ``MAX_CHARS``), scored once before any rule was written
  from it; then a ninth (``NINTH_SEED``: ``NINTH_WHITEHOUSE`` White House items at random, as no
  Wikinews item with two policy words is left), to measure the fourth session's rules on text
  they were not written from; then a tenth the same way (``TENTH_SEED``), drawn late in the fourth
  session to measure its rules once more; then an eleventh the same way (``ELEVENTH_SEED``), drawn
  early in the fifth session, after its first rules, to measure them on text they were not written
  from; then a twelfth the same way (``TWELFTH_SEED``), after the rules written from the eleventh;
  then a thirteenth the same way (``THIRTEENTH_SEED``), after the rules written from the twelfth;
  then a fourteenth drawn for agreements (no sampling): every item not drawn before, of at most
  ``MAX_CHARS``, that names an instrument twice or more (``FOURTEENTH_AGREEMENT``).
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

from geodefence.evaluation.texts import abbreviate

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "realnews"
OUT = ROOT / "tests" / "real" / "selection.json"

SEED = 20261127
WHITEHOUSE_TOTAL = 125
ORDINARY_TOTAL = 65
DOUBLE_TOTAL = 45
DEV_SHARE = 0.6
MAX_CHARS = 8000
EXTRA_SEED = 20261128
EXTRA_EACH = 36
THIRD_SEED = 20261129
THIRD_EACH = 24
FOURTH_SEED = 20261130
FOURTH_WHITEHOUSE = 36
FOURTH_WIKINEWS = 12
FIFTH_SEED = 20261131
FIFTH_WHITEHOUSE = 36
FIFTH_WIKINEWS = 12
SIXTH_SEED = 20261201
SIXTH_WHITEHOUSE = 36
SIXTH_WIKINEWS = 12
SEVENTH_SEED = 20261202
SEVENTH_WHITEHOUSE = 43
SEVENTH_WIKINEWS = 5
NINTH_SEED = 20261204
NINTH_WHITEHOUSE = 36
TENTH_SEED = 20261205
TENTH_WHITEHOUSE = 36
ELEVENTH_SEED = 20261206
ELEVENTH_WHITEHOUSE = 36
TWELFTH_SEED = 20261207
TWELFTH_WHITEHOUSE = 36
THIRTEENTH_SEED = 20261208
THIRTEENTH_WHITEHOUSE = 36
EIGHTH_MAX_CHARS = 20000
EIGHTH_EXERCISE = re.compile(
    r"\b(?:military|naval|joint|air|war|combined|multinational|maritime|live-fire)\s+"
    r"(?:exercises?|drills?|manoeuvres|maneuvers)\b",
    re.IGNORECASE,
)
"""The eighth batch's exercise candidates: an item that speaks of military exercises or drills."""
EIGHTH_AGREEMENT = re.compile(
    r"\bsign(?:ed|s|ing)\b[^.]{0,80}\b(?:agreement|treaty|memorandum|accord|deal|pact|MOU|MoU)\b", re.IGNORECASE
)
"""The eighth batch's agreement candidates: an instrument signed within one sentence."""
FOURTEENTH_AGREEMENT = re.compile(
    r"\b(?:agreements?|treat(?:y|ies)|accords?|memorand(?:um|a) of understanding|MOUs?|ceasefire|truce|pact)\b", re.IGNORECASE
)
"""The fourteenth batch's candidates: items naming an instrument at least twice."""
POLICY_HITS = 4
POLICY_WORDS = re.compile(
    r"\b(?:minister|ministry|military|troops|army|navy|defen[cs]e|treaty|agreement|sanctions|summit|condemn\w*|"
    r"visit\w*|exercises?|missiles?|embassy|ambassador|president|prime minister|talks)\b",
    re.IGNORECASE,
)
"""Words of defence and foreign-policy news, for the second batch's Wikinews items."""

EXERCISE_CANDIDATE = re.compile(
    r"Exercises? [A-Z][A-Za-z]+|[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)* (?:military |naval |multinational |"
    r"maritime |multi-domain |tri-service )*(?:exercises?|drills?)\b|exercise,? [A-Z“\"]|[A-Z]{4,}(?: [A-Z]{3,})+"
)
"""Finds candidate mentions of a named exercise; each candidate item was then read by hand."""

NAMED_EXERCISE_ITEMS: dict[str, str] = {
    "wh-2021-04-15-fact-sheet-imposing-costs-for-harmful-foreign-": "Cyber Flag",
    "wh-2021-08-02-statement-by-nsc-spokesperson-emily-horne-on-n": "Garuda Shield",
    "wh-2021-10-14-statement-by-nsc-spokesperson-emily-horne-on-n": "UNITAS",
    "wh-2022-11-20-fact-sheet-vice-president-harris-launches-new-": "Balikatan, Kamandag",
    "wh-2023-03-27-readout-of-vice-president-kamala-harriss-meeti": "Flintlock",
    "wh-2023-04-26-fact-sheet-republic-of-korea-state-visit-to-th": "Ulchi Freedom Shield, Warrior Shield",
    "wh-2023-05-01-fact-sheet-investing-in-the-special-friendship": "Balikatan",
    "wh-2023-08-02-joint-statement-on-the-strategic-third-neighbo": "Khaan Quest",
    "wh-2023-09-13-fact-sheet-biden-harris-administration-strengt": "Diamond Defender",
    "wh-2023-10-25-fact-sheet-delivering-on-the-next-generation-o": "Keen Edge, Yama Sakura",
    "wh-2023-10-25-united-states-australia-joint-leaders-statemen": "Keen Edge, Yama Sakura",
    "wh-2024-05-23-fact-sheet-kenya-state-visit-to-the-united-sta": "Cutlass Express, Justified Accord",
    "wh-2024-08-17-joint-leaders-statement-on-the-anniversary-of-": "Freedom Edge",
    "wh-2024-09-21-joint-fact-sheet-the-united-states-and-india-c": "Yudh Abhyas, Tiger Triumph",
    "wh-2024-10-25-joint-readout-of-the-trilateral-national-secur": "Freedom Edge",
    "wh-2024-11-12-joint-statement-from-the-leaders-of-the-united": "Super Garuda Shield",
    "wh-2024-11-15-fact-sheet-advancing-the-united-states-peru-pa": "Resolute Sentinel",
    "wh-2024-11-15-joint-statement-of-japan-the-republic-of-korea": "Freedom Edge",
    "wh-2024-12-18-fact-sheet-the-united-states-and-india-advance": "Global Sentinel",
    "wh-2025-02-13-united-states-india-joint-leaders-statement-58": "Tiger Triumph",
}
"""White House items naming a military exercise, keyed by the first 60 characters of their id."""


def _read(name: str) -> list[dict[str, object]]:
    with (SHARED / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def select() -> dict[str, object]:
    """The sample, its reasons and its split, as written to ``selection.json``."""
    rng = random.Random(SEED)
    defence = _read("wikinews-defence.jsonl")
    allnews = _read("wikinews-all.jsonl")
    whitehouse = _read("whitehouse.jsonl")
    items: list[dict[str, str]] = [
        {"id": str(r["id"]), "file": "wikinews-defence.jsonl", "why": "defence"} for r in defence
    ]
    named = [r for r in whitehouse if str(r["id"])[:60] in NAMED_EXERCISE_ITEMS]
    if len(named) != len(NAMED_EXERCISE_ITEMS):
        sys.exit(f"expected {len(NAMED_EXERCISE_ITEMS)} named-exercise items, found {len(named)}")
    items += [{"id": str(r["id"]), "file": "whitehouse.jsonl", "why": "named exercise"} for r in named]
    chosen = {str(r["id"]) for r in named}
    short = sorted(str(r["id"]) for r in whitehouse if str(r["id"]) not in chosen and len(str(r["text"])) <= MAX_CHARS)
    for ident in rng.sample(short, WHITEHOUSE_TOTAL - len(named)):
        items.append({"id": ident, "file": "whitehouse.jsonl", "why": "random"})
    defence_ids = {str(r["id"]) for r in defence}
    ordinary = sorted(str(r["id"]) for r in allnews if str(r["id"]) not in defence_ids)
    for ident in rng.sample(ordinary, ORDINARY_TOTAL):
        items.append({"id": ident, "file": "wikinews-all.jsonl", "why": "ordinary"})
    order = sorted(item["id"] for item in items)
    rng.shuffle(order)
    dev = set(order[: round(len(order) * DEV_SHARE)])
    lengths = {str(r["id"]): len(str(r["text"])) for r in defence + allnews + whitehouse}
    short_items = sorted(item["id"] for item in items if lengths[item["id"]] <= MAX_CHARS)
    double = set(rng.sample(short_items, DOUBLE_TOTAL))
    for item in items:
        item["split"] = "dev" if item["id"] in dev else "test"
        item["chars"] = str(lengths[item["id"]])
        item["double"] = "yes" if item["id"] in double else "no"
    items += _extra(whitehouse, allnews, defence_ids, {item["id"] for item in items}, lengths)
    items += _extra(whitehouse, allnews, defence_ids, {item["id"] for item in items}, lengths, THIRD_SEED, THIRD_EACH, "third", 3)
    items += _extra(
        whitehouse, allnews, defence_ids, {item["id"] for item in items}, lengths, FOURTH_SEED, FOURTH_WHITEHOUSE, "fourth", 3, FOURTH_WIKINEWS
    )
    items += _extra(
        whitehouse, allnews, defence_ids, {item["id"] for item in items}, lengths, FIFTH_SEED, FIFTH_WHITEHOUSE, "fifth", 2, FIFTH_WIKINEWS
    )
    items += _extra(
        whitehouse, allnews, defence_ids, {item["id"] for item in items}, lengths, SIXTH_SEED, SIXTH_WHITEHOUSE, "sixth", 2, SIXTH_WIKINEWS
    )
    items += _extra(
        whitehouse, allnews, defence_ids, {item["id"] for item in items}, lengths, SEVENTH_SEED, SEVENTH_WHITEHOUSE, "seventh", 2, SEVENTH_WIKINEWS
    )
    items += _every_undrawn(whitehouse, allnews, {item["id"] for item in items}, lengths, _eighth_why)
    items += _extra(
        whitehouse, allnews, defence_ids, {item["id"] for item in items}, lengths, NINTH_SEED, NINTH_WHITEHOUSE, "ninth", 2, 0
    )
    items += _extra(
        whitehouse, allnews, defence_ids, {item["id"] for item in items}, lengths, TENTH_SEED, TENTH_WHITEHOUSE, "tenth", 2, 0
    )
    items += _extra(
        whitehouse, allnews, defence_ids, {item["id"] for item in items}, lengths, ELEVENTH_SEED, ELEVENTH_WHITEHOUSE, "eleventh", 2, 0
    )
    items += _extra(
        whitehouse, allnews, defence_ids, {item["id"] for item in items}, lengths, TWELFTH_SEED, TWELFTH_WHITEHOUSE, "twelfth", 2, 0
    )
    items += _extra(
        whitehouse, allnews, defence_ids, {item["id"] for item in items}, lengths, THIRTEENTH_SEED, THIRTEENTH_WHITEHOUSE, "thirteenth", 2, 0
    )
    items += _every_undrawn(whitehouse, allnews, {item["id"] for item in items}, lengths, _fourteenth_why)
    items.sort(key=lambda item: item["id"])
    for item in items:
        # White House ids spell out their headline: written by their two ends, so that the project
        # holds no run of the shared text (geodefence.evaluation.texts resolves the abbreviation).
        item["id"] = abbreviate(item["id"]) if item["id"].startswith("wh-") else item["id"]
    return {"seed": SEED, "items": items}


def _extra(
    whitehouse: list[dict[str, object]],
    allnews: list[dict[str, object]],
    defence_ids: set[str],
    taken: set[str],
    lengths: dict[str, int],
    seed: int = EXTRA_SEED,
    each: int = EXTRA_EACH,
    label: str = "extra",
    hits: int = POLICY_HITS,
    wikinews_each: int | None = None,
) -> list[dict[str, str]]:
    """A later real-dev batch: items drawn with their own seed, after the earlier samples were fixed."""
    rng = random.Random(seed)
    wh = sorted(str(r["id"]) for r in whitehouse if str(r["id"]) not in taken and len(str(r["text"])) <= MAX_CHARS)
    wn = sorted(
        str(r["id"])
        for r in allnews
        if str(r["id"]) not in taken
        and str(r["id"]) not in defence_ids
        and len(str(r["text"])) <= MAX_CHARS
        and len(POLICY_WORDS.findall(str(r["text"]))) >= hits
    )
    out = [{"id": i, "file": "whitehouse.jsonl", "why": f"{label} random"} for i in rng.sample(wh, each)]
    out += [{"id": i, "file": "wikinews-all.jsonl", "why": f"{label} policy news"} for i in rng.sample(wn, each if wikinews_each is None else wikinews_each)]
    for item in out:
        item["split"] = "dev"
        item["chars"] = str(lengths[item["id"]])
        item["double"] = "no"
    return out


def _every_undrawn(
    whitehouse: list[dict[str, object]],
    allnews: list[dict[str, object]],
    taken: set[str],
    lengths: dict[str, int],
    why_of: Callable[[str], str | None],
) -> list[dict[str, str]]:
    """Every item not drawn before whose text ``why_of`` gives a reason for (no sampling)."""
    out: list[dict[str, str]] = []
    for name, rows in (("whitehouse.jsonl", whitehouse), ("wikinews-all.jsonl", allnews)):
        for r in rows:
            ident, text = str(r["id"]), str(r["text"])
            why = None if ident in taken else why_of(text)
            if why is not None:
                out.append({"id": ident, "file": name, "why": why, "split": "dev", "chars": str(lengths[ident]), "double": "no"})
    return out


def _eighth_why(text: str) -> str | None:
    """The eighth batch: an exercise (at most ``EIGHTH_MAX_CHARS``) or a signed instrument."""
    if EIGHTH_EXERCISE.search(text) and len(text) <= EIGHTH_MAX_CHARS:
        return "eighth exercise"
    if EIGHTH_AGREEMENT.search(text) and len(text) <= MAX_CHARS:
        return "eighth agreement"
    return None


def _fourteenth_why(text: str) -> str | None:
    """The fourteenth batch: an instrument named twice or more (at most ``MAX_CHARS``)."""
    return "fourteenth agreement" if len(text) <= MAX_CHARS and len(FOURTEENTH_AGREEMENT.findall(text)) >= 2 else None


def main() -> None:
    """Write ``tests/real/selection.json``."""
    data = select()
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    items = data["items"]
    assert isinstance(items, list)
    print(f"{len(items)} items; dev {sum(i['split'] == 'dev' for i in items)}; double {sum(i['double'] == 'yes' for i in items)}")


if __name__ == "__main__":
    main()
