"""Issue 14, the runner's share: workers die with their parent, SIGTERM, a per-document time budget,
fingerprinted --resume, a lock on -o, and input faults that are never silent (items 3, 8, 10, 12).
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import geodefence
from geodefence.cli import app
from geodefence.corpus import cli as corpus_cli
from geodefence.corpus import work
from geodefence.corpus.readers import Corpus, InputItem
from geodefence.corpus.runner import process_item, run
from geodefence.corpus.writers import partial_path
from geodefence.records import Document

GEODEFENCE = [sys.executable, "-m", "geodefence.cli"]
linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


def _corpus(path: Path, n: int, *, slow: int | None = None) -> Path:
    """JSON Lines of ``n`` short news items (item ``slow`` says SLOW)."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"Kenya and Somalia signed a security pact in Nairobi on {i % 27 + 1} March 2025. Story {i}."
            if i == slow:
                text = "SLOW " + text
            fh.write(json.dumps({"id": f"d{i:05d}", "text": text, "published": "2025-03-30"}) + "\n")
    return path


# --- item 8: workers exit with their parent; SIGTERM is one "interrupted" line -------------------


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, None when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return fields[0], int(fields[1])


def _descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None:
                parents[int(entry.name)] = stat[1]
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pids: set[int]) -> set[int]:
    out = set()
    for pid in pids:
        stat = _stat(pid)
        if stat is not None and stat[0] != "Z":
            out.add(pid)
    return out


def _start_and_wait_for_workers(args: list[str], partial: Path) -> tuple[subprocess.Popen[str], set[int]]:
    """Start the CLI; return it once its partial output has lines, with its child processes."""
    proc = subprocess.Popen([*GEODEFENCE, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if partial.exists() and partial.stat().st_size > 0:
            children = _descendants(proc.pid)
            if len(children) >= 2:
                return proc, children
        time.sleep(0.01)
    proc.kill()
    proc.wait()
    pytest.fail("the run never started its workers, or finished before it could be killed")


def _gone_within(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while _alive(pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = _alive(pids)
    for pid in left:  # never leave them behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    return left


@linux_only
def test_sigkill_of_the_parent_leaves_no_worker_behind(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 20000)
    out = tmp_path / "o.jsonl"
    proc, children = _start_and_wait_for_workers(
        ["extract", str(corpus), "-o", str(out), "-j", "2", "--chunk-size", "4"], partial_path(out)
    )
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.stderr is not None
    proc.stderr.close()
    assert not _gone_within(children, 5), "worker processes outlived their killed parent"


@linux_only
def test_sigterm_is_one_interrupted_line_and_the_output_resumes(tmp_path: Path) -> None:
    n = 20000
    corpus = _corpus(tmp_path / "c.jsonl", n)
    out = tmp_path / "o.jsonl"
    args = ["extract", str(corpus), "-o", str(out), "-j", "2", "--chunk-size", "4"]
    proc, children = _start_and_wait_for_workers(args, partial_path(out))
    os.kill(proc.pid, signal.SIGTERM)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode not in (0, None)
    assert proc.returncode == 143
    said = [line for line in stderr.splitlines() if line.strip()]
    assert len(said) == 1 and said[0].startswith("interrupted: "), stderr
    assert "--resume" in said[0]
    assert not _gone_within(children, 5), "worker processes outlived the interrupted run"
    assert not out.exists()
    resumed = subprocess.run([*GEODEFENCE, *args, "--resume"], capture_output=True, text=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    ids = [json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [f"d{i:05d}" for i in range(n)]


def _swallowing_extract(text: str, **kwargs: object) -> Document:
    """geodefence.extract, but a text that says STOP gets SIGTERM's handler run, its exception lost
    (as when the signal lands while Python runs a finaliser: "Exception ignored in ...")."""
    if text.startswith("STOP"):
        with contextlib.suppress(BaseException):  # losing it is the point
            corpus_cli._on_sigterm(signal.SIGTERM, None)
    return geodefence.extract(text, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("chunksize", [1, 4])
def test_a_sigterm_whose_exception_is_lost_still_stops_the_run_at_the_next_document(chunksize: int) -> None:
    texts = [
        f"{'STOP ' if i == 5 else ''}Kenya and Somalia signed a security pact on {i + 1} March 2025." for i in range(40)
    ]
    items = [InputItem(doc_id=f"d{i:02d}", text=t, published="2025-03-30") for i, t in enumerate(texts)]
    written: list[bytes] = []
    try:
        with pytest.raises(work.Terminated):
            run(items, written.append, workers=1, chunksize=chunksize, extractor=_swallowing_extract)
    finally:
        work.clear_stop()
    assert 0 < len(written) <= 8, "the run did not stop soon after the lost SIGTERM"
    assert [json.loads(line)["doc_id"] for line in written] == [f"d{i:02d}" for i in range(len(written))]


def test_a_stop_request_is_cleared_when_a_run_starts(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 3)
    work.request_stop()
    try:
        result = CliRunner().invoke(app, ["extract", str(corpus), "-o", str(tmp_path / "o.jsonl"), "-j", "1"])
    finally:
        work.clear_stop()
    assert result.exit_code == 0, result.stderr


# --- a per-document time budget -----------------------------------------------------------------


def sleepy_extract(text: str, **kwargs: object) -> Document:
    """geodefence.extract, but a text that says SLOW sleeps for a minute (a signal can stop it)."""
    if text.startswith("SLOW"):
        time.sleep(60)
    return geodefence.extract(text, **kwargs)  # type: ignore[arg-type]


def stubborn_extract(text: str, **kwargs: object) -> Document:
    """As :func:`sleepy_extract`, but deaf to the alarm (as code stuck outside the interpreter is)."""
    if text.startswith("SLOW"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return geodefence.extract(text, **kwargs)  # type: ignore[arg-type]


def _items(n: int, slow: int) -> list[InputItem]:
    return [
        InputItem(
            doc_id=f"d{i}",
            text=("SLOW " if i == slow else "") + f"Kenya and Somalia signed a pact in Nairobi. Story {i}.",
            file="in.jsonl",
            line=i + 1,
        )
        for i in range(n)
    ]


def _docs(lines: list[bytes]) -> list[dict[str, object]]:
    return [json.loads(line) for line in lines]


def test_doc_timeout_in_process_makes_a_timeout_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus_cli, "extract", sleepy_extract)
    corpus = _corpus(tmp_path / "c.jsonl", 5, slow=2)
    started = time.monotonic()
    result = CliRunner().invoke(app, ["extract", str(corpus), "-j", "1", "--doc-timeout", "0.5"])
    assert time.monotonic() - started < 20
    assert result.exit_code == 1, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["doc_id"] for d in docs] == [f"d{i:05d}" for i in range(5)]
    errors = [d["error"] for d in docs]
    assert errors[2] is not None and errors[2]["code"] == "timeout"
    assert "0.5 s" in errors[2]["message"] and "--doc-timeout" in errors[2]["message"]
    assert errors[:2] == [None, None] and errors[3:] == [None, None]


@pytest.mark.parametrize("extractor", [sleepy_extract, stubborn_extract])
def test_doc_timeout_in_a_pool_stops_the_document_and_keeps_the_run_going(extractor: object) -> None:
    lines: list[bytes] = []
    started = time.monotonic()
    summary = run(_items(30, slow=11), lines.append, workers=2, chunksize=4, extractor=extractor, doc_timeout=0.5)  # type: ignore[arg-type]
    assert time.monotonic() - started < 40
    docs = _docs(lines)
    assert [d["doc_id"] for d in docs] == [f"d{i}" for i in range(30)]
    assert summary.failed == 1
    error = docs[11]["error"]
    assert isinstance(error, dict) and error["code"] == "timeout" and error["line"] == 12
    if extractor is stubborn_extract:
        assert "worker was replaced" in error["message"]
    assert all(d["error"] is None for i, d in enumerate(docs) if i != 11)


def test_doc_timeout_zero_means_no_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 2)
    seen: list[object] = []
    real = corpus_cli.run

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(kwargs.get("doc_timeout"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus_cli, "run", spy)
    assert CliRunner().invoke(app, ["extract", str(corpus), "-j", "1", "--doc-timeout", "0"]).exit_code == 0
    assert CliRunner().invoke(app, ["extract", str(corpus), "-j", "1"]).exit_code == 0
    assert seen == [None, 120.0]


# --- item 10: --resume refuses a partial output written from other inputs -------------------------


real_fingerprint = corpus_cli.fingerprint


def stopping_extract(text: str, **kwargs: object) -> Document:
    """geodefence.extract, interrupted (as by Ctrl-C) at a text that says STOP."""
    if "STOP" in text:
        raise KeyboardInterrupt
    return geodefence.extract(text, **kwargs)  # type: ignore[arg-type]


def _interrupted_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: Path, out: Path) -> None:
    """A run of ``corpus`` into ``out`` interrupted part way (its partial output stays)."""
    lines = corpus.read_text(encoding="utf-8").splitlines()
    stop = json.loads(lines[6])
    stop["text"] = "STOP " + stop["text"]
    staged = tmp_path / "staged.jsonl"
    staged.write_text("\n".join([*lines[:6], json.dumps(stop), *lines[7:]]) + "\n", encoding="utf-8")
    with monkeypatch.context() as m:
        m.setattr(corpus_cli, "extract", stopping_extract)
        m.setattr(corpus_cli, "fingerprint", lambda files, settings: real_fingerprint([str(corpus)], settings))
        result = CliRunner().invoke(app, ["extract", str(staged), "-o", str(out), "-j", "1", "--chunk-size", "2"])
    assert result.exit_code == 130, result.stderr
    assert partial_path(out).read_bytes().count(b"\n") == 6


def test_resume_from_the_same_inputs_continues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path / "a.jsonl", 12)
    out = tmp_path / "o.jsonl"
    _interrupted_run(tmp_path, monkeypatch, corpus, out)
    resumed = CliRunner().invoke(app, ["extract", str(corpus), "-o", str(out), "-j", "1", "--resume"])
    assert resumed.exit_code == 0, resumed.stderr
    assert "resuming after 6 documents" in resumed.stderr
    assert [json.loads(x)["doc_id"] for x in out.read_text().splitlines()] == [f"d{i:05d}" for i in range(12)]
    assert not partial_path(out).exists() and not any(p.name.endswith(".inputs") for p in tmp_path.iterdir())


@pytest.mark.parametrize("change", ["other file", "same file changed", "more files", "other options"])
def test_resume_from_other_inputs_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    corpus = _corpus(tmp_path / "a.jsonl", 12)
    out = tmp_path / "o.jsonl"
    _interrupted_run(tmp_path, monkeypatch, corpus, out)
    args = ["extract", str(corpus)]
    if change == "other file":
        args = ["extract", str(_corpus(tmp_path / "b.jsonl", 12))]
    elif change == "same file changed":
        corpus.write_text(corpus.read_text().replace("Kenya", "Ghana"), encoding="utf-8")
    elif change == "more files":
        args.append(str(_corpus(tmp_path / "b.jsonl", 3)))
    else:
        args += ["--kinds", "visit"]
    before = partial_path(out).read_bytes()
    result = CliRunner().invoke(app, [*args, "-o", str(out), "-j", "1", "--resume"])
    assert result.exit_code == 2, result.stderr
    said = result.stderr.strip().splitlines()
    assert len(said) == 1 and "other inputs" in said[0] and "--resume" in said[0], result.stderr
    assert partial_path(out).read_bytes() == before and not out.exists()


# --- item 3: an advisory lock on -o --------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
@pytest.mark.parametrize("resume", [False, True])
def test_a_second_run_onto_the_same_output_is_refused_while_the_first_runs(tmp_path: Path, resume: bool) -> None:
    # Far more than the first run can finish while the test runs: it is killed.
    corpus = _corpus(tmp_path / "c.jsonl", 100_000)
    out = tmp_path / "o.jsonl"
    first = subprocess.Popen(
        [*GEODEFENCE, "extract", str(corpus), "-o", str(out), "-j", "1", "--chunk-size", "4"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not (partial_path(out).exists() and partial_path(out).stat().st_size > 0):
            assert first.poll() is None and time.monotonic() < deadline, "the first run ended too soon"
            time.sleep(0.01)
        other = _corpus(tmp_path / "other.jsonl", 5)
        second = CliRunner().invoke(app, ["extract", str(other), "-o", str(out), *(["--resume"] if resume else [])])
        assert first.poll() is None, "the first run ended before the second was tried"
    finally:
        # SIGKILL, not SIGTERM: this test is about the lock; an interrupted run's own cleanup is
        # tested by test_sigterm_is_one_interrupted_line_and_the_output_resumes.
        first.kill()
        first.wait(30)
    assert second.exit_code == 2, second.stderr
    said = second.stderr.strip().splitlines()
    assert len(said) == 1 and "another run is writing" in said[0] and str(out) in said[0], second.stderr
    assert partial_path(out).exists(), (
        f"the first run's partial output is gone (exit {first.returncode}, final output exists: {out.exists()})"
    )
    lines = partial_path(out).read_bytes().splitlines()
    assert all(json.loads(line)["doc_id"].startswith("d") for line in lines)
    assert not out.exists()


def test_the_lock_is_released_and_removed_after_a_run(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 3)
    out = tmp_path / "o.jsonl"
    for _ in range(2):
        result = CliRunner().invoke(app, ["extract", str(corpus), "-o", str(out), "-j", "1"])
        assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl", "o.jsonl"]


# --- item 12: no silent loss of input ------------------------------------------------------------

STORY = "Kenya and Somalia signed a security pact in Nairobi on 3 March 2025."


def _read(*paths: Path) -> list[InputItem]:
    return list(Corpus([str(p) for p in paths]))


def test_an_unreadable_subfolder_is_an_error_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    news = tmp_path / "news"
    (news / "locked").mkdir(parents=True)
    (news / "locked" / "hidden.txt").write_text(STORY, encoding="utf-8")
    (news / "a.txt").write_text(STORY, encoding="utf-8")
    (news / "z.txt").write_text(STORY, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = CliRunner().invoke(app, ["extract", str(news), "-j", "1"])
    assert result.exit_code == 1, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["doc_id"] for d in docs] == ["a", str(news / "locked"), "z"]
    error = docs[1]["error"]
    assert error["code"] == "unreadable_folder" and "Permission denied" in error["message"]
    assert str(news / "locked") in error["message"] and "1 of 3 documents failed" in result.stderr


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="permissions (root reads anything)")
def test_a_folder_without_read_permission_is_an_error_record(tmp_path: Path) -> None:
    news = tmp_path / "news"
    (news / "locked").mkdir(parents=True)
    (news / "locked" / "hidden.txt").write_text(STORY, encoding="utf-8")
    (news / "a.txt").write_text(STORY, encoding="utf-8")
    (news / "locked").chmod(0)
    try:
        items = _read(news)
    finally:
        (news / "locked").chmod(0o755)
    assert [i.error[0] if i.error else None for i in items] == [None, "unreadable_folder"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_bom_are_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "story.txt"
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    path.write_bytes(bom + f"{STORY} Nairobi’s talks.".encode(encoding))
    (item,) = _read(path)
    assert item.error is None and item.warnings == []
    assert item.text == f"{STORY} Nairobi’s talks."
    doc = process_item(item)
    assert doc.error is None and doc.agreements


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,  # an image
        STORY.encode("utf-16-le"),  # UTF-16 without its mark
        bytes(range(128, 256)) * 8,  # no NUL, but hardly any valid UTF-8
    ],
)
def test_a_binary_txt_file_is_an_error_record(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "scan.txt"
    path.write_bytes(data)
    (item,) = _read(path)
    assert item.error is not None and item.error[0] == "not_text", item.error
    assert str(path) in item.error[1] and "UTF-8" in item.error[1]
    doc = process_item(item)
    assert doc.error is not None and doc.error.code == "not_text"


def test_a_latin1_txt_file_is_still_text_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_bytes("La France et le Sénégal ont signé un accord à Dakar le 3 mars 2025. ".encode("latin-1") * 3)
    (item,) = _read(path)
    assert item.error is None and item.text is not None
    assert [code for code, _ in item.warnings] == ["invalid_utf8"]


def test_an_unclosed_quote_in_csv_is_an_error_record_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text(
        f'id,text\na,"{STORY}\nsecond line of a"\nb,"{STORY}\nc,{STORY}\nd,{STORY}\n', encoding="utf-8"
    )
    items = _read(path)
    assert [(i.doc_id, i.error[0] if i.error else None) for i in items] == [
        ("a", None),
        (f"{path}:4", "unclosed_quote"),
        ("c", None),
        ("d", None),
    ]
    message = (items[1].error or ("", ""))[1]
    assert items[1].line == 4 and f"{path}:4" in message and "lines 5-6" in message
    assert items[0].text == f"{STORY}\nsecond line of a" and items[2].text == STORY
    assert [i.line for i in items] == [2, 4, 5, 6]


def test_an_unclosed_quote_on_the_last_line_of_a_csv_is_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text(f'id,text\na,{STORY}\nb,"{STORY}\n', encoding="utf-8")
    items = _read(path)
    assert [i.error[0] if i.error else None for i in items] == [None, "unclosed_quote"]


_HALF_SENT = """
import os, struct, sys, time
from geodefence.corpus.runner import _Pool

pool = _Pool(1)
pool.executor.submit(time.sleep, 0.1).result()  # the worker and the manager thread are up
# a worker killed in the middle of sending its result: a header promising 1,000 bytes, then 10
os.write(pool.executor._result_queue._writer.fileno(), struct.pack("!i", 1000) + b"x" * 10)
time.sleep(0.5)  # the manager now waits for the other 990 bytes
pool.stop(kill=True)
print("stopped", flush=True)
"""


def test_a_pool_whose_worker_died_mid_result_still_lets_the_process_exit() -> None:
    # Without the fix the manager thread waits for the rest of the message for ever and the
    # interpreter's exit hook joins it for ever: a run (and CI) that never ends.
    proc = subprocess.run([sys.executable, "-c", _HALF_SENT], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "stopped"
