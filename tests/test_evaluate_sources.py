"""Evaluation over real-news-style sources: JSON Lines texts, test sets scored only, two annotators, slot floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evaluation_helpers import DOC_NATO, DOC_RU, ROOT, SEEDS_GOLD, seeds_gold
from geodefence.cli import app
from geodefence.errors import InputError
from geodefence.evaluation.baseline import CorpusBaseline, check_corpus, corpus_digest, drops, rises
from geodefence.evaluation.gold import read_gold_lines
from geodefence.evaluation.scoring import compare_annotations, extract_for_gold

runner = CliRunner()


def _seeds_as_jsonl(tmp_path: Path, ids: tuple[str, ...] = (DOC_RU, DOC_NATO)) -> Path:
    """The seed articles as a shared-style JSON Lines file (id, title, text), with a decoy line."""
    out = tmp_path / "news.jsonl"
    lines = [{"id": "decoy", "title": "t", "text": "Nothing here."}]
    lines += [{"id": i, "title": i, "text": (ROOT / "seeds" / f"{i}.txt").read_text(encoding="utf-8")} for i in ids]
    out.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return out


def test_texts_from_json_lines_score_as_texts_from_a_folder(tmp_path: Path) -> None:
    args = ["evaluate", "--gold", str(SEEDS_GOLD), "--format", "json"]
    from_jsonl = runner.invoke(app, [*args, "--texts", str(_seeds_as_jsonl(tmp_path))])
    from_folder = runner.invoke(app, [*args, "--texts", str(ROOT / "seeds")])
    assert from_jsonl.exit_code == from_folder.exit_code == 0, from_jsonl.stderr
    assert json.loads(from_jsonl.stdout) == json.loads(from_folder.stdout)
    assert json.loads(from_jsonl.stdout)["overall"]["f1"] == 1.0


def test_several_text_sources_are_searched_in_order(tmp_path: Path) -> None:
    first = _seeds_as_jsonl(tmp_path, (DOC_RU,))
    second = tmp_path / "more"
    second.mkdir()
    (second / f"{DOC_NATO}.txt").write_text((ROOT / "seeds" / f"{DOC_NATO}.txt").read_text(encoding="utf-8"))
    result = runner.invoke(
        app, ["evaluate", "--gold", str(SEEDS_GOLD), "--texts", str(first), "--texts", str(second), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["overall"]["f1"] == 1.0


def test_an_article_in_no_source_names_the_gold_line_and_the_sources(tmp_path: Path) -> None:
    only_one = _seeds_as_jsonl(tmp_path, (DOC_RU,))
    with pytest.raises(InputError) as caught:
        extract_for_gold(read_gold_lines(SEEDS_GOLD), [only_one], gold_file="g.jsonl")
    assert str(caught.value).startswith(f"g.jsonl:2: text for doc '{DOC_NATO}' (searched {only_one})")


def test_a_broken_texts_file_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x"}\n{"id": \n', encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--gold", str(SEEDS_GOLD), "--texts", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:2: invalid JSON" in result.stderr


def _gold_with_a_miss(tmp_path: Path, name: str) -> Path:
    lines = seeds_gold()
    lines[0]["visits"].append(
        {"visitor": "UZB", "host": "RUS", "evidence": "a visit nobody reported", "optional": False}
    )
    path = tmp_path / name
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def test_a_test_set_is_only_scored_unless_details_are_asked(tmp_path: Path) -> None:
    texts = ["--texts", str(ROOT / "seeds"), "--format", "json"]
    test_set = _gold_with_a_miss(tmp_path, "real.test.gold.jsonl")
    quiet = json.loads(runner.invoke(app, ["evaluate", "--gold", str(test_set), *texts]).stdout)
    assert quiet["kinds"]["visit"]["fn"] == 1 and quiet["misses"] == []
    asked = json.loads(runner.invoke(app, ["evaluate", "--gold", str(test_set), *texts, "--details"]).stdout)
    assert [m["key"] for m in asked["misses"]] == ["UZB->RUS"]
    dev_set = _gold_with_a_miss(tmp_path, "dev.gold.jsonl")
    shown = json.loads(runner.invoke(app, ["evaluate", "--gold", str(dev_set), *texts]).stdout)
    assert [m["key"] for m in shown["misses"]] == ["UZB->RUS"]
    text = runner.invoke(app, ["evaluate", "--gold", str(test_set), "--texts", str(ROOT / "seeds")]).stdout
    assert "overall" in text and "Missed" not in text


def test_two_annotators_agree_fully_with_themselves_and_count_disagreements() -> None:
    gold = seeds_gold()
    assert compare_annotations(gold, gold).f1 == 1.0
    other = seeds_gold()
    other[0]["stances"][0]["position"] = "oppose"  # one disagreement on a key
    other[0]["visits"][0]["places"] = ["Samarkand"]  # one on a slot
    other[1]["exercises"] = []  # the second annotator skipped these
    scores = compare_annotations(gold, other)
    assert scores.kinds["stance"].fp == 1 and scores.kinds["stance"].fn == 1
    places = scores.kinds["visit"].slots["places"]
    assert places.correct == places.total - 1
    assert scores.kinds["exercise"].fn == sum(not e["optional"] for e in gold[1]["exercises"])


def test_a_second_annotation_on_the_command_line(tmp_path: Path) -> None:
    other = tmp_path / "second.jsonl"
    other.write_text("".join(json.dumps(x) + "\n" for x in seeds_gold()[:1]), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--gold", str(SEEDS_GOLD), "--second", str(other), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"] == 1 and report["overall"]["f1"] == 1.0


def test_slot_floors_fail_like_key_floors(tmp_path: Path) -> None:
    assert drops({"visit.places": 0.5}, {"visit.places": 0.4}) == ["visit.places: accuracy 0.4000 < floor 0.5000"]
    entry = CorpusBaseline(
        gold=str(SEEDS_GOLD),
        texts=str(ROOT / "seeds"),
        f1=dict.fromkeys(("agreement", "visit", "exercise", "stance", "overall"), 0.0),
    )
    entry.sha256 = corpus_digest(ROOT, entry)
    assert check_corpus(ROOT, "seeds", entry) == []
    entry.slots = {"visit.places": 1.01}
    assert check_corpus(ROOT, "seeds", entry) == ["corpus 'seeds': visit.places: accuracy 1.0000 < floor 1.0100"]


def test_a_corpus_digest_reads_json_lines_texts_like_files(tmp_path: Path) -> None:
    folder = CorpusBaseline(gold=str(SEEDS_GOLD), texts=str(ROOT / "seeds"))
    jsonl = CorpusBaseline(gold=str(SEEDS_GOLD), texts=[str(_seeds_as_jsonl(tmp_path))])
    assert corpus_digest(ROOT, folder) == corpus_digest(ROOT, jsonl)


def test_a_spurious_ceiling_fails_when_the_rate_rises() -> None:
    entry = CorpusBaseline(
        gold=str(SEEDS_GOLD),
        texts=str(ROOT / "seeds"),
        f1=dict.fromkeys(("agreement", "visit", "exercise", "stance", "overall"), 0.0),
    )
    entry.sha256 = corpus_digest(ROOT, entry)
    entry.spurious_per_100 = 0.0
    assert check_corpus(ROOT, "seeds", entry) == []  # the seeds are extracted exactly: no spurious record
    lines = seeds_gold()
    lines[1]["exercises"] = []
    entry.spurious_per_100 = 50.0

    from geodefence.evaluation.scoring import evaluate

    scores = evaluate(lines, extract_for_gold(read_gold_lines(SEEDS_GOLD), ROOT / "seeds"))
    assert scores.overall.fp >= 2
    assert rises(entry, scores) == [f"spurious records per 100 articles {50.0 * scores.overall.fp:.2f} > ceiling 50.00"]


def test_a_long_id_may_be_named_by_its_two_ends(tmp_path: Path) -> None:
    from geodefence.evaluation.texts import TextSource, abbreviate, id_matches

    long_id = "wh-2030-01-02-readout-of-a-very-long-headline-about-a-meeting-abc123"
    short = abbreviate(long_id)
    assert short == "wh-2030-01-02-readout-of…abc123" and id_matches(short, long_id)
    assert not id_matches(short, "wh-2030-01-02-readout-of-another-headline-abc124")
    news = tmp_path / "news.jsonl"
    news.write_text(json.dumps({"id": long_id, "text": "Chile and Peru signed a treaty."}) + "\n", encoding="utf-8")
    assert TextSource([news], [short]).get(short) == "Chile and Peru signed a treaty."
