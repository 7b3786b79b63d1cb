"""Markdown source reader: what is kept, what is dropped, blocks, and exact offsets.

Every case runs with ``strict=True``, so a block that fails to align raises instead of
falling back to coarse offsets; the round-trip helpers then check that each word of the
plain text maps back to the identical source text.
"""

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
from checker.sources.markdown import MisalignedError, markdown_source

FIXTURES = Path(__file__).parent / "sources"


def md(text: str) -> SourceText:
    return markdown_source(text, strict=True)


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
    """Visible plain characters that map neither to themselves nor to an entity or escape."""
    out = []
    for i, ch in enumerate(doc.plain):
        if ch.isspace():
            continue
        s, e = doc.offsets.span_to_source(i, i + 1)
        same = e - s == 1 and doc.source[s] == ch
        decoded = e - s > 1 and doc.source[s] in "&\\"
        if not (same or decoded):
            out.append((i, ch, doc.source[s:e]))
    return out


def source_of(doc: SourceText, needle: str, nth: int = 0) -> str:
    """Source text behind the ``nth`` occurrence of ``needle`` in the plain text."""
    starts = [m.start() for m in re.finditer(re.escape(needle), doc.plain)]
    a = starts[nth]
    s, e = doc.offsets.span_to_source(a, a + len(needle))
    return doc.source[s:e]


def assert_exact(doc: SourceText, expected_word_mismatches: tuple[tuple[str, str], ...] = ()) -> None:
    assert char_mismatches(doc) == []
    assert word_mismatches(doc) == list(expected_word_mismatches)


# --------------------------------------------------------------------------- kept and dropped


def test_prose_blocks_are_kept_with_their_kinds():
    doc = md(
        "# Headline\n\nFirst paragraph.\n\n- item one\n- item two\n\n> quoted line\n\n"
        "| Region | Drones |\n|---|---|\n| Kursk | 8 |\n\nSetext heading\n--------------\n"
    )
    assert block_texts(doc) == [
        ("heading", "Headline"),
        ("paragraph", "First paragraph."),
        ("list_item", "item one"),
        ("list_item", "item two"),
        ("quote", "quoted line"),
        ("table_cell", "Region"),
        ("table_cell", "Drones"),
        ("table_cell", "Kursk"),
        ("table_cell", "8"),
        ("heading", "Setext heading"),
    ]
    assert doc.format == "markdown"
    assert_exact(doc)


def test_nearest_container_decides_the_kind():
    doc = md("> - a list item in a quote\n\n- > a quote in a list item\n\n> > nested quote\n")
    assert block_texts(doc) == [
        ("list_item", "a list item in a quote"),
        ("quote", "a quote in a list item"),
        ("quote", "nested quote"),
    ]


def test_code_html_comments_front_matter_and_urls_are_dropped():
    text = (
        "---\ntitle: 99 drones\n---\n\n"
        "Keep this.\n\n"
        "```python\nfenced = 99\n```\n\n"
        "    indented code 99\n\n"
        "<div>\nraw html 99\n</div>\n\n"
        "<!-- a comment 99 -->\n\n"
        "Inline `code 99` and <https://example.org/99> and ![alt 99](pic99.png) and "
        "https://example.org/a/99?b=1 and www.example.org/99 and <span>tag text</span> stay out.\n\n"
        "[ref]: https://example.org/99\n"
    )
    doc = md(text)
    assert doc.plain == "Keep this.\n\nInline and and and and and tag text stay out."
    assert "99" not in doc.plain
    assert_exact(doc)


def test_link_text_is_kept_and_link_markup_dropped():
    doc = md('See [the *full* report](https://example.org/x "Report title") and [ref link][r].\n\n'
             "[r]: https://example.org/r 'T'\n")
    assert doc.plain == "See the full report and ref link."
    assert source_of(doc, "the") == "the"
    assert source_of(doc, "report") == "report"
    assert_exact(doc, (("link.", "link][r]."),))  # markup between a word and its full stop


def test_emphasis_markup_is_dropped():
    doc = md("Air defences destroyed **20 drones**, _eight_ over ***Kursk*** and __5__ over Tula.\n")
    assert doc.plain == "Air defences destroyed 20 drones, eight over Kursk and 5 over Tula."
    assert source_of(doc, "20 drones") == "20 drones"
    assert source_of(doc, "Kursk") == "Kursk"
    assert_exact(doc, (("drones,", "drones**,"),))


def test_unmatched_markup_stays_as_text():
    doc = md("a * b and 2*3 and [not a link] and `open\n")
    assert doc.plain == "a * b and 2*3 and [not a link] and `open"
    assert_exact(doc)


# --------------------------------------------------------------------------- breaks and gaps


def test_soft_break_is_a_space_and_hard_break_a_newline():
    doc = md("one\ntwo  \nthree\\\nfour\n")
    assert doc.plain == "one two\nthree\nfour"
    assert block_texts(doc) == [("paragraph", "one two\nthree\nfour")]
    # the soft-break space stands for the source line break
    i = doc.plain.index(" ")
    assert doc.offsets.span_to_source(i, i + 1) == (3, 4)
    assert_exact(doc)


def test_dropped_inline_pieces_do_not_glue_words():
    doc = md("20`code`drones and before <https://x.org>after and a ![i](p.png)b\n")
    assert doc.plain == "20 drones and before after and a b"
    assert_exact(doc)


def test_dropped_piece_next_to_a_space_adds_no_second_space():
    doc = md("the `code` here and `lead` text\n\n`only code` then words\n")
    assert block_texts(doc) == [("paragraph", "the here and text"), ("paragraph", "then words")]


def test_block_separator_is_synthetic_and_maps_to_an_empty_range():
    doc = md("First.\n\n\n\nSecond.\n")
    assert doc.plain == "First.\n\nSecond."
    sep = doc.plain.index("\n\n")
    s, e = doc.offsets.span_to_source(sep, sep + 2)
    assert s == e == len("First.")
    assert doc.blocks[1].start == sep + 2


def test_empty_and_code_only_blocks_make_no_block():
    doc = md("#\n\n`just code`\n\n| a | |\n|---|---|\n\nText.\n")
    assert block_texts(doc) == [("table_cell", "a"), ("paragraph", "Text.")]


# --------------------------------------------------------------------------- exact offsets


def test_entities_and_escapes_map_to_their_full_source():
    doc = md("AT&amp;T paid &#36;20 &copy; \\*not emphasis\\* and 5 &lt; 6 &bogus; \\q\n")
    assert doc.plain == "AT&T paid $20 © *not emphasis* and 5 < 6 &bogus; \\q"
    assert source_of(doc, "&") == "&amp;"
    assert source_of(doc, "$") == "&#36;"
    assert source_of(doc, "©") == "&copy;"
    assert source_of(doc, "*") == "\\*"
    assert source_of(doc, "AT&T") == "AT&amp;T"
    assert source_of(doc, "&bogus;") == "&bogus;"
    assert_exact(doc, (("AT&T", "AT&amp;T"), ("$20", "&#36;20"), ("©", "&copy;"),
                       ("*not", "\\*not"), ("emphasis*", "emphasis\\*"), ("<", "&lt;")))


def test_links_with_titles_across_lines_in_a_block_quote():
    text = '> Officials [said\n> 20 drones](https://example.org/a\n> "a title") fell, 8 over\n>   Kursk.\n'
    doc = md(text)
    assert doc.plain == "Officials said 20 drones fell, 8 over Kursk."
    assert block_texts(doc)[0][0] == "quote"
    assert source_of(doc, "20 drones") == "20 drones"
    assert source_of(doc, "fell, 8 over") == "fell, 8 over"
    assert source_of(doc, "over Kursk") == "over\n>   Kursk"
    assert_exact(doc)


def test_block_quote_prefix_on_every_line_and_lazy_continuation():
    doc = md("> > deep quote line one\n> > line two\n> line three\nlazy four\n")
    assert doc.plain == "deep quote line one line two line three lazy four"
    assert source_of(doc, "two line") == "two\n> line"
    assert_exact(doc)


def test_nested_lists_and_tabs():
    text = "1.\tFirst\titem\n2. Second\n   - nested *one*\n\t- nested two\n     with\tcontinuation\n"
    doc = md(text)
    assert block_texts(doc) == [
        ("list_item", "First\titem"),
        ("list_item", "Second"),
        ("list_item", "nested one"),
        ("list_item", "nested two with\tcontinuation"),
    ]
    assert source_of(doc, "First\titem") == "First\titem"
    assert_exact(doc)


def test_table_pipes_escaped_pipes_and_ragged_rows():
    text = "> | Region | Count |\n> |:--|--:|\n> | Kursk \\| Oryol | **8** |\n> | Tula |\n> no pipes row | 3\n"
    doc = md(text)
    assert block_texts(doc) == [
        ("table_cell", "Region"), ("table_cell", "Count"),
        ("table_cell", "Kursk | Oryol"), ("table_cell", "8"),
        ("table_cell", "Tula"),
        ("table_cell", "no pipes row"), ("table_cell", "3"),
    ]
    assert source_of(doc, "Kursk | Oryol") == "Kursk \\| Oryol"
    assert source_of(doc, "Kursk") == "Kursk"
    assert source_of(doc, "Oryol") == "Oryol"
    assert source_of(doc, "|") == "|"  # the pipe itself; its escaping backslash is dropped
    assert_exact(doc)


def test_crlf_line_endings():
    text = "# Title\r\n\r\nAir defences destroyed\r\n20 drones: 8 over Kursk `co\r\nde` and Tula.\r\n\r\n- item\r\n"
    doc = md(text)
    assert doc.plain == "Title\n\nAir defences destroyed 20 drones: 8 over Kursk and Tula.\n\nitem"
    assert source_of(doc, "destroyed 20") == "destroyed\r\n20"
    s, _ = doc.offsets.span_to_source(doc.plain.index("Tula"), doc.plain.index("Tula") + 4)
    assert LineIndex(text).position(s) == (5, 9)
    assert_exact(doc)


def test_lone_cr_line_endings():
    doc = md("one\rtwo\r\rthree\r")
    assert block_texts(doc) == [("paragraph", "one two"), ("paragraph", "three")]
    assert_exact(doc)


def test_wide_and_astral_characters():
    text = "# 速報 🚀\n\n無人機**20機**を撃墜 — 😀 8 over 🇺🇦 Kursk, ünïcödé *ß*\n"
    doc = md(text)
    assert doc.plain == "速報 🚀\n\n無人機20機を撃墜 — 😀 8 over 🇺🇦 Kursk, ünïcödé ß"
    assert source_of(doc, "20機") == "20機"
    assert source_of(doc, "Kursk") == "Kursk"
    s, _ = doc.offsets.span_to_source(doc.plain.index("Kursk"), doc.plain.index("Kursk") + 5)
    assert text[s : s + 5] == "Kursk"
    assert_exact(doc, (("無人機20機を撃墜", "無人機**20機**を撃墜"),))


def test_front_matter_is_skipped_and_offsets_still_exact():
    text = "---\ntitle: Raid\ntags: [a, b]\n---\n\nBody **20 drones** here.\n"
    doc = md(text)
    assert doc.plain == "Body 20 drones here."
    s, e = doc.offsets.span_to_source(5, 14)
    assert text[s:e] == "20 drones"
    assert LineIndex(text).position(s) == (6, 8)


def test_headings_atx_closing_hashes_and_indent():
    doc = md("  ## Indented *heading* ##   \n### 3 # not closing\n# Title #\n")
    assert block_texts(doc) == [
        ("heading", "Indented heading"),
        ("heading", "3 # not closing"),
        ("heading", "Title"),
    ]
    assert_exact(doc)


def test_heading_inside_a_list_item_whose_marker_looks_like_content():
    doc = md("1. # 1 heading\n")
    assert block_texts(doc) == [("heading", "1 heading")]
    s, _ = doc.offsets.span_to_source(0, 1)
    assert s == 5  # the "1" after "# ", not the list marker


def test_nul_characters_keep_offsets():
    doc = md("a\0b 20 drones\n")
    assert source_of(doc, "20 drones") == "20 drones"


def test_same_phrase_twice_maps_to_each_occurrence():
    text = "20 drones and *20 drones* and `20 drones` and 20 drones\n"
    doc = md(text)
    assert doc.plain == "20 drones and 20 drones and and 20 drones"
    spans = [doc.offsets.span_to_source(m.start(), m.end()) for m in re.finditer("20 drones", doc.plain)]
    assert spans == [(0, 9), (15, 24), (46, 55)]


def test_load_source_dispatches_to_markdown():
    doc = load_source("Some *text*.\n", "markdown")
    assert doc.format == "markdown" and doc.plain == "Some text."


def test_misalignment_falls_back_to_coarse_block_offsets(monkeypatch):
    import checker.sources.markdown as mdmod

    def broken(*args, **kwargs):
        raise MisalignedError("simulated parser change")

    monkeypatch.setattr(mdmod, "_line_cmap", broken)
    text = "Intro line.\n\nAir **20 drones**\nhere.\n"
    doc = mdmod.markdown_source(text)
    assert doc.plain == "Intro line.\n\nAir 20 drones here."
    s, e = doc.offsets.span_to_source(doc.plain.index("20"), doc.plain.index("20") + 2)
    assert (s, e) == (len("Intro line.\n\n"), len(text) - 1)  # the whole block, never a wrong word
    with pytest.raises(MisalignedError):
        mdmod.markdown_source(text, strict=True)


def test_a_character_map_off_by_one_is_caught_even_where_it_runs_on_unbroken(monkeypatch):
    """Text is copied a whole run at a time when its characters map to consecutive source characters;
    the run is still checked against the source, so a map shifted by one is caught, not copied."""
    import checker.sources.markdown as mdmod

    real = mdmod._line_cmap
    monkeypatch.setattr(mdmod, "_line_cmap", lambda *args: [c + 1 if c >= 0 else c for c in real(*args)])
    with pytest.raises(MisalignedError, match="not its source character"):
        mdmod.markdown_source("Air defences downed 20 drones over Kursk.\n", strict=True)


def test_a_block_abandoned_half_way_leaves_no_partial_text(monkeypatch):
    import checker.sources.markdown as mdmod

    def broken(self, text):
        raise MisalignedError("simulated failure at the line break")

    monkeypatch.setattr(mdmod._InlineWalk, "_break", broken)
    text = "Air **20 drones**\nhere.\n\nNext.\n"
    doc = mdmod.markdown_source(text)
    assert block_texts(doc) == [("paragraph", "Air 20 drones here."), ("paragraph", "Next.")]
    assert doc.offsets.span_to_source(4, 6) == (0, len("Air **20 drones**\nhere."))
    assert doc.offsets.span_to_source(doc.plain.index("Next"), len(doc.plain)) == (25, 30)


# --------------------------------------------------------------------------- property


_WORDS = st.sampled_from([
    "20", "drones", "Kursk", "над", "無人機", "😀", "🇺🇦", "a_b", "x*y", "AT&T", "&amp;", "&#36;",
    "\\*", "\\|", "tab\there", "(8)", "—", "3.5%", "[x]", "!", "<b>", "</b>", "<!-- c -->",
])
_INLINE = st.recursive(
    _WORDS,
    lambda inner: st.one_of(
        inner.map(lambda w: f"*{w}*"),
        inner.map(lambda w: f"**{w}**"),
        inner.map(lambda w: f"_{w}_"),
        inner.map(lambda w: f"`{w}`"),
        inner.map(lambda w: f"[{w}](https://e.org/{len(w)} \"t\")"),
        inner.map(lambda w: f"![{w}](p.png)"),
        st.tuples(inner, inner).map(lambda p: f"{p[0]} {p[1]}"),
    ),
    max_leaves=6,
)
_LINE = st.lists(_INLINE, min_size=1, max_size=5).map(" ".join)
_PREFIX = st.sampled_from(["", "", "> ", "- ", "1. ", "  ", "\t", "# ", "| ", "> > ", "- > "])
_EOL = st.sampled_from(["\n", "\r\n", "  \n", "\\\n"])


@st.composite
def _documents(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        prefix = draw(_PREFIX)
        line = draw(_LINE)
        if prefix == "| ":
            line = f"| {line} | {draw(_LINE)} |\n|---|---|\n| {draw(_LINE)} | x"
        parts.append(prefix + line + draw(_EOL))
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(["\n", "\r\n"])))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(_documents())
def test_random_documents_always_align_exactly(text):
    doc = md(text)
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
        ("md_emphasis.md", 8, 36, [("8", 8), ("5", 8), ("4", 8)]),
        ("md_list_item.md", 7, 3, [("8", 7), ("5", 7), ("4", 8)]),
        ("md_table_cell.md", 5, 35, [("8", 5), ("5", 5), ("4", 5)]),
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
        related = [(r["span"]["text"], r["span"]["line"]) for r in finding["related"]]
        assert related == parts
        for r in finding["related"]:
            assert source[r["span"]["start"] : r["span"]["end"]] == r["span"]["text"]


def test_list_items_carry_their_nesting_depth():
    src = markdown_source("Displaced:\n\n- Sofala: 6,100\n  - Buzi: 3,900\n  - Nhamatanda: 2,200\n- Manica: 3,400\n")
    items = [(src.plain[b.start : b.end], b.depth) for b in src.blocks if b.kind == "list_item"]
    assert items == [("Sofala: 6,100", 1), ("Buzi: 3,900", 2), ("Nhamatanda: 2,200", 2), ("Manica: 3,400", 1)]
    assert all(b.depth == 0 for b in src.blocks if b.kind != "list_item")
