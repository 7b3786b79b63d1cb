"""The HTML report: escaping, highlights, well-formed markup however spans overlap, no
external resources, and the states an editor sees (findings, all adding up, unreadable).

Reports are built by hand so these tests do not move when the engine improves; one test
goes through the real engine and asserts only what any finding must show.
"""

from __future__ import annotations

import html
import re
from fractions import Fraction
from html.parser import HTMLParser

import pytest

from checker.engine import check_text
from checker.intervals import Interval
from checker.model import (
    Analysis,
    FileReport,
    Finding,
    Part,
    Quantity,
    Reading,
    Related,
    Severity,
    Span,
    Status,
    Tally,
)
from checker.registry import registry_for
from checker.render import RenderContext, renderer_for
from checker.render.html_format import CONTENT_SECURITY_POLICY, page, render, render_document

HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[read more](javascript:alert(1)) <a href=\"javascript:alert(2)\">click</a>",
)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
PHRASING = {"a", "mark", "span", "code", "abbr", "b", "i", "em", "strong", "br"}


def ctx() -> RenderContext:
    return RenderContext(registry_for(), "0.1.0")


def span_of(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def qty(text: str, needle: str, value: int, nth: int = 0) -> Quantity:
    return Quantity(value, Interval.exact(value), span_of(text, needle, nth), needle)


def tally(text: str, total: str, value: int, parts: list[tuple[str, int]], status: Status,
          expression: str, unit: str = "drone") -> Tally:
    part_sum = sum(v for _, v in parts)
    return Tally("breakdown", unit, "equal", qty(text, total, value),
                 tuple(Part(qty(text, needle, v)) for needle, v in parts),
                 (Reading(expression, Interval.exact(part_sum)),), status, Interval.exact(part_sum))


def mismatch_finding(text: str, total: str, value: int, parts: list[tuple[str, int]],
                     arithmetic: str) -> Finding:
    part_sum = sum(v for _, v in parts)
    return Finding("TC101", "breakdown-sum-mismatch", Severity.ERROR,
                   f"the breakdown of {total} adds up to {part_sum}, not {value}", span_of(text, total),
                   tuple(Related(span_of(text, needle), f"part: {needle}") for needle, _ in parts),
                   (arithmetic,))


MISMATCH_TEXT = ("Crews cleared 30 homes on Monday: twelve in the north, nine in the east and six in the west"
                 "."
                 "\n\n"
                 "Volunteers handed out 20 blankets: eight at the school and twelve at the church.\n")


def mismatch_report(path: str = "story.txt") -> FileReport:
    text = MISMATCH_TEXT
    bad_parts = [("twelve", 12), ("nine", 9), ("six", 6)]
    good_parts = [("eight", 8), ("twelve", 12)]
    bad = tally(text, "30 homes", 30, bad_parts, Status.MISMATCH, "12 + 9 + 6", unit="home")
    good = Tally("breakdown", "blanket", "equal", qty(text, "20 blankets", 20),
                 (Part(qty(text, "eight", 8)), Part(qty(text, "twelve", 12, nth=1))),
                 (Reading("8 + 12", Interval.exact(20)),), Status.CONSISTENT, Interval.exact(20))
    assert sum(v for _, v in good_parts) == 20
    finding = mismatch_finding(text, "30 homes", 30, bad_parts, "12 + 9 + 6 = 27 ≠ 30")
    return FileReport(path, text, Analysis((bad, good), (finding,)))


class Page(HTMLParser):
    """Collects tags, attributes and text, and every nesting error a browser would repair."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[dict] = []  # {"attrs", "text"} for each <mark> in the article
        self.paras: list[str] = []  # text of each <p class="para">
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if any(t == "p" for t, _ in self.stack) and tag not in PHRASING:
            self.errors.append(f"<{tag}> inside <p>")
        if tag == "a" and any(t == "a" for t, _ in self.stack):
            self.errors.append("<a> inside <a>")
        if tag == "mark" and any(t == "mark" for t, _ in self.stack):
            self.errors.append("<mark> inside <mark>")
        if tag in VOID:
            return
        self.stack.append((tag, a))
        if tag == "mark" and self.in_para():
            self.marks.append({"attrs": a, "text": ""})
        if tag == "p" and "para" in (a.get("class") or "").split():
            self.paras.append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.errors.append(f"self-closed <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.in_para():
            self.paras[-1] += data
            if any(t == "mark" for t, _ in self.stack):
                self.marks[-1]["text"] += data

    def in_para(self) -> bool:
        return any(t == "p" and "para" in (a.get("class") or "").split() for t, a in self.stack)

    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if a.get("id")]

    def marks_with(self, cls: str) -> list[str]:
        return [m["text"] for m in self.marks if cls in (m["attrs"].get("class") or "").split()]


def parse(markup: str) -> Page:
    p = Page()
    p.feed(markup)
    p.close()
    assert p.errors == []
    assert p.stack == [], f"unclosed: {[t for t, _ in p.stack]}"
    return p


def paragraphs(text: str) -> list[str]:
    return [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


# -- escaping -----------------------------------------------------------------------


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_article_text_is_shown_as_text(hostile: str) -> None:
    text = f"Officials said 30 drones were downed: 20 in the south and 10 in the east. {hostile} Then more."
    t = tally(text, "30 drones", 30, [("20", 20), ("10", 10)], Status.CONSISTENT, "20 + 10")
    out = render([FileReport("a.txt", text, Analysis((t,), ()))], ctx())
    p = parse(out)
    assert not [tag for tag, _ in p.tags if tag in {"script", "img", "iframe", "object", "embed"}]
    for tag, attrs in p.tags:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        assert not (attrs.get("href") or "#").lower().strip().startswith("javascript:")
        assert "src" not in attrs
    assert p.paras == [text]  # the text reaches the reader exactly as written
    assert hostile not in out


def test_hostile_text_inside_a_highlight_and_in_every_field() -> None:
    text = 'He said <b>"32 <script>x</script> drones"</b> fell: 30 in Kharkiv & 2 in Sumy\'s outskirts.'
    evil = "<img src=x onerror=alert(1)>"
    hl = span_of(text, "32 <script>x</script> drones")
    total = Quantity(32, Interval.exact(32), hl, f"32 drones {evil}")
    parts = (Part(qty(text, "30", 30), places=(f"Kharkiv {evil}",)), Part(qty(text, "2 in Sumy's", 2)))
    t = Tally("breakdown", f"drone{evil}", "equal", total, parts,
              (Reading(f"30 + 2 {evil}", Interval.exact(32)),), Status.CONSISTENT, Interval.exact(32))
    f = Finding("TC9<x>", f"name{evil}", Severity.WARNING, f"message {evil} & \"q\"", hl,
                (Related(span_of(text, "30"), f"label {evil}"),), (f"30 + 2 {evil}",))
    out = render([FileReport(f"dir/<script>alert(1)</script>{evil}.txt", text, Analysis((t,), (f,)))], ctx())
    p = parse(out)
    assert not [tag for tag, _ in p.tags if tag in {"script", "img", "b"}]
    assert all(not k.startswith("on") for _, a in p.tags for k in a)
    assert "Kharkiv &amp; " in out and "Sumy&#x27;s" in out
    assert "&lt;b&gt;&quot;" in out and "32 &lt;script&gt;x&lt;/script&gt; drones" in out
    assert p.paras == [text]
    assert p.marks_with("hl-total") == ["32 <script>x</script> drones"]
    body = "".join(p.text)
    assert f"message {evil} & \"q\"" in body and f"30 + 2 {evil}" in body and f"label {evil}" in body
    assert f"<script>alert(1)</script>{evil}.txt" in body  # the path, shown as text


def test_ampersands_and_quotes_are_escaped_in_text_and_attributes() -> None:
    text = 'Tom & Jerry\'s "firm" employs 12 people: 7 in sales and 5 in R&D.'
    t = tally(text, "12 people", 12, [("7", 7), ("5", 5)], Status.CONSISTENT, "7 + 5", unit="per\"son")
    out = render([FileReport("q&a \"x\".txt", text, Analysis((t,), ()))], ctx())
    assert "Tom &amp; Jerry&#x27;s &quot;firm&quot;" in out
    assert "R&amp;D" in out
    assert "q&amp;a &quot;x&quot;.txt" in out
    assert "per&quot;son" in out
    assert parse(out).paras == [text]


# -- highlights ---------------------------------------------------------------------


def test_totals_and_parts_are_highlighted_with_their_status() -> None:
    out = render([mismatch_report()], ctx())
    p = parse(out)
    assert p.marks_with("st-mismatch") == ["30 homes"]
    assert p.marks_with("st-consistent") == ["20 blankets"]
    assert p.marks_with("hl-part") == ["twelve", "nine", "six", "eight", "twelve"]
    assert p.marks_with("hl-finding") == ["30 homes"]
    assert p.marks_with("sev-error") == ["30 homes"]
    titles = {m["text"]: m["attrs"]["title"] for m in p.marks}
    assert titles["30 homes"].startswith("total: 30 homes, mismatch")
    assert titles["20 blankets"] == "total: 20 blankets, consistent"
    assert titles["nine"].startswith("part: nine")


def test_finding_sits_beside_its_paragraph_with_message_and_arithmetic() -> None:
    out = render([mismatch_report()], ctx())
    parse(out)
    first_para = out.index('id="file1-p1"')
    second_para = out.index('id="file1-p2"')
    finding = out.index('<li id="file1-finding-1"')
    assert first_para < finding < second_para
    assert "the breakdown of 30 homes adds up to 27, not 30" in out[finding:second_para]
    assert "<code>12 + 9 + 6 = 27 ≠ 30</code>" in out[finding:second_para]


def test_highlight_and_finding_link_to_each_other() -> None:
    out = render([mismatch_report()], ctx())
    p = parse(out)
    ids = p.ids()
    assert len(ids) == len(set(ids)), "duplicate ids"
    hrefs = [a["href"] for tag, a in p.tags if tag == "a"]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert {h[1:] for h in hrefs} <= set(ids) | {"main"}
    mark = next(m for m in p.marks if m["text"] == "30 homes")
    assert '<a href="#file1-finding-1" aria-label="total: 30 homes, mismatch' in out
    assert f'<a href="#{mark["attrs"]["id"]}">“30 homes”</a>' in out  # and back again


def test_labels_for_screen_readers_and_landmarks() -> None:
    out = render([mismatch_report()], ctx())
    p = parse(out)
    assert ("html", {"lang": "en"}) in p.tags
    names = [t for t, _ in p.tags]
    for landmark in ("header", "main", "section", "h1", "h2", "ol"):
        assert landmark in names
    for m in p.marks:
        assert m["attrs"].get("title")
    # every highlight is a link whose accessible name says what it is and keeps the words
    linked = re.findall(r'<a href="#[^"]+" aria-label="([^"]+)">([^<]+)</a></mark>', out)
    assert len(linked) == len(p.marks)
    for label, words in linked:
        assert html.unescape(words) in html.unescape(label)
    assert re.search(r'aria-label="part: nine[^"]*of 30 homes"', out)
    assert ":focus-visible" in out
    findings = [a for tag, a in p.tags if tag == "ol" and "findings" in (a.get("class") or "")]
    assert findings


# -- overlapping spans ----------------------------------------------------------------


def test_overlapping_and_nested_spans_give_balanced_markup() -> None:
    text = "In all 40 ships sailed: 25 from Oslo and 15 from Bergen.\n\nA later count said 40 ships."
    sentence = span_of(text, "In all 40 ships sailed: 25 from Oslo and 15 from Bergen.")
    total_a = Quantity(40, Interval.exact(40), sentence, "40 ships")  # a whole sentence as the total
    total_b = qty(text, "40 ships", 40)  # shares its start with the sentence
    p25 = Part(qty(text, "25 from Oslo", 25))
    p15 = Part(qty(text, "15 from Bergen", 15))
    crossing = Part(Quantity(15, Interval.exact(15), Span(text.index("Bergen"), text.index("later")), "x"))
    straddle = Part(Quantity(25, Interval.exact(25), Span(text.index("sailed"), text.index("Oslo") + 2), "y"))
    t1 = Tally("breakdown", "ship", "equal", total_a, (p25, p15, crossing),
               (Reading("25 + 15", Interval.exact(40)),), Status.CONSISTENT, Interval.exact(40))
    t2 = Tally("breakdown", "ship", "equal", total_b, (p25, straddle),
               (Reading("25 + 25", Interval.exact(50)),), Status.MISMATCH, Interval.exact(50))
    t3 = Tally("restated", "ship", "equal", total_b, (Part(qty(text, "40 ships", 40, nth=1)),), (),
               Status.CONSISTENT, Interval.exact(40))
    weird = (Span(5, 5), Span(-3, 2), Span(len(text) - 2, len(text) + 50), Span(len(text) + 5, len(text) + 9))
    f = Finding("TC101", "breakdown-sum-mismatch", Severity.ERROR, "adds up to 50, not 40", total_b.span,
                tuple(Related(s, f"odd {i}") for i, s in enumerate(weird)), ("25 + 25 = 50 ≠ 40",))
    f_out = Finding("TC103", "restated-total-mismatch", Severity.WARNING, "outside", Span(900, 950))
    out = render([FileReport("o.txt", text, Analysis((t1, t2, t3), (f, f_out)))], ctx())
    p = parse(out)
    assert p.paras == paragraphs(text)
    ids = p.ids()
    assert len(ids) == len(set(ids))
    hrefs = {a["href"][1:] for tag, a in p.tags if tag == "a"}
    assert hrefs <= set(ids) | {"main"}
    # the shared total is one highlight carrying both statuses, its mismatch shown
    shared = [m for m in p.marks if "st-mismatch" in m["attrs"]["class"]]
    assert "".join(m["text"] for m in shared) == "40 ships"
    assert "outside" in "".join(p.text)  # a finding whose span is off the text is still listed


def test_every_boundary_combination_stays_well_formed() -> None:
    text = "abcdefghij klmnopqrst\n\nuvwxyz 0123456789"
    n = len(text)
    spans = [Span(a, b) for a in range(0, n, 3) for b in range(a + 1, n + 1, 4)][:60]
    parts = tuple(Part(Quantity(1, Interval.exact(1), s, text[s.start:s.end])) for s in spans)
    t = Tally("breakdown", None, "at_most", Quantity(9, Interval.exact(9), Span(2, 30), "t"), parts,
              (), Status.PARTIAL, Interval(Fraction(0), Fraction(60)))
    out = render([FileReport("x.txt", text, Analysis((t,), ()))], ctx())
    p = parse(out)
    assert p.paras == paragraphs(text)


# -- self-contained ---------------------------------------------------------------------


def test_no_external_resources_and_a_strict_csp() -> None:
    out = render([mismatch_report(), FileReport("missing.txt", error="missing.txt: no such file")], ctx())
    for banned in ("http://", "https://", "src=", "url(", "@import", "<script", "<link", "<iframe", "//"):
        assert banned not in out.lower(), banned
    p = parse(out)
    metas = [a for tag, a in p.tags if tag == "meta"]
    csp = [a for a in metas if (a.get("http-equiv") or "").lower() == "content-security-policy"]
    assert len(csp) == 1
    policy = csp[0]["content"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "default-src 'none'" in policy and "script-src" not in policy
    # the policy comes before anything it governs
    assert out.index("Content-Security-Policy") < out.index("<style>")


# -- states ---------------------------------------------------------------------------


def test_all_tallies_add_up_lists_what_was_verified() -> None:
    text = ("The clinic saw 14 patients: 9 adults and 5 children.\n\n"
            "It hired 3 nurses: 2 in May and 1 in June.")
    t1 = tally(text, "14 patients", 14, [("9 adults", 9), ("5 children", 5)], Status.CONSISTENT, "9 + 5",
               unit="patient")
    t2 = tally(text, "3 nurses", 3, [("2 in May", 2), ("1 in June", 1)], Status.CONSISTENT, "2 + 1",
               unit="nurse")
    out = render([FileReport("ok.md", text, Analysis((t1, t2), ()))], ctx())
    p = parse(out)
    body = " ".join("".join(p.text).split())
    assert "All tallies add up" in body
    assert "ok.md" in body
    for what in ("14 patients", "(patient)", "9 + 5 = 14", "3 nurses", "(nurse)", "2 + 1 = 3"):
        assert what in body, what
    assert 'class="verdict ok"' in out
    assert not p.marks_with("hl-finding")


def test_no_tallies_is_not_called_adding_up() -> None:
    out = render([FileReport("empty.txt", "Nothing to count here.", Analysis())], ctx())
    parse(out)
    assert "All tallies add up" not in out
    assert "no total with a breakdown was found" in out


def test_unverified_tallies_without_findings_are_not_called_adding_up() -> None:
    report = mismatch_report()
    quiet = FileReport(report.path, report.text, Analysis(report.analysis.tallies, ()))
    out = render([quiet], ctx())
    assert "All tallies add up" not in out
    assert "did not verify" in out


def test_unreadable_file_shows_its_error_and_the_others_still_render() -> None:
    bad = FileReport("gone <b>.txt", error="gone <b>.txt: no such file")
    out = render([bad, mismatch_report("b.txt")], ctx())
    p = parse(out)
    body = "".join(p.text)
    assert "gone <b>.txt: no such file" in body
    assert "Could not be checked" in body
    assert p.marks_with("st-mismatch") == ["30 homes"]
    assert "1 error in 2 files" in body


def test_summary_counts_every_file() -> None:
    warn = Finding("TC104", "distributive-ambiguous", Severity.WARNING, "say each", Span(0, 5))
    info = Finding("TC106", "something", Severity.INFO, "note", Span(6, 10))
    other = FileReport("w.txt", "Seven boats sank.", Analysis((), (warn, info)))
    out = render([mismatch_report("a.txt"), other], ctx())
    body = " ".join("".join(parse(out).text).split())
    assert "1 error, 1 warning, 1 info in 2 files" in body
    assert out.count('<li id="file2-finding-') == 2
    assert "<title>tallycheck: 2 files — 1 error, 1 warning, 1 info</title>" in out


def test_crlf_and_markdown_source_are_shown_verbatim() -> None:
    text = "# Floods\r\n\r\nRain closed **18 schools**: 10 in Kent and 8 in Essex.\r\n"
    t = tally(text, "18 schools", 18, [("10", 10), ("8 in Essex", 8)], Status.CONSISTENT, "10 + 8",
              unit="school")
    out = render([FileReport("f.md", text, Analysis((t,), ()))], ctx())
    p = parse(out)
    assert p.paras == ["# Floods", "Rain closed **18 schools**: 10 in Kent and 8 in Essex."]
    assert p.marks_with("st-consistent") == ["18 schools"]


# -- reuse ----------------------------------------------------------------------------


def test_fragment_and_page_are_reusable() -> None:
    a = render_document(mismatch_report("one.txt"), registry_for(), prefix="one")
    b = render_document(mismatch_report("two.txt"), None, prefix="two")
    assert a.startswith("<section") and a.endswith("</section>")
    assert "<html" not in a and "Why TC101 matters" in a and "Why TC101" not in b
    doc = page(a + b, "Check <yours>")
    p = parse(doc)
    assert doc.startswith("<!DOCTYPE html>")
    assert "<title>Check &lt;yours&gt;</title>" in doc
    assert len(p.ids()) == len(set(p.ids()))
    bad_prefix = render_document(mismatch_report(), prefix='x" onclick="y')
    assert 'onclick="' not in bad_prefix


def test_cli_renderer_is_this_module() -> None:
    assert renderer_for("html") is render


def test_real_engine_finding_is_shown_with_its_arithmetic() -> None:
    text = ("Air defences destroyed 32 drones overnight: four each over Belgorod and Bryansk, "
            "two over Voronezh, one each over Kursk and Tula.")
    analysis = check_text(text)
    out = render([FileReport("seed.txt", text, analysis)], ctx())
    p = parse(out)
    assert p.paras == [text]
    body = "".join(p.text)
    for f in analysis.findings:
        assert f.message in body
        for line in f.arithmetic:
            assert line in body
        assert text[f.primary.start:f.primary.end] in p.marks_with("hl-finding")
    for t in analysis.tallies:
        assert text[t.total.span.start:t.total.span.end] in p.marks_with("hl-total")
