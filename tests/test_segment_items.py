"""Plain-text list items: a line that starts with a bullet, or a number after a finished line, is a
block of its own, so a breakdown written as a list is read item by item."""

from __future__ import annotations

from checker.segment import segmenter_for


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, text[b.start : b.end]) for b in segmenter_for().blocks(text)]


def test_bullet_lines_are_items_even_after_a_colon() -> None:
    text = "Floods killed 23 people, the agency said. The dead were:\n* 9 in Batang\n- 8 in Pekalongan\n• 6 in Brebes\n"
    assert kinds(text) == [
        ("paragraph", "Floods killed 23 people, the agency said. The dead were:"),
        ("list_item", "* 9 in Batang"),
        ("list_item", "- 8 in Pekalongan"),
        ("list_item", "• 6 in Brebes"),
    ]


def test_numbered_lines_after_a_finished_line_are_items() -> None:
    text = "The budget splits three ways:\n1. Schools: 20 million\n2) Roads: 15 million\n"
    assert [k for k, _ in kinds(text)] == ["paragraph", "list_item", "list_item"]


def test_a_wrapped_sentence_ending_in_a_number_still_joins() -> None:
    text = ("Floods hit the north on Monday.\n"
            "The ministry said on Tuesday that the number of people evacuated from the district had reached\n"
            "12. Officials expect more.\n")
    assert kinds(text)[-1][0] == "paragraph" and kinds(text)[-1][1].endswith("reached\n12. Officials expect more.")


def test_a_hyphen_inside_a_line_is_no_bullet() -> None:
    text = "Turnout was 61.2 per cent - the highest since 1992.\nCounting ends tonight.\n"
    assert [k for k, _ in kinds(text)] == ["paragraph", "paragraph"]


def test_an_indented_bullet_is_one_level_deeper() -> None:
    text = "Those released:\n- hostages: 4\n- prisoners: 70\n  - women: 48\n  - boys: 22\n- others: 2\n"
    depths = [b.depth for b in segmenter_for().blocks(text) if b.kind == "list_item"]
    assert depths[0] == depths[1] == depths[4] and depths[2] == depths[3] > depths[0]
