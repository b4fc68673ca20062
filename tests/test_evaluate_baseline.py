"""The baseline mechanism on a tiny corpus: digests, floors, refusing to lower, the update script."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from geodefence.evaluation.baseline import (
    Baseline,
    CorpusBaseline,
    check_corpus,
    corpus_digest,
    load_baseline,
    remeasure,
    render_baseline,
)

ROOT = Path(__file__).resolve().parents[1]
GOLD = {
    "doc": "a",
    "published": "2024-05-01",
    "exercises": [{"participants": ["KAZ", "UZB"], "evidence": "held joint drills"}],
}


def _corpus(root: Path) -> CorpusBaseline:
    """One article whose text is empty: no extractor can find its exercise, so F1 is fixed."""
    (root / "texts").mkdir()
    (root / "texts" / "a.txt").write_text("", encoding="utf-8")
    (root / "gold.jsonl").write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    return CorpusBaseline(gold="gold.jsonl", texts="texts")


def _measured(root: Path) -> Baseline:
    baseline, _, refused = remeasure(root, Baseline(corpora={"tiny": _corpus(root)}))
    assert refused == []
    return baseline


def test_remeasure_pins_digest_and_floors(tmp_path: Path) -> None:
    entry = _measured(tmp_path).corpora["tiny"]
    assert entry.sha256 == corpus_digest(tmp_path, entry)
    assert entry.f1 == {"agreement": 1.0, "visit": 1.0, "exercise": 0.0, "stance": 1.0, "overall": 0.0}
    assert check_corpus(tmp_path, "tiny", entry) == []


def test_a_changed_corpus_fails_until_measured_again(tmp_path: Path) -> None:
    entry = _measured(tmp_path).corpora["tiny"]
    (tmp_path / "texts" / "a.txt").write_text("\n", encoding="utf-8")
    [problem] = check_corpus(tmp_path, "tiny", entry)
    assert "corpus 'tiny' changed since its floors were measured" in problem
    assert "scripts/update_baseline.py" in problem


def test_line_endings_do_not_change_the_digest(tmp_path: Path) -> None:
    entry = _measured(tmp_path).corpora["tiny"]
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(gold.read_bytes().replace(b"\n", b"\r\n"))
    assert corpus_digest(tmp_path, entry) == entry.sha256


def test_a_score_below_its_floor_fails_and_is_not_lowered_silently(tmp_path: Path) -> None:
    entry = _measured(tmp_path).corpora["tiny"]
    raised = entry.model_copy(update={"f1": {**entry.f1, "exercise": 0.5}})
    assert check_corpus(tmp_path, "tiny", raised) == ["corpus 'tiny': exercise: F1 0.0000 < floor 0.5000"]
    just_below = entry.model_copy(update={"f1": {**entry.f1, "exercise": 1e-10}})
    assert check_corpus(tmp_path, "tiny", just_below) == []
    kept, _, refused = remeasure(tmp_path, Baseline(corpora={"tiny": raised}))
    assert refused == ["corpus 'tiny': exercise: F1 0.0000 < floor 0.5000"]
    assert kept.corpora["tiny"] == raised
    lowered, changes, refused = remeasure(tmp_path, Baseline(corpora={"tiny": raised}), allow_lower=True)
    assert refused == [] and lowered.corpora["tiny"].f1["exercise"] == 0.0
    assert "corpus 'tiny': exercise: 0.5000 -> 0.0000" in changes


def test_an_unpinned_kind_fails(tmp_path: Path) -> None:
    entry = _measured(tmp_path).corpora["tiny"]
    partial = entry.model_copy(update={"f1": {"overall": 0.0}})
    assert any("agreement: no floor pinned" in p for p in check_corpus(tmp_path, "tiny", partial))


def test_an_absent_corpus_is_left_as_it_is(tmp_path: Path) -> None:
    absent = CorpusBaseline(gold="dev/gold.jsonl", texts="dev/texts", required=False)
    updated, changes, refused = remeasure(tmp_path, Baseline(corpora={"dev": absent}))
    assert updated.corpora["dev"] == absent and changes == refused == []


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_baseline", ROOT / "scripts" / "update_baseline.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_update_script_writes_checks_and_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main = _script().main
    path = tmp_path / "baseline.json"
    path.write_text(render_baseline(Baseline(corpora={"tiny": _corpus(tmp_path)})), encoding="utf-8")
    args = ["--root", str(tmp_path), "--baseline", str(path)]
    assert main(["--check", *args]) == 1  # never measured: the digest is missing
    assert main(args) == 0
    assert "exercise: none -> 0.0000" in capsys.readouterr().out
    assert main(["--check", *args]) == 0
    written = load_baseline(path)
    written.corpora["tiny"].f1["exercise"] = 0.5
    path.write_text(render_baseline(written), encoding="utf-8")
    assert main(args) == 1
    assert "refusing to lower floors" in capsys.readouterr().err
    assert load_baseline(path).corpora["tiny"].f1["exercise"] == 0.5
    path.write_text("{", encoding="utf-8")
    assert main(args) == 2
