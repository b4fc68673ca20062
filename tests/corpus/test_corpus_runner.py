"""The runner and the extract command: order, worker-count independence, failures, atomic output, resume."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus_helpers import article, dying_extract, fake_extract, write_jsonl
from typer.testing import CliRunner

import geodefence
from geodefence.cli import app
from geodefence.corpus.readers import InputItem
from geodefence.corpus.runner import Summary, process_item, results, run
from geodefence.corpus.writers import partial_path
from geodefence.errors import GeodefenceError
from geodefence.records import Document

GEODEFENCE = [sys.executable, "-m", "geodefence.cli"]


def collect(items: list[InputItem], **kwargs: object) -> tuple[bytes, Summary]:
    out: list[bytes] = []
    summary = run(items, out.append, **kwargs)  # type: ignore[arg-type]
    return b"".join(out), summary


def mixed_items(n: int) -> list[InputItem]:
    """Good documents with every few an extractor failure and a reader fault."""
    items = []
    for i in range(n):
        if i % 17 == 5:
            items.append(InputItem(doc_id=f"d{i}", file="f.jsonl", line=i + 1, error=("invalid_json", "bad")))
        else:
            text = "BOOM " + article(i) if i % 23 == 7 else article(i)
            items.append(InputItem(doc_id=f"d{i}", text=text, file="f.jsonl", line=i + 1))
    return items


def test_output_is_identical_for_one_and_two_workers() -> None:
    items = mixed_items(300)
    one, s1 = collect(items, workers=1, extractor=fake_extract)
    two, s2 = collect(items, workers=2, chunksize=7, extractor=fake_extract)
    assert one == two
    lines = one.splitlines()
    assert len(lines) == 300
    assert [json.loads(line)["doc_id"] for line in lines] == [f"d{i}" for i in range(300)]
    assert s1.documents == s2.documents == 300
    assert s1.failed == s2.failed == sum(1 for i in range(300) if i % 17 == 5 or i % 23 == 7)
    assert s1.records == s2.records and s1.records["agreements"] == 300 - s1.failed


def test_extractor_exception_becomes_an_error_record() -> None:
    item = InputItem(doc_id="x", text="BOOM goes the rule", file="in.jsonl", line=4, warnings=[("invalid_utf8", "m")])
    doc = process_item(item, fake_extract)
    assert doc.error is not None
    assert (doc.error.code, doc.error.file, doc.error.line) == ("extract_failed", "in.jsonl", 4)
    assert "RuntimeError: boom in the rules" in doc.error.message and "in.jsonl:4" in doc.error.message
    assert [w.code for w in doc.warnings] == ["invalid_utf8"]


def test_invalid_published_date_is_an_error_record() -> None:
    doc = process_item(InputItem(doc_id="x", text="Some text.", published="17 April"))
    assert doc.error is not None and doc.error.code == "invalid_date"


def test_results_stop_early_without_hanging() -> None:
    stream = results(mixed_items(2000), workers=2, chunksize=5, extractor=fake_extract)
    first = [next(stream) for _ in range(3)]
    stream.close()
    assert [json.loads(r[0])["doc_id"] for r in first] == ["d0", "d1", "d2"]


def write_faulty(path: Path) -> Path:
    path.write_bytes(
        b'{"id": "a", "text": "Poland and Japan signed a plan."}\n'
        b"not json at all\n"
        b'{"id": "c", "text": ""}\n'
        b'{"id": "d", "text": "caf\xe9 \xff text about drills."}\n'
        b"[1, 2]\n"
        b'{"id": "f", "text": "Another article."}\n'
    )
    return path


def test_cli_one_line_per_input_and_failure_count(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(write_faulty(tmp_path / "in.jsonl")), "-j", "1"])
    assert result.exit_code == 1
    docs = [Document.model_validate_json(line) for line in result.stdout.splitlines()]
    assert [d.doc_id for d in docs] == ["a", f"{tmp_path}/in.jsonl:2", "c", "d", f"{tmp_path}/in.jsonl:5", "f"]
    assert [d.error.code if d.error else None for d in docs] == [
        None,
        "invalid_json",
        "empty_text",
        None,
        "not_an_object",
        None,
    ]
    assert [w.code for w in docs[3].warnings][:1] == ["invalid_utf8"]
    assert "3 of 6 documents failed" in result.stderr


def test_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["extract", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    assert runner.invoke(app, ["extract", str(tmp_path), "--format", "csv"]).exit_code == 2
    assert runner.invoke(app, ["extract", str(tmp_path), "--resume"]).exit_code == 2
    assert runner.invoke(app, ["extract", str(tmp_path), "--pretty", "-o", str(tmp_path / "o.jsonl")]).exit_code == 2


def test_cli_clean_run_exits_0_pretty_and_gzip_output(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.txt").write_text(article(1), encoding="utf-8")
    (tmp_path / "in" / "two.txt").write_text(article(2), encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(app, ["extract", str(tmp_path / "in"), "-j", "1"])
    assert plain.exit_code == 0, plain.stderr
    assert "2 documents, 0 failed" in plain.stderr
    pretty = runner.invoke(app, ["extract", str(tmp_path / "in"), "-j", "1", "--pretty"])
    assert pretty.stdout.startswith('{\n  "schema_version"')
    out = tmp_path / "out.jsonl.gz"
    assert runner.invoke(app, ["extract", str(tmp_path / "in"), "-j", "1", "-o", str(out)]).exit_code == 0
    assert gzip.decompress(out.read_bytes()).decode() == plain.stdout
    assert not partial_path(out).exists()
    again = tmp_path / "again.jsonl.gz"
    runner.invoke(app, ["extract", str(tmp_path / "in"), "-j", "1", "-o", str(again)])
    assert again.read_bytes() == out.read_bytes()  # deterministic gzip header


def test_cli_resume_drops_a_half_written_line(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", 40)
    runner = CliRunner()
    full = runner.invoke(app, ["extract", str(corpus), "-j", "1"]).stdout.encode()
    out = tmp_path / "o.jsonl"
    lines = full.splitlines(keepends=True)
    partial_path(out).write_bytes(b"".join(lines[:13]) + lines[13][:25])
    resumed = runner.invoke(app, ["extract", str(corpus), "-j", "2", "-o", str(out), "--resume"])
    assert resumed.exit_code == 0, resumed.stderr
    assert "resuming after 13 documents" in resumed.stderr and "40 documents" in resumed.stderr
    assert out.read_bytes() == full


def _kill_part_way(args: list[str], partial: Path, min_bytes: int) -> bool:
    """Start the CLI, SIGKILL it once the partial output holds ``min_bytes``; False if it finished first."""
    proc = subprocess.Popen([*GEODEFENCE, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while proc.poll() is None:
            if partial.exists() and partial.stat().st_size >= min_bytes:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.002)
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_sigkilled_run_resumes_to_the_uninterrupted_output(tmp_path: Path) -> None:
    for n in (1000, 10000, 100000):
        corpus = write_jsonl(tmp_path / f"c{n}.jsonl", n)
        out = tmp_path / f"o{n}.jsonl"
        args = ["extract", str(corpus), "-o", str(out), "-j", "2", "--chunk-size", "8"]
        if _kill_part_way(args, partial_path(out), 4096):
            break
        out.unlink()
    else:
        pytest.fail("the run always finished before it could be killed")
    assert not out.exists(), "a killed run must not leave a final output"
    kept = partial_path(out).read_bytes().count(b"\n")
    assert 0 < kept < n
    resumed = subprocess.run([*GEODEFENCE, *args, "--resume"], capture_output=True, text=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert f"resuming after {kept} documents" in resumed.stderr
    full = tmp_path / "full.jsonl"
    whole = CliRunner().invoke(app, ["extract", str(corpus), "-o", str(full), "-j", "1"])
    assert whole.exit_code == 0, whole.stderr
    assert out.read_bytes() == full.read_bytes()
    assert not partial_path(out).exists()


def test_a_dead_worker_fails_the_run_instead_of_hanging() -> None:
    with pytest.raises(GeodefenceError, match="worker process died"):
        list(results(mixed_items(20), workers=2, chunksize=5, extractor=dying_extract))


def test_include_text_lets_validate_check_every_evidence_quote(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Kenya and Somalia signed a security pact in Nairobi on 3 March 2025.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert CliRunner().invoke(app, ["extract", str(src), "-o", str(out), "--include-text"]).exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["text"] == src.read_text(encoding="utf-8") and doc["agreements"]
    report = geodefence.validate_dataset(out)
    assert report.ok
    assert "text-missing" not in report.counts
