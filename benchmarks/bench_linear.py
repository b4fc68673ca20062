"""Extraction time on fact-dense text grows linearly with its length (issue 14).

One sentence per kind, repeated to 72 KB, 288 KB and 1 MB: every sentence holds a record, the
worst case for rules that compare mentions pairwise. The benchmark records seconds per size and
the growth from 72 KB to 1 MB (linear is 1,000 / 72 = 13.9x). Run with:

    pytest benchmarks/bench_linear.py -o python_files='bench_*.py' --benchmark-group-by=group -s
"""

from __future__ import annotations

from typing import Any

import pytest

from bench_common import pedantic, record
from geodefence import extract

DENSE: dict[str, tuple[str, str | None]] = {
    "stance": ("France said Kenya opposes the plan. ", None),
    "visit": ("President Ruto of Kenya visited Paris on Monday and met President Macron. ", None),
    "exercise": ("Kenya and France held the joint exercise Lion Shield near Mombasa with 500 troops. ", None),
    "agreement": ("Kenya and France signed a defence cooperation agreement in Nairobi on Tuesday. ", None),
    "readout": (
        "National Security Advisor Jake Sullivan met with Director Shin of the ROK. They condemned Russia's war "
        "of aggression and reaffirmed their commitment to Ukraine's sovereignty. ",
        "https://www.whitehouse.gov/briefing-room/",
    ),
}
SIZES = (72_000, 288_000, 1_000_000)
SECONDS: dict[tuple[str, int], float] = {}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", list(DENSE))
def test_dense_text(benchmark: Any, kind: str, size: int) -> None:
    sentence, source = DENSE[kind]
    text = sentence * (size // len(sentence))
    benchmark.group = f"linear-{kind}"
    doc = pedantic(benchmark, lambda: extract(text, published="2024-03-11", source=source))
    assert doc.error is None
    record(benchmark, f"linear {kind} {size // 1000} KB", len(text), unit="chars")
    stats = getattr(benchmark, "stats", None)
    if stats is not None:
        SECONDS[(kind, size)] = stats.stats.median
        if (kind, SIZES[0]) in SECONDS and size == SIZES[-1]:
            growth = SECONDS[(kind, size)] / SECONDS[(kind, SIZES[0])]
            benchmark.extra_info["growth_72kb_to_1mb"] = round(growth, 1)
            print(f"\n{kind}: {SECONDS[(kind, SIZES[0])]:.2f} s at 72 KB, {SECONDS[(kind, size)]:.2f} s at 1 MB: {growth:.1f}x")
