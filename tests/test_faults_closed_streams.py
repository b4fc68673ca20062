"""Issue 14, item 11: closed stdin, a full disk and deeply nested JSON are one line with exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_CLI = [sys.executable, "-m", "geodefence"]


def _closed_stdin(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI with file descriptor 0 closed, as `geodefence ... <&-` in a shell does."""
    return subprocess.run(
        ["sh", "-c", 'exec "$@" <&-', "sh", *_CLI, *args], capture_output=True, text=True, timeout=120, check=False
    )


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr and len(lines) == 1, stderr
    return lines[0]


def test_extract_from_closed_stdin_is_one_line_with_exit_2() -> None:
    done = _closed_stdin("extract", "-")
    assert done.returncode == 2 and "standard input is closed" in _one_line(done.stderr)
    assert done.stdout == ""


def test_validate_from_closed_stdin_is_unreadable_with_exit_2() -> None:
    done = _closed_stdin("validate", "-")
    assert done.returncode == 2 and "Traceback" not in done.stderr + done.stdout
    assert "standard input is closed" in done.stdout + done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_extract_to_a_full_disk_is_one_line_with_exit_2() -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(
            [*_CLI, "extract", str(ROOT / "seeds"), "--workers", "1"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 2 and "No space left" in _one_line(done.stderr)


def test_evaluate_on_deeply_nested_gold_is_one_line_with_exit_2(tmp_path: Path) -> None:
    gold = tmp_path / "nested.gold.jsonl"
    depth = 200_000
    gold.write_text(
        '{"doc": "a", "published": null, "agreements": ' + "[" * depth + "]" * depth + ', "visits": [], "exercises": [], "stances": []}\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [*_CLI, "evaluate", "--gold", str(gold), "--texts", str(ROOT / "seeds")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2 and f"{gold}:1" in _one_line(done.stderr) and "nested too deeply" in done.stderr


def test_extract_onto_a_full_file_system_is_one_line_with_exit_2(tmp_path: Path) -> None:
    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(small)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("needs root and mount to make a small file system")
    try:
        done = subprocess.run(
            [*_CLI, "extract", str(ROOT / "seeds"), str(ROOT / "tests" / "dev" / "texts"), "--workers", "1", "-o", str(small / "out.jsonl")],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 2 and "No space left" in _one_line(done.stderr)
        assert not (small / "out.jsonl").exists(), "no half-written output under the final name"
    finally:
        subprocess.run(["umount", str(small)], capture_output=True, check=False)
