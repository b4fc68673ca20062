"""geodefence.dask on a two-process LocalCluster: the same records and bytes as the local engine."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from corpus_helpers import fake_extract, write_jsonl
from typer.testing import CliRunner

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from geodefence.cli import app  # noqa: E402
from geodefence.corpus.readers import read_corpus  # noqa: E402
from geodefence.corpus.runner import run  # noqa: E402
from geodefence.dask import extract_bag, extract_partition, read_jsonl_bag  # noqa: E402


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """One cluster for the module (two single-threaded worker processes), as a connected client."""
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local,
        distributed.Client(local) as client,
    ):
        yield client


def corpus(tmp_path: Path) -> list[Path]:
    first = write_jsonl(tmp_path / "a.jsonl", 30)
    second = tmp_path / "b.jsonl"
    second.write_bytes(b'{"id": "x", "text": "BOOM"}\nnot json\n{"id": "y", "text": "Plain text here."}\n')
    return [first, second]


def test_extract_bag_gives_the_same_documents_as_local(tmp_path: Path, cluster: Any) -> None:
    paths = corpus(tmp_path)
    bag = extract_bag(read_jsonl_bag([str(p) for p in paths]), fake_extract)
    remote = bag.compute(scheduler=cluster.get)
    local: list[bytes] = []
    run(read_corpus([str(p) for p in paths]), local.append, extractor=fake_extract)
    assert remote == [json.loads(line) for line in local]
    assert [d["error"]["code"] for d in remote if d["error"]] == ["extract_failed", "invalid_json"]


def test_extract_partition_is_plain_python() -> None:
    docs = extract_partition(
        [{"id": "a", "text": "Poland signed.", "published": "2024-01-02", "source": None}, {"id": "b", "text": ""}]
    )
    assert [d["doc_id"] for d in docs] == ["a", "b"]
    assert docs[0]["published"] == "2024-01-02" and docs[0]["error"] is None
    assert docs[1]["error"]["code"] == "empty_text"


def test_cli_dask_engine_writes_the_local_bytes(tmp_path: Path, cluster: Any) -> None:
    paths = [str(p) for p in corpus(tmp_path)]
    runner = CliRunner()
    local = runner.invoke(app, ["extract", *paths, "-j", "1", "-o", str(tmp_path / "local.jsonl")])
    address = cluster.scheduler.address
    remote = runner.invoke(
        app,
        [
            "extract",
            *paths,
            "--engine",
            "dask",
            "--scheduler",
            address,
            "--chunk-size",
            "4",
            "-o",
            str(tmp_path / "d.jsonl"),
        ],
    )
    assert local.exit_code == remote.exit_code == 1
    assert (tmp_path / "d.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert "1 of 33 documents failed" in remote.stderr
