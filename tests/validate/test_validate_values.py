"""Values the schema admits or rejects in unusual spellings: no traceback, one issue per bad line.

Integral offsets written as floats (``27.0``), schema versions in non-ASCII or endless digits,
dates that are not dates (the schema's ``format``), and the note on quotes that had no text to be
checked against.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

from geodefence import validate_dataset
from geodefence.cli import app
from geodefence.records import Evidence
from geodefence.validate import Validator
from geodefence.validate.checks import SchemaChecker, compile_schema, is_full_date, schema_major

Doc = dict[str, Any]
runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, ["validate", *args])


def issues_of(*docs: Doc, **kwargs: Any) -> list[tuple[int | None, str, str]]:
    """(line, check id, JSON path) of every issue found in ``docs``."""
    return [(i.line, i.check, i.path) for i in validate_dataset(list(docs), **kwargs).issues]


def _bad_quote(doc: Doc, doc_id: str) -> Doc:
    """A copy of ``doc`` under ``doc_id`` whose first agreement quote is wrong."""
    bad = copy.deepcopy(doc)
    bad["doc_id"] = doc_id
    bad["agreements"][0]["evidence"][0]["text"] = "signed"
    return bad


# -- item 1: values that used to raise --------------------------------------------------------


def test_integral_float_offsets_are_checked_as_integers(doc: Doc) -> None:
    ev = doc["agreements"][0]["evidence"][0]
    ev["start"], ev["end"] = float(ev["start"]), float(ev["end"])
    doc["agreements"][0]["parties"][0]["evidence"]["start"] = 0.0
    assert issues_of(doc) == []
    ev["text"] = "signed"
    assert issues_of(doc) == [(1, "evidence-quote", "$.agreements[0].evidence[0]")]


def test_float_offsets_agree_with_the_models() -> None:
    """JSON Schema and pydantic both read 27.0 as the integer 27 and both refuse 27.5."""
    assert Evidence.model_validate({"start": 27.0, "end": 30, "text": "abc", "rule": "r"}).start == 27
    with pytest.raises(ValueError):
        Evidence.model_validate({"start": 27.5, "end": 30, "text": "abc", "rule": "r"})


def test_fractional_offsets_are_a_schema_error(doc: Doc) -> None:
    doc["agreements"][0]["evidence"][0]["start"] = 27.5
    assert issues_of(doc) == [(1, "schema", "$.agreements[0].evidence[0].start")]


def test_integral_float_offsets_in_single_records(doc: Doc) -> None:
    record = doc["agreements"][0]
    record["evidence"][0]["end"] = float(record["evidence"][0]["start"] - 1)
    assert issues_of(record, kind="agreement") == [(1, "evidence-order", "$.evidence[0]")]


def test_superscript_schema_version_is_a_schema_error(doc: Doc) -> None:
    doc["schema_version"] = "¹.0.0"
    report = validate_dataset([doc])
    assert [(i.check, i.path) for i in report.issues] == [("schema", "$.schema_version")]
    assert report.skipped == 0


@pytest.mark.parametrize("version", ["٣.0.0", "1٠.0.0", "1.0.0\n", ""])
def test_other_non_versions_are_schema_errors(doc: Doc, version: str) -> None:
    doc["schema_version"] = version
    assert issues_of(doc) == [(1, "schema", "$.schema_version")]


def test_schema_version_of_5000_digits_is_an_unsupported_major(doc: Doc) -> None:
    doc["schema_version"] = "9" * 5000 + ".0.0"
    (issue,) = validate_dataset([doc]).issues
    assert (issue.check, issue.path) == ("schema-version", "$.schema_version")
    assert "reads major 1 only" in issue.message and len(issue.message) <= 300


def test_leading_zeros_do_not_change_the_major(doc: Doc) -> None:
    doc["schema_version"] = "0" * 5000 + "1.0.0"
    assert issues_of(doc) == []


def test_schema_major() -> None:
    assert schema_major("1.2.3") == "1"
    assert schema_major("007.0.0") == "7"
    assert schema_major("000.1.0") == "0"
    assert schema_major("¹.0.0") is None
    assert schema_major("٣.0.0") is None
    assert schema_major("v1.0.0") is None
    assert schema_major(".1.0") is None
    assert schema_major("9" * 5000) == "9" * 5000


def test_each_bad_line_is_one_line_and_the_run_goes_on(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    floats = _bad_quote(doc, "floats")
    ev = floats["agreements"][0]["evidence"][0]
    ev["start"], ev["end"] = float(ev["start"]), float(ev["end"])
    superscript = {**copy.deepcopy(doc), "doc_id": "superscript", "schema_version": "¹.0.0"}
    endless = {**copy.deepcopy(doc), "doc_id": "endless", "schema_version": "9" * 5000 + ".0.0"}
    path = write_jsonl([floats, superscript, endless, _bad_quote(doc, "last")])
    result = run(str(path))
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{path}:1: $.agreements[0].evidence[0]: quote 'signed' differs")
    assert lines[1].startswith(f"{path}:2: $.schema_version: ") and lines[1].endswith("[schema]")
    assert lines[2].startswith(f"{path}:3: $.schema_version: schema_version 999")
    assert lines[2].endswith("[schema-version]") and len(lines[2]) < 400
    assert lines[3].startswith(f"{path}:4: $.agreements[0].evidence[0]: quote 'signed' differs")
    assert "checked 4 items in 1 file: 4 errors" in lines[4]


def test_doc_ids_the_os_cannot_open_warn_and_the_run_goes_on(
    doc: Doc, write_jsonl: Callable[..., Path], tmp_path: Path
) -> None:
    """A NUL in a doc_id (valid JSON: ``"a\\u0000b"``) once raised ``ValueError`` under --text-dir."""
    text = doc.pop("text")
    (tmp_path / "doc-2.txt").write_text(text, encoding="utf-8")
    nul = {**copy.deepcopy(doc), "doc_id": "a\x00b"}
    path = write_jsonl([nul, _bad_quote(doc, "doc-2")])
    result = run(str(path), "--text-dir", str(tmp_path))
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert (
        lines[0].startswith(f"{path}:1: $.doc_id: doc_id 'a\\x00b' is not a file name") and "[text-missing]" in lines[0]
    )
    assert lines[1].startswith(f"{path}:2: $.agreements[0].evidence[0]: quote 'signed' differs")


def test_doc_id_with_a_lone_surrogate_warns(doc: Doc, tmp_path: Path) -> None:
    """Only Python callers can pass one (JSON decoding refuses it); the file name cannot be encoded."""
    doc.pop("text")
    doc["doc_id"] = "\ud800"
    report = validate_dataset([doc], text_dir=tmp_path)
    assert [(i.check, i.severity) for i in report.issues] == [("text-missing", "warning")]
    assert report.ok and report.unchecked_quotes == 1


def test_lone_surrogates_from_python_callers_are_malformed(doc: Doc) -> None:
    """Only Python callers can pass such a str (JSON decoding refuses it) and jsonschema-rs cannot
    read it: the item is reported at the string, and the next item is checked."""
    version = {**copy.deepcopy(doc), "schema_version": "1.0.0\ud800"}
    name = copy.deepcopy(doc)
    name["agreements"][0]["parties"][1]["name"] = "Kyrgyz\ud800stan"
    name["agreements"][0]["unknown"] = True  # the schema errors are listed: they read the name
    key = {"doc_id": "d", "\udcff": 1}
    assert issues_of(version, name, key, _bad_quote(doc, "doc-2")) == [
        (1, "malformed", "$.schema_version"),
        (2, "malformed", "$.agreements[0].parties[1].name"),
        (3, "malformed", "$"),
        (4, "evidence-quote", "$.agreements[0].evidence[0]"),
    ]


def test_a_failing_check_is_reported_and_the_run_goes_on(
    doc: Doc, write_jsonl: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a check raises becomes an ``internal`` issue on its line, not a traceback."""
    from geodefence.validate import api

    real = api.check_document

    def fragile(item: Doc, text: str | None, emit: Any) -> None:
        if item["doc_id"] == "doc-1":
            raise ValueError("boom")
        real(item, text, emit)

    monkeypatch.setattr(api, "check_document", fragile)
    path = write_jsonl([doc, _bad_quote(doc, "doc-2")])
    report = validate_dataset(path)
    assert [(i.line, i.check, i.path) for i in report.issues] == [
        (1, "internal", "$"),
        (2, "evidence-quote", "$.agreements[0].evidence[0]"),
    ]
    assert "ValueError: boom" in report.issues[0].message
    assert report.valid_documents == 0 and report.exit_code == 1


# -- item 2: the schema's formats ---------------------------------------------------------------


@pytest.mark.parametrize(
    "published",
    [
        "yesterday",
        "2025-13-45",
        "2025-02-29",
        "2025-1-01",
        "20250101",
        "0000-01-01",
        "2025-01-01T00:00:00",
        "٢٠٢٥-٠١-٠١",
    ],
)
def test_published_must_be_a_date(doc: Doc, published: str) -> None:
    doc["published"] = published
    report = validate_dataset([doc])
    assert [(i.line, i.check, i.path) for i in report.issues] == [(1, "schema", "$.published")]
    assert "date" in report.issues[0].message and not report.ok


@pytest.mark.parametrize("published", ["2025-04-18", "2024-02-29", "0001-01-01", "9999-12-31", None])
def test_real_dates_pass(doc: Doc, published: str | None) -> None:
    doc["published"] = published
    assert issues_of(doc) == []


def test_the_date_format_agrees_with_the_models() -> None:
    from geodefence.records import Document

    for value in ("2025-04-18", "2024-02-29", "0001-01-01", "0000-01-01", "2025-02-29", "yesterday", "2025-13-45"):
        try:
            Document(doc_id="d", published=value)
            model_ok = True
        except ValueError:
            model_ok = False
        assert is_full_date(value) is model_ok, value


def test_date_time_format_is_enforced() -> None:
    validator = compile_schema({"type": "string", "format": "date-time"})
    assert validator.is_valid("2025-04-18T09:30:00Z")
    assert validator.is_valid("2025-04-18T09:30:00+05:00")
    assert not validator.is_valid("2025-04-18 09:30")
    assert not validator.is_valid("2025-04-18T25:00:00Z")
    assert not validator.is_valid("tomorrow")


def test_bad_dates_on_the_cli_name_file_line_and_field(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    first = {**copy.deepcopy(doc), "published": "yesterday"}
    second = {**copy.deepcopy(doc), "doc_id": "doc-2", "published": "2025-13-45"}
    path = write_jsonl([first, second, {**copy.deepcopy(doc), "doc_id": "doc-3"}])
    result = run(str(path))
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0] == f'{path}:1: $.published: "yesterday" is not a "date" [schema]'
    assert lines[1] == f'{path}:2: $.published: "2025-13-45" is not a "date" [schema]'
    assert "checked 3 items in 1 file: 2 errors, 0 warnings, 2 invalid" in lines[2]


def test_the_document_schema_checker_enforces_formats(doc: Doc) -> None:
    checker = SchemaChecker("document")
    assert checker.is_valid(doc)
    doc["published"] = "2025-13-45"
    assert not checker.is_valid(doc)
    assert [path for path, _ in checker.errors(doc)] == ["$.published"]


# -- item 3: quotes without text ----------------------------------------------------------------


def test_unchecked_quotes_are_counted_not_failed(doc: Doc) -> None:
    with_text = copy.deepcopy(doc)
    doc.pop("text")
    other = {**copy.deepcopy(doc), "doc_id": "doc-2", "text": None}
    empty = {"doc_id": "doc-3"}
    report = validate_dataset([with_text | {"doc_id": "doc-0"}, doc, other, empty])
    assert report.unchecked_quotes == 2
    assert report.ok and report.exit_code == 0 and report.issues == []
    assert report.to_dict()["unchecked_quotes"] == 2


def test_text_dir_supplies_the_text_so_nothing_goes_unchecked(doc: Doc, tmp_path: Path) -> None:
    text = doc.pop("text")
    (tmp_path / "doc-1.txt").write_text(text, encoding="utf-8")
    assert validate_dataset([doc], text_dir=tmp_path).unchecked_quotes == 0
    missing = {**copy.deepcopy(doc), "doc_id": "doc-2"}
    report = validate_dataset([doc, missing], text_dir=tmp_path)
    assert report.unchecked_quotes == 1 and [i.check for i in report.issues] == ["text-missing"]


def test_single_records_have_no_text_to_check_quotes_against(doc: Doc) -> None:
    validator = Validator(kind="agreement")
    for _ in validator.run_items([doc["agreements"][0]]):
        pass
    assert validator.report.unchecked_quotes == 1 and validator.report.ok


def test_text_report_notes_unchecked_quotes(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    doc.pop("text")
    path = write_jsonl([doc, {**copy.deepcopy(doc), "doc_id": "doc-2"}])
    result = run(str(path))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "checked 2 items in 1 file: all valid"
    assert lines[1].startswith("note: evidence quotes of 2 items not checked: no text")
    assert "--text-dir" in lines[1]
    github = run(str(path), "--format", "github")
    assert github.exit_code == 0 and "note: evidence quotes of 2 items not checked" in github.output


def test_json_report_counts_unchecked_quotes(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    doc.pop("text")
    result = run(str(write_jsonl([doc])), "--format", "json")
    assert result.exit_code == 0, result.output
    data = orjson.loads(result.output)
    assert data["ok"] is True and data["unchecked_quotes"] == 1 and data["issues"] == []


def test_no_note_when_every_quote_was_checked(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    result = run(str(write_jsonl([doc])))
    assert result.output.splitlines() == ["checked 1 item in 1 file: all valid"]
    assert orjson.loads(run(str(write_jsonl([doc])), "--format", "json").output)["unchecked_quotes"] == 0
