"""Issue 15, the runner's share: no import cycle between the runner and the Dask engine; ``--resume``
on a finished output does nothing; the progress bar is never glued to a record on a shared terminal."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest
from corpus_helpers import write_jsonl
from typer.testing import CliRunner

import geodefence.corpus.work as work
from geodefence.cli import app
from geodefence.corpus.readers import Corpus
from geodefence.corpus.resume import finished_output
from geodefence.corpus.writers import partial_path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def _source(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None, module
    return Path(spec.origin)


def _imports(module: str) -> set[str]:
    """Every module ``module`` imports anywhere in its file (top level or inside functions)."""
    path = _source(module)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            # ``from geodefence import dask`` imports the module geodefence.dask
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def test_runner_and_dask_do_not_import_each_other() -> None:
    runner = _imports("geodefence.corpus.runner")
    dask = _imports("geodefence.dask")
    runner_uses_dask = "geodefence.dask" in runner
    dask_uses_runner = "geodefence.corpus.runner" in dask
    assert not (runner_uses_dask and dask_uses_runner), (
        "geodefence.corpus.runner and geodefence.dask import each other; share code through geodefence.corpus.work"
    )


def test_shared_work_module_imports_neither_engine() -> None:
    shared = _imports("geodefence.corpus.work")
    assert "geodefence.dask" not in shared
    assert "geodefence.corpus.runner" not in shared


def test_public_names_still_importable() -> None:
    from geodefence.corpus import Summary, run  # noqa: F401
    from geodefence.corpus.runner import (  # noqa: F401
        CHUNK_SIZE,
        DOC_TIMEOUT,
        IN_FLIGHT_PER_WORKER,
        DocTimeout,
        Extractor,
        Result,
        default_workers,
        ordered,
        process_chunk,
        process_item,
        results,
        time_budget,
    )
    from geodefence.dask import dask_results, extract_bag, extract_partition, read_jsonl_bag  # noqa: F401


# --- item 2: --resume on a finished output ------------------------------------------------------


def _cli_source() -> str:
    return _source("geodefence.corpus.cli").read_text(encoding="utf-8")


_RESUME_WIRED = "finished_output" in _cli_source()


def test_finished_output_is_recognised_without_extracting(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", 12)
    out = tmp_path / "o.jsonl"
    done = CliRunner().invoke(app, ["extract", str(corpus), "-j", "1", "-o", str(out)])
    assert done.exit_code == 0, done.stderr
    assert finished_output(out, Corpus([str(corpus)])) == 12
    # other inputs (other ids, or more documents) are not this output's run
    other = write_jsonl(tmp_path / "other.jsonl", 13)
    assert finished_output(out, Corpus([str(other)])) is None
    # an interrupted run (a partial file beside it) is resumed as before
    partial_path(out).write_bytes(b"")
    assert finished_output(out, Corpus([str(corpus)])) is None
    partial_path(out).unlink()
    assert finished_output(tmp_path / "missing.jsonl", Corpus([str(corpus)])) is None


@pytest.mark.xfail(
    not _RESUME_WIRED,
    reason="needs `geodefence extract` (geodefence/corpus/cli.py) to call corpus.resume.finished_output",
    strict=True,
)
def test_resume_on_a_finished_output_does_no_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.jsonl"
    args = ["extract", str(SEEDS), "-o", str(out), "-j", "1"]
    runner = CliRunner()
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    before = out.read_bytes()
    stamp = out.stat().st_mtime_ns

    processed: list[object] = []
    real = work.process_item

    def spy(item, *a, **kw):  # type: ignore[no-untyped-def]
        processed.append(item)
        return real(item, *a, **kw)

    monkeypatch.setattr(work, "process_item", spy)
    again = runner.invoke(app, [*args, "--resume"])
    assert again.exit_code == 0, again.stderr
    assert processed == [], "a resume of a finished output extracted documents again"
    assert out.read_bytes() == before
    assert out.stat().st_mtime_ns == stamp
    assert "0 new documents" in again.stderr
    assert not partial_path(out).exists()
