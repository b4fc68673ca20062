"""Issue 15, the runner's share: no import cycle between the runner and the Dask engine; ``--resume``
on a finished output does nothing; the progress bar is never glued to a record on a shared terminal."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from corpus_helpers import write_jsonl
from typer.testing import CliRunner

import geodefence.corpus.work as work
from geodefence.cli import app
from geodefence.corpus.readers import Corpus
from geodefence.corpus.resume import finished_output
from geodefence.corpus.writers import partial_path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def _source(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None, module
    return Path(spec.origin)


def _imports(module: str) -> set[str]:
    """Every module ``module`` imports anywhere in its file (top level or inside functions)."""
    path = _source(module)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            # ``from geodefence import dask`` imports the module geodefence.dask
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def test_runner_and_dask_do_not_import_each_other() -> None:
    runner = _imports("geodefence.corpus.runner")
    dask = _imports("geodefence.dask")
    runner_uses_dask = "geodefence.dask" in runner
    dask_uses_runner = "geodefence.corpus.runner" in dask
    assert not (runner_uses_dask and dask_uses_runner), (
        "geodefence.corpus.runner and geodefence.dask import each other; share code through geodefence.corpus.work"
    )


def test_shared_work_module_imports_neither_engine() -> None:
    shared = _imports("geodefence.corpus.work")
    assert "geodefence.dask" not in shared
    assert "geodefence.corpus.runner" not in shared


def test_public_names_still_importable() -> None:
    from geodefence.corpus import Summary, run  # noqa: F401
    from geodefence.corpus.runner import (  # noqa: F401
        CHUNK_SIZE,
        DOC_TIMEOUT,
        IN_FLIGHT_PER_WORKER,
        DocTimeout,
        Extractor,
        Result,
        default_workers,
        ordered,
        process_chunk,
        process_item,
        results,
        time_budget,
    )
    from geodefence.dask import dask_results, extract_bag, extract_partition, read_jsonl_bag  # noqa: F401


# --- item 2: --resume on a finished output ------------------------------------------------------


def test_finished_output_is_recognised_without_extracting(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", 12)
    out = tmp_path / "o.jsonl"
    done = CliRunner().invoke(app, ["extract", str(corpus), "-j", "1", "-o", str(out)])
    assert done.exit_code == 0, done.stderr
    assert finished_output(out, Corpus([str(corpus)])) == 12
    # other inputs (other ids, or more documents) are not this output's run
    other = write_jsonl(tmp_path / "other.jsonl", 13)
    assert finished_output(out, Corpus([str(other)])) is None
    # an interrupted run (a partial file beside it) is resumed as before
    partial_path(out).write_bytes(b"")
    assert finished_output(out, Corpus([str(corpus)])) is None
    partial_path(out).unlink()
    assert finished_output(tmp_path / "missing.jsonl", Corpus([str(corpus)])) is None


def test_resume_on_a_finished_output_does_no_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.jsonl"
    args = ["extract", str(SEEDS), "-o", str(out), "-j", "1"]
    runner = CliRunner()
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    before = out.read_bytes()
    stamp = out.stat().st_mtime_ns

    processed: list[object] = []
    real = work.process_item

    def spy(item, *a, **kw):  # type: ignore[no-untyped-def]
        processed.append(item)
        return real(item, *a, **kw)

    monkeypatch.setattr(work, "process_item", spy)
    again = runner.invoke(app, [*args, "--resume"])
    assert again.exit_code == 0, again.stderr
    assert processed == [], "a resume of a finished output extracted documents again"
    assert out.read_bytes() == before
    assert out.stat().st_mtime_ns == stamp
    assert "0 new documents" in again.stderr
    assert not partial_path(out).exists()


# --- item 3: the progress bar on a terminal shared by stdout and stderr --------------------------

posix_only = pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
_CSI = re.compile(rb"\x1b\[([?0-9;]*)([A-Za-z])")


def _run_in_pty(argv: list[str]) -> tuple[int, bytes]:
    """Run ``argv`` with stdout and stderr both on one pseudo-terminal; its exit code and what the terminal got."""
    import pty

    master, slave = pty.openpty()
    env = dict(os.environ, TERM="xterm", COLUMNS="100", LINES="40")
    for name in ("NO_COLOR", "TERM_PROGRAM", "CI", "FORCE_COLOR"):
        env.pop(name, None)
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    chunks: list[bytes] = []
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    code = proc.wait(timeout=120)
    os.close(master)
    return code, b"".join(chunks)


def _screen(raw: bytes) -> list[str]:
    """The lines a terminal shows after ``raw`` (carriage return, newline, erase in line, cursor up)."""
    lines: list[list[str]] = [[]]
    row = col = 0
    pos = 0
    data = raw
    while pos < len(data):
        match = _CSI.match(data, pos)
        if match:
            arg, op = match.group(1).decode(), match.group(2).decode()
            if op == "K":
                line = lines[row]
                if arg in ("", "0"):
                    del line[col:]
                elif arg == "2":
                    line[:] = [" "] * min(col, len(line))
                elif arg == "1":
                    line[: col + 1] = [" "] * min(col + 1, len(line))
            elif op == "A":
                row = max(0, row - int(arg or 1))
            pos = match.end()
            continue
        char = data[pos : pos + 1]
        end = pos + 1
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # the rest of a UTF-8 character
            end += 1
        ch = data[pos:end].decode("utf-8", "replace")
        pos = end
        if char == b"\r":
            col = 0
        elif char == b"\n":
            row += 1
            if row == len(lines):
                lines.append([])
        elif char == b"\x1b":
            continue
        else:
            line = lines[row]
            if col < len(line):
                line[col] = ch
            else:
                line.extend(" " * (col - len(line)))
                line.append(ch)
            col += 1
    return ["".join(line).rstrip() for line in lines]


_BAR = re.compile(r"extracting|\d+ docs, \d+ docs/s")


def _glued(screen: list[str]) -> list[str]:
    """Lines still showing (a fragment of) the progress bar."""
    return [line for line in screen if _BAR.search(line)]


def test_screen_emulation_sees_the_glued_bar() -> None:
    """The check itself: a bar line followed by a record, with no clear between, shows both on one line."""
    bar = b"\x1b[?25lextracting ---  0% 0 docs, 0 docs/s"
    assert _glued(_screen(bar + b'{"doc_id": "a"}\r\n')) == ['extracting ---  0% 0 docs, 0 docs/s{"doc_id": "a"}']
    assert _glued(_screen(bar + b'\r\x1b[2K{"doc_id": "a"}\r\n\r\x1b[2K')) == []


_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from geodefence.corpus.progress import Progress
    from geodefence.corpus.runner import Summary

    class Source:
        total_bytes = 100
        bytes_read = 0

    source, summary = Source(), Summary()
    progress = Progress(source, sys.stderr.isatty())
    assert progress.shared, "stdout and stderr are one terminal"
    write = progress.guard(sys.stdout.buffer.write)
    for i in range(6):
        write(b'{"doc_id": "d%d"}\\n' % i)
        summary.documents += 1
        source.bytes_read += 15
        if i % 2:
            progress.update(summary)
            time.sleep(0.05)
    progress.stop()
    sys.stdout.buffer.flush()
    sys.stderr.write("summary line\\n")
    """
)


@posix_only
def test_progress_clears_its_line_before_each_record_and_at_the_end() -> None:
    code, raw = _run_in_pty([sys.executable, "-c", _SCRIPT])
    assert code == 0, raw.decode("utf-8", "replace")
    assert b"extracting" in raw, "the bar was never drawn: the test would prove nothing"
    screen = [line for line in _screen(raw) if line.strip()]
    assert _glued(screen) == [], screen
    assert screen == [*(f'{{"doc_id": "d{i}"}}' for i in range(6)), "summary line"]


@posix_only
def test_extract_on_a_terminal_keeps_the_bar_off_the_records() -> None:
    code, raw = _run_in_pty(
        [sys.executable, "-m", "geodefence.cli", "extract", str(SEEDS), "-j", "1", "--evidence", "none"]
    )
    assert code == 0, raw.decode("utf-8", "replace")
    assert b"extracting" in raw, "the bar was never drawn: the test would prove nothing"
    screen = [line for line in _screen(raw) if line.strip()]
    assert _glued(screen) == [], screen
    assert len(screen) == 3 and all(line.startswith('{"') for line in screen[:2]), screen
    assert screen[-1].startswith("2 documents"), screen
