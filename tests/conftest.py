"""Shared fixtures: paths to the project's own data (no test reads ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    """The project's root folder."""
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The two seed articles."""
    return ROOT / "seeds"
