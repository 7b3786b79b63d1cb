"""The check page end to end: a real server, and headless Chromium (Debian's build, driven by
Playwright's Python package; never ``playwright install``).

An editor pastes or uploads an article and submits with mouse or keyboard; the page must
show the totals and parts highlighted, each finding's message and arithmetic, and keep
hostile article text inert. Expectations come from the server's own JSON API for the same
text, so these tests follow the engine as it improves.

Browser tests are skipped, with the reason, when /usr/bin/chromium or playwright is
missing (``TALLYCHECK_CHROMIUM`` points elsewhere); ``TALLYCHECK_REQUIRE_BROWSER=1`` turns
that into a failure. The form's HTTP behaviour is tested without a browser as well.

``TALLYCHECK_UPDATE_SCREENSHOT=1`` rewrites examples/screenshot-serve.png (the README's picture).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from server.serving import HERE, ROOT, Server, article, running_server

CHROMIUM = os.environ.get("TALLYCHECK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOT = ROOT / "examples" / "screenshot-serve.png"
SMALL_LIMIT = 2000


def _browser_missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found: apt-get install chromium"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed (pip install playwright; never 'playwright install')"
    return None


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_server() as s:
        yield s


@pytest.fixture(scope="module")
def small_server() -> Iterator[Server]:
    with running_server("--max-body", str(SMALL_LIMIT)) as s:
        yield s


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _browser_missing()
    if reason:
        if os.environ.get("TALLYCHECK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"TALLYCHECK_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Tab:
    """One page in a fresh context, recording dialogs, errors and every request it makes."""

    def __init__(self, browser: Any, base: str, height: int = 900, javascript: bool = True) -> None:
        self.base = base
        self.context = browser.new_context(viewport={"width": 1280, "height": height},
                                           java_script_enabled=javascript)
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.foreign: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(self.base + "/"):
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str = "/") -> Any:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200
        return response

    def submit(self, click: bool = True) -> Any:
        with self.page.expect_navigation() as nav:
            if click:
                self.page.get_by_role("button", name="Check the article").click()
            else:
                self.page.keyboard.press("Enter")
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(150)  # give any injected handler time to fire
        return nav.value

    def assert_inert(self) -> None:
        assert self.dialogs == []
        assert self.page_errors == []
        assert self.console_errors == [], "a CSP violation or a script ran"
        assert self.foreign == [], "the page loaded something from elsewhere"
        assert self.page.evaluate("() => document.scripts.length") == 0
        assert self.page.evaluate("() => window.__pwned === undefined")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser: Any, server: Server) -> Iterator[Tab]:
    t = Tab(browser, server.url)
    yield t
    t.close()


def squash(text: str) -> str:
    return " ".join(text.split())


def api_file(server: Server, text: str, fmt: str = "txt") -> dict[str, Any]:
    response = httpx.post(f"{server.url}/api/check", json={"text": text, "format": fmt}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()["files"][0]


def as_submitted(text: str) -> str:
    """A textarea's value as a browser submits it: every line break as CRLF."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def assert_shows(page: Any, expected: dict[str, Any]) -> None:
    """Totals and parts highlighted where the API says; every finding's message and arithmetic shown."""
    result = page.locator("section#result")
    for t in expected["tallies"]:
        span = t["total"]["span"]
        mark = result.locator(f"[id='doc-s{span['start']}-{span['end']}']")
        assert mark.count() == 1, span
        classes = mark.evaluate("el => [...el.closest('mark').classList]")
        assert "hl-total" in classes and f"st-{t['status']}" in classes, (t, classes)
        for part in t["parts"]:
            s = part["span"]
            assert result.locator(f"[id='doc-s{s['start']}-{s['end']}']").count() == 1, s
    findings = result.locator("li.finding")
    assert findings.count() == len(expected["findings"])
    shown = squash(" ".join(findings.all_inner_texts()))
    for f in expected["findings"]:
        assert f["rule"] in shown and squash(f["message"]) in shown
        for line in f["arithmetic"]:
            assert squash(line) in shown


def assert_focused_on_result(page: Any) -> None:
    assert page.evaluate("() => document.activeElement.id") == "result-title"
    assert page.locator("#result-title").inner_text().startswith("Result:")


# --- in the browser ----------------------------------------------------------------------


def test_paste_an_article_and_see_the_arithmetic(tab: Tab, server: Server) -> None:
    text = article("mismatch.txt")
    response = tab.open()
    headers = response.headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "no-referrer"
    page = tab.page
    page.get_by_label("Article text").fill(text)
    tab.submit()
    tab.assert_inert()
    expected = api_file(server, as_submitted(text))
    assert "TC101" in [f["rule"] for f in expected["findings"]]
    assert_shows(page, expected)
    assert_focused_on_result(page)
    assert "error" in page.locator("#result-title").inner_text()
    assert page.title().endswith("— tallycheck") and "error" in page.title()
    assert page.locator("section#result mark.hl-finding.sev-error").count() >= 1
    assert page.locator("section#result mark.hl-part").count() >= 3
    # the textarea keeps the article, so the editor can fix it and check again
    assert page.get_by_label("Article text").input_value() == as_submitted(text).replace("\r\n", "\n")


def test_consistent_article_says_all_tallies_add_up(tab: Tab, server: Server) -> None:
    text = article("consistent.txt")
    tab.open()
    tab.page.get_by_label("Article text").fill(text)
    tab.submit()
    tab.assert_inert()
    expected = api_file(server, as_submitted(text))
    assert expected["tallies"] and not expected["findings"]
    assert_shows(tab.page, expected)
    assert "All tallies add up" in tab.page.locator("#result-title").inner_text()
    assert "All tallies add up" in tab.page.locator("section#result .verdict").first.inner_text()
    verified = squash(tab.page.locator("ol.tallies").inner_text())
    for t in expected["tallies"]:
        assert t["total"]["span"]["text"] in verified
        for r in t["readings"]:
            assert squash(r["expression"]) in verified


def test_hostile_article_is_shown_literally_and_runs_nothing(tab: Tab, server: Server) -> None:
    text = article("hostile.txt")
    tab.open()
    tab.page.get_by_label("Article text").fill(text)
    tab.submit()
    tab.assert_inert()
    page = tab.page
    assert page.locator("main script, main img, main [onerror]").count() == 0
    shown = page.locator("div.article").inner_text()
    for literal in ("<script>alert(1)</script>", "<script>window.__pwned = 'script'</script>",
                    "<img src=x onerror=alert(1)>",
                    "Smith & Sons said \"no comment\"."):
        assert literal in shown, literal
    assert_shows(page, api_file(server, as_submitted(text)))


@pytest.mark.parametrize("fmt", ["auto", "md"])
def test_upload_a_markdown_file(tab: Tab, server: Server, fmt: str) -> None:
    path = HERE / "upload.md"
    tab.open()
    tab.page.set_input_files("#file", str(path))
    tab.page.get_by_label("Format").select_option(fmt)
    tab.submit()
    tab.assert_inert()
    page = tab.page
    expected = api_file(server, path.read_text(encoding="utf-8"), "md")
    assert [f["rule"] for f in expected["findings"]] == ["TC101"]
    assert_shows(page, expected)
    assert page.locator("section#result h3").first.inner_text() == "upload.md"
    assert "**64 stalls**" in page.locator("div.article").inner_text()  # the source, as written
    assert page.get_by_label("Format").input_value() == fmt


def test_keyboard_only_submission(tab: Tab, server: Server) -> None:
    text = "The council planted 30 trees: 12 oaks, 10 elms and 5 ashes."
    tab.open()
    page = tab.page
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent").startswith("Skip to")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "text"
    page.keyboard.type(text)
    visited = []
    for _ in range(10):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.id || document.activeElement.tagName")
        visited.append(focused)
        if focused == "BUTTON":
            break
    assert visited == ["file", "format", "BUTTON"]
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    tab.submit(click=False)
    tab.assert_inert()
    assert_focused_on_result(page)
    assert_shows(page, api_file(server, text))
    # from the result, the skip link and the finding links are reachable by keyboard
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.tagName") == "A"


def test_works_with_javascript_disabled(browser: Any, server: Server) -> None:
    text = article("mismatch.txt")
    t = Tab(browser, server.url, javascript=False)
    try:
        t.open()
        t.page.get_by_label("Article text").fill(text)
        response = t.submit()
        assert response.status == 200
        assert_shows(t.page, api_file(server, as_submitted(text)))
        assert t.dialogs == [] and t.foreign == [] and t.console_errors == []
    finally:
        t.close()


def test_landmarks_and_labels(tab: Tab) -> None:
    tab.open()
    page = tab.page
    for landmark in ("banner", "main", "form"):
        assert page.get_by_role(landmark).count() == 1, landmark
    for label in ("Article text", "Or upload a file", "Format"):
        assert page.get_by_label(label).count() == 1, label
    assert page.get_by_role("button", name="Check the article").count() == 1
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").count() == 1
    tab.assert_inert()


def test_upload_that_is_not_utf8_shows_an_error_beside_the_form(tab: Tab, tmp_path: Path) -> None:
    latin = tmp_path / "café.txt"
    latin.write_bytes("Le café a servi 12 clients: 5 à midi et 7 le soir.".encode("latin-1"))
    tab.open()
    tab.page.set_input_files("#file", str(latin))
    response = tab.submit()
    assert response.status == 400
    page = tab.page
    alert = page.get_by_role("alert")
    assert "UTF-8" in alert.inner_text()
    assert page.evaluate("() => document.activeElement.id") == "form-error"
    assert page.get_by_label("Article text").get_attribute("aria-invalid") == "true"
    assert tab.dialogs == [] and tab.foreign == [] and tab.page_errors == []


def test_oversized_upload_gets_the_413_page(browser: Any, small_server: Server, tmp_path: Path) -> None:
    big = tmp_path / "long.txt"
    big.write_text(article("mismatch.txt") * 40, encoding="utf-8")
    assert big.stat().st_size > SMALL_LIMIT
    t = Tab(browser, small_server.url)
    try:
        t.open()
        t.page.set_input_files("#file", str(big))
        response = t.submit()
        assert response.status == 413
        assert "limit" in t.page.get_by_role("alert").inner_text()
        assert t.page.get_by_role("button", name="Check the article").count() == 1
    finally:
        t.close()


def test_screenshot_of_an_example_article(browser: Any, server: Server, tmp_path: Path) -> None:
    """The README's picture; written to examples/ only with TALLYCHECK_UPDATE_SCREENSHOT=1."""
    t = Tab(browser, server.url, height=1000)
    try:
        t.open()
        t.page.get_by_label("Article text").fill(article("harbour-storm.txt"))
        t.submit()
        t.assert_inert()
        t.page.evaluate("() => document.activeElement.blur()")
        shot = tmp_path / "screenshot-serve.png"
        t.page.screenshot(path=str(shot), full_page=True)
    finally:
        t.close()
    assert shot.stat().st_size > 20_000
    if os.environ.get("TALLYCHECK_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.write_bytes(shot.read_bytes())


# --- the form over plain HTTP (no browser needed) --------------------------------------------


def test_form_post_without_a_browser(server: Server) -> None:
    text = article("mismatch.txt")
    with httpx.Client(base_url=server.url, timeout=60) as c:
        page = c.post("/check", data={"text": text, "format": "txt"})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert 'class="hl hl-total' in page.text and "TC101" in page.text
        upload = c.post("/check", files={"file": ("story.md", article("upload.md").encode(), "text/markdown")},
                        data={"format": "auto"})
        assert upload.status_code == 200 and "story.md" in upload.text and "TC101" in upload.text
        empty = c.post("/check", data={"text": "   "})
        assert empty.status_code == 422 and 'role="alert"' in empty.text
        bad_format = c.post("/check", data={"text": text, "format": "pdf"})
        assert bad_format.status_code == 422
        wrong_type = c.post("/check", content=b"{}", headers={"content-type": "application/json"})
        assert wrong_type.status_code == 415 and "<form" in wrong_type.text
        broken = c.post("/check", content=b"--x\r\nnot a part",
                        headers={"content-type": "multipart/form-data; boundary=x"})
        assert broken.status_code == 400
        for response in (page, upload, empty, bad_format, wrong_type, broken):
            csp = response.headers["content-security-policy"]
            assert "script-src" not in csp and "default-src 'none'" in csp and "form-action 'self'" in csp


def test_hostile_text_is_escaped_in_the_html(server: Server) -> None:
    text = article("hostile.txt")
    body = httpx.post(f"{server.url}/check", data={"text": text}, timeout=60).text
    assert "<script>" not in body and "<img" not in body
    assert "&lt;script&gt;" in body and "&lt;img src=x onerror=alert(1)&gt;" in body
