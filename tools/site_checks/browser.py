"""Built sites opened in a real browser: Debian's Chromium driven by Playwright (no browser download).

`serve(folder)` serves a built site on a free localhost port; the session-wide `browser` fixture (in
conftest.py) launches `/usr/bin/chromium` headless. `Visit` opens a page and records what a visitor's
browser did: console messages, uncaught errors, dialogs and every request.

Tests wait for what they are about, never for a fixed time: `wait_until_enhanced` for the page's
scripts, `wait_for_images` for the photos it downloads, `next_frame` for its handling of input so far.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

ENHANCED_TIMEOUT_MS = 20_000  # search.js loading its index on a busy machine takes a second or two

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
    # Chromium opens several connections at once (search.js loads index chunks in parallel); when the
    # backlog (5 by default) is full, the kernel drops new ones and Chromium retries only a second later
    request_queue_size = 128

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


def wait_until_enhanced(page, timeout: float = ENHANCED_TIMEOUT_MS, console: list | None = None) -> None:
    """Return once the page's scripts have enhanced it. search.js (on the search page and the listings)
    has loaded its index and shown its first state when its form says `data-state="ready"` (and has
    given up when it says "unavailable"); map.js, the only other script, has run before the load event.
    `console`: what the page logged, (type, text) pairs, said in the failure."""
    from playwright.sync_api import TimeoutError as Timeout

    if page.query_selector("[data-search]") and page.query_selector("script[src*='/js/search']"):
        try:
            form = page.wait_for_selector("[data-search][data-state=ready], [data-search][data-state=unavailable]",
                                          timeout=timeout)
            state = form.get_attribute("data-state")
        except Timeout:
            state = f"not ready after {timeout / 1000:.0f} s"
        if state != "ready":
            said = page.inner_text("[data-search-status]") if page.query_selector("[data-search-status]") else ""
            logged = "; ".join(f"{kind}: {text[:300]}" for kind, text in console or [])
            raise AssertionError(f"{page.url}: search.js {state}: its index did not load (the page says "
                                 f"{said!r}; console: {logged or 'nothing'})")


def wait_for_images(page, timeout: float = ENHANCED_TIMEOUT_MS) -> None:
    """Scroll every image of the page into view (lazy ones load only then) and return once each image
    that is laid out has loaded (or failed)."""
    from playwright.sync_api import TimeoutError as Timeout

    try:
        page.wait_for_function("""() => {
            const waiting = [...document.images].filter(img => !img.complete && img.getClientRects().length);
            if (waiting.length) waiting[0].scrollIntoView();
            return waiting.length === 0;
        }""", timeout=timeout)
    except Timeout:
        raise AssertionError(f"{page.url}: images still loading after {timeout / 1000:.0f} s") from None


def next_frame(page) -> None:
    """Return once the page has drawn a frame after the input so far, and run the tasks queued before it:
    handlers of that input have run, and what they logged or opened has reached this side."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done)))")

