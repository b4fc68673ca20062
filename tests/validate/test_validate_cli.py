"""``geodefence validate``: output formats, exit codes, options, stdin, and help text."""

from __future__ import annotations

import copy
import gzip
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml
from typer.testing import CliRunner

from geodefence.cli import app

Doc = dict[str, Any]
runner = CliRunner()


def run(*args: str, stdin: bytes | None = None) -> Any:
    return runner.invoke(app, ["validate", *args], input=stdin)


def broken_pair(doc: Doc) -> list[Doc]:
    """A valid document and one with a wrong evidence quote."""
    bad = copy.deepcopy(doc)
    bad["doc_id"] = "doc-2"
    bad["agreements"][0]["evidence"][0]["text"] = "signed"
    return [doc, bad]


def test_valid_dataset_exits_0(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    result = run(str(write_jsonl([doc])))
    assert result.exit_code == 0, result.output
    assert "checked 1 item in 1 file: all valid" in result.output


def test_text_format_lines_and_summary(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    path = write_jsonl(broken_pair(doc))
    result = run(str(path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{path}:2: $.agreements[0].evidence[0]: quote 'signed' differs")
    assert lines[0].endswith("[evidence-quote]")
    assert "1 error, 0 warnings, 1 invalid" in lines[1]
    assert re.fullmatch(r"\s+evidence-quote\s+1", lines[2])


def test_json_format(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    path = write_jsonl(broken_pair(doc))
    result = run(str(path), "--format", "json")
    assert result.exit_code == 1
    data = orjson.loads(result.output)
    assert data["ok"] is False and data["exit_code"] == 1 and data["documents"] == 2
    assert data["counts"] == {"evidence-quote": 1}
    (issue,) = data["issues"]
    assert issue == {
        "file": str(path),
        "line": 2,
        "path": "$.agreements[0].evidence[0]",
        "check": "evidence-quote",
        "severity": "error",
        "message": issue["message"],
    }


def test_github_format(doc: Doc, tmp_path: Path) -> None:
    path = tmp_path / "a,b:c.jsonl"
    path.write_bytes(b"\n".join(orjson.dumps(d) for d in broken_pair(doc)))
    result = run(str(path), "--format", "github")
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    escaped = str(path).replace(":", "%3A").replace(",", "%2C")
    assert first.startswith(
        f"::error file={escaped},line=2,title=geodefence evidence-quote::$.agreements[0].evidence[0]: "
    )


def test_github_format_escapes_newlines_and_marks_warnings(doc: Doc, tmp_path: Path) -> None:
    doc.pop("text")
    path = tmp_path / "d.jsonl"
    path.write_bytes(orjson.dumps(doc) + b"\n" + b'{"doc_id": "x\\n%"')
    result = run(str(path), "--format", "github", "--text-dir", str(tmp_path))
    lines = result.output.splitlines()
    assert lines[0].startswith("::warning file=") and "text-missing" in lines[0]
    assert lines[1].startswith("::error file=") and "line=2" in lines[1]
    assert result.exit_code == 1


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    result = run(str(tmp_path / "missing.jsonl"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'missing.jsonl'}: $: no such file [unreadable]" in result.output


def test_truncated_gzip_exits_2_after_reporting_earlier_lines(doc: Doc, tmp_path: Path) -> None:
    docs = [{**copy.deepcopy(doc), "doc_id": f"d{i}"} for i in range(400)]
    docs[0]["exercises"][0]["troops"] = -1
    data = gzip.compress(b"\n".join(orjson.dumps(d) for d in docs))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    result = run(str(path))
    assert result.exit_code == 2
    assert f"{path}:1: $.exercises[0].troops:" in result.output
    assert "truncated gzip" in result.output


def test_usage_errors_exit_2(doc: Doc, write_jsonl: Callable[..., Path], tmp_path: Path) -> None:
    path = str(write_jsonl([doc]))
    assert run().exit_code == 2
    assert run(path, "--kind", "treaty").exit_code == 2
    assert run(path, "--format", "xml").exit_code == 2
    assert run(path, "--max-errors", "0").exit_code == 2
    assert run(path, "--text-dir", str(tmp_path / "nowhere")).exit_code == 2


def test_stdin(doc: Doc) -> None:
    data = b"\n".join(orjson.dumps(d) for d in broken_pair(doc)) + b"\n"
    result = run("-", stdin=data)
    assert result.exit_code == 1
    assert result.output.startswith("<stdin>:2: $.agreements[0].evidence[0]:")


def test_stdin_gzip(doc: Doc) -> None:
    result = run("-", stdin=gzip.compress(orjson.dumps(doc)))
    assert result.exit_code == 0, result.output


def test_several_paths(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    first = write_jsonl([doc], "a.jsonl")
    second = write_jsonl(broken_pair(doc)[1:], "b.jsonl.gz", compress=True)
    result = run(str(first), str(second))
    assert result.exit_code == 1
    assert "checked 2 items in 2 files" in result.output
    assert f"{second}:1:" in result.output


def test_max_errors_stops_the_run(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    bad = [b"{oops"] * 10
    result = run(str(write_jsonl([doc, *bad])), "--max-errors", "3")
    assert result.exit_code == 1
    assert result.output.count("[malformed]") == 3
    assert "stopped after 3 errors" in result.output
    assert "checked 4 items" in result.output


def test_kind_validates_single_records(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    agreement = doc["agreements"][0]
    path = write_jsonl([agreement])
    assert run(str(path), "--kind", "agreement").exit_code == 0
    result = run(str(path))  # as documents, an agreement is not a document
    assert result.exit_code == 1 and "[schema]" in result.output


def test_kind_runs_record_checks(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    exercise = doc["exercises"][0]
    exercise["end"]["value"] = "2024-01-01"
    missing = copy.deepcopy(doc["visits"][0])
    missing["evidence"] = []
    result = run(str(write_jsonl([exercise])), "--kind", "exercise")
    assert result.exit_code == 1 and "$.end.value" in result.output and "[date-order]" in result.output
    result = run(str(write_jsonl([missing], "v.jsonl")), "--kind", "visit")
    assert "$.evidence: visit record has no evidence span [missing-evidence]" in result.output


def test_kind_mismatch_is_a_schema_error(doc: Doc, write_jsonl: Callable[..., Path]) -> None:
    result = run(str(write_jsonl([doc["visits"][0]])), "--kind", "stance")
    assert result.exit_code == 1 and "[schema]" in result.output


def test_text_dir_option(doc: Doc, write_jsonl: Callable[..., Path], tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "doc-1.txt").write_text(doc.pop("text"), encoding="utf-8")
    doc["agreements"][0]["evidence"][0]["start"] += 1
    result = run(str(write_jsonl([doc])), "--text-dir", str(texts))
    assert result.exit_code == 1 and "[evidence-quote]" in result.output


@pytest.mark.parametrize(
    ("option", "phrase"),
    [
        ("--kind", "single records of this kind"),
        ("--text-dir", "Folder of DOC_ID.txt files"),
        ("--format", "GitHub Actions annotations"),
        ("--max-errors", "Stop after this many errors"),
    ],
)
def test_every_option_has_help(option: str, phrase: str) -> None:
    result = runner.invoke(app, ["validate", "--help"], env={"COLUMNS": "300"})
    assert result.exit_code == 0
    flat = " ".join(result.output.split())
    assert option in flat and phrase in flat
    assert "Validate datasets" in flat


def test_pre_commit_hook_runs_this_command(root: Path) -> None:
    (hook,) = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "geodefence-validate" and hook["language"] == "python"
    assert hook["entry"] == "geodefence validate"
    pattern = re.compile(hook["files"])
    # Only datasets named by the convention (issue 15): other JSON files of a repository are left alone.
    assert all(pattern.search(n) for n in ("a.geodefence.jsonl", "b/c.geodefence.json", "d.geodefence.jsonl.gz"))
    assert not any(pattern.search(n) for n in ("a.py", "a.jsonl", "package.json", "schema.geodefence.json.bak"))
