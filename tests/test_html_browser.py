"""End to end: ``tallycheck --format html`` opened in headless Chromium (Debian's build,
driven by Playwright's Python package; no browser download).

What a browser decides and a parser cannot: hostile article text stays text and nothing
runs, the page loads nothing but itself, highlights and notes are where the DOM says,
links move focus to the finding, and the colours have enough contrast.

Expectations come from the same run's ``--format json`` output, so the tests follow the
engine as it improves and fail only when the page does not show what the engine found.
Skipped, with the reason, when /usr/bin/chromium or the playwright package is missing
(``TALLYCHECK_CHROMIUM`` points elsewhere; ``TALLYCHECK_REQUIRE_BROWSER=1`` makes it a failure).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("TALLYCHECK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]



def _unavailable(reason: str) -> None:
    """Skip, so developers without a browser can run the suite; CI sets TALLYCHECK_REQUIRE_BROWSER=1 to fail."""
    if os.environ.get("TALLYCHECK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"TALLYCHECK_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


if not Path(CHROMIUM).exists():
    _unavailable(f"{CHROMIUM} not found: apt-get install chromium chromium-driver")
if importlib.util.find_spec("playwright") is None:
    _unavailable("the playwright package is not installed: pip install playwright "
                 "(never 'playwright install'; the system Chromium is used)")
from playwright import sync_api  # noqa: E402  (only once we know it is there)

ROOT = Path(__file__).resolve().parent.parent

MISMATCH = (
    "Flood rescue\n\n"
    "Firefighters rescued 25 people from the flooded district: nine from rooftops, six from cars and four "
    "from a bus.\n\n"
    "The school board hired 14 teachers this summer: six in Ashford, five in Brookvale and three in Carlton.\n"
)
CONSISTENT = (
    "Storms knocked out power to 40 villages on Tuesday: 22 in the valley, 11 on the coast and seven in "
    "the hills.\n\n"
    "Inspectors closed 9 restaurants last month: four in Dunmore, three in Eastfield and two in Fairview.\n"
)
HOSTILE = (
    "Police made 18 arrests over the weekend: eight in Glenwood, seven in Harlow and three in Ivybridge.\n\n"
    "<script>window.__pwned = 'script'; document.title = 'pwned'; alert('script')</script>\n\n"
    "<img src=x onerror=\"window.__pwned = 'img'; alert('img')\"> <svg onload=\"alert('svg')\"></svg>\n\n"
    "[read more](javascript:alert('md')) <a href=\"javascript:alert('link')\">go</a> "
    "<iframe src=\"javascript:alert('frame')\"></iframe> Smith & Sons said \"no comment\".\n"
)

CONTRAST_JS = """
(selector) => {
  const lum = (rgb) => {
    const [r, g, b] = rgb.match(/[\\d.]+/g).slice(0, 3).map(Number).map((v) => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    const s = getComputedStyle(el);
    let bg = s.backgroundColor, node = el;
    while (/rgba\\(.*, 0\\)$|transparent/.test(bg) && node.parentElement) {
      node = node.parentElement; bg = getComputedStyle(node).backgroundColor;
    }
    const [a, b] = [lum(s.color), lum(bg)].sort((x, y) => y - x);
    out.push({text: el.textContent.slice(0, 40), ratio: (a + 0.05) / (b + 0.05)});
  }
  return out;
}
"""


def run_cli(tmp_path: Path, name: str, article: str) -> tuple[Path, dict]:
    """Write the article, run the CLI for html and json; return the report path and the json."""
    src = tmp_path / name
    src.write_text(article, encoding="utf-8")
    out = tmp_path / f"{src.name}.report.html"  # never the article itself (rescue.html)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "checker", "--format", "html", "-o", str(out), str(src)],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    assert out.exists(), done.stderr
    js = subprocess.run([sys.executable, "-m", "checker", "--format", "json", str(src)],
                        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert js.returncode == done.returncode, js.stderr
    return out, json.loads(js.stdout)["files"][0]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Opened:
    """A report open in a fresh context, with everything the page tried to do recorded."""

    def __init__(self, browser: object, report: Path) -> None:
        self.url = report.resolve().as_uri()
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.requests: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(200)  # give any injected handler time to fire

    def _route(self, route: object) -> None:
        self.requests.append(route.request.url)
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_inert(self) -> None:
        assert self.dialogs == []
        assert self.page_errors == []
        assert self.console_errors == []
        assert self.requests == [self.url], "the report loaded something besides itself"
        assert self.page.evaluate("() => document.scripts.length") == 0

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser: object) -> Iterator[list[Opened]]:
    pages: list[Opened] = []
    yield pages
    for p in pages:
        p.close()


def open_report(browser: object, opened: list[Opened], report: Path) -> Opened:
    o = Opened(browser, report)
    opened.append(o)
    return o


def squash(text: str) -> str:
    return " ".join(text.split())


MARK_OF_JS = """
(el) => {
  const mark = el.closest('mark');
  return mark ? {classes: [...mark.classList], text: mark.textContent, title: mark.title} : null;
}
"""


def mark_of(page: object, span: dict) -> dict:
    """The highlight that starts the span (located by its id, so split segments do not matter)."""
    found = page.locator(f"p.para [id='file1-s{span['start']}-{span['end']}']")
    assert found.count() == 1, span
    mark = found.evaluate(MARK_OF_JS)
    assert mark is not None and span["text"].startswith(mark["text"]), (span, mark)
    return mark


def assert_shows_analysis(o: Opened, expected: dict) -> None:
    """Every tally's total is highlighted with its status; every finding's message and arithmetic shown."""
    page = o.page
    for t in expected["tallies"]:
        total = mark_of(page, t["total"]["span"])
        assert {"hl-total", f"st-{t['status']}"} <= set(total["classes"]), (t, total)
        assert "total: " in total["title"]
        for part in t["parts"]:
            assert "hl-part" in mark_of(page, part["span"])["classes"]
    findings = page.locator("li.finding")
    assert findings.count() == len(expected["findings"])
    shown = squash(" ".join(findings.all_inner_texts()))
    for f in expected["findings"]:
        assert squash(f["message"]) in shown
        for line in f["arithmetic"]:
            assert squash(line) in shown
        assert {"hl-finding", f"sev-{f['severity']}"} <= set(mark_of(page, f["span"])["classes"])


def test_mismatch_is_highlighted_with_message_and_arithmetic(browser: object, opened: list[Opened],
                                                             tmp_path: Path) -> None:
    report, expected = run_cli(tmp_path, "rescue.txt", MISMATCH)
    assert expected["findings"], "the engine should flag 9 + 6 + 4 against 25"
    o = open_report(browser, opened, report)
    o.assert_inert()
    assert_shows_analysis(o, expected)
    page = o.page
    assert page.title().startswith("tallycheck: ")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "error" in squash(page.locator("header .verdict").inner_text())
    # the finding sits in the block of the paragraph it concerns
    first = expected["findings"][0]
    block = page.locator("div.block", has=page.locator("li.finding")).first
    assert first["span"]["text"] in block.locator("p.para").inner_text()
    # the highlight links to the finding, and the finding back to the highlight
    mark_link = page.locator("p.para mark.hl-finding a").first
    mark_link.focus()
    page.keyboard.press("Enter")
    target = page.evaluate("() => location.hash")
    assert target.startswith("#file1-finding-")
    assert page.locator(f"li{target}").evaluate("el => el.matches(':target')")
    page.locator(f"li{target} p.where a").click()
    assert page.locator(page.evaluate("() => location.hash")).evaluate("el => el.tagName") == "MARK"
    page.screenshot(path=str(tmp_path / "rescue.png"), full_page=True)
    assert (tmp_path / "rescue.png").stat().st_size > 5000


def test_consistent_article_says_all_tallies_add_up(browser: object, opened: list[Opened], tmp_path: Path) -> None:
    report, expected = run_cli(tmp_path, "storms.txt", CONSISTENT)
    assert expected["tallies"], "the engine should find the two breakdowns"
    o = open_report(browser, opened, report)
    o.assert_inert()
    assert_shows_analysis(o, expected)
    page = o.page
    verdict = squash(page.locator("section.document .verdict").inner_text())
    if not expected["findings"] and all(t["status"] in ("consistent", "partial") for t in expected["tallies"]):
        assert "All tallies add up" in verdict
        checked = squash(page.locator("ol.tallies").inner_text())
        for t in expected["tallies"]:
            assert t["total"]["span"]["text"] in checked
            if t["unit"]:
                assert t["unit"] in checked
            for r in t["readings"]:
                assert squash(r["expression"]) in checked
    else:
        assert "All tallies add up" not in verdict
    page.screenshot(path=str(tmp_path / "storms.png"), full_page=True)


def test_hostile_article_shows_markup_as_text_and_runs_nothing(browser: object, opened: list[Opened],
                                                               tmp_path: Path) -> None:
    report, expected = run_cli(tmp_path, "arrests.txt", HOSTILE)
    o = open_report(browser, opened, report)
    o.assert_inert()
    page = o.page
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.title().startswith("tallycheck: ")
    assert page.locator("main script, main img, main svg, main iframe, main [onerror], main [onload]").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    article = page.locator("div.article").inner_text()
    for literal in ("<script>window.__pwned = 'script';", "<img src=x onerror=", "<svg onload=",
                    "(javascript:alert('md'))", "<a href=\"javascript:alert('link')\">go</a>",
                    "<iframe src=", "Smith & Sons said \"no comment\"."):
        assert literal in article, literal
    assert_shows_analysis(o, expected)
    page.screenshot(path=str(tmp_path / "arrests.png"), full_page=True)


def test_keyboard_focus_and_contrast(browser: object, opened: list[Opened], tmp_path: Path) -> None:
    report, _ = run_cli(tmp_path, "rescue.txt", MISMATCH)
    page = open_report(browser, opened, report).page
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to the report"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    for landmark in ("header", "main", "section[aria-labelledby]", "h1", "h2"):
        assert page.locator(landmark).count() >= 1, landmark
    labels = page.locator("p.para mark a").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert labels and all(labels)
    for selector in ("p.para", "p.para mark", ".badge", ".verdict", "li.finding", ".legend mark"):
        for item in page.evaluate(CONTRAST_JS, selector):
            assert item["ratio"] >= 4.5, (selector, item)


INJECTED = "<script>window.__pwned = 'source'; alert('source')</script><img src=x onerror=\"alert('img')\">"
SOURCES = {
    "markdown": ("rescue.md",
                 "# Flood rescue\n\n" + MISMATCH.split("\n\n", 1)[1].replace("25 people", "**25 people**")
                 + "\n" + INJECTED + "\n",
                 "**25 people**"),
    "html": ("rescue.html",
             "<!doctype html><html><body><h1>Flood rescue</h1>\n<p>" + MISMATCH.split("\n\n")[1] + "</p>\n"
             "<p>" + MISMATCH.split("\n\n")[2].strip() + "</p>\n" + INJECTED + "\n</body></html>\n",
             "<h1>Flood rescue</h1>"),
}


@pytest.mark.parametrize("fmt", sorted(SOURCES))
def test_markdown_and_html_sources_are_shown_verbatim(fmt: str, browser: object, opened: list[Opened],
                                                      tmp_path: Path) -> None:
    name, article, verbatim = SOURCES[fmt]
    report, expected = run_cli(tmp_path, name, article)
    o = open_report(browser, opened, report)
    o.assert_inert()
    text = o.page.locator("div.article").inner_text()
    assert verbatim in text and INJECTED in text
    assert o.page.evaluate("() => window.__pwned === undefined")
    assert_shows_analysis(o, expected)
    o.page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)


def test_unreadable_file_is_reported_beside_the_others(browser: object, opened: list[Opened],
                                                       tmp_path: Path) -> None:
    good = tmp_path / "storms.txt"
    good.write_text(CONSISTENT, encoding="utf-8")
    out = tmp_path / "both.html"
    done = subprocess.run([sys.executable, "-m", "checker", "--format", "html", "-o", str(out), str(good),
                           "missing <b>.txt"], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert done.returncode == 2, done.stderr
    o = open_report(browser, opened, out)
    o.assert_inert()
    sections = o.page.locator("section.document")
    assert sections.count() == 2
    assert "missing <b>.txt" in sections.nth(1).locator("h2").inner_text()
    assert "no such file" in sections.nth(1).locator(".verdict").inner_text()
    assert sections.nth(0).locator("p.para mark.hl-total").count() >= 1
    assert o.page.locator("table.files tbody tr").count() == 2
