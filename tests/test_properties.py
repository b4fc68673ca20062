"""Properties of ``extract`` for any text: a schema-valid Document, exact evidence quotes, bounded time.

Budgets: a small number of examples by default; ``HYPOTHESIS_PROFILE=ci-large`` (or the
``-m slow`` copies of the properties) runs many more. Time: no timing assertion in the default
run; adversarial inputs run under a generous alarm that only a super-linear blow-up can reach,
and ``-m slow`` compares the time of n and 4n characters.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from types import FrameType

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract_invariants import check_document
from geodefence import extract

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("ci-large", max_examples=1000, **_COMMON)  # type: ignore[arg-type]
LARGE = settings(max_examples=int(os.environ.get("GEODEFENCE_LARGE_EXAMPLES", "400")), **_COMMON)  # type: ignore[arg-type]
SMALL = settings(max_examples=30, **_COMMON)  # type: ignore[arg-type]
DEFAULT = settings.get_profile("ci-large") if os.environ.get("HYPOTHESIS_PROFILE") == "ci-large" else SMALL


@cache
def _forms(table: str) -> list[str]:
    data = yaml.safe_load(resources.files("geodefence.data").joinpath(f"{table}.yaml").read_text("utf-8"))
    return [form for entry in data[table] for form in entry["forms"]]


STATES = ["France", "India", "Russia", "China", "the United States", "Japan", "Poland", "Iran", "Turkey", "NATO"]
NAMES = ["John Smith", "Andrei Belousov", "Rajnath Singh", "Ana Li", "Jean-Yves Le Drian", "Güler"]
VERBS = ["signed", "condemned", "visited", "supports", "opposes", "will hold", "held", "welcomed", "rejected"]
OBJECTS = [
    "a defence cooperation agreement",
    "joint naval exercises",
    "the strikes",
    "a memorandum of understanding on military training",
    "the deployment",
]
DATES = [
    "on Monday", "17 April 2024", "April 17, 2024", "2024-04-17", "17/04/2024", "last week", "in 2025",
    "between 5 and 9 May", "mid-1990s", "FY2025", "Q3 2024", "three days ago", "2024-25", "June-July",
]  # fmt: skip
NUMBERS = ["1,000", "2.5 million", "$3bn", "50", "1.000,5", "10%", "3,500 troops", "No. 2024", "-7", "1e9"]

words = st.text(st.characters(min_codepoint=97, max_codepoint=122), min_size=1, max_size=10)
capitalised = words.map(str.capitalize)
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)  # incl. control characters
date = st.sampled_from(DATES)
number = st.sampled_from(NUMBERS) | st.integers(-(10**12), 10**12).map(str) | st.floats(allow_nan=False).map(str)


@st.composite
def sentence(draw: st.DrawFn) -> str:
    """A news-like sentence built from the templates' slots."""
    title = draw(st.sampled_from(_forms("titles")))
    rank = draw(st.sampled_from(_forms("ranks")))
    who = draw(
        st.sampled_from([f"{title} {draw(st.sampled_from(NAMES))}", f"{rank} {draw(st.sampled_from(NAMES))}", *STATES])
    )
    other = draw(st.sampled_from(STATES))
    return f"{who} and {other} {draw(st.sampled_from(VERBS))} {draw(st.sampled_from(OBJECTS))} {draw(date)}."


def nested(depth: int) -> st.SearchStrategy[str]:
    """Nested brackets and quotes around sentences."""
    base = sentence() | capitalised
    wraps = st.sampled_from(["({})", "[{}]", '"{}"', "'{}'", "\u201c{}\u201d", "«{}»", "{{{}}}", "({}"])
    return st.recursive(base, lambda inner: st.tuples(wraps, inner).map(lambda t: t[0].format(t[1])), max_leaves=depth)


html = st.tuples(st.sampled_from(["p", "div", "b", "script", "a href='x'", "li", "br/", "!--"]), sentence()).map(
    lambda t: f"<{t[0]}>{t[1]}</{t[0].split()[0]}>&amp;&#8217;&nbsp;"
)
piece = st.one_of(
    sentence(),
    any_text,
    st.lists(capitalised, min_size=1, max_size=200).map(" ".join),  # long runs of capitalised words
    st.lists(st.sampled_from(_forms("ranks") + _forms("titles")), min_size=1, max_size=60).map(" ".join),
    nested(12),
    html,
    date,
    number,
    st.tuples(sentence(), st.integers(2, 40)).map(lambda t: t[0][:-1] * t[1]),  # a very long line
)
SEPARATORS = st.sampled_from([" ", "\n", "\n\n", "\r\n", ". ", ", ", "\t", "\u2028", "", "\x00", "\u00ad"])
texts = st.lists(st.tuples(piece, SEPARATORS), max_size=12).map(lambda parts: "".join(p + s for p, s in parts))


@pytest.fixture(autouse=True)
def _slow_only_with_m_slow(request: pytest.FixtureRequest) -> None:
    """Tests marked slow run only when selected with ``-m slow`` (CI runs plain ``pytest``)."""
    if request.node.get_closest_marker("slow") and "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("large budget: run with -m slow")


def _check(text: str) -> None:
    doc = extract(text, published="2024-04-17")
    assert check_document(text, doc) == []
    assert extract(text, published="2024-04-17") == doc  # pure


def _check_truncated(text: str, limit: int) -> None:
    doc = extract(text, max_chars=limit)
    assert check_document(text, doc) == []
    assert ("truncated" in [w.code for w in doc.warnings]) == (len(text) > limit)


@DEFAULT
@given(texts)
def test_any_text_gives_a_valid_document_with_exact_evidence(text: str) -> None:
    _check(text)


@DEFAULT
@given(any_text)
def test_random_unicode(text: str) -> None:
    _check(text)


@DEFAULT
@given(texts, st.integers(1, 300))
def test_truncated_documents_keep_exact_evidence(text: str, limit: int) -> None:
    _check_truncated(text, limit)


@pytest.mark.slow
@LARGE
@given(texts)
def test_any_text_large_budget(text: str) -> None:
    _check(text)


@pytest.mark.slow
@LARGE
@given(texts, st.integers(1, 2000))
def test_truncation_large_budget(text: str, limit: int) -> None:
    _check_truncated(text, limit)


# ---------------------------------------------------------------------------------- time

ARTICLE = "The defence ministers of France and India signed a defence cooperation agreement in Paris on Monday. "
# Adversarial units, repeated to size: (unit, known problem or None). Known problems are strict xfails.
ADVERSARIAL: dict[str, tuple[str, str | None]] = {
    "article": (ARTICLE, None),
    "capitalised-words": ("Abc ", None),
    "ranks": ("Lt. Gen. ", None),
    "titles": ("Defence Minister ", None),
    "states": ("France, ", None),
    "names": ("Defence Minister John Smith of France ", None),
    "dates": ("12 May 2024, ", None),
    "numbers": ("1,000.5 ", None),
    "lower-words": ("france and india signed ", None),
    "brackets-quotes": ("(\"['", None),
    "html": ("<p>France &amp; India</p>", None),
    "headlines": ("France\n", None),
    "quotes": ('"France said" ', None),
    "dots": (".", None),
    "possessive-cues": ("Russia's foreign ministry condemned ", None),
}


def _fill(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


class _Timeout(Exception):
    pass


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def handler(signum: int, frame: FrameType | None) -> None:
        raise _Timeout(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _params() -> list[object]:
    return [
        pytest.param(unit, id=name, marks=[pytest.mark.xfail(strict=True, raises=_Timeout, reason=why)] if why else [])
        for name, (unit, why) in ADVERSARIAL.items()
    ]


@pytest.mark.parametrize("unit", _params())
def test_adversarial_60k_finishes(unit: str) -> None:
    """60 kB of adversarial text: linear extraction takes ~0.4 s; 4 s is reached only by a blow-up."""
    text = _fill(unit, 60_000)
    with _alarm(4.0):
        doc = extract(text)
    assert check_document(text, doc) == []


def _best_of(fn: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.slow
@pytest.mark.parametrize("unit", _params())
def test_time_is_linear_n_vs_4n(unit: str) -> None:
    """Four times the text takes well under sixteen times as long (a quadratic would take 16x)."""
    small, large = _fill(unit, 50_000), _fill(unit, 200_000)
    with _alarm(240.0):
        t_small = _best_of(lambda: extract(small))
        t_large = _best_of(lambda: extract(large))
    if t_large / max(t_small, 1e-2) >= 10.0:
        raise _Timeout(f"4x the text took {t_large / t_small:.1f}x as long ({t_small:.3f} s -> {t_large:.3f} s)")
