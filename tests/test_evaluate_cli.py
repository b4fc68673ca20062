"""``geodefence evaluate`` and the JSON report: exit codes, formats, and the report's schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from evaluation_helpers import DOC_RU, SEEDS_GOLD, ev, perfect, seeds_gold, state
from geodefence import evaluate
from geodefence.cli import app
from geodefence.evaluation.scores import render_report_schema, shipped_report_schema
from geodefence.records import Document, Exercise

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _write_pred(path: Path, docs: list[Document]) -> Path:
    path.write_text("".join(d.model_dump_json() + "\n" for d in docs), encoding="utf-8")
    return path


def _with_spurious() -> list[Document]:
    docs = perfect()
    docs[0].exercises.append(Exercise(participants=[state("RUS"), state("UZB")], evidence=ev("drills", "exercise.x")))
    return docs


def test_committed_report_schema_matches_the_models() -> None:
    committed = ROOT / "src" / "geodefence" / "schemas" / "evaluation-report.schema.json"
    assert committed.read_text(encoding="utf-8") == render_report_schema(), (
        "run: python -m geodefence.evaluation report-schema > src/geodefence/schemas/evaluation-report.schema.json"
    )
    jsonschema.Draft202012Validator.check_schema(shipped_report_schema())


@pytest.mark.parametrize("docs", [perfect(), _with_spurious(), [], perfect(with_optional=False)[:1]])
def test_json_reports_validate_against_the_schema(docs: list[Document]) -> None:
    report = json.loads(evaluate(seeds_gold(), docs).to_json())
    jsonschema.Draft202012Validator(shipped_report_schema()).validate(report)


def test_the_schema_rejects_a_broken_report() -> None:
    report = json.loads(evaluate(seeds_gold(), perfect()).to_json())
    report["overall"]["f1"] = 1.5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, shipped_report_schema())


def test_pred_json_output(tmp_path: Path) -> None:
    pred = _write_pred(tmp_path / "pred.jsonl", _with_spurious())
    result = runner.invoke(app, ["evaluate", "--gold", str(SEEDS_GOLD), "--pred", str(pred), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    jsonschema.validate(report, shipped_report_schema())
    assert (report["overall"]["tp"], report["overall"]["fp"], report["overall"]["fn"]) == (10, 1, 0)
    assert report["spurious"][0]["rule"] == "exercise.x"


def test_text_output_shows_tables_and_records_to_fix(tmp_path: Path) -> None:
    docs = _with_spurious()
    docs[0].visits.clear()
    pred = _write_pred(tmp_path / "pred.jsonl", docs)
    result = runner.invoke(app, ["evaluate", "--gold", str(SEEDS_GOLD), "--pred", str(pred)], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    for expected in ("overall", "Missed", "during his visit to Tashkent", "Spurious", "exercise.x"):
        assert expected in result.stdout


@pytest.mark.parametrize(("floor", "code"), [("1.0", 1), ("0.95", 0), ("0.96", 1), ("0", 0)])
def test_fail_under_exits_1_below_the_floor_and_0_at_or_above(tmp_path: Path, floor: str, code: int) -> None:
    pred = _write_pred(tmp_path / "pred.jsonl", _with_spurious())  # F1 = 20/21 = 0.952...
    args = ["evaluate", "--gold", str(SEEDS_GOLD), "--pred", str(pred), "--format", "json", "--fail-under", floor]
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    if code:
        assert "below --fail-under" in result.stderr


def test_fail_under_passes_a_perfect_run_at_one(tmp_path: Path) -> None:
    pred = _write_pred(tmp_path / "pred.jsonl", perfect())
    args = ["evaluate", "--gold", str(SEEDS_GOLD), "--pred", str(pred), "--format", "json", "--fail-under", "1"]
    assert runner.invoke(app, args).exit_code == 0


def test_texts_runs_the_extractor_on_every_gold_article(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["evaluate", "--gold", str(SEEDS_GOLD), "--texts", str(ROOT / "seeds"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["documents"] == 2
    assert report["missing_predictions"] == report["unscored_documents"] == []


def test_missing_text_exits_2_naming_file_and_gold_line(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / f"{DOC_RU}.txt").write_text("Uzbekistan has not supported the plan.", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--gold", str(SEEDS_GOLD), "--texts", str(texts)])
    assert result.exit_code == 2
    assert f"seeds.gold.jsonl:2: text {texts / '003_7094f90f1dacf078.txt'} for doc" in result.stderr
    assert "is missing" in result.stderr


def test_unreadable_gold_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(seeds_gold()[0]) + "\n{not json\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(_write_pred(tmp_path / "p.jsonl", []))])
    assert result.exit_code == 2
    assert f"{gold}:2: invalid JSON" in result.stderr
    result = runner.invoke(app, ["evaluate", "--gold", str(tmp_path / "absent.jsonl"), "--texts", str(tmp_path)])
    assert result.exit_code == 2
    assert "absent.jsonl: cannot read gold file" in result.stderr


def test_bad_predictions_exit_2_naming_file_and_line(tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text(
        perfect()[0].model_dump_json() + "\n" + '{"doc_id": "x", "visits": [{"bogus": 1}]}\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["evaluate", "--gold", str(SEEDS_GOLD), "--pred", str(pred)])
    assert result.exit_code == 2
    assert f"{pred}:2: not a geodefence Document: visits.0" in result.stderr


@pytest.mark.parametrize("extra", [[], ["--texts", "seeds", "--pred", "p.jsonl"]])
def test_exactly_one_source_of_predictions(extra: list[str]) -> None:
    result = runner.invoke(app, ["evaluate", "--gold", str(SEEDS_GOLD), *extra])
    assert result.exit_code == 2
    assert "exactly one of --texts DIR|FILE.jsonl, --pred" in result.stderr
