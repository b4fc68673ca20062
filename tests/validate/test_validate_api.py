"""``geodefence.validate_dataset`` and ``Report``: the Python API over the same checks."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

import geodefence
from geodefence import Report, validate_dataset
from geodefence.errors import InputError
from geodefence.records import Document
from geodefence.validate import Issue, Validator

Doc = dict[str, Any]


def test_exported_from_the_package() -> None:
    assert {"validate_dataset", "Report"} <= set(geodefence.__all__)
    assert geodefence.validate_dataset is validate_dataset


def test_accepts_models_dicts_and_json_text(doc: Doc, build: Callable[..., Document]) -> None:
    items = [
        build("m1"),
        {**doc, "doc_id": "d1"},
        orjson.dumps({**doc, "doc_id": "b1"}),
        orjson.dumps({**doc, "doc_id": "s1"}).decode(),
    ]
    report = validate_dataset(items)
    assert report.ok and report.documents == 4 and report.valid_documents == 4
    assert report.exit_code == 0 and report.files == 1


def test_accepts_a_generator(doc: Doc) -> None:
    report = validate_dataset({**doc, "doc_id": f"g{i}"} for i in range(5))
    assert report.ok and report.documents == 5


def test_accepts_a_path_as_str_or_path(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    path = write_jsonl([doc])
    assert validate_dataset(str(path)).ok
    assert validate_dataset(path).ok


def test_report_counts_and_issue_fields(doc: Doc) -> None:
    bad = copy.deepcopy(doc)
    bad["doc_id"] = "other"
    bad["visits"][0]["evidence"] = []
    bad["agreements"][0]["parties"][0]["code"] = "QQQ"
    report = validate_dataset([doc, bad, "not json"])
    assert isinstance(report, Report)
    assert report.counts == {"missing-evidence": 1, "state-code": 1, "malformed": 1}
    assert (report.errors, report.warnings, report.documents, report.valid_documents) == (3, 0, 3, 1)
    issue = report.issues[0]
    assert isinstance(issue, Issue)
    assert (issue.file, issue.line, issue.check, issue.severity) == ("<iterable>", 2, "state-code", "error")
    assert issue.path == "$.agreements[0].parties[0].code"
    assert "QQQ" in issue.message
    assert str(issue).startswith("<iterable>:2: $.agreements[0].parties[0].code: ")
    assert not report.ok


def test_report_to_dict_is_json_ready(doc: Doc) -> None:
    data = validate_dataset([doc, doc]).to_dict()
    assert orjson.loads(orjson.dumps(data)) == data
    assert data["counts"] == {"duplicate-doc-id": 1}
    assert data["issues"] == [validate_dataset([doc, doc]).issues[0].to_dict()]


def test_max_errors(doc: Doc) -> None:
    report = validate_dataset([b"[]"] * 5 + [doc], max_errors=2)
    assert report.errors == 2 and report.stopped and report.documents == 2


def test_kind(doc: Doc) -> None:
    assert validate_dataset(doc["stances"] or [_stance()], kind="stance").ok
    assert not validate_dataset([doc["agreements"][0]], kind="visit").ok


def _stance() -> Doc:
    return {
        "holder": {"name": "Kyrgyzstan", "type": "state", "code": "KGZ"},
        "position": "support",
        "cue": "welcomed",
        "evidence": [{"start": 0, "end": 8, "text": "anything", "rule": "r"}],
    }


def test_bad_arguments_raise_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown kind"):
        validate_dataset([], kind="treaty")
    with pytest.raises(InputError, match="text directory"):
        validate_dataset([], text_dir=tmp_path / "missing")
    with pytest.raises(InputError, match="max_errors"):
        validate_dataset([], max_errors=0)


def test_validator_streams_issues_without_keeping_them(doc: Doc) -> None:
    validator = Validator(keep_issues=False)
    found = list(validator.run_items([doc, doc, b"{"]))
    assert [i.check for i in found] == ["duplicate-doc-id", "malformed"]
    assert validator.report.issues == [] and validator.report.errors == 2


def test_empty_dataset_is_valid() -> None:
    report = validate_dataset([])
    assert report.ok and report.documents == 0
