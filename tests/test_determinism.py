"""Determinism: ``geodefence extract`` over the dev set writes the same bytes across hash seeds and worker counts."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV_TEXTS = ROOT / "tests" / "dev" / "texts"


def _extract(hash_seed: str, *options: str) -> bytes:
    """The JSON Lines output of one CLI run in a fresh interpreter with the given hash seed."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    proc = subprocess.run(
        [sys.executable, "-m", "geodefence.cli", "extract", str(DEV_TEXTS), *options],
        env=env,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


@pytest.fixture(scope="module")
def baseline() -> bytes:
    """The dev set extracted with hash seed 0 in one process."""
    out = _extract("0", "--workers", "1")
    assert out.count(b"\n") == len(list(DEV_TEXTS.glob("*.txt"))) > 50
    return out


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_same_bytes_under_another_hash_seed(baseline: bytes) -> None:
    assert _digest(_extract("4242", "--workers", "1")) == _digest(baseline)


def test_same_bytes_with_two_workers_and_small_chunks(baseline: bytes) -> None:
    assert _digest(_extract("987654", "--workers", "2", "--chunk-size", "7")) == _digest(baseline)


def test_records_were_found(baseline: bytes) -> None:
    """The comparison is not vacuous: the dev set yields records of every kind."""
    for kind in (b'"agreements":[{', b'"visits":[{', b'"exercises":[{', b'"stances":[{'):
        assert kind in baseline
