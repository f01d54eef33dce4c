"""Built sites opened in a real browser: Debian's Chromium driven by Playwright (no browser download).

`serve(folder)` serves a built site on a free localhost port; the session-wide `browser` fixture (in
conftest.py) launches `/usr/bin/chromium` headless. `Visit` opens a page and records what a visitor's
browser did: console messages, uncaught errors, dialogs and every request.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
PHONE, DESKTOP = 390, 1280


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript",
                      ".wasm": "application/wasm", ".svg": "image/svg+xml", ".webp": "image/webp"}

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser that drops a connection it no longer needs is not an error of the site


@contextmanager
def serve(folder, port: int = 0):
    """Serve `folder` over HTTP on 127.0.0.1 (`port` 0: any free one); yields the base URL (no trailing slash)."""
    server = _Server(("127.0.0.1", port), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Visit:
    """One page in its own browser context, with everything it logged, raised, asked or requested."""
    page: object
    context: object
    console: list = field(default_factory=list)  # (type, text)
    errors: list = field(default_factory=list)  # uncaught exceptions
    dialogs: list = field(default_factory=list)  # alert/confirm/prompt messages (dismissed)
    requests: list = field(default_factory=list)  # every URL requested

    def close(self):
        self.context.close()


def visit(browser, url: str, *, width: int = DESKTOP, javascript: bool = True) -> Visit:
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    record = Visit(page, context)
    page.on("console", lambda message: record.console.append((message.type, message.text)))
    page.on("pageerror", lambda error: record.errors.append(str(error)))
    page.on("request", lambda request: record.requests.append(request.url))

    def dismiss(dialog):
        record.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(url, wait_until="load")
    return record
