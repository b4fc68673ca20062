"""The pre-commit hook (issue 15): its default `files` pattern and the release tag the README pins.

The hook checks only files named by the geodefence convention (`*.geodefence.jsonl`, `.json`,
`.jsonl.gz`, `.json.gz`); the README's `rev:` is `v` + the version in pyproject.toml, which is
also the first `## geodefence X.Y.Z` heading of CHANGELOG.md (docs/releasing.md).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HOOK_ID = "geodefence-validate"


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = (h for h in hooks if h["id"] == HOOK_ID)
    return dict(hook)


def _version() -> str:
    """`version` of the [project] table of pyproject.toml (a regex: tomllib needs Python 3.11)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    project = re.search(r"^\[project\]\n(.*?)(?=^\[)", text, re.M | re.S)
    assert project is not None
    found = re.search(r'^version\s*=\s*"([^"]+)"', project.group(1), re.M)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(
    "path",
    [
        "data/bases.geodefence.jsonl",
        "x.geodefence.jsonl.gz",
        "x.geodefence.json",
        "out/x.geodefence.json.gz",
    ],
)
def test_default_pattern_matches_geodefence_datasets(path: str) -> None:
    assert re.search(_hook()["files"], path)


@pytest.mark.parametrize(
    "path",
    [
        "package.json",
        "data/news.jsonl",
        "tsconfig.json",
        "out/x.jsonl.gz",
        "geodefence.json",
        "x.geodefence.jsonl.bak",
    ],
)
def test_default_pattern_leaves_other_json_alone(path: str) -> None:
    assert not re.search(_hook()["files"], path)


def test_hook_runs_the_validator_in_one_process() -> None:
    hook = _hook()
    assert hook["entry"] == "geodefence validate"
    assert hook["language"] == "python"
    assert hook["require_serial"] is True


def test_readme_rev_is_the_release_tag_of_this_version() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    revs = re.findall(r"^\s*rev:\s*(\S+)", readme, re.M)
    assert revs, "no `rev:` in the README's pre-commit example"
    assert set(revs) == {f"v{_version()}"}


def test_hooks_file_example_rev_is_the_release_tag_of_this_version() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    revs = re.findall(r"^#\s*rev:\s*(\S+)", text, re.M)
    assert set(revs) == {f"v{_version()}"}


def test_changelog_heading_agrees_with_pyproject_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## geodefence (\d+\.\d+\.\d+)\b", changelog, re.M)
    assert first is not None
    assert first.group(1) == _version()


# --- the hook as pre-commit runs it ----------------------------------------------------------


def _pre_commit_command() -> list[str] | None:
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    exe = shutil.which("pre-commit")
    return [exe] if exe else None


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False)


@pytest.mark.slow
def test_try_repo_passes_a_valid_dataset_and_fails_a_broken_one(tmp_path: Path) -> None:
    """`pre-commit try-repo` on this checkout's HEAD commit, as a user's repository would run it.

    `--ref` the HEAD commit: the committed tree, self-consistent; without it pre-commit adds uncommitted
    changes to tracked files but not new files, a mix that may not import. So a change to
    .pre-commit-hooks.yaml or to the validator is seen here once it is committed.
    """
    pre_commit = _pre_commit_command()
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (pip install pre-commit)")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("the project root is not a git checkout")

    # No GIT_* variables from an enclosing hook or CI step; pre-commit's own files in a private home.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    env["PRE_COMMIT_COLOR"] = "never"
    repo = tmp_path / "user-repo"
    repo.mkdir()
    assert _run(["git", "init", "-q", "."], repo, env).returncode == 0

    extracted = _run(
        [sys.executable, "-m", "geodefence.cli", "extract", str(ROOT / "seeds"), "-o", "x.geodefence.jsonl"],
        repo,
        env,
    )
    assert extracted.returncode == 0, extracted.stderr
    documents = [json.loads(line) for line in (repo / "x.geodefence.jsonl").read_text(encoding="utf-8").splitlines()]
    assert documents
    del documents[0]["doc_id"]
    (repo / "broken.geodefence.jsonl").write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
    # Not a geodefence dataset: the default pattern must not hand it to the validator.
    (repo / "package.json").write_text('{"name": "demo", "version": "1.0.0"}\n', encoding="utf-8")

    head = _run(["git", "rev-parse", "HEAD"], ROOT, env)
    assert head.returncode == 0, head.stderr
    # A commit SHA, as users pin it (a branch name draws pre-commit's "mutable reference" warning).
    try_repo = [*pre_commit, "try-repo", str(ROOT), HOOK_ID, "--ref", head.stdout.strip(), "--verbose", "--files"]
    good = _run([*try_repo, "x.geodefence.jsonl", "package.json"], repo, env)
    assert good.returncode == 0, good.stdout + good.stderr
    # --verbose shows the validator's summary: one file checked, package.json not among them.
    assert re.search(r"checked \d+ items? in 1 file: all valid", good.stdout), good.stdout

    bad = _run([*try_repo, "broken.geodefence.jsonl"], repo, env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "broken.geodefence.jsonl:1:" in bad.stdout
    assert "doc_id" in bad.stdout
