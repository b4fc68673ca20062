"""Helpers shared by the tests that run ``geodefence extract`` in process and read its JSON lines."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from geodefence.cli import app

runner = CliRunner()

VISIT = "Indian Defence Minister Rajnath Singh visited Tashkent on Tuesday."
"""A relative date: its value needs the publication date (Tuesday before 2025-03-05 is 2025-03-04)."""


def extract(*args: str, stdin: str | None = None) -> Any:
    """``geodefence extract --workers 1 ARGS`` run in process (stdin optional)."""
    return runner.invoke(app, ["extract", "--workers", "1", *args], input=stdin)


def docs_of(stdout: str) -> list[dict[str, Any]]:
    """The documents of JSON Lines output."""
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]
