"""One Aho-Corasick pass that tells which sentences may hold a record of each kind.

Every trigger pattern of a kind contains at least one of the kind's gate stems (lower case), so
a sentence with no stem cannot match and is skipped before any per-sentence regex runs. This is
what keeps extraction near the cost of reading the text once (see PERFORMANCE.md). Tests check
the coverage: every trigger match in the project's corpora contains a stem of its kind.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence

import ahocorasick

# Lower-case ASCII only, so offsets do not move ("İ".lower() is two characters).
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class Gate:
    """Stems per label (a record kind or any other name), compiled into one automaton."""

    def __init__(self, stems: Mapping[str, Sequence[str]]) -> None:
        self.labels = tuple(stems)
        automaton = ahocorasick.Automaton()
        by_stem: dict[str, set[str]] = {}
        for label, words in stems.items():
            for w in words:
                by_stem.setdefault(w.lower(), set()).add(label)
        for stem, labels in sorted(by_stem.items()):
            whole = stem.endswith("$")  # "plan$": the whole word, not "planet" or "planned"
            word = stem.rstrip("$")
            automaton.add_word(word, (len(word), whole, tuple(sorted(labels))))
        automaton.make_automaton()
        self._automaton = automaton

    def sentences(self, text: str, starts: Sequence[int]) -> dict[str, set[int]]:
        """Indices of the sentences (given by their start offsets) holding a stem, per label."""
        out: dict[str, set[int]] = {label: set() for label in self.labels}
        if not starts:
            return out
        for end, (length, whole, labels) in self._automaton.iter(text.translate(_ASCII_LOWER)):
            start = end - length + 1
            if start > 0 and text[start - 1].isalpha():
                continue  # stems are word beginnings: "impact" holds no "pact", "design" no "sign"
            if whole and end + 1 < len(text) and text[end + 1].isalpha():
                continue
            idx = bisect.bisect_right(starts, end) - 1
            if idx < 0:
                continue
            for label in labels:
                out[label].add(idx)
        return out
