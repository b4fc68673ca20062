"""Merge the annotators' files into the real-news gold: real-dev, real-test, ordinary, second.

Reads ``tests/real/ann/primary_*.jsonl`` (one annotation of every selected item) and
``tests/real/ann/double_*.jsonl`` (a second, independent annotation of some items), checks that
every item of ``tests/real/selection.json`` is annotated exactly once, and writes, sorted by id:

- ``tests/real/dev.gold.jsonl`` and ``tests/real/test.gold.jsonl``: the split of the selection;
- ``tests/real/ordinary.gold.jsonl``: the ordinary Wikinews items (both splits), on which the
  spurious records per 100 articles are measured;
- ``tests/real/second.gold.jsonl``: the second annotations, for the agreement between annotators.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from geodefence.evaluation.texts import abbreviate

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "real"


CODE_ALIASES = {"AL-QAEDA": "ALQAEDA", "AQ": "ALQAEDA", "AL-SHABAAB": "ALSHABAAB"}
"""One code per non-state group: annotators wrote some groups more than one way."""
ACTOR_FIELDS = ("parties", "participants", "visitor", "host", "holder", "target")


def _canonical(line: dict[str, object]) -> dict[str, object]:
    """The line with every actor code in its canonical spelling."""
    for kind in ("agreements", "visits", "exercises", "stances"):
        for record in line.get(kind) or []:  # type: ignore[attr-defined]
            for key in ACTOR_FIELDS:
                value = record.get(key)
                if isinstance(value, list):
                    record[key] = [CODE_ALIASES.get(v, v) for v in value]
                elif isinstance(value, str):
                    record[key] = CODE_ALIASES.get(value, value)
    return line


def _lines(pattern: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted((REAL / "ann").glob(pattern)):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                doc = json.loads(raw)["doc"]
                if doc in out:
                    sys.exit(f"{path}: {doc} annotated twice")
                line = _canonical(json.loads(raw))
                if str(doc).startswith("wh-"):
                    line["doc"] = doc = abbreviate(str(doc))  # see scripts/real_selection.py
                out[doc] = json.dumps(line, ensure_ascii=False)
    return out


def _write(name: str, lines: dict[str, str], ids: list[str]) -> None:
    (REAL / name).write_text("".join(lines[i] + "\n" for i in sorted(ids)), encoding="utf-8")
    print(f"{name}: {len(ids)} items")


def main() -> None:
    """Check coverage and write the four gold files."""
    items = json.loads((REAL / "selection.json").read_text(encoding="utf-8"))["items"]
    primary, second = _lines("primary_*.jsonl"), _lines("double_*.jsonl")
    wanted = {i["id"] for i in items}
    if missing := sorted(wanted - primary.keys()):
        sys.exit(f"{len(missing)} selected items not annotated, e.g. {missing[:3]}")
    if extra := sorted(primary.keys() - wanted) + sorted(second.keys() - wanted):
        sys.exit(f"annotations for items not selected: {extra[:3]}")
    _write("dev.gold.jsonl", primary, [i["id"] for i in items if i["split"] == "dev"])
    _write("test.gold.jsonl", primary, [i["id"] for i in items if i["split"] == "test"])
    _write("ordinary.gold.jsonl", primary, [i["id"] for i in items if i["why"] == "ordinary"])
    _write("second.gold.jsonl", second, list(second))


if __name__ == "__main__":
    main()
