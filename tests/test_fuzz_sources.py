"""Markdown and HTML sources under fuzzing and attack: spans index the source, nothing runs.

For any Markdown or HTML text (arbitrary Unicode, markup-dense, entity floods): the engine
returns, every span satisfies ``0 <= start < end <= len(source)`` and the JSON ``text``,
``line`` and ``column`` agree with the source (see :mod:`test_fuzz_engine`). Entity
expansion is bounded (a reference expands to at most a few characters, a huge numeric one
to U+FFFD), nothing is fetched while reading or reporting, and the HTML report shows
article text only escaped.

``TALLYCHECK_FUZZ_EXAMPLES=20000`` raises the number of examples (see the README).
"""

from __future__ import annotations

import json
import re
import socket
import urllib.request

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from test_fuzz_engine import ANY_CHAR, CONTEXT, DENSE, TOKENS, check_everything, fuzz

from checker.cli import main
from checker.engine import Engine
from checker.model import FileReport
from checker.render.html_format import render as html_render
from checker.sources import load_source
from checker.sources.html import html_source
from checker.sources.markdown import markdown_source

BREAKDOWN = "Air defences destroyed 20 drones: 8 over the Kursk region, 5 over the Belgorod region and 4 over Tula."

MARKDOWN_PIECES = st.sampled_from([
    "# ", "## ", "> ", "- ", "* ", "1. ", "2) ", "    ", "\t", "```", "```\n", "~~~", "`", "``", "*", "**", "_",
    "__", "~~", "[", "]", "(", ")", "](http://e.org/a)", "![", "<", ">", "<!-- ", " -->", "<b>", "</b>",
    "<script>", "</script>", "&amp;", "&#35;", "&#99999999999;", "&#x110000;", "&bogus;", "&", "\\", "\\*",
    "|", "| --- |", "---\n", "===\n", "+++\n", "\n", "\r\n", "\r", "\n\n", "  \n", "[^1]", "[x]: /u",
    "<http://e.org>", "www.e.org", "\x00", "\ufeff", "\u2028",
])
HTML_PIECES = st.sampled_from([
    "<p>", "</p>", "<br>", "<br/>", "<b>", "</b>", "<i>", "<li>", "</li>", "<ul>", "<td>", "<tr>", "<table>",
    "<h1>", "</h1>", "<div>", "</div>", "<code>", "</code>", "<pre>", "</pre>", "<script>", "</script>",
    "<style>", "</style>", "<body>", "</body>", "<head>", "</head>", "<title>", "<svg>", "</svg>", "<math>",
    "<template>", "<textarea>", "<!-- ", " -->", "<!--", "-->", "<!DOCTYPE html>", "<![CDATA[", "]]>", "<?xml ?>",
    "&amp;", "&amp", "&nbsp;", "&#36;", "&#x24;", "&#", "&#x", "&#99999999999;", "&#x110000;", "&#0;",
    "&#xD800;", "&bogus;", "&", "<", ">", "</", "<a href='javascript:alert(1)'>", "</a>",
    "<img src=x onerror=alert(1)>", "<a title=\"x>y\">", "'", '"', "=", "\n", "\r\n", "\r", "\t", "\x00",
])


def documents(pieces: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(pieces, TOKENS), max_size=60).map("".join)


# --------------------------------------------------------------------------- spans


@fuzz(150)
@given(st.text(ANY_CHAR, max_size=300))
@example("# 20 drones\r\n\r\n" + BREAKDOWN)
def test_markdown_arbitrary_unicode(text):
    check_everything(text, "markdown")


@fuzz(200)
@given(documents(MARKDOWN_PIECES))
@example("> - 20 drones: 8 over *Kursk*, 5 over `x` [Belgorod](u) and 4 over Tula &amp; &#99999999999;")
def test_markdown_markup_dense(text):
    check_everything(text, "markdown")


@fuzz(150)
@given(st.text(ANY_CHAR, max_size=300))
@example(f"<p>{BREAKDOWN}</p>\r\n<p>&#xD800; &#0;</p>")
def test_html_arbitrary_unicode(text):
    check_everything(text, "html")


@fuzz(200)
@given(documents(HTML_PIECES))
@example("<li>20 drones: <b>8</b> over Kursk, 5 over Belgorod &amp; 4 over Tula</li>&#99999999999;")
def test_html_markup_dense(text):
    check_everything(text, "html")


@fuzz(100)
@given(DENSE, st.sampled_from(["markdown", "html"]), st.sampled_from(["", "<p>", "> ", "- ", "<li>", "# "]))
def test_number_dense_prose_in_markup(text, fmt, prefix):
    check_everything(prefix + text, fmt)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_wrapped_breakdown_spans_point_into_the_source(fmt):
    text = f"<p>{BREAKDOWN}</p>" if fmt == "html" else f"> *{BREAKDOWN}*"
    analysis = check_everything(text, fmt)
    (finding,) = analysis.findings
    assert text[finding.primary.start : finding.primary.end] == "20 drones"


# --------------------------------------------------------------------------- entities


def test_an_entity_flood_decodes_linearly_into_one_character_each():
    n = 50_000
    for text in ("&amp;" * n, "&#99999999999;" * n, "&#x110000;" * n, "&#0;" * n):
        doc = html_source(text)
        assert len(doc.plain) == n, text[:20]
        assert set(doc.plain) <= {"&", "\ufffd"}
        assert doc.offsets.span_to_source(n - 1, n) == (len(text) - len(text) // n, len(text))


def test_huge_numeric_references_become_the_replacement_character():
    doc = html_source("<p>&#99999999999; drones, &#x7FFFFFFFFFFFFFFF; &#9999999999999999999999999999999;</p>")
    assert doc.plain == "\ufffd drones, \ufffd \ufffd"


def test_markdown_entities_are_bounded_too():
    n = 20_000
    doc = markdown_source("&amp;" * n + "\n\n" + "&#99999999999;" * 10 + " &#x110000;")
    assert doc.plain.startswith("&" * n) and len(doc.plain) < n + 200
    assert "\ufffd" in doc.plain  # &#x110000; is out of range; the 11-digit one is no reference at all


def test_entity_flood_with_counts_checks_through_the_engine():
    text = "<p>" + "&amp; " * 20_000 + BREAKDOWN + "</p>"
    source = load_source(text, "html")
    analysis = Engine().analyse(source)
    assert [text[f.primary.start : f.primary.end] for f in analysis.findings] == ["20 drones"]


# --------------------------------------------------------------------------- nothing runs, nothing is fetched

HOSTILE_HTML = f"""<!DOCTYPE html><html><head>
<meta http-equiv="refresh" content="0; url=http://example.invalid/">
<link rel="stylesheet" href="http://example.invalid/x.css">
<script src="http://example.invalid/x.js"></script>
<script>document.write("<p>99 drones: 1 over Kursk</p>")</script>
<base href="http://example.invalid/">
</head><body>
<p>{BREAKDOWN}</p>
<p><img src="http://example.invalid/pixel.gif" onerror="alert('img-1')"> <iframe src="http://example.invalid/"></iframe>
<a href="javascript:alert('link-1')">Click</a> <object data="http://example.invalid/o"></object>
<script>alert("script-1")</script></p>
<svg><image href="http://example.invalid/s.svg"/></svg>
</body></html>
"""
HOSTILE_MARKDOWN = f"""# Drones <script>alert("script-2")</script>

{BREAKDOWN}

![pixel](http://example.invalid/pixel.gif) [click](javascript:alert('link-2')) <img src=x onerror="alert('img-2')">

<script>alert("script-3")</script>

[ref]: http://example.invalid/ref
"""


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection or a URL fails the test."""
    calls: list[object] = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    yield calls
    assert calls == []


def test_scripts_and_remote_resources_are_neither_run_nor_fetched_nor_read(no_network):
    for text, fmt in ((HOSTILE_HTML, "html"), (HOSTILE_MARKDOWN, "markdown")):
        source = load_source(text, fmt)
        assert "example.invalid" not in source.plain and "99 drones" not in source.plain  # no document.write
        assert "script-1" not in source.plain and "script-3" not in source.plain  # script elements are skipped
        # (inline raw HTML in Markdown is only its tags: the text between them, and a javascript: link
        # CommonMark refuses, stay words -- read, never run)
        analysis = check_everything(text, fmt)
        assert [text[f.primary.start : f.primary.end] for f in analysis.findings] == ["20 drones"]


_RAW_MARKUP = re.compile(
    r"<script|<img|<iframe|<object|<svg|<image|href=[\"']?\s*javascript:|<meta http-equiv=\"refresh|<base |<link",
    re.IGNORECASE)


@pytest.mark.parametrize(("name", "text"), [("story.html", HOSTILE_HTML), ("story.md", HOSTILE_MARKDOWN),
                                            ("story.txt", HOSTILE_MARKDOWN + HOSTILE_HTML)])
def test_html_report_shows_hostile_article_text_only_escaped(no_network, tmp_path, capsys, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert main(["--format", "html", str(path)]) == 1
    page = capsys.readouterr().out
    assert _RAW_MARKUP.search(page) is None, _RAW_MARKUP.search(page)
    for marker in ("script-", "img-", "link-"):
        for m in re.finditer(re.escape(marker) + r"\d", page):
            assert m.group() in text
    assert "&lt;script&gt;alert(" in page
    assert "javascript:alert(" in page  # shown as text, never as a link


@fuzz(60)
@given(st.lists(st.sampled_from(["<script>", "</script>", "<img src=x onerror=alert(1)>", "javascript:",
                                 "<a href='javascript:alert(1)'>", "&lt;", "&", '"', "'", "<", ">", "</p>",
                                 "20 drones: 8 over Kursk and 5 over Tula. ", "\n", "]]>", "<!--", "<p>"]),
                max_size=20).map("".join))
def test_html_report_escapes_any_article(text):
    for fmt, name in (("text", "a.txt"), ("html", "a.html"), ("markdown", "a.md")):
        source = load_source(text, fmt)
        page = html_render([FileReport(name, text, Engine().analyse(source))], CONTEXT)
        assert _RAW_MARKUP.search(page) is None, (fmt, _RAW_MARKUP.search(page))


def test_json_report_of_hostile_html_is_plain_data(tmp_path, capsys):
    path = tmp_path / "story.html"
    path.write_text(HOSTILE_HTML, encoding="utf-8")
    assert main(["--format", "json", str(path)]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["files"][0]["findings"][0]["span"]["text"] == "20 drones"
