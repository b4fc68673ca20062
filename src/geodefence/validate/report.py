"""What a validation run finds: issues with their location, and the run's counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    """One finding: where it is (file, 1-based line, JSON path), which check found it, and why."""

    file: str
    line: int | None
    path: str
    check: str
    message: str
    severity: Severity = "error"

    def location(self) -> str:
        """``FILE:LINE`` (or just ``FILE`` when the line is unknown)."""
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def __str__(self) -> str:
        return f"{self.location()}: {self.path}: {self.message} [{self.check}]"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready mapping of the issue."""
        return {
            "file": self.file,
            "line": self.line,
            "path": self.path,
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass
class Report:
    """The outcome of validating a dataset.

    ``counts`` maps check ids to the number of issues they raised. ``issues`` holds the issues
    themselves when the run was asked to keep them (the API does; the streaming CLI formats do
    not, to keep memory flat on huge broken files). ``unchecked_quotes`` counts the items whose
    evidence quotes could not be compared with their text because none was at hand (no ``text``
    field, no ``DOC_ID.txt`` in the text folder, or single records): a note, not an error.
    """

    files: int = 0
    documents: int = 0
    valid_documents: int = 0
    skipped: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    issues: list[Issue] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    unreadable: int = 0
    unchecked_quotes: int = 0
    stopped: bool = False

    @property
    def ok(self) -> bool:
        """True when every input was read and no error was found (warnings do not count)."""
        return self.errors == 0 and self.unreadable == 0

    @property
    def exit_code(self) -> int:
        """0 valid, 1 invalid data found, 2 some input could not be read."""
        if self.unreadable:
            return 2
        return 0 if self.errors == 0 else 1

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready summary, with the kept issues."""
        return {
            "ok": self.ok,
            "exit_code": self.exit_code,
            "files": self.files,
            "documents": self.documents,
            "valid_documents": self.valid_documents,
            "skipped": self.skipped,
            "errors": self.errors,
            "warnings": self.warnings,
            "unreadable": self.unreadable,
            "unchecked_quotes": self.unchecked_quotes,
            "stopped": self.stopped,
            "counts": dict(sorted(self.counts.items())),
            "issues": [issue.to_dict() for issue in self.issues],
        }
