"""HTML source reader: body text, block boundaries, skipped elements, references, offsets."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.offsets import LineIndex
from checker.sources import SourceText, load_source
from checker.sources.html import html_source

FIXTURES = Path(__file__).parent / "sources"


def block_texts(doc: SourceText) -> list[tuple[str, str]]:
    return [(b.kind, doc.plain[b.start : b.end]) for b in doc.blocks or ()]


def word_mismatches(doc: SourceText) -> list[tuple[str, str]]:
    """Words of ``plain`` whose mapped source span is not the identical text."""
    out = []
    for m in re.finditer(r"\S+", doc.plain):
        s, e = doc.offsets.span_to_source(m.start(), m.end())
        if doc.source[s:e] != m.group():
            out.append((m.group(), doc.source[s:e]))
    return out


def char_mismatches(doc: SourceText) -> list[tuple[int, str, str]]:
    """Visible plain characters that map neither to themselves nor to a character reference."""
    out = []
    for i, ch in enumerate(doc.plain):
        if ch.isspace():
            continue
        s, e = doc.offsets.span_to_source(i, i + 1)
        if not ((e - s == 1 and doc.source[s] == ch) or (e - s > 1 and doc.source[s] == "&")):
            out.append((i, ch, doc.source[s:e]))
    return out


def source_of(doc: SourceText, needle: str, nth: int = 0) -> str:
    starts = [m.start() for m in re.finditer(re.escape(needle), doc.plain)]
    a = starts[nth]
    s, e = doc.offsets.span_to_source(a, a + len(needle))
    return doc.source[s:e]


def assert_exact(doc: SourceText, expected_word_mismatches: tuple[tuple[str, str], ...] = ()) -> None:
    assert char_mismatches(doc) == []
    assert word_mismatches(doc) == list(expected_word_mismatches)


# --------------------------------------------------------------------------- what is read


def test_only_the_body_is_read_when_there_is_one():
    doc = html_source(
        "<html><head><title>20 drones</title><meta name=x content=9></head>"
        "<body><p>Body text.</p></body></html>"
    )
    assert doc.plain == "Body text."
    assert doc.format == "html"


def test_without_a_body_the_whole_document_is_read_but_head_things_are_not():
    doc = html_source("<title>Page 20</title><style>p{}</style>Loose text <p>and a paragraph</p> tail")
    assert block_texts(doc) == [("paragraph", "Loose text"), ("paragraph", "and a paragraph"),
                                ("paragraph", "tail")]


def test_unclosed_head_ends_at_body():
    doc = html_source("<html><head><title>x</title><body><p>kept</p>")
    assert doc.plain == "kept"


@pytest.mark.parametrize("tag", ["script", "style", "code", "pre", "template", "noscript", "svg", "math",
                                 "textarea", "iframe"])
def test_skipped_elements_and_everything_inside(tag):
    doc = html_source(f"<p>before <{tag}><b>20 drones</b> <span>inner</span></{tag}> after</p>")
    assert doc.plain == "before after"
    assert_exact(doc)


def test_script_text_that_looks_like_tags_is_skipped():
    doc = html_source("<p>a</p><script>document.write('</p><p>20 drones');</script><p>b</p>")
    assert block_texts(doc) == [("paragraph", "a"), ("paragraph", "b")]


def test_nested_skipped_elements_close_in_order():
    doc = html_source("<pre><code>x</code> still pre</pre><p>out <code>c<code>d</code>e</code> of it</p>")
    assert doc.plain == "out of it"


def test_attributes_and_images_are_not_text():
    doc = html_source('<p title="20 drones">Seen <img alt="20 drones" src="http://example.org/x.png"> here</p>')
    assert doc.plain == "Seen here"


def test_no_external_entities_and_no_fetching():
    doc = html_source(
        '<!DOCTYPE html SYSTEM "http://example.org/evil.dtd" [<!ENTITY e "20 drones">]>'
        '<?xml-stylesheet href="http://example.org/s.xsl"?><p>Entity &e; stays &e;</p>'
    )
    assert "Entity &e; stays &e;" in doc.plain
    assert "20 drones" not in doc.plain


def test_many_references_expand_linearly():
    doc = html_source("<p>" + "&amp;" * 20000 + "</p>")
    assert doc.plain == "&" * 20000
    assert doc.offsets.span_to_source(19999, 20000) == (3 + 5 * 19999, 3 + 5 * 20000)


# --------------------------------------------------------------------------- blocks


def test_block_elements_bound_blocks_and_give_kinds():
    doc = html_source(
        "<body><header>Masthead</header><h1>Head</h1><h3>Sub</h3><section><p>One</p><div>Two</div></section>"
        "<ul><li>Item <b>bold</b></li><li>Next</li></ul><dl><dt>Term</dt><dd>Def</dd></dl>"
        "<table><caption>Cap</caption><tr><th>H</th><td>Cell</td></tr></table>"
        "<blockquote><p>Quoted</p></blockquote><figure><figcaption>Fig</figcaption></figure>"
        "<article>Art<br>after break</article><footer>Foot</footer></body>"
    )
    assert block_texts(doc) == [
        ("paragraph", "Masthead"), ("heading", "Head"), ("heading", "Sub"),
        ("paragraph", "One"), ("paragraph", "Two"),
        ("list_item", "Item bold"), ("list_item", "Next"),
        ("list_item", "Term"), ("list_item", "Def"),
        ("paragraph", "Cap"), ("table_cell", "H"), ("table_cell", "Cell"),
        ("quote", "Quoted"), ("paragraph", "Fig"),
        ("paragraph", "Art"), ("paragraph", "after break"), ("paragraph", "Foot"),
    ]
    assert doc.plain.count("\n\n") == len(doc.blocks) - 1
    assert_exact(doc)


def test_inline_elements_do_not_split_words_or_blocks():
    doc = html_source("<p>2<b>0</b> <a href='#'>drones</a> over <span><em>Kursk</em></span></p>")
    assert block_texts(doc) == [("paragraph", "20 drones over Kursk")]
    assert_exact(doc, (("20", "2<b>0"),))


def test_dropped_inline_code_does_not_glue_words():
    doc = html_source("<p>20<code>x</code>drones and 8<!-- note -->over</p>")
    assert doc.plain == "20 drones and 8 over"


def test_unclosed_and_mismatched_tags():
    doc = html_source("<ul><li>one<li>two</ul><p>para<p>next</div>still next</p>")
    assert block_texts(doc) == [("list_item", "one"), ("list_item", "two"), ("paragraph", "para"),
                                ("paragraph", "next"), ("paragraph", "still next")]


def test_block_separator_maps_to_an_empty_source_range():
    doc = html_source("<p>One.</p>\n<p>Two.</p>")
    sep = doc.plain.index("\n\n")
    s, e = doc.offsets.span_to_source(sep, sep + 2)
    assert s == e == len("<p>One.")


# --------------------------------------------------------------------------- offsets


def test_whitespace_runs_collapse_to_one_space_mapped_to_the_run():
    text = "<p>Air\n      defences   destroyed\t20 drones</p>"
    doc = html_source(text)
    assert doc.plain == "Air defences destroyed 20 drones"
    i = doc.plain.index(" ")
    assert doc.offsets.span_to_source(i, i + 1) == (6, 13)
    assert source_of(doc, "Air defences") == "Air\n      defences"
    assert_exact(doc)


def test_character_references_decode_and_map_to_their_full_source():
    text = "<p>AT&amp;T paid &#36;20 &#x24;5 &mdash; &copy &notin; &bogus; a&nbsp;b &#0; &#x110000;</p>"
    doc = html_source(text)
    assert doc.plain == "AT&T paid $20 $5 — © ∉ &bogus; a\xa0b \ufffd \ufffd"
    assert source_of(doc, "&") == "&amp;"
    assert source_of(doc, "$", 0) == "&#36;"
    assert source_of(doc, "$", 1) == "&#x24;"
    assert source_of(doc, "—") == "&mdash;"
    assert source_of(doc, "©") == "&copy"
    assert source_of(doc, "\xa0") == "&nbsp;"
    assert source_of(doc, "AT&T") == "AT&amp;T"
    assert source_of(doc, "&bogus;") == "&bogus;"
    assert char_mismatches(doc) == []


def test_reference_for_a_space_is_a_space():
    doc = html_source("<p>8&#32;over&#10;Kursk</p>")
    assert doc.plain == "8 over Kursk"


def test_stray_ampersand_hash_does_not_swallow_the_rest():
    doc = html_source("<p>Q&#A with <b>bold</b></p><p>next 20</p>")
    assert block_texts(doc) == [("paragraph", "Q&#A with bold"), ("paragraph", "next 20")]
    assert_exact(doc)


def test_crlf_and_lone_cr():
    text = "<body>\r\n<p>Air defences\r\n destroyed 20 drones</p>\r<p>8 over Kursk</p>\r\n</body>"
    doc = html_source(text)
    assert doc.plain == "Air defences destroyed 20 drones\n\n8 over Kursk"
    s, e = doc.offsets.span_to_source(doc.plain.index("20"), doc.plain.index("20") + 9)
    assert text[s:e] == "20 drones"
    assert LineIndex(text).position(s) == (3, 12)
    s, _ = doc.offsets.span_to_source(doc.plain.index("Kursk"), doc.plain.index("Kursk") + 5)
    assert LineIndex(text).position(s) == (4, 11)
    assert_exact(doc)


def test_wide_and_astral_characters():
    text = "<h1>速報 🚀</h1>\n<p>無人機<b>20機</b>を撃墜 — 😀 8 over 🇺🇦 Kursk</p>"
    doc = html_source(text)
    assert block_texts(doc) == [("heading", "速報 🚀"), ("paragraph", "無人機20機を撃墜 — 😀 8 over 🇺🇦 Kursk")]
    s, e = doc.offsets.span_to_source(doc.plain.index("Kursk"), doc.plain.index("Kursk") + 5)
    assert text[s:e] == "Kursk"
    assert_exact(doc, (("無人機20機を撃墜", "無人機<b>20機</b>を撃墜"),))


def test_same_phrase_twice_maps_to_each_occurrence():
    text = "<p>20 drones and <i>20 drones</i></p><pre>20 drones</pre><p>20 drones</p>"
    doc = html_source(text)
    spans = [doc.offsets.span_to_source(m.start(), m.end()) for m in re.finditer("20 drones", doc.plain)]
    assert [text[s:e] for s, e in spans] == ["20 drones"] * 3
    assert spans == [(3, 12), (20, 29), (60, 69)]


def test_load_source_dispatches_to_html():
    assert load_source("<p>Some <b>text</b>.</p>", "html").plain == "Some text."


_HTML_PIECES = st.sampled_from([
    "<p>", "</p>", "<br>", "<b>", "</b>", "<li>", "<td>", "<h2>", "</h2>", "<code>", "</code>", "<script>",
    "</script>", "<body>", "</body>", "<head>", "</head>", "&amp;", "&amp", "&#36;", "&#", "&nbsp;", "&",
    "<", ">", "<!-- c -->", "20", "drones", " ", "\n", "\r\n", "\t", "😀", "中", "\xa0", "<a href='x>y'>",
    "</a>", "<img alt=9>", "<svg/>",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_HTML_PIECES, max_size=40).map("".join))
def test_random_documents_map_exactly(text):
    doc = html_source(text)
    assert char_mismatches(doc) == []
    for block in doc.blocks:
        assert 0 <= block.start < block.end <= len(doc.plain)
        assert not doc.plain[block.start].isspace() and not doc.plain[block.end - 1].isspace()


# --------------------------------------------------------------------------- end to end


def run_cli(path: Path) -> dict:
    proc = subprocess.run([sys.executable, "-m", "checker", "--format", "json", str(path)],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert proc.returncode == 1, proc.stderr
    return json.loads(proc.stdout)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column computed independently of LineIndex (LF and CRLF files)."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


@pytest.mark.parametrize(
    ("name", "line", "column", "parts"),
    [
        ("html_emphasis.html", 11, 54, [("8", 11), ("5", 12), ("4", 12)]),
        ("html_list_item.html", 6, 30, [("8", 6), ("5", 6), ("4", 6)]),
        ("html_table_cell.html", 5, 49, [("8", 5), ("5", 5), ("4", 5)]),
    ],
)
def test_cli_reports_the_total_at_its_source_position(tmp_path, name, line, column, parts):
    for newline in ("\n", "\r\n"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        path = tmp_path / name
        path.write_bytes(text.replace("\n", newline).encode("utf-8"))
        source = path.read_bytes().decode("utf-8")
        report = run_cli(path)
        (file_report,) = report["files"]
        assert [f["rule"] for f in file_report["findings"]] == ["TC101"]
        finding = file_report["findings"][0]
        span = finding["span"]
        assert span["text"] == "20 drones"
        assert source[span["start"] : span["end"]] == "20 drones"
        assert (span["line"], span["column"]) == (line, column)
        assert line_col(source, span["start"]) == (line, column)
        assert [(r["span"]["text"], r["span"]["line"]) for r in finding["related"]] == parts
        for r in finding["related"]:
            assert source[r["span"]["start"] : r["span"]["end"]] == r["span"]["text"]


def test_list_items_carry_their_nesting_depth():
    src = html_source("<p>By type:</p><ul><li>Shahed: 58<ul><li>shot down: 41</li><li>jammed: 17</li></ul></li>"
                      "<li>Decoys: 27</li></ul>")
    items = [(src.plain[b.start : b.end], b.depth) for b in src.blocks if b.kind == "list_item"]
    assert items == [("Shahed: 58", 1), ("shot down: 41", 2), ("jammed: 17", 2), ("Decoys: 27", 1)]
    assert all(b.depth == 0 for b in src.blocks if b.kind != "list_item")
