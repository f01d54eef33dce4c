"""The visitor's first search on a built catalogue (issue 19): what it downloads, how fast it answers on a
phone-class CPU, and whether its order is one index's.

    PYTHONPATH=tools .venv/bin/python bench/visitor_search.py OUTPUT [--lang vi] [--throttle 4] [--compare]

OUTPUT is a built site (`bench/national_scale.py --keep DIR` leaves `DIR/out-17000`). For each query of a
fixed list, a fresh browser (Debian's Chromium, empty cache, the CPU slowed `--throttle` times through
the DevTools protocol, as Lighthouse's mobile profile does) opens the search page, waits for the index to
load (the filters turn on), then submits the query and waits for the result cards (`data-state=ready`):

- **transfer**: the bytes of search.js, `shards.json` and every Pagefind file fetched, from opening the
  page to the first results shown; as served here (no HTTP compression) and as a host that compresses
  text (gzip -6 of .js/.json; Pagefind's own files are gzip already) would send them;
- **index load**: page opened → filters on; **answer**: query submitted → result cards shown (median and
  worst over the queries);
- with `--compare`: one Pagefind index of the same language's pages, made by Pagefind's CLI into
  `OUTPUT/_one-index/` (removed afterwards), searched in the browser for the same queries. A query's
  order is *equal* when each of the first 24 results shown has the score one index gives its result at
  the same position (the same order, except among pages one index scores exactly alike, whose order
  is arbitrary there too); its *score gap* is how far it strays (the largest shortfall of a shown
  result's one-index score against one index's own result at that position); and the counts of
  results are compared. It also says what one index's first search would transfer, and the time
  Pagefind takes to answer in the throttled browser from one index and from the shards.

The last line is a row of the table in docs/performance.md: language, shards, queries, transfer
(median, max), received without compression, WebAssembly downloads, index load, answer (median, max),
order equal to one index's (and within 1 % of its scores), result counts equal.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

from site_checks.browser import CHROMIUM, CHROMIUM_ARGS, serve

QUERIES = {
    "vi": ["mè xửng", "me xung", "nước mắm", "nuoc mam", "trà thảo mộc", "dầu tràm", "gạo hữu cơ", "mật ong",
           "tôm chua", "nón lá", "cà phê rang xay", "đông trùng hạ thảo", "bưởi da xanh", "hạt điều",
           "tinh dầu sả", "khô cá", "hương quê", "sông hương", "làng nghề", "htx", "quà biếu", "thượng hạng"],
    "en": ["fish sauce", "sesame", "tea", "honey", "organic rice", "conical hat", "coffee", "gift", "traditional"],
}
SEARCH_PAGE = {"vi": "/tim-kiem/", "en": "/en/search/"}
LANG_GLOB = {"vi": "{san-pham,co-so,diem-ban}/**/*.html", "en": "en/{products,producers,shops}/**/*.html"}
SHOWN = 24  # one page of results
KINDS = {"runtime": (".pagefind", "pagefind.js", "pagefind-worker.js"), "entries": (".json", ".pf_meta"),
         "filters": (".pf_filter",), "index chunks": (".pf_index",), "fragments": (".pf_fragment",)}

SUBMIT = """async (query) => {
  const form = document.querySelector("[data-search]");
  form.elements.namedItem("q").value = query;
  const started = performance.now();
  await new Promise((done) => {
    new MutationObserver((_, observer) => {
      if (form.dataset.state === "ready") { observer.disconnect(); done(); }
    }).observe(form, { attributes: true, attributeFilter: ["data-state"] });
    form.requestSubmit();
  });
  return { ms: performance.now() - started, status: document.querySelector("[data-search-status]").textContent,
           urls: [...document.querySelectorAll("[data-search-results] li a.card-link")]
             .map((a) => new URL(a.href).pathname) };
}"""

ONE_INDEX = """async ([query, depth]) => {
  const pagefind = await import("/_one-index/pagefind.js");
  await pagefind.options({ basePath: "/_one-index/" });
  await pagefind.filters();
  const started = performance.now();
  const found = await pagefind.search(query);
  const ms = performance.now() - started;
  const top = await Promise.all(found.results.slice(0, depth).map(async (r) => ({ url: (await r.data()).url, score: r.score })));
  return { total: found.results.length, top, ms };
}"""


def served_size(output: Path, path: str, received: int) -> int:
    """What a host compressing text would send: gzip -6 of a script or JSON file, other files as they are."""
    if path.endswith((".js", ".json")):
        file = output / path.lstrip("/")
        if file.is_file():
            return len(gzip.compress(file.read_bytes(), 6))
    return received


def first_search(browser, base: str, output: Path, lang: str, query: str, throttle: float) -> dict:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    fetched: list[tuple[str, int]] = []
    context.on("requestfinished", lambda r: fetched.append((urlparse(r.url).path, r.sizes()["responseBodySize"])))
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    opened = time.perf_counter()
    page.goto(base + SEARCH_PAGE[lang])
    page.wait_for_selector("[data-search][data-state=ready] [data-filters]:enabled", timeout=120_000)
    loaded = time.perf_counter() - opened
    answer = page.evaluate(SUBMIT, query)
    context.close()
    search = [(p, n) for p, n in fetched if p.startswith("/pagefind/") or p.endswith("/search.js")]
    total = int(re.sub(r"\D", "", answer["status"]) or 0)  # "1.234 kết quả"
    return {"query": query, "load_s": loaded, "answer_ms": answer["ms"], "urls": answer["urls"][:SHOWN], "total": total,
            **transfer(output, search)}


def transfer(output: Path, fetched: list[tuple[str, int]]) -> dict:
    """Requests and bytes, received and as a compressing host would send them, in all and by kind."""
    return {"requests": len(fetched), "bytes": sum(n for _, n in fetched),
            "served": sum(served_size(output, p, n) for p, n in fetched),
            "wasm": sum(1 for p, _ in fetched if p.endswith(".pagefind")),
            "kinds": {kind: (sum(1 for p, _ in fetched if p.endswith(ends)), sum(n for p, n in fetched if p.endswith(ends)))
                      for kind, ends in KINDS.items()}}


def by_kind(kinds: dict) -> str:
    """`runtime 3 × 111 KB, entries 19 × 250 KB, …`: requests and bytes of each kind of file."""
    return ", ".join(f"{kind} {n} × {size / 1024:.0f} KB" for kind, (n, size) in kinds.items())


def one_index(output: Path, lang: str) -> float:
    """Index the language's pages as one Pagefind index (the CLI of the pinned pagefind package)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", str(output), "--output-path",
                    str(output / "_one-index"), "--glob", LANG_GLOB[lang], "--quiet"], check=True)
    return time.perf_counter() - started


def equal_order(shown: list[str], one: list[dict]) -> bool:
    """Each shown result has the score that one index gives its result at the same position."""
    score = {r["url"]: r["score"] for r in one}
    return len(shown) <= len(one) and all(score.get(url) == one[i]["score"] for i, url in enumerate(shown))


def score_gap(shown: list[str], one: list[dict]) -> float | None:
    """How far the shown order strays from one index's: the largest shortfall, over the positions, of the
    score one index gives the result shown there against the score of its own result there, as a share
    of the latter (0: equal up to ties; None: a result shown is not among one index's top results)."""
    score = {r["url"]: r["score"] for r in one}
    if any(url not in score for url in shown):
        return None
    return max((max(0.0, one[i]["score"] - score[url]) / one[i]["score"] for i, url in enumerate(shown)
                if one[i]["score"]), default=0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--lang", choices=sorted(QUERIES), default="vi")
    parser.add_argument("--throttle", type=float, default=4.0)
    parser.add_argument("--compare", action="store_true", help="compare the order with one index's")
    args = parser.parse_args()
    shards = json.loads((args.output / "pagefind" / args.lang / "shards.json").read_text())["shards"]
    print(f"{args.output}: {len(shards)} shards in {args.lang}; CPU slowed {args.throttle:g}×", file=sys.stderr)
    runs = []
    with sync_playwright() as playwright, serve(args.output) as base:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        first_search(browser, base, args.output, args.lang, QUERIES[args.lang][0], 1)  # warm the OS file cache
        for query in QUERIES[args.lang]:
            runs.append(first_search(browser, base, args.output, args.lang, query, args.throttle))
            r = runs[-1]
            print(f"{query!r}: {r['requests']} requests, {r['bytes'] / 1024:.1f} KB received "
                  f"({r['served'] / 1024:.1f} KB compressed; {r['wasm']} WebAssembly; {by_kind(r['kinds'])}), "
                  f"index loaded in {r['load_s']:.2f} s, answer {r['answer_ms']:.0f} ms",
                  file=sys.stderr)
        if args.compare:
            seconds = one_index(args.output, args.lang)
            print(f"one index of the {args.lang} pages made in {seconds:.1f} s", file=sys.stderr)
            try:
                for r in runs:
                    context = browser.new_context()
                    fetched: list[tuple[str, int]] = []
                    context.on("requestfinished",
                               lambda q: fetched.append((urlparse(q.url).path, q.sizes()["responseBodySize"])))
                    page = context.new_page()
                    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": args.throttle})
                    page.goto(base + "/404.html")
                    r["one_ms"] = page.evaluate(ONE_INDEX, [r["query"], SHOWN])["ms"]  # a visitor's first search
                    first = transfer(args.output, [(p, n) for p, n in fetched if p.startswith("/_one-index/")])
                    one = page.evaluate(ONE_INDEX, [r["query"], SHOWN * 8])  # scores further down, for ties
                    context.close()
                    r["one_total"] = one["total"]
                    r["equal"] = equal_order(r["urls"], one["top"])
                    r["gap"] = score_gap(r["urls"], one["top"])
                    r["top10"] = len(set(r["urls"][:10]) & {x["url"] for x in one["top"][:10]})
                    gap = "not in one index's top" if r["gap"] is None else f"{r['gap']:.1%}"
                    print(f"{r['query']!r}: order {'equal' if r['equal'] else 'different'} (score gap {gap}), "
                          f"top 10 in common {r['top10']}, results {r['total']} vs one index {r['one_total']}; "
                          f"one index answers in {r['one_ms']:.0f} ms (Pagefind's search alone); "
                          f"its first search {first['served'] / 1024:.0f} KB ({by_kind(first['kinds'])})",
                          file=sys.stderr)
            finally:
                shutil.rmtree(args.output / "_one-index", ignore_errors=True)
        browser.close()
    answers = [r["answer_ms"] for r in runs]
    served = [r["served"] / 1024 for r in runs]
    print(f"| {args.lang} | {len(shards)} | {len(runs)} | {statistics.median(served):.0f} KB (max {max(served):.0f}) | "
          f"{statistics.median(r['bytes'] / 1024 for r in runs):.0f} KB | {max(r['wasm'] for r in runs)} | "
          f"{statistics.median(r['load_s'] for r in runs):.2f} s | {statistics.median(answers):.0f} ms "
          f"(max {max(answers):.0f}) | " + (compared(runs) if args.compare else "— | — |"))


def compared(runs: list[dict]) -> str:
    """Table cells: queries whose order is equal to one index's, and those within 1 % of its scores."""
    near = sum(1 for r in runs if r["gap"] is not None and r["gap"] <= 0.01)
    counts = sum(1 for r in runs if r["total"] == r["one_total"])
    return f"{sum(r['equal'] for r in runs)}/{len(runs)} (within 1 %: {near}) | {counts}/{len(runs)} |"


if __name__ == "__main__":
    main()
