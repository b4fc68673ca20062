"""The report as one HTML file: the Jinja2 template filled with the prepared data.

The page is ``templates/report.html.j2`` with ``static/report.css`` and ``static/report.js``
inlined, all shipped as package data: the file opens from disk with no network. The data goes
in as JSON inside ``<script type="application/json">`` (Jinja2's ``tojson`` escapes ``<``,
``>``, ``&`` and ``'``, so no text can close the element), and the script builds each page of
documents from it with text nodes only. A Content-Security-Policy allows no network and only
the page's own script (by its SHA-256), so even markup that slipped through could not run.
"""

from __future__ import annotations

import base64
import hashlib
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import Environment

from geodefence.report.data import ReportData

PAGE_SIZE = 20
"""Documents drawn per page: the page builds only these, so thousands of documents stay fast."""


def static_asset(name: str) -> str:
    """The text of one file of ``static/`` (package data)."""
    return (resources.files("geodefence.report") / "static" / name).read_text(encoding="utf-8")


def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("geodefence.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "separators": (",", ":")}
    return env


def _inline(text: str, element: str) -> str:
    """An asset's text, checked so that it cannot close the element it is inlined in."""
    if f"</{element}" in text.lower():
        raise ValueError(f"static asset holds '</{element}': it would end the inline <{element}> early")
    return text


def csp_hash(script: str) -> str:
    """The CSP source expression allowing exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render(data: ReportData, *, page_size: int = PAGE_SIZE) -> str:
    """The self-contained HTML page for prepared report data."""
    from markupsafe import Markup

    script = _inline(static_asset("report.js"), "script")
    style = _inline(static_asset("report.css"), "style")
    template = _environment().get_template("report.html.j2")
    return template.render(
        data=data,
        overview=data["overview"],
        gold=data["gold"],
        page_size=page_size,
        script=Markup(script),
        style=Markup(style),
        script_hash=csp_hash(script),
    )
