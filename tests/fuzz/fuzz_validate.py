"""Coverage-guided fuzzing of ``geodefence.validate_dataset`` with atheris (not collected by pytest).

Run (30 minutes; crashes are written as ``crash-*`` files in the current folder)::

    .venv/bin/python tests/fuzz/fuzz_validate.py fuzz-validate-corpus -max_total_time=1800 -timeout=20

Each input is read as a dataset file (JSON Lines, a JSON array, or gzip of either: the streaming
reader and its scanner), or spliced into a valid document (the checks get past the schema). The
harness fails on any exception escaping ``validate_dataset``, on an ``internal`` issue (a check
that crashed, which the validator reports instead of raising), on an issue whose check id is not
documented, and on counts that do not add up.
"""

from __future__ import annotations

import gzip
import sys
import tempfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[2]

with atheris.instrument_imports():
    import geodefence
    from geodefence.validate.checks import CHECKS

_SEED_DOC = geodefence.extract(
    (ROOT / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8"), published="2024-04-17", include_text=True
).model_dump_json().encode("utf-8")
"""A valid document (with its text) to splice fuzzed bytes into."""

_TMP = Path(tempfile.mkdtemp(prefix="geodefence-fuzz-validate-"))


def _check(report: geodefence.validate.Report) -> None:
    for issue in report.issues:
        if issue.check == "internal":
            raise AssertionError(f"a check crashed: {issue}")
        if issue.check not in CHECKS:
            raise AssertionError(f"undocumented check id {issue.check!r}: {issue}")
    if not 0 <= report.valid_documents <= report.documents:
        raise AssertionError(f"counts: {report.valid_documents} valid of {report.documents}")


def test_one_input(data: bytes) -> None:
    """Validate one fuzzed dataset and check the report."""
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 4)
    body = fdp.ConsumeBytes(fdp.remaining_bytes())
    if mode == 0:  # splice into a valid document
        cut = len(body) % (len(_SEED_DOC) + 1)
        report = geodefence.validate_dataset([_SEED_DOC[:cut] + body + _SEED_DOC[cut:]])
    elif mode == 1:  # one item given as JSON text
        report = geodefence.validate_dataset([body])
    else:  # a file: JSON Lines, a JSON array, or gzip'd
        name = {2: "data.jsonl", 3: "data.json", 4: "data.jsonl.gz"}[mode]
        path = _TMP / name
        path.write_bytes(gzip.compress(body) if mode == 4 else body)
        report = geodefence.validate_dataset(path)
    _check(report)


def main() -> None:
    """The atheris entry point."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
