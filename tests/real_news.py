"""Access to ``../shared/realnews`` for tests: skipped cleanly where the folder is absent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REALNEWS = Path(__file__).resolve().parents[2] / "shared" / "realnews"


def need_realnews() -> Path:
    """The shared folder, or skip the calling test with the reason."""
    if not REALNEWS.is_dir():
        pytest.skip(f"{REALNEWS} is absent: real-news tests run where ../shared sits beside the project (as in CI)")
    return REALNEWS


def items(name: str) -> Iterator[dict[str, Any]]:
    """The items of one shared JSON Lines file (skips the test when the folder is absent)."""
    with (need_realnews() / name).open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
