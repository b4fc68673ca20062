#!/usr/bin/env python3
"""Measure the extractor on the annotated corpora again and rewrite quality/baseline.json.

Run after an improvement (or after the dev set changed), then commit the file:

    .venv/bin/python scripts/update_baseline.py            # raise floors, record new digests
    .venv/bin/python scripts/update_baseline.py --check    # only report; exit 1 on a failure
    .venv/bin/python scripts/update_baseline.py --allow-lower   # accept lower scores (say why in the commit)

Exit codes: 0 written (or checked clean), 1 a score fell below its floor (nothing written) or
--check found a problem, 2 the baseline file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic import ValidationError

from geodefence.errors import GeodefenceError
from geodefence.evaluation.baseline import check_corpus, is_present, load_baseline, remeasure, render_baseline

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, measure, and write or check."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", type=Path, default=ROOT / "quality" / "baseline.json", help="baseline file")
    parser.add_argument("--root", type=Path, default=ROOT, help="project root the corpus paths are relative to")
    parser.add_argument("--allow-lower", action="store_true", help="write even when a score fell below its floor")
    parser.add_argument("--check", action="store_true", help="only check the baseline, write nothing")
    args = parser.parse_args(argv)
    try:
        baseline = load_baseline(args.baseline)
    except (OSError, ValidationError) as exc:
        print(f"error: cannot read {args.baseline}: {exc}", file=sys.stderr)
        return 2
    try:
        if args.check:
            problems = [
                problem
                for name, entry in baseline.corpora.items()
                if is_present(args.root, entry)
                for problem in check_corpus(args.root, name, entry)
            ]
            for problem in problems:
                print(problem)
            return 1 if problems else 0
        updated, changes, refused = remeasure(args.root, baseline, allow_lower=args.allow_lower)
    except GeodefenceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if refused:
        print("refusing to lower floors (pass --allow-lower and say why in the commit message):", file=sys.stderr)
        for line in refused:
            print(f"  {line}", file=sys.stderr)
        return 1
    args.baseline.write_text(render_baseline(updated), encoding="utf-8")
    for line in changes or ["no change"]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
