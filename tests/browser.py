"""A real browser for the tests that need one: Debian's chromium, driven by playwright.

Never a browser downloaded by playwright (.ci/run installs the distribution's package and sets
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD). Without it the tests skip, or under CI=true fail.
"""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"

# Runs in every document and frame before the page's own scripts (playwright injects it past
# the page's CSP), so that no violation happens before anyone listens. Capture phase: a page's
# handler cannot stop it reaching us.
_LISTENER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__csp.push({
        violatedDirective: event.violatedDirective,
        blockedURI: event.blockedURI,
        sourceFile: event.sourceFile,
        lineNumber: event.lineNumber,
    });
}, true);
"""


def _skip_or_fail(message: str):
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def chromium():
    """Headless chromium, closed (with its processes) on the way out."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("needs playwright (pip install -r requirements-dev.txt)")
    if not shutil.which(CHROMIUM):
        _skip_or_fail(f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def serve_files(context, base: str) -> None:
    """Answer the browser's /static/ and /media/ requests to base from the working tree.

    The test web server serves no static files: WhiteNoise serves STATIC_ROOT, which only
    collectstatic fills, and media are served by the web server in front of Django. The
    browser still asks base for them, so for the policy they stay the site's own ('self').
    """
    from django.contrib.staticfiles import finders

    def static(route):
        relative = route.request.url.split("?")[0].removeprefix(base + settings.STATIC_URL)
        found = finders.find(relative)
        if found:
            route.fulfill(path=found)
        else:
            route.fulfill(status=404)

    def media(route):
        relative = route.request.url.split("?")[0].removeprefix(base + settings.MEDIA_URL)
        path = Path(settings.MEDIA_ROOT) / relative
        if ".." not in Path(relative).parts and path.is_file():
            route.fulfill(path=path)
        else:
            route.fulfill(status=404)

    context.route(base + settings.STATIC_URL + "**", static)
    context.route(base + settings.MEDIA_URL + "**", media)


class CSPWatch:
    """Collects one page's Content-Security-Policy violations, from two witnesses: the DOM's
    securitypolicyviolation events, and chromium's console reports (which also see frames
    and whatever happens while the page navigates away)."""

    def __init__(self, page):
        self.page = page
        self.response = None
        self._console: list[str] = []
        page.add_init_script(_LISTENER)
        page.on("console", self._on_console)

    def _on_console(self, message):
        if "Content Security Policy" in message.text:
            self._console.append(message.text)

    def open(self, url: str) -> list[dict]:
        """Load url; the violations seen until the page has settled."""
        self.response = self.page.goto(url)
        return self.collect()

    def collect(self) -> list[dict]:
        """The violations seen since the last call (after clicks, modals, …), then forget them.

        Waits for the network to go quiet first: scripts, styles and chooser modals load late.
        """
        self.page.wait_for_load_state("networkidle")
        violations = []
        for frame in self.page.frames:
            url = frame.url
            events = frame.evaluate("(window.__csp || []).splice(0)")
            violations += [{"page": url, **event} for event in events]
        violations += [{"console": text} for text in self._console]
        self._console = []
        return violations


AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """axe-core's violations of the given impacts on the page as it is now (axe from npm:
    tests/axe, installed by the test setup). Injected through the browser's debugging
    protocol, which the page's CSP does not govern."""
    if not AXE.is_file():
        _skip_or_fail(f"needs axe-core at {AXE} (npm ci --prefix tests/axe)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in violations
        if v["impact"] in impacts
    ]
