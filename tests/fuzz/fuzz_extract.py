"""Coverage-guided fuzzing of ``geodefence.extract`` with atheris (not collected by pytest).

Run (10 minutes; crashes are written as ``crash-*`` files in the current folder)::

    .venv/bin/python tests/fuzz/fuzz_extract.py -max_total_time=600 -rss_limit_mb=4096

Each input becomes a surrogate-free Unicode text (sometimes with a seed article around it, so the
rules get past their triggers); the harness fails on any exception from ``extract`` and on any
broken invariant of the property tests (schema, evidence quotes equal ``text[start:end]``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

with atheris.instrument_imports():
    import geodefence
    from extract_invariants import check_document

SEEDS = [
    p.read_text(encoding="utf-8")[:2000]
    for p in sorted((Path(__file__).resolve().parents[1] / "dev" / "texts").glob("*.txt"))[:20]
]


def test_one_input(data: bytes) -> None:
    """Extract one fuzzed text and check every invariant."""
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 3)
    body = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    if mode == 1 and SEEDS:
        seed = SEEDS[len(body) % len(SEEDS)]
        cut = len(body) % (len(seed) + 1)
        text = seed[:cut] + body + seed[cut:]
    elif mode == 2:
        text = body * 20  # long repetitive input: cheap way to reach runs and long sentences
    else:
        text = body
    doc = geodefence.extract(text, published="2024-04-17", max_chars=None if mode != 3 else 64)
    problems = check_document(text, doc)
    if problems:
        raise AssertionError(f"{problems[:5]} for text {text[:500]!r}")


def main() -> None:
    """The atheris entry point."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
