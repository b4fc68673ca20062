"""ReDoS audit: every compiled pattern of the rules finishes on adversarial input of 10 kB to 1 MB.

Engine: the stdlib ``re`` (and the ``regex`` module for the Unicode name classes in
``text.persons``), both backtracking matchers. They are safe here because the rules use bounded
repetition (``{0,8}``, ``\\s{1,3}``) and no nested unbounded quantifiers, so a search costs time
linear in the text. No pattern needed google-re2. This module is what keeps that true: it walks
``geodefence.text.*`` and ``geodefence.kinds.*`` for every module-level compiled pattern
(including those inside the lists, tuples and dicts of rule tables) and runs ``findall`` over
each against runs of one character, capitalised words, spaces, dots, quotes, digits and commas,
repeated ranks and titles from the vocabularies, and strings made from the pattern's own words.

A catastrophic (exponential) or quadratic pattern cannot finish 100 kB within the generous
per-search limit (a linear search takes well under 0.3 s); a search is stopped by a timer
(``signal.setitimer`` for ``re``, the ``timeout`` argument for ``regex``) rather than asserting on
timings. The searches run in a small spawn pool so the default run stays within a few seconds
per core; 1 MB inputs run with ``-m slow``. A new pattern is covered automatically.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import pkgutil
import re
import signal
import time
from collections.abc import Iterator
from functools import cache
from importlib import resources
from types import FrameType
from typing import Any

import pytest
import regex
import yaml

import geodefence.kinds
import geodefence.text

PACKAGES = (geodefence.text, geodefence.kinds)
PATTERN_TYPES = (re.Pattern, regex.Pattern)
LIMIT_S = 2.0  # per search of 100 kB; linear patterns take < 0.3 s
SIZES = (10_000, 100_000)
SLOW_SIZE = 1_000_000

# Known catastrophic or quadratic patterns: (pattern name, input label) -> the lead's issue.
# Strict xfail: when the pattern is fixed the case XPASSes and this entry must be removed.
KNOWN: dict[str, str] = {}


def _walk(obj: object, name: str, found: dict[int, tuple[str, Any]], depth: int = 0) -> None:
    """Record every compiled pattern reachable from ``obj`` through containers."""
    if isinstance(obj, PATTERN_TYPES):
        found.setdefault(id(obj), (name, obj))
        return
    if depth > 4:
        return
    if isinstance(obj, dict):
        for key, value in obj.items():
            _walk(value, f"{name}[{key!r}]", found, depth + 1)
    elif isinstance(obj, list | tuple | set | frozenset):
        for i, value in enumerate(obj):
            _walk(value, f"{name}[{i}]", found, depth + 1)


@cache
def patterns() -> dict[str, Any]:
    """Every module-level compiled pattern of the rules, by dotted name (first name wins for a shared object)."""
    found: dict[int, tuple[str, Any]] = {}
    for pkg in PACKAGES:
        for info in sorted(pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."), key=lambda i: i.name):
            module = importlib.import_module(info.name)
            for key, value in vars(module).items():
                _walk(value, f"{info.name}.{key}", found)
    return dict(sorted(found.values(), key=lambda t: t[0]))


@cache
def _vocab_prefixes() -> str:
    """Every rank and title form from the shipped vocabularies, one after another."""
    forms: list[str] = []
    for table in ("ranks", "titles"):
        data = yaml.safe_load(resources.files("geodefence.data").joinpath(f"{table}.yaml").read_text("utf-8"))
        for entry in data[table]:
            forms.extend(entry["forms"])
    return " ".join(forms) + " "


def _fill(unit: str, n: int) -> str:
    return (unit * (n // max(1, len(unit)) + 1))[:n]


def _pattern_words(pattern: Any) -> list[str]:
    """The literal words of a pattern (its alternations), escapes and classes removed."""
    source = re.sub(r"\\[pPN]\{[^}]*\}|\\[a-zA-Z]", " ", pattern.pattern)
    return list(dict.fromkeys(re.findall(r"[A-Za-z][A-Za-z'-]+", source)))


def adversarial(pattern: Any, n: int) -> Iterator[tuple[str, str]]:
    """(label, text) pairs of length about ``n`` aimed at backtracking in ``pattern``."""
    units = {
        "letter": "a",
        "capital": "A",
        "spaces": " ",
        "dots": ".",
        "bangs": "!?",
        "double-quotes": '"',
        "single-quotes": "'",
        "digits": "1",
        "digits-commas": "1,",
        "numbers": "1,000.5 ",
        "capitalised-words": "Abcd ",
        "capitalised-run": "Ab",
        "lower-words": "ab ",
        "newlines": "\n",
        "dashes": "- ",
        "brackets": "([{\"'",
        "possessives": "'s x ",
        "dates": "12 May 2024, ",
        "the": "the ",
        "html": "<p>&amp;",
        "ranks-titles": _vocab_prefixes(),
        "rank-initials": "Lt. Gen. J. ",
    }
    for label, unit in units.items():
        yield label, _fill(unit, n)
    words = _pattern_words(pattern)
    if words:
        yield "own-words", _fill(" ".join(words) + " ", n)
        yield "own-words-capitalised", _fill(" ".join(w.capitalize() for w in words) + " ", n)
        yield "own-words-commas", _fill(", ".join(words) + ", ", n)
        yield "own-words-glued", _fill("".join(words), n)
        yield "own-words-cut", _fill(" ".join(w[:-1] for w in words) + " ", n)
        yield "own-first-word", _fill(words[0] + " ", n - 1) + "!"


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


def _run_one(pattern: Any, text: str, limit: float) -> float | None:
    """Seconds for ``findall`` over ``text``, or None when stopped at ``limit``."""
    started = time.perf_counter()
    if isinstance(pattern, regex.Pattern):
        try:
            pattern.findall(text, timeout=limit)
        except TimeoutError:
            return None
        return time.perf_counter() - started
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        pattern.findall(text)  # every match, as the rules' finditer loops would (in C: no per-match overhead)
    except _Timeout:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return time.perf_counter() - started


def audit(name: str, size: int, limit: float) -> list[str]:
    """The labels of the adversarial inputs on which pattern ``name`` did not finish (run in a worker)."""
    pattern = patterns()[name]
    return [label for label, text in adversarial(pattern, size) if _run_one(pattern, text, limit) is None]


def _audit_all(size: int, limit: float) -> dict[str, list[str]]:
    names = list(patterns())
    workers = max(1, min(2, os.cpu_count() or 1))
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        out = pool.starmap(audit, [(name, size, limit) for name in names], chunksize=1)
    return dict(zip(names, out, strict=True))


@pytest.fixture(scope="module")
def default_results() -> dict[str, list[str]]:
    """Failures per pattern over the 10 kB and 100 kB inputs."""
    merged: dict[str, list[str]] = {name: [] for name in patterns()}
    for size in SIZES:
        for name, labels in _audit_all(size, LIMIT_S).items():
            merged[name].extend(f"{label}@{size}" for label in labels)
    return merged


def _marks(name: str) -> list[pytest.MarkDecorator]:
    reason = KNOWN.get(name)
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


PARAMS = [pytest.param(name, id=name.removeprefix("geodefence."), marks=_marks(name)) for name in patterns()]


def test_the_walk_finds_every_rule_pattern() -> None:
    """The collector sees patterns at module level and inside rule tables (so none escapes the audit)."""
    names = set(patterns())
    assert len(names) >= 100
    assert {
        "geodefence.text.dates._ATOM",
        "geodefence.text.persons.NAME_RE",
        "geodefence.kinds.visit._TRIGGER_RE",
    } <= names
    assert any(n.startswith("geodefence.kinds.agreement_rules.PROVISION_RE[") for n in names)
    assert any(n.startswith("geodefence.kinds.exercise._TYPE_RE[") for n in names)


def test_the_timer_stops_a_catastrophic_pattern() -> None:
    """The audit can fail: a nested quantifier is stopped and reported, in both engines."""
    assert _run_one(re.compile(r"(a+)+$"), "a" * 40 + "!", 0.2) is None
    assert _run_one(regex.compile(r"(a|aa)+$"), "a" * 40 + "!", 0.2) is None
    assert _run_one(re.compile(r"\S+$"), "a" * 100_000 + " ", 0.2) is None  # quadratic
    assert _run_one(re.compile(r"a{1,3}b"), "a" * 100_000, LIMIT_S) is not None


@pytest.mark.parametrize("name", PARAMS)
def test_pattern_is_linear_on_adversarial_input(name: str, default_results: dict[str, list[str]]) -> None:
    """No adversarial input of 10 kB or 100 kB keeps the pattern searching past the limit."""
    assert default_results[name] == [], f"{name} did not finish on: {default_results[name]}"


@pytest.mark.slow
def test_every_pattern_finishes_on_one_megabyte(request: pytest.FixtureRequest) -> None:
    """The same audit at 1 MB (a linear search takes about 10x the 100 kB time); run with ``-m slow``."""
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("1 MB audit: run with -m slow")
    results = _audit_all(SLOW_SIZE, LIMIT_S * 10)
    failing = {name: labels for name, labels in results.items() if labels and name not in KNOWN}
    assert failing == {}
