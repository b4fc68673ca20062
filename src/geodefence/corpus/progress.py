"""The progress bar of ``geodefence extract``: on stderr, and never glued to a record on stdout.

The bar is one line that rich redraws in place, leaving the cursor at its end. Records written
to stdout bypass rich, so when stdout is the same terminal as stderr a record written after the
bar was drawn would continue the bar's line, and that fragment would stay on screen. There the
bar is drawn only from the writing thread (no refresh thread), stdout is flushed before each
drawing, and the first record after a drawing clears the bar's line first (``\\r\\x1b[2K``); the
bar is cleared again when it stops.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import IO, Any, Protocol

from geodefence.corpus.runner import Summary

CLEAR_LINE = "\r\x1b[2K"
"""Back to the start of the line and erase it."""


class _Source(Protocol):
    """What the bar reads of a corpus: its size (None: unknown, e.g. stdin) and how far it has been read."""

    @property
    def total_bytes(self) -> int | None: ...

    @property
    def bytes_read(self) -> int: ...


def same_terminal(out: IO[Any], err: IO[Any]) -> bool:
    """Whether ``out`` and ``err`` are both terminals, and the same one (when that can be told)."""
    try:
        if not (out.isatty() and err.isatty()):
            return False
    except (AttributeError, ValueError):
        return False
    try:
        a, b = os.fstat(out.fileno()), os.fstat(err.fileno())
    except (AttributeError, OSError, ValueError):
        return True  # two terminals we cannot tell apart: clearing the bar costs nothing
    return (a.st_dev, a.st_ino, a.st_rdev) == (b.st_dev, b.st_ino, b.st_rdev)


class Progress:
    """A rich progress bar on stderr (bytes read, docs/s, ETA), only when ``enabled`` (stderr is a terminal).

    Write records to stdout through :meth:`guard` (``write = progress.guard(write)``) so that a
    record never lands on the bar's line when stdout is the same terminal.
    """

    def __init__(self, corpus: _Source, enabled: bool, *, stdout: IO[Any] | None = None, stderr: IO[Any] | None = None):
        self.corpus = corpus
        self.stdout = stdout or sys.stdout
        self.shared = False
        """stdout is the bar's terminal: draw only from this thread and clear the line before a record."""
        self._drawn = False
        self.bar: Any = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, TaskProgressColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        err = stderr or sys.stderr
        self.shared = same_terminal(self.stdout, err)
        self.bar = Bar(
            TextColumn("extracting"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[docs]} docs, {task.fields[rate]:.0f} docs/s"),
            TimeRemainingColumn(),
            console=Console(file=err) if stderr is not None else Console(stderr=True),
            transient=True,
            auto_refresh=not self.shared,
        )
        self.task = self.bar.add_task("extract", total=corpus.total_bytes, docs=0, rate=0.0)
        self.bar.start()
        self._drawn = self.shared

    def _flush_stdout(self) -> None:
        out = getattr(self.stdout, "buffer", self.stdout)
        out.flush()

    def _clear(self) -> None:
        """End the bar's line: erase it, leaving the cursor at the start of that (now empty) line."""
        file = self.bar.console.file
        file.write(CLEAR_LINE)
        file.flush()
        self._drawn = False

    def guard(self, write: Callable[[bytes], object]) -> Callable[[bytes], object]:
        """``write`` (of records to stdout), clearing the bar's line first when they share a terminal."""
        if self.bar is None or not self.shared:
            return write

        def guarded(data: bytes) -> object:
            if self._drawn:
                self._flush_stdout()
                self._clear()
            return write(data)

        return guarded

    def update(self, summary: Summary) -> None:
        """Move the bar (after a batch of records)."""
        if self.bar is None:
            return
        if self.shared:
            self._flush_stdout()  # records first, then the bar below them
        self.bar.update(self.task, completed=self.corpus.bytes_read, docs=summary.documents, rate=summary.rate)
        if self.shared:
            self.bar.refresh()
            self._drawn = True

    def stop(self) -> None:
        """Remove the bar (it is transient), leaving the cursor at the start of an empty line."""
        if self.bar is None:
            return
        if self.shared:
            self._flush_stdout()
        self.bar.stop()
        if self.shared:
            self._clear()
        self.bar = None


__all__ = ["CLEAR_LINE", "Progress", "same_terminal"]
