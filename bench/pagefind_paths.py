"""Where Pagefind's time goes: the same product pages indexed four ways (issue 19, "measure, then choose").

    .venv/bin/python bench/pagefind_paths.py OUTPUT [--pages 3000]

OUTPUT is a built site (for example `bench/national_scale.py --keep DIR` leaves `DIR/out-3000`). Its
Vietnamese product pages (`san-pham/*/index.html`, the first `--pages` of them) are indexed by one
Pagefind process each way, and the time to add them, the time to write the bundle and the peak memory
(resident set of the Pagefind process) are printed:

- `directory`: as the build does today (the Python wrapper's `add_directory`: Pagefind reads the files);
- `pages`: the same pages sent in memory over Pagefind's service protocol (`AddFile`), no files read;
- `article`: only each page's indexed element (`<article data-pagefind-body>`), in memory;
- `no card`: the article without the result card stored as metadata (`card` meta, about 2.4 KB a page).

The service protocol is spoken directly (`ServiceClient`): each message is base64 of JSON, ended by a
comma, on the process's stdin; answers come the same way on stdout. The `pagefind` Python wrapper waits
`asyncio.sleep(0.1)` before reading each answer (1.5.2, `service/__init__.py`, `_wait_for_responses`),
which would make one request a page cost at least 100 ms.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from ocop.search.pagefind_index import build_index, pagefind_executable

ARTICLE_START = '<article class="product" data-pagefind-body>'  # it holds no other article: its end is the first
CARD_META = re.compile(r'<span data-pagefind-meta="card\[data-value\]" data-value="[^"]*"></span>')


class ServiceClient:
    """`pagefind --service`, one index, requests pipelined (answers read by a thread as they come)."""

    def __init__(self):
        self.process = subprocess.Popen([str(pagefind_executable()), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, bufsize=0)
        self.sent = 0
        self.buffer = b""

    def send(self, payload: dict) -> None:
        self.sent += 1
        message = {"message_id": self.sent, "payload": payload}
        self.process.stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")

    def answers(self, count: int) -> list[dict]:
        found = []
        while len(found) < count:
            while b"," not in self.buffer:
                chunk = os.read(self.process.stdout.fileno(), 1 << 20)
                if not chunk:
                    raise RuntimeError("pagefind --service stopped")
                self.buffer += chunk
            message, self.buffer = self.buffer.split(b",", 1)
            found.append(json.loads(base64.b64decode(message))["payload"])
        return found

    def call(self, payload: dict) -> dict:
        self.send(payload)
        return self.answers(1)[0]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def _peak_kb(pid: int, stop: threading.Event, peak: list[int]) -> None:
    while not stop.wait(0.05):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak[0] = max(peak[0], int(line.split()[1]))
        except OSError:
            return


def index_in_memory(pages: list[tuple[str, str]], bundle: Path) -> tuple[float, float, int]:
    """Add `pages` (url, html) over the protocol, write the bundle: (seconds adding, seconds writing, peak KB)."""
    client = ServiceClient()
    stop, peak = threading.Event(), [0]
    watcher = threading.Thread(target=_peak_kb, args=(client.process.pid, stop, peak), daemon=True)
    watcher.start()
    started = time.perf_counter()
    index = client.call({"type": "NewIndex", "config": {}})["index_id"]
    answers: list[dict] = []
    reader = threading.Thread(target=lambda: answers.extend(client.answers(len(pages))))
    reader.start()
    for url, html in pages:
        client.send({"type": "AddFile", "index_id": index, "url": url, "file_path": None, "file_contents": html})
    reader.join()
    added = time.perf_counter()
    errors = [a for a in answers if a.get("type") == "Error"]
    if errors:
        raise RuntimeError(f"Pagefind: {errors[0]}")
    client.call({"type": "WriteFiles", "index_id": index, "output_path": str(bundle)})
    written = time.perf_counter()
    client.close()
    stop.set()
    return added - started, written - added, peak[0]


def article_of(html: str) -> str:
    start = html.index(ARTICLE_START)
    return html[start:html.index("</article>", start) + len("</article>")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="a built site")
    parser.add_argument("--pages", type=int, default=3000)
    args = parser.parse_args()
    files = sorted(args.output.glob("san-pham/*/index.html"))[: args.pages]
    whole = [(f"/{f.parent.relative_to(args.output).as_posix()}/", f.read_text(encoding="utf-8")) for f in files]
    head = '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head><body>'
    article = [(url, head + article_of(html) + "</body></html>") for url, html in whole]
    no_card = [(url, CARD_META.sub("", html)) for url, html in article]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # today's path: Pagefind reads the files of a folder holding only these pages
        for f in files:
            target = work / "site" / f.relative_to(args.output)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(f, target)
        started = time.perf_counter()
        build_index(work / "site", work / "directory", "san-pham/*/index.html")
        print(f"| directory (today) | {len(files):,} | {sum(len(h) for _, h in whole) // len(whole):,} B | "
              f"{time.perf_counter() - started:.1f} s (reading, adding and writing) | — |")
        for name, pages in [("pages in memory", whole), ("article only", article), ("article, no card meta", no_card)]:
            adding, writing, peak = index_in_memory(pages, work / name.replace(" ", "-"))
            size = sum(len(h.encode("utf-8")) for _, h in pages) // len(pages)
            print(f"| {name} | {len(pages):,} | {size:,} B | {adding + writing:.1f} s (adding {adding:.1f} s, "
                  f"writing {writing:.1f} s) | {peak / 1024:,.0f} MB |")
            shutil.rmtree(work / name.replace(" ", "-"), ignore_errors=True)


if __name__ == "__main__":
    main()
