"""Inline suppression directives as the three readers extract them (applying them is not tested here)."""

from __future__ import annotations

import pytest

from checker.sources import Directive
from checker.sources.directives import parse_comment, parse_text_line, text_directives
from checker.sources.html import html_source
from checker.sources.markdown import markdown_source


def found(directives: tuple[Directive, ...], text: str) -> list[tuple[str, tuple[str, ...], int, str]]:
    """(kind, rules, line, source text) of each directive."""
    return [(d.kind, d.rules, d.line, text[d.start : d.end]) for d in directives]


# --------------------------------------------------------------------------- comment bodies


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (" tallycheck-disable ", ("disable", ())),
        (" tallycheck-disable TC101 TC102 ", ("disable", ("TC101", "TC102"))),
        ("tallycheck-disable TC101,TC2", ("disable", ("TC101", "TC2"))),
        (" tallycheck-enable ", ("enable", ())),
        (" tallycheck-enable TC1 ", ("enable", ("TC1",))),
        (" tallycheck-disable-next-line ", ("disable-next-line", ())),
        (" tallycheck-disable-next-line tc101 ", ("disable-next-line", ("TC101",))),
        (" tallycheck-disable TC101 -- the ministry's own figures ", ("disable", ("TC101",))),
        (" tallycheck-disable -- reason only ", ("disable", ())),
        ("\n  tallycheck-disable\n  TC101\n", ("disable", ("TC101",))),
    ],
)
def test_comment_bodies_that_are_directives(body, expected):
    assert parse_comment(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        " a note for editors ",
        " tallycheck-disabled ",
        " tallycheck-disable-next ",
        " tallycheck-disable the sum check ",  # prose, not ids
        " tallycheck-disable TC-101 ",
        " TALLYCHECK-DISABLE ",
        " see tallycheck-disable ",
        " tallycheck: disable ",  # plain-text syntax is not a comment directive
    ],
)
def test_comment_bodies_that_are_not_directives(body):
    assert parse_comment(body) is None


# --------------------------------------------------------------------------- plain text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("tallycheck: disable-next-line", ("disable-next-line", ())),
        ("tallycheck: disable-next-line TC101", ("disable-next-line", ("TC101",))),
        ("  tallycheck:disable TC1 TC2  ", ("disable", ("TC1", "TC2"))),
        ("tallycheck: enable", ("enable", ())),
        ("# tallycheck: disable TC101 -- quoted from the ministry", ("disable", ("TC101",))),
        ("// tallycheck: enable", ("enable", ())),
    ],
)
def test_text_lines_that_are_directives(line, expected):
    assert parse_text_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The tool tallycheck: disable-next-line TC101",  # not at the start of the line
        "tallycheck: disable the next paragraph",
        "tallycheck: disabled",
        "tallycheck disable",
        "<!-- tallycheck-disable -->",
    ],
)
def test_text_lines_that_are_not_directives(line):
    assert parse_text_line(line) is None


def test_text_directives_give_lines_and_offsets():
    text = (
        "Headline\n"
        "tallycheck: disable-next-line TC101\n"
        "Air defences destroyed 20 drones: 8 over Kursk.\n"
        "  tallycheck: disable\n"
        "More text.\n"
        "tallycheck: enable  \n"
    )
    assert found(text_directives(text), text) == [
        ("disable-next-line", ("TC101",), 2, "tallycheck: disable-next-line TC101"),
        ("disable", (), 4, "tallycheck: disable"),
        ("enable", (), 6, "tallycheck: enable"),
    ]


def test_text_directives_with_crlf_and_lone_cr():
    text = "One\r\ntallycheck: disable TC1\r\nTwo\rtallycheck: enable\rThree"
    assert found(text_directives(text), text) == [
        ("disable", ("TC1",), 2, "tallycheck: disable TC1"),
        ("enable", (), 4, "tallycheck: enable"),
    ]


def test_text_without_directives():
    assert text_directives("") == ()
    assert text_directives("Nothing to see: tallycheck is a linter.\n") == ()


# --------------------------------------------------------------------------- markdown


def test_markdown_directives_in_block_and_inline_comments():
    text = (
        "# Title\n"
        "\n"
        "<!-- tallycheck-disable-next-line TC101 -->\n"
        "Air defences destroyed 20 drones: 8 over Kursk.\n"
        "\n"
        "Inline <!-- tallycheck-disable TC1 TC2 --> in a paragraph.\n"
        "\n"
        "> <!-- tallycheck-enable -->\n"
        "\n"
        "<!--\n"
        "tallycheck-disable\n"
        "-->\n"
        "\n"
        "<div>\n"
        "<!-- tallycheck-enable TC101 --><!-- editor note -->\n"
        "</div>\n"
    )
    doc = markdown_source(text, strict=True)
    assert found(doc.directives, text) == [
        ("disable-next-line", ("TC101",), 3, "<!-- tallycheck-disable-next-line TC101 -->"),
        ("disable", ("TC1", "TC2"), 6, "<!-- tallycheck-disable TC1 TC2 -->"),
        ("enable", (), 8, "<!-- tallycheck-enable -->"),
        ("disable", (), 10, "<!--\ntallycheck-disable\n-->"),
        ("enable", ("TC101",), 15, "<!-- tallycheck-enable TC101 -->"),
    ]
    assert "tallycheck" not in doc.plain


def test_markdown_directive_lines_with_crlf():
    text = "Intro.\r\n\r\n<!-- tallycheck-disable-next-line -->\r\nText with <!-- tallycheck-enable --> here.\r\n"
    doc = markdown_source(text, strict=True)
    assert found(doc.directives, text) == [
        ("disable-next-line", (), 3, "<!-- tallycheck-disable-next-line -->"),
        ("enable", (), 4, "<!-- tallycheck-enable -->"),
    ]


def test_markdown_comments_inside_code_front_matter_or_escaped_are_not_directives():
    text = (
        "---\n"
        "note: <!-- tallycheck-disable -->\n"
        "---\n"
        "\n"
        "```html\n"
        "<!-- tallycheck-disable -->\n"
        "```\n"
        "\n"
        "    <!-- tallycheck-disable -->\n"
        "\n"
        "Inline `<!-- tallycheck-disable -->` and \\<!-- tallycheck-disable --> and &lt;!-- tallycheck-enable -->.\n"
    )
    doc = markdown_source(text, strict=True)
    assert doc.directives == ()


# --------------------------------------------------------------------------- html


def test_html_directives_anywhere_in_the_document():
    text = (
        "<html>\n"
        "<head><!-- tallycheck-disable TC201 --></head>\n"
        "<body>\n"
        "<!-- tallycheck-disable-next-line TC101 -->\n"
        "<p>Air defences destroyed 20 drones: <!-- tallycheck-enable -->8 over Kursk.</p>\n"
        "<!--\n  tallycheck-disable\n-->\n"
        "<p>Not a directive: &lt;!-- tallycheck-disable --&gt;</p>\n"
        "<script>var s = '<!-- tallycheck-disable -->';</script>\n"
        "</body></html>\n"
    )
    doc = html_source(text)
    assert found(doc.directives, text) == [
        ("disable", ("TC201",), 2, "<!-- tallycheck-disable TC201 -->"),
        ("disable-next-line", ("TC101",), 4, "<!-- tallycheck-disable-next-line TC101 -->"),
        ("enable", (), 5, "<!-- tallycheck-enable -->"),
        ("disable", (), 6, "<!--\n  tallycheck-disable\n-->"),
    ]
    assert "20 drones: 8 over Kursk." in doc.plain


def test_html_directive_lines_with_crlf_and_lone_cr():
    text = "<p>a</p>\r\n<!-- tallycheck-disable -->\r<p>b</p>\r\n<!-- tallycheck-enable TC1 -->"
    doc = html_source(text)
    assert found(doc.directives, text) == [
        ("disable", (), 2, "<!-- tallycheck-disable -->"),
        ("enable", ("TC1",), 4, "<!-- tallycheck-enable TC1 -->"),
    ]
