"""Check annotation files for the real-news gold before they are merged.

Usage: ``python scripts/real_gold_check.py FILE.jsonl ...``. Each line must be a valid gold line
(the ``geodefence`` gold model when the package is importable), name an item of
``tests/real/selection.json``, give that item's publication date as ``published``, and quote its
evidence exactly from the item's text in at most 11 words (the project never holds longer runs
of the shared text). Prints one line per problem; exits 1 when there is any.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from geodefence.evaluation.texts import abbreviate

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "realnews"
MAX_WORDS = 11
KINDS = ("agreements", "visits", "exercises", "stances")


def _texts() -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for name in ("wikinews-all.jsonl", "wikinews-defence.jsonl", "whitehouse.jsonl"):
        with (SHARED / name).open(encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                out[str(item["id"])] = item
    return out


def check(paths: list[str]) -> list[str]:
    """Every problem found in the given annotation files, one line each."""
    try:
        from geodefence.evaluation.gold import parse_gold
    except ImportError:  # the format check then falls to the merge step
        parse_gold = None  # type: ignore[assignment]
    items = _texts()
    chosen = {i["id"] for i in json.loads((ROOT / "tests/real/selection.json").read_text())["items"]}
    problems: list[str] = []
    for path in paths:
        for number, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            try:
                line = json.loads(raw)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: invalid JSON ({exc.msg})")
                continue
            if parse_gold is not None:
                try:
                    parse_gold(line)
                except Exception as exc:
                    problems.append(f"{where}: {exc}")
            doc = line.get("doc")
            doc = next((i for i in items if i == doc or abbreviate(i) == doc), doc) if isinstance(doc, str) else doc
            if doc not in chosen and abbreviate(str(doc)) not in chosen:
                problems.append(f"{where}: doc {doc!r} is not in tests/real/selection.json")
                continue
            item = items[doc]
            if line.get("published") != item.get("date"):
                problems.append(f"{where}: published {line.get('published')!r}, the item's date is {item.get('date')!r}")
            text = str(item["text"])
            flat = re.sub(r"\s+", " ", text)
            for kind in KINDS:
                for k, record in enumerate(line.get(kind) or []):
                    quote = str(record.get("evidence", ""))
                    if len(re.findall(r"\w+", quote)) > MAX_WORDS:
                        problems.append(f"{where}: {kind}[{k}].evidence has more than {MAX_WORDS} words")
                    if quote not in text and re.sub(r"\s+", " ", quote) not in flat:
                        problems.append(f"{where}: {kind}[{k}].evidence is not in the text: {quote[:60]!r}")
    return problems


if __name__ == "__main__":
    found = check(sys.argv[1:])
    print("\n".join(found) if found else "ok")
    sys.exit(1 if found else 0)
