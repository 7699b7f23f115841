"""An OKR sheet's words: its header's many names, its grades and its confidence scales."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrtui.core.errors import InvalidInput
from okrtui.core.sheet import (
    OKR_COLUMNS,
    REQUIRED,
    SYNONYMS,
    column_key,
    missing_columns,
    okr_column,
    okr_columns,
    parse_grade,
)

README = Path(__file__).parents[2] / "README.md"


def test_each_name_means_one_column_only() -> None:
    seen: dict[str, str] = {}
    for column, words in SYNONYMS.items():
        for word in (column, *words):
            assert seen.setdefault(column_key(word), column) == column, word


@pytest.mark.parametrize(("cell", "column"), [
    ("Quarter", "cycle"), ("PERIOD", "cycle"), ("KR", "key_result"),
    ("Key Result", "key_result"), ("key_result", "key_result"), ("Statement", "key_result"),
    ("Goal", "objective"), ("Objective title", "objective"), ("Grade", "score"),
    ("Final score", "score"), ("Start value", "baseline"), ("Target value", "target"),
    ("Deadline", "due"), ("Check-in date", "date"), ("As of", "date"), ("Current", "value"),
    ("Actual", "value"), ("Note", "comment"), ("OKR owner", "objective_owner"),
    ("KR owner", "owner"), ("objective_score", "objective_score"), (" kr id ", "key_result_id"),
])
def test_a_header_cell_is_read_whatever_its_case_spaces_and_underscores(
    cell: str, column: str
) -> None:
    assert okr_column(cell) == column


def test_a_header_with_the_four_needed_columns_is_an_okr_sheet() -> None:
    columns = okr_columns(["Quarter", "Goal", "Owner", "KR", "Target", "Colour", "KR"])
    assert columns == {"cycle": 0, "objective": 1, "owner": 2, "key_result": 3, "target": 4}
    assert missing_columns(columns) == []
    assert missing_columns(okr_columns(["metric", "at", "value"])) == [
        "cycle", "objective", "key_result", "target"]


def test_the_readme_lists_every_column_and_every_other_name() -> None:
    text = README.read_text("utf-8")
    section = text[text.index("## Bringing in a spreadsheet of OKRs"):]
    section = section[:section.index("\n## ", 4)]
    for column, words in SYNONYMS.items():
        assert f"`{column}`" in section, column
        for word in words:
            assert f"`{word}`" in section, word
    assert all(f"`{c}`" in section for c in REQUIRED) and len(OKR_COLUMNS) == 19


@pytest.mark.parametrize(("cell", "expected"), [
    ("", (None, False)), ("n/a", (None, True)), ("N/A", (None, True)),
    ("not graded", (None, True)), ("0.66", (0.66, False)), ("0", (0.0, False)),
    ("1", (1.0, False)), ("70%", (0.7, False)), ("0.05", (0.05, False)),
])
def test_a_grade_is_a_score_from_0_to_1_or_not_graded(cell: str, expected: tuple) -> None:
    assert parse_grade(cell) == expected


@pytest.mark.parametrize("cell", ["1.5", "-0.1", "good", "150%"])
def test_a_grade_outside_0_to_1_is_refused_in_okrtuis_words(cell: str) -> None:
    with pytest.raises(InvalidInput, match="is not a"):
        parse_grade(cell)
