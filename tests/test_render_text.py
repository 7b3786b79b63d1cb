"""The text format: headers, underlines under the right cells, labels, arithmetic, summary."""

from __future__ import annotations

import shutil
import subprocess
import sys
from io import StringIO

from render.builders import (
    SENTENCE,
    STORY,
    context,
    finding,
    report,
    rescue_report,
    unreadable,
)
from rich.cells import cell_len
from rich.console import Console

from checker.model import Severity
from checker.render import renderer_for
from checker.render.text_format import render, write


def rows(reports, width: int = 140, **kw) -> list[str]:
    return render(reports, context(width=width, **kw)).splitlines()


def source_row(lines: list[str], number: int, nth: int = 0) -> int:
    """Index of the ``nth`` row that shows source line ``number``."""
    found = [i for i, line in enumerate(lines) if line.lstrip().startswith(f"{number} | ")]
    return found[nth]


def body(row: str) -> str:
    """A row without its gutter (``12 | `` or ``   | ``)."""
    return row.split("| ", 1)[1] if "| " in row else ""


def column_of(row: str, needle: str) -> int:
    """Terminal cell where ``needle`` starts in a drawn source row."""
    text = body(row)
    return cell_len(text[: text.index(needle)])


def test_header_names_file_line_column_severity_rule_and_message():
    lines = rows([rescue_report()])
    assert lines[0] == ("story.txt:1:21: error[TC101] breakdown-sum-mismatch: "
                        "the breakdown of 27 people adds up to 23, not 27")


def test_total_is_underlined_with_carets_and_parts_with_dashes():
    lines = rows([rescue_report()])
    i = source_row(lines, 1)
    src, marks = body(lines[i]), body(lines[i + 1])
    assert src == SENTENCE
    assert marks[src.index("27 people") : src.index("27 people") + 9] == "^" * 9
    for word in ("nine", "eight", "six"):
        at = src.index(word)
        assert marks[at : at + len(word)] == "-" * len(word)
        assert marks[at - 1] == " "
    assert marks.count("^") == 9


def test_labels_hang_under_their_marks():
    lines = rows([rescue_report()])
    i = source_row(lines, 1)
    src = body(lines[i])
    assert body(lines[i + 1]).endswith("--- part: six (Fenwick)")
    label_rows = {body(r).strip().split("|")[-1].strip(): body(r) for r in lines[i + 2 : i + 5]}
    assert set(label_rows) == {"part: eight (Millbrook)", "part: nine (Oakridge)", "total"}
    for label, word in (("part: eight (Millbrook)", "eight"), ("part: nine (Oakridge)", "nine"),
                        ("total", "27 people")):
        assert label_rows[label].index(label) == src.index(word)
    # connectors lead from the marks still waiting for their labels
    assert body(lines[i + 4]).startswith(" " * src.index("27") + "total")


def test_arithmetic_and_blank_line_follow_the_snippet():
    lines = rows([rescue_report()])
    j = lines.index("  = arithmetic: 9 + 8 + 6 = 23 ≠ 27")
    assert lines[j + 1] == ""


def test_a_tab_before_the_total_does_not_shift_the_underline():
    r = rescue_report(before="\t")
    lines = rows([r])
    i = source_row(lines, 1)
    assert "\t" not in "\n".join(lines)
    assert body(lines[i]).startswith("    Rescue")
    caret = body(lines[i + 1]).index("^")
    assert caret == column_of(lines[i], "27 people")
    assert body(lines[i + 1]).index("-") == column_of(lines[i], "nine")


def test_wide_characters_before_the_total_count_two_cells():
    r = rescue_report(before="東京の記者 — ")
    lines = rows([r])
    i = source_row(lines, 1)
    caret = body(lines[i + 1]).index("^")
    assert caret == column_of(lines[i], "27 people")
    assert caret == len("東京の記者 — Rescue crews pulled ") + 5  # five wide characters
    assert body(lines[i + 1]).index("-") == column_of(lines[i], "nine")


def test_combining_accents_take_no_cell():
    text = "Cafe\u0301 owners counted 14 chairs: 5 inside and 6 outside.\n"
    f = finding(text, "14 chairs", [("5 inside", "part: 5"), ("6 outside", "part: 6")])
    lines = rows([report("menu.txt", text, [f])])
    i = source_row(lines, 1)
    assert body(lines[i + 1]).index("^") == column_of(lines[i], "14 chairs") == text.index("14") - 1


def test_article_brackets_are_printed_literally_never_as_markup():
    text = "The [bold]mayor[/bold] said 12 [red]buses[/] ran: 4 [i]early[/i] and 5 late.\n"
    f = finding(text, "12 [red]buses[/]", [("4 [i]early[/i]", "part: 4 [i]early[/i]"), ("5 late", "part: 5")],
                message="the breakdown of 12 [red]buses[/] adds up to 9, not 12")
    for color in (False, True):
        out = render([report("[x].txt", text, [f])], context(color=color))
        assert "The [bold]mayor[/bold] said 12 [red]buses[/] ran" in out
        assert "part: 4 [i]early[/i]" in out
        assert "[x].txt:1:" in out
        assert "adds up to 9" in out


def test_colour_codes_only_when_asked():
    plain = render([rescue_report()], context(color=False))
    coloured = render([rescue_report()], context(color=True))
    assert "\x1b" not in plain
    assert "\x1b[" in coloured
    assert "\x1b[1;31m" in coloured  # the severity in bold red


def test_escape_sequences_in_the_article_never_reach_the_terminal():
    text = "Crews \x1b[2Jpulled 27 people out: nine in \u202eOakridge and six.\n"
    f = finding(text, "27 people", [("nine", "part: nine"), ("six", "part: six")])
    for color in (False, True):
        out = render([report("s.txt", text, [f])], context(color=color))
        assert "\x1b[2J" not in out and "\u202e" not in out
        assert "?[2Jpulled" in out
        if not color:
            lines = out.splitlines()
            i = source_row(lines, 1)
            assert body(lines[i + 1]).index("^") == column_of(lines[i], "27 people")


def test_plain_console_from_the_tests_renders_the_same():
    console = Console(file=StringIO(), width=100, color_system=None)
    write(console, [rescue_report()])
    out = console.file.getvalue()
    assert out == render([rescue_report()], context(width=100))
    assert all(len(line) <= 100 for line in out.splitlines() if line.startswith("1 | "))


def test_long_lines_are_cut_to_a_window_around_the_spans():
    filler = "Lorem ipsum dolor sit amet, " * 40
    text = filler + SENTENCE + " " + filler + "\n"
    f = finding(text, "27 people", [("nine", "part: nine"), ("six", "part: six")])
    lines = rows([report("long.txt", text, [f])], width=100)
    i = source_row(lines, 1)
    assert len(lines[i]) <= 100
    assert body(lines[i]).startswith("...") and lines[i].endswith("...")
    assert "27 people" in lines[i] and "six in" in lines[i]
    assert body(lines[i + 1]).index("^") == column_of(lines[i], "27 people")
    assert all(len(line) <= 100 for line in lines if "|" in line and "part" not in line)


def test_spans_far_apart_on_a_long_line_get_windows_of_their_own():
    filler = "and the water kept rising, " * 20
    text = "Crews pulled 27 people out: nine in Oakridge, " + filler + "six in Fenwick.\n"
    f = finding(text, "27 people", [("nine", "part: nine"), ("six in", "part: six")])
    lines = rows([report("far.txt", text, [f])], width=80)
    first, second = source_row(lines, 1, 0), source_row(lines, 1, 1)
    assert body(lines[first + 1]).index("^") == column_of(lines[first], "27 people")
    assert body(lines[second]).startswith("...")
    assert body(lines[second + 1]).index("-") == column_of(lines[second], "six in")
    assert all(len(lines[k]) <= 80 for k in (first, second))


def test_parts_on_other_lines_get_their_own_source_line():
    text = "Crews pulled 27 people out.\n\nBy village:\n- Oakridge: nine\n- Fenwick: six\n"
    f = finding(text, "27 people", [("nine", "part: nine (Oakridge)"), ("six", "part: six (Fenwick)")])
    lines = rows([report("list.md", text, [f])])
    one, four, five = source_row(lines, 1), source_row(lines, 4), source_row(lines, 5)
    assert one < four < five
    assert lines[one + 1].strip().endswith("^^^^^^^^^ total")
    assert lines[one + 2] == "..."  # lines 2 and 3 are skipped
    assert body(lines[four + 1]).rstrip() == " " * 12 + "---- part: nine (Oakridge)"
    assert lines[five - 1].endswith("part: nine (Oakridge)")


def test_a_total_inside_a_share_list_keeps_both_underlines():
    text = "Of the ballots, 52% went to Smith, 41% to Jones and 12% to Brown.\n"
    total = "52% went to Smith, 41% to Jones and 12%"
    f = finding(text, total, [("52%", "part: 52%"), ("41%", "part: 41%"), ("12%", "part: 12%")],
                rule="TC105", name="shares-do-not-sum")
    lines = rows([report("poll.txt", text, [f])])
    i = source_row(lines, 1)
    assert body(lines[i + 1]).strip() == "^" * len(total) + " total"
    dashes = body(lines[i + 2])
    for p in ("52%", "41%", "12%"):
        assert dashes[text.index(p, 16) : text.index(p, 16) + 3] == "---"


def test_a_share_list_marks_its_first_share_once_as_a_share_not_a_total():
    text = "Asked about the plan, 48% said yes, 41% said no and 14% were undecided.\n"
    f = finding(text, "48%", [("48%", "part: 48%"), ("41%", "part: 41%"), ("14%", "part: 14%")],
                rule="TC105", name="shares-do-not-sum")
    lines = rows([report("poll.txt", text, [f])])
    i = source_row(lines, 1)
    first = text.index("48%")
    assert body(lines[i + 1]).startswith(" " * first + "^^^ ")
    assert "total" not in "\n".join(lines[i + 1 :])
    assert sum("part: 48%" in line for line in lines) == 1


def test_a_total_broken_over_two_lines_is_underlined_on_both():
    text = "Crews pulled 27\npeople out: nine here and six there.\n"
    f = finding(text, "27\npeople", [("nine", "part: nine"), ("six", "part: six")])
    lines = rows([report("wrap.txt", text, [f])])
    one, two = source_row(lines, 1), source_row(lines, 2)
    assert body(lines[one + 1]).strip() == "^^"
    assert body(lines[two + 1]).startswith("^^^^^^ ")
    assert body(lines[two + 3]) == "total"  # the label goes with the last piece


def test_warnings_and_notes_are_labelled_by_severity():
    text = SENTENCE
    w = finding(text, "27 people", rule="TC104", name="ambiguous-distributive-wording",
                severity=Severity.WARNING, message="say each")
    lines = rows([report("s.txt", text, [w])])
    assert lines[0] == "s.txt:1:21: warning[TC104] ambiguous-distributive-wording: say each"


def test_summary_counts_findings_by_severity_and_tallies_checked():
    text = SENTENCE
    e1 = finding(text, "27 people")
    e2 = finding(text, "nine")
    w = finding(text, "six", severity=Severity.WARNING)
    reports = [report("a.txt", text, [e1, w]), report("b.txt", text, [e2]), report("c.txt", text, [], tallies=1)]
    assert rows(reports)[-1] == "2 errors, 1 warning in 2 files (4 tallies checked in 3 files)"
    assert rows([report("a.txt", text, [e1])])[-1] == "1 error in 1 file (1 tally checked in 1 file)"


def test_summary_when_everything_adds_up():
    text = SENTENCE
    reports = [report("a.txt", text, [], tallies=3), report("b.txt", text, [], tallies=2)]
    assert rows(reports) == ["all tallies add up (5 checked in 2 files)"]
    assert rows([report("a.txt", text, [], tallies=0)]) == ["no tallies found in 1 file"]


def test_unreadable_files_are_reported_and_counted():
    lines = rows([unreadable("gone.txt"), report("a.txt", SENTENCE, [], tallies=2)])
    assert lines[0] == "gone.txt: error: could not be read: no such file"
    assert lines[-1] == "all tallies add up (2 checked in 1 file); 1 file could not be read"


def test_text_is_the_renderer_for_the_text_format():
    assert renderer_for("text") is render


def test_cli_text_format(tmp_path):
    shutil.copy(STORY, tmp_path / "story.txt")
    done = subprocess.run([sys.executable, "-m", "checker", "--format", "text", "--color", "never",
                           "story.txt"], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("story.txt:3:")
    assert "error[TC101]" in lines[0]
    assert any(line.startswith("3 | ") for line in lines)
    assert "^" in done.stdout and "total" in done.stdout
    assert "\x1b" not in done.stdout
    assert lines[-1].startswith("1 error in 1 file")


def test_a_span_without_parts_is_underlined_but_not_called_a_total():
    text = "<!-- tallycheck-disable TC101 -->\nNothing to count.\n"
    f = finding(text, "tallycheck-disable TC101", rule="TC900", name="unused-suppression",
                severity=Severity.INFO, message="unused suppression: tallycheck-disable TC101 suppressed nothing")
    lines = rows([report("s.md", text, [f])])
    assert lines[0] == ("s.md:1:6: info[TC900] unused-suppression: "
                        "unused suppression: tallycheck-disable TC101 suppressed nothing")
    assert lines[1:4] == ["  |", "1 | <!-- tallycheck-disable TC101 -->", "  |      " + "^" * 24]
    assert "total" not in "\n".join(lines[:-1])
    assert lines[-1] == "1 info in 1 file (1 tally checked in 1 file)"


def test_colour_never_spills_from_the_gutter_onto_the_article():
    out = render([rescue_report()], context(color=True, width=140))
    [row] = [line for line in out.splitlines() if "Rescue crews" in line]
    assert row.endswith("\x1b[0m " + SENTENCE)  # the sentence itself carries no style
