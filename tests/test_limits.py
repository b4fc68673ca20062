"""The document size limit: a long text is cut at a sentence boundary, with a warning, never silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from geodefence import extract
from geodefence.cli import app
from geodefence.errors import InputError
from geodefence.parts import text_sha256
from geodefence.pipeline import MAX_CHARS, truncate

SENTENCE = "The defence ministers of France and India signed a defence cooperation agreement in Paris on Monday. "
OTHERS = [
    "Japan and the Philippines signed a reciprocal access agreement in Manila on Tuesday. ",
    "Poland and Sweden signed a defence cooperation agreement in Warsaw on Friday. ",
]


def test_default_limit_is_one_million_characters() -> None:
    assert MAX_CHARS == 1_000_000
    assert extract(SENTENCE).warnings == []


@pytest.mark.parametrize(
    ("limit", "kept", "how"),
    [
        (18, "One sentence here.", "sentence boundary"),
        (25, "One sentence here.", "sentence boundary"),
        (38, "One sentence here. Two sentence there.", "sentence boundary"),
        (45, "One sentence here. Two sentence there.", "sentence boundary"),
        (12, "One", "at a space"),
    ],
)
def test_cut_at_the_last_sentence_boundary_before_the_limit(limit: int, kept: str, how: str) -> None:
    text = "One sentence here. Two sentence there. Three is long"
    cut, message = truncate(text, limit)
    assert text[:cut] == kept and how in message


def test_one_word_longer_than_the_limit_is_cut_at_the_limit() -> None:
    assert truncate("x" * 50, 10) == (10, "at the limit: no sentence boundary or space within it")
    with pytest.raises(InputError, match="max_chars"):
        truncate("abc", 0)


def test_truncated_document_warns_with_both_sizes_and_keeps_original_offsets() -> None:
    text = "\u201cQuote\u201d. " + SENTENCE + "".join(OTHERS)  # curly quotes: normalised copy, same offsets
    doc = extract(text, max_chars=len(text) - 40)
    (warning,) = doc.warnings
    assert warning.code == "truncated"
    assert str(len(text)) in warning.message and str(len(text) - 40) in warning.message
    cut = len(text) - len(OTHERS[-1]) - 1
    assert f"first {cut} characters" in warning.message
    assert doc.agreements and all(ev.end <= cut for rec in doc.agreements for ev in rec.evidence)
    for rec in doc.agreements:
        for ev in rec.evidence:
            assert ev.text == text[ev.start : ev.end]
    full = extract(text)
    assert full.warnings == [] and len(full.agreements) == len(doc.agreements) + 1
    # The hash names the text that was read (issue 14, item 5): --include-text output then validates.
    assert doc.text_sha256 == text_sha256(text[:cut]) != full.text_sha256


def test_no_limit() -> None:
    assert extract(SENTENCE * 3, max_chars=None).warnings == []


def test_cli_max_chars_flag(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(SENTENCE + "".join(OTHERS), encoding="utf-8")
    limit = len(SENTENCE) + len(OTHERS[0]) + 5
    result = CliRunner().invoke(app, ["extract", str(path), "-j", "1", "--max-chars", str(limit)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [w["code"] for w in doc["warnings"]] == ["truncated"]
    assert f"limit of {limit}" in doc["warnings"][0]["message"]
    assert doc["agreements"] and all(r["evidence"][0]["end"] < limit for r in doc["agreements"])
    bad = CliRunner().invoke(app, ["extract", str(path), "--max-chars", "0"])
    assert bad.exit_code == 2
