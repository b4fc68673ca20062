#!/usr/bin/env python3
"""Convert the PETRARCH/Phoenix country actor dictionary into the roster's dated roles.

Reads ``../shared/petrarch-dictionaries/Phoenix.Countries.actors.txt`` (openeventdata/petrarch2,
MIT licence) and writes ``src/geodefence/data/roster_petrarch.tsv``: one line per dated
government or military role of a named person (``name``, ``party``, ``office``, ``from``, ``to``).
Elite roles (former officials, ``ELI``) and undated roles are left out: the roster answers only
for the dates a person held office. An open-ended role (``>YYMMDD``) ends where the dictionary
stops being kept (:data:`OPEN_END`). Hand-kept later roles are in ``roster.yaml``.

    python scripts/build_roster.py           # write the TSV
    python scripts/build_roster.py --check   # exit 1 when the committed TSV differs
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "petrarch-dictionaries" / "Phoenix.Countries.actors.txt"
OUT = ROOT / "src" / "geodefence" / "data" / "roster_petrarch.tsv"
OPEN_END = "2015-12-31"
"""The end given to roles the dictionary leaves open: it was kept up to about 2015."""
SECTORS = {"GOV": "government", "MIL": "military"}
ROLE = re.compile(r"\[([A-Z]{3})(GOV|MIL)\s+([>\d][\d-]*)\s*\]")
HEADER = (
    "# Source: PETRARCH-2 / Phoenix actor dictionary Phoenix.Countries.actors.txt (openeventdata/petrarch2,\n"
    "# commit 676801cd9cb2924bbbad09f86d15c9323e7097bf, MIT licence), converted by scripts/build_roster.py.\n"
    "# Dated government (GOV) and military (MIL) roles of named persons up to about 2015; open roles end "
    f"{OPEN_END}.\n"
    "name\tparty\toffice\tfrom\tto\n"
)


def _date(value: str) -> str | None:
    """``YYMMDD`` (or ``YYYYMMDD``) as ISO; two-digit years from 30 on are 19xx."""
    if len(value) == 8:
        y, m, d = value[:4], value[4:6], value[6:]
    elif len(value) == 6:
        yy = int(value[:2])
        y, m, d = f"{1900 + yy if yy >= 30 else 2000 + yy}", value[2:4], value[4:]
    else:
        return None
    if not ("01" <= m <= "12" and "01" <= d <= "31"):
        return None
    return f"{y}-{m}-{d}"


def _name(raw: str) -> str:
    """``SERGEY_VIKTOROVICH_LAVROV_`` as ``Sergey Viktorovich Lavrov``."""
    words = [w for w in raw.strip("_").split("_") if w]
    return " ".join(w[:1] + w[1:].lower() for w in words)


def convert(text: str) -> list[tuple[str, str, str, str, str]]:
    """(name, party, office, from, to) for every dated GOV/MIL role, sorted and unique."""
    rows: set[tuple[str, str, str, str, str]] = set()
    name: str | None = None
    for line in text.splitlines():
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        if not body[0].isspace() and not body.startswith("+"):
            head = body.split()[0]
            name = _name(head) if head.endswith("_") or "_" in head else None
            continue
        if name is None:
            continue
        for m in ROLE.finditer(body):
            span = m.group(3)
            if span.startswith(">"):
                start, end = _date(span[1:]), OPEN_END
            elif "-" in span:
                a, b = span.split("-", 1)
                start, end = _date(a), _date(b)
            else:
                continue
            if start is None or end is None or end < start or start > OPEN_END:
                continue
            rows.add((name, m.group(1), SECTORS[m.group(2)], start, min(end, OPEN_END)))
    return sorted(rows)


def render(rows: list[tuple[str, str, str, str, str]]) -> str:
    """The TSV text: header comment, column names, one role a line."""
    return HEADER + "".join("\t".join(r) + "\n" for r in rows)


def main() -> int:
    """Write the TSV, or with --check compare it with the committed one."""
    text = render(convert(SOURCE.read_text(encoding="utf-8", errors="replace")))
    if "--check" in sys.argv:
        same = OUT.read_text(encoding="utf-8") == text
        print("roster_petrarch.tsv is up to date" if same else "roster_petrarch.tsv differs: run scripts/build_roster.py")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{text.count(chr(10)) - 4} roles written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
