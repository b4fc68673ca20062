"""The HTML page: self-contained, its data intact, nothing from a document parsed as markup; the CLI."""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from report_expect import HOSTILE_ID, HOSTILE_TEXT, hostile_doc
from typer.testing import CliRunner

import geodefence
from geodefence.cli import app
from geodefence.records import Document
from geodefence.report import prepare, render

runner = CliRunner()


def embedded(html: str) -> tuple[Any, str]:
    """The page's JSON data (parsed) and its inline script."""
    data = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.S)
    script = re.search(r"<script>(.*?)</script>", html, re.S)
    assert data is not None and script is not None
    return json.loads(data.group(1)), script.group(1)


def test_markup_in_a_document_is_never_markup_in_the_page() -> None:
    html = geodefence.report([hostile_doc()], title="<b>review</b>")
    assert html.count("<script") == 2 and html.lower().count("</script") == 2  # the data and the page's script
    assert "<img" not in html and "<!--" not in html and "window.__pwned" not in html.replace("window.__pwned = ", "")
    assert "<title>&lt;b&gt;review&lt;/b&gt;</title>" in html


def test_the_embedded_data_is_the_prepared_data() -> None:
    docs = [hostile_doc()]
    data, _ = embedded(render(prepare(docs)))
    assert data == json.loads(json.dumps(prepare(docs)))
    assert data["docs"][0]["id"] == HOSTILE_ID
    assert "".join(_texts(data["docs"][0]["tree"])) == HOSTILE_TEXT


def _texts(nodes: list[Any]) -> list[str]:
    return [t for n in nodes for t in ([n] if isinstance(n, str) else _texts(n[1]))]


def test_only_the_pages_own_script_may_run_and_nothing_is_fetched(seed_docs: list[Document]) -> None:
    html = geodefence.report(seed_docs)
    _, script = embedded(html)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp is not None
    policy = html_lib.unescape(csp.group(1))
    assert "default-src 'none'" in policy and f"script-src 'sha256-{digest}'" in policy
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), "no asset comes from the network"
    assert "<link" not in html


def test_the_cli_writes_the_page(seed_docs: list[Document], tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(d.model_dump_json() + "\n" for d in seed_docs), encoding="utf-8")
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(docs), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 documents (2 with text)" in result.output
    data, _ = embedded(out.read_text(encoding="utf-8"))
    assert [d["id"] for d in data["docs"]] == [d.doc_id for d in seed_docs]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.jsonl"], "cannot read"),
        (["bad.jsonl"], "not a geodefence Document"),
        (["docs.jsonl", "--texts", "nowhere"], "does not exist"),
        (["docs.jsonl", "--gold", "nowhere.gold.jsonl"], "error:"),
    ],
    ids=["missing documents", "not documents", "missing texts", "missing gold"],
)
def test_cli_input_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "bad.jsonl").write_text('{"doc": "x"}\n', encoding="utf-8")
    (tmp_path / "docs.jsonl").write_text(Document(doc_id="d").model_dump_json() + "\n", encoding="utf-8")
    result = runner.invoke(
        app,
        ["report", *(str(tmp_path / a) if not a.startswith("-") else a for a in args), "-o", str(tmp_path / "r.html")],
    )
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (tmp_path / "r.html").exists()


def test_report_command_has_help() -> None:
    result = runner.invoke(app, ["report", "--help"])
    assert result.exit_code == 0 and "--gold" in result.output and "--texts" in result.output
