"""Each data-quality check (and the schema check): a passing and a failing case, by check id."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geodefence import validate_dataset
from geodefence.validate import CHECKS
from geodefence.validate.checks import SchemaChecker, json_path, state_codes

Doc = dict[str, Any]


def checks_of(*docs: Doc, **kwargs: Any) -> list[str]:
    """The check ids of every issue found in ``docs``."""
    return [issue.check for issue in validate_dataset(list(docs), **kwargs).issues]


def test_the_built_document_is_valid(doc: Doc) -> None:
    report = validate_dataset([doc])
    assert report.ok, [str(i) for i in report.issues]
    assert (report.documents, report.valid_documents, report.errors) == (1, 1, 0)


def _quote(d: Doc) -> None:
    d["agreements"][0]["evidence"][0]["text"] = "signed a defence co-operation plan"


def _range(d: Doc) -> None:
    d["agreements"][0]["evidence"][0].update(start=len(d["text"]) - 2, end=len(d["text"]) + 5)


def _order(d: Doc) -> None:
    d["agreements"][0]["evidence"][0].update(start=10, end=4)


def _nested_quote(d: Doc) -> None:
    d["agreements"][0]["parties"][1]["evidence"]["start"] += 1


def _date_order_exercise(d: Doc) -> None:
    d["exercises"][0]["end"]["value"] = "2024-05-01"


def _date_order_visit(d: Doc) -> None:
    d["visits"][0]["date"] = {"text": "in June", "value": "2024-06", "precision": "month", "relative": False}
    d["visits"][0]["end"] = {"text": "in May", "value": "2024-05", "precision": "month", "relative": False}


def _validity(d: Doc) -> None:
    d["agreements"][0]["valid_until"]["value"] = "2023"


def _state_code(d: Doc) -> None:
    d["agreements"][0]["parties"][0]["code"] = "KZK"


def _place_country(d: Doc) -> None:
    d["agreements"][0]["location"]["country"] = "ABC"


def _actor_country(d: Doc) -> None:
    d["visits"][0]["visitor"]["country"] = "KGY"


def _duplicate_party(d: Doc) -> None:
    d["agreements"][0]["parties"].append(copy.deepcopy(d["agreements"][0]["parties"][0]))


def _duplicate_participant(d: Doc) -> None:
    d["exercises"][0]["participants"][1] = {"name": "kazakhstan ", "type": "state", "code": None}
    d["exercises"][0]["participants"][0]["code"] = None


def _missing_evidence(d: Doc) -> None:
    d["visits"][0]["evidence"] = []


def _sha(d: Doc) -> None:
    d["text_sha256"] = "0" * 64


def _schema(d: Doc) -> None:
    d["exercises"][0]["troops"] = -5


FAILURES: list[tuple[str, Callable[[Doc], None], str]] = [
    ("evidence-quote", _quote, "$.agreements[0].evidence[0]"),
    ("evidence-quote", _nested_quote, "$.agreements[0].parties[1].evidence"),
    ("evidence-range", _range, "$.agreements[0].evidence[0]"),
    ("evidence-order", _order, "$.agreements[0].evidence[0]"),
    ("date-order", _date_order_exercise, "$.exercises[0].end.value"),
    ("date-order", _date_order_visit, "$.visits[0].end.value"),
    ("validity-order", _validity, "$.agreements[0].valid_until.value"),
    ("state-code", _state_code, "$.agreements[0].parties[0].code"),
    ("state-code", _place_country, "$.agreements[0].location.country"),
    ("state-code", _actor_country, "$.visits[0].visitor.country"),
    ("duplicate-party", _duplicate_party, "$.agreements[0].parties[2]"),
    ("duplicate-participant", _duplicate_participant, "$.exercises[0].participants[1]"),
    ("missing-evidence", _missing_evidence, "$.visits[0].evidence"),
    ("text-sha256", _sha, "$.text_sha256"),
    ("schema", _schema, "$.exercises[0].troops"),
]


@pytest.mark.parametrize(("check", "breaker", "path"), FAILURES, ids=[f"{c}-{b.__name__[1:]}" for c, b, _ in FAILURES])
def test_each_check_fails_on_its_fault_only(doc: Doc, check: str, breaker: Callable[[Doc], None], path: str) -> None:
    breaker(doc)
    report = validate_dataset([doc])
    assert [(i.check, i.path) for i in report.issues] == [(check, path)]
    assert report.counts == {check: 1}
    assert not report.ok and report.exit_code == 1


def test_every_check_id_is_exercised_somewhere() -> None:
    tested = {check for check, _, _ in FAILURES}
    tested |= {"malformed", "schema-version", "duplicate-doc-id", "text-missing", "unreadable", "internal"}
    tested |= {"too-large"}  # tests/validate/test_validate_memory.py
    assert tested == set(CHECKS)


def test_evidence_is_not_checked_without_text(doc: Doc) -> None:
    doc["text"] = None
    doc["agreements"][0]["evidence"][0]["text"] = "not in the text"
    assert checks_of(doc) == []


def test_evidence_order_is_checked_without_text(doc: Doc) -> None:
    doc["text"] = None
    _order(doc)
    assert checks_of(doc) == ["evidence-order"]


def test_dates_at_coarser_precision_are_compared_on_their_common_prefix(doc: Doc) -> None:
    doc["exercises"][0]["end"] = {"text": "May 2024", "value": "2024-05", "precision": "month", "relative": False}
    doc["agreements"][0]["valid_until"]["value"] = "2024"
    assert checks_of(doc) == []


def test_unresolved_dates_are_not_compared(doc: Doc) -> None:
    doc["exercises"][0]["end"] = {"text": "later", "value": None, "precision": None, "relative": False}
    assert checks_of(doc) == []


def test_organisation_codes_and_acronym_countries_are_not_state_codes(doc: Doc) -> None:
    doc["agreements"][0]["parties"][1] = {
        "name": "Collective Security Treaty Organization",
        "type": "organization",
        "code": "CSTO",
    }
    doc["visits"][0]["visitor"]["country"] = "NATO"
    doc["visits"][0]["visitor_party"] = "NATO"
    assert checks_of(doc) == []


def test_three_letter_organisation_codes_are_parties_not_bad_states(doc: Doc) -> None:
    doc["visits"][0]["visitor"]["country"] = "SCO"
    doc["visits"][0]["visitor_party"] = "SCO"
    assert checks_of(doc) == []
    doc["visits"][0]["visitor_party"] = "QQQ"
    assert checks_of(doc) == ["state-code"]


def test_state_codes_come_from_iso_3166_plus_documented_exceptions() -> None:
    codes = state_codes()
    assert {"KAZ", "UZB", "RUS", "USA", "XKX"} <= codes
    assert "UK" not in codes and "ZZZ" not in codes


def test_duplicate_doc_id_names_the_first_use(doc: Doc) -> None:
    other = copy.deepcopy(doc)
    report = validate_dataset([doc, other])
    assert [(i.line, i.check, i.path) for i in report.issues] == [(2, "duplicate-doc-id", "$.doc_id")]
    assert "<iterable>:1" in report.issues[0].message
    other["doc_id"] = "doc-2"
    assert validate_dataset([doc, other]).ok


def test_duplicate_doc_id_across_files(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    first = write_jsonl([doc], "a.jsonl")
    second = write_jsonl([doc], "b.jsonl")
    report = validate_dataset([first, second])
    assert [(i.file, i.check) for i in report.issues] == [(str(second), "duplicate-doc-id")]
    assert f"{first}:1" in report.issues[0].message


def test_unsupported_schema_version_is_reported_once_and_skipped(doc: Doc) -> None:
    future = [{**copy.deepcopy(doc), "doc_id": f"d{i}", "schema_version": "2.0.0", "extra_field": i} for i in range(3)]
    report = validate_dataset([doc, *future])
    assert [(i.line, i.check) for i in report.issues] == [(2, "schema-version")]
    assert "major version 2" in report.issues[0].message and "reads major 1" in report.issues[0].message
    assert report.skipped == 3 and report.exit_code == 1


def test_supported_minor_versions_pass(doc: Doc) -> None:
    doc["schema_version"] = "1.7.3"
    assert checks_of(doc) == []


def test_schema_messages_name_the_field_inside_nullable_parts(doc: Doc) -> None:
    doc["agreements"][0]["date"]["value"] = "12/03/2024"
    doc["agreements"][0]["parties"][0]["type"] = "country"
    issues = validate_dataset([doc]).issues
    paths = sorted(i.path for i in issues)
    assert paths == ["$.agreements[0].date.value", "$.agreements[0].parties[0].type"]
    assert all("anyOf" not in i.message for i in issues)


def test_schema_failure_skips_quality_checks_but_not_duplicate_ids(doc: Doc) -> None:
    broken = copy.deepcopy(doc)
    broken["unknown"] = 1
    _quote(broken)
    assert checks_of(doc, broken) == ["schema", "duplicate-doc-id"]


def test_long_values_are_cut_in_messages(doc: Doc) -> None:
    doc["exercises"][0]["troops"] = "x" * 10_000
    (issue,) = validate_dataset([doc]).issues
    assert len(issue.message) <= 300


def test_text_dir_supplies_the_text(doc: Doc, tmp_path: Path) -> None:
    text = doc.pop("text")
    (tmp_path / "doc-1.txt").write_text(text, encoding="utf-8")
    assert checks_of(doc, text_dir=tmp_path) == []
    _quote(doc)
    assert checks_of(doc, text_dir=tmp_path) == ["evidence-quote"]


def test_text_dir_without_the_file_warns(doc: Doc, tmp_path: Path) -> None:
    doc.pop("text")
    report = validate_dataset([doc], text_dir=tmp_path)
    assert [(i.check, i.severity) for i in report.issues] == [("text-missing", "warning")]
    assert report.ok and report.exit_code == 0 and report.warnings == 1


def test_text_dir_refuses_path_like_ids(doc: Doc, tmp_path: Path) -> None:
    doc.pop("text")
    doc["doc_id"] = "../secret"
    assert checks_of(doc, text_dir=tmp_path) == ["text-missing"]


def test_json_path_formatting() -> None:
    assert json_path(["agreements", 0, "parties", 1, "code"]) == "$.agreements[0].parties[1].code"
    assert json_path(["a b", 'q"']) == '$["a b"]["q\\""]'


def test_schema_checker_compiles_each_published_schema() -> None:
    for name in ("document", "agreement", "visit", "exercise", "stance"):
        checker = SchemaChecker(name)
        assert not checker.is_valid({"unexpected": True})
        assert checker.errors({"unexpected": True})
