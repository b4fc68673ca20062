"""Fixtures of the report tests: the seed articles extracted with their text."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodefence import extract
from geodefence.records import Document


@pytest.fixture(scope="session")
def seed_docs(seeds_dir: Path) -> list[Document]:
    """The two seeds as `geodefence extract seeds/ --include-text` gives them."""
    return [
        extract(path.read_text(encoding="utf-8"), doc_id=path.stem, source=f"seeds/{path.name}", include_text=True)
        for path in sorted(seeds_dir.glob("*.txt"))
    ]
