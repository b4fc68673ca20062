"""A headless Chromium driven over the Chrome DevTools Protocol, for the report's browser tests.

Debian's ``chromium`` is started with ``--remote-debugging-port=0``; the port it picks is read
from ``DevToolsActivePort`` in its profile folder and the page target is driven over one
WebSocket (``websocket-client``). Console errors, uncaught exceptions and browser log errors
(a Content-Security-Policy violation is one) are collected as they arrive.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"


def chromium_or_skip() -> str:
    """The browser's path, or skip the calling test saying how to get it."""
    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if path is None:
        pytest.skip("no headless browser: Debian's chromium is absent (apt-get install chromium; .ci/run installs it)")
    try:
        import websocket  # noqa: F401
    except ImportError:
        pytest.skip("websocket-client is not installed (pip install -e '.[test]')")
    return path


class Page:
    """One browser tab: navigate, evaluate JavaScript, collect errors, take screenshots."""

    def __init__(self, executable: str, *, width: int = 1400, height: int = 1000, timeout: float = 20.0) -> None:
        import websocket

        self.timeout = timeout
        self.profile = Path(tempfile.mkdtemp(prefix="geodefence-chromium-"))
        self.process = subprocess.Popen(
            [
                executable,
                "--headless",
                "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--hide-scrollbars",
                f"--window-size={width},{height}",
                f"--user-data-dir={self.profile}",
                "--remote-debugging-port=0",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port = self._port()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=timeout) as answer:
            targets = json.load(answer)
        url = next(t["webSocketDebuggerUrl"] for t in targets if t.get("type") == "page")
        self.ws = websocket.create_connection(url, timeout=timeout, suppress_origin=True)
        self._next = 0
        self.events: list[dict[str, Any]] = []
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")

    def _port(self) -> int:
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with code {self.process.returncode}")
            if marker.exists() and marker.read_text().strip():
                return int(marker.read_text().split()[0])
            time.sleep(0.05)
        raise TimeoutError("chromium did not open its DevTools port")

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Send one command and wait for its answer (events met meanwhile are kept)."""
        self._next += 1
        self.ws.send(json.dumps({"id": self._next, "method": method, "params": params or {}}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self._next:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (promises awaited); an exception fails the call."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"JavaScript error: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, path: Path) -> float:
        """Load a file and wait until the report has drawn its first page; the seconds it took."""
        self.events.clear()
        began = time.monotonic()
        self.send("Page.navigate", {"url": path.resolve().as_uri()})
        deadline = began + self.timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):  # the new document's
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path} did not load")
            self.events.append(json.loads(self.ws.recv()))
        while time.monotonic() < deadline:
            if self.evaluate(
                "document.readyState === 'complete' && document.body && document.body.dataset.ready === '1'"
            ):
                return time.monotonic() - began
            time.sleep(0.05)
        raise TimeoutError(f"{path} did not finish drawing; errors: {self.errors()}")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors seen since the last open()."""
        self.evaluate("0")  # drain pending events
        out = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                out.append(
                    f"exception: {params['exceptionDetails'].get('text')} {params['exceptionDetails'].get('exception', {}).get('description', '')}"
                )
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append(
                    "console: " + " ".join(str(a.get("value", a.get("description"))) for a in params.get("args", []))
                )
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                out.append(f"log: {params['entry'].get('text')}")
        return out

    def screenshot(self, path: Path, *, full_height: int | None = None) -> None:
        """Write a PNG of the viewport (or of the page's top ``full_height`` pixels)."""
        params: dict[str, Any] = {"format": "png"}
        if full_height:
            width = self.evaluate("document.documentElement.clientWidth")
            params |= {
                "clip": {"x": 0, "y": 0, "width": width, "height": full_height, "scale": 1},
                "captureBeyondViewport": True,
            }
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", params)["data"]))

    def close(self) -> None:
        """Stop the browser and remove its profile."""
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            shutil.rmtree(self.profile, ignore_errors=True)
