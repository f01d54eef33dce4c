"""`invoke serve`: build, serve on localhost, rebuild on every change, and reload the browser.

A small HTTP server serves the output folder and adds one script to every page, `/__reload__.js`,
served from the same origin (the site's Content-Security-Policy `script-src 'self'` allows it; nothing
is relaxed and nothing of this goes into a built or published site). The script asks
`/__reload__/state` twice a second and reloads the page when a build has finished.

Each build is the real `pelican` command in a fresh process, exactly as `invoke build`. When it fails,
the problems are printed in the terminal and every page of the preview is replaced by an error page
that lists them; the server keeps running, and the next save that fixes the content brings the site back.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import threading
import time
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ocop.catalogue.errors import display_path

from . import ROOT, StaffError

RELOAD_SCRIPT = "/__reload__.js"
STATE_URL = "/__reload__/state"
SCRIPT_TAG = f'<script src="{RELOAD_SCRIPT}" defer></script>'
RELOAD_JS = """(function () {
  var seen = null;
  function poll() {
    fetch('%s', {cache: 'no-store'}).then(function (r) { return r.json(); }).then(function (state) {
      if (seen === null) { seen = state.version; } else if (state.version !== seen) { location.reload(); return; }
      setTimeout(poll, 500);
    }).catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
""" % STATE_URL
PROBLEM_RE = re.compile(r"^[^\s:][^:]*(?::\d+)?: [^\s:]+: ")
IGNORED_CHANGES = ("permalinks.txt",)  # the build itself adds new URLs to it


class BuildState:
    """The result of the last build; `version` changes after every build, good or bad."""

    def __init__(self):
        self.lock = threading.Lock()
        self.version = 0
        self.ok = True
        self.problems: list[str] = []

    def update(self, ok: bool, problems: list[str]) -> None:
        with self.lock:
            self.version += 1
            self.ok, self.problems = ok, problems

    def snapshot(self):
        with self.lock:
            return self.version, self.ok, list(self.problems)


# Previews keep the files made from the whole catalogue (search index, open data) when pages change:
# re-indexing the national catalogue takes minutes. `invoke build` and `invoke publish` make them again.
PREVIEW_SETTINGS = ["-e", "CATALOGUE_PREVIEW=true"]


def run_build(content: Path, output: Path, settings_file: str = "pelicanconf.py") -> tuple[bool, list[str]]:
    """One real build; returns (success, the problem lines to show when it failed)."""
    pelican = str(Path(sys.executable).parent / "pelican")
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    proc = subprocess.run([pelican, str(content), "-s", str(ROOT / settings_file), "-o", str(output),
                           *PREVIEW_SETTINGS],
                          cwd=ROOT, capture_output=True, text=True, env=env)
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    if proc.returncode == 0:
        return True, []
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    problems = [line for line in lines if PROBLEM_RE.match(line) or "nothing was written" in line]
    return False, problems or lines[-30:]


def error_page(problems: list[str]) -> str:
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems)
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Lỗi nội dung · Content errors</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#222}}h1{{color:#a40000}}
li{{margin:.4rem 0}}code{{white-space:pre-wrap;background:#fff3f3;padding:.1rem .3rem}}</style></head>
<body><h1>Nội dung có lỗi · The content has errors</h1>
<p>Sửa các dòng dưới đây rồi lưu tệp: trang sẽ tự tải lại.
Fix the lines below and save the file: this page reloads by itself.</p>
<ul class="content-errors">
{items}
</ul>
{SCRIPT_TAG}
</body></html>
"""


def inject_script(page: bytes) -> bytes:
    tag = SCRIPT_TAG.encode()
    index = page.rfind(b"</body>")
    return page[:index] + tag + page[index:] if index >= 0 else page + tag


def make_handler(output: Path, state: BuildState):
    class PreviewHandler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(output), **kwargs)

        def log_message(self, format, *args):  # quiet: the terminal shows builds and problems
            pass

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path == RELOAD_SCRIPT:
                return self._send(RELOAD_JS.encode(), "text/javascript; charset=utf-8")
            if path == STATE_URL:
                version, ok, _ = state.snapshot()
                return self._send(json.dumps({"version": version, "ok": ok}).encode(), "application/json")
            version, ok, problems = state.snapshot()
            is_page = path.endswith("/") or path.endswith(".html")
            if not ok and is_page:
                return self._send(error_page(problems).encode(), "text/html; charset=utf-8",
                                  HTTPStatus.INTERNAL_SERVER_ERROR)
            if is_page:
                file = Path(self.translate_path(path))
                file = file / "index.html" if file.is_dir() else file
                if file.is_file():
                    return self._send(inject_script(file.read_bytes()), "text/html; charset=utf-8")
            return super().do_GET()

        def _send(self, body: bytes, content_type: str, status=HTTPStatus.OK):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return PreviewHandler


def watched_paths(content: Path, settings_file: str) -> list[Path]:
    return [content, ROOT / "theme", ROOT / settings_file]


def serve(content: Path, output: Path, port: int = 8000, host: str = "127.0.0.1",
          settings_file: str = "pelicanconf.py", stop: threading.Event | None = None) -> None:
    from watchfiles import watch

    content, output = Path(content).resolve(), Path(output).resolve()
    state = BuildState()
    output.mkdir(parents=True, exist_ok=True)
    try:
        server = ThreadingHTTPServer((host, port), make_handler(output, state))
    except OSError as exc:
        raise StaffError(f"--port {port}: cannot listen on {host}:{port} ({exc.strerror}); "
                         "another program uses it: choose another port, e.g. --port 8001") from None
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Preview on http://localhost:{port}/ — building … (Ctrl-C stops the server)", flush=True)

    def rebuild(reason: str) -> None:
        started = time.perf_counter()
        ok, problems = run_build(content, output, settings_file)
        state.update(ok, problems)
        outcome = "built" if ok else "NOT built: content errors, shown on the page too"
        print(f"{reason}: site {outcome} in {time.perf_counter() - started:.1f} s — http://localhost:{port}/",
              flush=True)

    stop = stop or threading.Event()
    try:
        rebuild("Start")
        for changes in watch(*watched_paths(content, settings_file), stop_event=stop, step=50,
                             watch_filter=lambda change, path: not path.endswith(IGNORED_CHANGES)):
            names = sorted({display_path(path) for _change, path in changes if os.path.exists(path)})
            rebuild("Changed " + (", ".join(names[:3]) + (" …" if len(names) > 3 else "") if names else "files"))
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
