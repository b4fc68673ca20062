"""Issue 15, the runner's share: no import cycle between the runner and the Dask engine."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path


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
