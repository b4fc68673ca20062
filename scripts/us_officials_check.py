"""Count records that put a U.S. official in another state, over ../shared/realnews/whitehouse.jsonl.

A person in a record (visitor, signatory, counterpart met, stance holder or target) is a U.S.
official when the roster gives their name a U.S. office on the statement's date; the record is
wrong about them when it gives them another state. Prints the count and the rate; used by
``tests/test_actors_real.py`` and quoted in issue notes.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from geodefence import extract
from geodefence.actors import get_roster
from geodefence.parts import Actor
from geodefence.records import Document


def persons_of(doc: Document) -> Iterator[Actor]:
    """Every person actor named in the document's records."""
    for visit in doc.visits:
        yield from [a for a in (visit.visitor, *visit.met_with) if a is not None]
    for agreement in doc.agreements:
        yield from agreement.signatories
    for stance in doc.stances:
        yield from [a for a in (stance.holder, stance.target) if a is not None]


def misplaced(items: Iterable[dict[str, object]]) -> tuple[int, int, list[str]]:
    """(persons who are U.S. officials, of them placed in another state, examples)."""
    roster = get_roster()
    total = wrong = 0
    examples: list[str] = []
    for item in items:
        date = item.get("date")
        doc = extract(str(item["text"]), published=date, source=item.get("url"))  # type: ignore[arg-type]
        for actor in persons_of(doc):
            if actor.type != "person" or doc.published is None:
                continue
            if roster.party_of(actor.name, doc.published) != "USA":
                continue
            total += 1
            if actor.country not in (None, "USA"):
                wrong += 1
                examples.append(f"{item['id']}: {actor.name} -> {actor.country}")
    return total, wrong, examples


def main() -> int:
    """Print the count over the whole White House file."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/realnews/whitehouse.jsonl"
    with path.open(encoding="utf-8") as handle:
        total, wrong, examples = misplaced(json.loads(line) for line in handle if line.strip())
    print(f"{wrong} of {total} records' U.S. officials put in another state ({100 * wrong / max(total, 1):.1f} %)")
    for line in examples[:20]:
        print(" ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
