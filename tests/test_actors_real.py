"""Actors on real text (``../shared``): U.S. officials in White House statements, the roster's source."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from real_news import items, need_realnews

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from us_officials_check import misplaced  # noqa: E402


def test_at_most_five_percent_of_us_officials_are_put_in_another_state() -> None:
    total, wrong, examples = misplaced(items("whitehouse.jsonl"))
    assert total >= 200, f"only {total} U.S. officials found in records: the roster or the issuer is not used"
    assert wrong <= 0.05 * total, f"{wrong} of {total} U.S. officials in another state, e.g. {examples[:5]}"


def test_the_petrarch_roster_is_converted_from_its_source_as_committed() -> None:
    need_realnews()
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_roster.py"), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
