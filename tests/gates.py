"""Browser-side quality gates, shared by the gate tests on the sample site and on a broken fixture.

Each function returns what it found wrong (empty: the gate passes), so that a test can assert both that
the sample site passes and that a deliberately broken site fails.
"""

from __future__ import annotations

from pathlib import Path

from site_checks.browser import next_frame, visit, wait_for_images, wait_until_enhanced

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
FOCUSABLE = ("a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), "
             "textarea:not([disabled]), [tabindex]:not([tabindex='-1']), summary")


def axe_violations(browser, url: str, width: int) -> list[str]:
    """axe-core's serious and critical violations of the page at `url` (`rule: target` lines)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    try:
        page = context.new_page()
        console = []
        page.on("console", lambda message: console.append((message.type, message.text)))
        page.add_init_script(path=str(AXE))
        page.goto(url, wait_until="load")
        wait_until_enhanced(page, console=console)  # axe sees the page as a visitor does: search and filters ready
        result = page.evaluate("options => axe.run(document, options)",
                               {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    finally:
        context.close()
    return [f"{v['id']} ({v['impact']}): {node['target']} {v['help']}"
            for v in result["violations"] if v["impact"] in ("serious", "critical") for node in v["nodes"]]


def keyboard_problems(browser, url: str, width: int, max_tabs: int = 400) -> list[str]:
    """Controls that Tab never reaches, and focused controls without a visible focus indicator."""
    page_visit = visit(browser, url, width=width)
    page = page_visit.page
    try:
        if page.query_selector("[data-filters]"):  # filters are disabled until search.js has loaded the index
            page.wait_for_selector("[data-filters]:enabled", timeout=20000)
        # what a visitor sees: not the content of a closed <details> (only its summary), which browsers still
        # lay out (getClientRects) but do not show or let Tab reach
        controls = page.evaluate("""selector => [...document.querySelectorAll(selector)]
            .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
            .filter(e => !e.closest('details:not([open])')
                         || e.closest('summary')?.parentElement === e.closest('details:not([open])'))
            .map((e, i) => { e.dataset.gateIndex = i; return i; })""", FOCUSABLE)
        reached, invisible = set(), []
        for _ in range(max_tabs):
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => {
                const e = document.activeElement;
                if (!e || e === document.body) return null;
                const s = getComputedStyle(e);
                const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
                return {index: e.dataset.gateIndex ?? null, visible, name: e.outerHTML.slice(0, 80)};
            }""")
            if focused is None:
                if reached:
                    break  # left the page: every control had its turn
                continue
            if focused["index"] is not None:
                index = int(focused["index"])
                if index in reached:
                    break
                reached.add(index)
            if not focused["visible"]:
                invisible.append(f"no visible focus: {focused['name']}")
        missed = [page.evaluate("i => document.querySelector(`[data-gate-index='${i}']`).outerHTML.slice(0, 80)", i)
                  for i in controls if i not in reached]
        return [f"not reachable by Tab: {m}" for m in missed] + invisible
    finally:
        page_visit.close()


def largest_photo_bytes(browser, url: str, width: int, scale: float = 1.75) -> tuple[int, str]:
    """The biggest image the page downloads at `width` CSS pixels (device scale as Lighthouse's phone)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=scale)
    responses = []
    try:
        page = context.new_page()
        page.on("response", lambda r: responses.append(r) if r.request.resource_type == "image" else None)
        page.goto(url, wait_until="load")
        wait_for_images(page)  # lazy images below the fold too
        next_frame(page)  # their responses have reached this side
        sizes = [(len(r.body()), r.url) for r in responses if r.ok]
    finally:
        context.close()
    return max(sizes, default=(0, ""))


# Pagefind 1.5 gives its web worker 5 s to start, then searches on the page's thread and says so: on a
# machine busy with the rest of the suite that is Pagefind's note of a slow start, not a fault of the page.
PAGEFIND_WORKER_FALLBACK = "Failed to initialize Pagefind in the web worker, falling back to main thread"


def console_problems(browser, url: str, width: int = 1280) -> list[str]:
    page_visit = visit(browser, url, width=width)
    wait_until_enhanced(page_visit.page, console=page_visit.console)  # what search.js loads or logs is part of the page
    next_frame(page_visit.page)
    problems = [f"console {kind}: {text}" for kind, text in page_visit.console
                if kind in ("error", "warning") and not text.startswith(PAGEFIND_WORKER_FALLBACK)]
    problems += [f"uncaught: {e}" for e in page_visit.errors]
    page_visit.close()
    return problems
