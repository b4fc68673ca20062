"""Output formats for a validation run, by name: ``text``, ``json`` and ``github``.

A reporter receives each issue as it is found (so huge runs print as they go) and the final
report once. New formats are added to :data:`REPORTERS`.
"""

from __future__ import annotations

from typing import TextIO

import orjson

from geodefence.validate.report import Issue, Report


class Reporter:
    """Base reporter: prints nothing per issue and nothing at the end."""

    keeps_issues = False
    """True when :meth:`finish` needs ``report.issues`` (so the run must keep them)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def issue(self, issue: Issue) -> None:
        """Called once per issue, in the order found."""

    def finish(self, report: Report) -> None:
        """Called once when the run is over."""


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def summary_lines(report: Report) -> list[str]:
    """The human summary: totals, one line per check id with its count, then notes."""
    head = f"checked {_plural(report.documents, 'item')} in {_plural(report.files, 'file')}: "
    if report.ok and not report.warnings:
        head += "all valid"
    else:
        invalid = report.documents - report.valid_documents
        head += f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}, {invalid} invalid"
    lines = [head]
    if report.counts:
        width = max(len(check) for check in report.counts)
        lines += [f"  {check:<{width}}  {count}" for check, count in sorted(report.counts.items())]
    if report.unchecked_quotes:
        lines.append(
            f"note: evidence quotes of {_plural(report.unchecked_quotes, 'item')} not checked: no text to compare "
            "them with (documents take it from their 'text' field or from --text-dir DIR/DOC_ID.txt)"
        )
    if report.skipped:
        lines.append(f"{_plural(report.skipped, 'item')} skipped: schema_version not readable by this release")
    if report.unreadable:
        lines.append(f"{_plural(report.unreadable, 'input')} could not be read completely")
    if report.stopped:
        lines.append(f"stopped after {_plural(report.errors, 'error')} (--max-errors)")
    return lines


class TextReporter(Reporter):
    """``FILE:LINE: $.path: message [check]`` per issue, then the summary."""

    def issue(self, issue: Issue) -> None:
        self.out.write(f"{issue}\n")

    def finish(self, report: Report) -> None:
        self.out.write("\n".join(summary_lines(report)) + "\n")


class JsonReporter(Reporter):
    """One JSON object at the end: totals, counts per check and the list of issues."""

    keeps_issues = True

    def finish(self, report: Report) -> None:
        self.out.write(orjson.dumps(report.to_dict(), option=orjson.OPT_INDENT_2).decode("utf-8") + "\n")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands (``::error file=…,line=…::…``), then the summary."""

    def issue(self, issue: Issue) -> None:
        props = [f"file={_escape_property(issue.file)}"]
        if issue.line is not None:
            props.append(f"line={issue.line}")
        props.append(f"title={_escape_property('geodefence ' + issue.check)}")
        message = _escape_data(f"{issue.path}: {issue.message}")
        self.out.write(f"::{issue.severity} {','.join(props)}::{message}\n")

    def finish(self, report: Report) -> None:
        self.out.write("\n".join(summary_lines(report)) + "\n")


REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
}
"""Output formats by the name ``--format`` takes."""
