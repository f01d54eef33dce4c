"""`invoke serve`: a real preview server on a free port rebuilds on an edit, shows content errors on the
page while it keeps running, and serves its reload script from the same origin."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from bs4 import BeautifulSoup

from conftest import INVOKE, ROOT

pytestmark = pytest.mark.slow  # a preview server that rebuilds on every edit


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(condition, timeout: float, step: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return None


@pytest.fixture
def server(catalogue, tmp_path):
    port = free_port()
    env = dict(os.environ, CI="1", NO_COLOR="1")
    # Ctrl-C (SIGINT) stops it, as in a terminal, even when the tests run in a background job, which
    # starts with SIGINT ignored (Python then never turns it into KeyboardInterrupt)
    proc = subprocess.Popen([INVOKE, "serve", "--port", str(port), "--content", str(catalogue.root),
                             "--output", str(tmp_path / "out")], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    base = f"http://127.0.0.1:{port}"

    def state():
        status, body = fetch(base + "/__reload__/state")
        return json.loads(body) if status == 200 and json.loads(body)["version"] > 0 else None

    try:
        assert wait_for(state, 90), "the preview server did not build the site"
        yield base, proc, state
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.terminal_output = proc.stdout.read()


def test_edit_rebuilds_and_errors_show_on_the_page(server, catalogue):
    base, proc, state = server
    status, page = fetch(base + "/san-pham/nuoc-mam/")
    assert status == 200 and "Nước mắm cá cơm" in page
    assert '<script src="/__reload__.js" defer></script></body>' in page  # same origin: CSP script-src 'self'
    csp = BeautifulSoup(page, "html.parser").select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "script-src 'self'" in csp  # the site's policy is unchanged
    status, script = fetch(base + "/__reload__.js")
    assert status == 200 and "location.reload()" in script

    version = state()["version"]
    started = time.monotonic()
    catalogue.product("nuoc-mam", title="Nước mắm cá cơm Tân Mỹ loại đặc biệt", stars=4, score=80)
    assert wait_for(lambda: "loại đặc biệt" in fetch(base + "/san-pham/nuoc-mam/")[1], 20), "no rebuild"
    elapsed = time.monotonic() - started
    assert elapsed < 10, f"the rebuilt page took {elapsed:.1f} s"
    # the new site is in place as the build ends; then the version the browser script watches changes
    assert wait_for(lambda: state()["version"] > version, 5)

    path = catalogue.product("nuoc-mam", title="Nước mắm", stars=9, score=80)
    line = path.read_text(encoding="utf-8").splitlines().index("stars: 9") + 1
    expected = f"{path}:{line}: stars: must be from 1 to 5, got 9"
    shown = wait_for(lambda: (lambda r: r if r[0] == 500 else None)(fetch(base + "/san-pham/nuoc-mam/")), 20)
    assert shown, "no error page"
    assert "The content has errors" in shown[1] and expected in shown[1]
    assert fetch(base + "/")[0] == 500  # every page shows the errors, not the last good site
    assert proc.poll() is None, "the server stopped on a content error"

    catalogue.product("nuoc-mam", title="Nước mắm đã sửa", stars=4, score=80)
    assert wait_for(lambda: "Nước mắm đã sửa" in fetch(base + "/san-pham/nuoc-mam/")[1], 20)
    assert proc.poll() is None
