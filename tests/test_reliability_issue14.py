"""Issue 14, items 4, 5, 7, 9, 11 (schema and output folder) and 13: each fault as a user meets it.

4 duplicate doc_ids, 5 text_sha256 of a cut text, 7 edge publication dates, 9 ``-o`` onto or
inside the input, 11 one-line errors with exit 2 for ``schema`` and ``extract -o``, 13 an end
date without a year placed before its start.
"""

from __future__ import annotations

import datetime as dt
import errno
import gzip
import hashlib
import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import geodefence
from geodefence.cli import app
from geodefence.corpus import writers
from geodefence.corpus.readers import Corpus, InputItem
from geodefence.corpus.runner import process_item
from geodefence.records import Document
from geodefence.text.dates import find_dates

PACT = "France and India signed a defence cooperation agreement in Paris on 3 March 2025."
ISO_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _invoke(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def _jsonl(path: Path, *records: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _docs(text: str) -> list[Document]:
    return [Document.model_validate_json(line) for line in text.splitlines() if line.strip()]


def _one_line_error(code: int, stderr: str, *names: object) -> None:
    """Exit 2, one line on stderr naming every one of ``names``, no traceback."""
    assert code == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and lines[0].startswith("error: ")
    for name in names:
        assert str(name) in lines[0], (name, lines[0])


# --------------------------------------------------------------------------- item 4: duplicate doc_ids


def test_txt_files_sharing_a_stem_in_one_folder_get_their_relative_paths_as_ids(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(f"{PACT} Story {sub}.", encoding="utf-8")
    (tmp_path / "b" / "other.txt.gz").write_bytes(gzip.compress(PACT.encode()))
    ids = [item.doc_id for item in Corpus([tmp_path])]
    assert ids == ["a/story", "other", "b/story"]
    code, out, _ = _invoke("extract", tmp_path, "-j", "1")
    assert code == 0
    assert [d.doc_id for d in _docs(out)] == ["a/story", "other", "b/story"]


def test_a_vanished_txt_file_keeps_its_relative_path_id(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(PACT, encoding="utf-8")
    stream = iter(Corpus([tmp_path]))
    assert next(stream).doc_id == "a/story"
    (tmp_path / "b" / "story.txt").unlink()
    (gone,) = list(stream)
    assert gone.doc_id == "b/story" and gone.error is not None and gone.error[0] == "file_missing"


def test_same_stem_given_as_two_file_arguments_gets_distinct_ids(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(PACT, encoding="utf-8")
    ids = [item.doc_id for item in Corpus([tmp_path / "a" / "story.txt", tmp_path / "b" / "story.txt"])]
    assert len(set(ids)) == 2 and all(i.endswith("story") for i in ids)


def test_a_repeated_jsonl_id_is_an_error_record_for_the_repeat(tmp_path: Path) -> None:
    src = _jsonl(
        tmp_path / "in.jsonl",
        {"id": "x", "text": PACT},
        {"id": "y", "text": PACT},
        {"id": "x", "text": "Japan and Chile signed a defence agreement in Tokyo."},
    )
    out = tmp_path / "out.jsonl"
    code, _, stderr = _invoke("extract", src, "-o", out, "-j", "1")
    assert code == 1 and "1 of 3 documents failed" in stderr
    first, second, repeat = _docs(out.read_text(encoding="utf-8"))
    assert (first.doc_id, first.error, second.doc_id) == ("x", None, "y")
    assert repeat.error is not None and repeat.error.code == "duplicate_id"
    assert repeat.doc_id != "x" and "'x'" in repeat.error.message and f"{src}:1" in repeat.error.message
    assert (repeat.error.file, repeat.error.line) == (str(src), 3)
    code, report, _ = _invoke("validate", out)
    assert code == 0, report


def test_repeats_across_files_and_formats_are_caught(tmp_path: Path) -> None:
    _jsonl(tmp_path / "a.jsonl", {"id": "c", "text": PACT})
    (tmp_path / "c.txt").write_text(PACT, encoding="utf-8")
    one, two = Corpus([tmp_path])
    assert (one.doc_id, one.error) == ("c", None)
    assert two.error is not None and two.error[0] == "duplicate_id" and two.doc_id != "c"


# --------------------------------------------------------------------------- item 5: text_sha256 of a cut text


def test_text_sha256_is_the_digest_of_the_text_read_when_cut(tmp_path: Path) -> None:
    text = " ".join([PACT] * 40)
    doc = geodefence.extract(text, max_chars=500, include_text=True)
    assert doc.text is not None and len(doc.text) < len(text)
    assert doc.text_sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    assert doc.doc_id == hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]  # the id still names the whole text
    src = _jsonl(tmp_path / "in.jsonl", {"id": "long", "text": text})
    out = tmp_path / "out.jsonl"
    assert _invoke("extract", src, "-o", out, "--max-chars", "500", "--include-text", "-j", "1")[0] == 0
    code, report, _ = _invoke("validate", out)
    assert code == 0, report


# --------------------------------------------------------------------------- item 7: edge publication dates

EDGE_TEXTS = [
    "The ministers will meet tomorrow.",
    "The ministers met yesterday and will meet again the day after tomorrow.",
    "The ministers met last year, last month, last week and last Monday.",
    "They meet next year, next month, next week, this weekend and next Monday.",
    "They met three days ago, two weeks ago and a year ago; they meet in two years' time.",
    "The talks run from December 30 to January 2; the exercise runs until March 3.",
    "The visit is planned for next April; it ended on Friday and in early January.",
    "The summit of May 26 to June 9 next year.",
]


@pytest.mark.parametrize(
    "published", [dt.date(9999, 12, 31), dt.date(9999, 12, 28), dt.date(1, 1, 1), dt.date(1, 1, 5)]
)
@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_relative_dates_at_the_ends_of_the_calendar_resolve_or_stay_null(text: str, published: dt.date) -> None:
    for mention in find_dates(text, published):
        if mention.value is not None:
            assert ISO_VALUE.match(mention.value), mention
            dt.date.fromisoformat(mention.value + "-01-01"[len(mention.value) - 4 :])


@pytest.mark.parametrize(
    ("published", "text", "word"),
    [
        ("9999-12-31", "The ministers will meet tomorrow.", "tomorrow"),
        ("0001-01-01", "It happened last year.", "last year"),
    ],
)
def test_an_edge_publication_date_does_not_fail_the_document(published: str, text: str, word: str) -> None:
    (mention,) = find_dates(text, dt.date.fromisoformat(published))
    assert (mention.text, mention.value, mention.precision, mention.relative) == (word, None, None, True)
    visit = f"Indian Prime Minister Narendra Modi visited Paris {word}."
    doc = process_item(InputItem(doc_id="edge", text=visit, published=published))
    assert doc.error is None, doc.error
    (record,) = doc.visits
    assert record.date is not None and record.date.value is None


# --------------------------------------------------------------------------- item 9: -o onto or inside the input


@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink"])
def test_output_equal_to_an_input_file_is_refused(
    tmp_path: Path, spelling: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _jsonl(tmp_path / "in.jsonl", {"id": "x", "text": PACT})
    before = src.read_bytes()
    monkeypatch.chdir(tmp_path)
    target = {"same": src, "dotted": Path(".") / "sub" / ".." / "in.jsonl", "symlink": tmp_path / "link.jsonl"}[
        spelling
    ]
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.jsonl").symlink_to(src)
    code, _, stderr = _invoke("extract", src, "-o", target, "-j", "1")
    _one_line_error(code, stderr, target)
    assert src.read_bytes() == before


def test_output_equal_to_a_file_of_an_input_folder_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    src = _jsonl(data / "in.jsonl", {"id": "x", "text": PACT})
    before = src.read_bytes()
    code, _, stderr = _invoke("extract", data, "-o", src, "-j", "1")
    _one_line_error(code, stderr, src)
    assert src.read_bytes() == before


def test_output_inside_an_input_folder_is_not_read_back(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _jsonl(data / "in.jsonl", {"id": "x", "text": PACT}, {"id": "y", "text": PACT})
    out = data / "out.jsonl"
    for _ in range(2):  # the second run must not read the first run's output
        code, _, stderr = _invoke("extract", data, "-o", out, "-j", "1")
        assert code == 0, stderr
        assert [d.doc_id for d in _docs(out.read_text(encoding="utf-8"))] == ["x", "y"]
    code, stdout, _ = _invoke("extract", data, "-j", "1")  # nor a later run writing elsewhere
    assert code == 0 and [d.doc_id for d in _docs(stdout)] == ["x", "y"]
    gz = data / "out.jsonl.gz"
    assert _invoke("extract", data, "-o", gz, "-j", "1")[0] == 0
    code, stdout, _ = _invoke("extract", data, "-j", "1")
    assert code == 0 and [d.doc_id for d in _docs(stdout)] == ["x", "y"]


def test_table_output_inside_an_input_folder_is_not_read_back(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _jsonl(data / "in.jsonl", {"id": "x", "text": PACT})
    tables = data / "tables"
    for _ in range(2):
        code, _, stderr = _invoke("extract", data, "--format", "csv", "-o", tables, "-j", "1")
        assert code == 0 and "1 documents" in stderr, stderr
    code, stdout, _ = _invoke("extract", data, "-j", "1")
    assert code == 0 and [d.doc_id for d in _docs(stdout)] == ["x"]


def test_an_explicitly_named_earlier_output_is_still_read(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", {"id": "x", "text": PACT})
    out = tmp_path / "out.jsonl"
    assert _invoke("extract", src, "-o", out, "--include-text", "-j", "1")[0] == 0
    code, stdout, _ = _invoke("extract", out, "-j", "1", "--id-field", "doc_id")
    assert code == 0 and [d.doc_id for d in _docs(stdout)] == ["x"]


# --------------------------------------------------------------------------- item 11: schema and -o errors


def test_schema_show_of_an_unknown_name_is_one_line_with_exit_2() -> None:
    code, _, stderr = _invoke("schema", "show", "bogus")
    _one_line_error(code, stderr, "'bogus'", "document")


def test_schema_export_onto_a_file_is_one_line_with_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "schemas.txt"
    target.write_text("keep me", encoding="utf-8")
    code, _, stderr = _invoke("schema", "export", target)
    _one_line_error(code, stderr, target, "folder")
    assert target.read_text(encoding="utf-8") == "keep me"


def test_schema_export_under_a_file_is_one_line_with_exit_2(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("", encoding="utf-8")
    code, _, stderr = _invoke("schema", "export", tmp_path / "afile" / "schemas")
    _one_line_error(code, stderr, tmp_path / "afile")


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_extract_into_a_folder_that_cannot_exist_is_one_line_with_exit_2(tmp_path: Path, fmt: str) -> None:
    src = _jsonl(tmp_path / "in.jsonl", {"id": "x", "text": PACT})
    (tmp_path / "afile").write_text("", encoding="utf-8")
    out = tmp_path / "afile" / "sub" / ("out.jsonl" if fmt == "jsonl" else "tables")
    code, _, stderr = _invoke("extract", src, "-o", out, "--format", fmt, "-j", "1")
    _one_line_error(code, stderr, tmp_path / "afile")


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_extract_into_a_missing_folder_creates_it(tmp_path: Path, fmt: str) -> None:
    src = _jsonl(tmp_path / "in.jsonl", {"id": "x", "text": PACT})
    out = tmp_path / "new" / "deeper" / ("out.jsonl" if fmt == "jsonl" else "tables")
    code, _, stderr = _invoke("extract", src, "-o", out, "--format", fmt, "-j", "1")
    assert code == 0, stderr
    assert out.is_file() if fmt == "jsonl" else (out / "datapackage.json").is_file()


def test_extract_into_a_read_only_folder_is_one_line_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _jsonl(tmp_path / "in.jsonl", {"id": "x", "text": PACT})
    ro = tmp_path / "ro"
    ro.mkdir()
    if os.geteuid() == 0:  # root writes anywhere: stand in for the operating system's refusal

        def refuse(self: writers.JsonlOutput, *, resume: bool) -> int:
            raise PermissionError(errno.EACCES, "Permission denied", str(self.partial))

        monkeypatch.setattr(writers.JsonlOutput, "open", refuse)
    else:
        ro.chmod(0o555)
    try:
        code, _, stderr = _invoke("extract", src, "-o", ro / "out.jsonl", "-j", "1")
    finally:
        ro.chmod(0o755)
    _one_line_error(code, stderr, ro)
    assert "Permission denied" in stderr


def test_extract_onto_an_existing_folder_is_refused_before_the_run(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", {"id": "x", "text": PACT})
    (tmp_path / "d").mkdir()
    code, _, stderr = _invoke("extract", src, "-o", tmp_path / "d", "-j", "1")
    _one_line_error(code, stderr, tmp_path / "d")
    assert not list(tmp_path.glob(".*partial"))


# --------------------------------------------------------------------------- item 13: end before start

MALABAR = (
    "The navies of India, Japan, Australia and the United States began the Malabar exercise on Monday, "
    "which runs until October 18."
)


def test_an_end_date_without_a_year_is_not_placed_before_its_start(tmp_path: Path) -> None:
    doc = geodefence.extract(MALABAR, published="2025-04-18")
    (exercise,) = doc.exercises
    assert exercise.start is not None and exercise.end is not None
    assert (exercise.start.value, exercise.end.value) == ("2025-04-14", "2025-10-18")
    src = _jsonl(tmp_path / "in.jsonl", {"id": "malabar", "text": MALABAR, "published": "2025-04-18"})
    out = tmp_path / "out.jsonl"
    assert _invoke("extract", src, "-o", out, "--include-text", "-j", "1")[0] == 0
    code, report, _ = _invoke("validate", out)
    assert code == 0, report


@pytest.mark.parametrize(
    ("text", "published", "values"),
    [
        # a month without a year, also placed at or after its start
        ("The drill began on Monday and runs until October.", dt.date(2025, 3, 1), ["2025-02-24", "2025-10"]),
        # without a publication date: the start written in full anchors the end
        ("The drill began on 10 April 2025 and lasts until October 18.", None, ["2025-04-10", "2025-10-18"]),
        # already in order: nothing moves
        ("The drill began on Monday and runs until May 2.", dt.date(2025, 4, 18), ["2025-04-14", "2025-05-02"]),
        # a new sentence is not an end of the earlier date
        (
            "The drill began on Monday. It was banned until October 18.",
            dt.date(2025, 4, 18),
            ["2025-04-14", "2024-10-18"],
        ),
    ],
)
def test_until_dates_follow_the_start_in_their_sentence(
    text: str, published: dt.date | None, values: list[str]
) -> None:
    assert [m.value for m in find_dates(text, published)] == values
